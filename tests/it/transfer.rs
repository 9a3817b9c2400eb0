//! A registry transfer cut short is resumed, not reported as a digest
//! mismatch (issue #31): a proxy in front of Debian's docker-registry drops
//! the connection part-way through the base layer's blob; tallyman asks for
//! the rest with `Range: bytes=<received>-` and the scan finds what a scan
//! straight from the registry finds. When every attempt is cut, the scan
//! fails with one line saying so.

use crate::support;

use serde_json::Value;
use support::registry::{Auth, CutProxy, Registry};
use support::{first_layer_digest, small_layout, stderr};

/// Bytes of the blob's body (362 KB) the proxy lets through before it cuts.
const KEEP: usize = 100_000;

fn scan(image: &str) -> std::process::Output {
    support::command()
        .args(["scan", image, "-o", "json", "--no-cache"])
        .output()
        .unwrap()
}

/// What a scan found, without the parts that name the source.
fn found(out: &std::process::Output) -> (Value, Value) {
    assert!(out.status.success(), "{}", stderr(out));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    (doc["packages"].clone(), doc["relationships"].clone())
}

#[test]
fn a_blob_cut_short_is_resumed_with_a_range_request() {
    let registry = Registry::start(Auth::Anonymous, false);
    let layout = small_layout();
    registry.push(layout.path(), "bookworm", "cut/debian:bookworm");
    let blob = first_layer_digest(layout.path());
    let direct = found(&scan(&format!(
        "registry:{}/cut/debian:bookworm",
        registry.host()
    )));
    let proxy = CutProxy::start(registry.port, format!("/blobs/{blob}"), 1, KEEP);
    let resumed = scan(&format!("registry:{}/cut/debian:bookworm", proxy.host()));
    assert_eq!(found(&resumed), direct);
    assert_eq!(
        *proxy.requests.lock().unwrap(),
        [None, Some(format!("bytes={KEEP}-"))],
        "the whole blob, then the rest of it"
    );
}

#[test]
fn a_blob_cut_every_time_fails_as_a_truncated_transfer() {
    let registry = Registry::start(Auth::Anonymous, false);
    let layout = small_layout();
    registry.push(layout.path(), "bookworm", "cut/debian:bookworm");
    let blob = first_layer_digest(layout.path());
    // 10 KB per response: six responses bring 60 KB of the 362 KB.
    let proxy = CutProxy::start(registry.port, format!("/blobs/{blob}"), usize::MAX, 10_000);
    let out = scan(&format!("registry:{}/cut/debian:bookworm", proxy.host()));
    assert_eq!(out.status.code(), Some(1));
    let error = stderr(&out);
    assert_eq!(error.lines().count(), 1, "{error}");
    let layer = support::first_layer_diff_id(layout.path());
    assert_eq!(
        error,
        format!(
            "tallyman: error: layer {layer}: truncated gzip tar stream ({}/cut/debian: blob {blob}: \
             the transfer broke after 60000 of 362138 bytes (Peer disconnected); \
             gave up after 5 resumed requests)\n",
            proxy.host()
        )
    );
    assert!(!error.contains("digest mismatch"), "{error}");
    // The first GET and five resumed ones, each from what was received.
    let requests = proxy.requests.lock().unwrap().clone();
    assert_eq!(requests.len(), 6, "{requests:?}");
    assert_eq!(requests[0], None);
}
