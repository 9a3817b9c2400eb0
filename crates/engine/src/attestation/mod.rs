//! The attestation workflows: attest an image (scan it, or take a given
//! predicate; sign an in-toto statement about its digest; attach it to the
//! image in its registry as cosign does — every platform of an index and
//! the index itself when asked), and verify attestations back
//! ([`verify`], [`verify_blob`]) from wherever cosign may have put them,
//! holding them to Rego policies.

mod verify;

use tallyman_attest::dsse::Envelope;
use tallyman_attest::signing::{self, SignWith};
use tallyman_attest::{legacy, provenance, referrer, statement, Subject};
use tallyman_oci::registry::{referrers, Listing, Repository};
use tallyman_oci::{fail, Digest, ImageReference};
use tallyman_sbom::{Format, PlatformImages, Sbom};

use crate::error::{Context, Result};
use crate::scan::{scan_image, scan_platforms, ScanOptions, Scanned};
use crate::source::{index_of, Image, SourceSpec, Target};
pub(crate) use verify::registry_candidates;
pub use verify::{verify, verify_blob, verify_candidates, Candidate, Verification};

/// What is attested: a predicate given as it is, or an SBOM of the image
/// written in a format.
#[derive(Debug, Clone)]
pub enum Predicate {
    Given(Vec<u8>),
    Scan(Format),
}

/// How an attestation is attached to its image.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttachFormat {
    /// A Sigstore bundle as an OCI 1.1 referrer (cosign 3's default); the
    /// referrers API where the registry has it, else the tag schema.
    Bundle,
    /// cosign 2's `sha256-<hex>.att` tag of DSSE envelopes; `replace`
    /// first drops earlier attestations of the same predicate type.
    Legacy { replace: bool },
}

/// How to attest.
#[derive(Clone)]
pub struct AttestOptions {
    /// The predicate type (a URI).
    pub predicate_type: String,
    pub predicate: Predicate,
    /// The subject's name for an image without a registry identity
    /// (default: the file's name).
    pub subject_name: Option<String>,
    /// Attach to the image's registry (the image must be a registry image).
    pub attach: Option<AttachFormat>,
    /// Every platform image of an index, and the index (needs `attach`
    /// and [`Predicate::Scan`]).
    pub all_platforms: bool,
    /// How to open and scan the image.
    pub scan: ScanOptions,
    /// The attachment's creation time (seconds since the epoch).
    pub created: i64,
}

/// What attesting made.
pub struct Attested {
    /// The attestation of the one image (none for every platform of an
    /// index, which makes one per platform and one for the index).
    pub envelope: Option<Envelope>,
    /// The same as a Sigstore bundle v0.3.
    pub bundle: Option<Vec<u8>>,
    /// Where each attachment went (`linux/arm64: attached to …`).
    pub notes: Vec<String>,
}

/// Attests the image `spec` names, signed `with` a key or keyless;
/// `scanned` is told of each scan (its warnings are the caller's to show).
///
/// An SPDX SBOM of the small Debian image in the repository's `testdata/`,
/// signed with a new cosign key, then verified back:
///
/// ```
/// use tallyman::attest::keys::{generate_key_pair, signing_key_from_pem};
/// use tallyman::attest::signing::SignWith;
/// use tallyman::attest::statement::predicate_type;
/// use tallyman::attest::verifier::{Signature, Verifier};
/// use tallyman::attestation::{attest, verify, AttestOptions, Candidate, Predicate};
/// use tallyman::sbom::{Format, SpdxVersion};
/// use tallyman::source::{OpenOptions, SourceSpec};
///
/// let (private_pem, _public_pem) = generate_key_pair("secret")?;
/// let key = signing_key_from_pem(private_pem.as_bytes(), "cosign.key", || {
///     Ok::<_, tallyman::Error>("secret".to_owned())
/// })?;
/// let image = SourceSpec::parse("oci-archive:../../testdata/images/debian-bookworm-dpkg.oci.tar")?;
/// let options = AttestOptions {
///     predicate_type: predicate_type("spdxjson")?.to_owned(),
///     predicate: Predicate::Scan(Format::SpdxJson(SpdxVersion::V2_3)),
///     subject_name: None,
///     attach: None,
///     all_platforms: false,
///     scan: Default::default(),
///     created: 0,
/// };
/// let attested = attest(&image, &SignWith::Key(key.clone()), &options, &|_| {})?;
/// let envelope = tallyman::attest::envelope_json(&attested.envelope.unwrap())?;
///
/// let verifier = Verifier::new(Signature::Key(*key.verifying_key()), None);
/// let given = Candidate::envelope(&envelope, "attestation.json".to_owned())?;
/// let verification = verify(
///     &image,
///     &OpenOptions::default(),
///     Some(given),
///     &verifier,
///     &options.predicate_type,
///     &mut [],
/// )?;
/// let sbom: serde_json::Value = serde_json::from_str(&verification.verified.predicate)?;
/// assert_eq!(sbom["spdxVersion"], "SPDX-2.3");
/// # Ok::<(), tallyman::Error>(())
/// ```
pub fn attest(
    spec: &SourceSpec,
    with: &SignWith,
    options: &AttestOptions,
    scanned: &dyn Fn(&Sbom),
) -> Result<Attested> {
    let reference = spec.registry_reference();
    if options.attach.is_some() && reference.is_none() {
        fail!(
            "{}: attaching needs a registry image (registry:REF)",
            spec.input
        );
    }
    if options.all_platforms {
        if let Some(index) = index_of(spec, &options.scan.source)? {
            return attest_platforms(spec, with, options, index, scanned);
        }
    }
    let image = Image::open(spec, &options.scan.source)?;
    let subject = subject(&image, spec, options.subject_name.as_deref())?;
    let predicate = match &options.predicate {
        Predicate::Given(bytes) => bytes.clone(),
        Predicate::Scan(format) => {
            let sbom = scan_image(&image, &options.scan)?;
            scanned(&sbom);
            format.render(&sbom, None)?
        }
    };
    let (envelope, bundle) = sign(with, &subject, &options.predicate_type, &predicate)?;
    let mut notes = Vec::new();
    if let (Some(reference), Some(format)) = (reference, options.attach) {
        let repository = Repository::connect(reference, &options.scan.source.registry)?;
        notes.push(attach(
            &repository,
            format,
            &subject,
            &envelope,
            &bundle,
            &options.predicate_type,
            options.created,
        )?);
    }
    Ok(Attested {
        envelope: Some(envelope),
        bundle: Some(bundle),
        notes,
    })
}

/// What an attestation is about: the repository (or the given/file name)
/// and the image's manifest digest (a docker-archive has none: its image id).
pub fn subject(image: &Image, spec: &SourceSpec, name: Option<&str>) -> Result<Subject> {
    let digest = image.info.digest().cloned().with_context(|| {
        format!(
            "{}: a root filesystem has no image digest to attest",
            spec.input
        )
    })?;
    let name = match (name, spec.registry_reference()) {
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

/// The signed envelope, and the same as a Sigstore bundle. A SLSA v1
/// provenance signed keyless is first held to the certificate it was
/// signed with: one that would fail verification is never attached.
fn sign(
    with: &SignWith,
    subject: &Subject,
    predicate_type: &str,
    predicate: &[u8],
) -> Result<(Envelope, Vec<u8>)> {
    let statement = statement::build(&subject.name, &subject.digest, predicate_type, predicate)?;
    let signed = with.statement(&statement, &subject.digest)?;
    if let (provenance::PREDICATE_TYPE, Some(signer)) = (predicate_type, &signed.signer) {
        let predicate: serde_json::Value =
            serde_json::from_slice(predicate).context("the predicate is not JSON")?;
        provenance::check_signer(&predicate, signer).with_context(|| {
            format!(
                "the provenance does not match the certificate it was signed with ({}); nothing was attached",
                signer.identity
            )
        })?;
    }
    Ok((signed.envelope, signed.bundle))
}

/// Attaches one attestation to its subject; returns the note saying where
/// it went.
fn attach(
    repository: &Repository,
    format: AttachFormat,
    subject: &Subject,
    envelope: &Envelope,
    bundle: &[u8],
    predicate_type: &str,
    created: i64,
) -> Result<String> {
    let name = repository.name();
    Ok(match format {
        AttachFormat::Legacy { replace } => {
            let tag = legacy::attach(
                repository,
                &subject.digest,
                &tallyman_attest::envelope_json(envelope)?,
                predicate_type,
                signing::legacy_attestation_annotations(bundle)?,
                replace,
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
                &rfc3339(created),
            )?;
            format!(
                "attached to {name}@{digest} ({})",
                listing_name(listing, &subject.digest)
            )
        }
    })
}

/// Every platform image of an index attested with its own SBOM, and the
/// index with the one document of every platform.
fn attest_platforms(
    spec: &SourceSpec,
    with: &SignWith,
    options: &AttestOptions,
    index: tallyman_oci::manifest::IndexSummary,
    scanned: &dyn Fn(&Sbom),
) -> Result<Attested> {
    let (Some(reference), Some(attach_format)) = (spec.registry_reference(), options.attach) else {
        fail!("attesting every platform of an index needs a registry image and attaching");
    };
    let Predicate::Scan(format) = options.predicate else {
        fail!("attesting every platform of an index scans each: it takes no given predicate");
    };
    let Some(index_digest) = index.digest.clone() else {
        fail!("{}: the index has no digest to attest", spec.input);
    };
    let Scanned::Platforms {
        name,
        digest,
        images,
    } = scan_platforms(spec, &options.scan, index)?
    else {
        fail!("{}: not a multi-platform index", spec.input);
    };
    let repository = Repository::connect(reference, &options.scan.source.registry)?;
    let subject_name = subject_name(options, reference);
    let attest_one = |subject: &Subject, predicate: &[u8]| -> Result<String> {
        let (envelope, bundle) = sign(with, subject, &options.predicate_type, predicate)?;
        attach(
            &repository,
            attach_format,
            subject,
            &envelope,
            &bundle,
            &options.predicate_type,
            options.created,
        )
    };
    let mut notes = Vec::new();
    for (platform, sbom) in &images {
        scanned(sbom);
        let digest = sbom.source.manifest_digest.clone().with_context(|| {
            format!("{}: platform {platform} has no manifest digest", spec.input)
        })?;
        let subject = Subject {
            name: subject_name.clone(),
            digest,
        };
        let note = attest_one(&subject, &format.render(sbom, None)?)?;
        notes.push(format!("{platform}: {note}"));
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
    let joined = tallyman_sbom::format::platforms::render(format, &all, None)?;
    notes.push(format!("index: {}", attest_one(&subject, &joined)?));
    Ok(Attested {
        envelope: None,
        bundle: None,
        notes,
    })
}

fn subject_name(options: &AttestOptions, reference: &ImageReference) -> String {
    options
        .subject_name
        .clone()
        .unwrap_or_else(|| reference.name())
}

/// Where a referrer manifest of `subject` was found, for messages.
pub(crate) fn referrer_place(
    repository: &Repository,
    manifest: &Digest,
    listing: Listing,
    subject: &Digest,
) -> String {
    format!(
        "{}@{manifest} ({})",
        repository.name(),
        listing_name(listing, subject)
    )
}

/// How a referrers list is named in messages.
pub(crate) fn listing_name(listing: Listing, subject: &Digest) -> String {
    match listing {
        Listing::Api => "a referrer, listed by the registry's referrers API".to_owned(),
        Listing::TagSchema => format!(
            "a referrer, listed under the tag {}",
            referrers::fallback_tag(subject)
        ),
    }
}

pub(crate) fn rfc3339(seconds: i64) -> String {
    chrono::DateTime::from_timestamp(seconds, 0)
        .unwrap_or_default()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}
