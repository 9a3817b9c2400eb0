//! `tallyman sign`, `tallyman verify` and `tallyman sign-blob`: image
//! signatures as cosign makes them (a Sigstore bundle attached as an OCI
//! referrer, or cosign 2's `.sig` tag) and checks them (every signature in
//! both places, printed as `cosign verify` prints them), and a bundle over
//! a file — each with a cosign key, or keyless (an OIDC identity token, a
//! Fulcio certificate, Rekor, a TSA) when no key is given.

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use tallyman::signature::{self, SignOptions, SignatureFormat, Targets};
use tallyman::source::SourceSpec;

use super::cluster_policy;
use super::signing::{AttachFormat, SignerArgs, SigningArgs};
use super::{document_time, write_output, Reporting, SourceArgs};

fn parse_annotation(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((key, value)) if !key.is_empty() => Ok((key.to_owned(), value.to_owned())),
        _ => Err(format!("{text:?} is not KEY=VALUE")),
    }
}

#[derive(clap::Args)]
pub struct SignArgs {
    /// The image (registry:REF): what the reference names is signed (an index's own digest,
    /// as cosign signs it); --platform OS/ARCH signs that platform's image, --platform all
    /// the index and every platform image.
    source: String,
    #[command(flatten)]
    signing: SigningArgs,
    /// An annotation to sign with the digest (repeatable), as cosign sign -a.
    #[arg(short = 'a', long = "annotation", value_name = "KEY=VALUE", value_parser = parse_annotation)]
    annotations: Vec<(String, String)>,
    /// bundle: a Sigstore bundle as an OCI referrer (cosign 3); legacy: the sha256-<hex>.sig tag (cosign 2).
    #[arg(long, value_enum, default_value = "bundle")]
    attach_format: AttachFormat,
    #[command(flatten)]
    source_args: SourceArgs,
    #[command(flatten)]
    reporting: Reporting,
}

#[derive(clap::Args)]
pub struct VerifyImageArgs {
    /// The image (registry:REF) whose signatures to verify.
    source: String,
    #[command(flatten)]
    signer: SignerArgs,
    /// An annotation every accepted signature must carry (repeatable), as cosign verify -a.
    #[arg(short = 'a', long = "annotation", value_name = "KEY=VALUE", value_parser = parse_annotation)]
    annotations: Vec<(String, String)>,
    /// Hold the image to the policy controller's ClusterImagePolicy documents (YAML; repeatable) instead of one key or identity.
    #[arg(long, value_name = "POLICY.yaml", conflicts_with = "annotations")]
    policy: Vec<PathBuf>,
    #[command(flatten)]
    source_args: SourceArgs,
    #[command(flatten)]
    reporting: Reporting,
}

#[derive(clap::Args)]
pub struct SignBlobArgs {
    /// The file to sign.
    blob: PathBuf,
    /// Write the Sigstore bundle (v0.3) here, as cosign sign-blob --bundle.
    #[arg(long, value_name = "FILE")]
    bundle: PathBuf,
    #[command(flatten)]
    signing: SigningArgs,
    #[command(flatten)]
    reporting: Reporting,
}

fn targets(source_args: &SourceArgs) -> Targets {
    if source_args.all_platforms() {
        Targets::All
    } else {
        Targets::Named
    }
}

pub fn run_sign(args: SignArgs) -> Result<()> {
    let spec = SourceSpec::parse(&args.source)?;
    if spec.registry_reference().is_none() {
        bail!(
            "{}: signatures are attached to the image in its registry; give a registry image (registry:REF)",
            spec.input
        );
    }
    let options = SignOptions {
        format: match args.attach_format {
            AttachFormat::Bundle => SignatureFormat::Bundle,
            AttachFormat::Legacy => SignatureFormat::Legacy,
        },
        annotations: args.annotations.iter().cloned().collect(),
        targets: targets(&args.source_args),
        open: args.source_args.open_options()?,
        created: document_time()?,
    };
    let with = args.signing.sign_with(&args.reporting)?;
    for note in signature::sign(&spec, &with, &options)? {
        args.reporting.note(&note);
    }
    Ok(())
}

pub fn run_verify_image(args: VerifyImageArgs) -> Result<()> {
    if !args.policy.is_empty() {
        if !cluster_policy::is_cluster_policy(&args.policy)? {
            bail!("verify --policy takes ClusterImagePolicy documents (.yaml); Rego over attestations is verify-attestation --policy FILE.rego");
        }
        return cluster_policy::run(
            &args.source,
            &args.policy,
            &args.signer,
            &args.source_args,
            &args.reporting,
        );
    }
    let spec = SourceSpec::parse(&args.source)?;
    let verifier = args.signer.verifier()?;
    let annotations: BTreeMap<String, String> = args.annotations.iter().cloned().collect();
    let results = signature::verify(
        &spec,
        &verifier,
        &annotations,
        targets(&args.source_args),
        &args.source_args.open_options()?,
    )?;
    let keyless = args.signer.is_keyless();
    let logged = results
        .iter()
        .flat_map(|r| &r.verified)
        .all(|(_, v)| v.logged);
    // What cosign verify says on stderr, and on stdout the verified claims.
    let shown = spec
        .registry_reference()
        .map_or_else(|| spec.input.clone(), ToString::to_string);
    let mut checks = format!(
        "\nVerification for {shown} --\nThe following checks were performed on each of these signatures:\n"
    );
    if !annotations.is_empty() {
        checks.push_str("  - The specified annotations were verified.\n");
    }
    checks.push_str("  - The cosign claims were validated\n");
    if logged {
        checks
            .push_str("  - Existence of the claims in the transparency log was verified offline\n");
    }
    checks.push_str(if keyless {
        "  - The code-signing certificate was verified using trusted certificate authority certificates\n"
    } else {
        "  - The signatures were verified against the specified public key\n"
    });
    if !args.reporting.quiet {
        eprint!("{checks}");
    }
    let mut claims = Vec::new();
    for result in &results {
        let label = result
            .label
            .as_deref()
            .map(|l| format!("{l}: "))
            .unwrap_or_default();
        for (place, verified) in &result.verified {
            args.reporting.note(&format!("{label}verified {place}"));
            if let Some(unchecked) = verified.unchecked {
                args.reporting.note(&format!("note: {place}: {unchecked}"));
            }
            claims.push(verified.claims.clone());
        }
        for rejected in &result.rejected {
            args.reporting.note(&format!("{label}rejected {rejected}"));
        }
    }
    let mut out = serde_json::to_vec(&claims)?;
    out.push(b'\n');
    write_output(None, &out, "verified signatures")
}

pub fn run_sign_blob(args: SignBlobArgs) -> Result<()> {
    let bytes = std::fs::read(&args.blob)
        .with_context(|| format!("{}: cannot read the file to sign", args.blob.display()))?;
    let with = args.signing.sign_with(&args.reporting)?;
    let signed = with.bytes(&bytes)?;
    write_output(Some(&args.bundle), &signed.bundle, "bundle")?;
    args.reporting.note(&format!(
        "wrote {} (a Sigstore bundle over {})",
        args.bundle.display(),
        args.blob.display()
    ));
    Ok(())
}
