//! Attestations and signatures stored in a registry the way cosign 2 stored
//! them (`--attach-format legacy`): in the image's repository under the tag
//! `sha256-<hex>.att` (attestations) or `sha256-<hex>.sig` (image
//! signatures), an OCI image manifest whose layers are DSSE envelopes
//! (`application/vnd.dsse.envelope.v1+json`, annotated with
//! `dev.cosignproject.cosign/signature: ""` and their `predicateType`) or
//! simple-signing payloads (`application/vnd.dev.cosign.simplesigning.v1+json`,
//! the signature in `dev.cosignproject.cosign/signature`). Attaching appends
//! to the existing manifest; `replace` first drops the attestation layers of
//! the same predicate type.
//!
//! A keyless cosign 2 layer keeps its verification material in the layer's
//! annotations (`dev.sigstore.cosign/certificate`, `…/chain`, the Rekor
//! `…/bundle` with its signed entry timestamp, `…/rfc3161timestamp`);
//! [`Layer::keyless_bundle`] carries them over into the Sigstore bundle
//! (v0.1, the version whose log proof is the signed entry timestamp) they
//! amount to, so one verifier checks both forms.

use std::cell::{Cell, RefCell};

use crate::error::{Context, Error, Result};
use crate::simple_signing;
use base64::Engine;
use serde_json::{json, Map, Value};
use tallyman_oci::fail;

use sha2::{Digest as _, Sha256};
use tallyman_oci::registry::{shared_tag, Manifest, Repository};
use tallyman_oci::Digest;

pub const DSSE_MEDIA_TYPE: &str = "application/vnd.dsse.envelope.v1+json";
const OCI_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";
const OCI_CONFIG: &str = "application/vnd.oci.image.config.v1+json";
/// The annotation holding a layer's signature (base64; empty for envelopes).
pub const SIGNATURE_ANNOTATION: &str = "dev.cosignproject.cosign/signature";
const PREDICATE_ANNOTATION: &str = "predicateType";

/// `sha256-<hex>.att` for the image with manifest digest `digest`.
pub fn attestation_tag(digest: &Digest) -> String {
    format!("{}.att", digest.dashed())
}

/// `sha256-<hex>.sig` for the image with manifest digest `digest`.
pub fn signature_tag(digest: &Digest) -> String {
    format!("{}.sig", digest.dashed())
}

/// Which of cosign 2's two tags a layer lives under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `.att`: DSSE envelopes.
    Attestation,
    /// `.sig`: simple-signing payloads.
    Signature,
}

impl Kind {
    fn tag(self, digest: &Digest) -> String {
        match self {
            Kind::Attestation => attestation_tag(digest),
            Kind::Signature => signature_tag(digest),
        }
    }

    fn media_type(self) -> &'static str {
        match self {
            Kind::Attestation => DSSE_MEDIA_TYPE,
            Kind::Signature => simple_signing::MEDIA_TYPE,
        }
    }
}

/// The layers of a cosign 2 manifest (none when it has none).
fn layers_of(tag: &str, manifest: &Manifest) -> Result<Vec<Value>> {
    let manifest: Value = serde_json::from_slice(&manifest.bytes)
        .with_context(|| format!("{tag}: not a JSON manifest"))?;
    Ok(manifest["layers"].as_array().cloned().unwrap_or_default())
}

/// Appends `envelope` to the image's `.att` manifest, with the keyless
/// verification `material` (certificate, log entry) cosign annotates it
/// with; returns the tag.
pub fn attach(
    repository: &Repository,
    digest: &Digest,
    envelope: &[u8],
    predicate_type: &str,
    material: Map<String, Value>,
    replace: bool,
) -> Result<String> {
    let mut annotations = Map::from_iter([
        (SIGNATURE_ANNOTATION.to_owned(), json!("")),
        (PREDICATE_ANNOTATION.to_owned(), json!(predicate_type)),
    ]);
    annotations.extend(material);
    append(
        repository,
        Kind::Attestation,
        digest,
        envelope,
        annotations,
        |layer| replace && layer["annotations"][PREDICATE_ANNOTATION] == predicate_type,
    )
}

/// Appends a signed simple-signing `payload` to the image's `.sig`
/// manifest, its signature and verification material in `annotations`;
/// returns the tag.
pub fn attach_signature(
    repository: &Repository,
    digest: &Digest,
    payload: &[u8],
    annotations: Map<String, Value>,
) -> Result<String> {
    append(
        repository,
        Kind::Signature,
        digest,
        payload,
        annotations,
        |_| false,
    )
}

/// Appends a layer to the manifest under `kind`'s tag (dropping the layers
/// `drop` picks and any earlier copy of the same layer), as cosign 2 does:
/// an OCI manifest with a config whose diff ids are the layers.
fn append(
    repository: &Repository,
    kind: Kind,
    digest: &Digest,
    content: &[u8],
    annotations: Map<String, Value>,
    drop: impl Fn(&Value) -> bool,
) -> Result<String> {
    let tag = kind.tag(digest);
    let content_digest = repository.upload_blob(content)?;
    let ours = json!({
        "mediaType": kind.media_type(),
        "size": content.len(),
        "digest": content_digest,
        "annotations": annotations,
    });
    // Other clients append to the same tag at the same time: see shared_tag.
    // What our last push dropped, and whether we pushed yet: a dropped layer
    // that comes back was undone by a stale push (push again); a layer `drop`
    // picks that we never saw is a concurrent replacement, newer than ours
    // (then ours may be gone: the newer one wins, as it would one at a time).
    let dropped = RefCell::new(Vec::<Value>::new());
    let pushed = Cell::new(false);
    shared_tag::update(
        repository,
        &tag,
        |manifest| {
            layers_of(&tag, manifest).is_ok_and(|layers| {
                let dropped = dropped.borrow();
                let others = || layers.iter().filter(|l| **l != ours && drop(l));
                let undone = others().any(|l| dropped.contains(l));
                let newer = pushed.get() && others().any(|l| !dropped.contains(l));
                if layers.contains(&ours) {
                    !undone
                } else {
                    newer
                }
            })
        },
        |current| {
            let mut layers = match current {
                Some(manifest) => layers_of(&tag, manifest)?,
                None => Vec::new(),
            };
            dropped
                .borrow_mut()
                .extend(layers.iter().filter(|l| drop(l)).cloned());
            pushed.set(true);
            layers.retain(|layer| !drop(layer));
            layers.retain(|layer| {
                layer["digest"] != ours["digest"] || layer["annotations"] != ours["annotations"]
            });
            layers.push(ours.clone());
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
            Ok::<_, Error>((manifest, OCI_MANIFEST.to_owned()))
        },
    )?;
    Ok(tag)
}

/// One layer: its content (a DSSE envelope, or a simple-signing payload)
/// and its annotations.
pub struct Layer {
    pub kind: Kind,
    pub content: Vec<u8>,
    pub annotations: Map<String, Value>,
}

/// The layers of `kind` of the image, oldest first (none when there is no
/// such tag).
pub fn fetch(repository: &Repository, kind: Kind, digest: &Digest) -> Result<Vec<Layer>> {
    let Some(manifest) = repository.fetch_manifest(&kind.tag(digest))? else {
        return Ok(Vec::new());
    };
    let artifact =
        repository.artifact(&manifest, |media_type, _| media_type == kind.media_type())?;
    Ok(artifact
        .layers
        .into_iter()
        .map(|layer| Layer {
            kind,
            content: layer.bytes,
            annotations: layer.annotations,
        })
        .collect())
}

/// The signing certificate (PEM) of a keyless layer.
pub const CERTIFICATE_ANNOTATION: &str = "dev.sigstore.cosign/certificate";
/// The certificate's chain (PEM) of a keyless layer.
pub const CHAIN_ANNOTATION: &str = "dev.sigstore.cosign/chain";
/// The Rekor entry (its signed entry timestamp and body) of a logged layer.
pub const REKOR_ANNOTATION: &str = "dev.sigstore.cosign/bundle";
/// An RFC 3161 timestamp of the signature.
pub const TIMESTAMP_ANNOTATION: &str = "dev.sigstore.cosign/rfc3161timestamp";

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

    /// The signature of a `.sig` layer (DER).
    pub fn signature(&self) -> Result<Vec<u8>> {
        let text = self
            .annotation(SIGNATURE_ANNOTATION)
            .filter(|s| !s.is_empty())
            .with_context(|| format!("the layer has no {SIGNATURE_ANNOTATION} annotation"))?;
        b64()
            .decode(text.trim())
            .map_err(|e| Error::Message(format!("{SIGNATURE_ANNOTATION}: not base64 ({e})")))
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
        let mut bundle = json!({
            "mediaType": "application/vnd.dev.sigstore.bundle+json;version=0.1",
            "verificationMaterial": material,
        });
        match self.kind {
            Kind::Attestation => {
                bundle["dsseEnvelope"] = serde_json::from_slice(&self.content)
                    .context("the attestation layer is not a DSSE envelope")?;
            }
            Kind::Signature => {
                bundle["messageSignature"] = json!({
                    "messageDigest": {
                        "algorithm": "SHA2_256",
                        "digest": b64().encode(Sha256::digest(&self.content)),
                    },
                    "signature": b64().encode(self.signature()?),
                });
            }
        }
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
