//! Broken and hostile input: every case ends with one clear line naming the
//! input and the problem (or a warning and a correct result), never a panic,
//! never a partial document, never a file written outside the outputs.

use crate::support;

use std::io::{Read, Write};
use std::path::Path;

use support::oci::{gzip, sha256, stanza, write_layout, Blob, Layer};
use support::{packages, scan_error, scan_json, stderr, tallyman};

fn layout(layers: Vec<Blob>) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    write_layout(dir.path(), "t", layers);
    let source = format!("oci-dir:{}", dir.path().display());
    (dir, source)
}

fn status_layer(names: &[&str]) -> Vec<u8> {
    let status: String = names.iter().map(|n| stanza(n, "1.0")).collect();
    Layer::new()
        .file("var/lib/dpkg/status", status.as_bytes())
        .tar()
}

/// Replaces a layer blob's bytes and fixes up the descriptor, so that only
/// the content (not the digest) is wrong; returns the layer's diff id (its
/// name in messages).
fn layout_with_raw_layer(stored: Vec<u8>) -> (tempfile::TempDir, String, String) {
    let blob = Blob {
        stored,
        tar: status_layer(&["a"]),
        media_type: "application/vnd.oci.image.layer.v1.tar+gzip",
    };
    let diff_id = sha256(&blob.tar);
    let (dir, source) = layout(vec![blob]);
    (dir, source, diff_id)
}

#[test]
fn truncated_gzip_layer() {
    let full = gzip(&status_layer(&["a"]));
    let (_dir, source, digest) = layout_with_raw_layer(full[..full.len() / 2].to_vec());
    let err = scan_error(&["scan", &source]);
    assert!(err.contains(&format!("layer {digest}")), "{err}");
    assert!(err.contains("truncated gzip"), "{err}");
}

#[test]
fn corrupt_gzip_layer() {
    let mut bytes = gzip(&status_layer(&["a"]));
    let middle = bytes.len() / 2;
    for b in &mut bytes[middle..middle + 8] {
        *b ^= 0x55;
    }
    let (_dir, source, digest) = layout_with_raw_layer(bytes);
    let err = scan_error(&["scan", &source]);
    assert!(err.contains(&format!("layer {digest}")), "{err}");
    assert!(err.contains("gzip"), "{err}");
}

#[test]
fn truncated_tar_inside_valid_gzip() {
    let tar = status_layer(&["a"]);
    let (_dir, source, _) = layout_with_raw_layer(gzip(&tar[..700]));
    let err = scan_error(&["scan", &source]);
    assert!(err.contains("truncated gzip tar stream"), "{err}");
}

#[test]
fn blob_whose_digest_does_not_match() {
    let (dir, source) = layout(vec![Blob::gzip(status_layer(&["a"]))]);
    let blobs = dir.path().join("blobs/sha256");
    let mut layer_blob = None;
    for entry in std::fs::read_dir(&blobs).unwrap() {
        let path = entry.unwrap().path();
        let mut magic = [0u8; 2];
        std::fs::File::open(&path)
            .unwrap()
            .read_exact(&mut magic)
            .unwrap();
        if magic == [0x1f, 0x8b] {
            layer_blob = Some(path);
        }
    }
    let path = layer_blob.unwrap();
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let diff_id = sha256(&status_layer(&["a"]));
    // Append a second gzip member: still valid gzip and tar, wrong digest.
    std::fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .unwrap()
        .write_all(&gzip(b""))
        .unwrap();
    let err = scan_error(&["scan", &source]);
    assert!(
        err.contains(&format!(
            "layer {diff_id}: blob digest mismatch: expected sha256:{name}, got sha256:"
        )),
        "{err}"
    );
}

#[test]
fn missing_layer_blob() {
    let (dir, source) = layout(vec![Blob::gzip(status_layer(&["a"]))]);
    let digest = sha256(&gzip(&status_layer(&["a"])));
    std::fs::remove_file(
        dir.path()
            .join("blobs/sha256")
            .join(digest.trim_start_matches("sha256:")),
    )
    .unwrap();
    let err = scan_error(&["scan", &source]);
    let diff_id = sha256(&status_layer(&["a"]));
    assert!(err.contains(&format!("layer {diff_id}: ")), "{err}");
    assert!(
        err.contains(&format!(
            "blobs/sha256/{}: cannot open: No such file",
            digest.trim_start_matches("sha256:")
        )),
        "{err}"
    );
}

#[test]
fn index_that_is_not_json() {
    let (dir, source) = layout(vec![Blob::gzip(status_layer(&["a"]))]);
    std::fs::write(dir.path().join("index.json"), b"<html>not json</html>").unwrap();
    let err = scan_error(&["scan", &source]);
    assert!(err.contains("index.json is not a valid OCI index"), "{err}");
}

#[test]
fn docker_archive_manifest_that_is_not_json() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("image.tar");
    let tar = Layer::new().file("manifest.json", b"{{{").tar();
    std::fs::write(&path, tar).unwrap();
    let err = scan_error(&["scan", &format!("docker-archive:{}", path.display())]);
    assert!(
        err.contains("manifest.json is not a docker-archive manifest"),
        "{err}"
    );
}

#[test]
fn links_out_of_the_image_resolve_inside_it() {
    // A real status file on the host that a naive scanner would follow into.
    let host = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(host.path().join("var/lib/dpkg")).unwrap();
    std::fs::write(
        host.path().join("var/lib/dpkg/status"),
        stanza("host-package", "6.6.6"),
    )
    .unwrap();
    let host_dir = host.path().join("var/lib/dpkg").display().to_string();
    let layer = Layer::new()
        .symlink("var/lib/dpkg", &host_dir)
        .symlink("etc/os-release", "../../../../../../../../etc/os-release")
        .symlink("usr/lib/os-release", "loop-a")
        .symlink("usr/lib/loop-a", "loop-b")
        .symlink("usr/lib/loop-b", "loop-a");
    let (_image, source) = layout(vec![Blob::gzip(layer.tar())]);
    let doc = scan_json(&source, &[]);
    assert!(packages(&doc).is_empty(), "{doc}");
    assert!(
        doc.get("distro").is_none(),
        "the host's os-release must not be read"
    );

    // The same through dir: a rootfs on disk whose links point at the host.
    let rootfs = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(rootfs.path().join("var/lib")).unwrap();
    std::os::unix::fs::symlink(&host_dir, rootfs.path().join("var/lib/dpkg")).unwrap();
    let doc = scan_json(&format!("dir:{}", rootfs.path().display()), &[]);
    assert!(packages(&doc).is_empty(), "{doc}");
}

#[test]
fn max_file_size_is_a_flag() {
    let names: Vec<String> = (0..200).map(|i| format!("pkg{i}")).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let (_dir, source) = layout(vec![Blob::gzip(status_layer(&refs))]);
    let out = tallyman(["scan", &source, "-o", "json", "--max-file-size", "1KiB"]);
    assert!(out.status.success());
    assert!(stderr(&out).contains("over the 1024 byte --max-file-size; skipped"));
    assert_eq!(
        packages(&serde_json::from_slice(&out.stdout).unwrap()).len(),
        0
    );
    assert_eq!(packages(&scan_json(&source, &[])).len(), 200);
}

#[test]
fn garbage_stanza_is_skipped_with_a_warning() {
    let status = format!(
        "{}this line is garbage\nVersion: 9\n\n{}",
        stanza("good", "1"),
        stanza("also-good", "2")
    );
    let layer = Layer::new()
        .file("var/lib/dpkg/status", status.as_bytes())
        .tar();
    let (_dir, source) = layout(vec![Blob::gzip(layer)]);
    let out = tallyman(["scan", &source, "-o", "json"]);
    assert!(out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("tallyman: warning: /var/lib/dpkg/status: line 6: skipped a stanza: \"this line is garbage\" is not a \"Field: value\" line"),
        "{err}"
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let names: Vec<String> = packages(&doc).into_iter().map(|p| p.0).collect();
    assert_eq!(names, ["also-good", "good"]);
    assert_eq!(doc["warnings"].as_array().unwrap().len(), 1);
}

#[test]
fn quiet_suppresses_warnings() {
    let status = format!("garbage\n\n{}", stanza("good", "1"));
    let layer = Layer::new()
        .file("var/lib/dpkg/status", status.as_bytes())
        .tar();
    let (_dir, source) = layout(vec![Blob::gzip(layer)]);
    let out = tallyman(["scan", &source, "-q"]);
    assert!(out.status.success());
    assert!(out.stderr.is_empty());
}

#[test]
fn usage_errors_exit_2() {
    let out = tallyman(["scan", "x", "-o", "xml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unknown output format \"xml\""));
    let out = tallyman(["scan", "x", "--platform", "linux"]);
    assert_eq!(out.status.code(), Some(2));
    let out = tallyman(["scan", "x", "--max-file-size", "lots"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn truncated_archives() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["debian.docker.tar", "debian.oci.tar"] {
        let full = std::fs::read(support::images().join(name)).unwrap();
        let cut = dir.path().join(name);
        std::fs::write(&cut, &full[..full.len() * 3 / 5]).unwrap();
        let err = scan_error(&["scan", &cut.display().to_string()]);
        assert!(
            err.contains(&format!(
                "{}: truncated or corrupt tar archive",
                cut.display()
            )),
            "{err}"
        );
    }
    let readme = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let err = scan_error(&["scan", &format!("docker-archive:{}", readme.display())]);
    assert!(
        err.ends_with(&format!("{}: not a tar archive", readme.display())),
        "{err}"
    );
}
