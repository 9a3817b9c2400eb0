//! The real Debian image (debootstrap bookworm + a layer installing jq + a
//! layer purging it), scanned from every kind of source, against what dpkg
//! itself says is installed in the image's root filesystem.

use crate::support;

use std::collections::BTreeSet;

use serde_json::Value;
use support::{dpkg_installed, images, package, packages, scan_json, tallyman};

fn source(kind: &str) -> String {
    let dir = images();
    match kind {
        "oci-dir" => format!("oci-dir:{}", dir.join("debian.oci").display()),
        "oci-dir-tag" => format!("oci-dir:{}:bookworm", dir.join("debian.oci").display()),
        "oci-archive" => format!("oci-archive:{}", dir.join("debian.oci.tar").display()),
        "docker-archive" => format!("docker-archive:{}", dir.join("debian.docker.tar").display()),
        "dir" => format!("dir:{}", dir.join("debian.rootfs").display()),
        "bare-oci-archive" => dir.join("debian.oci.tar").display().to_string(),
        "bare-docker-archive" => dir.join("debian.docker.tar").display().to_string(),
        "bare-oci-dir" => dir.join("debian.oci").display().to_string(),
        other => panic!("unknown source kind {other}"),
    }
}

#[test]
fn every_source_kind_finds_exactly_the_installed_packages() {
    let truth = dpkg_installed(&images().join("debian.rootfs"));
    assert!(
        truth.len() > 80,
        "debootstrap minbase installs ~90 packages"
    );
    assert!(
        !truth.iter().any(|(name, ..)| name == "jq"),
        "jq was purged"
    );
    assert!(truth.iter().any(|(name, ..)| name == "libjq1"));
    for kind in [
        "oci-dir",
        "oci-dir-tag",
        "oci-archive",
        "docker-archive",
        "dir",
        "bare-oci-archive",
        "bare-docker-archive",
        "bare-oci-dir",
    ] {
        let doc = scan_json(&source(kind), &[]);
        let found = packages(&doc);
        let missing: Vec<_> = truth.difference(&found).collect();
        let extra: Vec<_> = found.difference(&truth).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{kind}: missing {missing:?}, extra {extra:?}"
        );
        assert!(
            doc["warnings"].as_array().unwrap().is_empty(),
            "{kind}: {}",
            doc["warnings"]
        );
    }
}

#[test]
fn detected_kinds_are_reported() {
    for (kind, want) in [
        ("bare-oci-archive", "oci-archive"),
        ("bare-docker-archive", "docker-archive"),
        ("bare-oci-dir", "oci-dir"),
    ] {
        assert_eq!(scan_json(&source(kind), &[])["source"]["kind"], want);
    }
}

fn oci_manifest() -> Value {
    let dir = images().join("debian.oci");
    let index: Value =
        serde_json::from_slice(&std::fs::read(dir.join("index.json")).unwrap()).unwrap();
    let digest = index["manifests"][0]["digest"].as_str().unwrap().to_owned();
    let hex = digest.trim_start_matches("sha256:");
    let mut manifest: Value =
        serde_json::from_slice(&std::fs::read(dir.join("blobs/sha256").join(hex)).unwrap())
            .unwrap();
    manifest["digest"] = Value::String(digest);
    manifest
}

#[test]
fn packages_record_the_layer_that_introduced_them() {
    let manifest = oci_manifest();
    let doc = scan_json(&source("oci-dir"), &[]);
    assert_eq!(doc["source"]["manifestDigest"], manifest["digest"]);
    let layers = doc["source"]["layers"].as_array().unwrap();
    assert_eq!(layers.len(), 3);
    for (i, layer) in layers.iter().enumerate() {
        assert_eq!(layer["digest"], manifest["layers"][i]["digest"]);
    }
    let libjq = package(&doc, "libjq1");
    assert_eq!(libjq["layer"], 1, "installed by the apt-get layer");
    assert_eq!(libjq["layerDigest"], layers[1]["diffID"]);
    assert_eq!(libjq["metadata"]["source"], "jq");
    assert_eq!(
        libjq["locations"][0],
        serde_json::json!({"path": "/var/lib/dpkg/status", "layer": 2}),
        "the status file as the purge layer rewrote it"
    );
    assert_eq!(package(&doc, "libonig5")["layer"], 1);
    let bash = package(&doc, "bash");
    assert_eq!(bash["layer"], 0);
    // bookworm's bash is a binNMU (5.2.15-2+bN of source 5.2.15-2), so purl's
    // upstream names the source version too (syft's spelling).
    let truth = std::process::Command::new("dpkg-query")
        .arg(format!(
            "--admindir={}",
            images().join("debian.rootfs/var/lib/dpkg").display()
        ))
        .args(["-W", "-f", "${Version} ${source:Version}", "bash"])
        .output()
        .unwrap();
    let truth = String::from_utf8(truth.stdout).unwrap();
    let (version, source_version) = truth.split_once(' ').unwrap();
    assert_ne!(version, source_version, "expected a binNMU");
    assert_eq!(bash["version"], version);
    assert_eq!(
        bash["purl"],
        format!(
            "pkg:deb/debian/bash@{}?arch=amd64&distro=debian-12&upstream=bash%40{}",
            version.replace('+', "%2B"),
            source_version.replace('+', "%2B")
        )
    );
    assert_eq!(doc["distro"]["id"], "debian");
    assert_eq!(doc["distro"]["versionId"], "12");
}

#[test]
fn the_same_layer_digests_from_docker_archive() {
    let oci = scan_json(&source("oci-dir"), &[]);
    let docker = scan_json(&source("docker-archive"), &[]);
    let diff_ids = |doc: &Value| -> Vec<Value> {
        doc["source"]["layers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["diffID"].clone())
            .collect()
    };
    assert_eq!(diff_ids(&oci), diff_ids(&docker));
    // docker save's layers are plain tars: their diff ids are always checked.
    for layer in docker["source"]["layers"].as_array().unwrap() {
        assert_eq!(layer["diffIDVerified"], true, "{layer}");
    }
    assert_eq!(
        docker["source"]["name"],
        "docker.io/tallyman-test/debian:bookworm"
    );
    assert_eq!(
        oci["source"]["configDigest"],
        docker["source"]["configDigest"]
    );
    assert_eq!(package(&docker, "libjq1")["layer"], 1);
}

#[test]
fn all_layers_scope_reports_the_purged_package() {
    let squashed = scan_json(&source("oci-dir"), &[]);
    let all = scan_json(&source("oci-dir"), &["--scope", "all-layers"]);
    let layer2 = dpkg_installed(&images().join("debian.layer2.rootfs"));
    let jq = layer2
        .iter()
        .find(|(n, ..)| n == "jq")
        .expect("jq in layer 2");
    let found = package(&all, "jq");
    assert_eq!(found["version"], jq.1.as_str());
    assert_eq!(found["layer"], 1);
    assert_eq!(found["deletedInLayer"], 2);
    assert_eq!(
        all["packages"].as_array().unwrap().len(),
        squashed["packages"].as_array().unwrap().len() + 1
    );
    let table = tallyman(["scan", &source("oci-dir"), "--scope", "all-layers"]);
    let text = String::from_utf8(table.stdout).unwrap();
    let line = text.lines().find(|l| l.starts_with("jq ")).unwrap();
    assert!(line.contains("(deleted in 2:"), "{line}");
}

#[test]
fn dependency_edges_follow_depends_and_provides() {
    let doc = scan_json(&source("oci-dir"), &[]);
    let id = |name: &str| package(&doc, name)["id"].as_str().unwrap().to_owned();
    let edges: BTreeSet<(String, String)> = doc["relationships"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["from"].as_str().unwrap().to_owned(),
                r["to"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert!(edges.contains(&(id("libjq1"), id("libonig5"))));
    assert!(edges.contains(&(id("libjq1"), id("libc6"))));
    assert!(
        !edges.iter().any(|(from, _)| from.starts_with("deb-jq-")),
        "jq is gone"
    );
}

#[test]
fn json_is_byte_identical_across_runs_and_sources_agree_on_ids() {
    let a = tallyman(["scan", &source("oci-archive"), "-o", "json"]);
    let b = tallyman(["scan", &source("oci-archive"), "-o", "json"]);
    assert!(a.status.success());
    assert_eq!(a.stdout, b.stdout);
    let oci: Value = serde_json::from_slice(&a.stdout).unwrap();
    let docker = scan_json(&source("docker-archive"), &[]);
    let ids = |d: &Value| -> Vec<Value> {
        d["packages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].clone())
            .collect()
    };
    assert_eq!(ids(&oci), ids(&docker));
}

#[test]
fn several_outputs_from_one_scan() {
    let dir = tempfile::tempdir().unwrap();
    let json_path = dir.path().join("sbom.json");
    let table_path = dir.path().join("sbom.txt");
    let out = tallyman([
        "scan",
        &source("oci-dir"),
        "-o",
        &format!("json={}", json_path.display()),
        "-o",
        &format!("table={}", table_path.display()),
    ]);
    assert!(out.status.success(), "{}", support::stderr(&out));
    assert!(out.stdout.is_empty());
    let doc: Value = serde_json::from_slice(&std::fs::read(&json_path).unwrap()).unwrap();
    let table = std::fs::read_to_string(&table_path).unwrap();
    assert_eq!(
        table.lines().count(),
        doc["packages"].as_array().unwrap().len() + 1
    );
    assert!(table.starts_with("NAME"));
    let libjq = table.lines().find(|l| l.starts_with("libjq1 ")).unwrap();
    let words: Vec<&str> = libjq.split_whitespace().collect();
    assert_eq!(
        words[1],
        package(&doc, "libjq1")["version"].as_str().unwrap()
    );
    assert_eq!(words[2], "deb");
    assert!(words[3].starts_with("1:"), "{libjq}");
}
