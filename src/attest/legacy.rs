//! Attestations stored in a registry the way cosign 2 stored them
//! (`--attach-format legacy`): in the image's repository under the tag
//! `sha256-<hex>.att`, an OCI image manifest
//! whose layers are DSSE envelopes (`application/vnd.dsse.envelope.v1+json`)
//! annotated with `dev.cosignproject.cosign/signature: ""` and their
//! `predicateType`. Attaching appends to an existing `.att` manifest;
//! `replace` first drops the layers of the same predicate type.

use anyhow::{Context, Result};
use serde_json::{json, Value};

use crate::blob::Digest;
use crate::source::registry::Repository;

pub const DSSE_MEDIA_TYPE: &str = "application/vnd.dsse.envelope.v1+json";
const OCI_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";
const OCI_CONFIG: &str = "application/vnd.oci.image.config.v1+json";
const SIGNATURE_ANNOTATION: &str = "dev.cosignproject.cosign/signature";
const PREDICATE_ANNOTATION: &str = "predicateType";

/// `sha256-<hex>.att` for the image with manifest digest `digest`.
pub fn attestation_tag(digest: &Digest) -> String {
    format!("{}-{}.att", digest.algorithm().name(), digest.hex())
}

fn existing_layers(repository: &Repository, tag: &str) -> Result<Vec<Value>> {
    let Some(bytes) = repository.manifest(tag, &[OCI_MANIFEST])? else {
        return Ok(Vec::new());
    };
    let manifest: Value =
        serde_json::from_slice(&bytes).with_context(|| format!("{tag}: not a JSON manifest"))?;
    Ok(manifest["layers"].as_array().cloned().unwrap_or_default())
}

/// Appends `envelope` to the image's `.att` manifest; returns the tag.
pub fn attach(
    repository: &Repository,
    digest: &Digest,
    envelope: &[u8],
    predicate_type: &str,
    replace: bool,
) -> Result<String> {
    let tag = attestation_tag(digest);
    let mut layers = existing_layers(repository, &tag)?;
    if replace {
        layers.retain(|layer| layer["annotations"][PREDICATE_ANNOTATION] != predicate_type);
    }
    let envelope_digest = repository.upload_blob(envelope)?;
    layers.retain(|layer| layer["digest"] != envelope_digest.to_string().as_str());
    layers.push(json!({
        "mediaType": DSSE_MEDIA_TYPE,
        "size": envelope.len(),
        "digest": envelope_digest,
        "annotations": {
            SIGNATURE_ANNOTATION: "",
            PREDICATE_ANNOTATION: predicate_type,
        }
    }));
    let diff_ids: Vec<&Value> = layers.iter().map(|l| &l["digest"]).collect();
    let config = serde_json::to_vec(&json!({
        "architecture": "",
        "created": "0001-01-01T00:00:00Z",
        "history": [{"created": "0001-01-01T00:00:00Z"}],
        "os": "",
        "rootfs": {"type": "layers", "diff_ids": diff_ids},
        "config": {}
    }))?;
    let config_digest = repository.upload_blob(&config)?;
    let manifest = serde_json::to_vec(&json!({
        "schemaVersion": 2,
        "mediaType": OCI_MANIFEST,
        "config": {"mediaType": OCI_CONFIG, "size": config.len(), "digest": config_digest},
        "layers": layers,
    }))?;
    repository.put_manifest(&tag, OCI_MANIFEST, &manifest)?;
    Ok(tag)
}

/// The DSSE envelopes attached to the image, oldest first (none when there
/// is no `.att` tag).
pub fn fetch(repository: &Repository, digest: &Digest) -> Result<Vec<Vec<u8>>> {
    let tag = attestation_tag(digest);
    let layers = existing_layers(repository, &tag)?;
    layers
        .iter()
        .filter(|layer| layer["mediaType"] == DSSE_MEDIA_TYPE)
        .map(|layer| {
            let digest = layer["digest"]
                .as_str()
                .context("an attestation layer has no digest")?;
            let digest = Digest::parse(digest)
                .with_context(|| format!("{tag}: an attestation layer's digest"))?;
            repository.blob(&digest)
        })
        .collect()
}
