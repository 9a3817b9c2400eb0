//! The policy controller's `ClusterImagePolicy` as written in YAML
//! (`policy.sigstore.dev/v1alpha1` and `v1beta1` have the same fields):
//! every field, and no other — an unknown field is refused, as the
//! controller's own `policy-tester` refuses it; an empty string is an
//! unset field, as in Go. Fields tallyman cannot
//! honour offline are read too, so that they are refused by name.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer};
use serde_norway::Value;

/// A string field as Go reads it: empty is unset (`subjectRegExp: ""` is
/// no pattern, not one that matches everything).
fn non_empty<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    Ok(Option::<String>::deserialize(deserializer)?.filter(|s| !s.is_empty()))
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Document {
    #[serde(default, deserialize_with = "non_empty")]
    pub api_version: Option<String>,
    #[serde(default, deserialize_with = "non_empty")]
    pub kind: Option<String>,
    pub metadata: Option<Metadata>,
    pub spec: Option<Spec>,
    /// What a cluster reports (read, not used).
    #[serde(default, rename = "status")]
    pub _status: Option<Value>,
}

/// Kubernetes' ObjectMeta: only the name matters here.
#[derive(Debug, Deserialize)]
pub struct Metadata {
    #[serde(default, deserialize_with = "non_empty")]
    pub name: Option<String>,
    #[serde(flatten)]
    pub _rest: BTreeMap<String, Value>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Spec {
    #[serde(default)]
    pub images: Vec<ImagePattern>,
    #[serde(default)]
    pub authorities: Vec<Authority>,
    pub policy: Option<Policy>,
    #[serde(default, deserialize_with = "non_empty")]
    pub mode: Option<String>,
    #[serde(rename = "match")]
    pub match_resources: Option<Vec<Value>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImagePattern {
    #[serde(default, deserialize_with = "non_empty")]
    pub glob: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Authority {
    #[serde(default, deserialize_with = "non_empty")]
    pub name: Option<String>,
    pub key: Option<Key>,
    pub keyless: Option<Keyless>,
    #[serde(rename = "static")]
    pub static_action: Option<Static>,
    pub source: Option<Vec<Source>>,
    pub ctlog: Option<TransparencyLog>,
    pub attestations: Option<Vec<Attestation>>,
    pub rfc3161timestamp: Option<Timestamps>,
    #[serde(default, deserialize_with = "non_empty")]
    pub signature_format: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Key {
    #[serde(default, deserialize_with = "non_empty")]
    pub data: Option<String>,
    pub secret_ref: Option<Value>,
    #[serde(default, deserialize_with = "non_empty")]
    pub kms: Option<String>,
    #[serde(default, deserialize_with = "non_empty")]
    pub hash_algorithm: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Keyless {
    /// The Fulcio URL (read, not used: the trust root decides).
    #[serde(rename = "url")]
    #[serde(default, deserialize_with = "non_empty")]
    pub _url: Option<String>,
    pub identities: Option<Vec<Identity>>,
    #[serde(rename = "ca-cert")]
    pub ca_cert: Option<Value>,
    #[serde(default, deserialize_with = "non_empty")]
    pub trust_root_ref: Option<String>,
    /// Read, not used: tallyman checks what the trust root requires.
    #[serde(rename = "insecureIgnoreSCT")]
    pub _insecure_ignore_sct: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Identity {
    #[serde(default, deserialize_with = "non_empty")]
    pub issuer: Option<String>,
    #[serde(default, deserialize_with = "non_empty")]
    pub subject: Option<String>,
    #[serde(rename = "issuerRegExp")]
    #[serde(default, deserialize_with = "non_empty")]
    pub issuer_regexp: Option<String>,
    #[serde(rename = "subjectRegExp")]
    #[serde(default, deserialize_with = "non_empty")]
    pub subject_regexp: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Static {
    #[serde(default, deserialize_with = "non_empty")]
    pub action: Option<String>,
    #[serde(default, deserialize_with = "non_empty")]
    pub message: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Source {
    #[serde(default, deserialize_with = "non_empty")]
    pub oci: Option<String>,
    pub signature_pull_secrets: Option<Value>,
    #[serde(default, deserialize_with = "non_empty")]
    pub tag_prefix: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TransparencyLog {
    /// The Rekor URL (read, not used: the trust root decides).
    #[serde(rename = "url")]
    #[serde(default, deserialize_with = "non_empty")]
    pub _url: Option<String>,
    #[serde(default, deserialize_with = "non_empty")]
    pub trust_root_ref: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Timestamps {
    #[serde(default, deserialize_with = "non_empty")]
    pub trust_root_ref: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Attestation {
    #[serde(default, deserialize_with = "non_empty")]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "non_empty")]
    pub predicate_type: Option<String>,
    pub policy: Option<Policy>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Policy {
    #[serde(rename = "type")]
    #[serde(default, deserialize_with = "non_empty")]
    pub policy_type: Option<String>,
    #[serde(default, deserialize_with = "non_empty")]
    pub data: Option<String>,
    pub remote: Option<Value>,
    pub config_map_ref: Option<Value>,
    pub fetch_config_file: Option<bool>,
    pub include_spec: Option<bool>,
    pub include_object_meta: Option<bool>,
    pub include_type_meta: Option<bool>,
}
