//! The Java cataloger: every Java archive in the image (`.jar`, `.war`,
//! `.ear`, `.jpi`, `.hpi`) and the archives nested in it, from the
//! [`archive::Summary`] the layer reader kept of it, and the JDK or JRE from
//! its `release` file.
//!
//! An archive gives one package per `pom.properties` (a shaded jar holds
//! several: the one named like the file is the archive's own, the others are
//! contained in it); without one, the manifest (`Implementation-Title` /
//! `-Version` / `-Vendor-Id`, `Bundle-SymbolicName` / `Bundle-Version`);
//! without that, the file name (`name-1.2.3.jar`). purl
//! `pkg:maven/<group>/<artifact>@<version>` (the artifact as group when no
//! group is known, as syft does); licenses from `Bundle-License`; the
//! supplier from the manifest's `Implementation-Vendor`, else `Bundle-Vendor`
//! (see [`vendor`]); an archive `contains` what is nested in it. Nested
//! archives are located at the outer file, their path inside it in the
//! metadata (`outer.jar:BOOT-INF/lib/x.jar`). A runtime's supplier is its
//! `release` file's `IMPLEMENTOR`.

pub mod archive;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use packageurl::PackageUrl;

use crate::license::License;
use crate::model::{
    Catalog, JavaMetadata, Metadata, Package, PackageType, Relationship, RelationshipKind,
};
use crate::view::{FileRef, ImageFiles};
use crate::{Cataloger, Environment, Reduction};

use archive::Summary;

/// Finds Java archives and runtimes.
pub struct JavaCataloger;

const PATTERNS: &[&str] = &[
    "**/*.jar",
    "**/*.war",
    "**/*.ear",
    "**/*.jpi",
    "**/*.hpi",
    "**/*.JAR",
    "usr/lib/jvm/*/release",
    "opt/java/*/release",
];

/// Every Java archive is kept as its [`Summary`].
const REDUCTIONS: &[Reduction] = &[Reduction {
    name: "java-archive-summary",
    applies: archive::is_archive,
    reduce: archive::reduce,
}];

impl Cataloger for JavaCataloger {
    fn name(&self) -> &'static str {
        "java"
    }

    fn version(&self) -> u32 {
        1
    }

    fn patterns(&self) -> &'static [&'static str] {
        PATTERNS
    }

    fn reductions(&self) -> &'static [Reduction] {
        REDUCTIONS
    }

    fn catalog(&self, files: &ImageFiles, _env: &Environment) -> Catalog {
        let mut catalog = Catalog::default();
        for file in files.files() {
            if is_release_file(file.path) {
                if let Some(package) = runtime(&file) {
                    catalog.packages.push(package);
                }
                continue;
            }
            if !archive::is_archive(file.path) {
                continue;
            }
            match archive::read_summary(file.content) {
                Some(summary) => {
                    let base = file.path.rsplit('/').next().unwrap_or(file.path);
                    add_archive(
                        &mut catalog,
                        &file,
                        &summary,
                        base,
                        &format!("/{}", file.path),
                    );
                }
                None => catalog.warnings.push(format!(
                    "{}: not reduced to its metadata when read; skipped",
                    file.absolute_path()
                )),
            }
        }
        catalog
    }

    fn one_record_per_package(&self) -> bool {
        true
    }
}

/// `usr/lib/jvm/<home>/release` or `opt/java/<home>/release`.
fn is_release_file(path: &str) -> bool {
    ["usr/lib/jvm/", "opt/java/"].iter().any(|dir| {
        path.strip_prefix(dir)
            .and_then(|rest| rest.strip_suffix("/release"))
            .is_some_and(|home| !home.is_empty() && !home.contains('/'))
    })
}

/// `key=value` lines (`#` comments), as `java.util.Properties` reads the
/// simple files Maven writes.
fn properties(text: &str) -> BTreeMap<&str, &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#') && !l.starts_with('!'))
        .filter_map(|l| {
            let (key, value) = l.split_once(['=', ':'])?;
            Some((key.trim(), value.trim()))
        })
        .collect()
}

/// The main section of a manifest (continuation lines joined).
fn manifest(text: &str) -> BTreeMap<String, String> {
    let mut found: BTreeMap<String, String> = BTreeMap::new();
    let mut last: Option<String> = None;
    for line in text.lines() {
        if line.trim().is_empty() {
            break; // the main section ends at the first blank line
        }
        if let (Some(rest), Some(key)) = (line.strip_prefix(' '), &last) {
            if let Some(value) = found.get_mut(key) {
                value.push_str(rest);
            }
        } else if let Some((key, value)) = line.split_once(':') {
            found.insert(key.trim().to_owned(), value.trim().to_owned());
            last = Some(key.trim().to_owned());
        }
    }
    found
}

/// Who made the archive, as its manifest says: `Implementation-Vendor`,
/// else `Bundle-Vendor` (OSGi). Not `Specification-Vendor`, the vendor of
/// the specification implemented (a Temurin `jrt-fs.jar` says Oracle
/// there, Eclipse Adoptium as implementor). An OSGi localisation key
/// (`%bundleVendor`) or an unfilled Maven property (`${…}`) names nobody.
/// The `pom.xml` beside a `pom.properties` is not kept by the archive's
/// reduction, so its `<organization>` is not read.
fn vendor(manifest: &BTreeMap<String, String>) -> Option<String> {
    ["Implementation-Vendor", "Bundle-Vendor"]
        .iter()
        .filter_map(|key| manifest.get(*key))
        .map(|value| value.trim())
        .find(|value| !value.is_empty() && !value.starts_with('%') && !value.contains("${"))
        .map(str::to_owned)
}

/// `commons-io-2.11.0.jar` → (`commons-io`, `2.11.0`): the version starts
/// at the first `-` followed by a digit.
fn name_and_version(file_name: &str) -> (String, String) {
    let stem = file_name
        .rsplit_once('.')
        .map_or(file_name, |(stem, _)| stem);
    let split = stem
        .char_indices()
        .find(|(i, c)| *c == '-' && stem[i + 1..].starts_with(|d: char| d.is_ascii_digit()));
    match split {
        Some((i, _)) => (stem[..i].to_owned(), stem[i + 1..].to_owned()),
        None => (stem.to_owned(), String::new()),
    }
}

fn maven_purl(group: &str, artifact: &str, version: &str) -> Option<String> {
    let mut purl = PackageUrl::new("maven", artifact).ok()?;
    purl.with_namespace(if group.is_empty() { artifact } else { group });
    if !version.is_empty() {
        purl.with_version(version);
    }
    Some(purl.to_string())
}

fn java_package(
    file: &FileRef<'_>,
    virtual_path: &str,
    group: &str,
    artifact: &str,
    version: &str,
    licenses: Vec<License>,
    identified_by: &'static str,
) -> Package {
    let mut package = Package::bare(
        PackageType::Java,
        artifact.to_owned(),
        version.to_owned(),
        maven_purl(group, artifact, version),
        file.location(),
        Metadata::Java(JavaMetadata {
            virtual_path: virtual_path.to_owned(),
            group_id: (!group.is_empty()).then(|| group.to_owned()),
            identified_by,
        }),
    );
    package.licenses = licenses;
    package
}

/// The package a `pom.properties` names.
fn pom_package(
    file: &FileRef<'_>,
    virtual_path: &str,
    pom: &BTreeMap<&str, &str>,
    licenses: Vec<License>,
) -> Package {
    let field = |key| pom.get(key).copied().unwrap_or_default();
    java_package(
        file,
        virtual_path,
        field("groupId"),
        field("artifactId"),
        field("version"),
        licenses,
        "pom.properties",
    )
}

/// The packages of one archive (and, recursively, of what it nests); returns
/// the index of the archive's own package.
fn add_archive(
    catalog: &mut Catalog,
    file: &FileRef<'_>,
    summary: &Summary,
    file_name: &str,
    virtual_path: &str,
) -> usize {
    for problem in &summary.problems {
        catalog.warnings.push(format!("{virtual_path}: {problem}"));
    }
    let manifest = summary
        .manifest
        .as_deref()
        .map(manifest)
        .unwrap_or_default();
    let licenses: Vec<License> = manifest
        .get("Bundle-License")
        .filter(|l| !l.starts_with("http"))
        .map(|l| vec![License::new(l)])
        .unwrap_or_default();
    let (file_artifact, file_version) = name_and_version(file_name);
    let poms: Vec<BTreeMap<&str, &str>> = summary
        .pom_properties
        .iter()
        .map(|(_, text)| properties(text))
        .filter(|p| p.contains_key("artifactId"))
        .collect();
    // The archive's own pom: the only one, or the one named like the file.
    let own = match poms.len() {
        1 => Some(0),
        _ => poms
            .iter()
            .position(|p| p.get("artifactId") == Some(&file_artifact.as_str())),
    };
    let first = catalog.packages.len();
    match own {
        Some(index) => {
            catalog
                .packages
                .push(pom_package(file, virtual_path, &poms[index], licenses));
        }
        None => {
            let title = manifest
                .get("Implementation-Title")
                .or(manifest.get("Bundle-SymbolicName"))
                .filter(|t| !t.contains(' '));
            let version = manifest
                .get("Implementation-Version")
                .or(manifest.get("Bundle-Version"));
            // Name and version each from the manifest where it has them
            // (a title that is prose, "Java Runtime Environment", names
            // nothing: the file does), else from the file name.
            let (artifact, version, by) = match (title, version) {
                (Some(title), Some(version)) => {
                    let title = title.split(';').next().unwrap_or(title);
                    (title.to_owned(), version.clone(), "MANIFEST.MF")
                }
                (None, Some(version)) if file_version.is_empty() => {
                    (file_artifact, version.clone(), "MANIFEST.MF")
                }
                _ => (file_artifact, file_version, "file name"),
            };
            let group = manifest
                .get("Implementation-Vendor-Id")
                .cloned()
                .unwrap_or_default();
            catalog.packages.push(java_package(
                file,
                virtual_path,
                &group,
                &artifact,
                &version,
                licenses,
                by,
            ));
        }
    }
    let main = first;
    // The manifest is the archive's own: its vendor supplies that package,
    // not the others a shaded archive's poms name.
    catalog.packages[main].supplier = vendor(&manifest);
    // A shaded archive's other poms: packages it contains.
    for (index, pom) in poms.iter().enumerate() {
        if Some(index) == own {
            continue;
        }
        catalog
            .packages
            .push(pom_package(file, virtual_path, pom, Vec::new()));
        let to = catalog.packages.len() - 1;
        catalog.relationships.push(contains(main, to));
    }
    for (entry, nested) in &summary.nested {
        let name = entry.rsplit('/').next().unwrap_or(entry);
        let to = add_archive(
            catalog,
            file,
            nested,
            name,
            &format!("{virtual_path}:{entry}"),
        );
        catalog.relationships.push(contains(main, to));
    }
    main
}

fn contains(from: usize, to: usize) -> Relationship {
    Relationship {
        from,
        to,
        kind: RelationshipKind::Contains,
    }
}

/// A JDK or JRE from its `release` file (`JAVA_VERSION`, `IMPLEMENTOR`).
fn runtime(file: &FileRef<'_>) -> Option<Package> {
    let text = String::from_utf8_lossy(file.content);
    let fields: BTreeMap<&str, &str> = text
        .lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.trim(), v.trim().trim_matches('"')))
        .collect();
    let version = fields.get("JAVA_VERSION")?;
    let implementor = fields.get("IMPLEMENTOR").copied().filter(|i| !i.is_empty());
    let home = file.path.rsplit_once('/').map_or("", |(dir, _)| dir);
    let jdk = fields
        .get("MODULES")
        .is_some_and(|m| m.split(' ').any(|m| m == "jdk.compiler"));
    let name = if jdk { "jdk" } else { "jre" };
    let mut package = Package::bare(
        PackageType::JavaRuntime,
        format!(
            "{} {name}",
            implementor.unwrap_or("unknown").to_ascii_lowercase()
        ),
        fields
            .get("JAVA_RUNTIME_VERSION")
            .unwrap_or(version)
            .to_string(),
        None,
        file.location(),
        Metadata::Java(JavaMetadata {
            virtual_path: format!("/{home}"),
            group_id: None,
            identified_by: "release",
        }),
    );
    package.supplier = implementor.map(str::to_owned);
    Some(package)
}
