//! Signing with a key or keyless, whatever is signed: an in-toto statement
//! (an attestation, or cosign 3's image signature) as a DSSE envelope in a
//! Sigstore bundle, or bytes (a file, cosign 2's simple-signing payload) as
//! a message signature in a bundle — with, for cosign 2's `.sig` layers, the
//! annotations that carry the same signature and its verification material.
//!
//! A keyless bundle is verified against the trust root (its certificate
//! chain and SCT, its log entry, its timestamp) before it is returned, so a
//! Fulcio, Rekor or TSA answer that does not check out is never attached.

use crate::error::{Context, Result};
use base64::Engine;
use p256::ecdsa::signature::Signer as _;
use p256::ecdsa::{Signature, SigningKey};
use serde_json::{json, Map, Value};
use sha2::{Digest as _, Sha256};
use tallyman_oci::{fail, Digest};

use crate::bundle;
use crate::dsse::{self, Envelope};
#[cfg(feature = "keyless")]
use crate::keyless::Keyless;
use crate::legacy;
use crate::sigstore::Signer;

/// How to sign.
pub enum SignWith {
    /// A cosign key.
    Key(SigningKey),
    /// Keyless, each result checked against the trust root before use.
    #[cfg(feature = "keyless")]
    Keyless(Box<Keyless>),
}

/// A signed statement.
pub struct SignedStatement {
    pub envelope: Envelope,
    /// The Sigstore bundle (v0.3) holding the envelope.
    pub bundle: Vec<u8>,
    /// Who signed (keyless).
    pub signer: Option<Signer>,
}

/// Signed bytes.
pub struct SignedBytes {
    /// The Sigstore bundle (v0.3) holding the message signature.
    pub bundle: Vec<u8>,
    /// Who signed (keyless).
    pub signer: Option<Signer>,
}

fn b64() -> base64::engine::GeneralPurpose {
    base64::engine::general_purpose::STANDARD
}

impl SignWith {
    /// Signs the in-toto `statement`, an attestation about `subject`.
    pub fn statement(&self, statement: &[u8], subject: &Digest) -> Result<SignedStatement> {
        #[cfg(not(feature = "keyless"))]
        let _ = subject;
        match self {
            SignWith::Key(key) => {
                let envelope = dsse::sign(key, dsse::IN_TOTO_PAYLOAD_TYPE, statement);
                let bundle = bundle::build(&envelope, key.verifying_key())?;
                Ok(SignedStatement {
                    envelope,
                    bundle,
                    signer: None,
                })
            }
            #[cfg(feature = "keyless")]
            SignWith::Keyless(keyless) => {
                let (bundle, signer) = keyless.sign_statement(statement, subject)?;
                let envelope = bundle::parse(&bundle)?.envelope()?.clone();
                Ok(SignedStatement {
                    envelope,
                    bundle,
                    signer: Some(signer),
                })
            }
        }
    }

    /// Signs `bytes` (a message signature).
    pub fn bytes(&self, bytes: &[u8]) -> Result<SignedBytes> {
        match self {
            SignWith::Key(key) => {
                let signature: Signature = key.sign(bytes);
                Ok(SignedBytes {
                    bundle: bundle::build_message(
                        &Sha256::digest(bytes),
                        signature.to_der().as_bytes(),
                        key.verifying_key(),
                    )?,
                    signer: None,
                })
            }
            #[cfg(feature = "keyless")]
            SignWith::Keyless(keyless) => {
                let (bundle, signer) = keyless.sign_bytes(bytes)?;
                Ok(SignedBytes {
                    bundle,
                    signer: Some(signer),
                })
            }
        }
    }
}

impl SignedBytes {
    /// The annotations of cosign 2's `.sig` layer carrying this signature:
    /// the signature, and for a keyless one its verification material (see
    /// [`legacy_material`]).
    pub fn legacy_annotations(&self) -> Result<Map<String, Value>> {
        let bundle: Value = serde_json::from_slice(&self.bundle)?;
        let mut annotations = Map::new();
        annotations.insert(
            legacy::SIGNATURE_ANNOTATION.to_owned(),
            json!(text(&bundle["messageSignature"]["signature"], "signature")?),
        );
        legacy_material(&bundle, &mut annotations)?;
        Ok(annotations)
    }
}

/// The verification material of a keyless attestation's `bundle` as the
/// annotations of cosign 2's `.att` layer (its signature is in the envelope
/// the layer holds); none for a key-signed one.
pub fn legacy_attestation_annotations(bundle: &[u8]) -> Result<Map<String, Value>> {
    let bundle: Value = serde_json::from_slice(bundle)?;
    let mut annotations = Map::new();
    legacy_material(&bundle, &mut annotations)?;
    Ok(annotations)
}

fn text(value: &Value, what: &str) -> Result<String> {
    value
        .as_str()
        .map(str::to_owned)
        .with_context(|| format!("the signed bundle has no {what}"))
}

/// A keyless bundle's certificate, (empty) chain, Rekor v1 entry and
/// timestamp as the annotations cosign 3 writes in its legacy format;
/// nothing for a bundle without a certificate (a key signed it).
fn legacy_material(bundle: &Value, annotations: &mut Map<String, Value>) -> Result<()> {
    let material = &bundle["verificationMaterial"];
    let certificate = &material["certificate"]["rawBytes"];
    if certificate.is_null() {
        return Ok(());
    }
    let der = b64()
        .decode(text(certificate, "certificate")?)
        .context("the signed bundle's certificate is not base64")?;
    annotations.insert(
        legacy::CERTIFICATE_ANNOTATION.to_owned(),
        json!(pem("CERTIFICATE", &der)),
    );
    annotations.insert(legacy::CHAIN_ANNOTATION.to_owned(), json!(""));
    let entry = &material["tlogEntries"][0];
    let Some(promise) = entry["inclusionPromise"]["signedEntryTimestamp"].as_str() else {
        fail!("cosign 2's .sig and .att layers carry a Rekor v1 entry, and the log the signing config chose gives none (Rekor v2): attach as a bundle, or sign with a signing config whose log is Rekor v1");
    };
    let number = |name: &str| -> Result<i64> {
        let value = &entry[name];
        value
            .as_i64()
            .or_else(|| value.as_str().and_then(|s| s.parse().ok()))
            .with_context(|| format!("the signed bundle's log entry has no {name}"))
    };
    let log_id = b64()
        .decode(text(&entry["logId"]["keyId"], "log id")?)
        .context("the signed bundle's log id is not base64")?;
    annotations.insert(
        legacy::REKOR_ANNOTATION.to_owned(),
        json!(serde_json::to_string(&json!({
            "SignedEntryTimestamp": promise,
            "Payload": {
                "body": text(&entry["canonicalizedBody"], "log entry body")?,
                "integratedTime": number("integratedTime")?,
                "logIndex": number("logIndex")?,
                "logID": hex::encode(log_id),
            }
        }))?),
    );
    if let Some(timestamp) =
        material["timestampVerificationData"]["rfc3161Timestamps"][0]["signedTimestamp"].as_str()
    {
        annotations.insert(
            legacy::TIMESTAMP_ANNOTATION.to_owned(),
            json!(serde_json::to_string(
                &json!({"SignedRFC3161Timestamp": timestamp})
            )?),
        );
    }
    Ok(())
}

/// DER as PEM (64-column base64).
fn pem(label: &str, der: &[u8]) -> String {
    let body = b64().encode(der);
    let mut out = format!("-----BEGIN {label}-----\n");
    for line in body.as_bytes().chunks(64) {
        out.push_str(&String::from_utf8_lossy(line));
        out.push('\n');
    }
    out.push_str(&format!("-----END {label}-----\n"));
    out
}
