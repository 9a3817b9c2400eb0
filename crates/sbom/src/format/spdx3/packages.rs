//! The image and its packages as `software_Package` elements, and the
//! files they relate to as `software_File` elements.
//!
//! - The image: purpose `container`, its digest as version and as a sha256
//!   `Hash`, its `pkg:oci` purl.
//! - A package: name, version, purpose (`application` for a project root,
//!   else `library`), description, homepage and download location (only
//!   absolute web URLs, the latter a lockfile's `resolved` URL or the
//!   repository, as the SPDX 2 writer picks it), purl and CPEs as
//!   `externalIdentifier`s, supplier and originator (whom its record
//!   names), copyright, the hashes its record states of its distributable
//!   ([`elements::artifact_hashes`]), and the record it was read from in
//!   `software_sourceInfo`, worded as SPDX 2's `sourceInfo`.
//! - The distributable itself, where tallyman knows its file name: an npm
//!   lockfile's `resolved` tarball, a NuGet package's `.nupkg`. Nothing is
//!   made up for the others.
//! - With `--spdx-files`, the files an OS package owns that are in the
//!   image, with the sha1 of their content and the database's md5.

use std::collections::BTreeMap;

use serde_json::{json, Value};
use tallyman_catalogers::{Metadata, Package};

use super::ids::Ids;
use super::CREATION_INFO;
use crate::format::elements::{self, Algorithm, ArtifactHash};
use crate::format::image_identity::{is_web_url, ImageIdentity};
use crate::format::spdx::source_info;
use crate::{Sbom, ScannedPackage};

/// An element and its IRI.
pub struct Element {
    pub id: String,
    pub element: Value,
}

/// The image's package.
pub fn image(ids: &Ids, sbom: &Sbom, identity: &ImageIdentity) -> Value {
    let mut image = json!({
        "type": "software_Package",
        "spdxId": ids.image(),
        "creationInfo": CREATION_INFO,
        "name": sbom.source.name,
    });
    if let Some(digest) = &identity.digest {
        image["software_packageVersion"] = json!(digest.to_string());
    }
    image["software_primaryPurpose"] = json!("container");
    if let Some(purl) = &identity.purl {
        image["software_packageUrl"] = json!(purl);
        image["externalIdentifier"] = json!([identifier("packageUrl", purl)]);
    }
    if let Some(digest) = &identity.digest {
        let algorithm = match digest.algorithm() {
            tallyman_oci::Algorithm::Sha256 => "sha256",
            tallyman_oci::Algorithm::Sha512 => "sha512",
        };
        image["verifiedUsing"] = json!([hash(algorithm, digest.hex())]);
    }
    image
}

/// A scanned package; `supplier` is its supplier's agent.
pub fn package(sbom: &Sbom, scanned: &ScannedPackage, id: &str, supplier: Option<&str>) -> Value {
    let p = &scanned.package;
    let mut package = json!({
        "type": "software_Package",
        "spdxId": id,
        "creationInfo": CREATION_INFO,
        "name": p.name,
    });
    let object = &mut package;
    if !p.version.is_empty() {
        object["software_packageVersion"] = json!(p.version);
    }
    object["software_primaryPurpose"] = json!(if p.application {
        "application"
    } else {
        "library"
    });
    if let Some(description) = p.description.as_deref().filter(|d| !d.trim().is_empty()) {
        object["description"] = json!(description);
    }
    if let Some(homepage) = p.homepage.as_deref().filter(|h| is_web_url(h)) {
        object["software_homePage"] = json!(homepage);
    }
    if let Some(location) = download_location(p) {
        object["software_downloadLocation"] = json!(location);
    }
    if let Some(purl) = &p.purl {
        object["software_packageUrl"] = json!(purl);
    }
    let identifiers: Vec<Value> = p
        .purl
        .iter()
        .map(|purl| identifier("packageUrl", purl))
        .chain(p.cpes.iter().map(|cpe| {
            let kind = if cpe.starts_with("cpe:/") {
                "cpe22"
            } else {
                "cpe23"
            };
            identifier(kind, cpe)
        }))
        .collect();
    if !identifiers.is_empty() {
        object["externalIdentifier"] = Value::Array(identifiers);
    }
    if let Some(supplier) = supplier {
        // Whom the record names made the package as it is found (an
        // author, or the maintainer who built a distribution's package):
        // its originator too, where BSI TR-03183-2 looks for the creator.
        object["suppliedBy"] = json!(supplier);
        object["originatedBy"] = json!([supplier]);
    }
    if let Some(copyright) = elements::copyright(p) {
        object["software_copyrightText"] = json!(copyright);
    }
    let hashes = hashes(&elements::artifact_hashes(p));
    if !hashes.is_empty() {
        object["verifiedUsing"] = Value::Array(hashes);
    }
    if let Some(info) = source_info(sbom, p) {
        object["software_sourceInfo"] = json!(info);
    }
    package
}

/// The file the package was distributed as, where its name is known and
/// its record states a hash of it.
pub fn distribution_artifact(ids: &Ids, scanned: &ScannedPackage) -> Option<Element> {
    let p = &scanned.package;
    let digests = elements::artifact_hashes(p);
    if digests.is_empty() {
        return None;
    }
    let (name, url) = match &p.metadata {
        Metadata::Npm(npm) => {
            let url = npm.resolved.as_deref().filter(|u| is_web_url(u))?;
            (url_file_name(url)?, Some(url))
        }
        Metadata::DotNet(_) if !p.name.is_empty() && !p.version.is_empty() => {
            // NuGet's global packages folder spells both in lowercase.
            let name = format!(
                "{}.{}.nupkg",
                p.name.to_lowercase(),
                p.version.to_lowercase()
            );
            (name, None)
        }
        _ => return None,
    };
    let id = ids.artifact(&scanned.id);
    let mut element = json!({
        "type": "software_File",
        "spdxId": id,
        "creationInfo": CREATION_INFO,
        "name": name,
        "verifiedUsing": hashes(&digests),
        "software_additionalPurpose": ["archive"],
    });
    if let Some(url) = url {
        element["externalRef"] = json!([{
            "type": "ExternalRef",
            "externalRefType": "binaryArtifact",
            "locator": [url],
        }]);
    }
    Some(Element { id, element })
}

/// The files a package owns that are in the image (`--spdx-files`).
pub fn owned_files(
    ids: &Ids,
    scanned: &ScannedPackage,
    digests: &BTreeMap<String, String>,
) -> Vec<Element> {
    scanned
        .package
        .files
        .iter()
        .filter_map(|owned| {
            let sha1 = digests.get(&owned.path)?;
            let id = ids.owned_file(&scanned.id, &scanned.package.name, &owned.path);
            let mut verified = vec![hash("sha1", sha1)];
            if let Some(md5) = owned.digest.as_ref().filter(|d| d.algorithm == "md5") {
                verified.push(hash("md5", &md5.value));
            }
            let element = json!({
                "type": "software_File",
                "spdxId": id,
                "creationInfo": CREATION_INFO,
                "name": format!(".{}", owned.path),
                "verifiedUsing": verified,
            });
            Some(Element { id, element })
        })
        .collect()
}

/// A lockfile's `resolved` URL, else the repository (a web URL, bare or as
/// a `git+…` VCS location), as the SPDX 2 writer picks it.
fn download_location(p: &Package) -> Option<String> {
    let Metadata::Npm(npm) = &p.metadata else {
        return None;
    };
    let valid = |text: &&String| {
        let bare = ["git+", "hg+", "svn+", "bzr+"]
            .iter()
            .find_map(|prefix| text.strip_prefix(prefix))
            .unwrap_or(text);
        is_web_url(bare)
    };
    npm.resolved
        .iter()
        .chain(npm.repository.iter())
        .find(valid)
        .cloned()
}

/// The last path segment of a URL, without query or fragment.
pub(super) fn url_file_name(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next()?;
    let (_, rest) = path.split_once("://")?;
    let (_, path) = rest.split_once('/')?;
    let name = path.rsplit('/').next()?;
    (!name.is_empty()).then(|| name.to_owned())
}

fn identifier(kind: &str, value: &str) -> Value {
    json!({
        "type": "ExternalIdentifier",
        "externalIdentifierType": kind,
        "identifier": value,
    })
}

fn hash(algorithm: &str, hex: &str) -> Value {
    json!({"type": "Hash", "algorithm": algorithm, "hashValue": hex})
}

fn hashes(hashes: &[ArtifactHash]) -> Vec<Value> {
    hashes
        .iter()
        .map(|h| {
            let algorithm = match h.algorithm {
                Algorithm::Sha1 => "sha1",
                Algorithm::Sha256 => "sha256",
                Algorithm::Sha512 => "sha512",
            };
            hash(algorithm, &h.hex)
        })
        .collect()
}
