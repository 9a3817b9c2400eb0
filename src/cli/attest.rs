//! `tallyman attest`, `tallyman verify-attestation` and `tallyman
//! verify-blob`: the SBOM as a signed in-toto attestation (cosign-compatible),
//! written out or attached to the image in its registry (a Sigstore bundle as
//! an OCI referrer, as cosign 3 does, or cosign 2's `.att` tag), and verified
//! back from wherever cosign may have put it.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use tallyman::attest::bundle;
use tallyman::attest::dsse;
use tallyman::attest::sigstore::{Identity, Matcher, Signer};
use tallyman::attest::verifier::{Found, Signature, Verified, Verifier};
use tallyman::attest::{self, keys, legacy, referrer, statement, Subject};
use tallyman::blob::Digest;
use tallyman::format::platforms::{self, PlatformImages};
use tallyman::format::{CycloneDxVersion, Format, SpdxVersion};
use tallyman::policy::Policy;
use tallyman::scan::scan_image;
use tallyman::source::registry::{referrers, ImageReference, Listing, Repository};
use tallyman::source::{index_of, Image, IndexSummary, OpenOptions, SourceSpec, Target};

use super::scan::{scan_platforms, Scanned};
use super::{document_time, key_password, write_output, LimitArgs, Reporting, SourceArgs};

/// How `--attach` stores the attestation.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AttachFormat {
    /// A Sigstore bundle as an OCI 1.1 referrer (cosign 3's default); the
    /// referrers API where the registry has it, else the tag schema.
    Bundle,
    /// cosign 2's `sha256-<hex>.att` tag of DSSE envelopes.
    Legacy,
}

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
    reporting: Reporting,
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
    fn verifier(&self) -> Result<Verifier> {
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
    /// Rego policy every verified attestation must satisfy (cosign's `package signature` / `allow`, or the policy controller's `package sigstore` / `isCompliant`); repeatable.
    #[arg(long, value_name = "FILE.rego")]
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
    if args.replace && args.attach_format == AttachFormat::Bundle {
        bail!("--replace needs --attach-format legacy: referrers are never removed (a newer attestation is the one verify-attestation prints)");
    }
    let all = args.source_args.all_platforms();
    let open = args.source_args.open_options()?;
    if all {
        if let Some(index) = index_of(&spec, &open)? {
            return attest_platforms(&args, &spec, &open, index, &predicate_type);
        }
    }
    let image = Image::open(&spec, &open)?;
    let subject = subject(&image, &spec, reference, args.subject_name.as_deref())?;
    let predicate = match &args.predicate {
        Some(path) => std::fs::read(path)
            .with_context(|| format!("{}: cannot read the predicate", path.display()))?,
        None => {
            let format = sbom_format(&args.predicate_type)?;
            let options = args
                .limits
                .scan_options(&args.source_args, &args.reporting)?;
            let sbom = scan_image(&image, &options)?;
            drop(options);
            args.reporting.warnings(&sbom);
            format.render(&sbom, None)?
        }
    };
    let key = signing_key(&args)?;
    let (envelope, bundle) = sign(&key, &subject, &predicate_type, &predicate)?;
    if let Some(path) = &args.bundle {
        write_output(Some(path), &bundle, "bundle")?;
    }
    if let Some(reference) = reference.filter(|_| args.attach) {
        let repository = Repository::connect(reference, &open.registry)?;
        let note = attach(
            &args,
            &repository,
            &subject,
            &envelope,
            &bundle,
            &predicate_type,
        )?;
        args.reporting.note(&note);
    }
    if args.output.is_some() || !args.attach {
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
        "cyclonedx" => Format::CycloneDxJson(CycloneDxVersion::V1_5),
        other => bail!(
            "--type {other} needs --predicate FILE (tallyman writes SPDX and CycloneDX SBOMs)"
        ),
    })
}

fn signing_key(args: &AttestArgs) -> Result<p256::ecdsa::SigningKey> {
    keys::load_signing_key(&args.key, || {
        key_password("Enter password for private key: ", false)
    })
}

/// The signed envelope, and the same as a Sigstore bundle.
fn sign(
    key: &p256::ecdsa::SigningKey,
    subject: &Subject,
    predicate_type: &str,
    predicate: &[u8],
) -> Result<(dsse::Envelope, Vec<u8>)> {
    let envelope = attest::attest(key, subject, predicate_type, predicate)?;
    let bundle = bundle::build(&envelope, key.verifying_key())?;
    Ok((envelope, bundle))
}

/// Attaches one attestation to its subject, as `--attach-format` says;
/// returns the note saying where it went.
fn attach(
    args: &AttestArgs,
    repository: &Repository,
    subject: &Subject,
    envelope: &dsse::Envelope,
    bundle: &[u8],
    predicate_type: &str,
) -> Result<String> {
    let name = repository.name();
    Ok(match args.attach_format {
        AttachFormat::Legacy => {
            let tag = legacy::attach(
                repository,
                &subject.digest,
                &attest::envelope_json(envelope)?,
                predicate_type,
                args.replace,
            )?;
            format!("attached to {name}:{tag}")
        }
        AttachFormat::Bundle => {
            let manifest = repository.manifest_by_digest(&subject.digest)?;
            let (digest, listing) = referrer::attach(
                repository,
                &manifest,
                bundle,
                predicate_type,
                &rfc3339(document_time()?),
            )?;
            format!(
                "attached to {name}@{digest} ({})",
                listing_name(listing, &subject.digest)
            )
        }
    })
}

/// `attest --platform all --attach`: each platform image attested with its
/// own SBOM, and the index with the one document of every platform.
fn attest_platforms(
    args: &AttestArgs,
    spec: &SourceSpec,
    open: &OpenOptions,
    index: IndexSummary,
    predicate_type: &str,
) -> Result<()> {
    let Some(reference) = spec.registry_reference().filter(|_| args.attach) else {
        bail!("--platform all attests an index in its registry: it needs --attach and a registry image");
    };
    if args.predicate.is_some() || args.output.is_some() || args.bundle.is_some() {
        bail!("--platform all writes one attestation per platform and one for the index: it takes no --predicate, -o or --bundle");
    }
    let Some(index_digest) = index.digest.clone() else {
        bail!("{}: the index has no digest to attest", spec.input);
    };
    let format = sbom_format(&args.predicate_type)?;
    let options = args
        .limits
        .scan_options(&args.source_args, &args.reporting)?;
    let Scanned::Platforms {
        name,
        digest,
        images,
    } = scan_platforms(spec, &options, index)?
    else {
        bail!("{}: not a multi-platform index", spec.input);
    };
    let key = signing_key(args)?;
    let repository = Repository::connect(reference, &open.registry)?;
    let subject_name = args
        .subject_name
        .clone()
        .unwrap_or_else(|| reference.name());
    let attest_one = |subject: &Subject, predicate: &[u8]| -> Result<String> {
        let (envelope, bundle) = sign(&key, subject, predicate_type, predicate)?;
        attach(
            args,
            &repository,
            subject,
            &envelope,
            &bundle,
            predicate_type,
        )
    };
    for (platform, sbom) in &images {
        args.reporting.warnings(sbom);
        let digest = sbom.source.manifest_digest.clone().with_context(|| {
            format!("{}: platform {platform} has no manifest digest", spec.input)
        })?;
        let subject = Subject {
            name: subject_name.clone(),
            digest,
        };
        let note = attest_one(&subject, &format.render(sbom, None)?)?;
        args.reporting.note(&format!("{platform}: {note}"));
    }
    let all = PlatformImages {
        name: &name,
        digest: digest.as_ref(),
        images: &images,
    };
    let subject = Subject {
        name: subject_name,
        digest: index_digest,
    };
    let note = attest_one(&subject, &platforms::render(format, &all, None)?)?;
    args.reporting.note(&format!("index: {note}"));
    Ok(())
}

/// How a referrers list is named in messages.
fn listing_name(listing: Listing, subject: &Digest) -> String {
    match listing {
        Listing::Api => "a referrer, listed by the registry's referrers API".to_owned(),
        Listing::TagSchema => format!(
            "a referrer, listed under the tag {}",
            referrers::fallback_tag(subject)
        ),
    }
}

fn rfc3339(seconds: i64) -> String {
    chrono::DateTime::from_timestamp(seconds, 0)
        .unwrap_or_default()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// One attestation to try, and where it came from.
struct Candidate {
    place: String,
    found: Found,
    /// A note for what the verification cannot check.
    unchecked: Option<&'static str>,
}

fn read_file(path: &Path, what: &str) -> Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("{}: cannot read the {what}", path.display()))
}

fn bundle_candidate(bytes: Vec<u8>, place: String) -> Result<Candidate> {
    Ok(Candidate {
        found: Found::bundle(bytes).with_context(|| place.clone())?,
        place,
        unchecked: None,
    })
}

/// The attestation file given on the command line (--envelope, --bundle).
fn file_candidate(args: &VerifyArgs) -> Result<Option<Candidate>> {
    if let Some(path) = &args.envelope {
        let envelope = dsse::parse(&read_file(path, "envelope")?)
            .with_context(|| path.display().to_string())?;
        return Ok(Some(Candidate {
            place: path.display().to_string(),
            found: Found::Envelope(envelope),
            unchecked: None,
        }));
    }
    if let Some(path) = &args.bundle {
        return bundle_candidate(read_file(path, "bundle")?, path.display().to_string()).map(Some);
    }
    Ok(None)
}

/// Every attestation attached to the image: cosign 2's `.att` layers, then
/// the bundles among its referrers (oldest first).
fn registry_candidates(repository: &Repository, digest: &Digest) -> Result<Vec<Candidate>> {
    let mut candidates = Vec::new();
    let tag = legacy::attestation_tag(digest);
    for (i, layer) in legacy::fetch(repository, digest)?.into_iter().enumerate() {
        let place = format!("{}:{tag} (layer {})", repository.name(), i + 1);
        let (found, unchecked) = match layer.keyless_bundle().with_context(|| place.clone())? {
            Some(json) => (Found::bundle(json).with_context(|| place.clone())?, None),
            None => (
                Found::Envelope(dsse::parse(&layer.envelope).with_context(|| place.clone())?),
                layer
                    .has_rekor_entry()
                    .then_some("its Rekor entry (cosign's bundle annotation) was not checked"),
            ),
        };
        candidates.push(Candidate {
            place,
            found,
            unchecked,
        });
    }
    let (attached, listing) = referrer::fetch(repository, digest)?;
    for found in attached {
        let place = format!(
            "{}@{} ({})",
            repository.name(),
            found.manifest,
            listing_name(listing, digest)
        );
        candidates.push(bundle_candidate(found.bundle, place)?);
    }
    if candidates.is_empty() {
        bail!(
            "no attestations: the registry has no {tag} and no referrer of {digest} is a Sigstore bundle ({})",
            match listing {
                Listing::Api => "asked the referrers API".to_owned(),
                Listing::TagSchema => format!("no referrers API; looked for the tag {}", referrers::fallback_tag(digest)),
            }
        );
    }
    Ok(candidates)
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
    let predicate_type = statement::predicate_type(&args.predicate_type)?.to_owned();
    let verifier = args.signer.verifier()?;
    let mut policies = args
        .policy
        .iter()
        .map(|path| Policy::load(path))
        .collect::<Result<Vec<_>>>()?;
    let given = file_candidate(&args)?;
    let (digest, candidates) = match (&args.blob, &args.source, given) {
        (Some(blob), _, Some(given)) => (Digest::sha256(&read_file(blob, "file")?), vec![given]),
        (Some(_), _, None) => bail!("--blob FILE needs --envelope FILE or --bundle FILE"),
        (None, Some(source), given) => {
            let spec = SourceSpec::parse(source)?;
            let reference = spec.registry_reference();
            let open = args.source_args.one_image_options()?;
            let image = Image::open(&spec, &open)?;
            let digest = subject(&image, &spec, reference, None)?.digest;
            let candidates = match (given, reference) {
                (Some(given), _) => vec![given],
                (None, Some(reference)) => registry_candidates(
                    &Repository::connect(reference, &open.registry)?,
                    &digest,
                )
                .with_context(|| reference.name())?,
                (None, None) => bail!(
                    "{}: not a registry image; give the attestation with --envelope FILE or --bundle FILE",
                    spec.input
                ),
            };
            (digest, candidates)
        }
        (None, None, _) => {
            bail!("give an image, or --blob FILE with --envelope FILE or --bundle FILE")
        }
    };
    let mut failures = Vec::new();
    let mut verified: Vec<(&Candidate, Verified)> = Vec::new();
    for candidate in &candidates {
        match verifier.attestation(&candidate.found, &predicate_type, &digest) {
            Ok(result) => verified.push((candidate, result)),
            Err(error) => failures.push(format!("{}: {error:#}", candidate.place)),
        }
    }
    // The most recently attached one that verifies.
    let Some((candidate, result)) = verified.last() else {
        bail!("no attestation verified: {}", failures.join("; "))
    };
    for policy in &mut policies {
        for (checked, verified) in &verified {
            if let Some(denial) = policy.evaluate(&verified.statement)? {
                bail!("policy {} denied {}: {denial}", policy.name, checked.place);
            }
        }
        args.reporting.note(&format!(
            "policy {} allowed {} verified attestation{}",
            policy.name,
            verified.len(),
            if verified.len() == 1 { "" } else { "s" }
        ));
    }
    args.reporting.note(&verified_note(
        &candidate.place,
        result.signer.as_ref(),
        result.logged,
        &verifier,
    ));
    if let Some(unchecked) = candidate.unchecked {
        args.reporting.note(&format!("note: {unchecked}"));
    }
    write_output(None, &attest::pretty(&result.predicate)?, "predicate")
}

pub fn run_verify_blob(args: VerifyBlobArgs) -> Result<()> {
    let verifier = args.signer.verifier()?;
    let bundle = read_file(&args.bundle, "bundle")?;
    let blob = read_file(&args.blob, "file")?;
    let shown = args.bundle.display().to_string();
    let (signer, logged) = verifier
        .blob(&bundle, &blob)
        .with_context(|| format!("{shown}: {}", args.blob.display()))?;
    args.reporting
        .note(&verified_note(&shown, signer.as_ref(), logged, &verifier));
    Ok(())
}
