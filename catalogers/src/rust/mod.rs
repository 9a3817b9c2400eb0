//! The Rust cataloger: the crates compiled into binaries built with `cargo
//! auditable`, which embeds them as zlib-compressed JSON in a `.dep-v0` ELF
//! section. The section table sits at the end of the file, past the section
//! itself, so instead of keeping a binary until its table is read, the layer
//! reader looks for the section's content as the bytes stream by: a zlib
//! header ([`SNIFFS`]) whose stream inflates to `{"packages":[`; only that
//! stream is kept.
//!
//! Each crate gives `pkg:cargo/<name>@<version>` with its source
//! (`crates.io`, `git`, `local`, …) and kind (runtime or build), and edges
//! from its `dependencies`; the `root` crate is the application.
//!
//! A source tree's `Cargo.lock` (a `dir:` scan of a checkout, an image that
//! ships the source) gives its crates the same way ([`lockfile`]); the locks
//! inside cargo's own download caches (`.cargo/registry`, `.cargo/git`)
//! belong to other projects and are not read.

mod lockfile;
#[cfg(test)]
mod tests;

use std::io::Read;

use flate2::{Decompress, FlushDecompress, Status};
use serde::Deserialize;

use crate::model::{Catalog, Metadata, Package, PackageType, Relationship, RustMetadata};
use crate::sniff::{self, Sniff, Target, WindowLength};
use crate::view::{FileRef, ImageFiles};
use crate::{Cataloger, Environment};

/// What the JSON starts with.
const PREFIX: &[u8] = br#"{"packages":["#;
/// The most a `.dep-v0` stream may take, compressed.
const MAX_SECTION: usize = 1 << 20;

/// zlib headers at every compression level cargo auditable may use.
pub const SNIFFS: [Sniff; 4] = [
    sniff("cargo-auditable-7801", b"\x78\x01"),
    sniff("cargo-auditable-785e", b"\x78\x5e"),
    sniff("cargo-auditable-789c", b"\x78\x9c"),
    sniff("cargo-auditable-78da", b"\x78\xda"),
];

const fn sniff(name: &'static str, magic: &'static [u8]) -> Sniff {
    Sniff {
        name,
        magic,
        align: 1,
        within: u64::MAX,
        max_window: MAX_SECTION,
        length: stream_length,
        target: Target::Executables,
        max_windows: 1,
    }
}

/// How long the zlib stream at the start of `window` is, if it inflates to
/// cargo auditable's JSON: rejected as soon as its first bytes are not.
fn stream_length(window: &[u8]) -> WindowLength {
    let mut inflater = Decompress::new(true);
    let mut out = vec![0u8; 16 * 1024];
    let mut head: Vec<u8> = Vec::with_capacity(PREFIX.len());
    loop {
        let (in_before, out_before) = (inflater.total_in(), inflater.total_out());
        let status = inflater.decompress(
            &window[in_before as usize..],
            &mut out,
            FlushDecompress::None,
        );
        let produced = (inflater.total_out() - out_before) as usize;
        if head.len() < PREFIX.len() {
            let take = produced.min(PREFIX.len() - head.len());
            head.extend_from_slice(&out[..take]);
            if !PREFIX.starts_with(&head) {
                return WindowLength::Reject;
            }
        }
        let consumed = inflater.total_in() as usize;
        match status {
            Ok(Status::StreamEnd) if head.len() == PREFIX.len() => {
                return WindowLength::Total(consumed)
            }
            Ok(Status::StreamEnd) | Err(_) => return WindowLength::Reject,
            Ok(_) if consumed >= window.len() => return WindowLength::NeedMore,
            Ok(_) if produced == 0 && consumed as u64 == in_before => return WindowLength::Reject,
            Ok(_) => {}
        }
    }
}

/// Finds the crates of `cargo auditable` binaries.
pub struct RustCataloger;

impl Cataloger for RustCataloger {
    fn name(&self) -> &'static str {
        "rust"
    }

    fn version(&self) -> u32 {
        1
    }

    fn patterns(&self) -> &'static [&'static str] {
        &["**/Cargo.lock"]
    }

    fn sniffs(&self) -> &'static [Sniff] {
        &SNIFFS
    }

    fn catalog(&self, files: &ImageFiles, _env: &Environment) -> Catalog {
        let mut catalog = Catalog::default();
        for file in files.files() {
            if file.path.ends_with("Cargo.lock")
                && (file.path == "Cargo.lock" || file.path.ends_with("/Cargo.lock"))
            {
                add_lockfile(&mut catalog, &file);
                continue;
            }
            for window in sniff::windows(file.content) {
                if !SNIFFS.iter().any(|s| window.starts_with(s.magic)) {
                    continue;
                }
                match read_dependencies(window) {
                    Ok(info) => add_binary(&mut catalog, &file, info),
                    Err(why) => catalog.warnings.push(format!(
                        "{}: damaged cargo auditable data ({why}); skipped",
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

#[derive(Deserialize)]
struct VersionInfo {
    packages: Vec<Crate>,
}

#[derive(Deserialize)]
struct Crate {
    name: String,
    version: String,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    dependencies: Vec<usize>,
    #[serde(default)]
    root: bool,
}

/// The crates of a source tree's Cargo.lock.
fn add_lockfile(catalog: &mut Catalog, file: &FileRef<'_>) {
    let dir = file.path.rsplit_once('/').map_or("", |(dir, _)| dir);
    if crate::installed::inside_installed_package(dir) {
        return;
    }
    let (crates, edges) = match lockfile::read(&String::from_utf8_lossy(file.content)) {
        Ok(read) => read,
        Err(why) => {
            catalog.warnings.push(format!(
                "{}: not a readable Cargo.lock ({why}); skipped",
                file.absolute_path()
            ));
            return;
        }
    };
    let first = catalog.packages.len();
    for krate in crates {
        let source = match krate.source.as_deref() {
            None => "local",
            Some(s) if s.contains("crates.io-index") || s.starts_with("sparse+") => "crates.io",
            Some(s) if s.starts_with("git+") => "git",
            Some(_) => "registry",
        };
        catalog.packages.push(crate_package(
            krate.name,
            krate.version,
            source.to_owned(),
            None,
            krate.source.is_none(),
            file,
        ));
    }
    catalog.relationships.extend(Relationship::depends_on_all(
        edges
            .into_iter()
            .map(|(from, to)| (first + from, first + to)),
    ));
}

fn read_dependencies(stream: &[u8]) -> Result<VersionInfo, String> {
    let mut json = Vec::new();
    flate2::read::ZlibDecoder::new(stream)
        .take(16 << 20)
        .read_to_end(&mut json)
        .map_err(|e| format!("zlib: {e}"))?;
    serde_json::from_slice(&json).map_err(|e| format!("JSON: {e}"))
}

fn add_binary(catalog: &mut Catalog, file: &FileRef<'_>, info: VersionInfo) {
    let first = catalog.packages.len();
    let count = info.packages.len();
    let mut edges = Vec::new();
    for (index, krate) in info.packages.into_iter().enumerate() {
        edges.extend(
            krate
                .dependencies
                .iter()
                .filter(|&&to| to < count && to != index)
                .map(|&to| (first + index, first + to)),
        );
        catalog.packages.push(crate_package(
            krate.name,
            krate.version,
            krate.source.unwrap_or_default(),
            krate.kind,
            krate.root,
            file,
        ));
    }
    catalog
        .relationships
        .extend(Relationship::depends_on_all(edges));
}

/// A crate found in `file` (a binary or a Cargo.lock).
fn crate_package(
    name: String,
    version: String,
    source: String,
    kind: Option<String>,
    application: bool,
    file: &FileRef<'_>,
) -> Package {
    let purl = packageurl::PackageUrl::new("cargo", name.as_str())
        .ok()
        .map(|mut purl| {
            purl.with_version(version.as_str());
            purl.to_string()
        });
    // No supplier: neither `cargo auditable` data nor a Cargo.lock records
    // a crate's authors (only name, version, source, kind, dependencies).
    let mut package = Package::bare(
        PackageType::Rust,
        name,
        version,
        purl,
        file.location(),
        Metadata::Rust(RustMetadata {
            source: Some(source).filter(|s| !s.is_empty()),
            kind,
        }),
    );
    package.application = application;
    package
}
