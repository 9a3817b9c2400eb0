//! The conda cataloger: the packages linked into conda environments, one
//! record each in the environment's `conda-meta/` ([`record`]), whichever
//! tool made it (conda, mamba, micromamba, pixi); the environment is the
//! directory holding `conda-meta` (`/opt/conda`, `/opt/conda/envs/app`).
//!
//! As syft writes them: type `conda`, the record's name and version, its
//! license, and no purl (syft's conda cataloger sets none). The files each
//! record lists become the package's files, with their SHA-256 (skipped
//! when [`Environment::without_owned_files`]). `depends` gives the edges,
//! to the package of that name in the same environment; virtual packages
//! (`__glibc`) and packages not installed there have none.
//!
//! Python packages conda installs also have a `*.dist-info` in the
//! environment's `site-packages`, which the Python cataloger reports as
//! well (syft does the same: both packages, no link between them in an
//! image; the conda record's file list names that `dist-info`). A
//! `conda-meta` inside an installed package (test data in a
//! `site-packages`, a `node_modules`) is no environment.

mod record;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::installed::inside_installed_package;
use crate::model::{Catalog, Relationship};
use crate::view::ImageFiles;
use crate::{Cataloger, Environment};

/// Finds the packages of conda environments.
pub struct CondaCataloger;

impl Cataloger for CondaCataloger {
    fn name(&self) -> &'static str {
        "conda"
    }

    fn version(&self) -> u32 {
        1
    }

    fn patterns(&self) -> &'static [&'static str] {
        &["**/conda-meta/*.json"]
    }

    fn catalog(&self, files: &ImageFiles, env: &Environment) -> Catalog {
        let mut catalog = Catalog::default();
        // Each environment's packages by name, and what each depends on.
        let mut environments: BTreeMap<String, HashMap<String, usize>> = BTreeMap::new();
        let mut wanted: Vec<(usize, String, Vec<String>)> = Vec::new();
        for file in files.files() {
            let Some((meta_dir, name)) = file.path.rsplit_once('/') else {
                continue;
            };
            let Some(env_dir) = meta_dir
                .strip_suffix("conda-meta")
                .filter(|d| d.is_empty() || d.ends_with('/'))
                .map(|d| d.trim_end_matches('/'))
            else {
                continue;
            };
            if !name.ends_with(".json") || inside_installed_package(env_dir) {
                continue;
            }
            let environment = format!("/{env_dir}");
            match record::read(
                file.content,
                &environment,
                file.location(),
                !env.without_owned_files,
            ) {
                Ok(read) => {
                    let index = catalog.packages.len();
                    environments
                        .entry(environment.clone())
                        .or_default()
                        .entry(read.package.name.to_ascii_lowercase())
                        .or_insert(index);
                    wanted.push((index, environment, read.depends));
                    catalog.packages.push(read.package);
                }
                Err(why) => catalog
                    .warnings
                    .push(format!("{}: {why}; skipped", file.absolute_path())),
            }
        }
        let mut edges = BTreeSet::new();
        for (from, environment, depends) in wanted {
            let Some(installed) = environments.get(&environment) else {
                continue;
            };
            for name in depends {
                if let Some(&to) = installed.get(&name.to_ascii_lowercase()) {
                    if to != from {
                        edges.insert((from, to));
                    }
                }
            }
        }
        catalog.relationships = Relationship::depends_on_all(edges);
        catalog
    }

    fn one_record_per_package(&self) -> bool {
        true
    }
}
