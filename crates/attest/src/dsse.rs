//! DSSE envelopes (the Dead Simple Signing Envelope cosign uses for
//! attestations): the pre-authentication encoding, signing with ECDSA P-256
//! over SHA-256 of the PAE (signatures ASN.1 DER, standard base64 with
//! padding), and verification. Envelopes are written in cosign's v2 shape
//! (`keyid: ""`); both the v2 and the v3 shape (no keyid) are read.

use crate::error::{Context, Error, Result};
use base64::Engine;
use p256::ecdsa::signature::{Signer, Verifier};
use p256::ecdsa::{DerSignature, Signature, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use tallyman_oci::fail;

/// The payload type of in-toto statements.
pub const IN_TOTO_PAYLOAD_TYPE: &str = "application/vnd.in-toto+json";

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Envelope {
    #[serde(rename = "payloadType")]
    pub payload_type: String,
    pub payload: String,
    pub signatures: Vec<EnvelopeSignature>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct EnvelopeSignature {
    #[serde(default)]
    pub keyid: String,
    pub sig: String,
}

fn b64() -> base64::engine::GeneralPurpose {
    base64::engine::general_purpose::STANDARD
}

/// `DSSEv1 <len(type)> <type> <len(body)> <body>`.
pub fn pae(payload_type: &str, payload: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "DSSEv1 {} {} {} ",
        payload_type.len(),
        payload_type,
        payload.len()
    )
    .into_bytes();
    out.extend_from_slice(payload);
    out
}

/// Signs `payload` into an envelope.
pub fn sign(key: &SigningKey, payload_type: &str, payload: &[u8]) -> Envelope {
    let signature: Signature = key.sign(&pae(payload_type, payload));
    Envelope {
        payload_type: payload_type.to_owned(),
        payload: b64().encode(payload),
        signatures: vec![EnvelopeSignature {
            keyid: String::new(),
            sig: b64().encode(signature.to_der().as_bytes()),
        }],
    }
}

/// Parses an envelope from JSON.
pub fn parse(bytes: &[u8]) -> Result<Envelope> {
    serde_json::from_slice(bytes).context("not a DSSE envelope (payloadType, payload, signatures)")
}

/// The envelope's payload, decoded (not verified: see [`verify`]).
pub fn payload(envelope: &Envelope) -> Result<Vec<u8>> {
    b64().decode(envelope.payload.trim()).map_err(|e| {
        Error::Message(format!(
            "signature check failed: the payload is not base64 ({e})"
        ))
    })
}

/// Checks that one of the envelope's signatures is `key`'s over the PAE;
/// returns the decoded payload.
pub fn verify(envelope: &Envelope, key: &VerifyingKey) -> Result<Vec<u8>> {
    let payload = payload(envelope)?;
    if envelope.signatures.is_empty() {
        fail!("signature check failed: the envelope has no signatures");
    }
    let message = pae(&envelope.payload_type, &payload);
    for signature in &envelope.signatures {
        let Ok(raw) = b64().decode(signature.sig.trim()) else {
            continue;
        };
        let Ok(der) = DerSignature::try_from(raw.as_slice()) else {
            continue;
        };
        if key.verify(&message, &der).is_ok() {
            return Ok(payload);
        }
    }
    fail!("signature check failed: no signature verifies with the given public key (ASN.1 DER ECDSA P-256 over SHA-256 of the PAE)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pae_matches_the_dsse_spec_vector() {
        assert_eq!(
            pae("http://example.com/HelloWorld", b"hello world"),
            b"DSSEv1 29 http://example.com/HelloWorld 11 hello world"
        );
    }

    #[test]
    fn sign_then_verify() {
        let key = SigningKey::random(&mut rand_core::OsRng);
        let envelope = sign(&key, IN_TOTO_PAYLOAD_TYPE, b"{}");
        assert_eq!(verify(&envelope, key.verifying_key()).unwrap(), b"{}");
        let json = serde_json::to_string(&envelope).unwrap();
        assert!(json.starts_with(r#"{"payloadType":"application/vnd.in-toto+json","payload":"e30=","signatures":[{"keyid":"","sig":""#));
        let other = SigningKey::random(&mut rand_core::OsRng);
        assert!(verify(&envelope, other.verifying_key()).is_err());
    }
}
