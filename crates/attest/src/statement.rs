//! in-toto Statements (v0.1, what cosign attests): the subject (a name and
//! its sha256), the predicate type and the predicate — the SBOM itself, kept
//! as the exact JSON text it was given.

use std::collections::BTreeMap;

use crate::error::{Context, Error, Result};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use tallyman_oci::fail;

use tallyman_oci::Digest;

pub const STATEMENT_TYPE: &str = "https://in-toto.io/Statement/v0.1";
/// The predicate type of cosign 3's image signatures (a statement with an
/// empty predicate about the image's digest).
pub const SIGN_PREDICATE_TYPE: &str = "https://sigstore.dev/cosign/sign/v1";

#[derive(Debug, Serialize, Deserialize)]
pub struct Statement {
    #[serde(rename = "_type")]
    pub statement_type: String,
    #[serde(rename = "predicateType")]
    pub predicate_type: String,
    #[serde(default)]
    pub subject: Vec<Subject>,
    /// (cosign 3.0.0 to 3.0.4 wrote image signatures without one.)
    #[serde(default)]
    pub predicate: Box<RawValue>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Subject {
    /// (cosign 3's image signatures name none.)
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub digest: BTreeMap<String, String>,
    /// The signer's annotations (cosign 3's `sign -a key=value`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annotations: Option<serde_json::Map<String, serde_json::Value>>,
}

/// The predicate type URI for cosign's `--type` names (or a URI as is).
pub fn predicate_type(name: &str) -> Result<&str> {
    Ok(match name {
        "spdx" | "spdxjson" => "https://spdx.dev/Document",
        // in-toto's SPDX predicate for SPDX 3 documents.
        "spdx3" | "spdx3json" => "https://spdx.dev/Document/v3",
        "cyclonedx" => "https://cyclonedx.org/bom",
        "slsaprovenance" | "slsaprovenance02" => "https://slsa.dev/provenance/v0.2",
        "slsaprovenance1" => "https://slsa.dev/provenance/v1",
        "custom" => "https://cosign.sigstore.dev/attestation/v1",
        uri if uri.contains("://") => uri,
        other => return Err(Error::UnknownPredicateType(other.to_owned())),
    })
}

/// A statement about `digest` named `name`, with the JSON document
/// `predicate` compacted (key order kept).
pub fn build(
    name: &str,
    digest: &Digest,
    predicate_type: &str,
    predicate: &[u8],
) -> Result<Vec<u8>> {
    let value: serde_json::Value =
        serde_json::from_slice(predicate).context("the predicate is not JSON")?;
    if !value.is_object() {
        fail!("the predicate is not a JSON object");
    }
    let statement = Statement {
        statement_type: STATEMENT_TYPE.to_owned(),
        predicate_type: predicate_type.to_owned(),
        subject: vec![Subject {
            name: name.to_owned(),
            digest: BTreeMap::from([(
                digest.algorithm().name().to_owned(),
                digest.hex().to_owned(),
            )]),
            annotations: None,
        }],
        predicate: RawValue::from_string(serde_json::to_string(&value)?)?,
    };
    Ok(serde_json::to_vec(&statement)?)
}

/// cosign 3's image signature of `digest`: an in-toto v1 statement with one
/// unnamed subject (the digest and the signer's `annotations`), the
/// predicate type [`SIGN_PREDICATE_TYPE`] and an empty predicate, in
/// cosign's field order.
pub fn image_signature(digest: &Digest, annotations: &BTreeMap<String, String>) -> Result<Vec<u8>> {
    Ok(serde_json::to_vec(&serde_json::json!({
        "_type": "https://in-toto.io/Statement/v1",
        "subject": [{
            "digest": {digest.algorithm().name(): digest.hex()},
            "annotations": annotations,
        }],
        "predicateType": SIGN_PREDICATE_TYPE,
        "predicate": {},
    }))?)
}

/// Parses a statement and runs the checks `verify-attestation` makes: the
/// predicate type is the one asked for, and a subject has `digest`.
pub fn check(payload: &[u8], want_type: &str, digest: &Digest) -> Result<Statement> {
    let statement = check_subject(payload, digest)?;
    if statement.predicate_type != want_type {
        fail!(
            "predicate type check failed: the attestation is {}, not {want_type}",
            statement.predicate_type
        );
    }
    Ok(statement)
}

/// Parses a statement and checks that a subject has `digest` (any
/// predicate type).
pub fn check_subject(payload: &[u8], digest: &Digest) -> Result<Statement> {
    let statement: Statement =
        serde_json::from_slice(payload).context("the payload is not an in-toto statement")?;
    if !statement
        .statement_type
        .starts_with("https://in-toto.io/Statement/")
    {
        fail!(
            "statement check failed: _type is {:?}, not an in-toto statement",
            statement.statement_type
        );
    }
    let algorithm = digest.algorithm().name();
    let matches = statement.subject.iter().any(|s| {
        s.digest
            .get(algorithm)
            .is_some_and(|d| d.eq_ignore_ascii_case(digest.hex()))
    });
    if !matches {
        let found: Vec<String> = statement
            .subject
            .iter()
            .map(|s| match s.digest.get(algorithm) {
                Some(d) => format!("{} {algorithm}:{d}", s.name),
                None => format!("{} (no {algorithm})", s.name),
            })
            .collect();
        fail!(
            "subject check failed: no subject has digest {digest} (subjects: {})",
            if found.is_empty() {
                "none".to_owned()
            } else {
                found.join(", ")
            }
        );
    }
    Ok(statement)
}
