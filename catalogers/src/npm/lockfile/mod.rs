//! npm-ecosystem lockfiles, for projects scanned without `node_modules`:
//! package-lock.json (v1 nested `dependencies`, v2/v3 `packages`), yarn.lock
//! (v1 and berry) and pnpm-lock.yaml (v5/v6 and v9). Each parser returns a
//! [`Lock`]: entries and depends-on edges between them, deduplicated by
//! name and version, with npm aliases (`npm:real@version`) resolved.

mod package_lock;
mod pnpm;
mod yarn;

use std::collections::{BTreeSet, HashMap};

pub use package_lock::parse_package_lock;
pub use pnpm::parse_pnpm_lock;
pub use yarn::parse_yarn_lock;

/// Lockfile names, in the order they are preferred when several sit together.
pub const LOCKFILES: &[&str] = &[
    "npm-shrinkwrap.json",
    "package-lock.json",
    "yarn.lock",
    "pnpm-lock.yaml",
];

/// One locked package.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LockEntry {
    pub name: String,
    pub version: String,
    /// Only needed for development.
    pub dev: bool,
    /// Installed only where it can be (platform-specific optional dependencies).
    pub optional: bool,
    /// The project itself (package-lock's `""` entry).
    pub root: bool,
    pub license: Option<String>,
    pub resolved: Option<String>,
    pub integrity: Option<String>,
}

/// What a lockfile locks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lock {
    pub entries: Vec<LockEntry>,
    /// (dependant, dependency) indexes into `entries`.
    pub edges: Vec<(usize, usize)>,
}

impl Lock {
    /// Merges entries with the same name and version (a package is dev only
    /// if every copy is), keeping their edges.
    pub fn deduplicated(self) -> Lock {
        let mut index: HashMap<(String, String, bool), usize> = HashMap::new();
        let mut entries: Vec<LockEntry> = Vec::new();
        let mut remap = Vec::with_capacity(self.entries.len());
        for entry in self.entries {
            let key = (entry.name.clone(), entry.version.clone(), entry.root);
            match index.get(&key) {
                Some(&at) => {
                    let kept = &mut entries[at];
                    kept.dev &= entry.dev;
                    kept.optional &= entry.optional;
                    kept.license = kept.license.take().or(entry.license);
                    kept.resolved = kept.resolved.take().or(entry.resolved);
                    kept.integrity = kept.integrity.take().or(entry.integrity);
                    remap.push(at);
                }
                None => {
                    index.insert(key, entries.len());
                    remap.push(entries.len());
                    entries.push(entry);
                }
            }
        }
        let edges: BTreeSet<(usize, usize)> = self
            .edges
            .into_iter()
            .map(|(from, to)| (remap[from], remap[to]))
            .filter(|(from, to)| from != to)
            .collect();
        Lock {
            entries,
            edges: edges.into_iter().collect(),
        }
    }
}

/// Splits `name@range` (the name may start with `@scope/`).
pub fn split_spec(spec: &str) -> Option<(&str, &str)> {
    // Skip the first character (a scope's `@`), whatever its width in bytes.
    let first = spec.chars().next().map_or(0, char::len_utf8);
    let at = spec[first..].find('@')? + first;
    Some((&spec[..at], &spec[at + 1..]))
}

/// `npm:real@1.2.3` → (`real`, `1.2.3`); anything else → `None`.
pub fn npm_alias(version: &str) -> Option<(&str, &str)> {
    split_spec(version.strip_prefix("npm:")?)
}

#[cfg(test)]
mod tests;
