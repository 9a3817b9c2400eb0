//! Hostile layers beyond the basic bad-input cases: whiteouts of the root and
//! of things that never existed, opaque markers on files, hard links out of
//! the layer or to names not seen, a million empty files, a 50 MB
//! package.json, a 1 MB dpkg field, and names and contents that are not
//! UTF-8. Each finishes in bounded time and memory, with no panic.

mod support;

use std::process::Command;
use std::time::{Duration, Instant};

use support::oci::{stanza, write_layout, Blob, Layer};
use support::{packages, stderr};

fn layout(layers: Vec<Blob>) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    write_layout(dir.path(), "t", layers);
    let source = format!("oci-dir:{}", dir.path().display());
    (dir, source)
}

/// Runs a scan under /usr/bin/time; returns (json, stderr, seconds, peak RSS in KiB).
fn measured_scan(source: &str) -> (serde_json::Value, String, f64, u64) {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("time");
    let started = Instant::now();
    let out = Command::new("/usr/bin/time")
        .args([
            "-f",
            "%M",
            "-o",
            report.to_str().unwrap(),
            env!("CARGO_BIN_EXE_tallyman"),
            "scan",
            source,
            "-o",
            "json",
        ])
        .env("TALLYMAN_NO_CACHE", "1")
        .output()
        .expect("/usr/bin/time (apt-get install time)");
    let elapsed = started.elapsed().as_secs_f64();
    assert!(out.status.success(), "{}", stderr(&out));
    let rss: u64 = std::fs::read_to_string(report)
        .unwrap()
        .trim()
        .lines()
        .last()
        .unwrap()
        .parse()
        .unwrap();
    (
        serde_json::from_slice(&out.stdout).unwrap(),
        stderr(&out),
        elapsed,
        rss,
    )
}

fn names(doc: &serde_json::Value) -> Vec<String> {
    packages(doc).into_iter().map(|(name, ..)| name).collect()
}

#[test]
fn whiteouts_of_the_root_of_nothing_and_opaque_files() {
    let base = Layer::new()
        .file("var/lib/dpkg/status", stanza("a", "1").as_bytes())
        .file("etc/motd", b"hi");
    // Whiteouts of paths that never existed, an opaque marker "inside" a
    // file, an empty whiteout name: all harmless.
    let odd = Layer::new()
        .file("no/such/dir/.wh.ghost", b"")
        .file("etc/motd/.wh..wh..opq", b"")
        .file("etc/.wh.", b"");
    let (_dir, source) = layout(vec![Blob::gzip(base.tar()), Blob::gzip(odd.tar())]);
    let (doc, err, ..) = measured_scan(&source);
    assert_eq!(names(&doc), ["a"]);
    assert!(
        err.contains("whiteout \"etc/.wh.\" names no file; ignored"),
        "{err}"
    );

    // An opaque marker at the root hides every lower layer.
    let base = Layer::new().file("var/lib/dpkg/status", stanza("a", "1").as_bytes());
    let root = Layer::new()
        .file(".wh..wh..opq", b"")
        .file("var/lib/dpkg/status", stanza("b", "2").as_bytes());
    let (_dir, source) = layout(vec![Blob::gzip(base.tar()), Blob::gzip(root.tar())]);
    assert_eq!(names(&measured_scan(&source).0), ["b"]);
}

#[test]
fn hard_links_out_of_the_layer_or_to_nothing() {
    let layer = Layer::new()
        .hardlink("var/lib/dpkg/status", "../../../../etc/passwd")
        .hardlink("var/lib/dpkg/status.d/ghost", "not/in/this/layer")
        .file("usr/lib/os-release", b"ID=debian\n");
    let (_dir, source) = layout(vec![Blob::gzip(layer.tar())]);
    let (doc, err, ..) = measured_scan(&source);
    assert!(names(&doc).is_empty());
    assert!(
        err.contains("hard link \"var/lib/dpkg/status\" points outside the image root; skipped"),
        "{err}"
    );
    assert!(err.contains("hard link /var/lib/dpkg/status.d/ghost points to /not/in/this/layer, which is not in the layer; skipped"), "{err}");
}

#[test]
fn a_million_empty_files_in_bounded_time_and_memory() {
    // Written straight into a gzip stream: the tar is 512 MB, the blob small.
    let encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let mut builder = tar::Builder::new(encoder);
    for i in 0..1_000_000u32 {
        let mut header = tar::Header::new_ustar();
        header.set_path(format!("d{}/f{i}", i % 1000)).unwrap();
        header.set_size(0);
        header.set_mode(0o644);
        header.set_cksum();
        builder.append(&header, &[][..]).unwrap();
    }
    let mut header = tar::Header::new_ustar();
    let status = stanza("survivor", "1");
    header.set_path("var/lib/dpkg/status").unwrap();
    header.set_size(status.len() as u64);
    header.set_mode(0o644);
    header.set_cksum();
    builder.append(&header, status.as_bytes()).unwrap();
    let stored = builder.into_inner().unwrap().finish().unwrap();
    let (_dir, source) = layout(vec![Blob {
        stored,
        tar: Vec::new(),
        media_type: "application/vnd.oci.image.layer.v1.tar+gzip",
    }]);
    let (doc, _, seconds, rss) = measured_scan(&source);
    assert_eq!(names(&doc), ["survivor"]);
    assert!(seconds < 60.0, "took {seconds} s");
    // 8 bytes of fingerprint per entry plus the program: well under 150 MiB.
    assert!(rss < 150 * 1024, "peak RSS {rss} KiB");
}

#[test]
fn huge_package_json_and_dpkg_field_and_non_utf8() {
    let big_description = "x".repeat(50 << 20);
    let package_json =
        format!(r#"{{"name":"big","version":"1.0.0","description":"{big_description}"}}"#);
    let field = "y".repeat(1 << 20);
    let mut status = format!(
        "Package: wide\nStatus: install ok installed\nVersion: 1\nDescription: {field}\n\n"
    )
    .into_bytes();
    status.extend_from_slice(b"Package: latin1\nStatus: install ok installed\nVersion: 2\nMaintainer: J\xfcrgen \xff\xfe\n\n");
    let layer = Layer::new()
        .file(
            "app/package.json",
            br#"{"name":"app","version":"1.0.0","dependencies":{"big":"1"}}"#,
        )
        .file("app/package-lock.json", b"{}")
        .file("app/node_modules/.package-lock.json", b"{}")
        .file("app/node_modules/big/package.json", package_json.as_bytes())
        .file("var/lib/dpkg/status", &status)
        .file(
            "app/node_modules/bad\u{fffd}name/package.json",
            b"\xff\xfe not json",
        );
    let (_dir, source) = layout(vec![Blob::gzip(layer.tar())]);
    let started = Instant::now();
    let (doc, err, _, rss) = measured_scan(&source);
    assert!(started.elapsed() < Duration::from_secs(60));
    assert_eq!(names(&doc), ["app", "big", "latin1", "wide"]);
    let latin1 = doc["packages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "latin1")
        .unwrap();
    assert_eq!(
        latin1["supplier"], "J\u{fffd}rgen \u{fffd}\u{fffd}",
        "read lossily, not dropped"
    );
    assert!(
        err.contains("package.json: skipped: not valid JSON"),
        "{err}"
    );
    assert!(
        rss < 400 * 1024,
        "peak RSS {rss} KiB for a 50 MB package.json"
    );
}
