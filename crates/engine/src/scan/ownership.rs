//! What the OS package databases say about the packages other catalogers
//! found: a deb (or rpm, apk) whose file list holds the record of another
//! package contains it — Debian's `node-*` packages ship npm modules in
//! `/usr/share/nodejs` (the record is their package.json), its `python3-*`
//! packages Python distributions (their METADATA), its `ruby-*` packages
//! gems (their gemspec), a runtime's package its `.deps.json` — and a file
//! recognised as a runtime that a package database owns is that package's,
//! not evidence of a second one (syft drops such matches the same way).
//! Paths are compared after the image's links resolve (`/bin` is `/usr/bin`
//! on a merged-/usr system); directories are resolved once each, since an
//! image's hundred thousand owned files live in a few thousand of them.

use std::collections::{BTreeSet, HashMap};

use tallyman_catalogers::{ImageFiles, Metadata, PackageType, RelationshipKind};
use tallyman_sbom::{Edge, ScannedPackage};

/// Adds the `contains` edges from OS packages to the packages whose record
/// they own, then takes owned files out of the packages recognised in
/// binaries: a package left with no file is dropped with its edges, and
/// one whose first file went is introduced by the layer of the file now
/// first (Debian's `/usr/bin/php8.2` is php8.2-cli's; its copy in
/// `/usr/local/bin` is no one's, a `php-cli` package of the copy's layer).
/// `links` needs only the image's symbolic links.
pub fn settle(
    packages: &mut Vec<ScannedPackage>,
    relationships: &mut Vec<Edge>,
    links: &ImageFiles,
) {
    let mut resolver = Resolver {
        links,
        directories: HashMap::new(),
    };
    let mut owner: HashMap<String, usize> = HashMap::new();
    for (index, scanned) in packages.iter().enumerate() {
        if scanned.package.kind.is_distro_package() {
            for file in &scanned.package.files {
                owner.insert(resolver.resolve(&file.path), index);
            }
        }
    }
    relationships.extend(contents(packages, &owner, &mut resolver));

    let mut dropped = BTreeSet::new();
    for scanned in packages.iter_mut() {
        let Metadata::Binary(binary) = &mut scanned.package.metadata else {
            continue;
        };
        let mut is_owned = |path: &str| owner.contains_key(&resolver.resolve(path));
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
    if !dropped.is_empty() {
        packages.retain(|p| !dropped.contains(&p.id));
        relationships.retain(|e| !dropped.contains(&e.from) && !dropped.contains(&e.to));
    }
}

/// `contains` edges from the OS package owning each language package's
/// record (`owner`: resolved path → index in `packages`).
fn contents(
    packages: &[ScannedPackage],
    owner: &HashMap<String, usize>,
    resolver: &mut Resolver<'_>,
) -> Vec<Edge> {
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
            let from = *owner.get(&resolver.resolve(&record.path))?;
            Some(Edge {
                from: packages[from].id.clone(),
                to: p.id.clone(),
                kind: RelationshipKind::Contains,
            })
        })
        .collect()
}

/// Absolute paths as the image resolves them, each directory looked up once.
struct Resolver<'a> {
    links: &'a ImageFiles,
    /// A directory as written → as resolved (relative, no leading `/`).
    directories: HashMap<String, String>,
}

impl Resolver<'_> {
    /// `path` with its directory's links followed, and its last component's
    /// too when it is itself a link (itself where a link is broken).
    fn resolve(&mut self, path: &str) -> String {
        let relative = path.trim_start_matches('/');
        let (directory, name) = relative.rsplit_once('/').unwrap_or(("", relative));
        let links = self.links;
        let directory = self
            .directories
            .entry(directory.to_owned())
            .or_insert_with(|| {
                links
                    .resolve(directory)
                    .unwrap_or_else(|| directory.to_owned())
            });
        let joined = if directory.is_empty() {
            name.to_owned()
        } else {
            format!("{directory}/{name}")
        };
        if links.is_symlink(&joined) {
            links.resolve(&joined).unwrap_or(joined)
        } else {
            joined
        }
    }
}
