//! Verifying an attestation, an image signature or a signed file, whatever
//! signed it and however it travelled: with a key (an envelope or a bundle; a bundle's
//! transparency-log entries and timestamps are checked against the trust
//! root when it has any) or keyless (a Fulcio certificate, its identity and
//! issuer, and the log proof, all against the trust root). The trust root is
//! loaded only when something needs it.

use std::path::PathBuf;
use std::sync::OnceLock;

use crate::error::{Error, Result};
use p256::ecdsa::VerifyingKey;
use serde_json::Value;
use tallyman_oci::fail;

use super::bundle::{self, Bundle, Content, Material};
use super::dsse::{self, Envelope};
use super::legacy::{self, Layer};
use super::sigstore::{self, Identity, Signed, Signer, TrustRoot};
use super::{simple_signing, statement};
use p256::ecdsa::signature::Verifier as _;
use p256::ecdsa::DerSignature;
use serde_json::{json, Map};
use tallyman_oci::Digest;

/// What must have made the signature.
pub enum Signature {
    /// This key (cosign's `--key`).
    Key(VerifyingKey),
    /// A Fulcio certificate for this identity.
    Keyless(Identity),
}

/// An attestation as found: a bare envelope, or a Sigstore bundle (its
/// JSON, for the trust-root checks, and what it parses to).
pub enum Found {
    Envelope(Envelope),
    Bundle { json: Vec<u8>, parsed: Bundle },
}

impl Found {
    /// A bundle that holds an attestation (a DSSE envelope).
    pub fn bundle(json: Vec<u8>) -> Result<Found> {
        let parsed = bundle::parse(&json)?;
        parsed.envelope()?;
        Ok(Found::Bundle { json, parsed })
    }

    fn envelope(&self) -> Result<&Envelope> {
        match self {
            Found::Envelope(envelope) => Ok(envelope),
            Found::Bundle { parsed, .. } => parsed.envelope(),
        }
    }

    /// The predicate type the statement inside claims, before anything is
    /// verified: only for choosing what to verify it as.
    pub fn claimed_predicate_type(&self) -> Option<String> {
        let payload = dsse::payload(self.envelope().ok()?).ok()?;
        let statement: Value = serde_json::from_slice(&payload).ok()?;
        Some(statement["predicateType"].as_str()?.to_owned())
    }
}

/// A verified attestation.
#[derive(Debug)]
pub struct Verified {
    /// The predicate exactly as signed.
    pub predicate: String,
    /// The whole in-toto statement (what policies are evaluated against).
    pub statement: Value,
    /// Who signed, for keyless signatures.
    pub signer: Option<Signer>,
    /// Whether a transparency-log entry (or timestamp) was checked.
    pub logged: bool,
}

/// Verifies attestations and files against one [`Signature`].
pub struct Verifier {
    signature: Signature,
    trusted_root: Option<PathBuf>,
    root: OnceLock<Result<TrustRoot, String>>,
}

impl Verifier {
    pub fn new(signature: Signature, trusted_root: Option<PathBuf>) -> Verifier {
        Verifier {
            signature,
            trusted_root,
            root: OnceLock::new(),
        }
    }

    fn root(&self) -> Result<&TrustRoot> {
        self.root
            .get_or_init(|| {
                TrustRoot::load(self.trusted_root.as_deref()).map_err(|e| tallyman_oci::report(&e))
            })
            .as_ref()
            .map_err(|e| Error::Message(e.clone()))
    }

    /// Where the trust root comes from (for messages).
    pub fn root_source(&self) -> Result<&str> {
        Ok(&self.root()?.source)
    }

    /// Verifies an attestation of `predicate_type` about `digest`.
    pub fn attestation(
        &self,
        found: &Found,
        predicate_type: &str,
        digest: &Digest,
    ) -> Result<Verified> {
        let envelope = found.envelope()?;
        let (payload, signer, logged) = match (&self.signature, found) {
            (Signature::Key(key), _) => {
                let logged = match found {
                    Found::Bundle { json, parsed } => {
                        self.check_logged_with_key(parsed, json, Signed::Digest(digest), key)?
                    }
                    Found::Envelope(_) => false,
                };
                (dsse::verify(envelope, key)?, None, logged)
            }
            (Signature::Keyless(identity), Found::Bundle { json, parsed }) => {
                require_certificate(parsed)?;
                let signer =
                    sigstore::verify_keyless(json, Signed::Digest(digest), identity, self.root()?)?;
                (dsse::payload(envelope)?, Some(signer), true)
            }
            (Signature::Keyless(_), Found::Envelope(_)) => {
                return Err(Error::SignedWithKey(
                    "the attestation carries no certificate (signed with a key?)",
                ))
            }
        };
        if envelope.payload_type != dsse::IN_TOTO_PAYLOAD_TYPE {
            fail!(
                "payload type check failed: {:?} is not {}",
                envelope.payload_type,
                dsse::IN_TOTO_PAYLOAD_TYPE
            );
        }
        let checked = statement::check(&payload, predicate_type, digest)?;
        Ok(Verified {
            predicate: checked.predicate.get().to_owned(),
            statement: serde_json::from_slice(&payload)?,
            signer,
            logged,
        })
    }

    /// Verifies a bundle over a file: a message signature of it, or an
    /// attestation with it as a subject. Returns the signer (keyless) and
    /// whether a log entry was checked.
    pub fn blob(&self, bundle_json: &[u8], file: &[u8]) -> Result<(Option<Signer>, bool)> {
        let parsed = bundle::parse(bundle_json)?;
        match &self.signature {
            Signature::Key(key) => {
                if self.check_logged_with_key(&parsed, bundle_json, Signed::Bytes(file), key)? {
                    return Ok((None, true));
                }
                match &parsed.content {
                    Content::MessageSignature { .. } => parsed.verify_message(file, key)?,
                    Content::Dsse(envelope) => {
                        let payload = dsse::verify(envelope, key)?;
                        statement::check_subject(&payload, &Digest::sha256(file))?;
                    }
                }
                Ok((None, false))
            }
            Signature::Keyless(identity) => {
                require_certificate(&parsed)?;
                let signer = sigstore::verify_keyless(
                    bundle_json,
                    Signed::Bytes(file),
                    identity,
                    self.root()?,
                )?;
                Ok((Some(signer), true))
            }
        }
    }

    /// A key-signed bundle with log entries or timestamps has them checked
    /// against the trust root (true); one without has nothing to check (false).
    fn check_logged_with_key(
        &self,
        parsed: &Bundle,
        json: &[u8],
        signed: Signed<'_>,
        key: &VerifyingKey,
    ) -> Result<bool> {
        parsed.require_key_material()?;
        if parsed.tlog_entries == 0 && parsed.timestamps == 0 {
            return Ok(false);
        }
        sigstore::verify_logged_with_key(json, signed, key, self.root()?)?;
        Ok(true)
    }
}

/// An image signature as found: cosign 2's `.sig` layer, or a Sigstore
/// bundle (cosign 3's) holding a statement of
/// [`statement::SIGN_PREDICATE_TYPE`].
pub enum FoundSignature {
    Legacy(Layer),
    Bundle(Found),
}

/// A verified image signature.
#[derive(Debug)]
pub struct VerifiedSignature {
    /// What `cosign verify` prints of it: `critical` (the repository, the
    /// digest, the type) and `optional` (the signer's annotations, and for
    /// a keyless signature who signed and the workflow claims).
    pub claims: Value,
    pub signer: Option<Signer>,
    /// Whether a transparency-log entry (or timestamp) was checked.
    pub logged: bool,
    /// What could not be checked.
    pub unchecked: Option<&'static str>,
}

impl Verifier {
    /// Verifies an image signature of `digest`; `reference` is the image as
    /// the user named it (the `docker-reference` shown for bundles).
    pub fn image_signature(
        &self,
        found: &FoundSignature,
        reference: &str,
        digest: &Digest,
    ) -> Result<VerifiedSignature> {
        match found {
            FoundSignature::Legacy(layer) => self.legacy_signature(layer, digest),
            FoundSignature::Bundle(found) => {
                let verified = self.attestation(found, statement::SIGN_PREDICATE_TYPE, digest)?;
                let mut optional = verified.statement["subject"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .find(|s| s["digest"][digest.algorithm().name()] == digest.hex())
                    .and_then(|s| s["annotations"].as_object().cloned())
                    .unwrap_or_default();
                add_signer(&mut optional, verified.signer.as_ref());
                Ok(VerifiedSignature {
                    claims: json!({
                        "critical": {
                            "identity": {"docker-reference": reference},
                            "image": {"docker-manifest-digest": digest.to_string()},
                            "type": statement::SIGN_PREDICATE_TYPE,
                        },
                        "optional": optional,
                    }),
                    signer: verified.signer,
                    logged: verified.logged,
                    unchecked: None,
                })
            }
        }
    }

    fn legacy_signature(&self, layer: &Layer, digest: &Digest) -> Result<VerifiedSignature> {
        let payload = &layer.content;
        let (signer, logged, unchecked) = match (&self.signature, layer.keyless_bundle()?) {
            (Signature::Key(key), None) => {
                let signature = layer.signature()?;
                let der = DerSignature::try_from(signature.as_slice()).map_err(|_| {
                    Error::Message(
                        "signature check failed: not an ASN.1 DER ECDSA signature".to_owned(),
                    )
                })?;
                key.verify(payload, &der).map_err(|_| {
                    Error::Message(
                        "signature check failed: the signature does not verify with the given public key".to_owned(),
                    )
                })?;
                let unchecked = layer
                    .has_rekor_entry()
                    .then_some("its Rekor entry (cosign's bundle annotation) was not checked");
                (None, false, unchecked)
            }
            (Signature::Key(_), Some(_)) => {
                return Err(Error::SignedKeyless(
                    "the signature carries a certificate (keyless), not a key's",
                ))
            }
            (Signature::Keyless(identity), Some(json)) => {
                let signer = sigstore::verify_keyless(
                    &json,
                    Signed::Bytes(payload),
                    identity,
                    self.root()?,
                )?;
                (Some(signer), true, None)
            }
            (Signature::Keyless(_), None) => {
                return Err(Error::SignedWithKey(
                    "the signature carries no certificate (signed with a key?)",
                ))
            }
        };
        let checked = simple_signing::check(payload, digest)?;
        let mut optional = checked.optional.clone().unwrap_or_default();
        for (annotation, key) in [
            (legacy::REKOR_ANNOTATION, "Bundle"),
            (legacy::TIMESTAMP_ANNOTATION, "RFC3161Timestamp"),
        ] {
            if let Some(text) = layer.annotations.get(annotation).and_then(Value::as_str) {
                if let Ok(value) = serde_json::from_str::<Value>(text) {
                    optional.insert(key.to_owned(), value);
                }
            }
        }
        add_signer(&mut optional, signer.as_ref());
        let mut claims = serde_json::to_value(&checked)?;
        // cosign prints `null` where there is nothing optional to say.
        if !optional.is_empty() {
            claims["optional"] = Value::Object(optional);
        }
        Ok(VerifiedSignature {
            claims,
            signer,
            logged,
            unchecked,
        })
    }
}

/// What cosign adds to `optional` for a certificate: the subject, the
/// issuer (and its OID), and the GitHub workflow claims by name and OID.
fn add_signer(optional: &mut Map<String, Value>, signer: Option<&Signer>) {
    let Some(signer) = signer else {
        return;
    };
    optional.insert("Subject".to_owned(), json!(signer.identity));
    optional.insert("Issuer".to_owned(), json!(signer.issuer));
    optional.insert("1.3.6.1.4.1.57264.1.1".to_owned(), json!(signer.issuer));
    for (name, oid, value) in &signer.workflow {
        optional.insert((*name).to_owned(), json!(value));
        optional.insert((*oid).to_owned(), json!(value));
    }
}

fn require_certificate(parsed: &Bundle) -> Result<()> {
    match parsed.material {
        Material::Certificates(_) => Ok(()),
        Material::PublicKey => Err(Error::SignedWithKey(
            "the bundle is signed with a key, not a certificate",
        )),
    }
}
