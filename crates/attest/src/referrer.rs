//! Attestations attached the way cosign 3 attaches them by default: a
//! Sigstore bundle in an OCI 1.1 referrer manifest (`artifactType` the
//! bundle's media type, the empty config, one layer holding the bundle,
//! `subject` the image's manifest, and the annotations cosign sets), listed
//! through the registry's referrers API or the tag schema.

use crate::error::Result;
use serde_json::json;

use super::bundle::{MEDIA_TYPE_PREFIX, MEDIA_TYPE_V03};
use tallyman_oci::registry::{referrers, Listing, Manifest, Repository};
use tallyman_oci::Digest;

const OCI_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";
/// The OCI empty descriptor's media type and content (`{}`).
pub const EMPTY_MEDIA_TYPE: &str = "application/vnd.oci.empty.v1+json";
const EMPTY_CONTENT: &[u8] = b"{}";
const CONTENT_ANNOTATION: &str = "dev.sigstore.bundle.content";
const PREDICATE_ANNOTATION: &str = "dev.sigstore.bundle.predicateType";
const CREATED_ANNOTATION: &str = "org.opencontainers.image.created";

/// Attaches `bundle` (a DSSE bundle of `predicate_type`) to the image whose
/// manifest is `subject`; returns the referrer manifest's digest and where
/// the registry lists it.
pub fn attach(
    repository: &Repository,
    subject: &Manifest,
    bundle: &[u8],
    predicate_type: &str,
    created: &str,
) -> Result<(Digest, Listing)> {
    let config = repository.upload_blob(EMPTY_CONTENT)?;
    let layer = repository.upload_blob(bundle)?;
    let manifest = serde_json::to_vec(&json!({
        "schemaVersion": 2,
        "mediaType": OCI_MANIFEST,
        "artifactType": MEDIA_TYPE_V03,
        "config": {"mediaType": EMPTY_MEDIA_TYPE, "digest": config, "size": EMPTY_CONTENT.len()},
        "layers": [{"mediaType": MEDIA_TYPE_V03, "digest": layer, "size": bundle.len()}],
        "subject": {
            "mediaType": subject.media_type,
            "digest": subject.digest,
            "size": subject.bytes.len(),
        },
        "annotations": {
            CONTENT_ANNOTATION: "dsse-envelope",
            PREDICATE_ANNOTATION: predicate_type,
            CREATED_ANNOTATION: created,
        },
    }))?;
    let listing = referrers::push(repository, &subject.digest, &manifest, OCI_MANIFEST)?;
    Ok((Digest::sha256(&manifest), listing))
}

/// A bundle attached to an image.
pub struct Attached {
    pub bundle: Vec<u8>,
    /// The referrer manifest's digest.
    pub manifest: Digest,
    pub created: String,
    /// What the manifest says the bundle holds (cosign's annotation).
    pub predicate_type: Option<String>,
}

/// The bundles attached to the image `digest` (oldest first, by their
/// `created` annotation), and where the list was found.
pub fn fetch(repository: &Repository, digest: &Digest) -> Result<(Vec<Attached>, Listing)> {
    let (entries, listing) = referrers::list(repository, digest)?;
    let mut found = Vec::new();
    for entry in entries {
        let is_bundle = entry
            .artifact_type
            .as_deref()
            .is_some_and(|t| t.starts_with(MEDIA_TYPE_PREFIX));
        if !is_bundle {
            continue;
        }
        let manifest = repository.manifest_by_digest(&entry.digest)?;
        let artifact = repository.artifact(&manifest, |media_type, _| {
            media_type.starts_with(MEDIA_TYPE_PREFIX)
        })?;
        let created = artifact
            .annotations
            .get(CREATED_ANNOTATION)
            .and_then(|v| v.as_str())
            .or_else(|| {
                entry
                    .annotations
                    .get(CREATED_ANNOTATION)
                    .map(String::as_str)
            })
            .unwrap_or_default()
            .to_owned();
        let predicate_type = artifact
            .annotations
            .get(PREDICATE_ANNOTATION)
            .and_then(|v| v.as_str())
            .map(str::to_owned);
        for layer in artifact.layers {
            found.push(Attached {
                bundle: layer.bytes,
                manifest: manifest.digest.clone(),
                created: created.clone(),
                predicate_type: predicate_type.clone(),
            });
        }
    }
    found.sort_by(|a, b| a.created.cmp(&b.created));
    Ok((found, listing))
}
