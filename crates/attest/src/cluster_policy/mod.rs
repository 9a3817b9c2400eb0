//! The Sigstore policy controller's `ClusterImagePolicy`
//! (`policy.sigstore.dev/v1beta1` and `v1alpha1`), read from a YAML stream
//! of one or many documents and checked the way the controller's admission
//! webhook checks it, into policies the engine evaluates offline: image
//! globs ([`glob`]), authorities (a key, keyless identities, a static
//! pass or fail), the attestations each authority requires with their Rego
//! policies ([`rego`]), the policy over what the authorities matched, and
//! the mode.
//!
//! What cannot be honoured offline or without a CUE engine — a key from a
//! Kubernetes secret or a KMS, a remote or ConfigMap policy, CUE, the
//! resource `match` and the `include*` inputs of an admission request — is
//! refused with a line that names the policy and the field, never passed.

mod glob;
mod model;
pub mod rego;

pub use glob::{full_name, Glob};

use p256::ecdsa::VerifyingKey;
use p256::pkcs8::DecodePublicKey;
use regex::Regex;
use tallyman_oci::fail;

use crate::error::{Error, Result};
use crate::sigstore::{Identity, Matcher};

/// One `ClusterImagePolicy`, checked.
#[derive(Debug)]
pub struct ClusterPolicy {
    /// `metadata.name`.
    pub name: String,
    pub globs: Vec<Glob>,
    pub authorities: Vec<Authority>,
    /// The spec-level Rego policy over what the authorities matched.
    pub policy: Option<rego::Module>,
    /// `mode: warn`: failures are reported as warnings.
    pub warn: bool,
}

/// One authority of a policy.
#[derive(Debug)]
pub struct Authority {
    /// `name`, else `authority-N` as the controller names it.
    pub name: String,
    pub kind: AuthorityKind,
    /// `source[].oci`: the repositories signatures are looked for in
    /// (empty: the image's own).
    pub sources: Vec<String>,
    /// `signatureFormat: bundle`: cosign 3's bundles as referrers; else
    /// cosign 2's `.sig` and `.att` tags (the controller's default).
    pub bundle_format: bool,
    /// The attestations required (empty: a signature is).
    pub attestations: Vec<WantedAttestation>,
    /// A verified transparency-log entry or timestamp is required: always
    /// for keyless, for a key when the authority names a `ctlog` or an
    /// `rfc3161timestamp` (without either, the controller skips the log).
    pub require_log: bool,
}

/// What an authority trusts.
#[derive(Debug)]
pub enum AuthorityKind {
    Key(VerifyingKey),
    /// Any of these identities.
    Keyless(Vec<Identity>),
    Static {
        pass: bool,
        message: String,
    },
}

/// An attestation an authority requires.
#[derive(Debug)]
pub struct WantedAttestation {
    pub name: String,
    /// The predicate type (a URI; the controller's short names expanded).
    pub predicate_type: String,
    /// Rego the attestation's statement must satisfy.
    pub policy: Option<rego::Module>,
}

/// Reads every `ClusterImagePolicy` in the YAML stream `text` (from
/// `origin`, for messages). Other kinds of documents are refused (a policy
/// file holds policies); empty documents are skipped. A `trustRootRef`
/// names a TrustRoot of the cluster: it needs `trusted_root_given` (the
/// trust root the user gives stands in for it). `warnings` gets what the
/// controller would warn about (deprecated short predicate types).
pub fn load(
    text: &str,
    origin: &str,
    trusted_root_given: bool,
    warnings: &mut Vec<String>,
) -> Result<Vec<ClusterPolicy>> {
    use serde::Deserialize;
    let mut policies = Vec::new();
    // The stream as YAML first (a syntax error is not YAML), then each
    // document as a policy, from the text again so errors name the field.
    let values = serde_norway::Deserializer::from_str(text)
        .map(serde_norway::Value::deserialize)
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|e| Error::Message(format!("{origin}: not YAML: {e}")))?;
    let documents = values
        .iter()
        .zip(serde_norway::Deserializer::from_str(text));
    for (i, (value, document)) in documents.enumerate() {
        if value.is_null() {
            continue;
        }
        let document = model::Document::deserialize(document).map_err(|e| {
            Error::Message(format!(
                "{origin}: document {}: not a ClusterImagePolicy: {e}",
                i + 1
            ))
        })?;
        let name = document
            .metadata
            .as_ref()
            .and_then(|m| m.name.clone())
            .unwrap_or_else(|| format!("document {}", i + 1));
        let policy = check(document, trusted_root_given, warnings)
            .map_err(|e| Error::Message(format!("{origin}: policy {name}: {e}")))?;
        policies.push(policy);
    }
    if policies.is_empty() {
        fail!("{origin}: no ClusterImagePolicy in the file");
    }
    Ok(policies)
}

const API_VERSIONS: [&str; 2] = [
    "policy.sigstore.dev/v1beta1",
    "policy.sigstore.dev/v1alpha1",
];

/// One document, validated as the controller's webhook validates it.
fn check(
    document: model::Document,
    trusted_root_given: bool,
    warnings: &mut Vec<String>,
) -> Result<ClusterPolicy> {
    match document.api_version.as_deref() {
        Some(version) if API_VERSIONS.contains(&version) => {}
        other => fail!(
            "apiVersion is {}, not {} or {}",
            other.map_or("missing".to_owned(), |v| format!("{v:?}")),
            API_VERSIONS[0],
            API_VERSIONS[1]
        ),
    }
    if document.kind.as_deref() != Some("ClusterImagePolicy") {
        fail!(
            "kind is {}, not ClusterImagePolicy",
            document
                .kind
                .map_or("missing".to_owned(), |k| format!("{k:?}"))
        );
    }
    if document
        .metadata
        .as_ref()
        .and_then(|m| m.name.as_ref())
        .is_none()
    {
        fail!("missing field(s): metadata.name");
    }
    let Some(spec) = document.spec else {
        fail!("missing field(s): spec");
    };
    if spec.images.is_empty() {
        fail!("missing field(s): spec.images");
    }
    let mut globs = Vec::new();
    for (i, image) in spec.images.iter().enumerate() {
        let Some(text) = image.glob.as_deref() else {
            fail!("missing field(s): spec.images[{i}].glob");
        };
        match Glob::compile(text) {
            Some(glob) => globs.push(glob),
            None => fail!("invalid value: {text}: spec.images[{i}].glob: glob is invalid"),
        }
    }
    if spec.authorities.is_empty() {
        fail!("missing field(s): spec.authorities");
    }
    if spec.match_resources.is_some() {
        fail!("spec.match selects Kubernetes resources, which an image alone does not have: remove it to check the image");
    }
    let mode = spec.mode.as_deref().unwrap_or("enforce");
    if mode != "enforce" && mode != "warn" {
        fail!("invalid value: {mode}: spec.mode (enforce or warn)");
    }
    let authorities = spec
        .authorities
        .into_iter()
        .enumerate()
        .map(|(i, authority)| check_authority(authority, i, trusted_root_given, warnings))
        .collect::<Result<Vec<_>>>()?;
    let policy = match spec.policy {
        Some(policy) => Some(check_policy(policy, "spec.policy", true)?),
        None => None,
    };
    Ok(ClusterPolicy {
        name: document.metadata.and_then(|m| m.name).unwrap_or_default(),
        globs,
        authorities,
        policy,
        warn: mode == "warn",
    })
}

fn check_authority(
    authority: model::Authority,
    index: usize,
    trusted_root_given: bool,
    warnings: &mut Vec<String>,
) -> Result<Authority> {
    let p = format!("spec.authorities[{index}]");
    let given = [
        authority.key.is_some(),
        authority.keyless.is_some(),
        authority.static_action.is_some(),
    ];
    match given.iter().filter(|g| **g).count() {
        0 => fail!("expected exactly one, got neither: {p}.key, {p}.keyless, {p}.static"),
        1 => {}
        _ => fail!("expected exactly one, got both: {p}.key, {p}.keyless, {p}.static"),
    }
    let trust_root_refs = [
        authority
            .keyless
            .as_ref()
            .and_then(|k| k.trust_root_ref.as_ref()),
        authority
            .ctlog
            .as_ref()
            .and_then(|c| c.trust_root_ref.as_ref()),
        authority
            .rfc3161timestamp
            .as_ref()
            .and_then(|t| t.trust_root_ref.as_ref()),
    ];
    for name in trust_root_refs.into_iter().flatten() {
        if !trusted_root_given {
            fail!("{p}: trustRootRef {name} names a TrustRoot resource of the cluster, which is not readable offline: give its trust root as a Sigstore trusted_root.json file");
        }
        warnings.push(format!(
            "{p}: trustRootRef {name} names the cluster's TrustRoot resource: the trust root given to tallyman stands in for it"
        ));
    }
    let kind = if let Some(key) = authority.key {
        if key.secret_ref.is_some() {
            fail!("{p}.key.secretRef reads a Kubernetes secret, which tallyman cannot reach offline: put the public key's PEM in key.data");
        }
        if key.kms.is_some() {
            fail!("{p}.key.kms names a KMS key, which tallyman cannot reach offline: put the public key's PEM in key.data");
        }
        if let Some(algorithm) = key.hash_algorithm.as_deref().filter(|a| *a != "sha256") {
            fail!("{p}.key.hashAlgorithm {algorithm} is not supported (tallyman verifies ECDSA P-256 with SHA-256)");
        }
        let Some(data) = key.data else {
            fail!("missing field(s): {p}.key.data");
        };
        let key = VerifyingKey::from_public_key_pem(data.trim()).map_err(|e| {
            Error::Message(format!(
                "{p}.key.data: not a PEM ECDSA P-256 public key ({e})"
            ))
        })?;
        AuthorityKind::Key(key)
    } else if let Some(keyless) = authority.keyless {
        if keyless.ca_cert.is_some() {
            fail!("{p}.keyless.ca-cert is not supported: give the Fulcio roots in a Sigstore trusted root instead");
        }
        let identities = keyless.identities.unwrap_or_default();
        if identities.is_empty() {
            fail!("missing field(s): {p}.keyless.identities");
        }
        let identities = identities
            .into_iter()
            .enumerate()
            .map(|(i, identity)| check_identity(identity, &format!("{p}.keyless.identities[{i}]")))
            .collect::<Result<Vec<_>>>()?;
        AuthorityKind::Keyless(identities)
    } else {
        let action = authority.static_action.unwrap_or(model::Static {
            action: None,
            message: None,
        });
        let pass = match action.action.as_deref() {
            Some("pass") => true,
            Some("fail") => false,
            Some(other) => fail!("invalid value: {other}: {p}.static.action (pass or fail)"),
            None => fail!("missing field(s): {p}.static.action"),
        };
        if authority.attestations.is_some()
            || authority.source.is_some()
            || authority.ctlog.is_some()
            || authority.rfc3161timestamp.is_some()
        {
            fail!(
                "{p}: a static authority takes no attestations, source, ctlog or rfc3161timestamp"
            );
        }
        AuthorityKind::Static {
            pass,
            message: action.message.unwrap_or_default(),
        }
    };
    let require_log = !matches!(kind, AuthorityKind::Key(_))
        || authority.ctlog.is_some()
        || authority.rfc3161timestamp.is_some();
    let given_sources = authority.source.unwrap_or_default();
    if given_sources.len() > 1 {
        fail!("{p}.source: only single source is supported");
    }
    let mut sources = Vec::new();
    for (i, source) in given_sources.into_iter().enumerate() {
        if source.signature_pull_secrets.is_some() {
            fail!("{p}.source[{i}].signaturePullSecrets reads Kubernetes secrets: log in to the registry instead");
        }
        if source.tag_prefix.is_some() {
            fail!("{p}.source[{i}].tagPrefix is not supported");
        }
        match source.oci {
            Some(oci) => sources.push(oci),
            None => fail!("missing field(s): {p}.source[{i}].oci"),
        }
    }
    let bundle_format = match authority.signature_format.as_deref() {
        None | Some("simplesigning") => false,
        Some("bundle") if matches!(kind, AuthorityKind::Key(_)) => {
            fail!("{p}: when using the new bundle format, the authority must be keyless")
        }
        Some("bundle") => true,
        Some(other) => {
            fail!("invalid value: {other}: {p}.signatureFormat (simplesigning or bundle)")
        }
    };
    let mut attestations = Vec::new();
    for (i, wanted) in authority
        .attestations
        .unwrap_or_default()
        .into_iter()
        .enumerate()
    {
        let field = format!("{p}.attestations[{i}]");
        let Some(name) = wanted.name else {
            fail!("missing field(s): {field}.name");
        };
        let Some(short) = wanted.predicate_type else {
            fail!("missing field(s): {field}.predicateType");
        };
        let predicate_type = predicate_type(&short).to_owned();
        if predicate_type != short {
            warnings.push(format!(
                "attestation {name}: the short predicate type {short:?} is deprecated; the controller reads it as {predicate_type}"
            ));
        }
        let policy = match wanted.policy {
            Some(policy) => Some(check_policy(policy, &format!("{field}.policy"), false)?),
            None => None,
        };
        attestations.push(WantedAttestation {
            name,
            predicate_type,
            policy,
        });
    }
    Ok(Authority {
        name: authority
            .name
            .unwrap_or_else(|| format!("authority-{index}")),
        kind,
        sources,
        bundle_format,
        attestations,
        require_log,
    })
}

/// cosign's short predicate type names (its `PredicateTypeMap`), as the
/// controller expands them; any other text is the type as written.
fn predicate_type(name: &str) -> &str {
    match name {
        "custom" => "https://cosign.sigstore.dev/attestation/v1",
        "slsaprovenance" | "slsaprovenance02" => "https://slsa.dev/provenance/v0.2",
        "slsaprovenance1" => "https://slsa.dev/provenance/v1",
        "spdx" | "spdxjson" => "https://spdx.dev/Document",
        "cyclonedx" => "https://cyclonedx.org/bom",
        "link" => "https://in-toto.io/Link/v1",
        "vuln" => "https://cosign.sigstore.dev/attestation/vuln/v1",
        "openvex" => "https://openvex.dev/ns",
        other => other,
    }
}

fn check_identity(identity: model::Identity, p: &str) -> Result<Identity> {
    let matcher = |exact: Option<String>, pattern: Option<String>, name: &str| {
        let field = format!("{p}.{name}");
        match (exact, pattern) {
            (Some(exact), None) => Ok(Matcher::Exact(exact)),
            (None, Some(pattern)) => Regex::new(&pattern)
                .map(Matcher::Pattern)
                .map_err(|e| {
                    Error::Message(format!(
                        "invalid value: {pattern}: {field}RegExp: the regular expression does not compile ({})",
                        e.to_string().lines().last().unwrap_or_default().trim()
                    ))
                }),
            (Some(_), Some(_)) => Err(Error::Message(format!(
                "expected exactly one, got both: {field}, {field}RegExp"
            ))),
            (None, None) => Err(Error::Message(format!(
                "missing field(s): {field}, {field}RegExp"
            ))),
        }
    };
    Ok(Identity {
        issuer: matcher(identity.issuer, identity.issuer_regexp, "issuer")?,
        identity: matcher(identity.subject, identity.subject_regexp, "subject")?,
    })
}

/// A policy block: inline Rego only.
fn check_policy(policy: model::Policy, field: &str, spec_level: bool) -> Result<rego::Module> {
    for (given, what) in [
        (policy.remote.is_some(), "remote"),
        (policy.config_map_ref.is_some(), "configMapRef"),
    ] {
        if given {
            fail!("{field}.{what}: only inline policies (data) are read offline");
        }
    }
    let include = [
        (policy.fetch_config_file, "fetchConfigFile"),
        (policy.include_spec, "includeSpec"),
        (policy.include_object_meta, "includeObjectMeta"),
        (policy.include_type_meta, "includeTypeMeta"),
    ];
    for (given, what) in include {
        if given == Some(true) {
            if !spec_level {
                fail!("{field}.{what} is only for the spec-level policy");
            }
            fail!("{field}.{what}: the admission request's resource and image configs are not part of an offline check");
        }
    }
    match policy.policy_type.as_deref() {
        Some("rego") => {}
        Some("cue") => fail!(
            "{field}: CUE policies are not supported (there is no CUE engine for Rust); write it in Rego"
        ),
        Some(other) => fail!("invalid value: {other}: {field}.type (rego)"),
        None => fail!("missing field(s): {field}.type"),
    }
    let Some(data) = policy.data else {
        fail!("missing field(s): {field}.data");
    };
    rego::compile(&data).map_err(|e| Error::Message(format!("{field}: {e}")))
}

#[cfg(test)]
mod tests;
