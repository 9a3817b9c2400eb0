//! SBOMs already attached to an image (`tallyman sbom download`): the
//! referrers of an SBOM artifact type, cosign's `.sbom` tag and BuildKit's
//! attestation manifests, found as [`tallyman_attest::attached`] finds
//! them, of one format or all; none found is an error that says where the
//! search looked. And the SLSA provenance BuildKit attached
//! (`tallyman provenance download`), found the same way.

use tallyman_attest::attached::{self, BuildKitPredicate, Found, SbomKind};
use tallyman_oci::registry::{RegistryOptions, Repository};
use tallyman_oci::{fail, Digest, ImageReference, Platform};

use crate::error::{Context, Result};

/// Every SBOM of `kind` (any, when `None`) attached to the image
/// `reference` names (the `platform`'s image of an index), most specific
/// first.
pub fn attached_sboms(
    reference: &ImageReference,
    registry: &RegistryOptions,
    platform: Option<&Platform>,
    kind: Option<SbomKind>,
) -> Result<Vec<Found>> {
    let repository = Repository::connect(reference, registry)?;
    let (all, searched) = attached::find(&repository, &reference.manifest_reference(), platform)
        .with_context(|| reference.to_string())?;
    let (found, others): (Vec<Found>, Vec<Found>) = all
        .into_iter()
        .partition(|f| kind.is_none_or(|kind| f.kind == kind));
    if found.is_empty() {
        let wanted = kind.map_or("SBOM".to_owned(), |k| format!("{k} SBOM"));
        let others: Vec<String> = others
            .iter()
            .map(|f| format!("{} in {}", f.kind, f.place))
            .collect();
        fail!(
            "{reference}: no {wanted} attached; looked in {}{}",
            searched.places.join(", "),
            if others.is_empty() {
                String::new()
            } else {
                format!(" (found only: {})", others.join(", "))
            }
        );
    }
    Ok(found)
}

/// The SLSA provenance BuildKit attached for the image `reference` names
/// (the `platform`'s image of its index); none is an error.
pub fn attached_provenance(
    reference: &ImageReference,
    registry: &RegistryOptions,
    platform: Option<&Platform>,
) -> Result<Vec<BuildKitPredicate>> {
    let repository = Repository::connect(reference, registry)?;
    attached::buildkit_provenance(&repository, &reference.manifest_reference(), platform)
        .with_context(|| reference.to_string())
}

/// The file name of a found SBOM in a directory of them:
/// `<format>-<where>-<first 12 hex digits of its sha256>.<extension>`.
pub fn file_name(sbom: &Found) -> String {
    let digest = Digest::sha256(&sbom.bytes);
    let kind = match sbom.kind {
        SbomKind::Spdx => "spdx",
        SbomKind::CycloneDx => "cyclonedx",
        SbomKind::Syft => "syft",
    };
    let extension = if sbom.media_type.ends_with("xml") {
        "xml"
    } else if sbom.media_type == "text/spdx" {
        "spdx"
    } else {
        "json"
    };
    format!(
        "{kind}-{}-{}.{extension}",
        sbom.form.name(),
        &digest.hex()[..12]
    )
}
