//! Verification against a Sigstore trust root, offline: keyless bundles
//! (a Fulcio certificate chaining to a CA of the trust root valid at signing
//! time, its embedded SCT against a CT log key, the identity and issuer
//! asked for, the signature) and the transparency-log proof of any bundle
//! (Rekor's signed entry timestamp, or the inclusion proof with its signed
//! checkpoint; RFC 3161 timestamps for Rekor v2 entries), with the log
//! entry's body matched against the bundle.
//!
//! This is sigstore-rust's `sigstore-verify`, which passes the
//! sigstore-conformance suite, built without TUF or an HTTP client: the trust
//! root is a `trusted_root.json` given with `--trusted-root`, or the
//! public-good instance's root embedded here (`trusted_root.json`, as shipped
//! in the `sigstore` 4.5.1 wheel on PyPI; README says how to refresh it).
//! Bundles signed with a key and carrying no log entry (what `attest`
//! writes) are checked by [`super::bundle`] instead: there is nothing here
//! to check them against.

use std::path::Path;

use crate::error::{Context, Error, Result};
use p256::ecdsa::VerifyingKey;
use p256::pkcs8::EncodePublicKey;
use sigstore_verify::trust_root::TrustedRoot;
use sigstore_verify::types::{Artifact, Bundle, DerPublicKey, Sha256Hash};
use sigstore_verify::{
    PublicKeyVerificationPolicy, VerificationPolicy, VerificationResult, Verifier,
};
use tallyman_oci::fail;

use tallyman_oci::{Algorithm, Digest};

/// The public-good Sigstore instance's trust root, embedded.
const PUBLIC_GOOD: &str = include_str!("trusted_root.json");

/// A trust root and where it came from.
pub struct TrustRoot {
    verifier: Verifier,
    pub source: String,
}

impl TrustRoot {
    /// `path`'s trusted_root.json, or the embedded public-good root.
    pub fn load(path: Option<&Path>) -> Result<TrustRoot> {
        let (json, source) = match path {
            Some(path) => (
                std::fs::read_to_string(path)
                    .with_context(|| format!("{}: cannot read the trust root", path.display()))?,
                path.display().to_string(),
            ),
            None => (
                PUBLIC_GOOD.to_owned(),
                "the embedded public-good Sigstore trust root".to_owned(),
            ),
        };
        let root = TrustedRoot::from_json(&json).map_err(|e| {
            Error::Message(format!("{source}: not a Sigstore trusted_root.json ({e})"))
        })?;
        let verifier = Verifier::new(&root)
            .map_err(|e| Error::Message(format!("{source}: unusable trust root ({e})")))?;
        Ok(TrustRoot { verifier, source })
    }
}

/// How a certificate value must match: exactly, or by a regular expression
/// (unanchored, as cosign's `-regexp` flags).
#[derive(Debug, Clone)]
pub enum Matcher {
    Exact(String),
    Pattern(regex::Regex),
}

impl Matcher {
    fn matches(&self, value: &str) -> bool {
        match self {
            Matcher::Exact(expected) => value == expected,
            Matcher::Pattern(pattern) => pattern.is_match(value),
        }
    }
}

impl std::fmt::Display for Matcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Matcher::Exact(value) => write!(f, "{value:?}"),
            Matcher::Pattern(pattern) => write!(f, "/{pattern}/"),
        }
    }
}

/// Who must have signed: the certificate's identity (its SAN) and the
/// issuer of the OIDC token it was issued for.
#[derive(Debug, Clone)]
pub struct Identity {
    pub identity: Matcher,
    pub issuer: Matcher,
}

/// Who signed a keyless bundle, as its verified certificate says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signer {
    pub identity: String,
    pub issuer: String,
    /// The GitHub Actions workflow claims Fulcio put in the certificate:
    /// cosign's name for each, its OID, and the value.
    pub workflow: Vec<(&'static str, &'static str, String)>,
    /// The provider-neutral CI claims (Fulcio's `1.3.6.1.4.1.57264.1.9` to
    /// `.1.21`) the certificate carries.
    pub ci: CiClaims,
}

/// The build a keyless certificate was issued to, as Fulcio's
/// provider-neutral extensions name it (each absent when the certificate
/// does not carry it): what a provenance's claims are checked against.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CiClaims {
    /// `.1.9`: the build configuration that signed, with its ref.
    pub build_signer_uri: Option<String>,
    /// `.1.11`: `github-hosted`, `self-hosted`, `gitlab-hosted`.
    pub runner_environment: Option<String>,
    /// `.1.12`: the repository built.
    pub source_repository_uri: Option<String>,
    /// `.1.13`: the commit built.
    pub source_repository_digest: Option<String>,
    /// `.1.14`: the ref built (`refs/heads/main`).
    pub source_repository_ref: Option<String>,
    /// `.1.15`: the repository's immutable id.
    pub source_repository_identifier: Option<String>,
    /// `.1.17`: the owner's immutable id.
    pub source_repository_owner_identifier: Option<String>,
    /// `.1.18`: the build configuration that ran (with its ref).
    pub build_config_uri: Option<String>,
    /// `.1.20`: the event that started the build.
    pub build_trigger: Option<String>,
    /// `.1.21`: the run.
    pub run_invocation_uri: Option<String>,
}

impl Signer {
    fn of(result: &VerificationResult) -> Result<Signer> {
        let identity = result
            .identity()
            .map(|san| san.as_str().to_owned())
            .context("identity check failed: the certificate names no identity")?;
        let issuer = result
            .issuer()
            .map(str::to_owned)
            .context("issuer check failed: the certificate names no OIDC issuer")?;
        let mut workflow = Vec::new();
        let mut ci = CiClaims::default();
        if let Some(certificate) = result.certificate() {
            let claims = &certificate.ci_claims;
            ci = CiClaims {
                build_signer_uri: claims.build_signer_uri.clone(),
                runner_environment: claims.runner_environment.clone(),
                source_repository_uri: claims.source_repository_uri.clone(),
                source_repository_digest: claims.source_repository_digest.clone(),
                source_repository_ref: claims.source_repository_ref.clone(),
                source_repository_identifier: claims.source_repository_identifier.clone(),
                source_repository_owner_identifier: claims
                    .source_repository_owner_identifier
                    .clone(),
                build_config_uri: claims.build_config_uri.clone(),
                build_trigger: claims.build_trigger.clone(),
                run_invocation_uri: claims.run_invocation_uri.clone(),
            };
            let github = &certificate.ci_claims.deprecated_github;
            for (name, oid, value) in [
                (
                    "githubWorkflowTrigger",
                    "1.3.6.1.4.1.57264.1.2",
                    &github.workflow_trigger,
                ),
                (
                    "githubWorkflowSha",
                    "1.3.6.1.4.1.57264.1.3",
                    &github.workflow_sha,
                ),
                (
                    "githubWorkflowName",
                    "1.3.6.1.4.1.57264.1.4",
                    &github.workflow_name,
                ),
                (
                    "githubWorkflowRepository",
                    "1.3.6.1.4.1.57264.1.5",
                    &github.workflow_repository,
                ),
                (
                    "githubWorkflowRef",
                    "1.3.6.1.4.1.57264.1.6",
                    &github.workflow_ref,
                ),
            ] {
                if let Some(value) = value {
                    workflow.push((name, oid, value.clone()));
                }
            }
        }
        Ok(Signer {
            identity,
            issuer,
            workflow,
            ci,
        })
    }
}

/// What a signature is over.
pub enum Signed<'a> {
    /// An artifact's bytes (a message signature, or an attestation's subject).
    Bytes(&'a [u8]),
    /// An attestation's subject by its digest (an image's manifest digest).
    Digest(&'a Digest),
}

fn artifact<'a>(signed: &Signed<'a>) -> Result<Artifact<'a>> {
    Ok(match signed {
        Signed::Bytes(bytes) => Artifact::from(*bytes),
        Signed::Digest(digest) => {
            if digest.algorithm() != Algorithm::Sha256 {
                fail!("{digest}: Sigstore verification needs a sha256 digest");
            }
            let hash: Sha256Hash = digest
                .hex()
                .parse()
                .map_err(|e| Error::Message(format!("{digest}: {e}")))?;
            Artifact::from(hash)
        }
    })
}

fn parse(bundle: &[u8]) -> Result<Bundle> {
    let text = std::str::from_utf8(bundle).context("the bundle is not UTF-8")?;
    Bundle::from_json(text)
        .map_err(|e| Error::Message(format!("not a valid Sigstore bundle ({e})")))
}

/// Verifies a keyless bundle over `signed`: its certificate against the
/// trust root, its log entry and timestamps; returns who signed.
pub fn verify_any_identity(bundle: &[u8], signed: Signed<'_>, root: &TrustRoot) -> Result<Signer> {
    let bundle = parse(bundle)?;
    let result = root
        .verifier
        .verify(
            artifact(&signed)?,
            &bundle,
            &VerificationPolicy::any_identity(),
        )
        .map_err(|e| Error::Message(format!("keyless verification failed: {e}")))?;
    Signer::of(&result)
}

/// Verifies a keyless bundle over `signed` and that its signer matches
/// `wanted`.
pub fn verify_keyless(
    bundle: &[u8],
    signed: Signed<'_>,
    wanted: &Identity,
    root: &TrustRoot,
) -> Result<Signer> {
    let signer = verify_any_identity(bundle, signed, root)?;
    if !wanted.identity.matches(&signer.identity) {
        fail!(
            "identity check failed: signed by {:?}, not {}",
            signer.identity,
            wanted.identity
        );
    }
    if !wanted.issuer.matches(&signer.issuer) {
        fail!(
            "issuer check failed: issued by {:?}, not {}",
            signer.issuer,
            wanted.issuer
        );
    }
    Ok(signer)
}

/// Verifies a bundle signed with `key` that carries transparency-log
/// entries or timestamps: the signature and every entry and timestamp.
pub fn verify_logged_with_key(
    bundle: &[u8],
    signed: Signed<'_>,
    key: &VerifyingKey,
    root: &TrustRoot,
) -> Result<()> {
    let bundle = parse(bundle)?;
    let der = key
        .to_public_key_der()
        .map_err(|e| Error::Message(format!("encoding the public key: {e}")))?;
    let policy = PublicKeyVerificationPolicy::new(DerPublicKey::new(der.as_bytes().to_vec()));
    root.verifier
        .verify(artifact(&signed)?, &bundle, &policy)
        .map_err(|e| Error::Message(format!("verification failed: {e}")))?;
    Ok(())
}
