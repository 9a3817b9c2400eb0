//! Image signatures, as cosign makes and checks them: signing an image's
//! digest (cosign 3's default, a Sigstore bundle of an in-toto statement
//! attached as an OCI referrer; or cosign 2's simple-signing payload in the
//! `sha256-<hex>.sig` tag) with a key or keyless, and verifying every
//! signature found in both places against a key or a keyless identity.
//!
//! What is signed is what the reference names (an index's own digest, as
//! `cosign sign` does), one platform's image with `--platform`, or the
//! index and every platform image (`cosign sign --recursive`).

use std::collections::BTreeMap;

use tallyman_attest::legacy::{self, Kind};
use tallyman_attest::signing::SignWith;
use tallyman_attest::statement::{self, SIGN_PREDICATE_TYPE};
use tallyman_attest::verifier::{Found, FoundSignature, VerifiedSignature, Verifier};
use tallyman_attest::{referrer, simple_signing};
use tallyman_oci::manifest::{platform_manifests, INDEX_TYPES};
use tallyman_oci::registry::Repository;
use tallyman_oci::{fail, report, Digest, ImageReference};

use crate::attestation::{listing_name, referrer_place, rfc3339};
use crate::error::{Context, Result};
use crate::source::{Image, OpenOptions, SourceSpec};

/// Where a signature is attached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignatureFormat {
    /// A Sigstore bundle as an OCI referrer (cosign 3).
    Bundle,
    /// cosign 2's `sha256-<hex>.sig` tag.
    Legacy,
}

/// Which images of the reference to sign or verify.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Targets {
    /// What the reference names (with `OpenOptions::platform`, that
    /// platform's image).
    Named,
    /// An index and every platform image in it.
    All,
}

/// How to sign.
pub struct SignOptions {
    pub format: SignatureFormat,
    /// The signer's annotations (`-a key=value`).
    pub annotations: BTreeMap<String, String>,
    pub targets: Targets,
    pub open: OpenOptions,
    /// The attachment's creation time (seconds since the epoch).
    pub created: i64,
}

/// Signs the image `spec` names; returns one note per signature attached.
pub fn sign(spec: &SourceSpec, with: &SignWith, options: &SignOptions) -> Result<Vec<String>> {
    let (reference, repository) = connect(spec, &options.open)?;
    let mut notes = Vec::new();
    for (label, digest) in targets(spec, reference, &repository, options.targets, &options.open)? {
        let note = match options.format {
            SignatureFormat::Bundle => {
                let statement = statement::image_signature(&digest, &options.annotations)?;
                let signed = with.statement(&statement, &digest)?;
                let manifest = repository.manifest_by_digest(&digest)?;
                let (at, listing) = referrer::attach(
                    &repository,
                    &manifest,
                    &signed.bundle,
                    SIGN_PREDICATE_TYPE,
                    &rfc3339(options.created),
                )?;
                format!(
                    "signed {digest}: attached to {}@{at} ({})",
                    repository.name(),
                    listing_name(listing, &digest)
                )
            }
            SignatureFormat::Legacy => {
                let payload =
                    simple_signing::build(&reference.name(), &digest, &options.annotations)?;
                let signed = with.bytes(&payload)?;
                let tag = legacy::attach_signature(
                    &repository,
                    &digest,
                    &payload,
                    signed.legacy_annotations()?,
                )?;
                format!("signed {digest}: attached to {}:{tag}", repository.name())
            }
        };
        notes.push(match label {
            Some(label) => format!("{label}: {note}"),
            None => note,
        });
    }
    Ok(notes)
}

/// The verified signatures of one image, and why the others were refused.
pub struct ImageSignatures {
    /// `linux/arm64`, `index`, or `None` for the one image named.
    pub label: Option<String>,
    pub digest: Digest,
    pub verified: Vec<(String, VerifiedSignature)>,
    /// One line per signature that did not verify (its place and why).
    pub rejected: Vec<String>,
}

/// Verifies every signature of the image `spec` names (or of the index
/// and each platform's image): cosign 3's bundles among its referrers and
/// cosign 2's `.sig` layers. Fails when an image has no signature that
/// verifies, listing why each was refused.
pub fn verify(
    spec: &SourceSpec,
    verifier: &Verifier,
    annotations: &BTreeMap<String, String>,
    targets_wanted: Targets,
    open: &OpenOptions,
) -> Result<Vec<ImageSignatures>> {
    let (reference, repository) = connect(spec, open)?;
    let shown = reference.to_string();
    let mut results = Vec::new();
    for (label, digest) in targets(spec, reference, &repository, targets_wanted, open)? {
        let mut verified = Vec::new();
        let mut rejected = Vec::new();
        let found = signatures(&repository, &digest)?;
        if found.is_empty() {
            fail!(
                "{}: no signatures found for {digest} (no referrer of type {SIGN_PREDICATE_TYPE}, no {})",
                spec.input,
                legacy::signature_tag(&digest)
            );
        }
        for (place, signature) in found {
            let result = signature.and_then(|signature| {
                let verified = verifier
                    .image_signature(&signature, &shown, &digest)
                    .map_err(|e| report(&e))?;
                check_annotations(&verified, annotations)?;
                Ok(verified)
            });
            match result {
                Ok(result) => verified.push((place, result)),
                Err(why) => rejected.push(format!("{place}: {why}")),
            }
        }
        if verified.is_empty() {
            fail!(
                "{}: no matching signatures for {digest}:\n  {}",
                spec.input,
                rejected.join("\n  ")
            );
        }
        results.push(ImageSignatures {
            label,
            digest,
            verified,
            rejected,
        });
    }
    Ok(results)
}

/// Fails unless the signer's annotations include each of `wanted`
/// (`verify -a key=value`, as cosign checks them).
fn check_annotations(
    verified: &VerifiedSignature,
    wanted: &BTreeMap<String, String>,
) -> std::result::Result<(), String> {
    for (key, value) in wanted {
        let signed = &verified.claims["optional"][key];
        if signed.as_str() != Some(value.as_str()) {
            return Err(format!(
                "annotation check failed: {key} is {signed}, not {value:?}"
            ));
        }
    }
    Ok(())
}

fn connect<'a>(
    spec: &'a SourceSpec,
    open: &OpenOptions,
) -> Result<(&'a ImageReference, Repository)> {
    let reference = spec.registry_reference().with_context(|| {
        format!(
            "{}: image signatures live in the image's registry; give a registry image (registry:REF)",
            spec.input
        )
    })?;
    Ok((reference, Repository::connect(reference, &open.registry)?))
}

/// The digests to sign or verify, each with its label.
fn targets(
    spec: &SourceSpec,
    reference: &ImageReference,
    repository: &Repository,
    wanted: Targets,
    open: &OpenOptions,
) -> Result<Vec<(Option<String>, Digest)>> {
    if wanted == Targets::Named && open.platform.is_some() {
        let image = Image::open(spec, open)?;
        let digest = image
            .info
            .digest()
            .cloned()
            .with_context(|| format!("{}: the image has no manifest digest", spec.input))?;
        return Ok(vec![(None, digest)]);
    }
    let manifest = repository.require_manifest(&reference.manifest_reference())?;
    if let Some(pinned) = &reference.digest {
        if pinned != &manifest.digest {
            fail!(
                "{}: the registry returned manifest {} for {pinned}",
                spec.input,
                manifest.digest
            );
        }
    }
    if wanted == Targets::Named || !INDEX_TYPES.contains(&manifest.media_type.as_str()) {
        return Ok(vec![(None, manifest.digest)]);
    }
    let mut out: Vec<(Option<String>, Digest)> = platform_manifests(&manifest.bytes, &spec.input)?
        .into_iter()
        .map(|(platform, digest)| (Some(platform.to_string()), digest))
        .collect();
    out.push((Some("index".to_owned()), manifest.digest));
    Ok(out)
}

/// A signature as found, or why it cannot be read.
pub(crate) type Candidate = (String, std::result::Result<FoundSignature, String>);

/// Every image signature attached to `digest`, by place: cosign 3's
/// bundles (the referrers whose statement is a signature; attestations are
/// verify-attestation's), then cosign 2's `.sig` layers.
pub(crate) fn signatures(repository: &Repository, digest: &Digest) -> Result<Vec<Candidate>> {
    let mut found = Vec::new();
    let (attached, listing) = referrer::fetch(repository, digest)?;
    for bundle in attached {
        let place = referrer_place(repository, &bundle.manifest, listing, digest);
        if bundle
            .predicate_type
            .as_deref()
            .is_some_and(|t| t != SIGN_PREDICATE_TYPE)
        {
            continue;
        }
        let parsed = Found::bundle(bundle.bundle)
            .map(FoundSignature::Bundle)
            .map_err(|e| report(&e));
        found.push((place, parsed));
    }
    let tag = legacy::signature_tag(digest);
    for (i, layer) in legacy::fetch(repository, Kind::Signature, digest)?
        .into_iter()
        .enumerate()
    {
        let place = format!("{}:{tag} (layer {})", repository.name(), i + 1);
        found.push((place, Ok(FoundSignature::Legacy(layer))));
    }
    Ok(found)
}
