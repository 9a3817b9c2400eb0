//! Real images with a real npm application (testdata/npm-app, `npm ci`):
//! Alpine's own root filesystem + the app, and Debian + nodejs and Debian's
//! packaged node modules + the app. Ground truth comes from the package
//! managers' own records in the image: apk's database, dpkg's status and file
//! lists, and npm's `node_modules/.package-lock.json`; edges are compared with
//! `npm ls --all --json`.

use crate::support;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

use serde_json::Value;
use support::{dpkg_installed, images, scan_json};

type Found = BTreeSet<(String, String, String)>;

/// (directory, name, version) of each npm package in a document.
fn npm_packages(doc: &Value) -> Found {
    doc["packages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["type"] == "npm")
        .map(|p| {
            let manifest = p["locations"][0]["path"].as_str().unwrap();
            let dir = manifest.strip_suffix("/package.json").unwrap().to_owned();
            (
                dir,
                p["name"].as_str().unwrap().to_owned(),
                p["version"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn of_type(doc: &Value, kind: &str) -> BTreeSet<(String, String, String)> {
    doc["packages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["type"] == kind)
        .map(|p| {
            (
                p["name"].as_str().unwrap().to_owned(),
                p["version"].as_str().unwrap().to_owned(),
                p["arch"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

/// What npm recorded as installed under `rootfs/app`, plus the app itself.
fn npm_truth(rootfs: &Path) -> Found {
    let hidden = rootfs.join("app/node_modules/.package-lock.json");
    let lock: Value = serde_json::from_slice(&std::fs::read(hidden).unwrap()).unwrap();
    let mut truth: Found = lock["packages"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(key, entry)| {
            let name = entry["name"]
                .as_str()
                .map(str::to_owned)
                .unwrap_or_else(|| key.rsplit_once("node_modules/").unwrap().1.to_owned());
            (
                format!("/app/{key}"),
                name,
                entry["version"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let app: Value =
        serde_json::from_slice(&std::fs::read(rootfs.join("app/package.json")).unwrap()).unwrap();
    truth.insert((
        "/app".into(),
        app["name"].as_str().unwrap().into(),
        app["version"].as_str().unwrap().into(),
    ));
    truth
}

/// apk's own record of what is installed: P/V/A of lib/apk/db/installed.
fn apk_truth(rootfs: &Path) -> BTreeSet<(String, String, String)> {
    let db = std::fs::read_to_string(rootfs.join("lib/apk/db/installed")).unwrap();
    db.split("\n\n")
        .filter_map(|record| {
            let field = |k: &str| {
                record
                    .lines()
                    .find_map(|l| l.strip_prefix(k))
                    .map(str::to_owned)
            };
            Some((field("P:")?, field("V:")?, field("A:").unwrap_or_default()))
        })
        .collect()
}

fn assert_same(what: &str, truth: &Found, found: &Found) {
    let missing: Vec<_> = truth.difference(found).collect();
    let extra: Vec<_> = found.difference(truth).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{what}: missing {missing:?}\nextra {extra:?}"
    );
}

#[test]
fn alpine_with_an_npm_application_is_exact() {
    let rootfs = images().join("alpine-node.rootfs");
    let doc = scan_json(
        &format!("oci-dir:{}", images().join("alpine-node.oci").display()),
        &[],
    );
    let apk = apk_truth(&rootfs);
    assert_eq!(apk.len(), 59, "Alpine 3.23's VM rootfs holds 59 packages");
    assert_eq!(of_type(&doc, "apk"), apk);
    let npm = npm_truth(&rootfs);
    assert!(npm.len() > 250, "{}", npm.len());
    assert!(
        npm.iter()
            .any(|(dir, ..)| dir.matches("node_modules").count() > 1),
        "nested packages"
    );
    assert!(
        npm.iter().any(|(_, name, _)| name.starts_with('@')),
        "scoped packages"
    );
    assert_same("npm", &npm, &npm_packages(&doc));
    assert_eq!(doc["distro"]["id"], "alpine");
    assert_eq!(doc["distro"]["versionId"], "3.23.6");
    let musl = doc["packages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "musl")
        .unwrap();
    let version = musl["version"].as_str().unwrap();
    assert_eq!(
        musl["purl"],
        format!("pkg:apk/alpine/musl@{version}?arch=x86_64&distro=alpine-3.23.6")
    );
    assert_eq!(musl["layer"], 0);
    let app = doc["packages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["application"] == true)
        .unwrap();
    assert_eq!(app["name"], "tallyman-npm-fixture");
    assert_eq!(app["layer"], 1);
    assert!(
        doc["warnings"].as_array().unwrap().is_empty(),
        "{}",
        doc["warnings"]
    );
}

/// The Debian-packaged node modules: package.json files that dpkg's file
/// lists say a deb installed, at a module directory's top.
fn debian_module_truth(rootfs: &Path) -> BTreeMap<(String, String, String), String> {
    let mut truth = BTreeMap::new();
    for entry in std::fs::read_dir(rootfs.join("var/lib/dpkg/info")).unwrap() {
        let path = entry.unwrap().path();
        let Some(file) = path.file_name().and_then(|f| f.to_str()) else {
            continue;
        };
        let Some(deb) = file.strip_suffix(".md5sums") else {
            continue;
        };
        let deb = deb.split(':').next().unwrap().to_owned();
        for line in std::fs::read_to_string(&path).unwrap().lines() {
            let owned = line.split_once("  ").unwrap().1;
            let Some(dir) = owned.strip_suffix("/package.json") else {
                continue;
            };
            let rest = ["usr/share/nodejs/", "usr/lib/nodejs/"]
                .iter()
                .find_map(|p| dir.strip_prefix(p))
                .or_else(|| {
                    dir.strip_prefix("usr/lib/")
                        .and_then(|r| r.split_once("/nodejs/"))
                        .map(|(_, r)| r)
                });
            let Some(rest) = rest else { continue };
            // NAME, @SCOPE/NAME, and the same again after each node_modules.
            let module_path = rest.split("/node_modules/").all(|name| {
                let parts: Vec<&str> = name.split('/').collect();
                matches!(parts.as_slice(), [n] if !n.starts_with('@'))
                    || matches!(parts.as_slice(), [s, _] if s.starts_with('@'))
            });
            if !module_path {
                continue;
            }
            let json: Value =
                serde_json::from_slice(&std::fs::read(rootfs.join(owned)).unwrap()).unwrap();
            if let (Some(name), Some(version)) = (json["name"].as_str(), json["version"].as_str()) {
                truth.insert(
                    (format!("/{dir}"), name.to_owned(), version.to_owned()),
                    deb.clone(),
                );
            }
        }
    }
    truth
}

#[test]
fn debian_with_nodejs_and_an_npm_application_is_exact() {
    let rootfs = images().join("debian-node.rootfs");
    let doc = scan_json(
        &format!("oci-dir:{}", images().join("debian-node.oci").display()),
        &[],
    );
    assert_eq!(of_type(&doc, "deb"), dpkg_installed(&rootfs));
    let debian_modules = debian_module_truth(&rootfs);
    assert!(debian_modules.len() > 20, "{}", debian_modules.len());
    let mut npm = npm_truth(&rootfs);
    npm.extend(debian_modules.keys().cloned());
    assert_same("npm", &npm, &npm_packages(&doc));

    // Each packaged module is contained by the deb that installed it.
    let by_id: BTreeMap<&str, &Value> = doc["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["id"].as_str().unwrap(), p))
        .collect();
    let contains: BTreeSet<(String, String)> = doc["relationships"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["type"] == "contains")
        .map(|r| {
            let deb = by_id[r["from"].as_str().unwrap()]["name"]
                .as_str()
                .unwrap()
                .to_owned();
            let module = by_id[r["to"].as_str().unwrap()]["locations"][0]["path"]
                .as_str()
                .unwrap();
            (
                deb,
                module.strip_suffix("/package.json").unwrap().to_owned(),
            )
        })
        .collect();
    let want: BTreeSet<(String, String)> = debian_modules
        .iter()
        .map(|((dir, ..), deb)| (deb.clone(), dir.clone()))
        .collect();
    assert_eq!(contains, want);
    assert!(contains.contains(&(
        "node-semver".to_owned(),
        "/usr/share/nodejs/semver".to_owned()
    )));
}

/// `npm ls --all --json` of the installed application: for each package
/// path, the (name, version) of the dependencies npm resolved for it.
fn npm_ls_edges() -> BTreeMap<String, BTreeSet<(String, String)>> {
    let app = images().join("npm-app");
    let output = Command::new("npm")
        .args(["ls", "--all", "--json", "--long"])
        .current_dir(&app)
        .output()
        .expect("running npm ls");
    let tree: Value = serde_json::from_slice(&output.stdout).expect("npm ls json");
    let mut edges = BTreeMap::new();
    fn walk(node: &Value, app: &Path, edges: &mut BTreeMap<String, BTreeSet<(String, String)>>) {
        let Some(deps) = node["dependencies"].as_object() else {
            return;
        };
        let path = node["path"].as_str().unwrap();
        let key = Path::new(path)
            .strip_prefix(app)
            .unwrap()
            .display()
            .to_string();
        let entry = edges.entry(key).or_default();
        for (name, dep) in deps {
            if let Some(version) = dep["version"].as_str() {
                entry.insert((name.clone(), version.to_owned()));
            }
        }
        for dep in deps.values() {
            walk(dep, app, edges);
        }
    }
    walk(&tree, &app, &mut edges);
    edges
}

#[test]
fn edges_match_npm_ls() {
    let doc = scan_json(
        &format!("oci-dir:{}", images().join("alpine-node.oci").display()),
        &[],
    );
    let packages = doc["packages"].as_array().unwrap();
    let dir_of = |p: &Value| {
        p["locations"][0]["path"]
            .as_str()
            .unwrap()
            .strip_suffix("/package.json")
            .unwrap()
            .strip_prefix("/app")
            .unwrap()
            .trim_start_matches('/')
            .to_owned()
    };
    let by_id: BTreeMap<&str, &Value> = packages
        .iter()
        .map(|p| (p["id"].as_str().unwrap(), p))
        .collect();
    let mut ours: BTreeMap<String, BTreeSet<(String, String)>> = BTreeMap::new();
    for r in doc["relationships"].as_array().unwrap() {
        let (from, to) = (
            by_id[r["from"].as_str().unwrap()],
            by_id[r["to"].as_str().unwrap()],
        );
        if from["type"] == "npm" {
            ours.entry(dir_of(from)).or_default().insert((
                to["name"].as_str().unwrap().to_owned(),
                to["version"].as_str().unwrap().to_owned(),
            ));
        }
    }
    let npm = npm_ls_edges();
    let checked = [
        "",
        "node_modules/express",
        "node_modules/@babel/core",
        "node_modules/eslint",
        "node_modules/webpack",
        "node_modules/yargs",
        "node_modules/body-parser",
    ];
    for dir in checked {
        assert!(npm.contains_key(dir), "npm ls has no {dir:?}");
        assert_eq!(ours.get(dir), npm.get(dir), "dependencies of {dir:?}");
    }
    // Nested copies resolve to themselves, as Node would load them.
    let nested: Vec<&String> = npm
        .keys()
        .filter(|k| k.matches("node_modules").count() > 1)
        .collect();
    assert!(!nested.is_empty());
    for dir in nested {
        assert_eq!(
            ours.get(dir.as_str()),
            npm.get(dir.as_str()),
            "dependencies of {dir:?}"
        );
    }
}
