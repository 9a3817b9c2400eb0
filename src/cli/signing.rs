//! The flags saying who signs (`--key`, or keyless: `--identity-token`,
//! `--signing-config`, `--trusted-root`), who must have signed (`--key`, or
//! `--certificate-identity[-regexp]` and `--certificate-oidc-issuer[-regexp]`)
//! and where a signature or attestation is attached (`--attach-format`),
//! shared by attest, sign, sign-blob and the verify commands.

use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use tallyman::attest::keys;
use tallyman::attest::signing::SignWith;
use tallyman::attest::sigstore::{Identity, Matcher};
use tallyman::attest::verifier::{Signature, Verifier};

use super::{key_password, Reporting};

/// How `--attach` stores the attestation.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AttachFormat {
    /// A Sigstore bundle as an OCI 1.1 referrer (cosign 3's default); the
    /// referrers API where the registry has it, else the tag schema.
    Bundle,
    /// cosign 2's `sha256-<hex>.att` tag of DSSE envelopes.
    Legacy,
}

/// How to sign: a key, or keyless.
#[derive(clap::Args)]
pub struct SigningArgs {
    /// cosign private key (encrypted cosign.key or PKCS#8 PEM; password from COSIGN_PASSWORD or a prompt).
    /// Without it, signing is keyless: an OIDC token, a Fulcio certificate, a Rekor entry.
    #[arg(long, value_name = "FILE")]
    key: Option<PathBuf>,
    /// Keyless: the OIDC identity token (or @FILE holding it); default SIGSTORE_ID_TOKEN,
    /// else GitHub Actions' ambient credentials.
    #[arg(long, value_name = "TOKEN|@FILE", conflicts_with = "key")]
    identity_token: Option<String>,
    /// Keyless: the Sigstore signing_config.json naming Fulcio, Rekor and the TSA
    /// (default: the public-good instance's, embedded).
    #[arg(long, value_name = "FILE", conflicts_with = "key")]
    signing_config: Option<PathBuf>,
    /// Keyless: the trusted_root.json the certificate, log entry and timestamp are checked
    /// against before anything is attached (default: the public-good instance's, embedded).
    #[arg(long, value_name = "FILE", conflicts_with = "key")]
    trusted_root: Option<PathBuf>,
}

impl SigningArgs {
    /// The key, or the keyless signer (its token found and checked).
    pub fn sign_with(&self, reporting: &Reporting) -> Result<SignWith> {
        if let Some(path) = &self.key {
            let key = keys::load_signing_key(path, || {
                key_password("Enter password for private key: ", false)
            })?;
            return Ok(SignWith::Key(key));
        }
        let keyless = tallyman::attest::keyless::Keyless::new(
            self.identity_token.as_deref(),
            self.signing_config.as_deref(),
            self.trusted_root.as_deref(),
        )?;
        reporting.note(&format!(
            "signing keyless as {} (issuer {}) with {}",
            keyless.identity, keyless.issuer, keyless.services
        ));
        Ok(SignWith::Keyless(Box::new(keyless)))
    }
}

/// Who must have signed: a key, or (keyless) a certificate identity and issuer.
#[derive(clap::Args)]
pub struct SignerArgs {
    /// cosign public key (PEM).
    #[arg(long, value_name = "FILE")]
    key: Option<PathBuf>,
    /// Keyless: the identity (the certificate's SAN: a workflow URI, an email) that must have signed.
    #[arg(long, value_name = "ID", conflicts_with = "key")]
    certificate_identity: Option<String>,
    /// Keyless: a regular expression the certificate identity must match.
    #[arg(long, value_name = "REGEX", conflicts_with_all = ["key", "certificate_identity"])]
    certificate_identity_regexp: Option<String>,
    /// Keyless: the OIDC issuer of the signer's token (https://token.actions.githubusercontent.com, …).
    #[arg(long, value_name = "URL", conflicts_with = "key")]
    certificate_oidc_issuer: Option<String>,
    /// Keyless: a regular expression the OIDC issuer must match.
    #[arg(long, value_name = "REGEX", conflicts_with_all = ["key", "certificate_oidc_issuer"])]
    certificate_oidc_issuer_regexp: Option<String>,
    /// Sigstore trusted_root.json for certificates, log entries and timestamps (default: the public-good instance's, embedded).
    #[arg(long, value_name = "FILE")]
    trusted_root: Option<PathBuf>,
}

fn matcher(
    exact: &Option<String>,
    pattern: &Option<String>,
    flag: &str,
) -> Result<Option<Matcher>> {
    Ok(match (exact, pattern) {
        (Some(exact), _) => Some(Matcher::Exact(exact.clone())),
        (None, Some(pattern)) => {
            Some(Matcher::Pattern(regex::Regex::new(pattern).with_context(
                || format!("--{flag}-regexp {pattern:?}: not a regular expression"),
            )?))
        }
        (None, None) => None,
    })
}

impl SignerArgs {
    /// The trusted root given (`--trusted-root`).
    pub fn trusted_root(&self) -> Option<PathBuf> {
        self.trusted_root.clone()
    }

    /// Whether a key or a keyless identity was given (a ClusterImagePolicy
    /// brings its own).
    pub fn names_a_signer(&self) -> bool {
        self.key.is_some()
            || self.certificate_identity.is_some()
            || self.certificate_identity_regexp.is_some()
            || self.certificate_oidc_issuer.is_some()
            || self.certificate_oidc_issuer_regexp.is_some()
    }

    /// Whether a keyless identity (not a key) is asked for.
    pub fn is_keyless(&self) -> bool {
        self.key.is_none()
    }

    pub fn verifier(&self) -> Result<Verifier> {
        let identity = matcher(
            &self.certificate_identity,
            &self.certificate_identity_regexp,
            "certificate-identity",
        )?;
        let issuer = matcher(
            &self.certificate_oidc_issuer,
            &self.certificate_oidc_issuer_regexp,
            "certificate-oidc-issuer",
        )?;
        let signature = match (&self.key, identity, issuer) {
            (Some(key), _, _) => Signature::Key(keys::load_verifying_key(key)?),
            (None, Some(identity), Some(issuer)) => Signature::Keyless(Identity { identity, issuer }),
            (None, None, None) => bail!("give --key FILE, or --certificate-identity[-regexp] and --certificate-oidc-issuer[-regexp] for a keyless signature"),
            (None, _, _) => bail!("a keyless signature needs both --certificate-identity[-regexp] and --certificate-oidc-issuer[-regexp]"),
        };
        Ok(Verifier::new(signature, self.trusted_root.clone()))
    }
}
