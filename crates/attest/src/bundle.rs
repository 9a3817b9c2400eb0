//! Sigstore bundles (`application/vnd.dev.sigstore.bundle…`), the form
//! cosign 3 stores signatures and attestations in: the signed content (a DSSE
//! envelope or a message signature) with the material to verify it (a
//! public-key hint, or a certificate chain) and, when it was logged, its
//! transparency-log entries and timestamps.
//!
//! Versions 0.1 to 0.3 are read (both spellings of 0.3's media type); an
//! unknown version is refused. Key-signed bundles are written as cosign 3
//! writes them with `--tlog-upload=false`: v0.3, the key's hint, the
//! envelope or message signature, no log entry. Verification here is by key, of bundles with nothing else to
//! check; log entries, timestamps and certificates are [`super::sigstore`]'s.

use crate::error::{Context, Error, Result};
use base64::Engine;
use p256::ecdsa::signature::Verifier;
use p256::ecdsa::{DerSignature, VerifyingKey};
use p256::pkcs8::EncodePublicKey;
use serde::Deserialize;
use serde_json::json;
use tallyman_oci::fail;

use sha2::{Digest as _, Sha256};

use super::dsse::{Envelope, EnvelopeSignature};

/// The media type bundles are written with (and their OCI artifact type).
pub const MEDIA_TYPE_V03: &str = "application/vnd.dev.sigstore.bundle.v0.3+json";
/// The prefix every bundle media type starts with.
pub const MEDIA_TYPE_PREFIX: &str = "application/vnd.dev.sigstore.bundle";

/// A parsed bundle.
#[derive(Debug, Clone)]
pub struct Bundle {
    /// 1, 2 or 3 (of v0.x).
    pub minor_version: u8,
    pub material: Material,
    pub content: Content,
    /// How many transparency-log entries it carries.
    pub tlog_entries: usize,
    /// How many RFC 3161 timestamps it carries.
    pub timestamps: usize,
}

/// What the signature is to be verified with.
#[derive(Debug, Clone)]
pub enum Material {
    /// A key known to the verifier (the bundle holds only a hint).
    PublicKey,
    /// A certificate (keyless signing); the leaf first, DER.
    Certificates(Vec<Vec<u8>>),
}

/// What was signed.
#[derive(Debug, Clone)]
pub enum Content {
    Dsse(Envelope),
    /// A signature over an artifact and the artifact's SHA-256.
    MessageSignature {
        sha256: Vec<u8>,
        signature: Vec<u8>,
    },
}

fn b64() -> base64::engine::GeneralPurpose {
    base64::engine::general_purpose::STANDARD
}

fn decode(text: &str, what: &str) -> Result<Vec<u8>> {
    b64()
        .decode(text.trim())
        .map_err(|e| Error::Message(format!("the bundle's {what} is not base64 ({e})")))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Raw {
    media_type: String,
    verification_material: RawMaterial,
    dsse_envelope: Option<RawEnvelope>,
    message_signature: Option<RawMessageSignature>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawMaterial {
    public_key: Option<serde_json::Value>,
    x509_certificate_chain: Option<RawChain>,
    certificate: Option<RawCertificate>,
    #[serde(default)]
    tlog_entries: Vec<serde_json::Value>,
    timestamp_verification_data: Option<RawTimestamps>,
}

#[derive(Deserialize)]
struct RawChain {
    #[serde(default)]
    certificates: Vec<RawCertificate>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawCertificate {
    raw_bytes: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawTimestamps {
    #[serde(default)]
    rfc3161_timestamps: Vec<serde_json::Value>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawEnvelope {
    payload: String,
    payload_type: String,
    #[serde(default)]
    signatures: Vec<RawSignature>,
}

#[derive(Deserialize)]
struct RawSignature {
    sig: String,
    #[serde(default)]
    keyid: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawMessageSignature {
    message_digest: Option<RawDigest>,
    signature: String,
}

#[derive(Deserialize)]
struct RawDigest {
    algorithm: String,
    digest: String,
}

/// The minor version a bundle media type names.
fn minor_version(media_type: &str) -> Result<u8> {
    Ok(match media_type {
        "application/vnd.dev.sigstore.bundle+json;version=0.1" => 1,
        "application/vnd.dev.sigstore.bundle+json;version=0.2" => 2,
        "application/vnd.dev.sigstore.bundle+json;version=0.3" | MEDIA_TYPE_V03 => 3,
        other => fail!("unsupported bundle media type {other:?} (tallyman reads v0.1 to v0.3)"),
    })
}

/// Parses a bundle's JSON.
pub fn parse(bytes: &[u8]) -> Result<Bundle> {
    let raw: Raw = serde_json::from_slice(bytes).context("not a Sigstore bundle")?;
    let minor_version = minor_version(&raw.media_type)?;
    let m = raw.verification_material;
    let material = match (m.public_key, m.x509_certificate_chain, m.certificate) {
        (Some(_), None, None) => Material::PublicKey,
        (None, Some(chain), None) => Material::Certificates(
            chain
                .certificates
                .iter()
                .map(|c| decode(&c.raw_bytes, "certificate"))
                .collect::<Result<_>>()?,
        ),
        (None, None, Some(cert)) => {
            Material::Certificates(vec![decode(&cert.raw_bytes, "certificate")?])
        }
        _ => fail!("the bundle's verificationMaterial needs exactly one of publicKey, x509CertificateChain, certificate"),
    };
    if let Material::Certificates(chain) = &material {
        if chain.is_empty() {
            fail!("the bundle's certificate chain is empty");
        }
    }
    let content = match (raw.dsse_envelope, raw.message_signature) {
        (Some(envelope), None) => Content::Dsse(Envelope {
            payload_type: envelope.payload_type,
            payload: envelope.payload,
            signatures: envelope
                .signatures
                .into_iter()
                .map(|s| EnvelopeSignature {
                    keyid: s.keyid,
                    sig: s.sig,
                })
                .collect(),
        }),
        (None, Some(message)) => {
            let digest = message
                .message_digest
                .context("the bundle's messageSignature has no messageDigest")?;
            if digest.algorithm != "SHA2_256" {
                fail!(
                    "the bundle's message digest is {}; tallyman verifies SHA2_256",
                    digest.algorithm
                );
            }
            Content::MessageSignature {
                sha256: decode(&digest.digest, "message digest")?,
                signature: decode(&message.signature, "signature")?,
            }
        }
        _ => fail!("the bundle needs exactly one of dsseEnvelope, messageSignature"),
    };
    Ok(Bundle {
        minor_version,
        material,
        content,
        tlog_entries: m.tlog_entries.len(),
        timestamps: m
            .timestamp_verification_data
            .map_or(0, |t| t.rfc3161_timestamps.len()),
    })
}

/// The key hint cosign writes: base64 of SHA-256 of the key's SubjectPublicKeyInfo.
pub fn key_hint(key: &VerifyingKey) -> Result<String> {
    let spki = key
        .to_public_key_der()
        .map_err(|e| Error::Message(format!("encoding the public key: {e}")))?;
    Ok(b64().encode(Sha256::digest(spki.as_bytes())))
}

/// A v0.3 bundle of `envelope` signed by the key `key` verifies with, with
/// no transparency-log entry.
pub fn build(envelope: &Envelope, key: &VerifyingKey) -> Result<Vec<u8>> {
    let signatures: Vec<serde_json::Value> = envelope
        .signatures
        .iter()
        .map(|s| json!({"sig": s.sig}))
        .collect();
    finish(json!({
        "mediaType": MEDIA_TYPE_V03,
        "verificationMaterial": {"publicKey": {"hint": key_hint(key)?}},
        "dsseEnvelope": {
            "payload": envelope.payload,
            "payloadType": envelope.payload_type,
            "signatures": signatures,
        }
    }))
}

/// A v0.3 bundle of the message signature `signature` (DER) over an
/// artifact whose SHA-256 is `sha256`, by the key `key` verifies with, with
/// no transparency-log entry.
pub fn build_message(sha256: &[u8], signature: &[u8], key: &VerifyingKey) -> Result<Vec<u8>> {
    finish(json!({
        "mediaType": MEDIA_TYPE_V03,
        "verificationMaterial": {"publicKey": {"hint": key_hint(key)?}},
        "messageSignature": {
            "messageDigest": {"algorithm": "SHA2_256", "digest": b64().encode(sha256)},
            "signature": b64().encode(signature),
        }
    }))
}

fn finish(bundle: serde_json::Value) -> Result<Vec<u8>> {
    let mut out = serde_json::to_vec(&bundle)?;
    out.push(b'\n');
    Ok(out)
}

impl Bundle {
    /// Fails unless the bundle was signed with a key (not a certificate).
    pub fn require_key_material(&self) -> Result<()> {
        match self.material {
            Material::PublicKey => Ok(()),
            Material::Certificates(_) => Err(Error::SignedKeyless(
                "the bundle is signed with a certificate (keyless), not a key",
            )),
        }
    }

    /// The envelope of a DSSE bundle.
    pub fn envelope(&self) -> Result<&Envelope> {
        match &self.content {
            Content::Dsse(envelope) => Ok(envelope),
            Content::MessageSignature { .. } => {
                fail!("the bundle holds a message signature, not an attestation")
            }
        }
    }

    /// Verifies a message-signature bundle over `artifact` with `key`.
    pub fn verify_message(&self, artifact: &[u8], key: &VerifyingKey) -> Result<()> {
        self.require_key_material()?;
        let Content::MessageSignature { sha256, signature } = &self.content else {
            fail!("the bundle holds a DSSE envelope, not a message signature");
        };
        if Sha256::digest(artifact).as_slice() != sha256.as_slice() {
            fail!("digest check failed: the bundle signs another artifact");
        }
        let der = DerSignature::try_from(signature.as_slice()).map_err(|_| {
            Error::Message("signature check failed: not an ASN.1 DER ECDSA signature".to_owned())
        })?;
        key.verify(artifact, &der).map_err(|_| {
            Error::Message(
                "signature check failed: the signature does not verify with the given public key"
                    .to_owned(),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use p256::ecdsa::SigningKey;

    use super::*;
    use crate::dsse;

    fn conformance(case: &str) -> Vec<u8> {
        std::fs::read(
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../../tests/fixtures/sigstore-conformance/bundle-verify")
                .join(case)
                .join("bundle.sigstore.json"),
        )
        .unwrap()
    }

    #[test]
    fn every_version_and_both_spellings_of_v03_parse() {
        for (case, version, chain) in [
            ("happy-path-v0.1", 1, 1),
            ("happy-path-v0.2", 2, 1),
            ("happy-path-v0.3", 3, 1),
            ("happy-path-v0.3-new-mediaType", 3, 1),
        ] {
            let bundle = parse(&conformance(case)).unwrap();
            assert_eq!(bundle.minor_version, version, "{case}");
            assert_eq!(bundle.tlog_entries, 1, "{case}");
            let Material::Certificates(certificates) = &bundle.material else {
                panic!("{case}: keyless");
            };
            assert!(certificates.len() >= chain, "{case}");
            assert!(matches!(bundle.content, Content::MessageSignature { .. }));
            assert!(bundle.require_key_material().is_err());
            assert!(bundle.envelope().is_err());
        }
        let err = parse(&conformance("bundle-unknown-version_fail")).unwrap_err();
        assert!(
            tallyman_oci::report(&err).starts_with("unsupported bundle media type"),
            "{err:?}"
        );
    }

    #[test]
    fn built_bundles_parse_back_with_the_keys_hint() {
        let key = SigningKey::random(&mut rand_core::OsRng);
        let envelope = dsse::sign(&key, dsse::IN_TOTO_PAYLOAD_TYPE, b"{}");
        let bytes = build(&envelope, key.verifying_key()).unwrap();
        let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(
            json["verificationMaterial"]["publicKey"]["hint"],
            key_hint(key.verifying_key()).unwrap().as_str()
        );
        assert!(json["verificationMaterial"].get("tlogEntries").is_none());
        let bundle = parse(&bytes).unwrap();
        assert_eq!(bundle.minor_version, 3);
        assert_eq!((bundle.tlog_entries, bundle.timestamps), (0, 0));
        assert_eq!(
            dsse::verify(bundle.envelope().unwrap(), key.verifying_key()).unwrap(),
            b"{}"
        );
    }

    #[test]
    fn a_key_hint_is_the_hash_of_the_subject_public_key_info() {
        // sigstore-conformance managed-key-happy-path: the bundle's hint for
        // its key.pub.
        let pem = std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(
            "../../tests/fixtures/sigstore-conformance/bundle-verify/managed-key-happy-path/key.pub",
        ))
        .unwrap();
        use p256::pkcs8::DecodePublicKey;
        let key = VerifyingKey::from_public_key_pem(&pem).unwrap();
        assert_eq!(
            key_hint(&key).unwrap(),
            "TLMsSDfG3ajPsWge+z/vX5T/zluXnmvbkTkwLIV68Tk="
        );
    }

    #[test]
    fn material_and_content_must_be_one_of_each() {
        let both = br#"{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json","verificationMaterial":{"publicKey":{"hint":""},"certificate":{"rawBytes":"AA=="}},"messageSignature":{"messageDigest":{"algorithm":"SHA2_256","digest":""},"signature":""}}"#;
        assert!(
            tallyman_oci::report(&parse(both).unwrap_err()).contains("exactly one of publicKey")
        );
        let neither = br#"{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json","verificationMaterial":{"publicKey":{}}}"#;
        assert!(tallyman_oci::report(&parse(neither).unwrap_err())
            .contains("exactly one of dsseEnvelope"));
        let empty_chain = br#"{"mediaType":"application/vnd.dev.sigstore.bundle+json;version=0.1","verificationMaterial":{"x509CertificateChain":{"certificates":[]}},"messageSignature":{"messageDigest":{"algorithm":"SHA2_256","digest":""},"signature":""}}"#;
        assert!(tallyman_oci::report(&parse(empty_chain).unwrap_err())
            .contains("certificate chain is empty"));
    }
}
