//! Attestations and image signatures: sign an SBOM as a cosign-compatible
//! in-toto attestation or an image as cosign signs it, attach either to the
//! image in its registry, verify them back, hold attestations to Rego
//! policies, and find what others attached to an image.
//!
//! - [`keyless`]: keyless signing (an OIDC token, Fulcio, Rekor, a TSA).
//! - [`keys`]: cosign's key files (generate, encrypted and plain private
//!   keys, public keys).
//! - [`statement`]: the in-toto Statement around the SBOM.
//! - [`signing`]: signing statements and bytes, with a key or keyless.
//! - [`dsse`]: the signed envelope.
//! - [`bundle`]: Sigstore bundles (cosign 3's form).
//! - [`referrer`]: bundles attached as OCI 1.1 referrers (cosign 3's default).
//! - [`simple_signing`]: cosign 2's image-signature payload.
//! - [`legacy`]: cosign 2's `.att` and `.sig` manifests in a registry.
//! - [`verifier`]: verifying an attestation or a signed file, by key or keyless.
//! - [`sigstore`]: keyless bundles and transparency-log proofs, against a
//!   Sigstore trust root.
//! - [`policy`]: Rego policies over verified statements (regorus).
//! - [`cluster_policy`]: the policy controller's `ClusterImagePolicy`,
//!   read and checked for an offline evaluation.
//! - [`provenance`]: SLSA provenance from the CI environment, checked
//!   against the keyless certificate that signed it.
//! - [`attached`]: SBOMs already attached to an image (referrers, cosign's
//!   `.sbom` tag, BuildKit's attestation manifests).

pub mod attached;
pub mod bundle;
pub mod cluster_policy;
pub mod dsse;
mod error;
#[cfg(feature = "keyless")]
pub mod keyless;
pub mod keys;
pub mod legacy;
pub mod policy;
pub mod provenance;
pub mod referrer;
pub mod signing;
pub mod sigstore;
pub mod simple_signing;
pub mod statement;
pub mod verifier;

use p256::ecdsa::{SigningKey, VerifyingKey};
use tallyman_oci::fail;

use tallyman_oci::Digest;

use crate::error::Context;
pub use crate::error::{Error, Result};

/// What an attestation is about: a name and a digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    pub name: String,
    pub digest: Digest,
}

/// Builds and signs the attestation of `predicate` (JSON) about `subject`.
pub fn attest(
    key: &SigningKey,
    subject: &Subject,
    predicate_type: &str,
    predicate: &[u8],
) -> Result<dsse::Envelope> {
    let payload = statement::build(&subject.name, &subject.digest, predicate_type, predicate)?;
    Ok(dsse::sign(key, dsse::IN_TOTO_PAYLOAD_TYPE, &payload))
}

/// An envelope's JSON as cosign 2 writes it (one line).
pub fn envelope_json(envelope: &dsse::Envelope) -> Result<Vec<u8>> {
    let mut out = serde_json::to_vec(envelope)?;
    out.push(b'\n');
    Ok(out)
}

/// Verifies one envelope: signature by `key`, an in-toto statement of
/// `predicate_type` about `digest`. Returns the predicate exactly as signed.
pub fn verify(
    envelope: &dsse::Envelope,
    key: &VerifyingKey,
    predicate_type: &str,
    digest: &Digest,
) -> Result<String> {
    let payload = dsse::verify(envelope, key)?;
    if envelope.payload_type != dsse::IN_TOTO_PAYLOAD_TYPE {
        fail!(
            "payload type check failed: {:?} is not {}",
            envelope.payload_type,
            dsse::IN_TOTO_PAYLOAD_TYPE
        );
    }
    let statement = statement::check(&payload, predicate_type, digest)?;
    Ok(statement.predicate.get().to_owned())
}

/// The predicate pretty-printed the way tallyman writes documents (key order
/// kept), so a verified tallyman SBOM prints byte-identical to the original.
pub fn pretty(predicate: &str) -> Result<Vec<u8>> {
    let value: serde_json::Value =
        serde_json::from_str(predicate).context("the predicate is not JSON")?;
    let mut out = serde_json::to_vec_pretty(&value)?;
    out.push(b'\n');
    Ok(out)
}

#[cfg(test)]
mod tests;
