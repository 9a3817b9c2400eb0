//! npm [`Package`] building and purls (`pkg:npm/%40scope/name@version`).

use packageurl::PackageUrl;

use crate::license::License;
use crate::model::{Location, Metadata, NpmMetadata, Package, PackageType};
use crate::npm::lockfile::LockEntry;
use crate::npm::package_json::Manifest;

/// `pkg:npm/%40scope/name@version`; `None` for names purl cannot carry.
pub fn purl(name: &str, version: &str) -> Option<String> {
    let (namespace, short) = match name.split_once('/') {
        Some((scope, short)) if scope.starts_with('@') => (Some(scope), short),
        _ => (None, name),
    };
    let mut purl = PackageUrl::new("npm", short).ok()?;
    if let Some(namespace) = namespace {
        purl.with_namespace(namespace);
    }
    if !version.is_empty() {
        purl.with_version(version);
    }
    Some(purl.to_string())
}

/// A package described by a package.json at `location` in directory `dir`.
pub fn from_manifest(
    manifest: Manifest,
    name: String,
    version: String,
    dir: &str,
    location: Location,
) -> Package {
    Package {
        kind: PackageType::Npm,
        purl: purl(&name, &version),
        cpes: Vec::new(),
        licenses: manifest.licenses,
        supplier: manifest.supplier,
        copyright: None,
        description: manifest.description,
        homepage: manifest.homepage,
        locations: vec![location],
        files: Vec::new(),
        application: false,
        metadata: Metadata::Npm(NpmMetadata {
            path: Some(format!("/{dir}")),
            repository: manifest.repository,
            ..NpmMetadata::default()
        }),
        name,
        version,
        arch: None,
    }
}

/// A package known only from a lockfile entry.
pub fn from_lock_entry(entry: &LockEntry, location: Location) -> Package {
    Package {
        kind: PackageType::Npm,
        purl: purl(&entry.name, &entry.version),
        cpes: Vec::new(),
        licenses: entry.license.iter().map(|l| License::new(l)).collect(),
        // A lockfile names no people (no author, maintainers or contributors).
        supplier: None,
        copyright: None,
        description: None,
        homepage: None,
        locations: vec![location],
        files: Vec::new(),
        application: entry.root,
        metadata: Metadata::Npm(NpmMetadata {
            dev: entry.dev,
            resolved: entry.resolved.clone(),
            integrity: entry.integrity.clone(),
            ..NpmMetadata::default()
        }),
        name: entry.name.clone(),
        version: entry.version.clone(),
        arch: None,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn scoped_purls_encode_the_at_sign() {
        assert_eq!(
            super::purl("@actions/core", "1.6.0").as_deref(),
            Some("pkg:npm/%40actions/core@1.6.0")
        );
        assert_eq!(
            super::purl("npm", "6.14.6").as_deref(),
            Some("pkg:npm/npm@6.14.6")
        );
    }
}
