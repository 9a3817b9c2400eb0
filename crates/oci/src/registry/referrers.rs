//! OCI 1.1 referrers: artifacts (signatures, attestations, SBOMs) whose
//! manifest names an image as its `subject`. A registry with the referrers
//! API lists them at `/v2/<name>/referrers/<digest>` and says so by answering
//! a push with `OCI-Subject`; for every other registry the client keeps the
//! list itself, as the distribution spec's tag schema says: an image index
//! under the tag `sha256-<hex>`, updated read-modify-write without ever
//! dropping an entry.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::json;

use super::{shared_tag, Manifest, Repository};
use crate::digest::Digest;
use crate::error::{Context, Result};
use crate::fail;
use crate::manifest::OCI_INDEX;

/// One entry of a referrers list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Referrer {
    #[serde(rename = "mediaType")]
    pub media_type: String,
    pub digest: Digest,
    pub size: u64,
    #[serde(
        rename = "artifactType",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub artifact_type: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub annotations: BTreeMap<String, String>,
}

impl Referrer {
    /// The entry for a manifest: its artifact type and annotations as the
    /// manifest states them (`artifactType`, else its config's media type).
    pub fn of_manifest(bytes: &[u8], media_type: &str) -> Result<Referrer> {
        let manifest: serde_json::Value =
            serde_json::from_slice(bytes).context("a referrer manifest is not JSON")?;
        let artifact_type = manifest["artifactType"]
            .as_str()
            .or_else(|| manifest["config"]["mediaType"].as_str())
            .map(str::to_owned);
        let annotations =
            serde_json::from_value(manifest["annotations"].clone()).unwrap_or_default();
        Ok(Referrer {
            media_type: media_type.to_owned(),
            digest: Digest::sha256(bytes),
            size: bytes.len() as u64,
            artifact_type,
            annotations,
        })
    }
}

#[derive(Deserialize)]
struct Index {
    #[serde(default)]
    manifests: Vec<Referrer>,
}

/// Where a registry keeps the referrers list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listing {
    /// The registry's referrers API.
    Api,
    /// The `sha256-<hex>` tag the client maintains.
    TagSchema,
}

/// `sha256-<hex>`: the tag schema's tag for `digest`.
pub fn fallback_tag(digest: &Digest) -> String {
    digest.dashed()
}

/// The referrers of `digest` and where they were found (the API when the
/// registry offers it, else the tag schema's index; empty when neither has
/// any).
pub fn list(repository: &Repository, digest: &Digest) -> Result<(Vec<Referrer>, Listing)> {
    if let Some(bytes) = repository.referrers_api(digest)? {
        let index: Index = serde_json::from_slice(&bytes).with_context(|| {
            format!(
                "{}: the referrers of {digest} are not an index",
                repository.name()
            )
        })?;
        return Ok((index.manifests, Listing::Api));
    }
    Ok((tag_schema_entries(repository, digest)?, Listing::TagSchema))
}

fn tag_schema_entries(repository: &Repository, digest: &Digest) -> Result<Vec<Referrer>> {
    let tag = fallback_tag(digest);
    match repository.fetch_manifest(&tag)? {
        Some(manifest) => entries_of(repository, &tag, &manifest),
        None => Ok(Vec::new()),
    }
}

/// The entries of the tag schema's index under `tag`.
fn entries_of(repository: &Repository, tag: &str, manifest: &Manifest) -> Result<Vec<Referrer>> {
    if manifest.media_type != OCI_INDEX {
        fail!(
            "{}:{tag}: the referrers tag holds a {}, not an image index",
            repository.name(),
            manifest.media_type
        );
    }
    let index: Index = serde_json::from_slice(&manifest.bytes)
        .with_context(|| format!("{}:{tag}: not an image index", repository.name()))?;
    Ok(index.manifests)
}

/// Pushes a manifest whose `subject` is `subject` (by its digest) and makes
/// sure it is listed: by the registry (it answered with `OCI-Subject`) or in
/// the tag schema's index.
pub fn push(
    repository: &Repository,
    subject: &Digest,
    bytes: &[u8],
    media_type: &str,
) -> Result<Listing> {
    let entry = Referrer::of_manifest(bytes, media_type)?;
    if shared_tag::put_retrying(repository, &entry.digest.to_string(), media_type, bytes)? {
        return Ok(Listing::Api);
    }
    // Other clients update the same index at the same time: see shared_tag.
    let tag = fallback_tag(subject);
    shared_tag::update(
        repository,
        &tag,
        |manifest| {
            entries_of(repository, &tag, manifest)
                .is_ok_and(|entries| entries.iter().any(|e| e.digest == entry.digest))
        },
        |current| {
            let mut entries = match current {
                Some(manifest) => entries_of(repository, &tag, manifest)?,
                None => Vec::new(),
            };
            entries.push(entry.clone());
            let index = serde_json::to_vec(&json!({
                "schemaVersion": 2,
                "mediaType": OCI_INDEX,
                "manifests": entries,
            }))?;
            Ok::<_, crate::error::Error>((index, OCI_INDEX.to_owned()))
        },
    )?;
    Ok(Listing::TagSchema)
}
