//! The RPM cataloger: the packages in an image's rpm database, whichever
//! backend wrote it — SQLite `rpmdb.sqlite` (Fedora ≥ 33, RHEL 9, Amazon
//! Linux 2023, Azure Linux), Berkeley DB `Packages` (RHEL ≤ 8, Amazon Linux
//! 2) or ndb `Packages.db` (SUSE) — in `usr/lib/sysimage/rpm`, `var/lib/rpm`
//! or `usr/share/rpm`; the backend is told by the file's content. Azure Linux
//! distroless images have `var/lib/rpmmanifest/container-manifest-2` instead.
//!
//! Every database value is a package header ([`header`]): name, epoch,
//! version, release, arch, source rpm, license, vendor (the supplier; the
//! packager when no vendor is recorded), size, modularity label, owned files (basenames + dirnames + dirindexes, with their digests
//! and the digest algorithm), and requires/provides, which become edges
//! between installed packages (a requirement met by a package's provides or
//! by a file it owns). purl `pkg:rpm/<distro id>/<name>@<version>-<release>
//! ?arch=…&distro=<id>-<version_id>&epoch=…&upstream=<source rpm>`, as syft
//! writes it (`rhel` as `redhat`, `opensuse-*` as `opensuse`).
//!
//! One database is read per image: a second one is a leftover (rpm reads
//! the one its configuration names), so the preferred backend (SQLite, then
//! ndb, then Berkeley DB) in the preferred directory wins.

mod bdb;
pub mod header;
mod manifest;
mod ndb;
mod sqlite;
#[cfg(test)]
mod tests;

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};

use packageurl::PackageUrl;

use crate::license::License;
use crate::model::{
    Catalog, FileDigest, Metadata, OwnedFile, Package, PackageType, Relationship, RpmMetadata,
};
use crate::view::{FileRef, ImageFiles};
use crate::{Cataloger, Distro, Environment};

use header::{tag, Header};

/// Finds the packages of rpm databases.
pub struct RpmCataloger;

const DIRECTORIES: &[&str] = &["usr/lib/sysimage/rpm", "var/lib/rpm", "usr/share/rpm"];
/// The database files, the preferred backend first.
const DATABASES: &[&str] = &["rpmdb.sqlite", "Packages.db", "Packages"];
const MANIFEST: &str = "var/lib/rpmmanifest/container-manifest-2";

const PATTERNS: &[&str] = &[
    "usr/lib/sysimage/rpm/rpmdb.sqlite",
    "usr/lib/sysimage/rpm/Packages.db",
    "usr/lib/sysimage/rpm/Packages",
    "var/lib/rpm/rpmdb.sqlite",
    "var/lib/rpm/Packages.db",
    "var/lib/rpm/Packages",
    "usr/share/rpm/rpmdb.sqlite",
    "usr/share/rpm/Packages.db",
    "usr/share/rpm/Packages",
    MANIFEST,
];

impl Cataloger for RpmCataloger {
    fn name(&self) -> &'static str {
        "rpm"
    }

    fn version(&self) -> u32 {
        1
    }

    fn patterns(&self) -> &'static [&'static str] {
        PATTERNS
    }

    fn catalog(&self, files: &ImageFiles, env: &Environment) -> Catalog {
        let mut catalog = Catalog::default();
        let database = DATABASES.iter().find_map(|name| {
            DIRECTORIES
                .iter()
                .find_map(|dir| files.read(&format!("{dir}/{name}")))
        });
        let (file, installed) = match database {
            Some(file) => match read_database(&file, env, &mut catalog.warnings) {
                Some(installed) => (file, installed),
                None => return catalog,
            },
            None => match files.read(MANIFEST) {
                Some(file) => {
                    let (installed, bad) = manifest::parse(&String::from_utf8_lossy(file.content));
                    if bad > 0 {
                        catalog.warnings.push(format!(
                            "{}: {bad} lines that are no package; skipped",
                            file.absolute_path()
                        ));
                    }
                    (file, installed)
                }
                None => return catalog,
            },
        };
        let mut installed = installed;
        // rpm -qa lists in database order; by name reads better, and is stable.
        installed.sort_by(|a, b| {
            (&a.name, &a.version, &a.release, &a.arch)
                .cmp(&(&b.name, &b.version, &b.release, &b.arch))
        });
        catalog.relationships = dependency_edges(&installed);
        catalog.packages = installed
            .into_iter()
            .map(|i| package(i, &file, env.distro.as_ref()))
            .collect();
        catalog
    }
}

/// What one header (or manifest line) says of an installed package.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Installed {
    pub name: String,
    pub epoch: Option<u64>,
    pub version: String,
    pub release: String,
    pub arch: Option<String>,
    pub source_rpm: Option<String>,
    pub license: Option<String>,
    pub vendor: Option<String>,
    /// `Packager`: who built it (`Fedora Project`, a person for third-party
    /// rpms); the supplier when there is no vendor.
    pub packager: Option<String>,
    pub size: Option<u64>,
    pub summary: Option<String>,
    pub url: Option<String>,
    pub modularity_label: Option<String>,
    pub files: Vec<OwnedFile>,
    pub provides: Vec<String>,
    pub requires: Vec<String>,
}

/// The installed packages of a database file; `None` (and a warning) when
/// it cannot be read at all. A header that cannot be read is one warning.
fn read_database(
    file: &FileRef<'_>,
    env: &Environment,
    warnings: &mut Vec<String>,
) -> Option<Vec<Installed>> {
    let data = file.content;
    // ndb's blobs lie whole in the file; SQLite's and Berkeley DB's are copied out.
    let owned = |blobs: Vec<Vec<u8>>| blobs.into_iter().map(Cow::Owned).collect();
    let blobs: Result<Vec<Cow<'_, [u8]>>, String> = if data.starts_with(sqlite::MAGIC) {
        sqlite::blobs(data).map(owned)
    } else if ndb::is_ndb(data) {
        ndb::blobs(data).map(|b| b.into_iter().map(Cow::Borrowed).collect())
    } else if bdb::is_bdb(data) {
        bdb::values(data).map(owned)
    } else {
        Err("no SQLite, ndb or Berkeley DB database".into())
    };
    let blobs = match blobs {
        Ok(blobs) => blobs,
        Err(why) => {
            warnings.push(format!(
                "{}: not a readable rpm database ({why}); skipped",
                file.absolute_path()
            ));
            return None;
        }
    };
    let mut installed = Vec::with_capacity(blobs.len());
    for (index, blob) in blobs.iter().enumerate() {
        match Header::parse(blob).and_then(|h| from_header(&h, !env.without_owned_files)) {
            Ok(package) => installed.push(package),
            Err(why) => warnings.push(format!(
                "{}: package header {} is unreadable ({why}); skipped",
                file.absolute_path(),
                index + 1
            )),
        }
    }
    Some(installed)
}

/// rpm's digest algorithm numbers (`PGPHASHALGO_*`).
fn digest_algorithm(number: u64) -> Option<&'static str> {
    match number {
        1 => Some("md5"),
        2 => Some("sha1"),
        8 => Some("sha256"),
        9 => Some("sha384"),
        10 => Some("sha512"),
        11 => Some("sha224"),
        _ => None,
    }
}

const RPMFILE_CONFIG: u64 = 1;

fn from_header(h: &Header<'_>, with_files: bool) -> Result<Installed, &'static str> {
    let text = |t| {
        h.string(t)
            .map(str::to_owned)
            .filter(|s: &String| !s.is_empty())
    };
    let name = text(tag::NAME).ok_or("no name")?;
    let list = |t| -> Vec<String> {
        h.strings(t)
            .map(|s| s.map(str::to_owned).collect())
            .unwrap_or_default()
    };
    let files = if with_files {
        owned_files(h)
    } else {
        Vec::new()
    };
    Ok(Installed {
        name,
        epoch: h.number(tag::EPOCH),
        version: text(tag::VERSION).unwrap_or_default(),
        release: text(tag::RELEASE).unwrap_or_default(),
        arch: text(tag::ARCH),
        source_rpm: text(tag::SOURCERPM),
        license: text(tag::LICENSE),
        vendor: text(tag::VENDOR),
        packager: text(tag::PACKAGER),
        size: h.number(tag::LONGSIZE).or(h.number(tag::SIZE)),
        summary: text(tag::SUMMARY),
        url: text(tag::URL),
        modularity_label: text(tag::MODULARITYLABEL),
        files,
        provides: list(tag::PROVIDENAME),
        requires: list(tag::REQUIRENAME),
    })
}

/// basenames + dirnames + dirindexes (or the old whole file names), with
/// the digest of each regular file.
fn owned_files(h: &Header<'_>) -> Vec<OwnedFile> {
    let paths: Vec<String> = match (
        h.strings(tag::BASENAMES),
        h.strings(tag::DIRNAMES),
        h.numbers(tag::DIRINDEXES),
    ) {
        (Some(base), Some(dirs), Some(indexes)) => {
            let dirs: Vec<&str> = dirs.collect();
            base.zip(indexes)
                .filter_map(|(base, index)| {
                    dirs.get(index as usize).map(|dir| format!("{dir}{base}"))
                })
                .collect()
        }
        _ => h
            .strings(tag::OLDFILENAMES)
            .map(|s| s.map(str::to_owned).collect())
            .unwrap_or_default(),
    };
    let algorithm = digest_algorithm(h.number(tag::FILEDIGESTALGO).unwrap_or(1));
    let digests: Vec<&str> = h
        .strings(tag::FILEDIGESTS)
        .map(Iterator::collect)
        .unwrap_or_default();
    let flags = h.numbers(tag::FILEFLAGS).unwrap_or_default();
    paths
        .into_iter()
        .enumerate()
        .map(|(i, path)| OwnedFile {
            path,
            digest: match (algorithm, digests.get(i)) {
                (Some(algorithm), Some(value)) if !value.is_empty() => Some(FileDigest {
                    algorithm,
                    value: (*value).to_owned(),
                }),
                _ => None,
            },
            config: flags.get(i).is_some_and(|f| f & RPMFILE_CONFIG != 0),
            ..OwnedFile::default()
        })
        .collect()
}

/// `[epoch:]version-release`, as rpm and syft write it.
fn full_version(i: &Installed) -> String {
    match i.epoch {
        Some(epoch) => format!("{epoch}:{}-{}", i.version, i.release),
        None => format!("{}-{}", i.version, i.release),
    }
}

fn package(i: Installed, file: &FileRef<'_>, distro: Option<&Distro>) -> Package {
    Package {
        kind: PackageType::Rpm,
        version: full_version(&i),
        purl: purl(&i, distro),
        cpes: Vec::new(),
        licenses: i.license.as_deref().map(License::new).into_iter().collect(),
        supplier: i.vendor.clone().or(i.packager),
        copyright: None,
        description: i.summary,
        homepage: i.url,
        locations: vec![file.location()],
        files: i.files,
        application: false,
        metadata: Metadata::Rpm(RpmMetadata {
            epoch: i.epoch,
            release: i.release,
            source_rpm: i.source_rpm,
            vendor: i.vendor,
            size: i.size,
            modularity_label: i.modularity_label,
        }),
        name: i.name,
        arch: i.arch,
    }
}

/// `pkg:rpm/<namespace>/<name>@<version>-<release>?arch=…&distro=…&epoch=…&upstream=…`.
fn purl(i: &Installed, distro: Option<&Distro>) -> Option<String> {
    let mut purl = PackageUrl::new("rpm", i.name.as_str()).ok()?;
    if let Some(distro) = distro {
        let namespace = match distro.id.as_str() {
            "rhel" | "hummingbird" => "redhat",
            id if id.starts_with("opensuse") => "opensuse",
            id => id,
        };
        purl.with_namespace(namespace.to_owned());
    }
    purl.with_version(format!("{}-{}", i.version, i.release));
    if let Some(arch) = &i.arch {
        purl.add_qualifier("arch", arch.clone()).ok()?;
    }
    if let Some(distro) = distro {
        purl.add_qualifier("distro", distro.purl_qualifier()).ok()?;
    }
    if let Some(epoch) = i.epoch {
        purl.add_qualifier("epoch", epoch.to_string()).ok()?;
    }
    if let Some(source) = &i.source_rpm {
        purl.add_qualifier("upstream", source.clone()).ok()?;
    }
    Some(purl.to_string())
}

/// A requirement met by another installed package: by what it provides
/// (its name is among its provides) or, for a path, by a file it owns.
/// rpm's own capabilities (`rpmlib(…)`) are met by rpm itself.
fn dependency_edges(installed: &[Installed]) -> Vec<Relationship> {
    let mut providers: HashMap<&str, Vec<usize>> = HashMap::new();
    for (index, package) in installed.iter().enumerate() {
        let provided = std::iter::once(package.name.as_str())
            .chain(package.provides.iter().map(String::as_str))
            .chain(package.files.iter().map(|f| f.path.as_str()));
        for name in provided {
            let list = providers.entry(name).or_default();
            if list.last() != Some(&index) {
                list.push(index);
            }
        }
    }
    let mut edges = BTreeSet::new();
    for (from, package) in installed.iter().enumerate() {
        for requirement in &package.requires {
            if requirement.starts_with("rpmlib(") {
                continue;
            }
            for &to in providers.get(requirement.as_str()).into_iter().flatten() {
                if to != from {
                    edges.insert((from, to));
                }
            }
        }
    }
    Relationship::depends_on_all(edges)
}
