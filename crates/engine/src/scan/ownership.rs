//! What the OS package databases say about the packages other catalogers
//! found: a deb (or rpm, apk) whose file list holds the record of another
//! package contains it — Debian's `node-*` packages ship npm modules in
//! `/usr/share/nodejs` (the record is their package.json), its `python3-*`
//! packages Python distributions (their METADATA), its `ruby-*` packages
//! gems (their gemspec), a runtime's package its `.deps.json` — and a
//! runtime or server recognised in its bytes that a package database owns
//! is that package, not a second one (syft drops it the same way). Paths
//! are compared after the image's links resolve (`/bin` is `/usr/bin` on a
//! merged-/usr system).

use std::collections::{BTreeSet, HashMap};

use tallyman_catalogers::{ImageFiles, Metadata, PackageType, RelationshipKind};
use tallyman_sbom::{Edge, ScannedPackage};

/// The id of the OS package that owns each path, resolved through the
/// image's links.
fn owners<'a>(packages: &'a [ScannedPackage], view: &ImageFiles) -> HashMap<String, &'a str> {
    let mut owner = HashMap::new();
    for scanned in packages {
        if scanned.package.kind.is_distro_package() {
            for file in &scanned.package.files {
                owner.insert(resolved(view, &file.path), scanned.id.as_str());
            }
        }
    }
    owner
}

/// An absolute path as the image resolves it (itself when a link is broken).
fn resolved(view: &ImageFiles, path: &str) -> String {
    let relative = path.trim_start_matches('/');
    view.resolve(relative)
        .unwrap_or_else(|| relative.to_owned())
}

/// Takes the files an OS package owns out of the packages recognised in
/// binaries (their locations and evidence: Debian's `/usr/bin/php8.2` is
/// php8.2-cli's, while its copy in `/usr/local/bin` is no one's), and drops
/// the packages left with no file, with their edges. A package whose first
/// file went is introduced by the layer of the file now first.
pub fn drop_owned_binaries(
    packages: &mut Vec<ScannedPackage>,
    relationships: &mut Vec<Edge>,
    view: &ImageFiles,
) {
    let owned: BTreeSet<String> = owners(packages, view).into_keys().collect();
    let is_owned = |path: &str| owned.contains(&resolved(view, path));
    let mut dropped = BTreeSet::new();
    for scanned in packages.iter_mut() {
        let Metadata::Binary(binary) = &mut scanned.package.metadata else {
            continue;
        };
        if !binary.evidence.iter().any(|path| is_owned(path)) {
            continue;
        }
        binary.evidence.retain(|path| !is_owned(path));
        scanned.package.locations.retain(|l| !is_owned(&l.path));
        let evidence_left = !binary.evidence.is_empty();
        match scanned.package.primary_location() {
            Some(primary) if evidence_left => scanned.layer = primary.layer,
            _ => {
                dropped.insert(scanned.id.clone());
            }
        }
    }
    if dropped.is_empty() {
        return;
    }
    packages.retain(|p| !dropped.contains(&p.id));
    relationships.retain(|e| !dropped.contains(&e.from) && !dropped.contains(&e.to));
}

/// `contains` edges from OS packages to the packages whose record they own.
pub fn os_package_contents(packages: &[ScannedPackage], view: &ImageFiles) -> Vec<Edge> {
    let owner = owners(packages, view);
    packages
        .iter()
        .filter(|p| match &p.package.metadata {
            // An archive's own package, not what is nested in it.
            Metadata::Java(java) => !java.virtual_path.contains(':'),
            _ => matches!(
                p.package.kind,
                PackageType::Npm
                    | PackageType::Python
                    | PackageType::Gem
                    | PackageType::Composer
                    | PackageType::DotNet
                    | PackageType::Conda
            ),
        })
        .filter_map(|p| {
            let record = p.package.primary_location()?;
            let from = owner.get(&resolved(view, &record.path))?;
            Some(Edge {
                from: (*from).to_owned(),
                to: p.id.clone(),
                kind: RelationshipKind::Contains,
            })
        })
        .collect()
}
