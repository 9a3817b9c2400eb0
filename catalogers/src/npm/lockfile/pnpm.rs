//! pnpm-lock.yaml: v5 keys `/name/1.0.0`, v6 keys `/name@1.0.0(peer@2)`, v9
//! keys `name@1.0.0` with edges in `snapshots`. Peer suffixes are dropped, so
//! the same name and version installed for different peers is one package.

use std::collections::HashMap;

use serde_norway::Value;

use super::{split_spec, Lock, LockEntry};

/// Parses a pnpm lockfile; `Err` says why it is not one.
pub fn parse_pnpm_lock(data: &[u8]) -> Result<Lock, String> {
    let doc: Value =
        serde_norway::from_slice(data).map_err(|e| format!("not a valid pnpm lockfile: {e}"))?;
    let packages = doc.get("packages").and_then(Value::as_mapping);
    let mut lock = Lock::default();
    let mut by_id: HashMap<(String, String), usize> = HashMap::new();
    let mut pending: Vec<(usize, Vec<(String, String)>)> = Vec::new();
    for (key, entry) in packages.into_iter().flatten() {
        let Some((name, version)) = key.as_str().and_then(parse_key) else {
            continue;
        };
        let id = (name.clone(), version.clone());
        let index = *by_id.entry(id).or_insert_with(|| {
            lock.entries.push(LockEntry {
                name,
                version,
                dev: entry.get("dev").and_then(Value::as_bool).unwrap_or(false),
                optional: entry
                    .get("optional")
                    .and_then(Value::as_bool)
                    .unwrap_or(false),
                integrity: entry
                    .get("resolution")
                    .and_then(|r| r.get("integrity"))
                    .and_then(Value::as_str)
                    .map(str::to_owned),
                ..LockEntry::default()
            });
            lock.entries.len() - 1
        });
        pending.push((index, dependencies(entry)));
    }
    for (key, entry) in doc
        .get("snapshots")
        .and_then(Value::as_mapping)
        .into_iter()
        .flatten()
    {
        let Some(id) = key.as_str().and_then(parse_key) else {
            continue;
        };
        if let Some(&index) = by_id.get(&id) {
            pending.push((index, dependencies(entry)));
        }
    }
    for (from, deps) in pending {
        for (name, version) in deps {
            if let Some(&to) = by_id.get(&(name, strip_peers(&version).to_owned())) {
                lock.edges.push((from, to));
            }
        }
    }
    Ok(lock.deduplicated())
}

fn dependencies(entry: &Value) -> Vec<(String, String)> {
    ["dependencies", "optionalDependencies"]
        .iter()
        .filter_map(|k| entry.get(*k).and_then(Value::as_mapping))
        .flatten()
        .filter_map(|(k, v)| Some((k.as_str()?.to_owned(), value_text(v)?)))
        .collect()
}

fn value_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// `1.0.0(react@18.2.0)` → `1.0.0`; `1.0.0_react@18.2.0` (v5) → `1.0.0`.
fn strip_peers(version: &str) -> &str {
    let end = version.find('(').unwrap_or(version.len());
    let version = &version[..end];
    version.split_once('_').map_or(version, |(v, _)| v)
}

/// A `packages` key as (name, version).
fn parse_key(key: &str) -> Option<(String, String)> {
    let key = strip_peers(key.strip_prefix('/').unwrap_or(key));
    // v6 and v9: name@version.
    if let Some((name, version)) = split_spec(key) {
        if !name.is_empty() && !version.is_empty() && !version.contains('/') {
            return Some((name.to_owned(), version.to_owned()));
        }
    }
    // v5: name/version or @scope/name/version.
    let (name, version) = key.rsplit_once('/')?;
    (!name.is_empty() && !version.is_empty()).then(|| (name.to_owned(), version.to_owned()))
}
