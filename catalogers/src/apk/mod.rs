//! The apk cataloger: Alpine (and Wolfi, postmarketOS…) packages from apk's
//! installed database, with owned files (`Q1` sha1 digests as hex), licenses
//! (an SPDX expression, or else the words of `L:`), and edges from `D:`
//! matched against package names and `p:` provides (`so:…`, `cmd:…`, `/bin/sh`).

mod parse;

use std::collections::{BTreeSet, HashMap};

use packageurl::PackageUrl;

use crate::distro::Distro;
use crate::license::{spdx_expression, License};
use crate::model::{ApkMetadata, Catalog, Location, Metadata, Package, PackageType, Relationship};
use crate::view::ImageFiles;
use crate::{Cataloger, Environment};

use parse::{constraint_name, parse_installed, ApkRecord};

const DATABASES: &[&str] = &["lib/apk/db/installed", "usr/lib/apk/db/installed"];

/// Finds apk packages.
pub struct ApkCataloger;

impl Cataloger for ApkCataloger {
    fn name(&self) -> &'static str {
        "apk"
    }

    fn version(&self) -> u32 {
        1
    }

    fn patterns(&self) -> &'static [&'static str] {
        DATABASES
    }

    fn catalog(&self, files: &ImageFiles, env: &Environment) -> Catalog {
        let mut catalog = Catalog::default();
        let mut seen_paths = BTreeSet::new();
        for path in DATABASES {
            let Some(db) = files.read(path) else { continue };
            if !seen_paths.insert(db.path.to_owned()) {
                continue; // usr/lib/apk linked to lib/apk: one database
            }
            let (records, bad) = parse_installed(db.content);
            for problem in bad {
                catalog.warnings.push(format!(
                    "{}: line {}: skipped a record: {}",
                    db.absolute_path(),
                    problem.line,
                    problem.reason
                ));
            }
            let location = db.location();
            for record in records {
                catalog
                    .packages
                    .push(package(record, location.clone(), env.distro.as_ref()));
            }
        }
        catalog.relationships = dependency_edges(&catalog.packages);
        catalog
    }
}

fn package(record: ApkRecord, location: Location, distro: Option<&Distro>) -> Package {
    let licenses = match &record.license {
        Some(value) => match spdx_expression(value) {
            Some(spdx) => vec![License {
                value: value.clone(),
                spdx: Some(spdx),
            }],
            None => value.split_whitespace().map(License::new).collect(),
        },
        None => Vec::new(),
    };
    let purl = distro.and_then(|d| purl(d, &record));
    Package {
        kind: PackageType::Apk,
        purl,
        cpes: Vec::new(),
        licenses,
        supplier: record.maintainer,
        copyright: None,
        description: record.description,
        homepage: record.url,
        locations: vec![location],
        files: record.files,
        application: false,
        metadata: Metadata::Apk(ApkMetadata {
            origin: record.origin,
            size: record.size,
            installed_size: record.installed_size,
            depends: record.depends,
            provides: record.provides,
            checksum: record.checksum,
            commit: record.commit,
        }),
        name: record.name,
        version: record.version,
        arch: record.arch,
    }
}

/// `pkg:apk/alpine/NAME@VERSION?arch=…&distro=alpine-3.23.6[&upstream=ORIGIN]`.
fn purl(distro: &Distro, record: &ApkRecord) -> Option<String> {
    let mut purl = PackageUrl::new("apk", record.name.as_str()).ok()?;
    purl.with_namespace(distro.id.as_str());
    purl.with_version(record.version.as_str());
    if let Some(arch) = &record.arch {
        purl.add_qualifier("arch", arch.as_str()).ok()?;
    }
    purl.add_qualifier("distro", distro.purl_qualifier()).ok()?;
    if let Some(origin) = record.origin.as_ref().filter(|o| **o != record.name) {
        purl.add_qualifier("upstream", origin.as_str()).ok()?;
    }
    Some(purl.to_string())
}

fn dependency_edges(packages: &[Package]) -> Vec<Relationship> {
    let mut providers: HashMap<&str, Vec<usize>> = HashMap::new();
    for (index, package) in packages.iter().enumerate() {
        providers
            .entry(package.name.as_str())
            .or_default()
            .push(index);
        for provided in apk_metadata(package)
            .map(|m| m.provides.as_slice())
            .unwrap_or_default()
        {
            providers
                .entry(constraint_name(provided))
                .or_default()
                .push(index);
        }
    }
    let mut edges = BTreeSet::new();
    for (from, package) in packages.iter().enumerate() {
        for entry in apk_metadata(package)
            .map(|m| m.depends.as_slice())
            .unwrap_or_default()
        {
            if entry.starts_with('!') {
                continue; // a conflict, not a dependency
            }
            for &to in providers.get(constraint_name(entry)).into_iter().flatten() {
                if to != from {
                    edges.insert((from, to));
                }
            }
        }
    }
    Relationship::depends_on_all(edges)
}

#[cfg(test)]
mod tests;

fn apk_metadata(package: &Package) -> Option<&ApkMetadata> {
    match &package.metadata {
        Metadata::Apk(m) => Some(m),
        _ => None,
    }
}
