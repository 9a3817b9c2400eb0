//! yarn.lock, classic (v1, its own format) and berry (v2+, YAML).

use std::collections::{BTreeMap, HashMap};

use serde_norway::Value;

use super::{npm_alias, split_spec, Lock, LockEntry};

/// Parses either yarn.lock format; `Err` says why it is neither.
pub fn parse_yarn_lock(data: &[u8]) -> Result<Lock, String> {
    let text = String::from_utf8_lossy(data);
    if text.lines().any(|l| l.starts_with("__metadata:")) {
        parse_berry(&text)
    } else {
        Ok(parse_classic(&text))
    }
}

#[derive(Default)]
struct Block {
    specs: Vec<String>,
    version: Option<String>,
    resolved: Option<String>,
    integrity: Option<String>,
    dependencies: Vec<(String, String)>,
}

fn unquote(s: &str) -> String {
    s.trim().trim_matches('"').to_owned()
}

fn parse_classic(text: &str) -> Lock {
    let mut blocks: Vec<Block> = Vec::new();
    let mut in_dependencies = false;
    for line in text.lines() {
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        let content = line.trim();
        if indent == 0 {
            let header = content.trim_end_matches(':');
            blocks.push(Block {
                specs: header.split(", ").map(unquote).collect(),
                ..Block::default()
            });
            in_dependencies = false;
            continue;
        }
        let Some(block) = blocks.last_mut() else {
            continue;
        };
        if indent <= 2 {
            in_dependencies = matches!(content, "dependencies:" | "optionalDependencies:");
            let (key, value) = content.split_once(' ').unwrap_or((content, ""));
            match key {
                "version" => block.version = Some(unquote(value)),
                "resolved" => block.resolved = Some(unquote(value)),
                "integrity" => block.integrity = Some(unquote(value)),
                _ => {}
            }
        } else if in_dependencies {
            if let Some((name, range)) = content.split_once(' ') {
                block.dependencies.push((unquote(name), unquote(range)));
            }
        }
    }

    let mut lock = Lock::default();
    let mut by_spec: HashMap<String, usize> = HashMap::new();
    let mut pending = Vec::new();
    for block in blocks {
        let (Some(version), Some(first)) = (block.version.clone(), block.specs.first()) else {
            continue;
        };
        let Some((spec_name, range)) = split_spec(first) else {
            continue;
        };
        let name = block
            .resolved
            .as_deref()
            .and_then(name_from_registry_url)
            .or_else(|| npm_alias(range).map(|(real, _)| real.to_owned()))
            .unwrap_or_else(|| spec_name.to_owned());
        for spec in &block.specs {
            by_spec.insert(spec.clone(), lock.entries.len());
        }
        pending.push((lock.entries.len(), block.dependencies));
        lock.entries.push(LockEntry {
            name,
            version,
            resolved: block.resolved,
            integrity: block.integrity,
            ..LockEntry::default()
        });
    }
    for (from, dependencies) in pending {
        for (name, range) in dependencies {
            let target = by_spec
                .get(&format!("{name}@{range}"))
                .copied()
                .or_else(|| satisfying(&lock.entries, &name, &range));
            if let Some(to) = target {
                lock.edges.push((from, to));
            }
        }
    }
    lock.deduplicated()
}

/// The entry named `name` whose version satisfies `range` (hand-edited or
/// merged lockfiles do not always list the exact spec).
fn satisfying(entries: &[LockEntry], name: &str, range: &str) -> Option<usize> {
    let range = nodejs_semver::Range::parse(range).ok()?;
    entries.iter().position(|e| {
        e.name == name
            && nodejs_semver::Version::parse(&e.version).is_ok_and(|v| v.satisfies(&range))
    })
}

/// `https://registry.yarnpkg.com/@scope/name/-/name-1.0.0.tgz#…` → `@scope/name`.
fn name_from_registry_url(url: &str) -> Option<String> {
    let path = url.split_once("://")?.1.split_once('/')?.1;
    let (name, _) = path.split_once("/-/")?;
    (!name.is_empty()).then(|| name.to_owned())
}

fn parse_berry(text: &str) -> Result<Lock, String> {
    let map: BTreeMap<String, Value> = serde_norway::from_str(text)
        .map_err(|e| format!("not a valid yarn berry lockfile: {e}"))?;
    let mut lock = Lock::default();
    let mut by_spec: HashMap<String, usize> = HashMap::new();
    let mut pending = Vec::new();
    for (key, entry) in &map {
        if key == "__metadata" {
            continue;
        }
        let specs: Vec<String> = key.split(", ").map(unquote).collect();
        let resolution = entry
            .get("resolution")
            .and_then(Value::as_str)
            .unwrap_or_default();
        // `NAME@workspace:.` is the project itself.
        let root = specs.iter().any(|s| s.ends_with("@workspace:."));
        let Some(version) = entry.get("version").map(yaml_text) else {
            continue;
        };
        let Some((name, _)) = specs.first().and_then(|s| split_spec(s)) else {
            continue;
        };
        for spec in &specs {
            by_spec.insert(spec.clone(), lock.entries.len());
        }
        let dependencies: Vec<(String, String)> = entry
            .get("dependencies")
            .and_then(Value::as_mapping)
            .into_iter()
            .flatten()
            .map(|(k, v)| (yaml_text(k), yaml_text(v)))
            .collect();
        pending.push((lock.entries.len(), dependencies));
        lock.entries.push(LockEntry {
            name: name.to_owned(),
            version,
            root,
            resolved: Some(resolution.to_owned()).filter(|r| !r.is_empty() && !root),
            integrity: entry.get("checksum").map(yaml_text),
            ..LockEntry::default()
        });
    }
    for (from, dependencies) in pending {
        for (name, range) in dependencies {
            let with_protocol = if range.contains(':') {
                range.clone()
            } else {
                format!("npm:{range}")
            };
            let target = by_spec
                .get(&format!("{name}@{with_protocol}"))
                .or_else(|| by_spec.get(&format!("{name}@{range}")));
            if let Some(&to) = target {
                lock.edges.push((from, to));
            }
        }
    }
    Ok(lock.deduplicated())
}

fn yaml_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => String::new(),
    }
}
