//! The RPM test image (testdata/build-rpm-image.sh: a SQLite rpm database
//! written by Debian's rpm, packages built by rpmbuild and converted from
//! Debian's by alien) compared with what `rpm -qa` lists for it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::support::{edges_by_name, image_built_by, scan_json, stderr};

/// The image's OCI layout and final root filesystem (testdata/build-rpm-image.sh).
pub(crate) fn rpm_image() -> (PathBuf, PathBuf) {
    image_built_by("build-rpm-image.sh", "rpm")
}

/// name, epoch (none when none), version-release, arch, source rpm,
/// license: as `rpm -qa` prints them for the image's database.
fn rpm_qa(rootfs: &Path) -> BTreeSet<[String; 6]> {
    let out = Command::new("rpm")
        .arg("--dbpath")
        .arg(rootfs.join("usr/lib/sysimage/rpm"))
        .args([
            "-qa",
            "--qf",
            "%{NAME}\t%{EPOCH}\t%{VERSION}-%{RELEASE}\t%{ARCH}\t%{SOURCERPM}\t%{LICENSE}\n",
        ])
        .output()
        .expect("rpm (apt-get install rpm)");
    assert!(out.status.success(), "{}", stderr(&out));
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            std::array::from_fn(|i| f[i].to_owned())
        })
        .collect()
}

fn found(doc: &Value) -> BTreeSet<[String; 6]> {
    doc["packages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["type"] == "rpm")
        .map(|p| {
            let m = &p["metadata"];
            let s = |v: &Value| v.as_str().unwrap_or_default().to_owned();
            let version = s(&p["version"]);
            let epoch = m["epoch"]
                .as_u64()
                .map_or("(none)".to_owned(), |e| e.to_string());
            [
                s(&p["name"]),
                epoch,
                version
                    .split_once(':')
                    .map_or(version.clone(), |(_, v)| v.to_owned()),
                s(&p["arch"]),
                s(&m["sourceRpm"]),
                s(&p["licenses"][0]["value"]),
            ]
        })
        .collect()
}

#[test]
fn exactly_what_rpm_lists() {
    let (layout, rootfs) = rpm_image();
    let doc = scan_json(&format!("oci-dir:{}", layout.display()), &[]);
    let truth = rpm_qa(&rootfs);
    assert_eq!(truth.len(), 6);
    assert_eq!(found(&doc), truth);
    // The six rpms and the Python distribution one of them ships.
    assert_eq!(doc["packages"].as_array().unwrap().len(), 7);
    assert_eq!(doc["warnings"], serde_json::json!([]));
    assert_eq!(doc["distro"]["id"], "tallyman-rpm");

    let packages: BTreeMap<&str, &Value> = doc["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["name"].as_str().unwrap(), p))
        .collect();
    let greeting = packages["tallyman-greeting"];
    assert_eq!(greeting["version"], "1:1.2.0-3.tm1");
    assert_eq!(
        greeting["purl"],
        "pkg:rpm/tallyman-rpm/tallyman-greeting@1.2.0-3.tm1?arch=noarch&distro=tallyman-rpm-1.0&epoch=1&upstream=tallyman-greeting-1.2.0-3.tm1.src.rpm"
    );
    assert_eq!(greeting["supplier"], "tallyman test suite");
    assert_eq!(greeting["layer"], 0);
    assert_eq!(packages["hello"]["layer"], 1);
    assert_eq!(packages["libc6"]["layer"], 1);
    assert_eq!(
        greeting["locations"][0]["path"],
        "/usr/lib/sysimage/rpm/rpmdb.sqlite"
    );
    // Owned files with the digests rpm recorded (sha256 of what is there).
    let lib = packages["tallyman-libgreet"];
    let files = lib["files"].as_array().unwrap();
    let conf = files
        .iter()
        .find(|f| f["path"] == "/etc/greet.conf")
        .unwrap();
    assert_eq!(conf["config"], true);
    assert_eq!(conf["digest"]["algorithm"], "sha256");
    let content = std::fs::read(rootfs.join("etc/greet.conf")).unwrap();
    assert_eq!(
        conf["digest"]["value"],
        crate::support::oci::sha256(&content).trim_start_matches("sha256:")
    );
    let hello_files = packages["hello"]["files"].as_array().unwrap();
    assert!(hello_files.iter().any(|f| f["path"] == "/usr/bin/hello"));

    // Requirements met by provides and by owned files.
    let edges: BTreeSet<(String, String)> = edges_by_name(&doc, "depends-on").into_iter().collect();
    let edge = |from: &str, to: &str| (from.to_owned(), to.to_owned());
    assert!(edges.contains(&edge("tallyman-greeting", "tallyman-libgreet")));
    assert!(edges.contains(&edge("tallyman-greeting", "tallyman-sh")));
    assert!(edges.contains(&edge("hello", "libc6")));
    assert!(!edges.iter().any(|(from, _)| from == "tallyman-libgreet"));
    // An rpm contains the Python distribution whose METADATA it owns.
    assert_eq!(
        edges_by_name(&doc, "contains"),
        [edge("python3-tallyman-hello", "tallyman-hello")]
    );
}

#[test]
fn a_root_filesystem_gives_the_same_packages() {
    let (_, rootfs) = rpm_image();
    let doc = scan_json(&format!("dir:{}", rootfs.display()), &[]);
    assert_eq!(found(&doc), rpm_qa(&rootfs));
}

/// The layout's source, for the formats tests.
pub(crate) fn rpm_source() -> String {
    format!("oci-dir:{}", rpm_image().0.display())
}
