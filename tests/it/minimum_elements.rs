//! The minimum elements as a compliance reviewer checks them: the SPDX
//! project's ntia-conformance-checker (NTIA 2021, CISA FSCT3 minimum, BSI
//! TR-03183-2) on tallyman's SPDX 2.3 and 3.0.1 documents of the test images.
//! Every requirement's verdict is pinned, and every component a profile
//! reports as lacking an element truly lacks it: in tallyman's own json of
//! the same scan, and — for the npm packages and Debian packages of the
//! Debian + npm image — in the package's own record in the image
//! (`package.json`, `/usr/share/doc/PKG/copyright`).

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::support::{images, stderr, tallyman_reproducible};

const AUTHOR: &str = "Tallyman Tests <tallyman-tests@example.com>";

/// The documents of one scan: SPDX 2.3, SPDX 3.0.1 and tallyman's json.
struct Documents {
    _dir: tempfile::TempDir,
    spdx2: std::path::PathBuf,
    spdx3: std::path::PathBuf,
    /// tallyman's packages by id.
    packages: HashMap<String, Value>,
}

fn scan(source: &str) -> Documents {
    let dir = tempfile::tempdir().unwrap();
    let spdx2 = dir.path().join("doc.spdx23.json");
    let spdx3 = dir.path().join("doc.spdx30.json");
    let json = dir.path().join("doc.json");
    let out = tallyman_reproducible([
        "scan".to_owned(),
        source.to_owned(),
        "-q".to_owned(),
        "--author".to_owned(),
        AUTHOR.to_owned(),
        "-o".to_owned(),
        format!("spdx-json={}", spdx2.display()),
        "-o".to_owned(),
        format!("spdx-json@3.0={}", spdx3.display()),
        "-o".to_owned(),
        format!("json={}", json.display()),
    ]);
    assert!(out.status.success(), "{source}: {}", stderr(&out));
    let doc: Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    let packages = doc["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["id"].as_str().unwrap().to_owned(), p.clone()))
        .collect();
    Documents {
        _dir: dir,
        spdx2,
        spdx3,
        packages,
    }
}

/// The checker's verdicts on one document: per profile, `conformant`,
/// `requirements` (name → verdict) and `missing` (element → SPDX ids).
fn judge(document: &Path, spec: &str) -> Value {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/support/minimum_elements.py");
    let out = Command::new("python3")
        .arg(script)
        .arg(document)
        .arg(spec)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "ntia-conformance-checker (pip install ntia-conformance-checker) on {}: {}",
        document.display(),
        stderr(&out)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The requirements of `profile` that failed, sorted.
fn failed(report: &Value, profile: &str) -> Vec<String> {
    let mut failed: Vec<String> = report[profile]["requirements"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(_, ok)| !ok.as_bool().unwrap())
        .map(|(name, _)| name.clone())
        .collect();
    failed.sort();
    failed
}

/// The tallyman package an SPDX id names (`…SPDXRef-Package-<id>`), or
/// `None` for the image's own package.
fn package<'a>(docs: &'a Documents, spdx_id: &str) -> Option<&'a Value> {
    let id = spdx_id.rsplit("SPDXRef-Package-").next().unwrap();
    docs.packages.get(id)
}

/// Every component reported under `element` truly lacks it per `lacks`;
/// returns how many packages (not the image) were reported.
fn all_truly_lack(
    docs: &Documents,
    report: &Value,
    profile: &str,
    element: &str,
    lacks: impl Fn(&Value) -> bool,
) -> usize {
    let listed = report[profile]["missing"][element]
        .as_array()
        .unwrap_or_else(|| panic!("{profile} reports no {element} list"));
    let mut packages = 0;
    for id in listed {
        let id = id.as_str().unwrap();
        match package(docs, id) {
            Some(p) => {
                assert!(
                    lacks(p),
                    "{profile} says {id} lacks {element}, but it has: {p}"
                );
                packages += 1;
            }
            None => assert!(
                id.contains("SPDXRef-Image") || id.contains("SPDXRef-DOCUMENT"),
                "{profile} lists {id} under {element}: neither a package nor the image"
            ),
        }
    }
    packages
}

fn no_supplier(p: &Value) -> bool {
    p.get("supplier").is_none()
}

fn no_copyright(p: &Value) -> bool {
    p.get("copyright").is_none()
}

/// No license, or one without an exact SPDX form.
fn no_conclusion(p: &Value) -> bool {
    let licenses = p["licenses"].as_array().cloned().unwrap_or_default();
    licenses.is_empty() || licenses.iter().any(|l| l.get("spdx").is_none())
}

/// No supplier with an email (`<…@…>`) or a URL (BSI's "creator").
fn no_contact(p: &Value) -> bool {
    p["supplier"].as_str().is_none_or(|s| {
        let email = s
            .split_once('<')
            .and_then(|(_, rest)| rest.split_once('>'))
            .is_some_and(|(inside, _)| inside.contains('@'));
        !email && !s.contains("://")
    })
}

fn debian_node() -> String {
    format!("oci-dir:{}", images().join("debian-node.oci").display())
}

#[test]
fn spdx2_debian_and_npm_lack_only_what_their_records_lack() {
    let docs = scan(&debian_node());
    let report = judge(&docs.spdx2, "spdx2");
    // SPDX 2 has no SBOM type and no creator contact or completeness
    // fields the checker reads: those stay failed in every SPDX 2 document.
    assert_eq!(
        failed(&report, "ntia"),
        ["All component suppliers provided?"]
    );
    assert_eq!(
        failed(&report, "fsct3-min"),
        [
            "All component concluded license provided?",
            "All component copyright notice provided?",
            "All component suppliers provided?",
            "SBOM generation context (SBOM type) provided?",
        ]
    );
    assert_eq!(
        failed(&report, "bsi"),
        ["Creator of the SBOM", "Dependency Completeness"]
    );
    let rootfs = images().join("debian-node.rootfs");
    let unsupplied = all_truly_lack(&docs, &report, "ntia", "suppliers", |p| {
        no_supplier(p) && record_names_nobody(&rootfs, p)
    });
    let copyrightless = all_truly_lack(&docs, &report, "fsct3-min", "copyright_texts", |p| {
        no_copyright(p) && record_states_no_copyright(&rootfs, p)
    });
    let unconcluded = all_truly_lack(
        &docs,
        &report,
        "fsct3-min",
        "concluded_licenses",
        no_conclusion,
    );
    // Every Debian package names its maintainer; the npm packages without
    // an author or maintainers are all that is left.
    assert!(
        docs.packages
            .values()
            .filter(|p| p["type"] == "deb")
            .all(|p| !no_supplier(p)),
        "every deb has a supplier"
    );
    assert!(
        unsupplied > 0 && unsupplied < docs.packages.len() / 4,
        "{unsupplied}"
    );
    assert!(copyrightless > 0, "npm packages state no copyright");
    assert!(
        unconcluded > 0 && unconcluded < docs.packages.len() / 4,
        "{unconcluded}"
    );
}

/// Whether the package's own record names no supplier: for npm, its
/// `package.json` has no `author` and no `maintainers`; other records are
/// trusted through tallyman's json.
fn record_names_nobody(rootfs: &Path, p: &Value) -> bool {
    if p["type"] != "npm" {
        return true;
    }
    let path = p["locations"][0]["path"].as_str().unwrap();
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(rootfs.join(&path[1..])).unwrap()).unwrap();
    let empty = |v: &Value| {
        v.is_null()
            || v.as_str().is_some_and(|s| s.trim().is_empty())
            || v.as_array().is_some_and(Vec::is_empty)
    };
    empty(&manifest["author"]) && empty(&manifest["maintainers"])
}

/// Whether a Debian package's copyright file states no notice (no line
/// starting with `Copyright`); npm packages record none in package.json.
fn record_states_no_copyright(rootfs: &Path, p: &Value) -> bool {
    if p["type"] != "deb" {
        return true;
    }
    let name = p["name"].as_str().unwrap();
    let file = rootfs.join(format!("usr/share/doc/{name}/copyright"));
    let text = std::fs::read_to_string(file).unwrap_or_default();
    !text
        .lines()
        .any(|line| line.trim_start().starts_with("Copyright"))
}

#[test]
fn spdx3_meets_what_spdx2_cannot_say() {
    let docs = scan(&debian_node());
    let report = judge(&docs.spdx3, "spdx3");
    for profile in ["ntia", "fsct3-min", "bsi"] {
        assert_eq!(
            report[profile]["messages"],
            serde_json::json!([]),
            "{profile}: the checker's own validation"
        );
    }
    assert_eq!(
        failed(&report, "ntia"),
        ["All component suppliers provided?"]
    );
    assert_eq!(
        failed(&report, "fsct3-min"),
        [
            "All component concluded license provided?",
            "All component copyright notice provided?",
            "All component suppliers provided?",
        ]
    );
    let bsi = failed(&report, "bsi");
    for passes in [
        "Creator of the SBOM",
        "Timestamp",
        "Dependency Completeness",
        "Component Names",
        "Component Versions",
        "Other Unique Identifiers (Warning)",
    ] {
        assert!(!bsi.contains(&passes.to_owned()), "{passes}: {bsi:?}");
    }
    let rootfs = images().join("debian-node.rootfs");
    all_truly_lack(&docs, &report, "ntia", "suppliers", |p| {
        no_supplier(p) && record_names_nobody(&rootfs, p)
    });
    all_truly_lack(&docs, &report, "fsct3-min", "copyright_texts", no_copyright);
    all_truly_lack(
        &docs,
        &report,
        "fsct3-min",
        "concluded_licenses",
        no_conclusion,
    );
    all_truly_lack(&docs, &report, "bsi", "creators", no_contact);
    // Distribution files are known for lockfile npm packages only (none
    // here: the app's packages are installed, their tarballs not recorded).
    all_truly_lack(&docs, &report, "bsi", "filenames", |p| {
        p["metadata"].get("integrity").is_none() && p["metadata"].get("sha512").is_none()
    });
}

#[test]
fn every_test_image_lacks_only_what_its_records_lack() {
    let sources = [
        format!("oci-dir:{}", images().join("alpine-node.oci").display()),
        crate::scan_polyglot::polyglot_source(),
        crate::scan_rpm::rpm_source(),
        crate::scan_runtimes::runtimes_source(),
        crate::scan_java::java_source(),
    ];
    let mut verdicts: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for source in &sources {
        let docs = scan(source);
        for (path, spec) in [(&docs.spdx2, "spdx2"), (&docs.spdx3, "spdx3")] {
            let report = judge(path, spec);
            all_truly_lack(&docs, &report, "ntia", "suppliers", no_supplier);
            all_truly_lack(&docs, &report, "fsct3-min", "copyright_texts", no_copyright);
            all_truly_lack(
                &docs,
                &report,
                "fsct3-min",
                "concluded_licenses",
                no_conclusion,
            );
            if spec == "spdx3" {
                all_truly_lack(&docs, &report, "bsi", "creators", no_contact);
            }
            for profile in ["ntia", "fsct3-min", "bsi"] {
                let name = source.rsplit('/').next().unwrap();
                verdicts.insert(format!("{name} {spec} {profile}"), failed(&report, profile));
            }
        }
    }
    // Names, versions, identifiers, the SBOM's author and timestamp and the
    // dependency relationships pass everywhere.
    for (what, failed) in &verdicts {
        for passes in [
            "All component names provided?",
            "All component versions provided?",
            "All component identifiers provided?",
            "SBOM author name provided?",
            "SBOM creation timestamp provided?",
            "Component Names",
            "Timestamp",
        ] {
            assert!(!failed.contains(&passes.to_owned()), "{what}: {failed:?}");
        }
        if what.contains("spdx3") {
            for passes in [
                "Creator of the SBOM",
                "Dependency Completeness",
                "SBOM generation context (SBOM type) provided?",
            ] {
                assert!(!failed.contains(&passes.to_owned()), "{what}: {failed:?}");
            }
        }
    }
}
