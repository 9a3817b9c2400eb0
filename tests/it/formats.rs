//! SPDX and CycloneDX documents: every one written for the test images
//! passes the SPDX project's validators (pyspdxtools for 2.x, spdx3-validate
//! for 3.0.1, offline: tests/it/support/validate_spdx3.py) and the official CycloneDX schema of its version (1.3 to 1.7,
//! cyclonedx-python-lib's JsonStrictValidator); syft reads them back to the
//! same purls (SPDX 2.3, CycloneDX 1.5 and 1.6: syft 1.18 reads neither SPDX
//! 3 nor CycloneDX 1.7); they are byte-for-byte reproducible; golden files
//! pin the formats on the small committed image.

use crate::support;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use support::{images, peer, stderr, tallyman_reproducible};

const SMALL: &str = "testdata/images/debian-bookworm-dpkg.oci.tar";
const FORMATS: [(&str, &str); 8] = [
    ("spdx-json", "spdx23.json"),
    ("spdx-json@2.2", "spdx22.json"),
    ("spdx-json@3.0", "spdx30.json"),
    ("cyclonedx-json", "cdx16.json"),
    ("cyclonedx-json@1.7", "cdx17.json"),
    ("cyclonedx-json@1.5", "cdx15.json"),
    ("cyclonedx-json@1.4", "cdx14.json"),
    ("cyclonedx-json@1.3", "cdx13.json"),
];

/// Writes every format for `source` into `dir`; returns the paths by suffix.
fn write_all(source: &str, dir: &Path) -> Vec<(String, PathBuf)> {
    let mut args = vec!["scan".to_owned(), source.to_owned(), "-q".to_owned()];
    let mut written = Vec::new();
    for (format, suffix) in FORMATS {
        let path = dir.join(suffix);
        args.push("-o".into());
        args.push(format!("{format}={}", path.display()));
        written.push((suffix.to_owned(), path));
    }
    let json = dir.join("tallyman.json");
    args.push("-o".into());
    args.push(format!("json={}", json.display()));
    let out = tallyman_reproducible(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    written.push(("tallyman.json".into(), json));
    written
}

/// The test images, by the name of their validators test.
fn sources() -> Vec<(&'static str, String)> {
    vec![
        ("small", SMALL.to_owned()),
        (
            "alpine_node",
            format!("oci-dir:{}", images().join("alpine-node.oci").display()),
        ),
        (
            "debian_node",
            format!("oci-dir:{}", images().join("debian-node.oci").display()),
        ),
        (
            "debian_docker_archive",
            format!(
                "docker-archive:{}",
                images().join("debian.docker.tar").display()
            ),
        ),
        (
            "python_venv",
            format!("dir:{}", crate::scan_python::venv_root().display()),
        ),
        (
            "go",
            format!("oci-dir:{}", crate::scan_go::go_layout().display()),
        ),
        (
            "rust",
            format!("oci-dir:{}", crate::scan_rust::rust_layout().display()),
        ),
        ("polyglot", crate::scan_polyglot::polyglot_source()),
        ("rpm", crate::scan_rpm::rpm_source()),
        ("java", crate::scan_java::java_source()),
        ("runtimes", crate::scan_runtimes::runtimes_source()),
    ]
}

/// The validator of a document, by its file's suffix: spdx3-validate,
/// pyspdxtools, or the CycloneDX schema check (cyclonedx-python-lib's own
/// validator on the small image; the same schemas through jsonschema-rs on
/// the others, where the library takes half a minute a document).
fn validator(suffix: &str, path: &Path, small: bool) -> Option<Command> {
    let support = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/support");
    let mut command = if suffix == "spdx30.json" {
        let mut command = Command::new("python3");
        command.arg(support.join("validate_spdx3.py"));
        command
    } else if suffix.starts_with("spdx") {
        let mut command = Command::new("pyspdxtools");
        command.arg("-i");
        command
    } else if suffix.starts_with("cdx") {
        let mut command = Command::new("python3");
        command.arg(support.join("validate_cyclonedx.py"));
        if small {
            command.arg("--library");
        }
        command
    } else {
        return None;
    };
    command.arg(path);
    Some(command)
}

/// Every document of one test image passes its validator (the validators
/// run side by side).
fn validate(name: &str) {
    let (_, source) = sources().into_iter().find(|(n, _)| *n == name).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let running: Vec<(String, std::process::Child)> = write_all(&source, dir.path())
        .into_iter()
        .filter_map(|(suffix, path)| {
            let mut command = validator(&suffix, &path, name == "small")?;
            let child = command
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap_or_else(|e| panic!("{suffix}: {command:?}: {e} (test.sh installs it)"));
            Some((suffix, child))
        })
        .collect();
    assert_eq!(running.len(), FORMATS.len(), "{source}");
    for (suffix, child) in running {
        let out = child.wait_with_output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        let report = format!("{stdout}{}", stderr(&out));
        let clean = match suffix.as_str() {
            s if s.starts_with("cdx") => stdout.starts_with("valid "),
            "spdx30.json" => true,
            // pyspdxtools prints nothing for a valid document.
            _ => report.trim().is_empty(),
        };
        assert!(out.status.success() && clean, "{source} {suffix}: {report}");
    }
}

/// One test an image, so the validators of the images spread over the
/// test threads.
macro_rules! every_document_passes_the_validators {
    ($($name:ident),*) => {
        mod every_document_passes_the_validators {
            $(#[test]
            fn $name() {
                super::validate(stringify!($name));
            })*

            #[test]
            fn one_test_an_image() {
                let mut names: Vec<&str> = super::sources().iter().map(|(n, _)| *n).collect();
                names.sort();
                let mut tested = vec![$(stringify!($name)),*];
                tested.sort();
                assert_eq!(names, tested);
            }
        }
    };
}

every_document_passes_the_validators!(
    small,
    alpine_node,
    debian_node,
    debian_docker_archive,
    python_venv,
    go,
    rust,
    polyglot,
    rpm,
    java,
    runtimes
);

/// Every package's purl, once per package (copies of one package at two
/// paths count twice), sorted.
fn purls_of(doc: &Value) -> Vec<String> {
    let mut purls: Vec<String> = doc["packages"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["purl"].as_str().map(str::to_owned))
        .collect();
    purls.sort();
    purls
}

/// A project holding `@jest/expect` and `expect` at one version: syft 1.18
/// merged the two when a scope was written as CycloneDX's `group`.
fn scoped_and_unscoped_project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let app = dir.path().join("app");
    let write = |path: &str, json: &str| {
        let path = app.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, json).unwrap();
    };
    write(
        "package.json",
        r#"{"name":"app","version":"1.0.0","dependencies":{"expect":"29.7.0","@jest/expect":"29.7.0"}}"#,
    );
    write(
        "node_modules/expect/package.json",
        r#"{"name":"expect","version":"29.7.0","license":"MIT"}"#,
    );
    write(
        "node_modules/@jest/expect/package.json",
        r#"{"name":"@jest/expect","version":"29.7.0","license":"MIT"}"#,
    );
    dir
}

/// What `syft convert` reads from a document: every artifact's purl, sorted.
fn syft_reads(document: &Path) -> Vec<String> {
    let out = Command::new(peer("syft"))
        .args(["convert", document.to_str().unwrap(), "-o", "syft-json"])
        .env("SYFT_CHECK_FOR_APP_UPDATE", "false")
        .output()
        .unwrap();
    assert!(out.status.success(), "syft convert: {}", stderr(&out));
    let converted: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut purls: Vec<String> = converted["artifacts"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| {
            a["purl"]
                .as_str()
                .filter(|p| !p.is_empty())
                .map(str::to_owned)
        })
        .collect();
    purls.sort();
    purls
}

#[test]
fn syft_reads_back_every_package() {
    let project = scoped_and_unscoped_project();
    let mut all: Vec<String> = sources().into_iter().skip(1).map(|(_, s)| s).collect();
    all.push(format!("dir:{}", project.path().display()));
    for source in all {
        let dir = tempfile::tempdir().unwrap();
        let written = write_all(&source, dir.path());
        let ours: Value =
            serde_json::from_slice(&std::fs::read(&written.last().unwrap().1).unwrap()).unwrap();
        let want = purls_of(&ours);
        for (suffix, path) in &written {
            // syft's SPDX decoder reads no locations back, so it merges
            // copies of one package; every distinct one must be there. From
            // CycloneDX, every package, copies at two paths included.
            let distinct = match suffix.as_str() {
                "cdx15.json" | "cdx16.json" => false,
                "spdx23.json" => true,
                _ => continue,
            };
            let mut got = syft_reads(path);
            let mut want = want.clone();
            if distinct {
                // syft's SPDX decoder also lowercases golang purls (the
                // same purl to packageurl-go); its CycloneDX decoder does not.
                for purl in got.iter_mut().chain(want.iter_mut()) {
                    if let Some(rest) = purl.strip_prefix("pkg:golang/") {
                        let (coordinates, tail) =
                            rest.split_at(rest.find('@').unwrap_or(rest.len()));
                        *purl = format!("pkg:golang/{}{tail}", coordinates.to_lowercase());
                    }
                }
                got.sort();
                want.sort();
                got.dedup();
                want.dedup();
            }
            let missing: Vec<&String> = want.iter().filter(|p| !got.contains(p)).collect();
            assert!(
                got == want,
                "{source} {suffix}: syft read {} packages, tallyman wrote {}; missing: {missing:?}",
                got.len(),
                want.len()
            );
        }
        if source.ends_with("rust.oci") {
            assert_eq!(want.len(), 3, "{want:?}");
        } else if source.ends_with("rpm.oci") {
            assert_eq!(want.len(), 7, "{want:?}");
            assert!(want
                .iter()
                .any(|p| p.starts_with("pkg:rpm/tallyman-rpm/hello@2.10-3?")));
        } else if source.starts_with("dir:") && source.ends_with("python-venv") {
            assert!(want.iter().any(|p| p == "pkg:pypi/flask@3.0.3"), "{want:?}");
        } else if source.starts_with("dir:") {
            assert_eq!(
                want,
                [
                    "pkg:npm/%40jest/expect@29.7.0",
                    "pkg:npm/app@1.0.0",
                    "pkg:npm/expect@29.7.0"
                ]
            );
        } else {
            assert!(want.len() > 80, "{source}: {}", want.len());
        }
    }
}

#[test]
fn documents_are_byte_identical_across_runs() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let source = format!("oci-dir:{}", images().join("alpine-node.oci").display());
    for ((suffix, one), (_, two)) in write_all(&source, a.path())
        .into_iter()
        .zip(write_all(&source, b.path()))
    {
        assert!(
            std::fs::read(one).unwrap() == std::fs::read(two).unwrap(),
            "{suffix} differs between runs"
        );
    }
}

#[test]
fn small_image_matches_golden_documents() {
    let dir = tempfile::tempdir().unwrap();
    for (suffix, path) in write_all(SMALL, dir.path()) {
        if ["spdx23.json", "spdx30.json", "cdx16.json", "cdx15.json"].contains(&suffix.as_str()) {
            support::assert_golden(
                &format!("debian-bookworm-dpkg.{suffix}"),
                &std::fs::read(&path).unwrap(),
            );
        }
    }
}

fn read(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

#[test]
fn spdx_content() {
    let dir = tempfile::tempdir().unwrap();
    let source = format!("oci-dir:{}", images().join("debian-node.oci").display());
    let written = write_all(&source, dir.path());
    let spdx = read(&written[0].1);
    let ours = read(&written.last().unwrap().1);
    assert_eq!(spdx["spdxVersion"], "SPDX-2.3");
    assert_eq!(spdx["creationInfo"]["created"], "2023-11-14T22:13:20Z");
    assert_eq!(
        spdx["creationInfo"]["creators"][0],
        format!("Tool: tallyman-{}", env!("CARGO_PKG_VERSION"))
    );
    let namespace = spdx["documentNamespace"].as_str().unwrap();
    assert!(
        namespace.starts_with(&format!(
            "https://spdx.org/spdxdocs/tallyman-{}/debian-node-",
            env!("CARGO_PKG_VERSION")
        )),
        "{namespace}"
    );
    let packages = spdx["packages"].as_array().unwrap();
    assert_eq!(
        packages.len(),
        ours["packages"].as_array().unwrap().len() + 1
    );
    let image = &packages[0];
    assert_eq!(image["primaryPackagePurpose"], "CONTAINER");
    let digest = ours["source"]["manifestDigest"].as_str().unwrap();
    assert_eq!(image["versionInfo"], digest);
    assert_eq!(
        image["checksums"][0]["checksumValue"],
        digest.trim_start_matches("sha256:")
    );
    assert_eq!(
        image["externalRefs"][0]["referenceLocator"],
        format!("pkg:oci/debian-node@{digest}?arch=amd64&tag=app")
    );
    let rels = spdx["relationships"].as_array().unwrap();
    let count = |kind: &str| {
        rels.iter()
            .filter(|r| r["relationshipType"] == kind)
            .count()
    };
    assert_eq!(count("DESCRIBES"), 1);
    let depends = ours["relationships"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["type"] == "depends-on")
        .count();
    let contains_edges = ours["relationships"].as_array().unwrap().len() - depends;
    assert_eq!(count("DEPENDS_ON"), depends);
    assert_eq!(count("CONTAINS"), packages.len() - 1 + contains_edges);
    let semver = packages
        .iter()
        .find(|p| {
            p["name"] == "semver"
                && p["sourceInfo"]
                    .as_str()
                    .unwrap()
                    .contains("/usr/share/nodejs/")
        })
        .unwrap();
    assert_eq!(semver["primaryPackagePurpose"], "LIBRARY");
    assert_eq!(semver["supplier"], "NOASSERTION");
    let express = packages.iter().find(|p| p["name"] == "express").unwrap();
    assert_eq!(
        express["originator"],
        "Person: TJ Holowaychuk (tj@vision-media.ca)"
    );
    assert_eq!(
        express["downloadLocation"],
        "https://github.com/expressjs/express"
    );
    assert_eq!(express["licenseDeclared"], "MIT");
    let app = packages
        .iter()
        .find(|p| p["name"] == "tallyman-npm-fixture")
        .unwrap();
    assert_eq!(app["primaryPackagePurpose"], "APPLICATION");
    let base_files = packages.iter().find(|p| p["name"] == "base-files").unwrap();
    assert!(base_files["supplier"]
        .as_str()
        .unwrap()
        .starts_with("Person: "));
    // Licenses that are not SPDX identifiers become LicenseRefs with their text.
    let extracted = spdx["hasExtractedLicensingInfos"].as_array().unwrap();
    assert!(!extracted.is_empty());
    for info in extracted {
        let id = info["licenseId"].as_str().unwrap();
        assert!(id.starts_with("LicenseRef-"));
        assert!(
            packages
                .iter()
                .any(|p| p["licenseDeclared"].as_str().unwrap().contains(id)),
            "{id} unused"
        );
    }
}

#[test]
fn cyclonedx_content() {
    let dir = tempfile::tempdir().unwrap();
    let source = format!("oci-dir:{}", images().join("debian-node.oci").display());
    let written = write_all(&source, dir.path());
    let cdx = read(&written[3].1);
    let ours = read(&written.last().unwrap().1);
    assert_eq!(cdx["specVersion"], "1.6");
    assert_eq!(
        cdx["$schema"],
        "http://cyclonedx.org/schema/bom-1.6.schema.json"
    );
    assert_eq!(
        cdx["metadata"]["lifecycles"],
        serde_json::json!([{"phase": "post-build"}])
    );
    let serial = cdx["serialNumber"].as_str().unwrap();
    assert!(
        serial.starts_with("urn:uuid:") && serial.len() == 45,
        "{serial}"
    );
    assert_eq!(cdx["metadata"]["timestamp"], "2023-11-14T22:13:20Z");
    assert_eq!(
        cdx["metadata"]["tools"]["components"][0]["name"],
        "tallyman"
    );
    let image = &cdx["metadata"]["component"];
    assert_eq!(image["type"], "container");
    assert_eq!(image["version"], ours["source"]["manifestDigest"]);
    let components = cdx["components"].as_array().unwrap();
    assert_eq!(
        components.len(),
        ours["packages"].as_array().unwrap().len() + 1,
        "packages + the OS"
    );
    let os = components
        .iter()
        .find(|c| c["type"] == "operating-system")
        .unwrap();
    assert_eq!(
        (os["name"].as_str(), os["version"].as_str()),
        (Some("debian"), Some("12"))
    );
    let babel = components
        .iter()
        .find(|c| c["name"] == "@babel/core")
        .unwrap();
    assert!(
        babel.get("group").is_none(),
        "scoped names whole, as syft reads them"
    );
    assert!(babel["purl"]
        .as_str()
        .unwrap()
        .starts_with("pkg:npm/%40babel/core@"));
    let props: Vec<(&str, &str)> = babel["properties"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["name"].as_str().unwrap(), p["value"].as_str().unwrap()))
        .collect();
    let layer = ours["source"]["layers"][2]["diffID"].as_str().unwrap();
    let path = "/app/node_modules/@babel/core/package.json";
    assert_eq!(
        props,
        [
            ("syft:location:0:layerID", layer),
            ("syft:location:0:path", path),
            ("tallyman:layer", layer),
            ("tallyman:layerVerified", "false"),
            ("tallyman:location", path),
        ]
    );
    // What 1.6 adds, from package.json's `author` and `license`.
    assert_eq!(
        babel["supplier"],
        serde_json::json!({"name": "The Babel Team", "url": ["https://babel.dev/team"]})
    );
    assert_eq!(
        babel["authors"],
        serde_json::json!([{"name": "The Babel Team"}])
    );
    assert_eq!(
        babel["licenses"],
        serde_json::json!([{"license": {"id": "MIT", "acknowledgement": "declared"}}])
    );
    assert_eq!(
        babel["evidence"],
        serde_json::json!({
            "identity": {
                "field": "purl",
                "confidence": 1,
                "concludedValue": babel["purl"],
                "methods": [{"technique": "manifest-analysis", "confidence": 1, "value": path}],
            },
            "occurrences": [{"location": path}],
        })
    );
    let dpkg = components.iter().find(|c| c["name"] == "dpkg").unwrap();
    assert_eq!(
        dpkg["supplier"],
        serde_json::json!({
            "name": "Dpkg Developers",
            "contact": [{"email": "debian-dpkg@lists.debian.org"}]
        })
    );
    assert!(
        dpkg.get("authors").is_none(),
        "a distribution's maintainer supplies"
    );
    // Which dependency lists are complete: npm and deb record them all.
    let compositions = cdx["compositions"].as_array().unwrap();
    assert_eq!(compositions.len(), 1, "{compositions:?}");
    assert_eq!(compositions[0]["aggregate"], "complete");
    assert_eq!(
        compositions[0]["dependencies"].as_array().unwrap().len(),
        ours["packages"].as_array().unwrap().len()
    );
    let app = components
        .iter()
        .find(|c| c["name"] == "tallyman-npm-fixture")
        .unwrap();
    assert_eq!(app["type"], "application");
    let dependencies = cdx["dependencies"].as_array().unwrap();
    assert_eq!(
        dependencies.len(),
        components.len(),
        "one entry per component"
    );
    for entry in dependencies {
        let depends: Vec<&str> = entry["dependsOn"]
            .as_array()
            .map(|d| d.iter().map(|v| v.as_str().unwrap()).collect())
            .unwrap_or_default();
        let mut sorted = depends.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(depends, sorted);
    }
}

#[test]
fn spdx_files_carry_the_sha1_of_what_is_in_the_image() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("files.spdx.json");
    let source = format!("oci-dir:{}", images().join("debian.oci").display());
    let out = tallyman_reproducible([
        "scan",
        &source,
        "-q",
        "--spdx-files",
        "-o",
        &format!("spdx-json={}", path.display()),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let check = Command::new("pyspdxtools")
        .arg("-i")
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        check.stdout.is_empty() && check.stderr.is_empty(),
        "{}",
        stderr(&check)
    );
    let spdx = read(&path);
    let files = spdx["files"].as_array().unwrap();
    assert!(files.len() > 3000, "{}", files.len());
    // dpkg lists /bin/bash; on merged-/usr bookworm it is usr/bin/bash.
    let bash = files
        .iter()
        .find(|f| f["fileName"] == "./bin/bash")
        .unwrap();
    let rootfs_bash = std::fs::read(images().join("debian.rootfs/usr/bin/bash")).unwrap();
    let sha1 = Command::new("sha1sum")
        .arg(images().join("debian.rootfs/usr/bin/bash"))
        .output()
        .unwrap();
    let want = String::from_utf8(sha1.stdout)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned();
    assert!(!rootfs_bash.is_empty());
    assert_eq!(
        bash["checksums"][0],
        serde_json::json!({"algorithm": "SHA1", "checksumValue": want})
    );
    assert_eq!(bash["checksums"][1]["algorithm"], "MD5");
    let package = spdx["packages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "bash")
        .unwrap();
    assert_eq!(package["filesAnalyzed"], true);
    assert_eq!(
        package["packageVerificationCode"]["packageVerificationCodeValue"]
            .as_str()
            .unwrap()
            .len(),
        40
    );
    let bash_id = bash["SPDXID"].as_str().unwrap();
    assert!(spdx["relationships"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["spdxElementId"] == package["SPDXID"]
            && r["relatedSpdxElement"] == bash_id
            && r["relationshipType"] == "CONTAINS"));
    // jq was purged in the last layer: none of its files are listed.
    assert!(!files.iter().any(|f| f["fileName"] == "./usr/bin/jq"));
}
