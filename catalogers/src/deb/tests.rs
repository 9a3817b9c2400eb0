//! The dpkg cataloger against syft's fixtures: each test asserts what the
//! fixture's row in shared/fixtures/syft/MANIFEST.md says syft's tests assert.

use std::collections::BTreeMap;
use std::path::Path;

use super::DpkgCataloger;
use crate::model::{Catalog, Metadata, Package};
use crate::view::{from_dir, ImageFiles};
use crate::{Cataloger, Distro, Environment};

fn testdata(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src/deb/testdata")
        .join(name)
}

fn status_view(fixture: &str, at: &str) -> ImageFiles {
    let mut files = ImageFiles::new();
    files.insert_file(at, std::fs::read(testdata(fixture)).unwrap().into(), 0);
    files
}

fn catalog(files: &ImageFiles) -> Catalog {
    let env = Environment {
        distro: Distro::detect(files),
        ..Environment::default()
    };
    DpkgCataloger.catalog(files, &env)
}

fn catalog_status(fixture: &str) -> Catalog {
    catalog(&status_view(fixture, "var/lib/dpkg/status"))
}

fn meta(p: &Package) -> &crate::model::DebMetadata {
    let Metadata::Deb(m) = &p.metadata else {
        panic!("not a deb package")
    };
    m
}

fn names(c: &Catalog) -> Vec<(&str, &str)> {
    c.packages
        .iter()
        .map(|p| (p.name.as_str(), p.version.as_str()))
        .collect()
}

/// dependant -> sorted names of what it depends on.
fn edges(c: &Catalog) -> BTreeMap<&str, Vec<&str>> {
    let mut map: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for r in &c.relationships {
        map.entry(&c.packages[r.from].name)
            .or_default()
            .push(&c.packages[r.to].name);
    }
    for deps in map.values_mut() {
        deps.sort();
        deps.dedup();
    }
    map
}

#[test]
fn single_apt() {
    let c = catalog_status("dpkg-status-single-apt");
    assert_eq!(names(&c), [("apt", "1.8.2")]);
    let apt = &c.packages[0];
    assert_eq!(apt.arch.as_deref(), Some("amd64"));
    let m = meta(apt);
    assert_eq!(m.source.as_deref(), Some("apt-dev"));
    assert_eq!(m.installed_size, Some(4064));
    assert_eq!(m.provides, ["apt-transport-https (= 1.8.2)"]);
    assert_eq!(m.depends.len(), 9);
    assert!(m.depends.iter().any(|d| d == "gpgv | gpgv2 | gpgv1"));
    let conffiles: Vec<_> = apt.files.iter().filter(|f| f.config).collect();
    assert_eq!(conffiles.len(), 4);
    assert!(conffiles
        .iter()
        .all(|f| f.digest.as_ref().is_some_and(|d| d.algorithm == "md5")));
    assert!(c.warnings.is_empty());
}

#[test]
fn multiple_entries() {
    let c = catalog_status("dpkg-status-multiple");
    assert_eq!(
        names(&c),
        [
            ("no-version", ""),
            ("tzdata", "2020a-0+deb10u1"),
            ("util-linux", "2.33.1-0.1")
        ]
    );
    assert_eq!(c.packages[1].arch.as_deref(), Some("all"));
    assert_eq!(meta(&c.packages[1]).provides, ["tzdata-buster"]);
    assert_eq!(meta(&c.packages[2]).pre_depends.len(), 13);
    assert_eq!(c.packages[2].files.iter().filter(|f| f.config).count(), 6);
}

#[test]
fn deinstalled_entries_are_skipped() {
    let c = catalog_status("dpkg-status-deinstall");
    assert_eq!(
        names(&c),
        [("linux-image-6.14.0-1012-aws", "6.14.0-1012.12~24.04.1")]
    );
    assert_eq!(
        meta(&c.packages[0]).source.as_deref(),
        Some("linux-signed-aws-6.14")
    );
}

#[test]
fn opkg_status_with_licenses() {
    let c = catalog(&status_view(
        "opkg-status-with-license",
        "var/lib/opkg/status",
    ));
    assert_eq!(
        names(&c),
        [
            ("dropbear", "2024.85-r0"),
            ("busybox", "1.36.1-r3"),
            ("kernel-modules", "6.6.0-r0")
        ]
    );
    assert!(c
        .packages
        .iter()
        .all(|p| p.arch.as_deref() == Some("x86_64")));
    let licenses: Vec<_> = c
        .packages
        .iter()
        .map(|p| p.licenses[0].value.as_str())
        .collect();
    assert_eq!(licenses, ["MIT", "GPL-2.0-only", "GPL-2.0 BSD-3-Clause"]);
    assert_eq!(c.packages[0].licenses[0].spdx.as_deref(), Some("MIT"));
}

#[test]
fn coreutils_relationships() {
    let c = catalog_status("dpkg-status-coreutils-relationships");
    assert_eq!(c.packages.len(), 9);
    let want: BTreeMap<&str, Vec<&str>> = [
        (
            "coreutils",
            vec!["libacl1", "libattr1", "libc6", "libgmp10", "libselinux1"],
        ),
        ("libacl1", vec!["libc6"]),
        ("libattr1", vec!["libc6"]),
        ("libc6", vec!["libgcc-s1"]),
        ("libgcc-s1", vec!["gcc-12-base", "libc6"]),
        ("libgmp10", vec!["libc6"]),
        ("libpcre2-8-0", vec!["libc6"]),
        ("libselinux1", vec!["libc6", "libpcre2-8-0"]),
    ]
    .into();
    assert_eq!(edges(&c), want);
}

#[test]
fn doc_examples_relationships() {
    let c = catalog_status("dpkg-status-doc-examples");
    assert_eq!(c.packages.len(), 16);
    let e = edges(&c);
    assert_eq!(
        e["made-up-package-1"],
        ["gnumach-dev", "hurd-dev", "kernel-headers-2.2.10"]
    );
    assert_eq!(
        e["made-up-package-2"],
        ["liblua5.1-dev", "libluajit5.1-dev"]
    );
    assert_eq!(e["made-up-package-3"], ["bar", "foo"]);
    assert_eq!(e["made-up-package-4"], ["made-up-package-5"]);
    assert_eq!(e["mutt"], ["default-mta", "libc6", "mail-transport-agent"]);
    assert_eq!(e.len(), 5);
}

#[test]
fn libpam_runtime_relationships_through_provides() {
    let c = catalog_status("dpkg-status-libpam-runtime-relationships");
    assert_eq!(c.packages.len(), 6);
    assert_eq!(
        edges(&c)["libpam-runtime"],
        [
            "cdebconf",
            "debconf-2.0",
            "debconf1",
            "debconf2",
            "libpam-modules"
        ]
    );
}

#[test]
fn image_dpkg_rootfs() {
    let c = catalog(&from_dir(&testdata("rootfs-image-dpkg")));
    assert_eq!(names(&c), [("libpam-runtime", "1.1.8-3.6")]);
    let p = &c.packages[0];
    assert_eq!(p.arch.as_deref(), Some("all"));
    assert_eq!(
        p.purl.as_deref(),
        Some("pkg:deb/debian/libpam-runtime@1.1.8-3.6?arch=all&distro=debian-12&upstream=pam")
    );
    let licenses: Vec<_> = p.licenses.iter().map(|l| l.value.as_str()).collect();
    assert_eq!(licenses, ["GPL-1", "GPL-2", "LGPL-2.1"]);
    let spdx: Vec<_> = p
        .licenses
        .iter()
        .map(|l| l.spdx.as_deref().unwrap())
        .collect();
    assert_eq!(spdx, ["GPL-1.0-only", "GPL-2.0-only", "LGPL-2.1-only"]);
    assert_eq!(
        p.supplier.as_deref(),
        Some("Steve Langasek <vorlon@debian.org>")
    );
    assert_eq!(meta(p).installed_size, Some(1016));
    assert_eq!(meta(p).depends.len(), 3);
    assert_eq!(p.files.iter().filter(|f| f.config).count(), 2);
    assert_eq!(p.files.iter().filter(|f| !f.config).count(), 4);
    let paths: Vec<_> = p.locations.iter().map(|l| l.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "/var/lib/dpkg/status",
            "/var/lib/dpkg/info/libpam-runtime.md5sums",
            "/var/lib/dpkg/info/libpam-runtime.conffiles",
            "/usr/share/doc/libpam-runtime/copyright",
        ]
    );
    // Every line of the DEP-5 file's Copyright fields, in file order.
    assert_eq!(
        p.copyright.as_deref(),
        Some(
            "2012-2016 Steve Grubb <sgrubb@redhat.com>\n2006-2012 Rik Faith\n\
             2007-2009 Marc Alexamder Lehmann\n2005-2008 Steve Grubb <sgrubb@redhat.com>\n\
             2007-2011 Philipp Matthias Hahn <pmhahn@debian.org>\n\
             2012-2016 Laurent Bigonville <bigon@debian.org>"
        )
    );
}

#[test]
fn free_form_copyright_gives_notices_but_no_license() {
    // base-files and libsemanage2 of Debian 12 (testdata/SOURCE-bookworm.md);
    // a package whose copyright file is absent (left out here) has none.
    let mut files = ImageFiles::new();
    let status = b"Package: base-files\nStatus: install ok installed\nVersion: 12.4+deb12u15\nMaintainer: Santiago Vila <sanvila@debian.org>\n\n\
Package: libsemanage2\nStatus: install ok installed\nVersion: 3.4-1+b5\n\n\
Package: perl-base\nStatus: install ok installed\nVersion: 5.36.0-7+deb12u3\n";
    files.insert_file("var/lib/dpkg/status", status.to_vec().into(), 0);
    for (package, fixture) in [
        ("base-files", "copyright-base-files-nondep5"),
        ("libsemanage2", "copyright-libsemanage2-nondep5"),
    ] {
        files.insert_file(
            &format!("usr/share/doc/{package}/copyright"),
            std::fs::read(testdata(fixture)).unwrap().into(),
            1,
        );
    }
    let c = catalog(&files);
    let found: Vec<(&str, Option<&str>, usize, usize)> = c
        .packages
        .iter()
        .map(|p| {
            (
                p.name.as_str(),
                p.copyright.as_deref(),
                p.licenses.len(),
                p.locations.len(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "base-files",
                Some("Copyright (C) 1995-2011 Software in the Public Interest."),
                0,
                2
            ),
            ("libsemanage2", Some("Copyright © 2005 Red Hat, Inc."), 0, 2),
            ("perl-base", None, 0, 1),
        ]
    );
    assert_eq!(
        c.packages[0].locations[1].path,
        "/usr/share/doc/base-files/copyright"
    );
    assert_eq!(c.packages[0].locations[1].layer, 1);
    assert_eq!(
        c.packages[0].supplier.as_deref(),
        Some("Santiago Vila <sanvila@debian.org>")
    );
    assert_eq!(c.packages[2].supplier, None);
}

#[test]
fn distroless_status_d() {
    let c = catalog(&from_dir(&testdata("rootfs-distroless-statusd")));
    assert_eq!(names(&c), [("libsqlite3-0", "3.34.1-3")]);
    let p = &c.packages[0];
    assert_eq!(p.arch.as_deref(), Some("arm64"));
    assert_eq!(meta(p).source.as_deref(), Some("sqlite3"));
    let licenses: Vec<_> = p.licenses.iter().map(|l| l.value.as_str()).collect();
    assert_eq!(licenses, ["GPL-2", "GPL-2+", "public-domain"]);
    assert_eq!(p.files.len(), 6);
    assert_eq!(p.purl, None, "no os-release, so no distro and no purl");
}

#[test]
fn garbage_stanza_warns_and_keeps_the_rest() {
    let mut files = ImageFiles::new();
    let status = b"Package: a\nStatus: install ok installed\nVersion: 1\n\n\x00\xffgarbage\nPackage: b\n\nPackage: c\nStatus: install ok installed\nVersion: 3\n";
    files.insert_file("var/lib/dpkg/status", status.to_vec().into(), 0);
    let c = catalog(&files);
    assert_eq!(names(&c), [("a", "1"), ("c", "3")]);
    assert_eq!(c.warnings.len(), 1);
    assert!(
        c.warnings[0].starts_with("/var/lib/dpkg/status: line 5: skipped a stanza"),
        "{}",
        c.warnings[0]
    );
}

#[test]
fn status_behind_a_symlinked_directory() {
    let mut files = status_view("dpkg-status-single-apt", "opt/dpkg/status");
    files.insert_symlink("var/lib/dpkg", "../../opt/dpkg");
    let c = catalog(&files);
    assert_eq!(names(&c), [("apt", "1.8.2")]);
    assert_eq!(c.packages[0].locations[0].path, "/opt/dpkg/status");
}
