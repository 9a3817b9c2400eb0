//! The Java test image (testdata/build-java-image.sh: Debian's Java library
//! packages and a Spring Boot-style fat jar made of them) compared with
//! what each jar's own pom.properties says, read with `unzip -p`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::support::{edges_by_name, image_built_by, scan_json, stderr};

/// The image's OCI layout and final root filesystem (testdata/build-java-image.sh).
pub(crate) fn java_image() -> (PathBuf, PathBuf) {
    image_built_by("build-java-image.sh", "java")
}

/// (group, artifact, version) of every pom.properties in `jar`.
fn pom_properties(jar: &Path) -> Vec<(String, String, String)> {
    let out = Command::new("unzip")
        .arg("-p")
        .arg(jar)
        .arg("META-INF/maven/*/*/pom.properties")
        .output()
        .expect("unzip");
    // unzip exits 11 when nothing matches: a jar without pom.properties.
    assert!(
        matches!(out.status.code(), Some(0 | 11)),
        "{}",
        stderr(&out)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let mut found = Vec::new();
    let (mut group, mut artifact, mut version) = (None, None, None);
    for line in text.lines().chain(std::iter::once("#end")) {
        if line.starts_with('#') && (group.is_some() || artifact.is_some()) {
            found.push((
                group.take().unwrap_or_default(),
                artifact.take().unwrap_or_default(),
                version.take().unwrap_or_default(),
            ));
        }
        match line.split_once('=') {
            Some(("groupId", v)) => group = Some(v.trim().to_owned()),
            Some(("artifactId", v)) => artifact = Some(v.trim().to_owned()),
            Some(("version", v)) => version = Some(v.trim().to_owned()),
            _ => {}
        }
    }
    found
}

/// (virtual path, group, artifact, version) of every pom.properties of
/// every jar in the image, nested ones (BOOT-INF/lib) included.
fn ground_truth(rootfs: &Path) -> BTreeSet<(String, String, String, String)> {
    let out = Command::new("find")
        .arg(rootfs)
        .args(["-type", "f", "-name", "*.jar"])
        .output()
        .unwrap();
    let mut truth = BTreeSet::new();
    let mut add = |virtual_path: String, jar: &Path| {
        for (g, a, v) in pom_properties(jar) {
            truth.insert((virtual_path.clone(), g, a, v));
        }
    };
    for jar in String::from_utf8(out.stdout).unwrap().lines() {
        let inside = format!(
            "/{}",
            Path::new(jar).strip_prefix(rootfs).unwrap().display()
        );
        add(inside.clone(), Path::new(jar));
        let nested = tempfile::tempdir().unwrap();
        let unpacked = Command::new("unzip")
            .args(["-q", "-o"])
            .arg(jar)
            .arg("BOOT-INF/lib/*.jar")
            .arg("-d")
            .arg(nested.path())
            .output()
            .unwrap();
        if unpacked.status.success() {
            for entry in std::fs::read_dir(nested.path().join("BOOT-INF/lib")).unwrap() {
                let path = entry.unwrap().path();
                let name = path.file_name().unwrap().to_str().unwrap().to_owned();
                add(format!("{inside}:BOOT-INF/lib/{name}"), &path);
            }
        }
    }
    truth
}

/// (virtual path, group, artifact, version) of the packages a document
/// names by their pom.properties.
fn from_poms(doc: &Value) -> BTreeSet<(String, String, String, String)> {
    doc["packages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| {
            p["type"] == "java-archive" && p["metadata"]["identifiedBy"] == "pom.properties"
        })
        .map(|p| {
            let s = |v: &Value| v.as_str().unwrap_or_default().to_owned();
            (
                s(&p["metadata"]["virtualPath"]),
                s(&p["metadata"]["groupId"]),
                s(&p["name"]),
                s(&p["version"]),
            )
        })
        .collect()
}

#[test]
fn a_root_filesystem_gives_the_same_archives() {
    let (_, rootfs) = java_image();
    let doc = scan_json(&format!("dir:{}", rootfs.display()), &[]);
    assert_eq!(from_poms(&doc), ground_truth(&rootfs));
}

#[test]
fn exactly_what_the_jars_pom_properties_say() {
    let (layout, rootfs) = java_image();
    let doc = scan_json(&format!("oci-dir:{}", layout.display()), &[]);
    assert_eq!(doc["warnings"], serde_json::json!([]));
    let java: Vec<&Value> = doc["packages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["type"] == "java-archive")
        .collect();
    let truth = ground_truth(&rootfs);
    assert_eq!(truth.len(), 16);
    assert_eq!(from_poms(&doc), truth);

    // The two jsr305 jars have no pom.properties: named by their file names.
    let by_name: BTreeSet<(String, String, String)> = java
        .iter()
        .filter(|p| p["metadata"]["identifiedBy"] == "file name")
        .map(|p| {
            let s = |v: &Value| v.as_str().unwrap().to_owned();
            (s(&p["name"]), s(&p["version"]), s(&p["purl"]))
        })
        .collect();
    let want: BTreeSet<(String, String, String)> = [
        (
            "jsr305",
            "0.1-SNAPSHOT",
            "pkg:maven/jsr305/jsr305@0.1-SNAPSHOT",
        ),
        (
            "jsr305",
            "0.1~+svn49",
            "pkg:maven/jsr305/jsr305@0.1~%2Bsvn49",
        ),
    ]
    .into_iter()
    .map(|(a, b, c)| (a.into(), b.into(), c.into()))
    .collect();
    assert_eq!(by_name, want);
    assert_eq!(java.len(), truth.len() + 2);

    let service = java.iter().find(|p| p["name"] == "service").unwrap();
    assert_eq!(service["purl"], "pkg:maven/com.example/service@3.0.0");
    assert_eq!(service["layer"], 2);
    assert_eq!(service["locations"][0]["path"], "/app/service.jar");

    // The fat jar contains its libraries; Debian's packages contain their jars.
    let contains: BTreeSet<(String, String)> =
        edges_by_name(&doc, "contains").into_iter().collect();
    for (from, to) in [
        ("service", "commons-io"),
        ("service", "commons-lang3"),
        ("service", "slf4j-api"),
        ("libcommons-io-java", "commons-io"),
        ("libslf4j-java", "slf4j-simple"),
        ("libjsr305-java", "jsr305"),
    ] {
        assert!(
            contains.contains(&(from.into(), to.into())),
            "{from} contains {to}"
        );
    }
}

/// The layout's source, for the formats tests.
pub(crate) fn java_source() -> String {
    format!("oci-dir:{}", java_image().0.display())
}

#[test]
fn archives_over_the_archive_limit_are_skipped_with_a_warning() {
    let (layout, _) = java_image();
    let doc = scan_json(
        &format!("oci-dir:{}", layout.display()),
        &["--max-archive-size", "400KiB"],
    );
    let warnings: Vec<&str> = doc["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap())
        .collect();
    // commons-lang3 (595,165 bytes) and the fat jar (over 960 KB); the
    // 400 KiB limit is 409,600 bytes. commons-io (323,964) is read.
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(warnings[0].contains("/usr/share/java/commons-lang3.jar is 595165 bytes, over the 409600 byte --max-archive-size; skipped"), "{warnings:?}");
    assert!(warnings[1].contains("/app/service.jar is "), "{warnings:?}");
    let names: BTreeSet<&str> = doc["packages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["type"] == "java-archive")
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert!(names.contains("commons-io"));
    assert!(!names.contains("commons-lang3") && !names.contains("service"));
}
