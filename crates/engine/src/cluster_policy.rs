//! A registry image held to the policy controller's `ClusterImagePolicy`
//! documents offline, as the controller's admission webhook and its
//! `policy-tester` hold it: the policies whose globs match the image's
//! full name all apply (none matching: the image is denied as uncovered);
//! a policy passes when one of its authorities is satisfied — a static
//! pass, a signature that verifies against its key or keyless identities,
//! or for an authority with attestations, for each one wanted a verified
//! attestation of its predicate type that satisfies its Rego — and the
//! spec-level Rego over what the authorities matched allows it. In `warn`
//! mode a failure is a warning. The messages are the controller's.

use std::path::PathBuf;

use serde_json::{json, Map, Value};
use tallyman_attest::cluster_policy::rego::Verdict;
use tallyman_attest::cluster_policy::{full_name, Authority, AuthorityKind, ClusterPolicy};
use tallyman_attest::sigstore::Signer;
use tallyman_attest::verifier::{FoundSignature, Signature, Verified, Verifier};
use tallyman_oci::registry::{RegistryOptions, Repository};
use tallyman_oci::{fail, report, Digest, ImageReference};

use crate::attestation::registry_candidates;
use crate::error::{Context, Result};
use crate::signature::signatures;
use crate::source::SourceSpec;

/// What the policies said of the image.
#[derive(Debug, Default)]
pub struct Outcome {
    /// The controller's errors (its `policy-tester`'s `errors`): the image
    /// would be denied when there is any.
    pub errors: Vec<String>,
    /// Its warnings (`mode: warn` failures, the policies' warnings).
    pub warnings: Vec<String>,
    /// One line per policy, for people.
    pub lines: Vec<String>,
}

/// Holds the registry image `spec` names to `policies`; keyless
/// signatures are checked against `trusted_root` (else the public-good
/// Sigstore root).
pub fn evaluate(
    spec: &SourceSpec,
    registry: &RegistryOptions,
    policies: &[ClusterPolicy],
    trusted_root: Option<PathBuf>,
) -> Result<Outcome> {
    let Some(reference) = spec.registry_reference() else {
        fail!(
            "{}: a ClusterImagePolicy is checked against a registry image (registry:REF): its signatures live there",
            spec.input
        );
    };
    let name = full_name(reference);
    let mut outcome = Outcome::default();
    let matching: Vec<&ClusterPolicy> = policies
        .iter()
        .filter(|policy| policy.globs.iter().any(|glob| glob.matches(&name)))
        .collect();
    if matching.is_empty() {
        outcome
            .errors
            .push(format!("{reference} is uncovered by policy"));
        outcome.lines.push(format!(
            "no policy's images match {name}: the policy controller denies an image no policy covers"
        ));
        return Ok(outcome);
    }
    let repository = Repository::connect(reference, registry)?;
    let digest = repository
        .require_manifest(&reference.manifest_reference())
        .with_context(|| reference.to_string())?
        .digest;
    let context = Check {
        shown: reference.to_string(),
        name: &name,
        digest: &digest,
        repository: &repository,
        registry,
        trusted_root,
    };
    for policy in matching {
        let (errors, line) = context.policy(policy);
        if errors.is_empty() {
            outcome.lines.push(line);
        } else if policy.warn {
            outcome.warnings.extend(errors);
            outcome
                .lines
                .push(format!("{line} (mode warn: reported, not enforced)"));
        } else {
            outcome.errors.extend(errors);
            outcome.lines.push(line);
        }
    }
    Ok(outcome)
}

/// Why a verified signature does not count for an authority that requires
/// a transparency-log entry or a timestamp.
const NOT_LOGGED: &str = "no transparency-log entry or signed timestamp was verified for it, and the authority requires one (keyless, or a ctlog or rfc3161timestamp)";

/// The image being checked.
struct Check<'a> {
    /// The reference as given (what an image signature's claims name).
    shown: String,
    /// Its full name, as the controller's messages give it.
    name: &'a str,
    digest: &'a Digest,
    repository: &'a Repository,
    registry: &'a RegistryOptions,
    trusted_root: Option<PathBuf>,
}

impl Check<'_> {
    /// One policy: its errors (none: passed) and its line.
    fn policy(&self, policy: &ClusterPolicy) -> (Vec<String>, String) {
        let mut errors = Vec::new();
        let mut matches = Map::new();
        for authority in &policy.authorities {
            match self.authority(authority) {
                Ok(matched) => {
                    matches.insert(authority.name.clone(), matched);
                }
                Err(error) => errors.push(error),
            }
        }
        if matches.is_empty() {
            let line = format!(
                "policy {}: failed: no authority is satisfied ({})",
                policy.name,
                errors.join("; ")
            );
            return (errors, line);
        }
        let satisfied: Vec<&str> = matches.keys().map(String::as_str).collect();
        let line = format!(
            "policy {}: passed (authorit{} {} satisfied)",
            policy.name,
            if satisfied.len() == 1 { "y" } else { "ies" },
            satisfied.join(", ")
        );
        if let Some(module) = &policy.policy {
            let input = json!({"authorityMatches": matches});
            let verdict = module
                .evaluate("ClusterImagePolicy", &input)
                .unwrap_or_else(|error| Verdict::Failed(report(&error)));
            if let Verdict::Failed(error) | Verdict::Warning(error) = verdict {
                let line = format!("policy {}: failed: spec.policy: {error}", policy.name);
                return (vec![error], line);
            }
        }
        (Vec::new(), line)
    }

    /// One authority: what it matched (the controller's `AuthorityMatch`)
    /// or the controller's error — also when a registry cannot be reached,
    /// which fails this authority only, as in the controller.
    fn authority(&self, authority: &Authority) -> std::result::Result<Value, String> {
        let verifiers: Vec<Verifier> = match &authority.kind {
            AuthorityKind::Static { pass: true, .. } => return Ok(json!({"static": true})),
            AuthorityKind::Static {
                pass: false,
                message,
            } => return Err(format!("disallowed by static policy: {message}")),
            AuthorityKind::Key(key) => vec![Verifier::new(
                Signature::Key(*key),
                self.trusted_root.clone(),
            )],
            AuthorityKind::Keyless(identities) => identities
                .iter()
                .map(|identity| {
                    Verifier::new(
                        Signature::Keyless(identity.clone()),
                        self.trusted_root.clone(),
                    )
                })
                .collect(),
        };
        let how = match authority.kind {
            AuthorityKind::Key(_) => "key",
            _ => "keyless",
        };
        let sources = self.sources(authority).map_err(|error| {
            format!(
                "authority {} for {}: {}",
                authority.name,
                self.name,
                report(&error)
            )
        })?;
        let repositories: Vec<&Repository> = if sources.is_empty() {
            vec![self.repository]
        } else {
            sources.iter().collect()
        };
        if authority.attestations.is_empty() {
            self.signatures(&repositories, authority, &verifiers)
                .map(|verified| json!({"signatures": verified}))
                .map_err(|why| {
                    format!(
                        "signature {how} validation failed for authority {} for {}: {why}",
                        authority.name, self.name
                    )
                })
        } else {
            self.attestations(authority, &verifiers, &repositories, how)
        }
    }

    /// The repositories an authority's `source` says its signatures live
    /// in (none: the image's own).
    fn sources(&self, authority: &Authority) -> Result<Vec<Repository>> {
        authority
            .sources
            .iter()
            .map(|oci| {
                let reference = ImageReference::parse(oci)
                    .with_context(|| format!("authority {}: source {oci}", authority.name))?;
                Ok(Repository::connect(&reference, self.registry)?)
            })
            .collect()
    }

    /// The image signatures in `repositories` (bundles as referrers, or
    /// cosign 2's `.sig` tag) that verify with one of the authority's
    /// verifiers, as the controller's `PolicySignature`s.
    fn signatures(
        &self,
        repositories: &[&Repository],
        authority: &Authority,
        verifiers: &[Verifier],
    ) -> std::result::Result<Vec<Value>, String> {
        let bundle_format = authority.bundle_format;
        let mut verified = Vec::new();
        let mut rejected = Vec::new();
        for repository in repositories {
            let found = signatures(repository, self.digest).map_err(|e| report(&e))?;
            for (place, found) in found {
                let found = match found {
                    Ok(found) => found,
                    Err(why) if bundle_format => {
                        rejected.push(format!("{place}: {why}"));
                        continue;
                    }
                    Err(_) => continue,
                };
                if matches!(found, FoundSignature::Bundle(_)) != bundle_format {
                    continue;
                }
                let checked = first_verified(
                    verifiers,
                    authority.require_log,
                    |verifier| verifier.image_signature(&found, &self.shown, self.digest),
                    |signature| signature.logged,
                );
                match checked {
                    Ok(signature) => {
                        verified.push(policy_signature(&place, signature.signer.as_ref()));
                    }
                    Err(why) => rejected.push(format!("{place}: {why}")),
                }
            }
        }
        if verified.is_empty() {
            let looked = if bundle_format {
                "Sigstore bundle referrers (signatureFormat: bundle)"
            } else {
                "the .sig tag (the default signatureFormat; bundles need signatureFormat: bundle)"
            };
            return Err(if rejected.is_empty() {
                format!("no signatures found in {looked}")
            } else {
                format!("no matching signatures: {}", rejected.join("; "))
            });
        }
        Ok(verified)
    }

    /// For an authority with attestations: every attestation in
    /// `repositories` (bundles as referrers, or cosign 2's `.att` tag) that
    /// verifies, then for each one wanted, those of its predicate type that
    /// satisfy its Rego (the controller's `PolicyAttestation`s by name).
    fn attestations(
        &self,
        authority: &Authority,
        verifiers: &[Verifier],
        repositories: &[&Repository],
        how: &str,
    ) -> std::result::Result<Value, String> {
        let mut verified: Vec<(String, String, Verified)> = Vec::new();
        let mut rejected = Vec::new();
        for repository in repositories {
            let candidates = match registry_candidates(repository, self.digest) {
                Ok((candidates, unreadable)) => {
                    rejected.extend(unreadable);
                    candidates
                }
                Err(error) => {
                    rejected.push(report(&error));
                    continue;
                }
            };
            for candidate in candidates {
                if candidate.from_tag == authority.bundle_format {
                    continue;
                }
                let Some(claimed) = candidate.found.claimed_predicate_type() else {
                    rejected.push(format!("{}: not an in-toto statement", candidate.place));
                    continue;
                };
                let checked = first_verified(
                    verifiers,
                    authority.require_log,
                    |verifier| verifier.attestation(&candidate.found, &claimed, self.digest),
                    |result| result.logged,
                );
                match checked {
                    Ok(result) => verified.push((candidate.place, claimed, result)),
                    Err(why) => rejected.push(format!("{}: {why}", candidate.place)),
                }
            }
        }
        if verified.is_empty() {
            return Err(format!(
                "attestation {how} validation failed for authority {} for {}: no matching attestations: {}",
                authority.name,
                self.name,
                if rejected.is_empty() {
                    "none attached".to_owned()
                } else {
                    rejected.join("; ")
                }
            ));
        }
        let mut matched = Map::new();
        for wanted in &authority.attestations {
            let mut first_error = None;
            let mut passed = Vec::new();
            let mut checked = std::collections::BTreeSet::new();
            for (place, predicate_type, result) in &verified {
                checked.insert(predicate_type.as_str());
                if *predicate_type != wanted.predicate_type {
                    continue;
                }
                if let Some(module) = &wanted.policy {
                    let verdict = module
                        .evaluate(&wanted.name, &result.statement)
                        .unwrap_or_else(|error| Verdict::Failed(report(&error)));
                    if let Verdict::Failed(error) | Verdict::Warning(error) = verdict {
                        first_error.get_or_insert(error);
                        continue;
                    }
                }
                let mut attestation = policy_signature(place, result.signer.as_ref());
                attestation["predicateType"] = Value::String(predicate_type.clone());
                passed.push(attestation);
            }
            if passed.is_empty() {
                return Err(first_error.unwrap_or_else(|| {
                    format!(
                        "no matching attestations with type {}, checked the following predicateTypes: {:?}",
                        wanted.predicate_type,
                        checked.into_iter().collect::<Vec<_>>().join(",")
                    )
                }));
            }
            matched.insert(wanted.name.clone(), Value::Array(passed));
        }
        Ok(json!({"attestations": matched}))
    }
}

/// The first of an authority's `verifiers` that verifies what was found
/// (`verify`), with a log entry or timestamp (`logged`) when the authority
/// requires one; else why each refused it.
fn first_verified<T>(
    verifiers: &[Verifier],
    require_log: bool,
    verify: impl Fn(&Verifier) -> tallyman_attest::Result<T>,
    logged: impl Fn(&T) -> bool,
) -> std::result::Result<T, String> {
    let mut why = Vec::new();
    for verifier in verifiers {
        match verify(verifier) {
            Ok(result) if require_log && !logged(&result) => why.push(NOT_LOGGED.to_owned()),
            Ok(result) => return Ok(result),
            Err(error) => why.push(report(&error)),
        }
    }
    Err(why.join("; "))
}

/// A verified signature as the controller gives it to a spec-level policy
/// (its `PolicySignature`): who signed (keyless) and the GitHub workflow
/// claims, with where it was found as its id.
fn policy_signature(place: &str, signer: Option<&Signer>) -> Value {
    let mut value = json!({"id": place});
    if let Some(signer) = signer {
        value["subject"] = Value::String(signer.identity.clone());
        value["issuer"] = Value::String(signer.issuer.clone());
        for (name, _, claim) in &signer.workflow {
            // The controller's name for 1.5 is shorter than cosign's.
            let name = match *name {
                "githubWorkflowRepository" => "githubWorkflowRepo",
                other => other,
            };
            value[name] = Value::String(claim.clone());
        }
    }
    value
}
