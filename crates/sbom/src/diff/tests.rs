//! The pairing rules and counts, on hand-made sides.

use super::*;

fn entry(purl: &str, version: &str, licenses: &[&str], location: Option<&str>) -> Entry {
    let name = purl
        .rsplit('/')
        .next()
        .unwrap()
        .split(['?', '@'])
        .next()
        .unwrap()
        .to_owned();
    Entry::new(
        Some(purl.to_owned()),
        "",
        name,
        version.to_owned(),
        licenses.iter().map(|l| (*l).to_owned()).collect(),
        location.map(str::to_owned),
        None,
    )
}

fn side(packages: Vec<Entry>) -> Side {
    Side {
        input: "x".into(),
        kind: "image".into(),
        name: None,
        digest: None,
        layers: Vec::new(),
        packages,
        license_refs: BTreeMap::new(),
    }
}

#[test]
fn added_removed_changed() {
    let from = side(vec![
        entry(
            "pkg:deb/debian/libc6@2.36-9?arch=amd64&distro=debian-12",
            "2.36-9",
            &["LGPL-2.1"],
            None,
        ),
        entry("pkg:deb/debian/jq@1.6-2.1?arch=amd64", "1.6-2.1", &[], None),
        entry("pkg:npm/ms@2.1.3", "2.1.3", &["MIT"], None),
        entry("pkg:npm/left@2.0.0", "2.0.0", &["MIT"], None),
    ]);
    let to = side(vec![
        entry(
            "pkg:deb/debian/libc6@2.36-9+deb12u10?arch=amd64&distro=debian-12",
            "2.36-9+deb12u10",
            &["LGPL-2.1"],
            None,
        ),
        entry("pkg:npm/ms@2.1.3", "2.1.3", &["Apache-2.0"], None),
        entry("pkg:npm/left@1.0.0", "1.0.0", &["MIT"], None),
        entry(
            "pkg:deb/debian/curl@7.88.1-10?arch=amd64",
            "7.88.1-10",
            &[],
            None,
        ),
    ]);
    let d = diff(from, to);
    assert_eq!(
        d.added.iter().map(|e| e.key.as_str()).collect::<Vec<_>>(),
        ["pkg:deb/debian/curl?arch=amd64"]
    );
    assert_eq!(
        d.removed.iter().map(|e| e.key.as_str()).collect::<Vec<_>>(),
        ["pkg:deb/debian/jq?arch=amd64"]
    );
    let changed: Vec<_> = d
        .changed
        .iter()
        .map(|c| (c.name.as_str(), c.version, c.license_changed))
        .collect();
    assert_eq!(
        changed,
        [
            ("libc6", Direction::Up, false),
            ("left", Direction::Down, false),
            ("ms", Direction::Same, true),
        ]
    );
    assert_eq!(
        (
            d.summary.upgraded,
            d.summary.downgraded,
            d.summary.license_changed,
            d.summary.unchanged
        ),
        (1, 1, 1, 0)
    );
    assert_eq!(d.count(Category::Changed), 2);
    assert_eq!(d.count(Category::License), 1);
}

#[test]
fn one_purl_in_several_places_pairs_by_location() {
    let from = side(vec![
        entry(
            "pkg:npm/ms@2.0.0",
            "2.0.0",
            &[],
            Some("/app/node_modules/debug/node_modules/ms/package.json"),
        ),
        entry(
            "pkg:npm/ms@2.1.3",
            "2.1.3",
            &[],
            Some("/app/node_modules/ms/package.json"),
        ),
    ]);
    let to = side(vec![
        entry(
            "pkg:npm/ms@2.0.0",
            "2.0.0",
            &[],
            Some("/app/node_modules/debug/node_modules/ms/package.json"),
        ),
        entry(
            "pkg:npm/ms@2.1.4",
            "2.1.4",
            &[],
            Some("/app/node_modules/ms/package.json"),
        ),
        entry(
            "pkg:npm/ms@1.0.0",
            "1.0.0",
            &[],
            Some("/app/node_modules/x/node_modules/ms/package.json"),
        ),
    ]);
    let d = diff(from, to);
    assert_eq!(d.changed.len(), 1);
    assert_eq!(
        (
            d.changed[0].from.version.as_str(),
            d.changed[0].to.version.as_str()
        ),
        ("2.1.3", "2.1.4")
    );
    assert!(d.changed[0].to.shared_key);
    assert_eq!(
        d.added[0].location.as_deref(),
        Some("/app/node_modules/x/node_modules/ms/package.json")
    );
    assert_eq!(d.summary.unchanged, 1);
}

#[test]
fn keys_ignore_versions_distro_and_python_spelling() {
    let a = entry("pkg:pypi/Zope.Interface@5.0", "5.0", &[], None);
    let b = entry("pkg:pypi/zope-interface@6.0", "6.0", &[], None);
    assert_eq!(a.key, b.key);
    let c = entry(
        "pkg:rpm/redhat/bash@5.1-1?arch=x86_64&epoch=1&distro=rhel-9.4",
        "1:5.1-1",
        &[],
        None,
    );
    assert_eq!(c.key, "pkg:rpm/redhat/bash?arch=x86_64");
    let npm = entry("pkg:npm/%40types/node@20.0.0", "20.0.0", &[], None);
    assert_eq!(npm.key, "pkg:npm/@types/node");
}

#[test]
fn licenses_compare_by_terms() {
    let from = side(vec![entry(
        "pkg:npm/x@1",
        "1",
        &["MIT OR Apache-2.0"],
        None,
    )]);
    let to = side(vec![entry(
        "pkg:npm/x@1",
        "1",
        &["(Apache-2.0 OR MIT)"],
        None,
    )]);
    assert_eq!(diff(from, to).summary.unchanged, 1);
}
