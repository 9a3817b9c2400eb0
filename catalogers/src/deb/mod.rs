//! The dpkg cataloger: Debian and Ubuntu packages (and opkg's look-alike database).
//!
//! Reads `var/lib/dpkg/status`, the per-package files of distroless images in
//! `var/lib/dpkg/status.d/`, and opkg's `status`; only installed entries count.
//! Owned files come from `info/NAME[:ARCH].md5sums` and conffiles, licenses
//! from the package's DEP-5 `copyright` file (or opkg's `License:` field),
//! copyright notices from that file (DEP-5 or free-form; see [`copyright`]),
//! the supplier from `Maintainer`, and edges from `Depends`/`Pre-Depends`
//! matched against names and `Provides`.

mod copyright;
mod dependency;
mod package;
mod parse;

use std::collections::HashSet;

use crate::model::Catalog;
use crate::view::ImageFiles;
use crate::{Cataloger, Environment};

pub use copyright::{dep5_licenses, parse_copyright, CopyrightFile};
use dependency::dependency_edges;
use package::{package_from_stanza, Database};
use parse::parse_stanzas;

const STATUS: &str = "var/lib/dpkg/status";
const STATUS_D: &str = "var/lib/dpkg/status.d";
const INFO: &str = "var/lib/dpkg/info";
const OPKG_STATUS: &[&str] = &["usr/lib/opkg/status", "var/lib/opkg/status"];

/// Files in `status.d/` that accompany a package's record rather than being one.
const STATUS_D_COMPANIONS: &[&str] = &[
    ".md5sums",
    ".conffiles",
    ".preinst",
    ".postinst",
    ".prerm",
    ".postrm",
    ".list",
    ".shlibs",
    ".symbols",
    ".triggers",
    ".templates",
    ".config",
];

/// Finds dpkg (and opkg) packages.
pub struct DpkgCataloger;

impl Cataloger for DpkgCataloger {
    fn name(&self) -> &'static str {
        "dpkg"
    }

    fn version(&self) -> u32 {
        1
    }

    fn patterns(&self) -> &'static [&'static str] {
        &[
            "var/lib/dpkg/status",
            "var/lib/dpkg/status.d/*",
            "var/lib/dpkg/info/*.md5sums",
            "var/lib/dpkg/info/*.conffiles",
            "usr/share/doc/*/copyright",
            "usr/lib/opkg/status",
            "var/lib/opkg/status",
        ]
    }

    fn catalog(&self, files: &ImageFiles, env: &Environment) -> Catalog {
        let mut catalog = Catalog::default();
        let mut seen = HashSet::new();
        let mut databases = Vec::new();
        if let Some(record) = files.read(STATUS) {
            databases.push(Database {
                record,
                info_dir: INFO.to_owned(),
            });
        }
        for record in files.list_dir(STATUS_D) {
            if !STATUS_D_COMPANIONS
                .iter()
                .any(|ext| record.path.ends_with(ext))
            {
                databases.push(Database {
                    record,
                    info_dir: STATUS_D.to_owned(),
                });
            }
        }
        for path in OPKG_STATUS {
            if let Some(record) = files.read(path) {
                let info_dir = format!("{}/info", path.trim_end_matches("/status"));
                databases.push(Database { record, info_dir });
            }
        }

        for db in &databases {
            let (stanzas, bad) = parse_stanzas(db.record.content);
            for problem in bad {
                catalog.warnings.push(format!(
                    "{}: line {}: skipped a stanza: {}",
                    db.record.absolute_path(),
                    problem.line,
                    problem.reason
                ));
            }
            for stanza in &stanzas {
                let Some(package) = package_from_stanza(
                    stanza,
                    db,
                    files,
                    env.distro.as_ref(),
                    !env.without_owned_files,
                ) else {
                    continue;
                };
                let key = (
                    package.name.clone(),
                    package.arch.clone(),
                    package.version.clone(),
                );
                if seen.insert(key) {
                    catalog.packages.push(package);
                }
            }
        }
        catalog.relationships = dependency_edges(&catalog.packages);
        catalog
    }
}

#[cfg(test)]
mod tests;
