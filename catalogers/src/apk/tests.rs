//! The apk cataloger against syft's fixtures (rows of shared/fixtures/syft/MANIFEST.md).

use std::collections::BTreeMap;
use std::path::Path;

use super::ApkCataloger;
use crate::model::{Catalog, Metadata};
use crate::view::ImageFiles;
use crate::{Cataloger, Distro, Environment};

fn catalog(fixture: &str, distro: Option<Distro>) -> Catalog {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src/apk/testdata")
        .join(fixture);
    let mut files = ImageFiles::new();
    files.insert_file(
        "lib/apk/db/installed",
        std::fs::read(path).unwrap().into(),
        0,
    );
    ApkCataloger.catalog(
        &files,
        &Environment {
            distro,
            ..Environment::default()
        },
    )
}

fn edges(c: &Catalog) -> BTreeMap<&str, Vec<&str>> {
    let mut map: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for r in &c.relationships {
        map.entry(&c.packages[r.from].name)
            .or_default()
            .push(&c.packages[r.to].name);
    }
    for v in map.values_mut() {
        v.sort();
    }
    map
}

#[test]
fn multiple_1_bash() {
    let c = catalog("apk-installed-multiple-1-bash", None);
    let got: Vec<_> = c
        .packages
        .iter()
        .map(|p| {
            (
                p.name.as_str(),
                p.version.as_str(),
                p.licenses
                    .iter()
                    .map(|l| l.value.as_str())
                    .collect::<Vec<_>>(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("bash", "5.2.21-r0", vec!["GPL-3.0-or-later"]),
            ("busybox-binsh", "1.36.1-r15", vec!["GPL-2.0-only"]),
            ("musl", "1.2.4_git20230717-r4", vec!["MIT"]),
            ("readline", "8.2.1-r2", vec!["GPL-2.0-or-later"]),
        ]
    );
    let Metadata::Apk(m) = &c.packages[1].metadata else {
        panic!()
    };
    assert_eq!(m.origin.as_deref(), Some("busybox"));
    let want: BTreeMap<&str, Vec<&str>> = [
        ("bash", vec!["busybox-binsh", "musl", "readline"]),
        ("readline", vec!["musl"]),
    ]
    .into();
    assert_eq!(edges(&c), want);
}

#[test]
fn multiple_2_alpine_base_dependency_tree() {
    let c = catalog("apk-installed-multiple-2-alpine-base", None);
    assert_eq!(c.packages.len(), 14);
    let want: BTreeMap<&str, Vec<&str>> = [
        (
            "alpine-baselayout",
            vec!["alpine-baselayout-data", "busybox", "musl"],
        ),
        (
            "apk-tools",
            vec![
                "ca-certificates-bundle",
                "libcrypto1.1",
                "libssl1.1",
                "musl",
                "zlib",
            ],
        ),
        ("busybox", vec!["musl"]),
        ("libc-utils", vec!["musl-utils"]),
        ("libcrypto1.1", vec!["musl"]),
        ("libssl1.1", vec!["libcrypto1.1", "musl"]),
        ("musl-utils", vec!["musl", "scanelf"]),
        ("scanelf", vec!["musl"]),
        ("ssl_client", vec!["libcrypto1.1", "libssl1.1", "musl"]),
        ("zlib", vec!["musl"]),
    ]
    .into();
    assert_eq!(edges(&c), want);
}

#[test]
fn single_musl_utils_details() {
    let c = catalog("apk-installed-single-musl-utils", None);
    assert_eq!(c.packages.len(), 1);
    let p = &c.packages[0];
    assert_eq!(
        (p.name.as_str(), p.version.as_str()),
        ("musl-utils", "1.1.24-r2")
    );
    let licenses: Vec<_> = p.licenses.iter().map(|l| l.value.as_str()).collect();
    assert_eq!(
        licenses,
        ["MIT", "BSD", "GPL2+"],
        "not an SPDX expression, so split on spaces"
    );
    let Metadata::Apk(m) = &p.metadata else {
        panic!()
    };
    assert_eq!(m.origin.as_deref(), Some("musl"));
    assert_eq!((m.size, m.installed_size), (Some(37944), Some(151552)));
    assert_eq!(m.depends, ["scanelf", "so:libc.musl-x86_64.so.1"]);
    assert_eq!(
        m.provides,
        [
            "cmd:getconf",
            "cmd:getent",
            "cmd:iconv",
            "cmd:ldconfig",
            "cmd:ldd"
        ]
    );
    assert_eq!(
        m.checksum.as_deref(),
        Some("Q1bTtF5526tETKfL+lnigzIDvm+2o=")
    );
    assert_eq!(
        m.commit.as_deref(),
        Some("4024cc3b29ad4c65544ad068b8f59172b5494306")
    );
    assert_eq!(
        p.supplier.as_deref(),
        Some("Timo Teräs <timo.teras@iki.fi>")
    );
    // syft's own test (TestSinglePackageDetails) lists eight records: the
    // directories /sbin, /usr, /usr/bin and five files.
    let paths: Vec<_> = p.files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "/sbin",
            "/sbin/ldconfig",
            "/usr",
            "/usr/bin",
            "/usr/bin/iconv",
            "/usr/bin/ldd",
            "/usr/bin/getconf",
            "/usr/bin/getent"
        ]
    );
    let ldconfig = &p.files[1];
    assert_eq!(
        (
            ldconfig.uid.as_deref(),
            ldconfig.gid.as_deref(),
            ldconfig.mode.as_deref()
        ),
        (Some("0"), Some("0"), Some("755"))
    );
    assert_eq!(
        ldconfig.digest.as_ref().unwrap().value,
        "2a36b6f8f3992b112450e66ac128c2ea499a103e"
    );
    assert!(p.files[0].digest.is_none());
    assert_eq!(p.purl, None);
}

#[test]
fn base_alpine_baselayout() {
    let c = catalog("apk-installed-base-alpine-baselayout", None);
    let p = &c.packages[0];
    assert_eq!(
        (p.name.as_str(), p.version.as_str()),
        ("alpine-baselayout", "3.2.0-r6")
    );
    assert_eq!(p.licenses[0].spdx.as_deref(), Some("GPL-2.0-only"));
    let Metadata::Apk(m) = &p.metadata else {
        panic!()
    };
    assert_eq!(m.depends, ["/bin/sh", "so:libc.musl-x86_64.so.1"]);
    assert_eq!(m.provides, ["cmd:mkmntdirs"]);
    assert_eq!(p.files.len(), 96);
    assert_eq!(p.purl, None, "no distro, no purl");
}

#[test]
fn purl_with_distro_and_upstream() {
    let distro = Distro::parse_os_release("ID=alpine\nVERSION_ID=3.23.6\n");
    let c = catalog("apk-installed-multiple-1-bash", distro);
    let purls: Vec<_> = c
        .packages
        .iter()
        .map(|p| p.purl.as_deref().unwrap())
        .collect();
    assert_eq!(
        purls[0],
        "pkg:apk/alpine/bash@5.2.21-r0?arch=x86_64&distro=alpine-3.23.6"
    );
    assert_eq!(
        purls[1],
        "pkg:apk/alpine/busybox-binsh@1.36.1-r15?arch=x86_64&distro=alpine-3.23.6&upstream=busybox"
    );
}

#[test]
fn distro_from_apk_repositories_when_no_os_release() {
    let mut files = ImageFiles::new();
    files.insert_file(
        "etc/apk/repositories",
        b"https://dl-cdn.alpinelinux.org/alpine/v3.18/main\nhttps://dl-cdn.alpinelinux.org/alpine/v3.18/community\n"
            .to_vec()
            .into(),
        0,
    );
    let d = Distro::detect(&files).unwrap();
    assert_eq!(
        (d.id.as_str(), d.version_id.as_deref()),
        ("alpine", Some("3.18"))
    );
}
