//! The RPM cataloger over real databases of all three backends and
//! Azure Linux's manifest (`testdata/SOURCE.md`), each compared with the
//! package list `rpm -qa` (or go-rpmdb's tests) gives for it.

use std::collections::BTreeSet;
use std::path::Path;

use super::header::build::{header, Value};
use super::header::tag;
use super::RpmCataloger;
use crate::model::{Catalog, Metadata, Package};
use crate::view::ImageFiles;
use crate::{Cataloger, Distro, Environment};

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("src/rpm/testdata")
            .join(path),
    )
    .unwrap()
}

fn distro(id: &str, version: &str) -> Environment {
    let os_release = format!("ID={id}\nVERSION_ID=\"{version}\"\n");
    Environment {
        distro: Distro::parse_os_release(&os_release),
        ..Environment::default()
    }
}

fn catalog_at(path: &str, content: Vec<u8>, env: &Environment) -> Catalog {
    let mut files = ImageFiles::new();
    files.insert_file(path, content.into(), 0);
    RpmCataloger.catalog(&files, env)
}

type Row = (String, String, String, String, String, String, String);

/// name, epoch (0 when none), version, release, arch, source rpm, license.
fn rows(c: &Catalog) -> BTreeSet<Row> {
    c.packages
        .iter()
        .map(|p| {
            let Metadata::Rpm(m) = &p.metadata else {
                panic!("{p:?}")
            };
            (
                p.name.clone(),
                m.epoch.unwrap_or(0).to_string(),
                p.version
                    .rsplit_once('-')
                    .map(|(v, _)| v.rsplit(':').next().unwrap().to_owned())
                    .unwrap(),
                m.release.clone(),
                p.arch.clone().unwrap_or_default(),
                m.source_rpm.clone().unwrap_or_default(),
                p.licenses
                    .first()
                    .map(|l| l.value.clone())
                    .unwrap_or_default(),
            )
        })
        .collect()
}

fn expected(path: &str) -> BTreeSet<Row> {
    String::from_utf8(fixture(path))
        .unwrap()
        .lines()
        .map(|line| {
            let f: Vec<String> = line.split('\t').map(str::to_owned).collect();
            assert_eq!(f.len(), 7, "{line}");
            (
                f[0].clone(),
                f[1].clone(),
                f[2].clone(),
                f[3].clone(),
                f[4].clone(),
                f[5].clone(),
                f[6].clone(),
            )
        })
        .collect()
}

fn named<'a>(c: &'a Catalog, name: &str) -> &'a Package {
    c.packages.iter().find(|p| p.name == name).unwrap()
}

#[test]
fn sqlite_database_of_azure_linux() {
    let env = distro("mariner", "2.0");
    let c = catalog_at(
        "var/lib/rpm/rpmdb.sqlite",
        fixture("go-rpmdb/cbl-mariner-2.0/rpmdb.sqlite"),
        &env,
    );
    assert_eq!(c.warnings, Vec::<String>::new());
    assert_eq!(c.packages.len(), 129);
    assert_eq!(rows(&c), expected("go-rpmdb/cbl-mariner-2.0/expected.tsv"));
    let bash = named(&c, "bash");
    assert_eq!(bash.version, "5.1.8-1.cm2");
    assert_eq!(
        bash.purl.as_deref(),
        Some("pkg:rpm/mariner/bash@5.1.8-1.cm2?arch=x86_64&distro=mariner-2.0&upstream=bash-5.1.8-1.cm2.src.rpm")
    );
    assert_eq!(bash.locations[0].path, "/var/lib/rpm/rpmdb.sqlite");
    assert_eq!(bash.supplier.as_deref(), Some("Microsoft Corporation"));
    let file = bash
        .files
        .iter()
        .find(|f| f.path == "/bin/bash")
        .unwrap_or_else(|| panic!("{:?}", &bash.files[..5]));
    let digest = file.digest.as_ref().unwrap();
    assert_eq!(digest.algorithm, "sha256");
    assert_eq!(digest.value.len(), 64);
    // Edges: bash needs libc.so.6 (glibc) and libreadline (readline), glibc
    // the filesystem package.
    let edges: BTreeSet<(&str, &str)> = c.edges_by_name().into_iter().collect();
    assert!(edges.contains(&("bash", "glibc")), "{edges:?}");
    assert!(edges.contains(&("bash", "readline")), "{edges:?}");
    assert!(edges.contains(&("glibc", "filesystem")), "{edges:?}");
    // As many as `rpm -q --whatprovides` gives for every requirement of
    // every package (rpmlib's own left out), counted once when this test
    // was written.
    assert_eq!(edges.len(), 513);
    assert!(edges.iter().all(|(a, b)| a != b));
}

#[test]
fn berkeley_db_databases() {
    let env = distro("rhel", "8.8");
    let c = catalog_at(
        "var/lib/rpm/Packages",
        fixture("go-rpmdb/libuuid/Packages"),
        &env,
    );
    assert_eq!(c.warnings, Vec::<String>::new());
    assert_eq!(rows(&c), expected("go-rpmdb/libuuid/expected.tsv"));
    assert_eq!(
        c.packages[0].purl.as_deref(),
        Some("pkg:rpm/redhat/libuuid@2.32.1-42.el8_8?arch=x86_64&distro=rhel-8.8&upstream=util-linux-2.32.1-42.el8_8.src.rpm")
    );
    // Vendor and Packager both recorded: the vendor supplies it.
    assert_eq!(c.packages[0].supplier.as_deref(), Some("Red Hat, Inc."));
    let c = catalog_at("var/lib/rpm/Packages", fixture("syft/Packages"), &env);
    assert_eq!(rows(&c), expected("syft/expected.tsv"));
    // syft's own expectations for this fixture.
    let dive = &c.packages[0];
    assert_eq!(dive.version, "0.9.2-1");
    let Metadata::Rpm(m) = &dive.metadata else {
        panic!()
    };
    assert_eq!(m.size, Some(12406784));
    assert_eq!(dive.files.len(), 1);
    assert_eq!(dive.files[0].path, "/usr/local/bin/dive");
    // An empty Vendor (`rpm -q --qf '%{VENDOR}'` prints nothing): the
    // Packager supplies it; the metadata keeps no vendor.
    assert_eq!(m.vendor, None);
    assert_eq!(dive.supplier.as_deref(), Some("Alex Goodman"));
}

#[test]
fn ndb_database_of_suse() {
    let env = distro("sles", "15.3");
    let c = catalog_at(
        "usr/lib/sysimage/rpm/Packages.db",
        fixture("go-rpmdb/sle15-bci/Packages.db"),
        &env,
    );
    assert_eq!(c.warnings, Vec::<String>::new());
    assert_eq!(c.packages.len(), 35);
    assert_eq!(rows(&c), expected("go-rpmdb/sle15-bci/expected.tsv"));
    assert_eq!(
        named(&c, "bash").purl.as_deref(),
        Some("pkg:rpm/sles/bash@4.4-19.6.1?arch=x86_64&distro=sles-15.3&upstream=bash-4.4-19.6.1.src.rpm")
    );
}

#[test]
fn azure_linux_distroless_manifest() {
    let c = catalog_at(
        "var/lib/rpmmanifest/container-manifest-2",
        fixture("syft/container-manifest-2"),
        &Environment::default(),
    );
    assert_eq!(c.warnings, Vec::<String>::new());
    let purls: Vec<&str> = c
        .packages
        .iter()
        .filter_map(|p| p.purl.as_deref())
        .collect();
    // syft's expectations (parse_rpm_manifest_test.go), plus vim's epoch.
    assert_eq!(
        purls,
        [
            "pkg:rpm/filesystem@1.1-9.cm2?arch=x86_64&upstream=filesystem-1.1-9.cm2.src.rpm",
            "pkg:rpm/glibc@2.35-2.cm2?arch=x86_64&upstream=glibc-2.35-2.cm2.src.rpm",
            "pkg:rpm/mariner-release@2.0-12.cm2?arch=noarch&upstream=mariner-release-2.0-12.cm2.src.rpm",
            "pkg:rpm/openssl-libs@1.1.1k-15.cm2?arch=x86_64&upstream=openssl-1.1.1k-15.cm2.src.rpm",
            "pkg:rpm/vim@9.0-1.cm2?arch=x86_64&epoch=2&upstream=vim-9.0-1.cm2.src.rpm",
        ]
    );
    assert_eq!(named(&c, "vim").version, "2:9.0-1.cm2");
    let Metadata::Rpm(m) = &named(&c, "glibc").metadata else {
        panic!()
    };
    assert_eq!(m.size, Some(10855265));
    assert_eq!(m.vendor.as_deref(), Some("Microsoft Corporation"));
    assert_eq!(
        named(&c, "glibc").supplier.as_deref(),
        Some("Microsoft Corporation")
    );
}

#[test]
fn one_database_per_image_and_bad_ones_warned() {
    // A leftover Berkeley DB beside the SQLite database rpm reads.
    let mut files = ImageFiles::new();
    files.insert_file(
        "usr/lib/sysimage/rpm/rpmdb.sqlite",
        fixture("go-rpmdb/cbl-mariner-2.0/rpmdb.sqlite").into(),
        0,
    );
    files.insert_file("var/lib/rpm/Packages", fixture("syft/Packages").into(), 0);
    let c = RpmCataloger.catalog(&files, &Environment::default());
    assert_eq!(c.packages.len(), 129);

    let c = catalog_at(
        "var/lib/rpm/Packages",
        b"not a database at all".to_vec(),
        &Environment::default(),
    );
    assert!(c.packages.is_empty());
    assert_eq!(
        c.warnings,
        ["/var/lib/rpm/Packages: not a readable rpm database (no SQLite, ndb or Berkeley DB database); skipped"]
    );
    // Every cut of a real database is refused or read, never a panic.
    let real = fixture("syft/Packages");
    for cut in (0..real.len()).step_by(97) {
        catalog_at(
            "var/lib/rpm/Packages",
            real[..cut].to_vec(),
            &Environment::default(),
        );
    }
    let sqlite = fixture("go-rpmdb/cbl-mariner-2.0/rpmdb.sqlite");
    let c = catalog_at(
        "var/lib/rpm/rpmdb.sqlite",
        sqlite[..sqlite.len() / 2].to_vec(),
        &Environment::default(),
    );
    assert!(
        c.warnings[0].starts_with("/var/lib/rpm/rpmdb.sqlite: "),
        "{:?}",
        c.warnings
    );
}

#[test]
fn edges_from_requires_to_provides_and_files() {
    let pkg = |name: &str, provides: &[&str], requires: &[&str], files: &[&str]| {
        let dirs: Vec<&str> = files.iter().map(|_| "/").collect();
        let indexes: Vec<u32> = (0..files.len() as u32).collect();
        let bases: Vec<&str> = files.iter().map(|f| f.trim_start_matches('/')).collect();
        let mut entries = vec![
            (tag::NAME, Value::Str(name)),
            (tag::VERSION, Value::Str("1")),
            (tag::RELEASE, Value::Str("1")),
            (tag::PROVIDENAME, Value::Strs(provides)),
            (tag::REQUIRENAME, Value::Strs(requires)),
        ];
        if !files.is_empty() {
            entries.push((tag::DIRINDEXES, Value::Int32(&indexes)));
            entries.push((tag::BASENAMES, Value::Strs(&bases)));
            entries.push((tag::DIRNAMES, Value::Strs(&dirs)));
        }
        header(&entries)
    };
    let headers = [
        pkg(
            "app",
            &["app"],
            &[
                "libfoo.so.1()(64bit)",
                "/bin/sh",
                "rpmlib(PayloadIsZstd)",
                "app",
            ],
            &[],
        ),
        pkg("foo-libs", &["foo-libs", "libfoo.so.1()(64bit)"], &[], &[]),
        pkg("bash", &["bash"], &[], &["/bin/sh"]),
    ];
    let installed: Vec<super::Installed> = headers
        .iter()
        .map(|h| super::from_header(&super::Header::parse(h).unwrap(), true).unwrap())
        .collect();
    let edges: Vec<(usize, usize)> = super::dependency_edges(&installed)
        .iter()
        .map(|r| (r.from, r.to))
        .collect();
    assert_eq!(edges, [(0, 1), (0, 2)]);
}
