//! Attestations stored in a registry the way cosign 2 stored them
//! (`--attach-format legacy`): in the image's repository under the tag
//! `sha256-<hex>.att`, an OCI image manifest
//! whose layers are DSSE envelopes (`application/vnd.dsse.envelope.v1+json`)
//! annotated with `dev.cosignproject.cosign/signature: ""` and their
//! `predicateType`. Attaching appends to an existing `.att` manifest;
//! `replace` first drops the layers of the same predicate type.
//!
//! A keyless cosign 2 attestation keeps its verification material in the
//! layer's annotations (`dev.sigstore.cosign/certificate`, `…/chain`, the
//! Rekor `…/bundle` with its signed entry timestamp, `…/rfc3161timestamp`);
//! [`Layer::keyless_bundle`] carries them over into the Sigstore bundle
//! (v0.1, the version whose log proof is the signed entry timestamp) they
//! amount to, so one verifier checks both forms.

use crate::error::{Context, Error, Result};
use base64::Engine;
use serde_json::{json, Map, Value};
use tallyman_oci::fail;

use tallyman_oci::registry::Repository;
use tallyman_oci::Digest;

pub const DSSE_MEDIA_TYPE: &str = "application/vnd.dsse.envelope.v1+json";
const OCI_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";
const OCI_CONFIG: &str = "application/vnd.oci.image.config.v1+json";
const SIGNATURE_ANNOTATION: &str = "dev.cosignproject.cosign/signature";
const PREDICATE_ANNOTATION: &str = "predicateType";

/// `sha256-<hex>.att` for the image with manifest digest `digest`.
pub fn attestation_tag(digest: &Digest) -> String {
    format!("{}.att", digest.dashed())
}

fn existing_layers(repository: &Repository, tag: &str) -> Result<Vec<Value>> {
    let Some(manifest) = repository.fetch_manifest(tag)? else {
        return Ok(Vec::new());
    };
    let manifest: Value = serde_json::from_slice(&manifest.bytes)
        .with_context(|| format!("{tag}: not a JSON manifest"))?;
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

/// One attestation layer: the envelope and the layer's annotations.
pub struct Layer {
    pub envelope: Vec<u8>,
    pub annotations: Map<String, Value>,
}

/// The attestation layers of the image, oldest first (none when there is no
/// `.att` tag).
pub fn fetch(repository: &Repository, digest: &Digest) -> Result<Vec<Layer>> {
    let Some(manifest) = repository.fetch_manifest(&attestation_tag(digest))? else {
        return Ok(Vec::new());
    };
    let artifact = repository.artifact(&manifest, |media_type, _| media_type == DSSE_MEDIA_TYPE)?;
    Ok(artifact
        .layers
        .into_iter()
        .map(|layer| Layer {
            envelope: layer.bytes,
            annotations: layer.annotations,
        })
        .collect())
}

const CERTIFICATE_ANNOTATION: &str = "dev.sigstore.cosign/certificate";
const CHAIN_ANNOTATION: &str = "dev.sigstore.cosign/chain";
const REKOR_ANNOTATION: &str = "dev.sigstore.cosign/bundle";
const TIMESTAMP_ANNOTATION: &str = "dev.sigstore.cosign/rfc3161timestamp";

fn b64() -> base64::engine::GeneralPurpose {
    base64::engine::general_purpose::STANDARD
}

/// The DER certificates of a PEM text, in order.
fn pem_certificates(pem: &str) -> Result<Vec<String>> {
    let mut out = Vec::new();
    let mut body: Option<String> = None;
    for line in pem.lines().map(str::trim) {
        match (line, &mut body) {
            ("-----BEGIN CERTIFICATE-----", None) => body = Some(String::new()),
            ("-----END CERTIFICATE-----", Some(text)) => {
                let der = b64()
                    .decode(text.as_bytes())
                    .map_err(|e| Error::Message(format!("a certificate is not base64 ({e})")))?;
                out.push(b64().encode(der));
                body = None;
            }
            (line, Some(text)) => text.push_str(line),
            _ => {}
        }
    }
    Ok(out)
}

impl Layer {
    fn annotation(&self, key: &str) -> Option<&str> {
        self.annotations.get(key).and_then(Value::as_str)
    }

    /// Whether cosign logged the layer's signature in Rekor (its bundle
    /// annotation).
    pub fn has_rekor_entry(&self) -> bool {
        self.annotation(REKOR_ANNOTATION).is_some()
    }

    /// The Sigstore bundle a keyless layer's annotations amount to, or
    /// `None` when it has no certificate (it was signed with a key).
    pub fn keyless_bundle(&self) -> Result<Option<Vec<u8>>> {
        let Some(certificate) = self.annotation(CERTIFICATE_ANNOTATION) else {
            return Ok(None);
        };
        let mut certificates = pem_certificates(certificate)?;
        if certificates.is_empty() {
            fail!("{CERTIFICATE_ANNOTATION}: no PEM certificate");
        }
        if let Some(chain) = self.annotation(CHAIN_ANNOTATION) {
            certificates.extend(pem_certificates(chain)?);
        }
        let certificates: Vec<Value> = certificates
            .iter()
            .map(|c| json!({"rawBytes": c}))
            .collect();
        let mut material =
            json!({"x509CertificateChain": {"certificates": certificates}, "tlogEntries": []});
        if let Some(rekor) = self.annotation(REKOR_ANNOTATION) {
            material["tlogEntries"] = json!([rekor_entry(rekor)?]);
        }
        if let Some(timestamp) = self.annotation(TIMESTAMP_ANNOTATION) {
            let timestamp: Value = serde_json::from_str(timestamp)
                .with_context(|| format!("{TIMESTAMP_ANNOTATION}: not JSON"))?;
            let signed = timestamp["SignedRFC3161Timestamp"]
                .as_str()
                .with_context(|| format!("{TIMESTAMP_ANNOTATION}: no SignedRFC3161Timestamp"))?;
            material["timestampVerificationData"] =
                json!({"rfc3161Timestamps": [{"signedTimestamp": signed}]});
        }
        let envelope: Value = serde_json::from_slice(&self.envelope)
            .context("the attestation layer is not a DSSE envelope")?;
        let bundle = json!({
            "mediaType": "application/vnd.dev.sigstore.bundle+json;version=0.1",
            "verificationMaterial": material,
            "dsseEnvelope": envelope,
        });
        Ok(Some(serde_json::to_vec(&bundle)?))
    }
}

/// cosign's Rekor bundle annotation as a bundle's transparency-log entry.
fn rekor_entry(annotation: &str) -> Result<Value> {
    let rekor: Value = serde_json::from_str(annotation)
        .with_context(|| format!("{REKOR_ANNOTATION}: not JSON"))?;
    let payload = &rekor["Payload"];
    let field = |name: &str| {
        payload[name]
            .as_i64()
            .map(|n| n.to_string())
            .with_context(|| format!("{REKOR_ANNOTATION}: Payload.{name} is not a number"))
    };
    let body = payload["body"]
        .as_str()
        .with_context(|| format!("{REKOR_ANNOTATION}: no Payload.body"))?;
    let entry: Value = serde_json::from_slice(&b64().decode(body).map_err(|e| {
        Error::Message(format!(
            "{REKOR_ANNOTATION}: Payload.body is not base64 ({e})"
        ))
    })?)
    .with_context(|| format!("{REKOR_ANNOTATION}: Payload.body is not a Rekor entry"))?;
    let log_id = payload["logID"]
        .as_str()
        .and_then(|id| hex::decode(id).ok())
        .with_context(|| format!("{REKOR_ANNOTATION}: Payload.logID is not hex"))?;
    Ok(json!({
        "logIndex": field("logIndex")?,
        "logId": {"keyId": b64().encode(log_id)},
        "kindVersion": {"kind": entry["kind"], "version": entry["apiVersion"]},
        "integratedTime": field("integratedTime")?,
        "inclusionPromise": {"signedEntryTimestamp": rekor["SignedEntryTimestamp"]},
        "canonicalizedBody": body,
    }))
}
