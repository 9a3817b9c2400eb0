//! Turns one dpkg stanza, plus the files dpkg keeps beside it, into a
//! [`Package`]: the supplier is the stanza's `Maintainer`; licenses and
//! copyright notices come from `/usr/share/doc/NAME/copyright`.

use packageurl::PackageUrl;

use crate::deb::copyright::parse_copyright;
use crate::deb::parse::{split_relations, Stanza};
use crate::distro::Distro;
use crate::license::License;
use crate::model::{DebMetadata, FileDigest, Metadata, OwnedFile, Package, PackageType};
use crate::view::{FileRef, ImageFiles};

/// Where a stanza came from and where its companion files live.
pub struct Database<'a> {
    /// The status file (or `status.d/NAME` file) holding the stanza.
    pub record: FileRef<'a>,
    /// Directory of `NAME[:ARCH].md5sums` / `.conffiles` files.
    pub info_dir: String,
}

/// Builds the package a stanza describes; `None` for stanzas that are not an
/// installed package (no name, or a `Status` that does not end in `installed`).
pub fn package_from_stanza(
    stanza: &Stanza,
    db: &Database<'_>,
    files: &ImageFiles,
    distro: Option<&Distro>,
    owned_files: bool,
) -> Option<Package> {
    let name = stanza.text("Package")?;
    if let Some(status) = stanza.get("Status") {
        if status.split_whitespace().last() != Some("installed") {
            return None;
        }
    }
    let version = stanza.text("Version").unwrap_or_default();
    let arch = stanza.text("Architecture");
    let (source, source_version) = match stanza.text("Source") {
        Some(source) => match source.split_once('(') {
            Some((src, ver)) => (
                Some(src.trim().to_owned()),
                Some(ver.trim_end_matches(')').trim().to_owned()).filter(|v| !v.is_empty()),
            ),
            None => (Some(source), None),
        },
        None => (None, None),
    };

    let mut locations = vec![db.record.location()];
    let mut owned = Vec::new();
    let md5sums = owned_files
        .then(|| companion(files, &db.info_dir, &name, arch.as_deref(), "md5sums"))
        .flatten();
    if let Some(md5sums) = md5sums {
        locations.push(md5sums.location());
        owned.extend(parse_md5sums(md5sums.content));
    }
    let mut conffiles = parse_conffiles_field(stanza.get("Conffiles"));
    if let Some(list) = companion(files, &db.info_dir, &name, arch.as_deref(), "conffiles") {
        locations.push(list.location());
        let listed = String::from_utf8_lossy(list.content);
        conffiles.extend(
            listed
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| OwnedFile {
                    path: l.trim().to_owned(),
                    config: true,
                    ..OwnedFile::default()
                }),
        );
    }
    owned.extend(conffiles);
    owned.sort_by(|a, b| {
        a.path
            .cmp(&b.path)
            .then(b.digest.is_some().cmp(&a.digest.is_some()))
    });
    owned.dedup_by(|later, first| {
        let same = later.path == first.path;
        if same {
            first.config |= later.config;
        }
        same
    });

    let mut licenses: Vec<License> = stanza
        .text("License")
        .map(|l| License::new(&l))
        .into_iter()
        .collect();
    let mut copyright = None;
    if let Some(file) = files.read(&format!("usr/share/doc/{name}/copyright")) {
        let parsed = parse_copyright(file.content);
        if parsed.licenses.is_some() || !parsed.notices.is_empty() {
            locations.push(file.location());
        }
        licenses.extend(parsed.licenses.iter().flatten().map(|n| License::new(n)));
        copyright = Some(parsed.notices.join("\n")).filter(|c| !c.is_empty());
    }

    let purl = distro.and_then(|d| {
        purl(
            d,
            &name,
            &version,
            arch.as_deref(),
            source.as_deref(),
            source_version.as_deref(),
        )
    });
    Some(Package {
        kind: PackageType::Deb,
        purl,
        cpes: Vec::new(),
        licenses,
        supplier: stanza.text("Maintainer"),
        copyright,
        description: stanza
            .get("Description")
            .and_then(|d| d.lines().next())
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map(str::to_owned),
        homepage: stanza.text("Homepage"),
        locations,
        files: owned,
        application: false,
        metadata: Metadata::Deb(DebMetadata {
            source,
            source_version,
            installed_size: stanza.text("Installed-Size").and_then(|s| s.parse().ok()),
            depends: split_relations(stanza.get("Depends")),
            pre_depends: split_relations(stanza.get("Pre-Depends")),
            provides: split_relations(stanza.get("Provides")),
        }),
        name,
        version,
        arch,
    })
}

/// `info/NAME:ARCH.EXT` (multi-arch packages) or `info/NAME.EXT`.
fn companion<'a>(
    files: &'a ImageFiles,
    dir: &str,
    name: &str,
    arch: Option<&str>,
    ext: &str,
) -> Option<FileRef<'a>> {
    arch.and_then(|arch| files.read(&format!("{dir}/{name}:{arch}.{ext}")))
        .or_else(|| files.read(&format!("{dir}/{name}.{ext}")))
}

/// `md5  relative/path` lines.
fn parse_md5sums(data: &[u8]) -> Vec<OwnedFile> {
    String::from_utf8_lossy(data)
        .lines()
        .filter_map(|line| {
            let (digest, path) = line.split_once(char::is_whitespace)?;
            let path = path.trim_start();
            (!path.is_empty()).then(|| OwnedFile {
                path: format!("/{}", path.trim_start_matches('/')),
                digest: Some(FileDigest {
                    algorithm: "md5",
                    value: digest.to_ascii_lowercase(),
                }),
                config: false,
                ..OwnedFile::default()
            })
        })
        .collect()
}

/// The status file's `Conffiles:` lines: ` /etc/path md5 [obsolete]`.
fn parse_conffiles_field(value: Option<&str>) -> Vec<OwnedFile> {
    value
        .unwrap_or_default()
        .lines()
        .filter_map(|line| {
            let mut words = line.split_whitespace();
            let path = words.next()?;
            let digest = words
                .next()
                .filter(|d| d.len() == 32 && d.bytes().all(|b| b.is_ascii_hexdigit()));
            Some(OwnedFile {
                path: path.to_owned(),
                digest: digest.map(|d| FileDigest {
                    algorithm: "md5",
                    value: d.to_ascii_lowercase(),
                }),
                config: true,
                ..OwnedFile::default()
            })
        })
        .collect()
}

/// `pkg:deb/debian/NAME@VERSION?arch=…&distro=debian-12&upstream=SRC[@SRCVER]`.
fn purl(
    distro: &Distro,
    name: &str,
    version: &str,
    arch: Option<&str>,
    source: Option<&str>,
    source_version: Option<&str>,
) -> Option<String> {
    let mut purl = PackageUrl::new("deb", name).ok()?;
    purl.with_namespace(distro.id.as_str());
    if !version.is_empty() {
        purl.with_version(version);
    }
    if let Some(arch) = arch {
        purl.add_qualifier("arch", arch).ok()?;
    }
    purl.add_qualifier("distro", distro.purl_qualifier()).ok()?;
    if let Some(source) = source {
        let upstream = match source_version {
            Some(v) => format!("{source}@{v}"),
            None => source.to_owned(),
        };
        purl.add_qualifier("upstream", upstream).ok()?;
    }
    Some(purl.to_string())
}
