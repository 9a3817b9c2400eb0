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
    support::command()
        .args(args)
        .env_remove("TALLYMAN_NO_CACHE")
        .env("XDG_CACHE_HOME", cache_home)
        .output()
        .unwrap()
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
