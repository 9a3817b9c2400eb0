//! Verifying attestations: those attached to an image (cosign 2's `.att`
//! layers, then the Sigstore bundles among its referrers, oldest first) or
//! one given as a file, about an image or about a file; the most recently
//! attached one that verifies is the result, after every verified one has
//! satisfied every policy.

use tallyman_attest::dsse;
use tallyman_attest::legacy;
use tallyman_attest::policy::Policy;
use tallyman_attest::provenance;
use tallyman_attest::referrer;
use tallyman_attest::verifier::{Found, Verified, Verifier};
use tallyman_oci::registry::{referrers, Listing, Repository};
use tallyman_oci::{fail, report, Digest};

use super::{referrer_place, subject};
use crate::error::{Context, Result};
use crate::source::{Image, OpenOptions, SourceSpec};

/// One attestation to try, and where it came from.
pub struct Candidate {
    /// Where it was found, for messages.
    pub place: String,
    pub found: Found,
    /// What the verification cannot check of it.
    pub unchecked: Option<&'static str>,
    /// Found in cosign 2's `.att` tag (not a referrer, not a file).
    pub from_tag: bool,
}

impl Candidate {
    /// A DSSE envelope (JSON) found at `place`.
    pub fn envelope(bytes: &[u8], place: String) -> Result<Candidate> {
        Ok(Candidate {
            found: Found::Envelope(dsse::parse(bytes).with_context(|| place.clone())?),
            place,
            unchecked: None,
            from_tag: false,
        })
    }

    /// A Sigstore bundle (JSON) found at `place`.
    pub fn bundle(bytes: Vec<u8>, place: String) -> Result<Candidate> {
        Ok(Candidate {
            found: Found::bundle(bytes).with_context(|| place.clone())?,
            place,
            unchecked: None,
            from_tag: false,
        })
    }
}

/// A verified attestation, and what was said of the others.
pub struct Verification {
    /// Where the attestation that is the result was found.
    pub place: String,
    pub verified: Verified,
    /// What its verification could not check.
    pub unchecked: Option<&'static str>,
    /// One line per policy: how many verified attestations it allowed.
    pub policy_notes: Vec<String>,
    /// For a SLSA provenance: what of it could not be held against its
    /// signer (a key signed it, or the certificate names no CI build).
    pub provenance_note: Option<String>,
}

/// Verifies the attestations of `predicate_type` about the image `spec`
/// names: `given` (a file), else every one attached to it in its registry.
/// Every verified attestation must satisfy every policy.
pub fn verify(
    spec: &SourceSpec,
    open: &OpenOptions,
    given: Option<Candidate>,
    verifier: &Verifier,
    predicate_type: &str,
    policies: &mut [Policy],
) -> Result<Verification> {
    let image = Image::open(spec, open)?;
    let digest = subject(&image, spec, None)?.digest;
    let candidates = match (given, spec.registry_reference()) {
        (Some(given), _) => vec![given],
        (None, Some(reference)) => {
            registry_candidates(&Repository::connect(reference, &open.registry)?, &digest)
                .with_context(|| reference.name())?
                .0
        }
        (None, None) => fail!(
            "{}: not a registry image, and no attestation file given",
            spec.input
        ),
    };
    verify_candidates(candidates, &digest, verifier, predicate_type, policies)
}

/// Verifies `candidates`, attestations about `digest`.
pub fn verify_candidates(
    candidates: Vec<Candidate>,
    digest: &Digest,
    verifier: &Verifier,
    predicate_type: &str,
    policies: &mut [Policy],
) -> Result<Verification> {
    let mut failures = Vec::new();
    let mut verified: Vec<(Candidate, Verified, Option<String>)> = Vec::new();
    for candidate in candidates {
        let checked = verifier
            .attestation(&candidate.found, predicate_type, digest)
            .and_then(|result| {
                let note = provenance_check(predicate_type, &result)?;
                Ok((result, note))
            });
        match checked {
            Ok((result, note)) => verified.push((candidate, result, note)),
            Err(error) => failures.push(format!("{}: {}", candidate.place, report(&error))),
        }
    }
    if verified.is_empty() {
        fail!("no attestation verified: {}", failures.join("; "));
    }
    let mut policy_notes = Vec::new();
    for policy in policies.iter_mut() {
        for (checked, result, _) in &verified {
            if let Some(denial) = policy.evaluate(&result.statement)? {
                fail!("policy {} denied {}: {denial}", policy.name, checked.place);
            }
        }
        policy_notes.push(format!(
            "policy {} allowed {} verified attestation{}",
            policy.name,
            verified.len(),
            if verified.len() == 1 { "" } else { "s" }
        ));
    }
    // The most recently attached one that verifies.
    let Some((candidate, result, provenance_note)) = verified.pop() else {
        fail!("no attestation verified");
    };
    Ok(Verification {
        place: candidate.place,
        verified: result,
        unchecked: candidate.unchecked,
        policy_notes,
        provenance_note,
    })
}

/// A verified SLSA v1 provenance held against its keyless signer's
/// certificate: a mismatch fails it; what could not be compared is the
/// returned note.
fn provenance_check(
    predicate_type: &str,
    verified: &Verified,
) -> tallyman_attest::Result<Option<String>> {
    if predicate_type != provenance::PREDICATE_TYPE {
        return Ok(None);
    }
    match &verified.signer {
        Some(signer) => provenance::check_signer(&verified.statement["predicate"], signer),
        None => Ok(Some(
            "signed with a key: the provenance's repository, commit and workflow were not checked against a certificate".to_owned(),
        )),
    }
}

/// Verifies a bundle over a file (a message signature of it, or an
/// attestation with it as a subject); returns the signer's identity and
/// issuer (keyless) and whether a log entry was checked.
pub fn verify_blob(
    verifier: &Verifier,
    bundle: &[u8],
    file: &[u8],
) -> Result<(Option<tallyman_attest::sigstore::Signer>, bool)> {
    Ok(verifier.blob(bundle, file)?)
}

/// Every attestation attached to the image: cosign 2's `.att` layers, then
/// the bundles among its referrers (oldest first); and one line for each
/// that cannot even be read (it spoils none of the others: anyone who can
/// push to the repository could attach one).
pub(crate) fn registry_candidates(
    repository: &Repository,
    digest: &Digest,
) -> Result<(Vec<Candidate>, Vec<String>)> {
    let mut candidates = Vec::new();
    let mut unreadable = Vec::new();
    let tag = legacy::attestation_tag(digest);
    let layers = legacy::fetch(repository, legacy::Kind::Attestation, digest)?;
    for (i, layer) in layers.into_iter().enumerate() {
        let place = format!("{}:{tag} (layer {})", repository.name(), i + 1);
        let read = layer.keyless_bundle().and_then(|bundle| match bundle {
            Some(json) => Ok((Found::bundle(json)?, None)),
            None => Ok((
                Found::Envelope(dsse::parse(&layer.content)?),
                layer
                    .has_rekor_entry()
                    .then_some("its Rekor entry (cosign's bundle annotation) was not checked"),
            )),
        });
        let (found, unchecked) = match read {
            Ok(read) => read,
            Err(error) => {
                unreadable.push(format!("{place}: {}", report(&error)));
                continue;
            }
        };
        candidates.push(Candidate {
            place,
            found,
            unchecked,
            from_tag: true,
        });
    }
    let (attached, listing) = referrer::fetch(repository, digest)?;
    for found in attached {
        let place = referrer_place(repository, &found.manifest, listing, digest);
        match Candidate::bundle(found.bundle, place) {
            Ok(candidate) => candidates.push(candidate),
            Err(error) => unreadable.push(report(&error)),
        }
    }
    if candidates.is_empty() && !unreadable.is_empty() {
        fail!("no attestation could be read: {}", unreadable.join("; "));
    }
    if candidates.is_empty() {
        fail!(
            "no attestations: the registry has no {tag} and no referrer of {digest} is a Sigstore bundle ({})",
            match listing {
                Listing::Api => "asked the referrers API".to_owned(),
                Listing::TagSchema => format!(
                    "no referrers API; looked for the tag {}",
                    referrers::fallback_tag(digest)
                ),
            }
        );
    }
    Ok((candidates, unreadable))
}
