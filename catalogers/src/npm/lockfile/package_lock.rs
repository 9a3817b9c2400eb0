//! package-lock.json / npm-shrinkwrap.json: v2 and v3 read the `packages` map
//! (keys are install paths, so edges resolve the way Node would); v1 reads the
//! nested `dependencies` tree (no edges, as syft).

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::{npm_alias, Lock, LockEntry};
use crate::npm::layout::resolution_candidates;

/// Parses a package-lock; `Err` says why it is not one.
pub fn parse_package_lock(data: &[u8]) -> Result<Lock, String> {
    let value: Value = serde_json::from_slice(data).map_err(|e| format!("not valid JSON: {e}"))?;
    let object = value.as_object().ok_or("not a JSON object")?;
    match object.get("packages").and_then(Value::as_object) {
        Some(packages) => Ok(from_packages(object, packages)),
        None => Ok(from_dependencies(object.get("dependencies"))),
    }
}

fn text(entry: &Map<String, Value>, key: &str) -> Option<String> {
    entry.get(key).and_then(Value::as_str).map(str::to_owned)
}

/// A boolean field, false when absent.
fn flag(entry: &Map<String, Value>, key: &str) -> bool {
    entry.get(key).and_then(Value::as_bool).unwrap_or(false)
}

fn from_packages(top: &Map<String, Value>, packages: &Map<String, Value>) -> Lock {
    let mut lock = Lock::default();
    let mut by_path: HashMap<&str, usize> = HashMap::new();
    let mut deps: Vec<(usize, &str, Vec<String>)> = Vec::new();
    for (path, entry) in packages {
        let Some(entry) = entry.as_object() else {
            continue;
        };
        if entry.get("link").and_then(Value::as_bool) == Some(true) {
            continue;
        }
        let root = path.is_empty();
        if !root && !path.contains("node_modules/") {
            continue; // a workspace folder; its installed link is listed under node_modules
        }
        let from_key = path
            .rsplit_once("node_modules/")
            .map(|(_, name)| name.to_owned());
        let name = text(entry, "name")
            .or_else(|| if root { text(top, "name") } else { from_key })
            .unwrap_or_default();
        let version =
            text(entry, "version").or_else(|| if root { text(top, "version") } else { None });
        let Some(version) = version.filter(|_| !name.is_empty()) else {
            continue;
        };
        by_path.insert(path.as_str(), lock.entries.len());
        let names: Vec<String> = ["dependencies", "optionalDependencies", "peerDependencies"]
            .iter()
            .filter_map(|k| entry.get(*k).and_then(Value::as_object))
            .flat_map(|m| m.keys().cloned())
            .collect();
        deps.push((lock.entries.len(), path.as_str(), names));
        lock.entries.push(LockEntry {
            name,
            version,
            dev: flag(entry, "dev"),
            optional: flag(entry, "optional"),
            root,
            license: text(entry, "license"),
            resolved: text(entry, "resolved"),
            integrity: text(entry, "integrity"),
        });
    }
    for (from, path, names) in deps {
        for name in names {
            let target = resolution_candidates(path, &name, &[])
                .into_iter()
                .find_map(|candidate| by_path.get(candidate.as_str()).copied());
            if let Some(to) = target {
                lock.edges.push((from, to));
            }
        }
    }
    lock.deduplicated()
}

fn from_dependencies(dependencies: Option<&Value>) -> Lock {
    /// Children of a development dependency are development dependencies.
    fn walk(map: Option<&Value>, lock: &mut Lock, parent_dev: bool) {
        let Some(map) = map.and_then(Value::as_object) else {
            return;
        };
        for (key, entry) in map {
            let Some(entry) = entry.as_object() else {
                continue;
            };
            let Some(version) = text(entry, "version") else {
                continue;
            };
            let (name, version) = match npm_alias(&version) {
                Some((real, v)) => (real.to_owned(), v.to_owned()),
                None => (
                    key.rsplit_once("node_modules/")
                        .map_or(key.as_str(), |(_, n)| n)
                        .to_owned(),
                    version,
                ),
            };
            let dev = parent_dev || flag(entry, "dev");
            lock.entries.push(LockEntry {
                name,
                version,
                dev,
                optional: flag(entry, "optional"),
                root: false,
                license: None,
                resolved: text(entry, "resolved"),
                integrity: text(entry, "integrity"),
            });
            walk(entry.get("dependencies"), lock, dev);
        }
    }
    let mut lock = Lock::default();
    walk(dependencies, &mut lock, false);
    lock.deduplicated()
}
