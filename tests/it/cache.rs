//! The per-layer result cache: a rescan reuses what each layer held (by
//! digest) instead of reading — or downloading — the layer again.

use crate::support;

use std::path::Path;
use std::process::Output;

use serde_json::Value;
use support::registry::{Auth, Registry};
use support::{corrupt, first_layer_diff_id, first_layer_digest, small_layout, stderr};

fn base_layer_blob(layout: &Path) -> std::path::PathBuf {
    let digest = first_layer_digest(layout);
    layout
        .join("blobs/sha256")
        .join(digest.trim_start_matches("sha256:"))
}

fn tallyman(args: &[&str], cache_home: &Path) -> Output {
    support::with_cache(cache_home).args(args).output().unwrap()
}

fn packages(out: &Output) -> Value {
    assert!(out.status.success(), "{}", stderr(out));
    serde_json::from_slice::<Value>(&out.stdout).unwrap()["packages"].clone()
}

#[test]
fn rescans_reuse_layer_results() {
    let cache_home = tempfile::tempdir().unwrap();
    let layout = small_layout();
    let source = format!("oci-dir:{}", layout.path().display());
    let cold = packages(&tallyman(
        &["scan", &source, "-o", "json"],
        cache_home.path(),
    ));
    assert_eq!(cold.as_array().unwrap().len(), 90);
    let entries = walkdir(cache_home.path().join("tallyman/layers").as_path());
    assert_eq!(entries, 3, "one entry per layer");

    // Damage the base layer on disk: a warm scan never reads it again...
    corrupt(&base_layer_blob(layout.path()));
    let warm = packages(&tallyman(
        &["scan", &source, "-o", "json"],
        cache_home.path(),
    ));
    assert_eq!(warm, cold);
    // ...while --no-cache reads it, and rejects it.
    let out = tallyman(&["scan", &source, "--no-cache"], cache_home.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("blob digest mismatch"),
        "{}",
        stderr(&out)
    );
}

fn walkdir(dir: &Path) -> usize {
    let mut count = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        count += if path.is_dir() { walkdir(&path) } else { 1 };
    }
    count
}

#[test]
fn registry_rescans_do_not_download_cached_layers() {
    let cache_home = tempfile::tempdir().unwrap();
    let registry = Registry::start(Auth::Anonymous, false);
    let layout = small_layout();
    registry.push(layout.path(), "bookworm", "cached/debian:bookworm");
    let source = format!("registry:{}/cached/debian:bookworm", registry.host());
    let cold = packages(&tallyman(
        &["scan", &source, "-o", "json"],
        cache_home.path(),
    ));
    let blob = base_layer_blob(layout.path());
    let digest = format!("sha256:{}", blob.file_name().unwrap().to_string_lossy());
    corrupt(&registry.blob_data(&digest));
    let warm = packages(&tallyman(
        &["scan", &source, "-o", "json"],
        cache_home.path(),
    ));
    assert_eq!(
        warm, cold,
        "served from the layer cache, not the (now corrupt) registry"
    );
    let out = tallyman(&["scan", &source, "--no-cache"], cache_home.path());
    assert!(
        stderr(&out).contains(&format!(
            "layer {}: blob digest mismatch: expected {digest}",
            first_layer_diff_id(layout.path())
        )),
        "{}",
        stderr(&out)
    );
}

/// Every file under `dir`, with `.partial-` temporaries counted apart.
fn cache_files(dir: &Path) -> (Vec<std::path::PathBuf>, usize) {
    let mut files = Vec::new();
    let mut partial = 0;
    for entry in walkdir::WalkDir::new(dir).min_depth(1) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            if entry.file_name().to_string_lossy().starts_with(".partial-") {
                partial += 1;
            } else {
                files.push(entry.into_path());
            }
        }
    }
    (files, partial)
}

#[test]
fn concurrent_scans_share_one_cache_dir_safely() {
    let registry = Registry::start(Auth::Anonymous, false);
    registry.push(
        &support::images().join("debian.oci"),
        "bookworm",
        "shared/debian:bookworm",
    );
    let source = format!("registry:{}/shared/debian:bookworm", registry.host());
    let cache = tempfile::tempdir().unwrap();
    let scan = || {
        support::command()
            .args(["scan", &source, "-q", "-o", "json"])
            .arg("--cache-dir")
            .arg(cache.path())
            .env_remove("TALLYMAN_NO_CACHE")
            .env("SOURCE_DATE_EPOCH", "1700000000")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let children: Vec<_> = (0..8).map(|_| scan()).collect();
    let documents: Vec<Vec<u8>> = children
        .into_iter()
        .map(|child| {
            let out = child.wait_with_output().unwrap();
            assert!(out.status.success(), "{}", stderr(&out));
            out.stdout
        })
        .collect();
    let doc: Value = serde_json::from_slice(&documents[0]).unwrap();
    assert_eq!(
        support::packages(&doc),
        support::dpkg_installed(&support::images().join("debian.rootfs"))
    );
    assert!(
        documents.iter().all(|d| d == &documents[0]),
        "all 8 documents byte-identical"
    );

    // Nothing half-written; every kept blob is what its name says.
    let (files, partial) = cache_files(cache.path());
    assert_eq!(partial, 0);
    let blobs: Vec<_> = files
        .iter()
        .filter(|f| f.parent().unwrap().ends_with("blobs/sha256"))
        .collect();
    assert_eq!(
        blobs.len(),
        4,
        "the config and three layer blobs: {files:?}"
    );
    for blob in blobs {
        let digest = support::oci::sha256(&std::fs::read(blob).unwrap());
        assert_eq!(
            digest.trim_start_matches("sha256:"),
            blob.file_name().unwrap().to_str().unwrap()
        );
    }
    let layer_entries = files
        .iter()
        .filter(|f| f.starts_with(cache.path().join("layers")))
        .count();
    assert_eq!(layer_entries, 3, "one entry per layer: {files:?}");

    // A 9th scan is served by the cache, with the registry's blobs corrupt.
    for doc_layer in doc["source"]["layers"].as_array().unwrap() {
        corrupt(&registry.blob_data(doc_layer["digest"].as_str().unwrap()));
    }
    let ninth = scan().wait_with_output().unwrap();
    assert!(ninth.status.success(), "{}", stderr(&ninth));
    assert_eq!(ninth.stdout, documents[0]);
}

#[test]
fn dir_sources_honour_max_layer_memory() {
    let root = tempfile::tempdir().unwrap();
    for i in 0..5000 {
        std::fs::write(root.path().join(format!("file-{i:05}")), b"").unwrap();
    }
    let source = format!("dir:{}", root.path().display());
    let error = support::scan_error(&["scan", &source, "--max-layer-memory", "16KiB"]);
    assert_eq!(
        error,
        format!(
            "tallyman: error: layer {}: keeping its files, links and paths takes more than the 16384 byte --max-layer-memory (a hostile layer, or raise the limit)",
            root.path().display()
        )
    );
    let fine = support::scan_json(&source, &["--max-layer-memory", "1MiB"]);
    assert_eq!(fine["packages"], serde_json::json!([]));
}
