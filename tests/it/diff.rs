//! `tallyman diff` on two releases of one real image (testdata/
//! build-diff-images.sh: an upgrade layer from trixie's debs, a package added
//! and one purged, an npm dependency bump), from the images and from every
//! document format, in all three outputs; and `--platform all` on the
//! two-platform index the same script builds. Ground truth: dpkg-query and
//! npm's `node_modules/.package-lock.json` in each image's root filesystem.

use crate::support;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use support::registry::{Auth, Registry};
use support::{built_by, dpkg_installed, ok, stderr, tallyman, tallyman_reproducible};

pub(crate) fn out_dir() -> PathBuf {
    built_by("build-diff-images.sh")
}

fn source(tag: &str) -> String {
    format!("oci-dir:{}:{tag}", out_dir().join("diff.oci").display())
}

/// (purl type, name) → version: what each package manager says is installed.
fn installed(rootfs: &Path) -> BTreeMap<(String, String), String> {
    let mut found: BTreeMap<(String, String), String> = dpkg_installed(rootfs)
        .into_iter()
        .map(|(name, version, _)| (("deb".to_owned(), name), version))
        .collect();
    let lock: Value = serde_json::from_slice(
        &std::fs::read(rootfs.join("app/node_modules/.package-lock.json")).unwrap(),
    )
    .unwrap();
    for (path, entry) in lock["packages"].as_object().unwrap() {
        let name = path.rsplit("node_modules/").next().unwrap().to_owned();
        found.insert(
            ("npm".to_owned(), name),
            entry["version"].as_str().unwrap().to_owned(),
        );
    }
    let app: Value =
        serde_json::from_slice(&std::fs::read(rootfs.join("app/package.json")).unwrap()).unwrap();
    found.insert(
        ("npm".to_owned(), app["name"].as_str().unwrap().to_owned()),
        app["version"].as_str().unwrap().to_owned(),
    );
    found
}

/// What the diff must say: added, removed, changed (name → (from, to)).
struct Expected {
    added: BTreeSet<(String, String, String)>,
    removed: BTreeSet<(String, String, String)>,
    changed: BTreeMap<(String, String), (String, String)>,
}

fn expected() -> Expected {
    let old = installed(&out_dir().join("diff-base.rootfs"));
    let new = installed(&out_dir().join("diff-upgraded.rootfs"));
    let triple = |((kind, name), version): (&(String, String), &String)| {
        (kind.clone(), name.clone(), version.clone())
    };
    let expected = Expected {
        added: new
            .iter()
            .filter(|(k, _)| !old.contains_key(*k))
            .map(triple)
            .collect(),
        removed: old
            .iter()
            .filter(|(k, _)| !new.contains_key(*k))
            .map(triple)
            .collect(),
        changed: old
            .iter()
            .filter_map(|(k, v)| {
                let to = new.get(k)?;
                (to != v).then(|| (k.clone(), (v.clone(), to.clone())))
            })
            .collect(),
    };
    // The build script's changes, by name: the ground truth must show them.
    let names = |set: &BTreeSet<(String, String, String)>| -> Vec<String> {
        set.iter().map(|(_, n, _)| n.clone()).collect()
    };
    assert_eq!(
        names(&expected.added),
        ["file", "libmagic-mgc", "libmagic1", "is-number"]
    );
    assert_eq!(names(&expected.removed), ["less", "left-pad"]);
    assert_eq!(
        expected
            .changed
            .keys()
            .map(|(_, n)| n.as_str())
            .collect::<Vec<_>>(),
        [
            "debian-archive-keyring",
            "ncurses-base",
            "debug",
            "diff-app",
            "json-schema",
            "ms"
        ]
    );
    expected
}

fn diff_json(from: &str, to: &str) -> Value {
    let out = ok(tallyman(["diff", "-q", from, to, "-o", "json"]));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn entries(list: &Value) -> BTreeSet<(String, String, String)> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["type"].as_str().unwrap().to_owned(),
                e["name"].as_str().unwrap().to_owned(),
                e["version"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn changes(doc: &Value) -> BTreeMap<(String, String), (String, String)> {
    doc["changed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                (
                    c["type"].as_str().unwrap().to_owned(),
                    c["name"].as_str().unwrap().to_owned(),
                ),
                (
                    c["from"]["version"].as_str().unwrap().to_owned(),
                    c["to"]["version"].as_str().unwrap().to_owned(),
                ),
            )
        })
        .collect()
}

fn assert_matches(doc: &Value, expected: &Expected, what: &str) {
    assert_eq!(entries(&doc["added"]), expected.added, "{what}: added");
    assert_eq!(
        entries(&doc["removed"]),
        expected.removed,
        "{what}: removed"
    );
    assert_eq!(changes(doc), expected.changed, "{what}: changed");
}

/// Names of the changed packages whose licenses changed.
fn license_changes(doc: &Value) -> Vec<&str> {
    doc["changed"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["licenseChanged"] == true)
        .map(|c| c["name"].as_str().unwrap())
        .collect()
}

#[test]
fn diff_of_two_images_in_every_output() {
    let expected = expected();
    let doc = diff_json(&source("base"), &source("upgraded"));
    assert_matches(&doc, &expected, "images");
    assert_eq!(doc["schemaVersion"], 1);
    assert_eq!(doc["from"]["kind"], "image");
    // Every version moved up, by dpkg's and semver's ordering.
    assert!(doc["changed"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["version"] == "up"));
    assert_eq!(license_changes(&doc), ["json-schema"]);
    let schema = doc["changed"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "json-schema")
        .unwrap();
    assert_eq!(
        schema["to"]["licenses"],
        serde_json::json!(["AFL-2.1 OR BSD-3-Clause"])
    );
    assert_eq!(schema["key"], "pkg:npm/json-schema");
    assert_eq!(
        (
            doc["summary"]["added"].as_u64(),
            doc["summary"]["removed"].as_u64(),
            doc["summary"]["changed"].as_u64(),
            doc["summary"]["upgraded"].as_u64()
        ),
        (Some(4), Some(2), Some(6), Some(6))
    );

    // The layer that brought each change: the upgrade layer (index 2) for
    // what was added or changed, and for what was removed (it was in layer
    // 1, which both images share, so the one layer upgraded adds removed it).
    let config = layer_diff_ids("upgraded");
    for e in doc["added"].as_array().unwrap() {
        assert_eq!(e["layer"]["index"], 2, "{e}");
        assert_eq!(e["layer"]["diffID"].as_str(), Some(config[2].as_str()));
    }
    for c in doc["changed"].as_array().unwrap() {
        assert_eq!(
            c["to"]["layer"]["diffID"].as_str(),
            Some(config[2].as_str())
        );
    }
    for e in doc["removed"].as_array().unwrap() {
        assert_eq!(e["layer"]["diffID"].as_str(), Some(config[1].as_str()));
        assert_eq!(e["removedIn"]["index"], 2);
        assert_eq!(e["removedIn"]["diffID"].as_str(), Some(config[2].as_str()));
    }
    assert_eq!(doc["to"]["layers"], serde_json::json!(config));

    // The table: one section each, counts at the end.
    let table = String::from_utf8(
        ok(tallyman([
            "diff",
            "-q",
            &source("base"),
            &source("upgraded"),
        ]))
        .stdout,
    )
    .unwrap();
    let short = &config[2]["sha256:".len().."sha256:".len() + 12];
    for line in [
        "ADDED".to_owned(),
        "REMOVED".to_owned(),
        "CHANGED".to_owned(),
        "LICENSES CHANGED".to_owned(),
        format!("2:{short}"),
        "json-schema  AFLv2.1 AND BSD  AFL-2.1 OR BSD-3-Clause".to_owned(),
        "4 added, 2 removed, 6 changed (6 up, 0 down, 1 license), ".to_owned(),
    ] {
        assert!(table.contains(&line), "table lacks {line:?}:\n{table}");
    }
    let cells = |name: &str| -> Vec<String> {
        let row = table
            .lines()
            .find(|l| l.starts_with(&format!("{name} ")))
            .unwrap();
        row.split_whitespace().map(str::to_owned).collect()
    };
    assert_eq!(
        cells("is-number"),
        ["is-number", "7.0.0", "npm", &format!("2:{short}")]
    );
    let (from, to) = &expected.changed[&("deb".to_owned(), "ncurses-base".to_owned())];
    let row = table
        .lines()
        .find(|l| l.starts_with("ncurses-base "))
        .unwrap();
    let cells: Vec<&str> = row.split_whitespace().collect();
    assert_eq!(
        cells,
        ["ncurses-base", from, to, "up", "deb", &format!("2:{short}")]
    );

    // Markdown for a pull request.
    let md = String::from_utf8(
        ok(tallyman([
            "diff",
            "-q",
            &source("base"),
            &source("upgraded"),
            "-o",
            "markdown",
        ]))
        .stdout,
    )
    .unwrap();
    assert!(
        md.contains("#### Added (4)\n\n| Package | Version | Type | Layer |\n|---|---|---|---|\n"),
        "{md}"
    );
    assert!(
        md.contains(&format!("| left-pad | 1.3.0 | npm | 2:{short} |")),
        "{md}"
    );
    assert!(md.contains("| json-schema | 0.2.3 | 0.4.0 | up, license: AFLv2.1 AND BSD → AFL-2.1 OR BSD-3-Clause | npm |"), "{md}");
    assert!(
        md.contains("**4 added, 2 removed, 6 changed (6 up, 0 down, 1 license), "),
        "{md}"
    );

    // The other way round, everything went down.
    let back = diff_json(&source("upgraded"), &source("base"));
    assert_eq!(entries(&back["added"]), expected.removed);
    // Removed from upgraded's own layer: no layer of base removed them.
    let table = String::from_utf8(
        ok(tallyman([
            "diff",
            "-q",
            &source("upgraded"),
            &source("base"),
        ]))
        .stdout,
    )
    .unwrap();
    assert!(
        table.contains(&format!("is-number     7.0.0     npm   was in 2:{short}")),
        "{table}"
    );
    assert!(back["changed"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["version"] == "down"));
    assert_eq!(back["summary"]["downgraded"], 6);
}

/// The diff ids of an image's layers, from its config.
fn layer_diff_ids(tag: &str) -> Vec<String> {
    let doc = support::scan_json(&source(tag), &[]);
    doc["source"]["layers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["diffID"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn diff_of_documents_and_of_mixed_sides() {
    let expected = expected();
    let dir = tempfile::tempdir().unwrap();
    let mut documents: BTreeMap<&str, (PathBuf, PathBuf)> = BTreeMap::new();
    for format in [
        "json",
        "spdx-json@2.3",
        "spdx-json@2.2",
        "cyclonedx-json@1.5",
        "cyclonedx-json@1.3",
    ] {
        let paths = ["base", "upgraded"].map(|tag| dir.path().join(format!("{tag}.{format}")));
        for (tag, path) in ["base", "upgraded"].iter().zip(&paths) {
            ok(tallyman([
                "scan",
                "-q",
                &source(tag),
                "-o",
                &format!("{format}={}", path.display()),
            ]));
        }
        let [base, upgraded] = paths;
        documents.insert(format, (base, upgraded));
    }
    for (format, (base, upgraded)) in &documents {
        let doc = diff_json(&base.display().to_string(), &upgraded.display().to_string());
        assert_matches(&doc, &expected, format);
        assert_eq!(license_changes(&doc), ["json-schema"], "{format}");
        assert_eq!(doc["from"]["input"], base.display().to_string());
    }
    let path = |p: &PathBuf| p.display().to_string();
    // Mixed: an image against a document of the other release, and an
    // image against its own document (nothing differs, licenses included).
    let (spdx_base, spdx_upgraded) = &documents["spdx-json@2.3"];
    let (cdx_base, _) = &documents["cyclonedx-json@1.5"];
    assert_matches(
        &diff_json(&source("base"), &path(spdx_upgraded)),
        &expected,
        "image → spdx",
    );
    assert_matches(
        &diff_json(&path(cdx_base), &source("upgraded")),
        &expected,
        "cdx → image",
    );
    for document in [spdx_base, cdx_base, &documents["json"].0] {
        let same = diff_json(&source("base"), &path(document));
        assert_eq!(same["summary"]["changed"], 0, "{}", path(document));
        assert_eq!(same["summary"]["added"], 0);
        assert_eq!(
            same["summary"]["unchanged"].as_u64(),
            Some(installed(&out_dir().join("diff-base.rootfs")).len() as u64)
        );
    }
    // An in-toto statement whose predicate is the SBOM (what an attestation carries).
    let statement = dir.path().join("statement.json");
    let predicate: Value = serde_json::from_slice(&std::fs::read(spdx_upgraded).unwrap()).unwrap();
    std::fs::write(
        &statement,
        serde_json::to_vec(&serde_json::json!({
            "_type": "https://in-toto.io/Statement/v1",
            "subject": [{"name": "diff", "digest": {"sha256": "00"}}],
            "predicateType": "https://spdx.dev/Document",
            "predicate": predicate,
        }))
        .unwrap(),
    )
    .unwrap();
    let doc = diff_json(&path(spdx_base), &path(&statement));
    assert_matches(&doc, &expected, "statement");
    assert_eq!(doc["to"]["kind"], "spdx-json@2.3 (in-toto predicate)");

    // syft's own json: the same packages moved (syft's licenses are its own).
    let syft = support::peer("syft");
    let mut syft_docs = Vec::new();
    for tag in ["base", "upgraded"] {
        let file = dir.path().join(format!("{tag}.syft.json"));
        // syft reads a layout of one image: skopeo copies the tag out.
        let layout = dir.path().join(format!("{tag}.oci"));
        let copy = Command::new("skopeo")
            .args(["copy", "-q"])
            .arg(format!(
                "oci:{}:{tag}",
                out_dir().join("diff.oci").display()
            ))
            .arg(format!("oci:{}:{tag}", layout.display()))
            .output()
            .unwrap();
        assert!(copy.status.success(), "skopeo: {}", stderr(&copy));
        let out = Command::new(&syft)
            .args(["scan", "-q", "-o", &format!("syft-json={}", file.display())])
            .arg(format!("oci-dir:{}", layout.display()))
            .env("SYFT_CHECK_FOR_APP_UPDATE", "false")
            .output()
            .unwrap();
        assert!(out.status.success(), "syft: {}", stderr(&out));
        syft_docs.push(file);
    }
    let doc = diff_json(&path(&syft_docs[0]), &path(&syft_docs[1]));
    assert_eq!(doc["from"]["kind"], "syft-json");
    assert_matches(&doc, &expected, "syft-json");
}

#[test]
fn fail_on_and_bad_input() {
    let (base, upgraded) = (source("base"), source("upgraded"));
    let out = tallyman([
        "diff",
        "-q",
        &base,
        &upgraded,
        "--fail-on",
        "removed,license",
        "-o",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out).trim(),
        "tallyman: error: differences --fail-on names: 2 removed, 1 license"
    );
    // The document is written before the gate fails.
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["summary"]["removed"], 2);
    ok(tallyman([
        "diff",
        "-q",
        &base,
        &base,
        "--fail-on",
        "added,removed,changed,license",
    ]));
    let out = tallyman(["diff", "-q", &upgraded, &base, "--fail-on", "changed"]);
    assert_eq!(
        stderr(&out).trim(),
        "tallyman: error: differences --fail-on names: 6 changed"
    );

    let dir = tempfile::tempdir().unwrap();
    let unknown = dir.path().join("unknown.json");
    std::fs::write(&unknown, br#"{"hello": "world"}"#).unwrap();
    let spdx3 = dir.path().join("spdx3.json");
    std::fs::write(&spdx3, br#"{"spdxVersion": "SPDX-3.0", "packages": []}"#).unwrap();
    let broken = dir.path().join("broken.json");
    std::fs::write(
        &broken,
        br#"{"bomFormat": "CycloneDX", "specVersion": "1.5", "components": [{"type": "library"}]}"#,
    )
    .unwrap();
    let truncated = dir.path().join("truncated.json");
    std::fs::write(&truncated, br#"{"spdxVersion": "SPDX-2.3", "packa"#).unwrap();
    for (file, message) in [
        (&unknown, "not an SBOM tallyman reads (expected tallyman json, SPDX 2.2/2.3 JSON, SPDX 3.0 JSON-LD, CycloneDX 1.3–1.7 JSON or syft json)"),
        (&spdx3, "spdxVersion \"SPDX-3.0\" is not one tallyman reads"),
        (&broken, "components[0] has no name"),
        (&truncated, "not JSON (expected tallyman json"),
    ] {
        let out = tallyman(["diff", &base, &file.display().to_string()]);
        assert_eq!(out.status.code(), Some(1));
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.starts_with(&format!("tallyman: error: {}: ", file.display())), "{err}");
        assert!(err.contains(message), "{err}");
        assert!(out.stdout.is_empty());
    }
    let out = tallyman(["diff", &base, &upgraded, "--fail-on", "moved"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains(
        "\"moved\" is not a kind of difference (one of: added, removed, changed, license)"
    ));
    let out = tallyman(["diff", &base, &upgraded, "--platform", "all"]);
    assert_eq!(stderr(&out).trim(), "tallyman: error: --platform all is for scan and attest; name one platform here (--platform OS/ARCH)");
}

/// purls of one platform's packages in a tallyman json document.
fn purls(doc: &Value) -> BTreeSet<String> {
    doc["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["purl"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn every_platform_of_an_index_in_one_document() {
    let multi = source("multi");
    let dir = tempfile::tempdir().unwrap();
    let amd64 = support::scan_json(&multi, &["--platform", "linux/amd64"]);
    let arm64 = support::scan_json(&multi, &["--platform", "linux/arm64"]);
    assert_eq!(
        purls(&amd64),
        purls(&support::scan_json(&source("base"), &[]))
    );
    assert_eq!(arm64["source"]["platform"], "linux/arm64");
    assert_ne!(purls(&amd64), purls(&arm64));

    let spdx = dir.path().join("all.spdx.json");
    let cdx = dir.path().join("all.cdx.json");
    let per_platform = format!("{}/", dir.path().join("each").display());
    ok(tallyman_reproducible([
        "scan",
        "-q",
        &multi,
        "--platform",
        "all",
        "-o",
        &format!("spdx-json={}", spdx.display()),
        "-o",
        &format!("cyclonedx-json={}", cdx.display()),
        "-o",
        &format!("spdx-json={per_platform}"),
        "-o",
        &format!("json={per_platform}"),
    ]));
    let check = Command::new("pyspdxtools")
        .arg("-i")
        .arg(&spdx)
        .output()
        .unwrap();
    assert!(
        check.status.success() && check.stdout.is_empty(),
        "pyspdxtools: {}{}",
        String::from_utf8_lossy(&check.stdout),
        stderr(&check)
    );
    let script =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/support/validate_cyclonedx.py");
    let check = Command::new("python3")
        .arg(script)
        .arg(&cdx)
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&check.stdout).starts_with("valid 1.6"),
        "{}",
        stderr(&check)
    );
    // Every composition names a component of the joined document.
    let bom: Value = serde_json::from_slice(&std::fs::read(&cdx).unwrap()).unwrap();
    let mut refs = BTreeSet::new();
    for image in bom["components"].as_array().unwrap() {
        for component in image["components"].as_array().unwrap() {
            refs.insert(component["bom-ref"].as_str().unwrap().to_owned());
        }
    }
    let composed: Vec<&str> = bom["compositions"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["dependencies"].as_array().unwrap())
        .map(|r| r.as_str().unwrap())
        .collect();
    assert!(!composed.is_empty());
    for reference in composed {
        assert!(refs.contains(reference), "{reference} names no component");
        assert!(reference.starts_with("linux/"), "{reference}");
    }

    // SPDX: each platform image DESCRIBES'd, CONTAINS exactly its packages.
    let doc: Value = serde_json::from_slice(&std::fs::read(&spdx).unwrap()).unwrap();
    let relationships = doc["relationships"].as_array().unwrap();
    assert_eq!(
        described(&doc),
        ["SPDXRef-linux-amd64-Image", "SPDXRef-linux-arm64-Image"]
    );
    let by_id: BTreeMap<&str, &Value> = doc["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["SPDXID"].as_str().unwrap(), p))
        .collect();
    for (image, expected) in [
        ("SPDXRef-linux-amd64-Image", &amd64),
        ("SPDXRef-linux-arm64-Image", &arm64),
    ] {
        let contained: BTreeSet<String> = relationships
            .iter()
            .filter(|r| r["spdxElementId"] == image && r["relationshipType"] == "CONTAINS")
            .map(|r| {
                let package = by_id[r["relatedSpdxElement"].as_str().unwrap()];
                package["externalRefs"][0]["referenceLocator"]
                    .as_str()
                    .unwrap()
                    .to_owned()
            })
            .collect();
        assert_eq!(contained, purls(expected), "{image}");
    }
    assert_eq!(by_id.len(), 2 + purls(&amd64).len() + purls(&arm64).len());

    // CycloneDX: the index, then one container component per platform.
    let bom: Value = serde_json::from_slice(&std::fs::read(&cdx).unwrap()).unwrap();
    let index_digest = oci_index_digest();
    assert_eq!(bom["metadata"]["component"]["version"], index_digest);
    let images = bom["components"].as_array().unwrap();
    assert_eq!(
        images
            .iter()
            .map(|c| c["bom-ref"].as_str().unwrap())
            .collect::<Vec<_>>(),
        ["linux/amd64/image", "linux/arm64/image"]
    );
    for (image, expected) in images.iter().zip([&amd64, &arm64]) {
        assert_eq!(image["type"], "container");
        let nested: BTreeSet<String> = image["components"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|c| c["purl"].as_str().map(str::to_owned))
            .collect();
        assert_eq!(nested, purls(expected));
    }

    // One document per platform: the same bytes a one-platform scan writes.
    let each = dir.path().join("each");
    let mut names: Vec<String> = std::fs::read_dir(&each)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "linux-amd64.json",
            "linux-amd64.spdx.json",
            "linux-arm64.json",
            "linux-arm64.spdx.json"
        ]
    );
    let single = ok(tallyman_reproducible([
        "scan",
        "-q",
        &multi,
        "--platform",
        "linux/arm64",
        "-o",
        "spdx-json",
    ]))
    .stdout;
    assert_eq!(
        std::fs::read(each.join("linux-arm64.spdx.json")).unwrap(),
        single
    );
}

/// What an SPDX document DESCRIBES.
fn described(doc: &Value) -> Vec<&str> {
    doc["relationships"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["relationshipType"] == "DESCRIBES")
        .map(|r| r["relatedSpdxElement"].as_str().unwrap())
        .collect()
}

/// The digest of the index the `multi` tag names.
pub(crate) fn oci_index_digest() -> String {
    let index: Value =
        serde_json::from_slice(&std::fs::read(out_dir().join("diff.oci/index.json")).unwrap())
            .unwrap();
    index["manifests"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["annotations"]["org.opencontainers.image.ref.name"] == "multi")
        .unwrap()["digest"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[test]
fn attest_every_platform_and_the_index() {
    let registry = Registry::start(Auth::Anonymous, false);
    registry.push(&out_dir().join("diff.oci"), "multi", "app/multi:1");
    let dir = tempfile::tempdir().unwrap();
    let prefix = dir.path().join("cosign").display().to_string();
    let with_password = |args: &[&str]| {
        let mut cmd = support::command();
        cmd.args(args)
            .env("COSIGN_PASSWORD", "pw")
            .env("SOURCE_DATE_EPOCH", "1700000000");
        cmd.output().unwrap()
    };
    ok(with_password(&[
        "generate-key-pair",
        "--output-key-prefix",
        &prefix,
    ]));
    let (key, public) = (format!("{prefix}.key"), format!("{prefix}.pub"));
    let image = format!("registry:{}/app/multi:1", registry.host());
    let out = ok(with_password(&[
        "attest",
        &image,
        "--key",
        &key,
        "--platform",
        "all",
        "--attach",
    ]));
    let notes = stderr(&out);
    assert_eq!(notes.lines().count(), 3, "{notes}");
    let index = oci_index_digest();
    assert!(
        notes
            .lines()
            .nth(2)
            .unwrap()
            .starts_with("tallyman: index: attached to "),
        "{notes}"
    );
    // Each platform's attestation verifies and carries that platform's SBOM.
    for platform in ["linux/amd64", "linux/arm64"] {
        let out = ok(with_password(&[
            "verify-attestation",
            &image,
            "--key",
            &public,
            "--platform",
            platform,
        ]));
        let sbom: Value = serde_json::from_slice(&out.stdout).unwrap();
        let image_package = sbom["packages"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["SPDXID"] == "SPDXRef-Image")
            .unwrap();
        assert!(image_package["externalRefs"][0]["referenceLocator"]
            .as_str()
            .unwrap()
            .contains(&format!("arch={}", &platform[6..])));
    }
    // The index's: a referrer of the index digest, a bundle whose envelope
    // securesystemslib verifies, about the index, holding both platforms.
    let referrers = registry.tag_schema_digests("app/multi", &index);
    assert_eq!(referrers.len(), 1);
    let (_, _, manifest) = registry.request(
        "GET",
        &format!("/v2/app/multi/manifests/{}", referrers[0]),
        None,
        b"",
    );
    let manifest: Value = serde_json::from_slice(&manifest).unwrap();
    let layer = manifest["layers"][0]["digest"].as_str().unwrap();
    let (_, _, bundle) =
        registry.request("GET", &format!("/v2/app/multi/blobs/{layer}"), None, b"");
    let bundle: Value = serde_json::from_slice(&bundle).unwrap();
    let envelope = dir.path().join("index.envelope.json");
    // A bundle's signatures carry no keyid; securesystemslib wants one.
    let mut dsse = bundle["dsseEnvelope"].clone();
    for signature in dsse["signatures"].as_array_mut().unwrap() {
        signature["keyid"] = Value::String(String::new());
    }
    std::fs::write(&envelope, serde_json::to_vec(&dsse).unwrap()).unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/support/verify_dsse.py");
    let check = Command::new("python3")
        .arg(script)
        .arg(&envelope)
        .arg(&public)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&check.stdout).trim(),
        "verified",
        "{}",
        stderr(&check)
    );
    use base64::Engine;
    let payload = base64::engine::general_purpose::STANDARD
        .decode(bundle["dsseEnvelope"]["payload"].as_str().unwrap())
        .unwrap();
    let statement: Value = serde_json::from_slice(&payload).unwrap();
    assert_eq!(
        statement["subject"][0]["digest"]["sha256"].as_str(),
        index.strip_prefix("sha256:")
    );
    assert_eq!(
        described(&statement["predicate"]),
        ["SPDXRef-linux-amd64-Image", "SPDXRef-linux-arm64-Image"]
    );

    let out = with_password(&["attest", &image, "--key", &key, "--platform", "all"]);
    assert_eq!(stderr(&out).trim(), "tallyman: error: --platform all attests an index in its registry: it needs --attach and a registry image");
}

/// Runs tallyman with the layer cache on, in `cache_home`.
fn cached(args: &[&str], cache_home: &Path) -> std::process::Output {
    support::with_cache(cache_home).args(args).output().unwrap()
}

#[test]
fn sides_and_platforms_share_the_layer_cache() {
    let copy = tempfile::tempdir().unwrap();
    let layout = copy.path().join("diff.oci");
    let status = Command::new("cp")
        .arg("-a")
        .arg(out_dir().join("diff.oci"))
        .arg(&layout)
        .status()
        .unwrap();
    assert!(status.success());
    let at = |tag: &str| format!("oci-dir:{}:{tag}", layout.display());
    let cache_home = tempfile::tempdir().unwrap();
    ok(cached(
        &["scan", "-q", &at("base"), "-o", "json=/dev/null"],
        cache_home.path(),
    ));
    // Damage the two layers base and upgraded share: neither the diff nor
    // the platforms read them again, only upgraded's own layer.
    let manifest_layers = |tag: &str| -> Vec<String> {
        let doc = support::scan_json(&at(tag), &[]);
        doc["source"]["layers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["digest"].as_str().unwrap().to_owned())
            .collect()
    };
    let shared = manifest_layers("base");
    let upgraded = manifest_layers("upgraded");
    assert_eq!(&upgraded[..2], &shared[..]);
    for digest in &shared {
        support::corrupt(
            &layout
                .join("blobs/sha256")
                .join(digest.trim_start_matches("sha256:")),
        );
    }
    let out = ok(cached(
        &["diff", "-q", &at("base"), &at("upgraded"), "-o", "json"],
        cache_home.path(),
    ));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_matches(&doc, &expected(), "diff from the cache");
    ok(cached(
        &[
            "scan",
            "-q",
            &at("multi"),
            "--platform",
            "all",
            "-o",
            "json=/dev/null",
        ],
        cache_home.path(),
    ));
    // Without the cache the damage is found.
    let out = tallyman(["diff", "-q", &at("base"), &at("upgraded")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("blob digest mismatch"),
        "{}",
        stderr(&out)
    );
}
