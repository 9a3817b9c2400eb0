//! `tallyman attest` and `tallyman verify-attestation`: the SBOM as a signed
//! in-toto attestation (cosign-compatible), written out or attached to the
//! image in its registry, and verified back.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use tallyman::attest::{self, keys, oci, statement, Subject};
use tallyman::blob::Digest;
use tallyman::format::{CycloneDxVersion, Format, SpdxVersion};
use tallyman::scan::scan_image;
use tallyman::source::registry::{ImageReference, Repository};
use tallyman::source::{Image, SourceSpec, Target};

use super::{key_password, write_output, LimitArgs, Reporting, SourceArgs};

#[derive(clap::Args)]
pub struct AttestArgs {
    /// The image (any SOURCE `tallyman scan` takes).
    source: String,
    /// cosign private key (encrypted cosign.key or PKCS#8 PEM); password from COSIGN_PASSWORD or a prompt.
    #[arg(long)]
    key: PathBuf,
    /// spdxjson, cyclonedx, or another predicate type (then --predicate is required).
    #[arg(long = "type", default_value = "spdxjson")]
    predicate_type: String,
    /// Attest this SBOM (JSON) instead of scanning the image.
    #[arg(long, value_name = "FILE")]
    predicate: Option<PathBuf>,
    /// The subject's name for images without a registry identity (default: the file's name).
    #[arg(long)]
    subject_name: Option<String>,
    /// Write the envelope here instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
    /// Push the attestation to the image's registry, as cosign stores them (tag sha256-<hex>.att).
    #[arg(long)]
    attach: bool,
    /// With --attach: drop earlier attestations of the same predicate type.
    #[arg(long, requires = "attach")]
    replace: bool,
    #[command(flatten)]
    source_args: SourceArgs,
    #[command(flatten)]
    limits: LimitArgs,
    #[command(flatten)]
    reporting: Reporting,
}

#[derive(clap::Args)]
pub struct VerifyArgs {
    /// The image whose attestation to verify (omit with --blob).
    #[arg(required_unless_present = "blob")]
    source: Option<String>,
    /// cosign public key (PEM).
    #[arg(long)]
    key: PathBuf,
    /// spdxjson, cyclonedx, slsaprovenance, custom, or a predicate type URI.
    #[arg(long = "type", default_value = "spdxjson")]
    predicate_type: String,
    /// Verify this envelope file instead of the attestations in the registry.
    #[arg(long, value_name = "FILE")]
    envelope: Option<PathBuf>,
    /// The attestation is about this file (its sha256), as cosign verify-blob-attestation.
    #[arg(
        long,
        value_name = "FILE",
        requires = "envelope",
        conflicts_with = "source"
    )]
    blob: Option<PathBuf>,
    #[command(flatten)]
    source_args: SourceArgs,
}

/// What the attestation is about: the repository (or the given/file name)
/// and the image's manifest digest (a docker-archive has none: its image id).
fn subject(
    image: &Image,
    spec: &SourceSpec,
    reference: Option<&ImageReference>,
    name: Option<&str>,
) -> Result<Subject> {
    let digest = image.info.digest().cloned().with_context(|| {
        format!(
            "{}: a root filesystem has no image digest to attest",
            spec.input
        )
    })?;
    let name = match (name, reference) {
        (Some(name), _) => name.to_owned(),
        (None, Some(reference)) => reference.name(),
        (None, None) => match &spec.target {
            Target::Path { path, .. } => path.file_name().map(|n| n.to_string_lossy().into_owned()),
            Target::Registry(_) => None,
        }
        .unwrap_or_else(|| spec.input.clone()),
    };
    Ok(Subject { name, digest })
}

pub fn run_attest(args: AttestArgs) -> Result<()> {
    let predicate_type = statement::predicate_type(&args.predicate_type)?.to_owned();
    let spec = SourceSpec::parse(&args.source)?;
    let reference = spec.registry_reference();
    if args.attach && reference.is_none() {
        bail!(
            "--attach needs a registry image (registry:REF); {} is not one",
            spec.input
        );
    }
    let cache = args.source_args.layer_cache();
    let open = args.source_args.open_options()?;
    let image = Image::open(&spec, &open)?;
    let subject = subject(&image, &spec, reference, args.subject_name.as_deref())?;
    let predicate = match &args.predicate {
        Some(path) => std::fs::read(path)
            .with_context(|| format!("{}: cannot read the predicate", path.display()))?,
        None => {
            let format = match args.predicate_type.as_str() {
                "spdx" | "spdxjson" => Format::SpdxJson(SpdxVersion::V2_3),
                "cyclonedx" => Format::CycloneDxJson(CycloneDxVersion::V1_5),
                other => bail!("--type {other} needs --predicate FILE (tallyman writes SPDX and CycloneDX SBOMs)"),
            };
            let options = args.limits.scan_options(cache, &args.reporting)?;
            let sbom = scan_image(&image, &options)?;
            drop(options);
            args.reporting.warnings(&sbom);
            format.render(&sbom, None)?
        }
    };
    let key = keys::load_signing_key(&args.key, || {
        key_password("Enter password for private key: ", false)
    })?;
    let envelope = attest::attest(&key, &subject, &predicate_type, &predicate)?;
    if let Some(reference) = reference.filter(|_| args.attach) {
        let repository = Repository::connect(reference, &open.registry)?;
        let tag = oci::attach(
            &repository,
            &subject.digest,
            &envelope,
            &predicate_type,
            args.replace,
        )?;
        args.reporting
            .note(&format!("attached to {}:{tag}", reference.name()));
    }
    if args.output.is_some() || !args.attach {
        write_output(args.output.as_deref(), &envelope, "attestation")?;
    }
    Ok(())
}

pub fn run_verify(args: VerifyArgs) -> Result<()> {
    let predicate_type = statement::predicate_type(&args.predicate_type)?.to_owned();
    let key = keys::load_verifying_key(&args.key)?;
    let (digest, envelopes) = match (&args.blob, &args.source) {
        (Some(blob), _) => {
            let bytes =
                std::fs::read(blob).with_context(|| format!("{}: cannot read", blob.display()))?;
            (
                Digest::sha256(&bytes),
                vec![read_envelope(args.envelope.as_deref())?],
            )
        }
        (None, Some(source)) => {
            let spec = SourceSpec::parse(source)?;
            let reference = spec.registry_reference();
            let open = args.source_args.open_options()?;
            let image = Image::open(&spec, &open)?;
            let digest = subject(&image, &spec, reference, None)?.digest;
            let envelopes = match (&args.envelope, reference) {
                (Some(_), _) => vec![read_envelope(args.envelope.as_deref())?],
                (None, Some(reference)) => {
                    oci::fetch(&Repository::connect(reference, &open.registry)?, &digest)
                        .with_context(|| reference.name())?
                }
                (None, None) => bail!(
                    "{}: not a registry image; give the attestation with --envelope FILE",
                    spec.input
                ),
            };
            (digest, envelopes)
        }
        (None, None) => bail!("give an image, or --blob FILE with --envelope FILE"),
    };
    let mut failures = Vec::new();
    let mut verified = None;
    for envelope in &envelopes {
        match attest::verify(envelope, &key, &predicate_type, &digest) {
            Ok(predicate) => verified = Some(predicate),
            Err(error) => failures.push(format!("{error:#}")),
        }
    }
    match verified {
        // The most recently attached one that verifies.
        Some(predicate) => write_output(None, &attest::pretty(&predicate)?, "predicate"),
        None => {
            failures.dedup();
            bail!("no attestation verified: {}", failures.join("; "))
        }
    }
}

fn read_envelope(path: Option<&Path>) -> Result<Vec<u8>> {
    let path = path.context("--envelope FILE is needed")?;
    std::fs::read(path).with_context(|| format!("{}: cannot read the envelope", path.display()))
}
