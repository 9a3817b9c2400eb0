//! How documents name the scanned image: its repository and tag, the digest
//! that identifies it, its `pkg:oci` purl, and a content hash from which
//! document namespaces and serial numbers are derived (so the same scan
//! always gives the same identifiers — no random UUIDs, no clock).

use packageurl::PackageUrl;
use sha2::{Digest as _, Sha256};

use crate::Sbom;
use crate::{ImageInfo, SourceKind};
use tallyman_oci::Digest;

/// The image as documents name it.
pub struct ImageIdentity {
    /// Short name: the repository's last path component, or the file's stem.
    pub name: String,
    /// The manifest digest, else the config digest (image id).
    pub digest: Option<Digest>,
    /// `pkg:oci/name@sha256:…?arch=…&repository_url=…&tag=…`.
    pub purl: Option<String>,
    /// Hex sha256 over everything a document says, for ids and namespaces.
    pub content_hash: String,
}

impl ImageIdentity {
    pub fn of(sbom: &Sbom) -> ImageIdentity {
        let info = &sbom.source;
        let (repository, tag) = reference(info);
        let name = repository
            .as_deref()
            .and_then(|r| r.rsplit('/').next())
            .map(str::to_owned)
            .unwrap_or_else(|| file_stem(info));
        let digest = info.digest().cloned();
        let purl = digest.as_ref().and_then(|digest| {
            let mut purl = PackageUrl::new("oci", name.to_ascii_lowercase()).ok()?;
            purl.with_version(digest.to_string());
            if let Some(arch) = info.platform.as_deref().and_then(|p| p.split('/').nth(1)) {
                purl.add_qualifier("arch", arch.to_owned()).ok()?;
            }
            if let Some(repository) = &repository {
                purl.add_qualifier("repository_url", repository.clone())
                    .ok()?;
            }
            if let Some(tag) = &tag {
                purl.add_qualifier("tag", tag.clone()).ok()?;
            }
            Some(purl.to_string())
        });
        ImageIdentity {
            name,
            digest,
            purl,
            content_hash: content_hash(sbom),
        }
    }
}

/// (repository, tag) from a full reference such as `docker.io/lib/x:1`, or
/// just the tag when the image only has a short OCI ref name.
fn reference(info: &ImageInfo) -> (Option<String>, Option<String>) {
    let Some(tag) = info.tags.first() else {
        return (None, None);
    };
    let last_slash = tag.rfind('/').unwrap_or(0);
    match tag[last_slash..].rfind(':') {
        Some(colon) if tag.contains('/') => {
            let at = last_slash + colon;
            (Some(tag[..at].to_owned()), Some(tag[at + 1..].to_owned()))
        }
        _ if tag.contains('/') => (Some(tag.clone()), None),
        _ => (None, Some(tag.clone())),
    }
}

/// `debian` for `…/debian.oci.tar`, `rootfs` for `dir:/srv/rootfs`.
fn file_stem(info: &ImageInfo) -> String {
    let path = info
        .input
        .split_once(':')
        .filter(|(kind, _)| ["docker-archive", "oci-dir", "oci-archive", "dir"].contains(kind));
    let path = path.map_or(info.input.as_str(), |(_, rest)| rest);
    let path = if info.kind != SourceKind::Dir && !info.tags.is_empty() {
        path.rsplit_once(':').map_or(path, |(p, _)| p)
    } else {
        path
    };
    let base = path
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or(path);
    let mut stem = base;
    for ext in [".tar", ".oci", ".docker"] {
        stem = stem.strip_suffix(ext).unwrap_or(stem);
    }
    if stem.is_empty() {
        "image".to_owned()
    } else {
        stem.to_owned()
    }
}

/// sha256 over the tool version, the image's identity and every package and
/// edge: equal scans give equal hashes, and any difference changes it.
fn content_hash(sbom: &Sbom) -> String {
    let mut hasher = Sha256::new();
    hasher.update(crate::VERSION.as_bytes());
    let text = |digest: Option<&Digest>| digest.map_or_else(|| "-".to_owned(), Digest::to_string);
    for part in [&sbom.source.manifest_digest, &sbom.source.config_digest] {
        hasher.update(text(part.as_ref()).as_bytes());
        hasher.update([0]);
    }
    for layer in &sbom.source.layers {
        hasher.update(text(layer.id()).as_bytes());
        hasher.update([0]);
    }
    for package in &sbom.packages {
        hasher.update(package.id.as_bytes());
        hasher.update([0]);
    }
    for edge in &sbom.relationships {
        hasher.update(format!("{}>{}:{:?}", edge.from, edge.to, edge.kind).as_bytes());
        hasher.update([0]);
    }
    hex::encode(hasher.finalize())
}

/// Whether `text` is an absolute http(s) URL that validators accept.
pub fn is_web_url(text: &str) -> bool {
    let Some((scheme, rest)) = text.split_once("://") else {
        return false;
    };
    matches!(scheme, "http" | "https")
        && !rest.is_empty()
        && !text.chars().any(|c| {
            c.is_whitespace()
                || c.is_control()
                || matches!(c, '<' | '>' | '"' | '\\' | '{' | '}' | '|' | '^' | '`')
        })
        && rest.split('/').next().is_some_and(|host| {
            !host.is_empty()
                && host
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '@' | '_'))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_urls() {
        assert!(is_web_url("https://github.com/npm/cli"));
        assert!(!is_web_url("jshttp/vary"));
        assert!(!is_web_url("git+https://github.com/x/y.git"));
        assert!(!is_web_url("https://exa mple.com"));
    }
}
