//! The Rust cataloger over `.dep-v0` streams: the JSON cargo auditable
//! embedded in a real binary (`testdata`-free: written out here), zlib
//! streams found among other bytes, and damaged ones.

use std::io::Write;

use super::{stream_length, RustCataloger};
use crate::model::Metadata;
use crate::sniff::{frame, WindowLength};
use crate::view::ImageFiles;
use crate::{Cataloger, Environment};

/// What `cargo auditable build` (0.7) embedded in a small binary
/// depending on `itoa` and, at build time, `cc`.
const JSON: &str = r#"{"packages":[{"name":"cc","version":"1.2.0","source":"crates.io","kind":"build"},{"name":"itoa","version":"1.0.19","source":"crates.io"},{"name":"rbin","version":"0.3.1","source":"local","dependencies":[0,1],"root":true}],"format":1}"#;

fn zlib(data: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(data).unwrap();
    encoder.finish().unwrap()
}

/// (name, version, purl, application) of each package found.
fn summary(c: &crate::model::Catalog) -> Vec<(&str, &str, Option<&str>, bool)> {
    c.packages
        .iter()
        .map(|p| {
            (
                p.name.as_str(),
                p.version.as_str(),
                p.purl.as_deref(),
                p.application,
            )
        })
        .collect()
}

#[test]
fn stream_lengths() {
    let stream = zlib(JSON.as_bytes());
    let mut window = stream.clone();
    window.extend_from_slice(b"\0\0.symtab and more");
    assert_eq!(stream_length(&window), WindowLength::Total(stream.len()));
    assert_eq!(
        stream_length(&stream[..stream.len() / 2]),
        WindowLength::NeedMore
    );
    assert_eq!(stream_length(&zlib(b"{\"other\":1}")), WindowLength::Reject);
    assert_eq!(
        stream_length(b"\x78\x9c\xff\xff\xff\xff"),
        WindowLength::Reject
    );
    assert_eq!(stream_length(b"\x78\x9c"), WindowLength::NeedMore);
}

#[test]
fn crates_edges_and_the_root() {
    let mut files = ImageFiles::new();
    files.insert_file(
        "usr/local/bin/rbin",
        frame(&[zlib(JSON.as_bytes())]).into(),
        1,
    );
    files.insert_file(
        "usr/local/bin/broken",
        frame(&[b"\x78\x9cnot zlib".to_vec()]).into(),
        0,
    );
    let c = RustCataloger.catalog(&files, &Environment::default());
    assert_eq!(
        summary(&c),
        [
            ("cc", "1.2.0", Some("pkg:cargo/cc@1.2.0"), false),
            ("itoa", "1.0.19", Some("pkg:cargo/itoa@1.0.19"), false),
            ("rbin", "0.3.1", Some("pkg:cargo/rbin@0.3.1"), true),
        ]
    );
    let Metadata::Rust(cc) = &c.packages[0].metadata else {
        panic!()
    };
    assert_eq!(
        (cc.source.as_deref(), cc.kind.as_deref()),
        (Some("crates.io"), Some("build"))
    );
    assert_eq!(c.packages[2].locations[0].path, "/usr/local/bin/rbin");
    assert_eq!(c.packages[2].locations[0].layer, 1);
    let edges: Vec<(usize, usize)> = c.relationships.iter().map(|r| (r.from, r.to)).collect();
    assert_eq!(edges, [(2, 0), (2, 1)]);
    assert_eq!(c.warnings.len(), 1);
    assert!(c.warnings[0].starts_with("/usr/local/bin/broken: damaged cargo auditable data"));
}

#[test]
fn a_source_trees_cargo_lock() {
    let lock = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata/rust-app/Cargo.lock"),
    )
    .unwrap();
    let mut files = ImageFiles::new();
    files.insert_file("src/app/Cargo.lock", lock.clone().into(), 0);
    // Another project's lock in cargo's download cache is not this tree's.
    files.insert_file(
        "root/.cargo/registry/src/index/itoa-1.0.19/Cargo.lock",
        lock.into(),
        0,
    );
    let c = RustCataloger.catalog(&files, &Environment::default());
    assert_eq!(
        summary(&c),
        [
            ("itoa", "1.0.19", Some("pkg:cargo/itoa@1.0.19"), false),
            ("memchr", "2.8.3", Some("pkg:cargo/memchr@2.8.3"), false),
            (
                "tallyman-rust-fixture",
                "0.3.1",
                Some("pkg:cargo/tallyman-rust-fixture@0.3.1"),
                true
            ),
        ]
    );
    let Metadata::Rust(itoa) = &c.packages[0].metadata else {
        panic!()
    };
    assert_eq!(itoa.source.as_deref(), Some("crates.io"));
    assert_eq!(c.packages[0].locations[0].path, "/src/app/Cargo.lock");
    let edges: Vec<(usize, usize)> = c.relationships.iter().map(|r| (r.from, r.to)).collect();
    assert_eq!(edges, [(2, 0), (2, 1)]);
}

#[test]
fn cargo_lock_edges_name_a_version_when_two_are_locked() {
    let lock = r#"
version = 4

[[package]]
name = "app"
version = "0.1.0"
dependencies = ["rand 0.8.5", "rand 0.9.0"]

[[package]]
name = "rand"
version = "0.8.5"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "rand"
version = "0.9.0"
source = "git+https://example.com/rand#abc"
"#;
    let mut files = ImageFiles::new();
    files.insert_file("Cargo.lock", lock.as_bytes().to_vec().into(), 0);
    files.insert_file("broken/Cargo.lock", b"[[package]\n".to_vec().into(), 0);
    let c = RustCataloger.catalog(&files, &Environment::default());
    let edges: Vec<(usize, usize)> = c.relationships.iter().map(|r| (r.from, r.to)).collect();
    assert_eq!(edges, [(0, 1), (0, 2)]);
    let Metadata::Rust(git) = &c.packages[2].metadata else {
        panic!()
    };
    assert_eq!(git.source.as_deref(), Some("git"));
    assert_eq!(c.warnings.len(), 1);
    assert!(c.warnings[0].starts_with("/broken/Cargo.lock: not a readable Cargo.lock"));
}
