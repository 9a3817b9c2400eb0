//! Scanning straight from a real registry (Debian's docker-registry on
//! 127.0.0.1): anonymous pulls, multi-platform indexes, basic auth through a
//! docker config.json, TLS with a self-signed CA, the bearer-token flow, a
//! corrupted blob, a registry that dies mid-pull, and the blob cache.

use crate::support;

use std::process::{Command, Stdio};
use std::time::Duration;

use base64::Engine;
use serde_json::Value;
use support::oci::{stanza, write_image, write_index_blob, write_top_index, Blob, Layer};
use support::registry::{Auth, Registry, ThrottledProxy};
use support::{
    corrupt, first_layer_diff_id, first_layer_digest, images, packages, scan_error, scan_json,
    small_layout, stderr,
};

/// Pushes the small image to `repository:bookworm`; returns its layout and
/// the `registry:` source naming it.
fn push_small(registry: &Registry, repository: &str) -> (tempfile::TempDir, String) {
    let layout = small_layout();
    registry.push(layout.path(), "bookworm", &format!("{repository}:bookworm"));
    let source = format!("registry:{}/{repository}:bookworm", registry.host());
    (layout, source)
}

fn tallyman_env(args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    let mut cmd = support::command();
    cmd.args(args).env("HOME", "/nonexistent");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

fn docker_config(host: &str, user: &str, password: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let auth = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
    let config = serde_json::json!({"auths": {host: {"auth": auth}}});
    std::fs::write(dir.path().join("config.json"), config.to_string()).unwrap();
    dir
}

fn json_of(out: &std::process::Output) -> Value {
    assert!(out.status.success(), "{}", stderr(out));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn anonymous_pull_equals_the_oci_layout() {
    let registry = Registry::start(Auth::Anonymous, false);
    let layout = images().join("debian.oci");
    registry.push(&layout, "bookworm", "test/debian:bookworm");
    let reference = format!("{}/test/debian:bookworm", registry.host());
    let pulled = scan_json(&format!("registry:{reference}"), &[]);
    let local = scan_json(&format!("oci-dir:{}", layout.display()), &[]);
    assert_eq!(
        pulled["packages"], local["packages"],
        "same packages, same layers"
    );
    assert_eq!(pulled["source"]["layers"], local["source"]["layers"]);
    assert_eq!(pulled["relationships"], local["relationships"]);
    let digest = local["source"]["manifestDigest"].as_str().unwrap();
    assert_eq!(pulled["source"]["manifestDigest"], digest);
    assert_eq!(pulled["source"]["kind"], "registry");
    assert_eq!(
        pulled["source"]["name"],
        format!("{}/test/debian@{digest}", registry.host())
    );
    assert_eq!(pulled["source"]["tags"][0], reference);
    // A bare reference, and one pinned by digest, give the same.
    let bare = scan_json(&reference, &[]);
    assert_eq!(bare["packages"], local["packages"]);
    let pinned = scan_json(&format!("{}/test/debian@{digest}", registry.host()), &[]);
    assert_eq!(pinned["packages"], local["packages"]);
    let err = scan_error(&[
        "scan",
        &format!(
            "{}/test/debian:bookworm@sha256:{}",
            registry.host(),
            "0".repeat(64)
        ),
    ]);
    assert!(
        err.contains("not found") || err.contains("not the pinned"),
        "{err}"
    );
    let err = scan_error(&[
        "scan",
        &format!("registry:{}/test/nothing:latest", registry.host()),
    ]);
    assert!(
        err.contains(&format!(
            "registry {}: manifest latest not found in test/nothing",
            registry.host()
        )),
        "{err}"
    );
}

#[test]
fn multi_platform_index_from_the_registry() {
    let registry = Registry::start(Auth::Anonymous, false);
    let dir = tempfile::tempdir().unwrap();
    let image = |name: &str| {
        vec![Blob::gzip(
            Layer::new()
                .file("var/lib/dpkg/status", stanza(name, "1.0").as_bytes())
                .tar(),
        )]
    };
    let amd = write_image(dir.path(), "amd64", image("on-amd64"));
    let arm = write_image(dir.path(), "arm64", image("on-arm64"));
    let index = write_index_blob(dir.path(), vec![amd, arm]);
    write_top_index(dir.path(), vec![(Some("multi"), index)]);
    registry.push(dir.path(), "multi", "test/multi:1");
    let source = format!("registry:{}/test/multi:1", registry.host());
    let names = |doc: &Value| packages(doc).into_iter().map(|p| p.0).collect::<Vec<_>>();
    assert_eq!(
        names(&scan_json(&source, &["--platform", "linux/arm64"])),
        ["on-arm64"]
    );
    assert_eq!(
        names(&scan_json(&source, &["--platform", "linux/amd64"])),
        ["on-amd64"]
    );
    let err = scan_error(&["scan", &source, "--platform", "linux/riscv64"]);
    assert!(
        err.contains("no image for platform linux/riscv64 (available: linux/amd64, linux/arm64)"),
        "{err}"
    );
}

#[test]
fn basic_auth_through_docker_config() {
    let registry = Registry::start(
        Auth::Basic {
            user: "alice",
            password: "wonderland",
        },
        false,
    );
    let (_layout, source) = push_small(&registry, "private/debian");
    let config = docker_config(&registry.host(), "alice", "wonderland");
    let doc = json_of(&tallyman_env(
        &["scan", &source, "-o", "json"],
        &[("DOCKER_CONFIG", config.path().to_str().unwrap())],
    ));
    assert_eq!(doc["packages"].as_array().unwrap().len(), 90);

    let out = tallyman_env(&["scan", &source], &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("requires a login (basic auth) and no credentials were found"),
        "{}",
        stderr(&out)
    );

    let wrong = docker_config(&registry.host(), "alice", "oops");
    let out = tallyman_env(
        &["scan", &source],
        &[("DOCKER_CONFIG", wrong.path().to_str().unwrap())],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("access to private/debian denied (HTTP 401); tried credentials of alice from"),
        "{err}"
    );
    assert!(err.contains("config.json (auths."), "{err}");

    let doc = json_of(&tallyman_env(
        &["scan", &source, "-o", "json", "--username", "alice"],
        &[("TALLYMAN_REGISTRY_PASSWORD", "wonderland")],
    ));
    assert_eq!(doc["packages"].as_array().unwrap().len(), 90);
}

#[test]
fn tls_with_a_self_signed_ca() {
    let registry = Registry::start(Auth::Anonymous, true);
    let (_layout, source) = push_small(&registry, "tls/debian");
    let err = scan_error(&["scan", &source]);
    assert!(err.contains("cannot connect over HTTPS"), "{err}");
    let ca = registry.ca_cert.as_ref().unwrap().display().to_string();
    let doc = scan_json(&source, &["--ca-cert", &ca]);
    assert_eq!(doc["packages"].as_array().unwrap().len(), 90);
}

#[test]
fn bearer_token_flow() {
    let registry = Registry::start(
        Auth::Token {
            user: "bob",
            password: "builder",
        },
        false,
    );
    let (_layout, source) = push_small(&registry, "tok/debian");
    let config = docker_config(&registry.host(), "bob", "builder");
    let doc = json_of(&tallyman_env(
        &["scan", &source, "-o", "json"],
        &[("DOCKER_CONFIG", config.path().to_str().unwrap())],
    ));
    assert_eq!(doc["packages"].as_array().unwrap().len(), 90);
    let out = tallyman_env(&["scan", &source], &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("refused (HTTP 401); tried no credentials (anonymous)"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn corrupted_blob_is_rejected_and_the_cache_serves_verified_copies() {
    let registry = Registry::start(Auth::Anonymous, false);
    let (layout, source) = push_small(&registry, "c/debian");
    let cache = tempfile::tempdir().unwrap();
    let cache_arg = cache.path().display().to_string();
    let first = scan_json(&source, &["--cache-dir", &cache_arg]);
    let layer = first_layer_digest(layout.path());
    assert!(cache
        .path()
        .join("blobs/sha256")
        .join(layer.trim_start_matches("sha256:"))
        .is_file());

    corrupt(&registry.blob_data(&layer));
    let err = scan_error(&["scan", &source]);
    let diff_id = first_layer_diff_id(layout.path());
    assert!(
        err.contains(&format!(
            "layer {diff_id}: blob digest mismatch: expected {layer}, got sha256:"
        )),
        "{err}"
    );
    // The cached, verified copy is used instead of the network.
    let again = scan_json(&source, &["--cache-dir", &cache_arg]);
    assert_eq!(again["packages"], first["packages"]);
}

#[test]
fn registry_killed_mid_pull_fails_without_a_document() {
    let mut registry = Registry::start(Auth::Anonymous, false);
    let layout = images().join("debian.oci");
    registry.push(&layout, "bookworm", "big/debian:bookworm");
    let proxy = ThrottledProxy::start(registry.port, 16 << 20);
    let out_dir = tempfile::tempdir().unwrap();
    let document = out_dir.path().join("sbom.json");
    let child = support::command()
        .args([
            "scan",
            &format!("registry:127.0.0.1:{}/big/debian:bookworm", proxy.port),
            "-o",
            &format!("json={}", document.display()),
        ])
        .stderr(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    registry.kill();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("layer sha256:"), "{err}");
    assert!(!document.exists(), "no partial SBOM may be written");
}

#[test]
fn credential_helpers_from_docker_config() {
    let registry = Registry::start(
        Auth::Basic {
            user: "carol",
            password: "helper-secret",
        },
        false,
    );
    let (_layout, source) = push_small(&registry, "helped/debian");
    let bin = tempfile::tempdir().unwrap();
    let helper = bin.path().join("docker-credential-tallytest");
    std::fs::write(
        &helper,
        "#!/bin/sh\nread server\nprintf '{\"ServerURL\":\"%s\",\"Username\":\"carol\",\"Secret\":\"helper-secret\"}' \"$server\"\n",
    )
    .unwrap();
    std::os::unix::fs::PermissionsExt::set_mode(
        &mut std::fs::metadata(&helper).unwrap().permissions(),
        0o755,
    );
    Command::new("chmod")
        .arg("755")
        .arg(&helper)
        .status()
        .unwrap();
    let path = format!(
        "{}:{}",
        bin.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    for config in [
        serde_json::json!({"credHelpers": {registry.host(): "tallytest"}}),
        serde_json::json!({"credsStore": "tallytest"}),
    ] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("config.json"), config.to_string()).unwrap();
        let doc = json_of(&tallyman_env(
            &["scan", &source, "-o", "json"],
            &[
                ("DOCKER_CONFIG", dir.path().to_str().unwrap()),
                ("PATH", &path),
            ],
        ));
        assert_eq!(doc["packages"].as_array().unwrap().len(), 90, "{config}");
    }
}

#[test]
fn server_errors_and_rate_limits_are_retried() {
    let registry = Registry::start(Auth::Anonymous, false);
    push_small(&registry, "flaky/debian");
    let proxy = support::registry::FlakyProxy::start(
        registry.port,
        // The HTTPS probe meets the first, the HTTP probe the second; the
        // manifest request meets the 429 and must wait as told.
        vec![
            "503 Service Unavailable",
            "502 Bad Gateway",
            "429 Too Many Requests\r\nRetry-After: 1",
        ],
    );
    let started = std::time::Instant::now();
    let doc = scan_json(
        &format!("registry:127.0.0.1:{}/flaky/debian:bookworm", proxy.port),
        &[],
    );
    assert_eq!(doc["packages"].as_array().unwrap().len(), 90);
    assert_eq!(
        proxy
            .served_errors
            .load(std::sync::atomic::Ordering::SeqCst),
        3
    );
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After was honoured"
    );
}

#[test]
fn docker_schema2_manifests() {
    let registry = Registry::start(Auth::Anonymous, false);
    let layout = small_layout();
    registry.push_as(
        layout.path(),
        "bookworm",
        "docker/debian:bookworm",
        Some("v2s2"),
    );
    let doc = scan_json(
        &format!("registry:{}/docker/debian:bookworm", registry.host()),
        &[],
    );
    assert_eq!(doc["packages"].as_array().unwrap().len(), 90);
    assert_eq!(
        doc["source"]["layers"][0]["mediaType"],
        "application/vnd.docker.image.rootfs.diff.tar.gzip"
    );
}
