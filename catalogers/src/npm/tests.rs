//! The npm cataloger over views: installed trees, Debian's packaged modules,
//! application roots, and projects read from their lockfiles.

use std::path::Path;

use super::NpmCataloger;
use crate::model::{Catalog, Metadata};
use crate::view::{from_dir, ImageFiles};
use crate::{Cataloger, Environment};

fn json(name: &str, version: &str, extra: &str) -> Vec<u8> {
    format!(r#"{{"name":"{name}","version":"{version}"{extra}}}"#).into_bytes()
}

fn view(files: &[(&str, Vec<u8>)]) -> ImageFiles {
    let mut v = ImageFiles::new();
    for (path, content) in files {
        v.insert_file(path, content.clone().into(), 0);
    }
    v
}

fn catalog(files: &ImageFiles) -> Catalog {
    NpmCataloger.catalog(files, &Environment::default())
}

fn ids(c: &Catalog) -> Vec<String> {
    let mut ids: Vec<String> = c
        .packages
        .iter()
        .map(|p| {
            format!(
                "{}@{}{}",
                p.name,
                p.version,
                if p.application { " (app)" } else { "" }
            )
        })
        .collect();
    ids.sort();
    ids
}

fn edges(c: &Catalog) -> Vec<String> {
    let mut out: Vec<String> = c
        .relationships
        .iter()
        .map(|r| format!("{} -> {}", c.packages[r.from].name, c.packages[r.to].name))
        .collect();
    out.sort();
    out
}

#[test]
fn installed_tree_with_nested_and_scoped_packages() {
    let v = view(&[
        (
            "app/package.json",
            json(
                "my-app",
                "1.0.0",
                r#","dependencies":{"a":"^1.0.0","@s/b":"2.x"}"#,
            ),
        ),
        (
            "app/package-lock.json",
            br#"{"lockfileVersion":3,"packages":{}}"#.to_vec(),
        ),
        ("app/node_modules/.package-lock.json", b"{}".to_vec()),
        (
            "app/node_modules/a/package.json",
            json(
                "a",
                "1.2.0",
                r#","dependencies":{"c":"^1"},"license":"MIT""#,
            ),
        ),
        (
            "app/node_modules/@s/b/package.json",
            json("@s/b", "2.0.1", r#","dependencies":{"c":"^2"}"#),
        ),
        ("app/node_modules/c/package.json", json("c", "1.0.0", "")),
        (
            "app/node_modules/@s/b/node_modules/c/package.json",
            json("c", "2.0.0", ""),
        ),
        // Not packages: a test fixture, an ESM stub, a nested fixture tree.
        (
            "app/node_modules/a/test/package.json",
            json("fixture", "0.0.1", ""),
        ),
        (
            "app/node_modules/a/dist/esm/package.json",
            br#"{"type":"module"}"#.to_vec(),
        ),
        (
            "app/node_modules/a/test/fixtures/node_modules/x/package.json",
            json("x", "9.9.9", ""),
        ),
    ]);
    let c = catalog(&v);
    assert_eq!(
        ids(&c),
        [
            "@s/b@2.0.1",
            "a@1.2.0",
            "c@1.0.0",
            "c@2.0.0",
            "my-app@1.0.0 (app)"
        ]
    );
    assert_eq!(
        edges(&c),
        ["@s/b -> c", "a -> c", "my-app -> @s/b", "my-app -> a"]
    );
    // Each c is the one Node would load.
    let b = c.packages.iter().position(|p| p.name == "@s/b").unwrap();
    let nested_c = c.relationships.iter().find(|r| r.from == b).unwrap().to;
    assert_eq!(c.packages[nested_c].version, "2.0.0");
    let a = c.packages.iter().find(|p| p.name == "a").unwrap();
    assert_eq!(a.purl.as_deref(), Some("pkg:npm/a@1.2.0"));
    assert_eq!(a.locations[0].path, "/app/node_modules/a/package.json");
    assert_eq!(
        c.packages
            .iter()
            .find(|p| p.name == "@s/b")
            .unwrap()
            .purl
            .as_deref(),
        Some("pkg:npm/%40s/b@2.0.1")
    );
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
}

#[test]
fn unmet_ranges_and_missing_dependencies_warn() {
    let v = view(&[
        (
            "srv/package.json",
            json(
                "srv",
                "1.0.0",
                r#","dependencies":{"a":"^2.0.0","gone":"1"}"#,
            ),
        ),
        (
            "srv/node_modules/a/package.json",
            json("a", "1.0.0", r#","optionalDependencies":{"fsevents":"2"}"#),
        ),
    ]);
    let c = catalog(&v);
    assert_eq!(edges(&c), ["srv -> a"], "an unmet range still links");
    assert_eq!(
        c.warnings,
        [
            "/srv/package.json: dependency a@^2.0.0 resolves to /srv/node_modules/a at version 1.0.0, which does not satisfy the range",
            "/srv/package.json: dependency gone@1 is not installed",
        ]
    );
}

#[test]
fn debian_packaged_modules_and_global_installs() {
    let v = view(&[
        (
            "usr/share/nodejs/acorn/package.json",
            json("acorn", "8.8.1", ""),
        ),
        (
            "usr/share/nodejs/acorn/dist/package.json",
            br#"{"type":"commonjs"}"#.to_vec(),
        ),
        (
            "usr/share/nodejs/@types/node/package.json",
            json("@types/node", "18.0.0", ""),
        ),
        (
            "usr/share/nodejs/acorn-walk/package.json",
            json("acorn-walk", "8.2.0", r#","dependencies":{"acorn":"^8"}"#),
        ),
        (
            "usr/lib/x86_64-linux-gnu/nodejs/nan/package.json",
            json("nan", "2.17.0", ""),
        ),
        (
            "usr/local/lib/node_modules/npm/package.json",
            json("npm", "10.2.0", r#","dependencies":{"abbrev":"^2"}"#),
        ),
        (
            "usr/local/lib/node_modules/npm/node_modules/abbrev/package.json",
            json("abbrev", "2.0.0", ""),
        ),
        (
            "usr/share/doc/node-acorn/package.json",
            json("not-a-module", "1", ""),
        ),
    ]);
    let c = catalog(&v);
    assert_eq!(
        ids(&c),
        [
            "@types/node@18.0.0",
            "abbrev@2.0.0",
            "acorn-walk@8.2.0",
            "acorn@8.8.1",
            "nan@2.17.0",
            "npm@10.2.0"
        ]
    );
    assert_eq!(edges(&c), ["acorn-walk -> acorn", "npm -> abbrev"]);
}

#[test]
fn project_without_node_modules_reads_its_lockfile() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/npm/testdata");
    let v = view(&[
        ("project/package.json", json("lock-v3-fixture", "1.0.0", "")),
        (
            "project/package-lock.json",
            std::fs::read(dir.join("package-lock-v3.json")).unwrap(),
        ),
    ]);
    let c = catalog(&v);
    assert_eq!(
        ids(&c),
        [
            "@types/prop-types@15.7.5",
            "@types/react@18.0.20",
            "@types/scheduler@0.16.2",
            "csstype@3.1.1",
            "lock-v3-fixture@1.0.0 (app)"
        ]
    );
    assert!(edges(&c).contains(&"lock-v3-fixture -> @types/react".to_owned()));
    assert!(c
        .packages
        .iter()
        .all(|p| p.locations[0].path.starts_with("/project/")));
}

#[test]
fn dev_dependencies_are_left_out_unless_asked_for() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/npm/testdata");
    let v = view(&[(
        "p/package-lock.json",
        std::fs::read(dir.join("package-lock-v2.json")).unwrap(),
    )]);
    assert_eq!(catalog(&v).packages.len(), 5);
    let all = NpmCataloger.catalog(
        &v,
        &Environment {
            include_dev: true,
            ..Environment::default()
        },
    );
    let dev: Vec<_> = all
        .packages
        .iter()
        .filter(|p| matches!(&p.metadata, Metadata::Npm(m) if m.dev))
        .map(|p| format!("{}@{}", p.name, p.version))
        .collect();
    assert_eq!(dev, ["async@3.2.4"]);
}

#[test]
fn v1_lock_with_partial_node_modules_takes_licenses_from_it() {
    let c = catalog(&from_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("src/npm/testdata/package-lock-v1-with-node_modules"),
    ));
    assert_eq!(c.packages.len(), 11, "{:?}", ids(&c));
    let licensed: Vec<_> = c
        .packages
        .iter()
        .filter(|p| !p.licenses.is_empty())
        .map(|p| (p.name.as_str(), p.licenses[0].value.as_str()))
        .collect();
    assert_eq!(licensed, [("@actions/core", "MIT"), ("cowsay", "MIT")]);
    let core = c
        .packages
        .iter()
        .find(|p| p.name == "@actions/core")
        .unwrap();
    assert_eq!(core.purl.as_deref(), Some("pkg:npm/%40actions/core@1.6.0"));
    assert!(c.relationships.is_empty());
}

#[test]
fn package_json_fixture_as_an_installed_package() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/npm/testdata");
    let v = view(&[(
        "usr/lib/node_modules/npm/package.json",
        std::fs::read(dir.join("package.json-npm-6.14.6")).unwrap(),
    )]);
    let c = catalog(&v);
    assert_eq!(ids(&c), ["npm@6.14.6"]);
    let p = &c.packages[0];
    assert_eq!(p.purl.as_deref(), Some("pkg:npm/npm@6.14.6"));
    assert_eq!(p.licenses[0].spdx.as_deref(), Some("Artistic-2.0"));
    assert_eq!(
        p.supplier.as_deref(),
        Some("Isaac Z. Schlueter <i@izs.me> (http://blog.izs.me)")
    );
    assert_eq!(p.homepage.as_deref(), Some("https://docs.npmjs.com/"));
    let Metadata::Npm(m) = &p.metadata else {
        panic!()
    };
    assert_eq!(m.repository.as_deref(), Some("https://github.com/npm/cli"));
}

#[test]
fn suppliers_from_author_maintainers_or_contributors() {
    // Real package.json files of an `npm install` (testdata/people/SOURCE.md).
    let c = catalog(&from_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src/npm/testdata/people"),
    ));
    let mut found: Vec<(&str, Option<&str>)> = c
        .packages
        .iter()
        .map(|p| (p.name.as_str(), p.supplier.as_deref()))
        .collect();
    found.sort();
    assert_eq!(
        found,
        [
            // Names nobody: no supplier.
            ("@nodelib/fs.walk", None),
            // No author: the first of `contributors` (objects, no email).
            (
                "@types/estree",
                Some("RReverser (https://github.com/RReverser)")
            ),
            // No author: the first of `maintainers` (objects with `web`).
            (
                "acorn",
                Some("Marijn Haverbeke <marijn@haverbeke.berlin> (https://marijnhaverbeke.nl)")
            ),
            // `author` as an object with a url.
            (
                "convert-source-map",
                Some("Thorsten Lorenz <thlorenz@gmx.de> (http://thlorenz.com)")
            ),
            // No author: the first of `contributors` (strings).
            (
                "mime-db",
                Some("Douglas Christopher Wilson <doug@somethingdoug.com>")
            ),
        ]
    );
}

#[test]
fn broken_package_json_is_a_warning() {
    let v = view(&[("a/node_modules/x/package.json", b"{ nope".to_vec())]);
    let c = catalog(&v);
    assert!(c.packages.is_empty());
    assert!(c.warnings[0].starts_with("/a/node_modules/x/package.json: skipped: not valid JSON"));
}
