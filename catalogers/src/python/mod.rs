//! The Python cataloger: every installed distribution in the image — a
//! `*.dist-info` directory (wheels, pip) or an `*.egg-info` directory or
//! file (setuptools, Debian's `python3-*` packages) — in any
//! `site-packages` or `dist-packages` (system Python, `/usr/local`,
//! virtual environments, `--user`), names matched case-insensitively.
//!
//! Each gives one package: `pkg:pypi/<PEP 503 name>@<version>`, licenses
//! from `License-Expression` (PEP 639), else `License`, else the trove
//! classifiers; the author (else the maintainer) as supplier, one person
//! `Name <email>` (see [`supplier`]); the files `RECORD` (or
//! `installed-files.txt`) lists, with their sha256; and `Requires-Dist`
//! edges to the distributions installed beside it, extras only when an
//! installed dependant asks for them, markers evaluated for that
//! environment's Python (see [`requirement`]).
//!
//! The patterns name the metadata files by their base names (a hash lookup
//! per tar entry, not a regex over every path); the directory's suffix is
//! checked here.

mod classifiers;
mod lockfile;
mod metadata;
mod requirement;
#[cfg(test)]
mod tests;

/// PEP 503's normalised project name (diffs key Python packages by it).
pub use requirement::normalize as normalize_name;

use std::collections::{BTreeMap, BTreeSet};

use packageurl::PackageUrl;

use crate::installed::inside_installed_package;
use crate::license::{spdx_expression, License};
use crate::model::{
    Catalog, FileDigest, Metadata, OwnedFile, Package, PackageType, PythonMetadata, Relationship,
};
use crate::view::{absolute, FileRef, ImageFiles};
use crate::{Cataloger, Environment};

use metadata::{parse_record, CoreMetadata};
use requirement::{normalize, MarkerEnv, Requirement};

/// Finds installed Python distributions.
pub struct PythonCataloger;

const PATTERNS: &[&str] = &[
    "**/METADATA",
    "**/PKG-INFO",
    "**/RECORD",
    "**/installed-files.txt",
    "**/top_level.txt",
    "**/direct_url.json",
    "**/INSTALLER",
    "**/requires.txt",
    "**/*.egg-info",
    "**/*.EGG-INFO",
    "**/poetry.lock",
    "**/pdm.lock",
    "**/uv.lock",
    "**/Pipfile.lock",
    "**/requirements*.txt",
];

impl Cataloger for PythonCataloger {
    fn name(&self) -> &'static str {
        "python"
    }

    fn version(&self) -> u32 {
        1
    }

    fn patterns(&self) -> &'static [&'static str] {
        PATTERNS
    }

    fn catalog(&self, files: &ImageFiles, env: &Environment) -> Catalog {
        let mut catalog = Catalog::default();
        let mut found: Vec<Found<'_>> = Vec::new();
        for file in files.files() {
            let Some(kind) = record_kind(file.path) else {
                continue;
            };
            let text = String::from_utf8_lossy(file.content);
            match CoreMetadata::parse(&text) {
                Some(core) => found.push(Found { file, kind, core }),
                None => catalog.warnings.push(format!(
                    "{}: not Python distribution metadata (no Name); skipped",
                    file.absolute_path()
                )),
            }
        }
        for item in &found {
            let (package, warnings) = package(item, files, env);
            catalog.packages.push(package);
            catalog.warnings.extend(warnings);
        }
        catalog.relationships = requirement_edges(&found, &catalog.packages);
        add_lockfiles(&mut catalog, files, env, &found);
        catalog
    }

    fn one_record_per_package(&self) -> bool {
        true
    }
}

/// Packages of projects that have a lockfile but no installed environment:
/// the project is not itself inside an installed package, none is installed
/// under the project's directory, and not every locked
/// runtime package is installed elsewhere in the image (then the installed
/// distributions tell it better).
fn add_lockfiles(
    catalog: &mut Catalog,
    files: &ImageFiles,
    env: &Environment,
    found: &[Found<'_>],
) {
    let installed: BTreeSet<String> = catalog
        .packages
        .iter()
        .map(|p| normalize(&p.name))
        .collect();
    for file in files.files() {
        let (dir, base) = file.path.rsplit_once('/').unwrap_or(("", file.path));
        if !lockfile::is_lockfile(base) || inside_installed_package(dir) {
            continue;
        }
        let inside = |path: &str| dir.is_empty() || path.starts_with(&format!("{dir}/"));
        if found.iter().any(|item| inside(item.site_packages())) {
            continue;
        }
        let locked = match lockfile::read(base, &String::from_utf8_lossy(file.content)) {
            Ok(locked) => locked,
            Err(why) => {
                catalog.warnings.push(format!(
                    "{}: not a readable lockfile ({why}); skipped",
                    file.absolute_path()
                ));
                continue;
            }
        };
        let runtime: Vec<&lockfile::Locked> = locked.iter().filter(|l| !l.dev).collect();
        if !runtime.is_empty()
            && runtime
                .iter()
                .all(|l| installed.contains(&normalize(&l.name)))
        {
            continue;
        }
        let first = catalog.packages.len();
        let kept: Vec<&lockfile::Locked> = locked
            .iter()
            .filter(|l| env.include_dev || !l.dev)
            .collect();
        let index: BTreeMap<String, usize> = kept
            .iter()
            .enumerate()
            .map(|(i, l)| (normalize(&l.name), first + i))
            .collect();
        let mut edges = Vec::new();
        for (i, l) in kept.iter().enumerate() {
            for dependency in &l.dependencies {
                if let Some(&to) = index.get(&normalize(dependency)) {
                    edges.push((first + i, to));
                }
            }
            catalog.packages.push(Package::bare(
                PackageType::Python,
                l.name.clone(),
                l.version.clone(),
                pypi_purl(&l.name, &l.version),
                file.location(),
                Metadata::Python(PythonMetadata {
                    dev: l.dev,
                    ..PythonMetadata::default()
                }),
            ));
        }
        catalog
            .relationships
            .extend(Relationship::depends_on_all(edges));
    }
}

/// `pkg:pypi/<PEP 503 name>[@version]`.
fn pypi_purl(name: &str, version: &str) -> Option<String> {
    let mut purl = PackageUrl::new("pypi", normalize(name)).ok()?;
    if !version.is_empty() {
        purl.with_version(version.to_owned());
    }
    Some(purl.to_string())
}

/// How a distribution's metadata is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RecordKind {
    /// `NAME.dist-info/METADATA`.
    DistInfo,
    /// `NAME.egg-info/PKG-INFO`.
    EggInfoDir,
    /// `NAME.egg-info`, a file.
    EggInfoFile,
}

/// Which metadata file `path` is, if it is one.
fn record_kind(path: &str) -> Option<RecordKind> {
    let (dir, base) = path.rsplit_once('/').unwrap_or(("", path));
    let dir_name = dir.rsplit('/').next().unwrap_or(dir).to_ascii_lowercase();
    match base {
        "METADATA" if dir_name.ends_with("dist-info") => Some(RecordKind::DistInfo),
        "PKG-INFO" if dir_name.ends_with("egg-info") => Some(RecordKind::EggInfoDir),
        _ if base.to_ascii_lowercase().ends_with(".egg-info") => Some(RecordKind::EggInfoFile),
        _ => None,
    }
}

/// One distribution's metadata file, parsed.
struct Found<'a> {
    file: FileRef<'a>,
    kind: RecordKind,
    core: CoreMetadata,
}

impl Found<'_> {
    /// The `*.dist-info` / `*.egg-info` path (the file itself for an
    /// egg-info file).
    fn info_dir(&self) -> &str {
        match self.kind {
            RecordKind::EggInfoFile => self.file.path,
            _ => self.file.path.rsplit_once('/').map_or("", |(dir, _)| dir),
        }
    }

    /// The directory the distribution is installed into (site-packages).
    fn site_packages(&self) -> &str {
        self.info_dir().rsplit_once('/').map_or("", |(dir, _)| dir)
    }

    fn sibling(&self, name: &str) -> Option<String> {
        (self.kind != RecordKind::EggInfoFile).then(|| format!("{}/{name}", self.info_dir()))
    }
}

/// The environment's Python version, when its path names it
/// (`lib/python3.11/site-packages`).
fn marker_env(site_packages: &str) -> MarkerEnv {
    let python_version = site_packages.split('/').find_map(|part| {
        let version = part.strip_prefix("python")?;
        let mut numbers = version.split('.');
        let (major, minor) = (numbers.next()?, numbers.next()?);
        (major.parse::<u32>().is_ok() && minor.parse::<u32>().is_ok() && numbers.next().is_none())
            .then(|| version.to_owned())
    });
    MarkerEnv { python_version }
}

fn package(item: &Found<'_>, files: &ImageFiles, env: &Environment) -> (Package, Vec<String>) {
    let core = &item.core;
    let name = core.get("Name").unwrap_or_default().to_owned();
    let version = core.get("Version").unwrap_or_default().to_owned();
    let mut warnings = Vec::new();
    let mut locations = vec![item.file.location()];
    let sibling = |name: &str| item.sibling(name).and_then(|path| files.read(&path));
    let [record, installed_files, top_level, installer, direct_url, requires] = [
        "RECORD",
        "installed-files.txt",
        "top_level.txt",
        "INSTALLER",
        "direct_url.json",
        "requires.txt",
    ]
    .map(sibling);
    for file in [
        &record,
        &installed_files,
        &top_level,
        &installer,
        &direct_url,
        &requires,
    ]
    .into_iter()
    .flatten()
    {
        locations.push(file.location());
    }
    let text = |file: FileRef<'_>| String::from_utf8_lossy(file.content).into_owned();
    let record = record.map(text);
    let installed_files = installed_files.map(text);
    let top_level = top_level
        .map(text)
        .map(|t| {
            t.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    let installer = installer
        .map(text)
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty());
    let direct_url = direct_url.and_then(|file| {
        let value: serde_json::Value = serde_json::from_slice(file.content).ok()?;
        value["url"].as_str().map(str::to_owned)
    });

    let site_packages = item.site_packages();
    // RECORD's entries, each as (absolute path, sha256): made absolute once,
    // for the license files and the owned files both.
    let record: Option<Vec<(String, Option<String>)>> = record.map(|record| {
        let (entries, bad) = parse_record(&record);
        if bad > 0 {
            warnings.push(format!(
                "/{}/RECORD: {bad} lines that name no file; skipped",
                item.info_dir()
            ));
        }
        entries
            .into_iter()
            .map(|entry| (absolute(site_packages, &entry.path), entry.sha256))
            .collect()
    });
    // `LicenseFile` is what some older tools wrote (syft reads it too).
    let license_files = core
        .all("License-File")
        .chain(core.all("LicenseFile"))
        .filter_map(|name| {
            // Metadata 2.4 keeps them under `licenses/`; older wheels at the top.
            [format!("licenses/{name}"), name.to_owned()]
                .into_iter()
                .map(|relative| absolute(item.info_dir(), &relative))
                .find(|path| {
                    record
                        .iter()
                        .flatten()
                        .any(|(recorded, _)| recorded == path)
                })
        })
        .collect();
    let mut owned = Vec::new();
    if !env.without_owned_files {
        if let Some(entries) = record {
            for (path, sha256) in entries {
                owned.push(OwnedFile {
                    path,
                    digest: sha256.map(|value| FileDigest {
                        algorithm: "sha256",
                        value,
                    }),
                    ..OwnedFile::default()
                });
            }
        } else if let Some(list) = &installed_files {
            // Paths relative to the egg-info directory.
            for line in list.lines().map(str::trim).filter(|l| !l.is_empty()) {
                owned.push(OwnedFile {
                    path: absolute(item.info_dir(), line),
                    ..OwnedFile::default()
                });
            }
        }
        owned.sort();
        owned.dedup();
    }

    let purl = pypi_purl(&name, &version);
    let supplier = supplier(core);
    let homepage = core.get("Home-page").map(str::to_owned).or_else(|| {
        core.all("Project-URL").find_map(|value| {
            let (label, url) = value.split_once(',')?;
            matches!(
                label.trim().to_ascii_lowercase().as_str(),
                "homepage" | "home" | "home-page" | "source" | "repository"
            )
            .then(|| url.trim().to_owned())
        })
    });
    let package = Package {
        kind: PackageType::Python,
        name,
        version,
        arch: None,
        purl,
        cpes: Vec::new(),
        licenses: licenses(core),
        supplier,
        copyright: None,
        description: core.get("Summary").map(str::to_owned),
        homepage,
        locations,
        files: owned,
        application: false,
        metadata: Metadata::Python(PythonMetadata {
            site_packages: Some(format!("/{site_packages}")),
            python_version: marker_env(site_packages).python_version,
            top_level,
            installer,
            direct_url,
            requires_python: core.get("Requires-Python").map(str::to_owned),
            requires_dist: requires_dist(core, requires.map(text).as_deref()),
            license_files,
            ..PythonMetadata::default()
        }),
    };
    (package, warnings)
}

/// The supplier: the author (`Author-email`, `Author`), else the maintainer
/// (`Maintainer-email`, `Maintainer`), as one person `Name <email>`.
fn supplier(core: &CoreMetadata) -> Option<String> {
    person(core.get("Author"), core.get("Author-email"))
        .or_else(|| person(core.get("Maintainer"), core.get("Maintainer-email")))
}

/// One person from a name field and its email field. The email field is an
/// address list (`"Name" <a@b>, Other <c@d>`, or bare addresses, PEP 621's
/// spelling of several authors): its first entry is taken, named by its
/// own display name, else by the name field (unless that already holds an
/// address). A name field alone is the name as written.
fn person(name: Option<&str>, emails: Option<&str>) -> Option<String> {
    let name = name.map(str::trim).filter(|n| !n.is_empty());
    let first = emails.and_then(|list| addresses(list).into_iter().next());
    match (first, name) {
        (Some((Some(display), Some(email))), _) => Some(format!("{display} <{email}>")),
        (Some((None, Some(email))), Some(name)) if !name.contains('<') => {
            Some(format!("{name} <{email}>"))
        }
        (Some((None, Some(email))), None) => Some(format!("<{email}>")),
        (Some((Some(display), None)), None) => Some(display),
        (_, Some(name)) => Some(name.to_owned()),
        (_, None) => None,
    }
}

/// The entries of an RFC 5322 address list as (display name, address):
/// commas inside quotes or angle brackets do not split, quotes around a
/// display name are removed; an entry without `@` is a name alone.
fn addresses(list: &str) -> Vec<(Option<String>, Option<String>)> {
    let mut entries = Vec::new();
    let (mut quoted, mut angled, mut start) = (false, false, 0);
    for (at, c) in list.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '<' if !quoted => angled = true,
            '>' if !quoted => angled = false,
            ',' if !quoted && !angled => {
                entries.push(&list[start..at]);
                start = at + 1;
            }
            _ => {}
        }
    }
    entries.push(&list[start..]);
    let unquote = |text: &str| {
        let text = text.trim();
        let text = text
            .strip_prefix('"')
            .and_then(|t| t.strip_suffix('"'))
            .unwrap_or(text);
        Some(text.trim().to_owned()).filter(|t| !t.is_empty())
    };
    entries
        .into_iter()
        .filter_map(|entry| {
            let entry = entry.trim();
            let (display, address) = match (entry.find('<'), entry.rfind('>')) {
                (Some(open), Some(close)) if open < close => {
                    (unquote(&entry[..open]), unquote(&entry[open + 1..close]))
                }
                _ if entry.contains('@') => (None, unquote(entry)),
                _ => (unquote(entry), None),
            };
            let address = address.filter(|a| a.contains('@'));
            (display.is_some() || address.is_some()).then_some((display, address))
        })
        .collect()
}

/// `Requires-Dist`, else (an egg-info directory) `requires.txt` written as
/// `Requires-Dist` values: a `[extra]` section's lines get `extra == "…"`,
/// a `[extra:marker]` or `[:marker]` section's lines that marker.
fn requires_dist(core: &CoreMetadata, requires_txt: Option<&str>) -> Vec<String> {
    let declared: Vec<String> = core.all("Requires-Dist").map(str::to_owned).collect();
    let Some(text) = requires_txt.filter(|_| declared.is_empty()) else {
        return declared;
    };
    let mut condition = String::new();
    let mut found = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if let Some(section) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            let (extra, marker) = section.split_once(':').unwrap_or((section, ""));
            condition = match (extra.trim(), marker.trim()) {
                ("", "") => String::new(),
                (extra, "") => format!("extra == \"{extra}\""),
                ("", marker) => marker.to_owned(),
                (extra, marker) => format!("({marker}) and extra == \"{extra}\""),
            };
        } else if condition.is_empty() {
            found.push(line.to_owned());
        } else {
            found.push(format!("{line}; {condition}"));
        }
    }
    found
}

/// `License-Expression`, else a short `License`, else the classifiers.
fn licenses(core: &CoreMetadata) -> Vec<License> {
    if let Some(expression) = core.get("License-Expression") {
        return vec![License {
            value: expression.to_owned(),
            spdx: spdx_expression(expression),
        }];
    }
    // Some distributions paste the whole license text into `License`.
    if let Some(value) = core
        .get("License")
        .filter(|v| !v.contains('\n') && v.len() <= 100)
    {
        return vec![License::new(value)];
    }
    let mut found: Vec<License> = core
        .all("Classifier")
        .filter_map(classifiers::license)
        .collect();
    found.sort();
    found.dedup();
    found
}

/// `Requires-Dist` edges between distributions of one environment, with
/// the extras installed dependants request (to a fixed point).
fn requirement_edges(found: &[Found<'_>], packages: &[Package]) -> Vec<Relationship> {
    let mut by_env: BTreeMap<(&str, String), usize> = BTreeMap::new();
    for (index, item) in found.iter().enumerate() {
        by_env
            .entry((item.site_packages(), normalize(&packages[index].name)))
            .or_insert(index);
    }
    let requirements: Vec<Vec<Requirement>> = packages[..found.len()]
        .iter()
        .map(|package| match &package.metadata {
            Metadata::Python(python) => python
                .requires_dist
                .iter()
                .filter_map(|r| Requirement::parse(r))
                .collect(),
            _ => Vec::new(),
        })
        .collect();
    let envs: Vec<MarkerEnv> = found
        .iter()
        .map(|i| marker_env(i.site_packages()))
        .collect();
    let mut extras: Vec<BTreeSet<String>> = vec![BTreeSet::new(); found.len()];
    let mut edges = BTreeSet::new();
    loop {
        let mut changed = false;
        for (from, item) in found.iter().enumerate() {
            for requirement in &requirements[from] {
                if !requirement.applies(&envs[from], &extras[from]) {
                    continue;
                }
                let key = (item.site_packages(), normalize(&requirement.name));
                let Some(&to) = by_env.get(&key) else {
                    continue;
                };
                if to == from {
                    continue;
                }
                edges.insert((from, to));
                for extra in &requirement.extras {
                    changed |= extras[to].insert(extra.clone());
                }
            }
        }
        if !changed {
            break;
        }
    }
    Relationship::depends_on_all(edges)
}
