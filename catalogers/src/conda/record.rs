//! One `conda-meta/<name>-<version>-<build>.json`: the record conda (or
//! mamba, pixi, rattler) writes for each package it links into an
//! environment.
//!
//! It names the package (`name`, `version`, `build`, `build_number`), where
//! it came from (`channel`, `subdir`, the archive's `md5` and `sha256`), its
//! `license` (the string `None` when the recipe stated none), what it needs
//! (`depends`: match specs such as `libgcc-ng >=12`, `python_abi 3.12.*
//! *_cp312`, `conda-forge::numpy`) and the files it installed, relative to
//! the environment: `paths_data.paths[]` with each file's SHA-256, else the
//! bare `files` list. A file conda rewrote on linking (a prefix placeholder
//! replaced by the environment's path) is recorded with both its packaged
//! `sha256` and its `sha256_in_prefix`; the latter is the file as installed
//! and is the one kept.

use std::collections::BTreeSet;

use serde::Deserialize;

use crate::license::License;
use crate::model::{
    CondaMetadata, FileDigest, Location, Metadata, OwnedFile, Package, PackageType,
};

#[derive(Deserialize)]
struct Record {
    name: Option<String>,
    version: Option<String>,
    build: Option<String>,
    build_number: Option<u64>,
    channel: Option<String>,
    subdir: Option<String>,
    arch: Option<String>,
    license: Option<String>,
    md5: Option<String>,
    sha256: Option<String>,
    depends: Option<Vec<String>>,
    files: Option<Vec<String>>,
    paths_data: Option<PathsData>,
}

#[derive(Deserialize)]
struct PathsData {
    paths: Option<Vec<PathEntry>>,
}

#[derive(Deserialize)]
struct PathEntry {
    #[serde(rename = "_path")]
    path: Option<String>,
    sha256: Option<String>,
    sha256_in_prefix: Option<String>,
}

/// A record read: its package and the names of what it depends on.
pub struct Read {
    pub package: Package,
    pub depends: Vec<String>,
}

/// Reads the record `content` of environment `environment` (absolute,
/// `/opt/conda`); `Err` says why it is no package record.
pub fn read(
    content: &[u8],
    environment: &str,
    location: Location,
    with_files: bool,
) -> Result<Read, String> {
    let record: Record =
        serde_json::from_slice(content).map_err(|e| format!("not a conda-meta record ({e})"))?;
    let name = record
        .name
        .filter(|n| !n.trim().is_empty())
        .ok_or("a conda-meta record without a package name")?;
    let files = if with_files {
        owned_files(
            environment,
            record.paths_data.and_then(|p| p.paths).unwrap_or_default(),
            record.files.unwrap_or_default(),
        )
    } else {
        Vec::new()
    };
    let depends = record
        .depends
        .unwrap_or_default()
        .iter()
        .filter_map(|spec| spec_name(spec))
        .map(str::to_owned)
        .collect();
    let package = Package {
        kind: PackageType::Conda,
        name,
        version: record.version.unwrap_or_default(),
        arch: record.arch.filter(|a| !a.is_empty()),
        purl: None,
        cpes: Vec::new(),
        licenses: record
            .license
            // Python's `None`, written as a string: no license stated.
            .filter(|l| !l.trim().is_empty() && l.trim() != "None")
            .map(|l| License::new(&l))
            .into_iter()
            .collect(),
        // A conda-meta record names no author or maintainer (the recipe's
        // maintainers stay in the package's `info/about.json`, not kept here).
        supplier: None,
        copyright: None,
        description: None,
        homepage: None,
        locations: vec![location],
        files,
        application: false,
        metadata: Metadata::Conda(CondaMetadata {
            build: record.build.filter(|b| !b.is_empty()),
            build_number: record.build_number,
            channel: record.channel.filter(|c| !c.is_empty()),
            subdir: record.subdir.filter(|s| !s.is_empty()),
            md5: record.md5.filter(|m| !m.is_empty()),
            sha256: record.sha256.filter(|s| !s.is_empty()),
            environment: environment.to_owned(),
        }),
    };
    Ok(Read { package, depends })
}

/// The files of `paths` (with their digests), then those of `files` the
/// former lacks; absolute, sorted, each once.
fn owned_files(environment: &str, paths: Vec<PathEntry>, files: Vec<String>) -> Vec<OwnedFile> {
    let absolute = |relative: &str| {
        let relative = relative.trim_start_matches('/');
        if environment == "/" {
            format!("/{relative}")
        } else {
            format!("{environment}/{relative}")
        }
    };
    let mut seen = BTreeSet::new();
    let mut owned = Vec::new();
    let described = paths.into_iter().filter_map(|entry| {
        let digest = entry
            .sha256_in_prefix
            .as_deref()
            .and_then(sha256_hex)
            .or_else(|| entry.sha256.as_deref().and_then(sha256_hex));
        Some((entry.path?, digest))
    });
    let listed = files.into_iter().map(|path| (path, None));
    for (relative, digest) in described.chain(listed) {
        if relative.is_empty() || !seen.insert(relative.clone()) {
            continue;
        }
        owned.push(OwnedFile {
            path: absolute(&relative),
            digest: digest.map(|value| FileDigest {
                algorithm: "sha256",
                value,
            }),
            ..OwnedFile::default()
        });
    }
    owned.sort();
    owned
}

/// `value` as a lowercase SHA-256 hex digest, if it is one.
fn sha256_hex(value: &str) -> Option<String> {
    (value.len() == 64 && value.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| value.to_ascii_lowercase())
}

/// The package a match spec names: `libgcc-ng` of `libgcc-ng >=12`,
/// `numpy` of `conda-forge/linux-64::numpy[version='>=1.20']`; none for a
/// virtual package (`__glibc >=2.17`).
pub fn spec_name(spec: &str) -> Option<&str> {
    let spec = spec.trim();
    let spec = spec.rsplit_once("::").map_or(spec, |(_, name)| name);
    let end = spec
        .find(|c: char| c.is_whitespace() || "<>=!~[(,|*".contains(c))
        .unwrap_or(spec.len());
    let name = &spec[..end];
    (!name.is_empty() && !name.starts_with("__")).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::spec_name;

    #[test]
    fn names_of_match_specs() {
        for (spec, name) in [
            ("libgcc-ng >=12", Some("libgcc-ng")),
            ("ca-certificates", Some("ca-certificates")),
            ("python_abi 3.12.* *_cp312", Some("python_abi")),
            ("libzlib 1.2.11 h90dfc92_1014", Some("libzlib")),
            ("jupyter_server >=2.4.0,<3", Some("jupyter_server")),
            ("numpy>=1.20", Some("numpy")),
            ("conda-forge::numpy", Some("numpy")),
            (
                "conda-forge/linux-64::numpy[version='>=1.20']",
                Some("numpy"),
            ),
            ("__glibc >=2.17,<3.0.a0", None),
            ("", None),
            (">=1.0", None),
        ] {
            assert_eq!(spec_name(spec), name, "{spec:?}");
        }
    }
}
