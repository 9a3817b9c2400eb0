//! The polyglot image (testdata/build-polyglot-image.sh: Debian + python3 +
//! a venv of real PyPI packages + Go and Rust binaries), compared with what
//! each ecosystem's own tool lists: dpkg-query, the Python environments'
//! own `importlib.metadata` (with PyPA's `packaging` for the edges), `go
//! version -m` and `rust-audit-info`. Exactly those packages, no more.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::scan_go::go_version_m;
use crate::support::{dpkg_installed, packages_in, polyglot, scan_json, stderr};

/// Every `site-packages` / `dist-packages` directory under `root` (links
/// not followed), as paths inside the image.
fn site_dirs(root: &Path, dir: &Path, found: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        if !entry.file_type().unwrap().is_dir() {
            continue;
        }
        let path = entry.path();
        let name = entry.file_name();
        if name == "site-packages" || name == "dist-packages" {
            found.push(format!("/{}", path.strip_prefix(root).unwrap().display()));
        } else if name != "proc" && name != "dev" {
            site_dirs(root, &path, found);
        }
    }
}

/// The Python ground truth of one root filesystem: per environment, each
/// distribution's (name, version), and the edges its requirements give
/// (markers evaluated by PyPA's `packaging`, extras only when an
/// installed dependant asks for them), as (site dir, from, to) names.
struct PythonTruth {
    distributions: BTreeSet<(String, String, String)>,
    edges: BTreeSet<(String, String, String)>,
}

const PYTHON_TRUTH: &str = r#"
import importlib.metadata as m, json, re, sys
from packaging.requirements import Requirement
norm = lambda n: re.sub(r'[-_.]+', '-', n).lower()
root, dirs = sys.argv[1], sys.argv[2:]
dists, edges = [], []
for site in dirs:
    found = {norm(d.metadata['Name']): d for d in m.distributions(path=[root + site])}
    for d in found.values():
        dists.append([site, d.metadata['Name'], d.version])
    extras = {name: set() for name in found}
    while True:
        changed = False
        for name, d in found.items():
            for text in d.requires or []:
                r = Requirement(text)
                wanted = extras[name] or {''}
                if r.marker and not any(r.marker.evaluate({'extra': e}) for e in wanted):
                    continue
                if norm(r.name) not in found or norm(r.name) == name:
                    continue
                edge = [site, d.metadata['Name'], found[norm(r.name)].metadata['Name']]
                if edge not in edges:
                    edges.append(edge)
                for extra in r.extras:
                    if extra not in extras[norm(r.name)]:
                        extras[norm(r.name)].add(extra)
                        changed = True
        if not changed:
            break
print(json.dumps({'dists': dists, 'edges': edges}))
"#;

fn python_truth(rootfs: &Path) -> PythonTruth {
    let mut dirs = Vec::new();
    site_dirs(rootfs, rootfs, &mut dirs);
    let out = Command::new("python3")
        .args(["-c", PYTHON_TRUTH, rootfs.to_str().unwrap()])
        .args(&dirs)
        .output()
        .expect("python3");
    assert!(out.status.success(), "{}", stderr(&out));
    let truth: Value = serde_json::from_slice(&out.stdout).unwrap();
    let triples = |key: &str| {
        truth[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| {
                let s = |i: usize| t[i].as_str().unwrap().to_owned();
                (s(0), s(1), s(2))
            })
            .collect()
    };
    PythonTruth {
        distributions: triples("dists"),
        edges: triples("edges"),
    }
}

/// (name, version) of every crate `rust-audit-info` reads from a binary.
pub(crate) fn rust_audit_info(binary: &Path) -> BTreeSet<(String, String)> {
    let out = Command::new("rust-audit-info")
        .arg(binary)
        .output()
        .expect("rust-audit-info (cargo install rust-audit-info)");
    assert!(out.status.success(), "{}", stderr(&out));
    let info: Value = serde_json::from_slice(&out.stdout).unwrap();
    info["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["name"].as_str().unwrap().to_owned(),
                p["version"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn site_of(p: &Value) -> String {
    p["metadata"]["sitePackages"].as_str().unwrap().to_owned()
}

#[test]
fn every_package_of_a_service_image_and_nothing_else() {
    let (layout, rootfs) = polyglot();
    let doc = scan_json(&format!("oci-dir:{}", layout.display()), &[]);
    let packages = doc["packages"].as_array().unwrap();
    let of_type = |kind: &'static str| packages.iter().filter(move |p| p["type"] == kind);

    // Debian: exactly what dpkg lists, python3 and python3-requests among them.
    let debs: BTreeSet<(String, String, String)> = of_type("deb")
        .map(|p| {
            let s = |k: &str| p[k].as_str().unwrap().to_owned();
            (s("name"), s("version"), s("arch"))
        })
        .collect();
    let dpkg = dpkg_installed(&rootfs);
    assert_eq!(debs, dpkg);
    assert!(dpkg.iter().any(|(name, _, _)| name == "python3-requests"));

    // Python: every distribution of every environment, where it is.
    let truth = python_truth(&rootfs);
    let found: BTreeSet<(String, String, String)> = of_type("python")
        .map(|p| {
            (
                site_of(p),
                p["name"].as_str().unwrap().to_owned(),
                p["version"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(found, truth.distributions);
    let venv = "/opt/venv/lib/python3.11/site-packages";
    let system = "/usr/lib/python3/dist-packages";
    for (site, name) in [
        (venv, "Flask"),
        (venv, "SQLAlchemy"),
        (venv, "gunicorn"),
        (venv, "pydantic_core"),
        (venv, "pip"),
        (system, "requests"),
        (system, "six"),
    ] {
        assert!(
            found.iter().any(|(s, n, _)| s == site && n == name),
            "{site} {name}"
        );
    }
    assert_eq!(truth.distributions.len(), of_type("python").count());

    // Go: every module of both tools; the greeter's (devel) main module has
    // the version its -ldflags stamped, its local replacement is reported.
    let mut greeter = go_version_m(&rootfs.join("usr/local/bin/greeter"));
    let main = "example.com/tallyman/greeter".to_owned();
    assert!(greeter.remove(&(main.clone(), "(devel)".into())));
    greeter.insert((main, "v1.4.2".into()));
    assert!(greeter.contains(&("./words".into(), "(devel)".into())));
    assert_eq!(
        packages_in(&doc, "go-module", "/usr/local/bin/greeter"),
        greeter
    );
    let mut syft = go_version_m(&rootfs.join("usr/local/bin/syft"));
    let main = "github.com/anchore/syft".to_owned();
    assert!(syft.remove(&(main.clone(), "(devel)".into())));
    syft.insert((main, "v1.18.1".into()));
    assert_eq!(packages_in(&doc, "go-module", "/usr/local/bin/syft"), syft);

    // Rust: every crate cargo auditable recorded.
    let crates = rust_audit_info(&rootfs.join("usr/local/bin/rust-fixture"));
    assert_eq!(
        packages_in(&doc, "rust-crate", "/usr/local/bin/rust-fixture"),
        crates
    );

    // Nothing else.
    assert_eq!(
        packages.len(),
        dpkg.len() + truth.distributions.len() + greeter.len() + syft.len() + crates.len()
    );
    assert_eq!(doc["warnings"], serde_json::json!([]));

    // Each from the layer that brought it.
    let layer_of = |kind: &str, name: &str, site: Option<&str>| {
        packages
            .iter()
            .find(|p| {
                p["type"] == kind
                    && p["name"] == name
                    && site.is_none_or(|s| p["metadata"]["sitePackages"] == s)
            })
            .unwrap_or_else(|| panic!("{kind} {name}"))["layer"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(layer_of("deb", "bash", None), 0);
    assert_eq!(layer_of("deb", "python3", None), 1);
    assert_eq!(layer_of("python", "requests", Some(system)), 1);
    assert_eq!(layer_of("python", "requests", Some(venv)), 2);
    assert_eq!(
        layer_of("go-module", "example.com/tallyman/greeter", None),
        3
    );
    assert_eq!(layer_of("rust-crate", "memchr", None), 4);
}

#[test]
fn edges_of_a_service_image() {
    let (layout, rootfs) = polyglot();
    let doc = scan_json(&format!("oci-dir:{}", layout.display()), &[]);
    let by_id: BTreeMap<&str, &Value> = doc["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["id"].as_str().unwrap(), p))
        .collect();
    let edges: Vec<(&Value, &str, &Value)> = doc["relationships"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                by_id[r["from"].as_str().unwrap()],
                r["type"].as_str().unwrap(),
                by_id[r["to"].as_str().unwrap()],
            )
        })
        .collect();

    // Requirement edges: exactly what `packaging`'s marker code gives, each
    // within its environment.
    let python: BTreeSet<(String, String, String)> = edges
        .iter()
        .filter(|(from, kind, to)| {
            from["type"] == "python" && to["type"] == "python" && *kind == "depends-on"
        })
        .map(|(from, _, to)| {
            assert_eq!(site_of(from), site_of(to));
            (
                site_of(from),
                from["name"].as_str().unwrap().to_owned(),
                to["name"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let truth = python_truth(&rootfs);
    assert_eq!(python, truth.edges);
    let venv = "/opt/venv/lib/python3.11/site-packages".to_owned();
    for (from, to) in [
        ("Flask", "Werkzeug"),
        ("requests", "urllib3"),
        ("pydantic", "pydantic_core"),
    ] {
        assert!(
            python.contains(&(venv.clone(), from.into(), to.into())),
            "{from} -> {to}"
        );
    }

    // Debian's python3-* packages contain their distributions.
    let contains: BTreeSet<(String, String)> = edges
        .iter()
        .filter(|(from, kind, to)| {
            from["type"] == "deb" && to["type"] == "python" && *kind == "contains"
        })
        .map(|(from, _, to)| {
            assert_eq!(site_of(to), "/usr/lib/python3/dist-packages");
            (
                from["name"].as_str().unwrap().to_owned(),
                format!(
                    "{}@{}",
                    to["name"].as_str().unwrap(),
                    to["version"].as_str().unwrap()
                ),
            )
        })
        .collect();
    let want: BTreeSet<(String, String)> = [
        ("python3-certifi", "certifi@2022.9.24"),
        ("python3-chardet", "chardet@5.1.0"),
        ("python3-charset-normalizer", "charset-normalizer@3.0.1"),
        ("python3-idna", "idna@3.3"),
        ("python3-requests", "requests@2.28.1"),
        ("python3-six", "six@1.16.0"),
        ("python3-urllib3", "urllib3@1.26.12"),
    ]
    .into_iter()
    .map(|(a, b)| (a.to_owned(), b.to_owned()))
    .collect();
    assert_eq!(contains, want);

    // The Rust binary's root crate depends on both of its crates.
    let rust: BTreeSet<(String, String)> = edges
        .iter()
        .filter(|(from, _, _)| from["type"] == "rust-crate")
        .map(|(from, _, to)| {
            (
                from["name"].as_str().unwrap().to_owned(),
                to["name"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let want: BTreeSet<(String, String)> = [
        ("tallyman-rust-fixture", "itoa"),
        ("tallyman-rust-fixture", "memchr"),
    ]
    .into_iter()
    .map(|(a, b)| (a.to_owned(), b.to_owned()))
    .collect();
    assert_eq!(rust, want);
}

/// The layout's path, for the formats tests' list of sources.
pub(crate) fn polyglot_source() -> String {
    let (layout, _): (PathBuf, PathBuf) = polyglot();
    format!("oci-dir:{}", layout.display())
}

#[test]
fn its_root_filesystem_gives_the_same_packages() {
    let (layout, rootfs) = polyglot();
    let identity = |doc: &Value| -> BTreeSet<(String, String, String, String)> {
        doc["packages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                let s = |v: &Value| v.as_str().unwrap_or_default().to_owned();
                (
                    s(&p["type"]),
                    s(&p["name"]),
                    s(&p["version"]),
                    s(&p["locations"][0]["path"]),
                )
            })
            .collect()
    };
    let image = scan_json(&format!("oci-dir:{}", layout.display()), &[]);
    let tree = scan_json(&format!("dir:{}", rootfs.display()), &[]);
    assert_eq!(identity(&tree).len(), 348);
    assert_eq!(identity(&tree), identity(&image));
}
