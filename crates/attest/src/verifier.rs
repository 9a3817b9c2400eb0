//! Verifying an attestation or a signed file, whatever signed it and
//! however it travelled: with a key (an envelope or a bundle; a bundle's
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
use super::sigstore::{self, Identity, Signed, Signer, TrustRoot};
use super::statement;
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

fn require_certificate(parsed: &Bundle) -> Result<()> {
    match parsed.material {
        Material::Certificates(_) => Ok(()),
        Material::PublicKey => Err(Error::SignedWithKey(
            "the bundle is signed with a key, not a certificate",
        )),
    }
}
