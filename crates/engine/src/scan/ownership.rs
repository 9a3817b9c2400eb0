//! Which OS package installed a language package: a deb whose file list
//! (md5sums) holds the record of a language package contains it — Debian's
//! `node-*` packages ship npm modules in `/usr/share/nodejs` (the record is
//! their package.json), its `python3-*` packages Python distributions in
//! `/usr/lib/python3/dist-packages` (their METADATA, PKG-INFO or
//! `.egg-info` file).

use std::collections::HashMap;

use tallyman_catalogers::{Metadata, PackageType, RelationshipKind};

use tallyman_sbom::{Edge, ScannedPackage};

/// `contains` edges from OS packages to the packages whose record they own.
pub fn os_package_contents(packages: &[ScannedPackage]) -> Vec<Edge> {
    let mut owner: HashMap<&str, &str> = HashMap::new();
    for scanned in packages {
        if scanned.package.kind.is_distro_package() {
            for file in &scanned.package.files {
                owner.insert(file.path.as_str(), scanned.id.as_str());
            }
        }
    }
    packages
        .iter()
        .filter(|p| match &p.package.metadata {
            // An archive's own package, not what is nested in it.
            Metadata::Java(java) => !java.virtual_path.contains(':'),
            _ => matches!(p.package.kind, PackageType::Npm | PackageType::Python),
        })
        .filter_map(|p| {
            let record = p.package.primary_location()?;
            let from = owner.get(record.path.as_str())?;
            Some(Edge {
                from: (*from).to_owned(),
                to: p.id.clone(),
                kind: RelationshipKind::Contains,
            })
        })
        .collect()
}
