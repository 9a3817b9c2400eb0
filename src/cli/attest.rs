//! `tallyman attest`, `tallyman verify-attestation` and `tallyman
//! verify-blob`: the SBOM as a signed in-toto attestation (cosign-compatible),
//! written out or attached to the image in its registry (a Sigstore bundle as
//! an OCI referrer, as cosign 3 does, or cosign 2's `.att` tag), and verified
//! back from wherever cosign may have put it.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use tallyman::attest::sigstore::Signer;
use tallyman::attest::verifier::Verifier;
use tallyman::attest::{self, policy::Policy, provenance, statement};
use tallyman::attestation::{self, AttestOptions, Candidate, Predicate};
use tallyman::oci::Digest;
use tallyman::sbom::{CycloneDxVersion, Format, SpdxVersion};
use tallyman::scan::ScanOptions;
use tallyman::source::{index_of, SourceSpec};

use super::cluster_policy;
use super::provenance::ProvenanceArgs;
use super::signing::{AttachFormat, SignerArgs, SigningArgs};
use super::{document_time, write_output, DocumentArgs, LimitArgs, Reporting, SourceArgs};

#[derive(clap::Args)]
pub struct AttestArgs {
    /// The image (any SOURCE `tallyman scan` takes).
    source: String,
    #[command(flatten)]
    signing: SigningArgs,
    /// spdxjson (SPDX 2.3), spdx3json (SPDX 3.0.1), cyclonedx (1.6), slsaprovenance1 (SLSA v1, from the CI environment),
    /// or another predicate type (then --predicate is required).
    #[arg(long = "type", default_value = "spdxjson")]
    predicate_type: String,
    /// Attest this predicate (JSON) instead of scanning the image (or writing its provenance).
    #[arg(long, value_name = "FILE")]
    predicate: Option<PathBuf>,
    /// With --type slsaprovenance1: what the provenance states beyond the CI environment.
    #[command(flatten)]
    provenance: ProvenanceArgs,
    /// The subject's name for images without a registry identity (default: the file's name).
    #[arg(long)]
    subject_name: Option<String>,
    /// Write the envelope here instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
    /// Also write the attestation as a Sigstore bundle (v0.3) to FILE.
    #[arg(long, value_name = "FILE")]
    bundle: Option<PathBuf>,
    /// Push the attestation to the image's registry, as cosign 3 stores them (see --attach-format).
    #[arg(long)]
    attach: bool,
    /// bundle: a Sigstore bundle as an OCI referrer (cosign 3); legacy: the sha256-<hex>.att tag (cosign 2).
    #[arg(long, value_enum, default_value = "bundle", requires = "attach")]
    attach_format: AttachFormat,
    /// With --attach-format legacy: drop earlier attestations of the same predicate type.
    #[arg(long, requires = "attach")]
    replace: bool,
    #[command(flatten)]
    source_args: SourceArgs,
    #[command(flatten)]
    limits: LimitArgs,
    #[command(flatten)]
    document: DocumentArgs,
    #[command(flatten)]
    reporting: Reporting,
}

#[derive(clap::Args)]
pub struct VerifyArgs {
    /// The image whose attestation to verify (omit with --blob).
    #[arg(required_unless_present = "blob")]
    source: Option<String>,
    #[command(flatten)]
    signer: SignerArgs,
    /// spdxjson, cyclonedx, slsaprovenance, custom, or a predicate type URI.
    #[arg(long = "type", default_value = "spdxjson")]
    predicate_type: String,
    /// Verify this envelope file instead of the attestations in the registry.
    #[arg(long, value_name = "FILE", conflicts_with = "bundle")]
    envelope: Option<PathBuf>,
    /// Verify this Sigstore bundle file instead of the attestations in the registry.
    #[arg(long, value_name = "FILE")]
    bundle: Option<PathBuf>,
    /// The attestation is about this file (its sha256), as cosign verify-blob-attestation.
    #[arg(long, value_name = "FILE", conflicts_with = "source")]
    blob: Option<PathBuf>,
    /// Rego policy every verified attestation must satisfy (cosign's `package signature` / `allow`, or the policy controller's `package sigstore` / `isCompliant`);
    /// or the policy controller's ClusterImagePolicy documents (.yaml) to hold the image to; repeatable.
    #[arg(long, value_name = "FILE.rego|POLICY.yaml")]
    policy: Vec<PathBuf>,
    #[command(flatten)]
    source_args: SourceArgs,
    #[command(flatten)]
    reporting: Reporting,
}

#[derive(clap::Args)]
pub struct VerifyBlobArgs {
    /// The signed file (for an attestation: its subject).
    blob: PathBuf,
    /// The Sigstore bundle holding the file's signature or attestation.
    #[arg(long, value_name = "FILE")]
    bundle: PathBuf,
    #[command(flatten)]
    signer: SignerArgs,
    #[command(flatten)]
    reporting: Reporting,
}

pub fn run_attest(args: AttestArgs) -> Result<()> {
    let predicate_type = statement::predicate_type(&args.predicate_type)?.to_owned();
    let spec = SourceSpec::parse(&args.source)?;
    if args.attach && spec.registry_reference().is_none() {
        bail!(
            "--attach needs a registry image (registry:REF); {} is not one",
            spec.input
        );
    }
    if args.replace && args.attach_format == AttachFormat::Bundle {
        bail!("--replace needs --attach-format legacy: referrers are never removed (a newer attestation is the one verify-attestation prints)");
    }
    let all_platforms = args.source_args.all_platforms();
    let unattached = !args.attach || spec.registry_reference().is_none();
    let single = args.predicate.is_some() || args.output.is_some() || args.bundle.is_some();
    // What --platform all cannot do with an index (a single image is
    // attested as usual): asked only when the flags conflict.
    if all_platforms
        && (unattached || single)
        && index_of(&spec, &args.source_args.open_options()?)?.is_some()
    {
        if unattached {
            bail!("--platform all attests an index in its registry: it needs --attach and a registry image");
        }
        bail!("--platform all writes one attestation per platform and one for the index: it takes no --predicate, -o or --bundle");
    }
    let writes_provenance =
        predicate_type == provenance::PREDICATE_TYPE && args.predicate.is_none();
    if args.provenance.any() && !writes_provenance {
        bail!("--builder-id, --build-type, --external-parameter, --resolved-dependency, --started-on and --finished-on are for --type slsaprovenance1 without --predicate");
    }
    let predicate = match &args.predicate {
        Some(path) => Predicate::Given(
            std::fs::read(path)
                .with_context(|| format!("{}: cannot read the predicate", path.display()))?,
        ),
        None if writes_provenance => {
            Predicate::Given(args.provenance.predicate(&provenance::detect())?)
        }
        None => Predicate::Scan(sbom_format(&args.predicate_type)?),
    };
    let options = AttestOptions {
        predicate_type,
        predicate,
        subject_name: args.subject_name.clone(),
        attach: args.attach.then_some(match args.attach_format {
            AttachFormat::Bundle => attestation::AttachFormat::Bundle,
            AttachFormat::Legacy => attestation::AttachFormat::Legacy {
                replace: args.replace,
            },
        }),
        all_platforms,
        scan: ScanOptions {
            author: args.document.author.clone(),
            ..args
                .limits
                .scan_options(&args.source_args, &args.reporting)?
        },
        created: document_time()?,
    };
    let with = args.signing.sign_with(&args.reporting)?;
    let attested = attestation::attest(&spec, &with, &options, &|sbom| {
        args.reporting.warnings(sbom);
    })?;
    drop(options);
    if let (Some(path), Some(bundle)) = (&args.bundle, &attested.bundle) {
        write_output(Some(path), bundle, "bundle")?;
    }
    for note in &attested.notes {
        args.reporting.note(note);
    }
    if let Some(envelope) = attested
        .envelope
        .filter(|_| args.output.is_some() || !args.attach)
    {
        write_output(
            args.output.as_deref(),
            &attest::envelope_json(&envelope)?,
            "attestation",
        )?;
    }
    Ok(())
}

/// The SBOM format `--type` asks tallyman to write.
fn sbom_format(predicate_type: &str) -> Result<Format> {
    Ok(match predicate_type {
        "spdx" | "spdxjson" => Format::SpdxJson(SpdxVersion::V2_3),
        "spdx3" | "spdx3json" => Format::Spdx3Json,
        "cyclonedx" => Format::CycloneDxJson(CycloneDxVersion::V1_6),
        other => bail!(
            "--type {other} needs --predicate FILE (tallyman writes SPDX and CycloneDX SBOMs, and SLSA v1 provenance: slsaprovenance1)"
        ),
    })
}

fn read_file(path: &Path, what: &str) -> Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("{}: cannot read the {what}", path.display()))
}

/// The attestation file given on the command line (--envelope, --bundle).
fn file_candidate(args: &VerifyArgs) -> Result<Option<Candidate>> {
    if let Some(path) = &args.envelope {
        let place = path.display().to_string();
        return Ok(Some(Candidate::envelope(
            &read_file(path, "envelope")?,
            place,
        )?));
    }
    if let Some(path) = &args.bundle {
        let place = path.display().to_string();
        return Ok(Some(Candidate::bundle(read_file(path, "bundle")?, place)?));
    }
    Ok(None)
}

/// What to say of a verified signature: who signed, and what was checked.
fn verified_note(
    place: &str,
    signer: Option<&Signer>,
    logged: bool,
    verifier: &Verifier,
) -> String {
    let mut note = format!("verified {place}");
    if let Some(signer) = signer {
        note.push_str(&format!(
            ", signed by {} (issuer {})",
            signer.identity, signer.issuer
        ));
    }
    if logged {
        if let Ok(source) = verifier.root_source() {
            note.push_str(&format!("; transparency log checked against {source}"));
        }
    }
    note
}

pub fn run_verify(args: VerifyArgs) -> Result<()> {
    if cluster_policy::is_cluster_policy(&args.policy)? {
        let Some(source) = args
            .source
            .as_deref()
            .filter(|_| args.blob.is_none() && args.envelope.is_none() && args.bundle.is_none())
        else {
            bail!("a ClusterImagePolicy is checked against a registry image and what is attached to it: give the image, without --blob, --envelope or --bundle");
        };
        return cluster_policy::run(
            source,
            &args.policy,
            &args.signer,
            &args.source_args,
            &args.reporting,
        );
    }
    let predicate_type = statement::predicate_type(&args.predicate_type)?.to_owned();
    let verifier = args.signer.verifier()?;
    let mut policies = args
        .policy
        .iter()
        .map(|path| Policy::load(path))
        .collect::<Result<Vec<_>, _>>()?;
    let given = file_candidate(&args)?;
    let verification = match (&args.blob, &args.source, given) {
        (Some(blob), _, Some(given)) => attestation::verify_candidates(
            vec![given],
            &Digest::sha256(&read_file(blob, "file")?),
            &verifier,
            &predicate_type,
            &mut policies,
        )?,
        (Some(_), _, None) => bail!("--blob FILE needs --envelope FILE or --bundle FILE"),
        (None, Some(source), given) => {
            let spec = SourceSpec::parse(source)?;
            let open = args.source_args.one_image_options()?;
            if given.is_none() && spec.registry_reference().is_none() {
                bail!(
                    "{}: not a registry image; give the attestation with --envelope FILE or --bundle FILE",
                    spec.input
                );
            }
            attestation::verify(
                &spec,
                &open,
                given,
                &verifier,
                &predicate_type,
                &mut policies,
            )?
        }
        (None, None, _) => {
            bail!("give an image, or --blob FILE with --envelope FILE or --bundle FILE")
        }
    };
    for note in &verification.policy_notes {
        args.reporting.note(note);
    }
    let verified = &verification.verified;
    args.reporting.note(&verified_note(
        &verification.place,
        verified.signer.as_ref(),
        verified.logged,
        &verifier,
    ));
    if let Some(unchecked) = verification.unchecked {
        args.reporting.note(&format!("note: {unchecked}"));
    }
    if let Some(unchecked) = &verification.provenance_note {
        args.reporting.note(&format!("note: {unchecked}"));
    }
    write_output(None, &attest::pretty(&verified.predicate)?, "predicate")
}

pub fn run_verify_blob(args: VerifyBlobArgs) -> Result<()> {
    let verifier = args.signer.verifier()?;
    let bundle = read_file(&args.bundle, "bundle")?;
    let blob = read_file(&args.blob, "file")?;
    let shown = args.bundle.display().to_string();
    let (signer, logged) = attestation::verify_blob(&verifier, &bundle, &blob)
        .with_context(|| format!("{shown}: {}", args.blob.display()))?;
    args.reporting
        .note(&verified_note(&shown, signer.as_ref(), logged, &verifier));
    Ok(())
}
