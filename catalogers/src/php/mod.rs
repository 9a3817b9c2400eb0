//! The php-composer cataloger: PHP packages Composer installed, and the
//! lockfiles of projects that have none installed.
//!
//! - Installed: `<vendor-dir>/composer/installed.json` ([`parse`]), of
//!   Composer 1 or 2; Composer 2's `dev-package-names` are development
//!   packages. Any vendor directory name is found (`vendor`, Nextcloud's
//!   `3rdparty`), but not one inside another installed package.
//! - `composer.lock` (`packages`, `packages-dev`) for a project with no
//!   installed vendor directory: skipped when an `installed.json` lies under
//!   its directory, when the project is inside an installed package, or when
//!   every runtime package it locks is installed elsewhere in the image.
//! - Development packages are left out unless
//!   [`Environment::include_dev`] asks for them (then marked `dev`).
//! - Edges: `require`, platform requirements aside ([`dependency`]).

mod dependency;
mod package;
pub mod parse;
#[cfg(test)]
mod tests;

use std::collections::BTreeSet;

use crate::installed::inside_installed_package;
use crate::model::Catalog;
use crate::view::{FileRef, ImageFiles};
use crate::{Cataloger, Environment};

use parse::{Entry, Parsed};

/// Finds PHP packages Composer installed or locked.
pub struct ComposerCataloger;

const INSTALLED: &str = "installed.json";
const LOCKFILE: &str = "composer.lock";

impl Cataloger for ComposerCataloger {
    fn name(&self) -> &'static str {
        "php-composer"
    }

    fn version(&self) -> u32 {
        1
    }

    fn patterns(&self) -> &'static [&'static str] {
        &["**/composer/installed.json", "**/composer.lock"]
    }

    fn catalog(&self, files: &ImageFiles, env: &Environment) -> Catalog {
        let mut catalog = Catalog::default();
        let mut installed_files: Vec<&str> = Vec::new();
        let mut lockfiles = Vec::new();
        for file in files.files() {
            let (dir, base) = split(file.path);
            if base == INSTALLED && (dir == "composer" || dir.ends_with("/composer")) {
                installed_files.push(file.path);
                let vendor_dir = split(dir).0;
                // A vendor directory shipped inside an installed package.
                if inside_installed_package(split(vendor_dir).0) {
                    continue;
                }
                let Some(parsed) = read(&mut catalog, &file, parse::parse_installed) else {
                    continue;
                };
                add(&mut catalog, env, &file, &parsed, |entry| {
                    Some(install_path(dir, entry))
                });
            } else if base == LOCKFILE {
                lockfiles.push(file);
            }
        }
        let installed: BTreeSet<String> = catalog.packages.iter().map(|p| p.name.clone()).collect();
        for file in lockfiles {
            let dir = split(file.path).0;
            let under = |path: &str| dir.is_empty() || path.starts_with(&format!("{dir}/"));
            if inside_installed_package(dir) || installed_files.iter().any(|p| under(p)) {
                continue;
            }
            let Some(parsed) = read(&mut catalog, &file, parse::parse_lock) else {
                continue;
            };
            let runtime: Vec<&Entry> = parsed.entries.iter().filter(|e| !e.dev).collect();
            if !runtime.is_empty() && runtime.iter().all(|e| installed.contains(&e.name)) {
                continue;
            }
            add(&mut catalog, env, &file, &parsed, |_| None);
        }
        catalog
    }
}

/// The path's directory and file name.
fn split(path: &str) -> (&str, &str) {
    path.rsplit_once('/').unwrap_or(("", path))
}

/// Parses `file` with `parser`; problems become warnings.
fn read(
    catalog: &mut Catalog,
    file: &FileRef<'_>,
    parser: fn(&[u8]) -> Result<Parsed, String>,
) -> Option<Parsed> {
    match parser(file.content) {
        Ok(parsed) => {
            if parsed.skipped > 0 {
                catalog.warnings.push(format!(
                    "{}: {} package entries without a name and a version; skipped",
                    file.absolute_path(),
                    parsed.skipped
                ));
            }
            Some(parsed)
        }
        Err(why) => {
            catalog.warnings.push(format!(
                "{}: not a readable Composer file ({why}); skipped",
                file.absolute_path()
            ));
            None
        }
    }
}

/// Adds the entries of one file (development ones only when asked for)
/// and the edges between them.
fn add(
    catalog: &mut Catalog,
    env: &Environment,
    file: &FileRef<'_>,
    parsed: &Parsed,
    install_path: impl Fn(&Entry) -> Option<String>,
) {
    let mut kept = Vec::new();
    for entry in parsed.entries.iter().filter(|e| env.include_dev || !e.dev) {
        kept.push((entry, catalog.packages.len()));
        catalog.packages.push(package::from_entry(
            entry,
            install_path(entry),
            file.location(),
        ));
    }
    catalog.relationships.extend(dependency::edges(&kept));
}

/// Where an installed package is, absolute: Composer 2's `install-path`
/// (relative to `<vendor-dir>/composer`), else `<vendor-dir>/<name>`.
fn install_path(composer_dir: &str, entry: &Entry) -> String {
    let relative = match &entry.install_path {
        Some(path) => path.clone(),
        None => format!("../{}", entry.name),
    };
    crate::view::absolute(composer_dir, &relative)
}
