//! The minimum elements (NTIA, CISA FSCT3, BSI TR-03183-2) as every format
//! states them, decided once here so that SPDX 2, SPDX 3 and CycloneDX never
//! disagree:
//!
//! - **Supplier**: the person or organisation the package's own record names
//!   (dpkg `Maintainer`, apk `m:`, rpm `Vendor` else `Packager`, npm
//!   `author` else `maintainers` else `contributors`, Python `Author` else
//!   `Maintainer`, gem `authors`, Composer's first author, a jar manifest's
//!   `Implementation-Vendor` or `Bundle-Vendor`), split into a name, an
//!   email and a URL. A package whose record names nobody has no
//!   supplier: none is invented.
//! - **Concluded license**: the declared licenses joined with AND, but only
//!   when every one of them has an exact SPDX form (an SPDX expression in the
//!   record, or a DEP-5 short name the copyright-format specification maps).
//!   tallyman reads what packages declare and does not scan license texts, so
//!   that is the only conclusion its evidence supports; anything else is
//!   NOASSERTION.
//! - **Copyright**: the notices the package's own files state (Debian's
//!   `copyright` file), never composed.
//! - **Dependency completeness**: known complete for a package whose type
//!   records every dependency it has ([`PackageType::records_dependencies`]),
//!   unknown otherwise.
//! - **Hashes**: the digests of the package's own distributable that its
//!   record states (an npm lockfile's `integrity`, NuGet's `sha512`,
//!   Composer's `dist.shasum`), as hex.

use base64::Engine as _;
use tallyman_catalogers::{License, Metadata, Package, PackageType};

/// A person or organisation as a record names it: `Name <email> (url)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    pub email: Option<String>,
    pub url: Option<String>,
}

impl Person {
    /// `None` when `text` holds neither a name nor an email.
    pub fn parse(text: &str) -> Option<Person> {
        let text = text.trim();
        let (rest, url) = match (text.rfind('('), text.ends_with(')')) {
            (Some(open), true) if text[open..].contains("://") => (
                text[..open].trim(),
                Some(text[open + 1..text.len() - 1].trim().to_owned()),
            ),
            _ => (text, None),
        };
        let (name, email) = match (rest.find('<'), rest.rfind('>')) {
            (Some(open), Some(close)) if open < close => (
                rest[..open].trim(),
                Some(rest[open + 1..close].trim().to_owned()).filter(|e| e.contains('@')),
            ),
            _ => (rest, None),
        };
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        let url = url.filter(|u| super::image_identity::is_web_url(u));
        if name.is_empty() && email.is_none() {
            return None;
        }
        let name = if name.is_empty() {
            email.clone().unwrap_or_default()
        } else {
            name
        };
        Some(Person { name, email, url })
    }
}

/// The package's supplier, from its own record only.
pub fn supplier(package: &Package) -> Option<Person> {
    package.supplier.as_deref().and_then(Person::parse)
}

/// The concluded license as an SPDX expression, or `None` for NOASSERTION
/// (see the module comment for the rule).
pub fn concluded_license(licenses: &[License]) -> Option<String> {
    if licenses.is_empty() || licenses.iter().any(|l| l.spdx.is_none()) {
        return None;
    }
    let mut alone: Vec<&str> = licenses.iter().filter_map(|l| l.spdx.as_deref()).collect();
    alone.dedup();
    if let [one] = alone[..] {
        return Some(one.to_owned());
    }
    let mut terms: Vec<String> = licenses
        .iter()
        .filter_map(|l| l.spdx.as_deref())
        .map(|spdx| {
            if spdx.contains(' ') {
                format!("({spdx})")
            } else {
                spdx.to_owned()
            }
        })
        .collect();
    terms.sort();
    terms.dedup();
    Some(terms.join(" AND "))
}

/// The package's copyright notices, if its files state any.
pub fn copyright(package: &Package) -> Option<&str> {
    package
        .copyright
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
}

/// Whether the package's dependency edges are its whole list.
pub fn dependencies_complete(kind: PackageType) -> bool {
    kind.records_dependencies()
}

/// A hash algorithm a record states a digest in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Algorithm {
    Sha1,
    Sha256,
    Sha512,
}

/// A digest of the package's distributable (see the module comment).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ArtifactHash {
    pub algorithm: Algorithm,
    /// Lowercase hex.
    pub hex: String,
}

/// The digests the package's record states of its distributable, sorted.
pub fn artifact_hashes(package: &Package) -> Vec<ArtifactHash> {
    let mut hashes = match &package.metadata {
        Metadata::Npm(npm) => npm.integrity.as_deref().map(subresource_integrity),
        Metadata::DotNet(dotnet) => dotnet.sha512.as_deref().map(subresource_integrity),
        Metadata::Composer(composer) => composer
            .dist_shasum
            .as_deref()
            .filter(|sum| sum.len() == 40 && sum.bytes().all(|b| b.is_ascii_hexdigit()))
            .map(|sum| {
                vec![ArtifactHash {
                    algorithm: Algorithm::Sha1,
                    hex: sum.to_ascii_lowercase(),
                }]
            }),
        _ => None,
    }
    .unwrap_or_default();
    hashes.sort();
    hashes.dedup();
    hashes
}

/// The digests of a subresource-integrity string (`sha512-<base64> sha1-…`);
/// entries of other algorithms or of the wrong length are left out.
fn subresource_integrity(text: &str) -> Vec<ArtifactHash> {
    text.split_whitespace()
        .filter_map(|entry| {
            let (name, value) = entry.split_once('-')?;
            let (algorithm, length) = match name {
                "sha1" => (Algorithm::Sha1, 20),
                "sha256" => (Algorithm::Sha256, 32),
                "sha512" => (Algorithm::Sha512, 64),
                _ => return None,
            };
            let value = value.split('?').next().unwrap_or_default();
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(value)
                .ok()
                .filter(|b| b.len() == length)?;
            Some(ArtifactHash {
                algorithm,
                hex: hex::encode(bytes),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn people_with_emails_and_urls() {
        assert_eq!(
            Person::parse("Isaac Z. Schlueter <i@izs.me> (http://blog.izs.me)"),
            Some(Person {
                name: "Isaac Z. Schlueter".to_owned(),
                email: Some("i@izs.me".to_owned()),
                url: Some("http://blog.izs.me".to_owned()),
            })
        );
        assert_eq!(
            Person::parse("<debian-python@lists.debian.org>").map(|p| p.name),
            Some("debian-python@lists.debian.org".to_owned())
        );
        assert_eq!(Person::parse("  "), None);
        assert_eq!(
            Person::parse("Red Hat, Inc."),
            Some(Person {
                name: "Red Hat, Inc.".to_owned(),
                email: None,
                url: None,
            })
        );
    }

    #[test]
    fn integrity_strings() {
        let hashes = subresource_integrity(
            "sha512-9dFSRfd7y6S1kfhLj5ZCzRzoHk8FR/eZctBhmuVB6GqmiKbUaS7G1nt0hgPlMxBtRyvjNdbgRz9K8dXQ+xkG4g== sha1-AAAA md5-x",
        );
        assert_eq!(hashes.len(), 1);
        assert_eq!(hashes[0].algorithm, Algorithm::Sha512);
        assert_eq!(&hashes[0].hex[..16], "f5d15245f77bcba4");
    }

    #[test]
    fn concluded_only_when_every_license_is_spdx() {
        let mit = License::new("MIT");
        let gpl = License::new("GPL-2+");
        let odd = License::new("probably-PD");
        assert_eq!(concluded_license(&[]), None);
        assert_eq!(
            concluded_license(&[mit.clone(), gpl, mit.clone()]).as_deref(),
            Some("GPL-2.0-or-later AND MIT")
        );
        assert_eq!(concluded_license(&[mit, odd]), None);
        assert_eq!(
            concluded_license(&[License::new("MIT OR Apache-2.0")]).as_deref(),
            Some("MIT OR Apache-2.0")
        );
    }
}
