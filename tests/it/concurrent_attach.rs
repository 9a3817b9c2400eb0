//! Eight pipelines attaching to one image at once lose nothing (issue #31):
//! eight concurrent `attest --attach` (each with its own key, so eight
//! distinct attestations) against Debian's docker-registry — the tag
//! schema's `sha256-<hex>` index, and cosign 2's `.att` — and through the
//! referrers API, and eight concurrent `sign`s (`.sig`): every entry is
//! listed afterwards, in every repetition. Before, the read-modify-write of
//! the shared tag kept 5–7 of 8.

use crate::attest::{key_pair, referrers_index, tallyman, Keys};
use crate::support;

use std::thread;

use serde_json::Value;
use support::registry::{Auth, ReferrersApi, Registry};
use support::stderr;

const WRITERS: usize = 8;

/// Runs one `tallyman` per key at once (`args` with the key appended);
/// every run must succeed.
fn all_at_once(keys: &[Keys], args: &[String]) {
    let runs: Vec<_> = keys
        .iter()
        .map(|key| {
            let mut args = args.to_vec();
            args.extend(["--key".to_owned(), key.private.clone()]);
            thread::spawn(move || {
                let args: Vec<&str> = args.iter().map(String::as_str).collect();
                tallyman(&args, Some("s3cret"))
            })
        })
        .collect();
    for run in runs {
        let out = run.join().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
    }
}

/// The manifest digest of `image` (a `registry:` source).
fn manifest_digest(image: &str) -> String {
    support::scan_json(image, &[])["source"]["manifestDigest"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// The layers of the cosign 2 manifest under `tag`.
fn legacy_layers(registry: &Registry, repository: &str, tag: &str) -> Vec<Value> {
    let (status, _, body) = registry.request(
        "GET",
        &format!("/v2/{repository}/manifests/{tag}"),
        None,
        b"",
    );
    assert_eq!(status, 200, "{tag}");
    let manifest: Value = serde_json::from_slice(&body).unwrap();
    manifest["layers"].as_array().unwrap().clone()
}

#[test]
fn eight_concurrent_attaches_are_all_listed() {
    let registry = Registry::start(Auth::Anonymous, false);
    let layout = support::small_layout();
    let keys: Vec<Keys> = (0..WRITERS).map(|_| key_pair()).collect();
    for round in 0..10 {
        // A repository per round: a subject no earlier round attached to.
        let repository = format!("race{round}/debian");
        registry.push(layout.path(), "bookworm", &format!("{repository}:bookworm"));
        let image = format!("registry:{}/{repository}:bookworm", registry.host());
        all_at_once(&keys, &["attest".into(), image.clone(), "--attach".into()]);
        let digest = manifest_digest(&image);
        let index = referrers_index(&registry, &repository, &digest);
        let listed = index["manifests"].as_array().unwrap();
        let mut digests: Vec<&str> = listed
            .iter()
            .map(|e| e["digest"].as_str().unwrap())
            .collect();
        digests.sort_unstable();
        digests.dedup();
        assert_eq!(digests.len(), WRITERS, "round {round}: {index}");
    }
}

#[test]
fn eight_concurrent_legacy_attaches_and_signs_are_all_listed() {
    let registry = Registry::start(Auth::Anonymous, false);
    let layout = support::small_layout();
    let keys: Vec<Keys> = (0..WRITERS).map(|_| key_pair()).collect();
    for round in 0..5 {
        let repository = format!("legacy{round}/debian");
        registry.push(layout.path(), "bookworm", &format!("{repository}:bookworm"));
        let image = format!("registry:{}/{repository}:bookworm", registry.host());
        let legacy = ["--attach-format".to_owned(), "legacy".to_owned()];
        let mut attest = vec!["attest".to_owned(), image.clone(), "--attach".to_owned()];
        attest.extend(legacy.clone());
        all_at_once(&keys, &attest);
        let mut sign = vec!["sign".to_owned(), image.clone()];
        sign.extend(legacy);
        all_at_once(&keys, &sign);
        let tag = manifest_digest(&image).replace(':', "-");
        for suffix in ["att", "sig"] {
            let layers = legacy_layers(&registry, &repository, &format!("{tag}.{suffix}"));
            assert_eq!(layers.len(), WRITERS, "round {round}, .{suffix}");
        }
    }
}

/// `GET /v2/<repository>/referrers/<digest>` of the referrers API stand-in.
fn referrers_api_list(api: &ReferrersApi, repository: &str, digest: &str) -> Value {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", api.port)).unwrap();
    write!(
        stream,
        "GET /v2/{repository}/referrers/{digest} HTTP/1.0\r\nHost: {}\r\n\r\n",
        api.host()
    )
    .unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let text = String::from_utf8(response).unwrap();
    let (head, body) = text.split_once("\r\n\r\n").unwrap();
    assert!(
        head.starts_with("HTTP/1.1 200") || head.starts_with("HTTP/1.0 200"),
        "{head}"
    );
    serde_json::from_str(body).unwrap()
}

#[test]
fn eight_concurrent_attaches_through_the_referrers_api_are_all_listed() {
    let registry = Registry::start(Auth::Anonymous, false);
    let api = ReferrersApi::start(registry.port);
    let layout = support::small_layout();
    let keys: Vec<Keys> = (0..WRITERS).map(|_| key_pair()).collect();
    for round in 0..3 {
        let repository = format!("api{round}/debian");
        registry.push(layout.path(), "bookworm", &format!("{repository}:bookworm"));
        let image = format!("registry:{}/{repository}:bookworm", api.host());
        all_at_once(&keys, &["attest".into(), image.clone(), "--attach".into()]);
        let digest = manifest_digest(&image);
        let listed = referrers_api_list(&api, &repository, &digest);
        assert_eq!(
            listed["manifests"].as_array().unwrap().len(),
            WRITERS,
            "round {round}: {listed}"
        );
    }
}

/// Writers that replace one another's attestation (`--replace`, one
/// predicate type) at once: each finishes — the newer replacement wins, as
/// it would one at a time, instead of the writers undoing each other until
/// their retries run out — and what is left is theirs.
#[test]
fn concurrent_replacing_attaches_all_finish() {
    let registry = Registry::start(Auth::Anonymous, false);
    let layout = support::small_layout();
    let keys: Vec<Keys> = (0..4).map(|_| key_pair()).collect();
    registry.push(layout.path(), "bookworm", "replace/debian:bookworm");
    let image = format!("registry:{}/replace/debian:bookworm", registry.host());
    let attest: Vec<String> = [
        "attest",
        &image,
        "--attach",
        "--attach-format",
        "legacy",
        "--replace",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    for _ in 0..2 {
        all_at_once(&keys, &attest);
        let tag = manifest_digest(&image).replace(':', "-");
        let layers = legacy_layers(&registry, "replace/debian", &format!("{tag}.att"));
        assert!((1..=4).contains(&layers.len()), "{layers:?}");
    }
}
