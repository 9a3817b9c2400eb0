//! Rust binaries built with `cargo auditable` (testdata/rust-app), in an
//! image layer and in a `dir:` tree, compared with the crates cargo itself
//! locked for them (the app's Cargo.lock).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use crate::support::oci::{write_layout, Blob, Layer};
use crate::support::{packages_in, scan_json, stderr};

fn app() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/rust-app")
}

/// The fixture built with `cargo auditable` (once per run; offline: its
/// crates are tallyman's own dependencies, already in cargo's cache).
fn binary() -> &'static Path {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY.get_or_init(|| {
        let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/testdata/rust-app");
        let out = Command::new("cargo")
            .args([
                "auditable",
                "build",
                "--release",
                "--locked",
                "--offline",
                "-q",
            ])
            .current_dir(app())
            .env("CARGO_TARGET_DIR", &target)
            .output()
            .expect("cargo auditable (cargo install cargo-auditable --locked)");
        assert!(
            out.status.success(),
            "cargo auditable build: {}",
            stderr(&out)
        );
        target.join("release/tallyman-rust-fixture")
    })
}

/// (name, version) of every package in the app's Cargo.lock.
fn locked() -> BTreeSet<(String, String)> {
    let lock = std::fs::read_to_string(app().join("Cargo.lock")).unwrap();
    let mut found = BTreeSet::new();
    let mut name = None;
    for line in lock.lines() {
        if let Some(value) = line.strip_prefix("name = ") {
            name = Some(value.trim_matches('"').to_owned());
        } else if let (Some(value), Some(n)) = (line.strip_prefix("version = "), name.take()) {
            found.insert((n, value.trim_matches('"').to_owned()));
        }
    }
    found
}

/// An OCI layout with the fixture at /usr/local/bin/fixture (built once).
pub(crate) fn rust_layout() -> &'static Path {
    static LAYOUT: OnceLock<PathBuf> = OnceLock::new();
    LAYOUT.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/testdata/rust.oci");
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let bytes = std::fs::read(binary()).unwrap();
        write_layout(
            &dir,
            "rust",
            vec![Blob::gzip(
                Layer::new()
                    .executable("usr/local/bin/fixture", &bytes)
                    .tar(),
            )],
        );
        dir
    })
}

#[test]
fn every_crate_of_a_cargo_auditable_binary() {
    let doc = scan_json(&format!("oci-dir:{}", rust_layout().display()), &[]);
    let truth = locked();
    assert_eq!(truth.len(), 3);
    assert_eq!(
        packages_in(&doc, "rust-crate", "/usr/local/bin/fixture"),
        truth
    );

    let packages = doc["packages"].as_array().unwrap();
    let app = packages
        .iter()
        .find(|p| p["name"] == "tallyman-rust-fixture")
        .unwrap();
    assert_eq!(app["purl"], "pkg:cargo/tallyman-rust-fixture@0.3.1");
    assert_eq!(app["metadata"]["source"], "local");
    let itoa = packages.iter().find(|p| p["name"] == "itoa").unwrap();
    assert_eq!(itoa["purl"], "pkg:cargo/itoa@1.0.19");
    assert_eq!(itoa["metadata"]["source"], "crates.io");
    let edges: BTreeSet<(&str, &str)> = doc["relationships"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["type"] == "depends-on")
        .map(|r| (r["from"].as_str().unwrap(), r["to"].as_str().unwrap()))
        .collect();
    let id = |name: &str| {
        packages.iter().find(|p| p["name"] == name).unwrap()["id"]
            .as_str()
            .unwrap()
    };
    assert!(edges.contains(&(id("tallyman-rust-fixture"), id("itoa"))));
    assert!(edges.contains(&(id("tallyman-rust-fixture"), id("memchr"))));

    // The same binary in a root filesystem on disk.
    let root = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(root.path().join("opt")).unwrap();
    std::fs::copy(binary(), root.path().join("opt/fixture")).unwrap();
    let doc = scan_json(&format!("dir:{}", root.path().display()), &[]);
    assert_eq!(packages_in(&doc, "rust-crate", "/opt/fixture"), truth);
}

#[test]
fn a_source_trees_cargo_lock() {
    let doc = scan_json(&format!("dir:{}", app().display()), &[]);
    assert_eq!(packages_in(&doc, "rust-crate", "/Cargo.lock"), locked());
}
