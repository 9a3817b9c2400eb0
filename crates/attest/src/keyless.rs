//! Keyless signing, as cosign and sigstore-python sign in CI: an OIDC
//! identity token (given, from `SIGSTORE_ID_TOKEN`, or GitHub Actions'
//! ambient credentials), an ephemeral ECDSA P-256 key held in memory only,
//! a short-lived certificate for it from Fulcio, the signature logged in
//! Rekor (v1: signed entry timestamp and inclusion proof; v2: inclusion
//! proof and checkpoint, with an RFC 3161 timestamp from a TSA), all chosen
//! by a Sigstore SigningConfig (`signing_config.json`: the public-good
//! instance's embedded, or one given for another instance).
//!
//! The protocol is sigstore-rust's `sigstore-sign` (the project whose
//! verifier [`super::sigstore`] uses); this module picks the services,
//! finds and checks the token, and runs the one async call to completion.
//! What it returns is a Sigstore bundle v0.3 that the caller verifies
//! against the trust root before using it.

use std::path::Path;

use crate::error::{Context, Error, Result};
use crate::sigstore::{self, Signed, Signer as SignedBy, TrustRoot};
use sigstore_sign::oidc::IdentityToken;
use sigstore_sign::rekor::RekorApiVersion;
use sigstore_sign::trust_root::{SigningConfig, SigstoreInstance};
use sigstore_sign::{Signer, SigningContext, SigningServices};
use tallyman_oci::{fail, Digest};

/// The audience Fulcio accepts tokens for.
const AUDIENCE: &str = "sigstore";

/// Where the identity token came from (for messages).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenSource {
    /// `--identity-token` (a value or `@FILE`).
    Given,
    /// The `SIGSTORE_ID_TOKEN` environment variable (GitLab CI and others).
    Environment,
    /// The CI system's ambient credentials (GitHub Actions'
    /// `ACTIONS_ID_TOKEN_REQUEST_URL` and `…_TOKEN`).
    Ambient,
}

/// A keyless signer: a checked identity token, the services to use, and
/// the trust root what they return is checked against.
pub struct Keyless {
    runtime: tokio::runtime::Runtime,
    signer: Signer,
    root: TrustRoot,
    /// Who the token says is signing (its email, else its subject).
    pub identity: String,
    /// The token's issuer.
    pub issuer: String,
    pub token_source: TokenSource,
    /// The services, for messages (`Fulcio …, Rekor v1 …, TSA …`).
    pub services: String,
}

impl Keyless {
    /// Finds the identity token (`given`, else `SIGSTORE_ID_TOKEN`, else
    /// the CI's ambient credentials), checks it, and picks the services of
    /// `signing_config`, whose answers are checked against `trusted_root`
    /// (by default the public-good instance's, both).
    pub fn new(
        given: Option<&str>,
        signing_config: Option<&Path>,
        trusted_root: Option<&Path>,
    ) -> Result<Keyless> {
        let root = TrustRoot::load(trusted_root)?;
        let services = services(signing_config)?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .context("starting the HTTP client's runtime")?;
        let (token, token_source) = find_token(given, &runtime)?;
        check_token(&token, &token_source)?;
        let described = describe(&services);
        let context = SigningContext::new(services);
        Ok(Keyless {
            identity: token.identity().to_owned(),
            issuer: token.issuer().to_owned(),
            signer: context.signer(token),
            root,
            runtime,
            token_source,
            services: described,
        })
    }

    /// Signs the in-toto `statement` (about `subject`): a bundle of a DSSE
    /// envelope, verified; and who signed.
    pub fn sign_statement(
        &self,
        statement: &[u8],
        subject: &Digest,
    ) -> Result<(Vec<u8>, SignedBy)> {
        let bundle = self
            .runtime
            .block_on(self.signer.sign_raw_statement(statement))
            .map_err(signing_failed)?;
        let bundle = to_json(&bundle)?;
        let signer = self.check(&bundle, Signed::Digest(subject))?;
        Ok((bundle, signer))
    }

    /// Signs `bytes`: a bundle of a message signature, verified; and who
    /// signed.
    pub fn sign_bytes(&self, bytes: &[u8]) -> Result<(Vec<u8>, SignedBy)> {
        let bundle = self
            .runtime
            .block_on(self.signer.sign(bytes))
            .map_err(signing_failed)?;
        let bundle = to_json(&bundle)?;
        let signer = self.check(&bundle, Signed::Bytes(bytes))?;
        Ok((bundle, signer))
    }

    /// Verifies a bundle just made against the trust root (the
    /// certificate's chain and SCT, the log entry, the timestamp), so that
    /// an answer of Fulcio, Rekor or the TSA that does not check out is
    /// never used.
    fn check(&self, bundle: &[u8], signed: Signed<'_>) -> Result<SignedBy> {
        sigstore::verify_any_identity(bundle, signed, &self.root).with_context(|| {
            format!(
                "the keyless signature does not verify against {} (nothing was attached)",
                self.root.source
            )
        })
    }
}

fn signing_failed(error: sigstore_sign::Error) -> Error {
    Error::Message(format!("keyless signing failed: {}", chain(&error)))
}

/// An error and its sources on one line (without a cause its error
/// already repeats).
fn chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut next = error.source();
    while let Some(cause) = next {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        next = cause.source();
    }
    text
}

fn to_json(bundle: &sigstore_sign::types::Bundle) -> Result<Vec<u8>> {
    let mut json = bundle
        .to_json()
        .map_err(|e| Error::Message(format!("writing the bundle: {e}")))?
        .into_bytes();
    json.push(b'\n');
    Ok(json)
}

/// The identity token and where it came from.
fn find_token(
    given: Option<&str>,
    runtime: &tokio::runtime::Runtime,
) -> Result<(IdentityToken, TokenSource)> {
    let parse = |text: &str, source: TokenSource, what: &str| {
        IdentityToken::from_jwt(text.trim())
            .map(|token| (token, source))
            .map_err(|e| Error::Message(format!("{what}: not an OIDC identity token ({e})")))
    };
    if let Some(given) = given {
        return match given.strip_prefix('@') {
            Some(path) => {
                let text = std::fs::read_to_string(path)
                    .with_context(|| format!("{path}: cannot read the identity token"))?;
                parse(&text, TokenSource::Given, path)
            }
            None => IdentityToken::from_jwt(given.trim())
                .map(|token| (token, TokenSource::Given))
                .map_err(|e| Error::GivenTokenMalformed(e.to_string())),
        };
    }
    if let Some(text) = std::env::var("SIGSTORE_ID_TOKEN")
        .ok()
        .filter(|t| !t.trim().is_empty())
    {
        return parse(&text, TokenSource::Environment, "SIGSTORE_ID_TOKEN");
    }
    match runtime.block_on(IdentityToken::detect_ambient()) {
        Ok(Some(token)) => Ok((token, TokenSource::Ambient)),
        Ok(None) => Err(Error::NoIdentityToken),
        Err(e) => fail!("the CI's identity token could not be had: {}", chain(&e)),
    }
}

/// Fails on a token Fulcio would refuse: the wrong audience, or expired.
fn check_token(token: &IdentityToken, source: &TokenSource) -> Result<()> {
    let from = match source {
        TokenSource::Given => "the identity token",
        TokenSource::Environment => "SIGSTORE_ID_TOKEN's token",
        TokenSource::Ambient => "the CI's identity token",
    };
    let audience = &token.claims().aud;
    if !audience.contains(AUDIENCE) {
        let named = serde_json::to_string(audience).unwrap_or_default();
        fail!(
            "{from} is for the audience {named}, not \"{AUDIENCE}\" (ask the OIDC provider for audience {AUDIENCE})"
        );
    }
    if token.is_expired() {
        fail!(
            "{from} expired at {} (tokens live minutes: get a new one)",
            token.expiration()
        );
    }
    Ok(())
}

/// The services of a signing config: Fulcio, the newest Rekor API it
/// offers (v2 needs a TSA), and a TSA if it lists one.
fn services(path: Option<&Path>) -> Result<SigningServices> {
    let (config, source) = match path {
        Some(path) => (
            SigningConfig::from_file(path).map_err(|e| {
                Error::Message(format!(
                    "{}: not a Sigstore signing_config.json ({e})",
                    path.display()
                ))
            })?,
            path.display().to_string(),
        ),
        None => (
            SigstoreInstance::PublicGood
                .embedded_signing_config()
                .ok()
                .flatten()
                .context("the embedded public-good signing config does not load")?,
            "the embedded public-good signing config".to_owned(),
        ),
    };
    let fulcio = config
        .fulcio_url()
        .with_context(|| format!("{source}: no Fulcio (caUrls) valid now"))?;
    let tsa = config.tsa_url();
    let rekor = config
        .rekor_url(tsa.is_none().then_some(1))
        .with_context(|| {
            format!("{source}: no Rekor log (rekorTlogUrls) valid now that tallyman can use (v2 needs a TSA)")
        })?;
    let version = RekorApiVersion::from_major(rekor.major_api_version).with_context(|| {
        format!(
            "{source}: Rekor API v{} is not one tallyman speaks (v1, v2)",
            rekor.major_api_version
        )
    })?;
    let mut services =
        SigningServices::new(&fulcio.url, &rekor.url).with_rekor(&rekor.url, version);
    if let Some(tsa) = tsa {
        services = services.with_tsa_url(&tsa.url);
    }
    services
        .validate()
        .map_err(|e| Error::Message(format!("{source}: {e}")))?;
    Ok(services)
}

fn describe(services: &SigningServices) -> String {
    let mut text = format!(
        "Fulcio {}, Rekor v{} {}",
        services.fulcio_url(),
        services.rekor_api_version().major(),
        services.rekor_url()
    );
    if let Some(tsa) = services.tsa_url() {
        text.push_str(&format!(", TSA {tsa}"));
    }
    text
}
