//! Python distributions in a real virtual environment: `python3 -m venv`
//! and `pip install` of real packages from PyPI, scanned as a `dir:` source
//! and compared with what the environment's own `importlib.metadata` lists.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use serde_json::Value;

use crate::support::{edges_by_name, scan_json, stderr};

/// A root filesystem holding `/app/venv` with flask and requests installed
/// (built once per test run).
pub(crate) fn venv_root() -> &'static Path {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/testdata/python-venv");
        let venv = root.join("app/venv");
        if !venv.join("ready").exists() {
            let _ = std::fs::remove_dir_all(&root);
            let run = |program: &Path, args: &[&str]| {
                let out = Command::new(program).args(args).output().unwrap();
                assert!(
                    out.status.success(),
                    "{program:?} {args:?}: {}",
                    stderr(&out)
                );
            };
            run(
                Path::new("python3"),
                &["-m", "venv", venv.to_str().unwrap()],
            );
            run(
                &venv.join("bin/pip"),
                &[
                    "install",
                    "-q",
                    "--disable-pip-version-check",
                    "flask==3.0.3",
                    "requests==2.32.3",
                ],
            );
            std::fs::write(venv.join("ready"), b"").unwrap();
        }
        root
    })
}

/// (normalised name, version) of every distribution the venv's Python sees
/// in its own site-packages: the ground truth.
fn installed(root: &Path) -> BTreeSet<(String, String)> {
    let python = root.join("app/venv/bin/python");
    let out = Command::new(&python)
        .args([
            "-c",
            "import importlib.metadata as m, re, sys\n\
             for d in m.distributions(path=[p for p in sys.path if p.endswith('site-packages')]):\n\
             \x20   print(re.sub(r'[-_.]+', '-', d.metadata['Name']).lower(), d.version)",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let (name, version) = l.split_once(' ').unwrap();
            (name.to_owned(), version.to_owned())
        })
        .collect()
}

fn python_packages(doc: &Value) -> Vec<&Value> {
    doc["packages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["type"] == "python")
        .collect()
}

#[test]
fn every_distribution_in_a_pip_installed_venv() {
    let root = venv_root();
    let doc = scan_json(&format!("dir:{}", root.display()), &[]);
    let packages = python_packages(&doc);
    let found: BTreeSet<(String, String)> = packages
        .iter()
        .map(|p| {
            let purl = p["purl"].as_str().unwrap();
            let name = purl
                .trim_start_matches("pkg:pypi/")
                .split('@')
                .next()
                .unwrap();
            (name.to_owned(), p["version"].as_str().unwrap().to_owned())
        })
        .collect();
    let truth = installed(root);
    assert_eq!(found, truth, "exactly what importlib.metadata lists");
    assert_eq!(packages.len(), truth.len(), "one package per distribution");
    for (name, version) in [("flask", "3.0.3"), ("requests", "2.32.3")] {
        assert!(
            truth.contains(&(name.to_owned(), version.to_owned())),
            "{name}"
        );
    }

    let flask = packages.iter().find(|p| p["name"] == "Flask").unwrap();
    assert_eq!(flask["purl"], "pkg:pypi/flask@3.0.3");
    let site_packages = flask["metadata"]["sitePackages"].as_str().unwrap();
    assert!(
        site_packages.starts_with("/app/venv/lib/python3.")
            && site_packages.ends_with("/site-packages"),
        "{site_packages}"
    );
    assert_eq!(flask["metadata"]["installer"], "pip");
    // RECORD: every installed file with its sha256, scripts in bin/ too.
    let files = flask["files"].as_array().unwrap();
    let init = files
        .iter()
        .find(|f| f["path"] == format!("{site_packages}/flask/__init__.py"))
        .unwrap();
    assert_eq!(init["digest"]["algorithm"], "sha256");
    assert!(files.iter().any(|f| f["path"] == "/app/venv/bin/flask"));

    // Requires-Dist edges inside the environment.
    let edges: BTreeSet<(String, String)> = edges_by_name(&doc, "depends-on").into_iter().collect();
    for edge in [
        ("Flask", "Werkzeug"),
        ("Flask", "Jinja2"),
        ("Flask", "click"),
        ("Flask", "itsdangerous"),
        ("Flask", "blinker"),
        ("requests", "urllib3"),
        ("requests", "idna"),
        ("requests", "certifi"),
        ("requests", "charset-normalizer"),
        ("Jinja2", "MarkupSafe"),
        ("Werkzeug", "MarkupSafe"),
    ] {
        let edge = (edge.0.to_owned(), edge.1.to_owned());
        assert!(edges.contains(&edge), "{edge:?} missing from {edges:?}");
    }
    // Extras nobody asked for are not dependencies: requests[socks].
    assert!(!edges.iter().any(|(_, to)| to == "PySocks"));
}
