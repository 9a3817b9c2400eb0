//! The .NET cataloger: applications by their `*.deps.json`, source trees by
//! NuGet's `packages.lock.json`, and the shared runtimes installed beside a
//! `dotnet` host.
//!
//! - `**/*.deps.json` ([`deps_json`]): the application (its own project)
//!   and the NuGet packages, runtime packs and references it was built
//!   with, `pkg:nuget/<Name>@<Version>` (the name's case kept), with their
//!   `sha512`, `path` and edges.
//! - `**/packages.lock.json` ([`lockfile`]): the packages locked for each
//!   target framework; not inside an installed package (a NuGet cache, a
//!   package's sources).
//! - `**/shared/Microsoft.*.App/<version>/` ([`runtime`]): one package per
//!   shared framework (`Microsoft.NETCore.App`, `Microsoft.AspNetCore.App`)
//!   from its `.version` and its own deps.json, which describes the
//!   framework and is not read as an application. No purl (syft writes
//!   none for a runtime); syft's CPEs.
//!
//! Every application depends on every runtime found (the shared ones and
//! the runtime packs), as syft relates them.

mod deps_json;
mod lockfile;
mod runtime;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use packageurl::PackageUrl;

use crate::installed::inside_installed_package;
use crate::model::{Catalog, Relationship};
use crate::view::ImageFiles;
use crate::{Cataloger, Environment};

use runtime::SharedFramework;

/// Finds .NET applications, locked projects and runtimes.
pub struct DotNetCataloger;

const PATTERNS: &[&str] = &[
    "**/*.deps.json",
    "**/packages.lock.json",
    "**/shared/Microsoft.*.App/*/.version",
];

impl Cataloger for DotNetCataloger {
    fn name(&self) -> &'static str {
        "dotnet"
    }

    fn version(&self) -> u32 {
        1
    }

    fn patterns(&self) -> &'static [&'static str] {
        PATTERNS
    }

    fn catalog(&self, files: &ImageFiles, _env: &Environment) -> Catalog {
        let mut catalog = Catalog::default();
        let mut frameworks: BTreeMap<(&str, &str, &str), SharedFramework<'_>> = BTreeMap::new();
        let mut roots = Vec::new();
        let mut runtimes = Vec::new();
        for file in files.files() {
            let (dir, name) = file.path.rsplit_once('/').unwrap_or(("", file.path));
            if let Some((dir, framework, version, own)) = runtime::shared_framework_file(file.path)
            {
                let found = frameworks.entry((dir, framework, version)).or_default();
                if own == ".version" {
                    found.version_file = Some(file);
                } else {
                    found.deps_json = Some(file);
                }
            } else if name.ends_with(".deps.json") {
                let added = deps_json::add(&mut catalog, &file);
                roots.extend(added.root);
                runtimes.extend(added.runtimes);
            } else if name == "packages.lock.json" && !inside_installed_package(dir) {
                lockfile::add(&mut catalog, &file);
            }
        }
        for ((dir, framework, version), found) in &frameworks {
            match runtime::package(dir, framework, version, found) {
                Ok(package) => {
                    runtimes.push(catalog.packages.len());
                    catalog.packages.push(package);
                }
                Err(warning) => catalog.warnings.push(warning),
            }
        }
        catalog
            .relationships
            .extend(Relationship::depends_on_all(roots.iter().flat_map(
                |&root| {
                    runtimes
                        .iter()
                        .filter(move |&&rt| rt != root)
                        .map(move |&rt| (root, rt))
                },
            )));
        catalog.relationships.sort();
        catalog.relationships.dedup();
        catalog
    }
}

/// `pkg:nuget/<Name>@<Version>`, the name's case kept (NuGet names are
/// case-insensitive; syft keeps them as written).
fn purl(name: &str, version: &str) -> Option<String> {
    let mut purl = PackageUrl::new("nuget", name).ok()?;
    if !version.is_empty() {
        purl.with_version(version);
    }
    Some(purl.to_string())
}
