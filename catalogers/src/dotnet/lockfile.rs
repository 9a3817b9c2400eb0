//! NuGet's `packages.lock.json`, the lock file of a project in a source
//! tree (`RestorePackagesWithLockFile`).
//!
//! `dependencies` holds one table per target framework (`net8.0`, and
//! `net8.0/linux-x64` for a runtime identifier), each entry a package by
//! name: its `type` (`Direct`, `Transitive`, `CentralTransitive`,
//! `Project`), the `resolved` version (none for a project), its
//! `contentHash` (the base64 SHA-512 NuGet checks the package against,
//! written `sha512-…` here as deps.json writes it) and its `dependencies`
//! by name. A package locked for several frameworks is one package (per
//! name and version, as syft counts them); a dependency is the package of
//! that name locked for the same framework.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use base64::Engine;
use serde::Deserialize;

use crate::model::{Catalog, DotNetMetadata, Metadata, Package, PackageType, Relationship};
use crate::view::FileRef;

#[derive(Deserialize)]
struct LockFile {
    dependencies: Option<BTreeMap<String, Option<Framework>>>,
}

/// One target framework's entries by package name.
type Framework = BTreeMap<String, Option<Entry>>;

#[derive(Deserialize, Default)]
#[serde(default)]
struct Entry {
    #[serde(rename = "type")]
    kind: Option<String>,
    resolved: Option<String>,
    #[serde(rename = "contentHash")]
    content_hash: Option<String>,
    dependencies: Option<BTreeMap<String, String>>,
}

/// Adds the packages of the lock file `file` to `catalog`.
pub fn add(catalog: &mut Catalog, file: &FileRef<'_>) {
    let lock: LockFile = match serde_json::from_slice(file.content) {
        Ok(lock) => lock,
        Err(error) => {
            catalog.warnings.push(format!(
                "{}: not a readable packages.lock.json ({error}); skipped",
                file.absolute_path()
            ));
            return;
        }
    };
    let frameworks: Vec<(String, BTreeMap<String, Entry>)> = lock
        .dependencies
        .unwrap_or_default()
        .into_iter()
        .map(|(framework, entries)| {
            let entries = entries
                .unwrap_or_default()
                .into_iter()
                .map(|(name, entry)| (name, entry.unwrap_or_default()))
                .collect();
            (framework, entries)
        })
        .collect();

    // One package per (name, resolved version), the first framework's entry.
    let mut index: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    let mut first_seen: BTreeMap<(&str, &str), (&str, &Entry)> = BTreeMap::new();
    for (framework, entries) in &frameworks {
        for (name, entry) in entries {
            let version = entry.resolved.as_deref().unwrap_or_default();
            first_seen
                .entry((name.as_str(), version))
                .or_insert((framework.as_str(), entry));
        }
    }
    let mut bad_hashes = 0usize;
    for (&(name, version), &(framework, entry)) in &first_seen {
        let sha512 = entry.content_hash.as_deref().and_then(|hash| {
            let valid = base64::engine::general_purpose::STANDARD
                .decode(hash)
                .is_ok_and(|digest| digest.len() == 64);
            if !valid {
                bad_hashes += 1;
            }
            valid.then(|| format!("sha512-{hash}"))
        });
        index.insert((name, version), catalog.packages.len());
        catalog.packages.push(Package::bare(
            PackageType::DotNet,
            name.to_owned(),
            version.to_owned(),
            super::purl(name, version),
            file.location(),
            Metadata::DotNet(DotNetMetadata {
                kind: entry.kind.clone().unwrap_or_else(|| "package".to_owned()),
                sha512,
                path: None,
                target: Some(framework.to_owned()),
            }),
        ));
    }
    if bad_hashes > 0 {
        catalog.warnings.push(format!(
            "{}: {bad_hashes} contentHash values are not base64 SHA-512 digests; left out",
            file.absolute_path()
        ));
    }

    let mut edges: BTreeSet<(usize, usize)> = BTreeSet::new();
    for (_, entries) in &frameworks {
        // NuGet names are case-insensitive: a dependency may be spelt
        // otherwise than the entry it names.
        let by_lowercase: HashMap<String, &str> = entries
            .keys()
            .map(|name| (name.to_ascii_lowercase(), name.as_str()))
            .collect();
        // The package each name is locked at in this framework.
        let locked = |name: &str| {
            let (locked_name, entry) = entries.get_key_value(name).or_else(|| {
                let spelt = by_lowercase.get(&name.to_ascii_lowercase())?;
                entries.get_key_value(*spelt)
            })?;
            let version = entry.resolved.as_deref().unwrap_or_default();
            index.get(&(locked_name.as_str(), version)).copied()
        };
        for (name, entry) in entries {
            let Some(from) = locked(name) else {
                continue;
            };
            for dependency in entry.dependencies.iter().flat_map(|d| d.keys()) {
                if let Some(to) = locked(dependency).filter(|&to| to != from) {
                    edges.insert((from, to));
                }
            }
        }
    }
    catalog
        .relationships
        .extend(Relationship::depends_on_all(edges));
}
