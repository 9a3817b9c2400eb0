//! Picking the image: tags in OCI layouts and docker archives, platforms in
//! multi-platform indexes, and what a bare PATH is.

use crate::support;

use support::oci::{stanza, write_image, write_index_blob, write_top_index, Blob, Layer};
use support::{packages, scan_error, scan_json};

fn image_with(name: &str) -> Vec<Blob> {
    vec![Blob::gzip(
        Layer::new()
            .file("var/lib/dpkg/status", stanza(name, "1.0").as_bytes())
            .tar(),
    )]
}

fn names(doc: &serde_json::Value) -> Vec<String> {
    packages(doc).into_iter().map(|(name, ..)| name).collect()
}

#[test]
fn multi_platform_index_picks_by_platform() {
    let dir = tempfile::tempdir().unwrap();
    let amd = write_image(dir.path(), "amd64", image_with("on-amd64"));
    let arm = write_image(dir.path(), "arm64", image_with("on-arm64"));
    let index = write_index_blob(dir.path(), vec![amd, arm.clone()]);
    write_top_index(dir.path(), vec![(Some("multi"), index)]);
    let source = format!("oci-dir:{}", dir.path().display());

    let doc = scan_json(&source, &["--platform", "linux/arm64"]);
    assert_eq!(names(&doc), ["on-arm64"]);
    assert_eq!(doc["source"]["platform"], "linux/arm64");
    assert_eq!(doc["source"]["manifestDigest"], arm["digest"]);
    assert_eq!(
        names(&scan_json(&source, &["--platform", "linux/amd64"])),
        ["on-amd64"]
    );
    if std::env::consts::ARCH == "x86_64" {
        assert_eq!(
            names(&scan_json(&source, &[])),
            ["on-amd64"],
            "default: the host's platform"
        );
    }
    let err = scan_error(&["scan", &source, "--platform", "linux/s390x"]);
    assert!(
        err.contains("no image for platform linux/s390x (available: linux/amd64, linux/arm64); choose one with --platform"),
        "{err}"
    );
}

#[test]
fn several_tags_need_a_choice() {
    let dir = tempfile::tempdir().unwrap();
    let one = write_image(dir.path(), "amd64", image_with("first"));
    let two = write_image(dir.path(), "amd64", image_with("second"));
    write_top_index(dir.path(), vec![(Some("one"), one), (Some("two"), two)]);
    let path = dir.path().display().to_string();
    let err = scan_error(&["scan", &format!("oci-dir:{path}")]);
    assert!(
        err.contains(&format!(
            "{path}: holds several images; pick one with {path}:TAG (tags: one, two)"
        )),
        "{err}"
    );
    assert_eq!(
        names(&scan_json(&format!("oci-dir:{path}:two"), &[])),
        ["second"]
    );
    assert_eq!(
        names(&scan_json(&format!("oci-dir:{path}:one"), &[])),
        ["first"]
    );
    let err = scan_error(&["scan", &format!("oci-dir:{path}:three")]);
    assert!(
        err.contains("no image tagged \"three\" (tags: one, two)"),
        "{err}"
    );
}

#[test]
fn bare_paths_that_are_not_images() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "hello, not a tarball").unwrap();
    let err = scan_error(&["scan", &text.display().to_string()]);
    assert!(
        err.contains(&format!("{}: not an image", text.display())),
        "{err}"
    );

    let plain_tar = dir.path().join("files.tar");
    std::fs::write(&plain_tar, Layer::new().file("README", b"hi").tar()).unwrap();
    let err = scan_error(&["scan", &plain_tar.display().to_string()]);
    assert!(err.contains("a tar archive, but not an image"), "{err}");

    let gz = dir.path().join("image.tar.gz");
    std::fs::write(
        &gz,
        support::oci::gzip(&Layer::new().file("manifest.json", b"[]").tar()),
    )
    .unwrap();
    let err = scan_error(&["scan", &gz.display().to_string()]);
    assert!(
        err.contains("the archive is compressed; decompress it first"),
        "{err}"
    );

    let missing = dir.path().join("nope");
    let err = scan_error(&["scan", &missing.display().to_string()]);
    assert!(
        err.contains(&format!("{}: no such file or directory", missing.display())),
        "{err}"
    );
}

#[test]
fn oci_dir_that_is_not_a_layout() {
    let dir = tempfile::tempdir().unwrap();
    let err = scan_error(&["scan", &format!("oci-dir:{}", dir.path().display())]);
    assert!(
        err.contains("not an OCI image layout (no oci-layout file)"),
        "{err}"
    );
}

#[test]
fn dir_source_reads_a_root_filesystem() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("var/lib/dpkg")).unwrap();
    std::fs::write(
        dir.path().join("var/lib/dpkg/status"),
        stanza("on-disk", "2.0"),
    )
    .unwrap();
    let doc = scan_json(&dir.path().display().to_string(), &[]);
    assert_eq!(doc["source"]["kind"], "dir");
    assert_eq!(names(&doc), ["on-disk"]);
}

#[test]
fn dir_source_keeps_names_that_are_not_utf8_apart() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    // var/lib/dpkg -> d\xe9; its neighbour d\xff would read the same lossily
    // (and comes after it in the walk).
    for (name, package) in [(&b"d\xe9"[..], "linked"), (b"d\xff", "neighbour")] {
        let db = dir.path().join(OsStr::from_bytes(name));
        std::fs::create_dir(&db).unwrap();
        std::fs::write(db.join("status"), stanza(package, "1.0")).unwrap();
    }
    std::fs::create_dir_all(dir.path().join("var/lib")).unwrap();
    std::os::unix::fs::symlink(
        OsStr::from_bytes(b"../../d\xe9"),
        dir.path().join("var/lib/dpkg"),
    )
    .unwrap();
    let doc = scan_json(&format!("dir:{}", dir.path().display()), &[]);
    assert_eq!(names(&doc), ["linked"]);
}

#[test]
fn docker_schema1_is_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let descriptor = write_image(dir.path(), "amd64", image_with("old"));
    let mut schema1 = descriptor;
    schema1["mediaType"] =
        serde_json::json!("application/vnd.docker.distribution.manifest.v1+prettyjws");
    write_top_index(dir.path(), vec![(Some("old"), schema1)]);
    let err = scan_error(&["scan", &format!("oci-dir:{}", dir.path().display())]);
    assert!(
        err.contains("Docker schema 1 manifests are not supported"),
        "{err}"
    );
}

#[test]
fn buildkit_attestation_manifests_are_never_taken_for_an_image() {
    // As `docker buildx build --attest type=sbom` pushes it: the index lists
    // the image and, under platform unknown/unknown, the attestation manifest
    // that refers to it (here listed first, to be picked by mistake).
    let dir = tempfile::tempdir().unwrap();
    let amd = write_image(dir.path(), "amd64", image_with("on-amd64"));
    let mut attestation = write_image(dir.path(), "amd64", image_with("in-attestation"));
    attestation["platform"] = serde_json::json!({"os": "unknown", "architecture": "unknown"});
    attestation["annotations"] = serde_json::json!({
        "vnd.docker.reference.type": "attestation-manifest",
        "vnd.docker.reference.digest": amd["digest"],
    });
    let index = write_index_blob(dir.path(), vec![attestation, amd.clone()]);
    write_top_index(dir.path(), vec![(Some("built"), index)]);
    let source = format!("oci-dir:{}", dir.path().display());

    let doc = scan_json(&source, &["--platform", "linux/amd64"]);
    assert_eq!(names(&doc), ["on-amd64"]);
    assert_eq!(doc["source"]["manifestDigest"], amd["digest"]);
    if std::env::consts::ARCH == "x86_64" {
        assert_eq!(names(&scan_json(&source, &[])), ["on-amd64"]);
    }
    let err = scan_error(&["scan", &source, "--platform", "linux/arm64"]);
    assert!(
        err.contains("no image for platform linux/arm64 (available: linux/amd64); choose one with --platform"),
        "{err}"
    );
    // Not even when asked for by its platform.
    let err = scan_error(&["scan", &source, "--platform", "unknown/unknown"]);
    assert!(err.contains("(available: linux/amd64)"), "{err}");

    // attest signs the image, not the attestation manifest.
    let keys = tempfile::tempdir().unwrap();
    let prefix = keys.path().join("cosign");
    let generated = support::command()
        .args(["generate-key-pair", "--output-key-prefix"])
        .arg(&prefix)
        .env("COSIGN_PASSWORD", "pw")
        .output()
        .unwrap();
    assert!(generated.status.success());
    let attested = support::command()
        .args(["attest", &source, "--platform", "linux/amd64", "--key"])
        .arg(prefix.with_extension("key"))
        .env("COSIGN_PASSWORD", "pw")
        .output()
        .unwrap();
    assert!(attested.status.success(), "{}", support::stderr(&attested));
    let envelope: serde_json::Value = serde_json::from_slice(&attested.stdout).unwrap();
    let statement: serde_json::Value = serde_json::from_slice(
        &base64::Engine::decode(
            &base64::engine::general_purpose::STANDARD,
            envelope["payload"].as_str().unwrap(),
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(
        format!(
            "sha256:{}",
            statement["subject"][0]["digest"]["sha256"]
                .as_str()
                .unwrap()
        ),
        amd["digest"].as_str().unwrap()
    );
}
