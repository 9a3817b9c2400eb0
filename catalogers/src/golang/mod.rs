//! The Go cataloger: the modules compiled into Go binaries (Go 1.18 and
//! later), from the build information the layer reader sniffs out of every
//! executable as it streams past ([`buildinfo::SNIFF`]) — the binary's
//! bytes are never kept.
//!
//! Each binary gives its main module (a `(devel)` build gets the version
//! its linker flags stamped, else a pseudo-version from its VCS stamp, else
//! none: `version.rs`), every `dep` as built (a `=>` replacement stands for
//! what it replaced) with its `h1:` sum, and the Go toolchain as
//! `pkg:golang/stdlib@<version>`, the main module depending on the others;
//! purls as syft writes them.
//! Build settings (GOOS, GOARCH, CGO_ENABLED, vcs.revision, -tags) go into
//! the metadata. A binary from before Go 1.18, and an executable packed by
//! UPX (its build information compressed out of reach, [`sniff::UPX`]), is
//! one warning and no package.

pub mod buildinfo;
#[cfg(test)]
mod tests;
mod version;

use crate::model::{
    purl_encode, Catalog, GoMetadata, Metadata, Package, PackageType, Relationship,
};
use crate::sniff::{self, Sniff};
use crate::view::{FileRef, ImageFiles};
use crate::{Cataloger, Environment};

use buildinfo::{BuildInfo, Module, Unreadable};

/// Finds the modules of Go binaries.
pub struct GoCataloger;

impl Cataloger for GoCataloger {
    fn name(&self) -> &'static str {
        "go"
    }

    fn version(&self) -> u32 {
        2
    }

    fn patterns(&self) -> &'static [&'static str] {
        &[]
    }

    fn sniffs(&self) -> &'static [Sniff] {
        &[buildinfo::SNIFF, sniff::UPX]
    }

    fn catalog(&self, files: &ImageFiles, _env: &Environment) -> Catalog {
        let mut catalog = Catalog::default();
        for file in files.files() {
            for window in sniff::windows(file.content) {
                if window.starts_with(sniff::UPX_MAGIC) {
                    catalog.warnings.push(format!(
                        "{}: an executable packed by UPX; a Go or Rust module list inside it cannot be read; skipped",
                        file.absolute_path()
                    ));
                    continue;
                }
                if !window.starts_with(buildinfo::MAGIC) {
                    continue;
                }
                match buildinfo::parse(window) {
                    Ok(info) => add_binary(&mut catalog, &file, &info),
                    Err(Unreadable::Old) => catalog.warnings.push(format!(
                        "{}: a Go binary built before Go 1.18 carries no module list; skipped",
                        file.absolute_path()
                    )),
                    Err(Unreadable::Corrupt(why)) => catalog.warnings.push(format!(
                        "{}: damaged Go build information ({why}); skipped",
                        file.absolute_path()
                    )),
                }
            }
        }
        catalog
    }

    fn one_record_per_package(&self) -> bool {
        true
    }
}

fn add_binary(catalog: &mut Catalog, file: &FileRef<'_>, info: &BuildInfo) {
    let location = file.location();
    let metadata = |module: Option<&Module>| {
        Metadata::Go(GoMetadata {
            go_version: info.go_version.clone(),
            main_module: info.main.as_ref().map(|m| m.path.clone()),
            h1_digest: module.and_then(|m| m.sum.clone()),
            build_settings: info.settings.iter().cloned().collect(),
        })
    };
    let arch = info
        .settings
        .iter()
        .find(|(k, _)| k == "GOARCH")
        .map(|(_, v)| v.clone());
    let package = |name: &str, version: &str, purl: Option<String>, module: Option<&Module>| {
        // No supplier: build info records a module's path, version and sum,
        // no author (a path's host and owner are not a supplier's name).
        let mut package = Package::bare(
            PackageType::Go,
            name.to_owned(),
            version.to_owned(),
            purl,
            location.clone(),
            metadata(module),
        );
        package.arch = arch.clone();
        package
    };
    let first = catalog.packages.len();
    let main = info.main.as_ref().map(|m| {
        let version = match m.version.as_str() {
            "(devel)" => version::devel_version(info, &m.path).unwrap_or_default(),
            version => version.to_owned(),
        };
        let mut p = package(&m.path, &version, purl(&m.path, &version), Some(m));
        p.application = true;
        p
    });
    let has_main = main.is_some();
    catalog.packages.extend(main);
    for dep in &info.deps {
        catalog.packages.push(package(
            &dep.path,
            &dep.version,
            purl(&dep.path, &dep.version),
            Some(dep),
        ));
    }
    if !info.go_version.is_empty() {
        let version = info.go_version.trim_start_matches("go");
        catalog.packages.push(package(
            "stdlib",
            &info.go_version,
            purl("stdlib", version),
            None,
        ));
    }
    if has_main {
        let last = catalog.packages.len();
        catalog.relationships.extend(Relationship::depends_on_all(
            (first + 1..last).map(|to| (first, to)),
        ));
    }
}

/// The purl syft writes for a module, which grype matches on: the first two
/// path segments the namespace, the third the name, the rest a subpath
/// (`pkg:golang/github.com/Azure/azure-sdk-for-go@v1.17.0#sdk/azcore`),
/// case kept. Built here because the `packageurl` crate lowercases golang
/// names. Local replacements (`../lib`) have none.
fn purl(path: &str, version: &str) -> Option<String> {
    if path.is_empty() || path.starts_with('.') || path.starts_with('/') {
        return None;
    }
    let segments: Vec<&str> = path.split('/').collect();
    let (coordinates, subpath) = segments.split_at(segments.len().min(3));
    let mut purl = format!(
        "pkg:golang/{}",
        coordinates
            .iter()
            .map(|s| purl_encode(s))
            .collect::<Vec<_>>()
            .join("/")
    );
    if !version.is_empty() {
        purl.push('@');
        purl.push_str(&purl_encode(version));
    }
    if !subpath.is_empty() {
        purl.push('#');
        purl.push_str(
            &subpath
                .iter()
                .map(|s| purl_encode(s))
                .collect::<Vec<_>>()
                .join("/"),
        );
    }
    Some(purl)
}
