//! SBOMs already attached to an image in its registry, in the three places
//! they are put: OCI referrers whose artifact type is an SBOM format (oras,
//! Docker, cosign 3's `attach sbom`), cosign's `sha256-<hex>.sbom` tag
//! (`cosign attach sbom`), and BuildKit's attestation manifests in the
//! index (in-toto statements whose predicate is the SBOM; unsigned).
//!
//! An index's attachments count for every platform; the chosen platform's
//! own come first. None of these is a signed statement: what is found is
//! reported as found, not as verified (`verify-attestation` verifies).

use std::fmt;

use crate::error::{Context, Result};
use serde_json::Value;
use tallyman_oci::fail;

use tallyman_oci::manifest::{descriptor_digest, pick_from_index, INDEX_TYPES};
use tallyman_oci::registry::{referrers, Listing, Manifest, Repository};
use tallyman_oci::Digest;
use tallyman_oci::Platform;

/// An SBOM format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SbomKind {
    Spdx,
    CycloneDx,
    Syft,
}

impl SbomKind {
    /// The format a media type (or artifact type) names.
    pub fn of_media_type(media_type: &str) -> Option<SbomKind> {
        let media_type = media_type.split(';').next().unwrap_or(media_type).trim();
        match media_type {
            "text/spdx"
            | "text/spdx+json"
            | "application/spdx+json"
            | "application/vnd.spdx+json"
            | "text/spdx+tag-value" => Some(SbomKind::Spdx),
            "application/vnd.cyclonedx"
            | "application/vnd.cyclonedx+json"
            | "application/vnd.cyclonedx+xml" => Some(SbomKind::CycloneDx),
            "application/vnd.syft+json" => Some(SbomKind::Syft),
            _ => None,
        }
    }

    /// The format an in-toto predicate type names.
    pub fn of_predicate_type(predicate_type: &str) -> Option<SbomKind> {
        if predicate_type.starts_with("https://spdx.dev/Document") {
            Some(SbomKind::Spdx)
        } else if predicate_type.starts_with("https://cyclonedx.org/bom") {
            Some(SbomKind::CycloneDx)
        } else {
            None
        }
    }

    /// `spdx`, `cyclonedx` or `syft`.
    pub fn parse(text: &str) -> Result<SbomKind> {
        match text {
            "spdx" | "spdxjson" | "spdx3" | "spdx3json" => Ok(SbomKind::Spdx),
            "cyclonedx" => Ok(SbomKind::CycloneDx),
            "syft" => Ok(SbomKind::Syft),
            other => fail!("{other:?} is not an SBOM type (spdx, cyclonedx, syft)"),
        }
    }
}

impl fmt::Display for SbomKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SbomKind::Spdx => "SPDX",
            SbomKind::CycloneDx => "CycloneDX",
            SbomKind::Syft => "syft",
        })
    }
}

/// Where an SBOM was attached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Referrer,
    CosignTag,
    BuildKit,
}

impl Form {
    /// `referrer`, `cosign-tag` or `buildkit`.
    pub fn name(self) -> &'static str {
        match self {
            Form::Referrer => "referrer",
            Form::CosignTag => "cosign-tag",
            Form::BuildKit => "buildkit",
        }
    }
}

/// One SBOM found.
#[derive(Debug, Clone)]
pub struct Found {
    pub kind: SbomKind,
    pub form: Form,
    /// The document's media type (`application/json` for a BuildKit predicate).
    pub media_type: String,
    /// Where it was, for messages.
    pub place: String,
    pub bytes: Vec<u8>,
}

/// Where the search looked, for the message when nothing is found.
#[derive(Debug, Default)]
pub struct Searched {
    pub places: Vec<String>,
}

/// Every SBOM attached to `reference` of `repository` (the `platform`'s
/// image of an index), most specific first.
pub fn find(
    repository: &Repository,
    reference: &str,
    platform: Option<&Platform>,
) -> Result<(Vec<Found>, Searched)> {
    let top = repository.require_manifest(reference)?;
    let mut subjects = Vec::new();
    let mut buildkit = Vec::new();
    let is_index = INDEX_TYPES.contains(&top.media_type.as_str());
    if is_index {
        let chosen = pick_from_index(&top.bytes, platform, repository.name())?;
        let image =
            descriptor_digest(&chosen, repository.name(), "the index's manifests[].digest")?;
        buildkit = buildkit_manifests(&top.bytes, &image);
        subjects.push(image);
    }
    subjects.push(top.digest);
    let mut found = Vec::new();
    let mut searched = Searched::default();
    for subject in &subjects {
        let (entries, listing) = referrers::list(repository, subject)?;
        searched.places.push(match listing {
            Listing::Api => format!("the referrers of {subject}"),
            Listing::TagSchema => format!(
                "the referrers of {subject} (tag {})",
                referrers::fallback_tag(subject)
            ),
        });
        let mut from_referrers = Vec::new();
        for entry in entries {
            let Some(kind) = entry
                .artifact_type
                .as_deref()
                .and_then(SbomKind::of_media_type)
            else {
                continue;
            };
            let created = entry
                .annotations
                .get("org.opencontainers.image.created")
                .cloned();
            let place = format!("referrer {} of {subject}", entry.digest);
            let manifest = repository.manifest_by_digest(&entry.digest)?;
            for (media_type, bytes) in layers(repository, &manifest, Some(kind))? {
                let kind = SbomKind::of_media_type(&media_type).unwrap_or(kind);
                from_referrers.push((
                    created.clone(),
                    Found {
                        kind,
                        form: Form::Referrer,
                        media_type,
                        place: place.clone(),
                        bytes,
                    },
                ));
            }
        }
        // Newest first.
        from_referrers.sort_by(|a, b| b.0.cmp(&a.0));
        found.extend(from_referrers.into_iter().map(|(_, f)| f));
        let tag = format!("{}.sbom", referrers::fallback_tag(subject));
        searched.places.push(format!("the tag {tag}"));
        if let Some(manifest) = repository.fetch_manifest(&tag)? {
            for (media_type, bytes) in layers(repository, &manifest, None)? {
                if let Some(kind) = SbomKind::of_media_type(&media_type) {
                    found.push(Found {
                        kind,
                        form: Form::CosignTag,
                        media_type,
                        place: format!("cosign tag {tag}"),
                        bytes,
                    });
                }
            }
        }
    }
    if is_index {
        searched
            .places
            .push("BuildKit attestation manifests in the index".to_owned());
    }
    for digest in buildkit {
        found.extend(buildkit_sboms(repository, &digest)?);
    }
    Ok((found, searched))
}

/// The layers of `manifest`: (media type, bytes). With `all_as`, every
/// layer counts (a referrer's artifact type said what they are); without it
/// only layers of an SBOM media type.
fn layers(
    repository: &Repository,
    manifest: &Manifest,
    all_as: Option<SbomKind>,
) -> Result<Vec<(String, Vec<u8>)>> {
    let artifact = repository.artifact(manifest, |media_type, _| {
        all_as.is_some() || SbomKind::of_media_type(media_type).is_some()
    })?;
    Ok(artifact
        .layers
        .into_iter()
        .map(|layer| (layer.media_type, layer.bytes))
        .collect())
}

/// The attestation manifests BuildKit put in `index` for `image`.
fn buildkit_manifests(index: &[u8], image: &Digest) -> Vec<Digest> {
    let Ok(index) = serde_json::from_slice::<Value>(index) else {
        return Vec::new();
    };
    index["manifests"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|m| {
            let a = &m["annotations"];
            a["vnd.docker.reference.type"] == "attestation-manifest"
                && a["vnd.docker.reference.digest"] == image.to_string().as_str()
        })
        .filter_map(|m| Digest::parse(m["digest"].as_str()?).ok())
        .collect()
}

/// The SBOM predicates of one BuildKit attestation manifest.
fn buildkit_sboms(repository: &Repository, digest: &Digest) -> Result<Vec<Found>> {
    let predicates = buildkit_predicates(repository, digest, |predicate_type| {
        SbomKind::of_predicate_type(predicate_type).is_some()
    })?;
    Ok(predicates
        .into_iter()
        .filter_map(|predicate| {
            Some(Found {
                kind: SbomKind::of_predicate_type(&predicate.predicate_type)?,
                form: Form::BuildKit,
                media_type: "application/json".to_owned(),
                place: predicate.place,
                bytes: predicate.bytes,
            })
        })
        .collect())
}

/// A predicate BuildKit attached to an image: an in-toto statement's, as
/// BuildKit wrote it (unsigned).
#[derive(Debug, Clone)]
pub struct BuildKitPredicate {
    pub predicate_type: String,
    /// Where it was, for messages.
    pub place: String,
    /// The predicate, pretty-printed.
    pub bytes: Vec<u8>,
}

/// The SLSA provenance BuildKit attached (`docker buildx build
/// --provenance`) for the image `reference` names in `repository` (the
/// `platform`'s image of its index). BuildKit writes attestations only
/// into an index: a single image is an error that says so.
pub fn buildkit_provenance(
    repository: &Repository,
    reference: &str,
    platform: Option<&Platform>,
) -> Result<Vec<BuildKitPredicate>> {
    let top = repository.require_manifest(reference)?;
    if !INDEX_TYPES.contains(&top.media_type.as_str()) {
        fail!(
            "{}@{}: a single image, not an index: BuildKit attaches provenance only as an attestation manifest in an index",
            repository.name(),
            top.digest
        );
    }
    let chosen = pick_from_index(&top.bytes, platform, repository.name())?;
    let image = descriptor_digest(&chosen, repository.name(), "the index's manifests[].digest")?;
    let mut found = Vec::new();
    for digest in buildkit_manifests(&top.bytes, &image) {
        found.extend(buildkit_predicates(
            repository,
            &digest,
            |predicate_type| predicate_type.starts_with("https://slsa.dev/provenance/"),
        )?);
    }
    if found.is_empty() {
        fail!(
            "{}@{image}: no provenance attached: the index has no BuildKit attestation manifest with a SLSA provenance for it",
            repository.name()
        );
    }
    Ok(found)
}

/// The predicates of one BuildKit attestation manifest whose predicate
/// type (its layer's `in-toto.io/predicate-type`) is `wanted`.
fn buildkit_predicates(
    repository: &Repository,
    digest: &Digest,
    wanted: impl Fn(&str) -> bool,
) -> Result<Vec<BuildKitPredicate>> {
    const PREDICATE_TYPE: &str = "in-toto.io/predicate-type";
    let type_of = |annotations: &serde_json::Map<String, Value>| {
        annotations
            .get(PREDICATE_TYPE)
            .and_then(Value::as_str)
            .filter(|t| wanted(t))
            .map(str::to_owned)
    };
    let manifest = repository.manifest_by_digest(digest)?;
    let artifact =
        repository.artifact(&manifest, |_, annotations| type_of(annotations).is_some())?;
    let mut found = Vec::new();
    for layer in artifact.layers {
        let Some(predicate_type) = type_of(&layer.annotations) else {
            continue;
        };
        let statement: Value = serde_json::from_slice(&layer.bytes).with_context(|| {
            format!(
                "{}: a layer of {digest} is not an in-toto statement",
                repository.name()
            )
        })?;
        let mut bytes = serde_json::to_vec_pretty(&statement["predicate"])?;
        bytes.push(b'\n');
        found.push(BuildKitPredicate {
            predicate_type,
            place: format!("BuildKit attestation manifest {digest}"),
            bytes,
        });
    }
    Ok(found)
}
