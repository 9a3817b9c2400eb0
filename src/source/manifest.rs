//! Image manifests and indexes, wherever they come from (an OCI layout, a
//! registry): picking the platform from an index, checking each JSON blob
//! against its descriptor's digest, and turning a manifest and its config
//! into the list of layers with the digests they must have.

use anyhow::{bail, Context, Result};
use oci_spec::image::{Descriptor, ImageConfiguration, ImageIndex, ImageManifest};

use crate::blob::Digest;
use crate::layer::BlobCheck;
use crate::sbom::{ImageInfo, LayerInfo};
use crate::source::blob_store::BlobStore;
use crate::source::platform::Platform;
use crate::source::LayerRef;

/// Media types of image indexes (multi-platform lists).
pub const INDEX_TYPES: &[&str] = &[
    "application/vnd.oci.image.index.v1+json",
    "application/vnd.docker.distribution.manifest.list.v2+json",
];
/// Media types of image manifests.
pub const MANIFEST_TYPES: &[&str] = &[
    "application/vnd.oci.image.manifest.v1+json",
    "application/vnd.docker.distribution.manifest.v2+json",
];
/// Docker's schema 1, which tallyman does not read.
pub const SCHEMA1_TYPES: &[&str] = &[
    "application/vnd.docker.distribution.manifest.v1+json",
    "application/vnd.docker.distribution.manifest.v1+prettyjws",
];

/// The chosen image: what the SBOM says of it and its layers.
pub struct Resolved {
    pub info: ImageInfo,
    pub layers: Vec<LayerRef>,
}

/// Reads the manifest a descriptor names (following nested indexes by
/// platform), its config, and lists the layers.
pub fn image_from_descriptor(
    store: &dyn BlobStore,
    descriptor: &Descriptor,
    what: &str,
) -> Result<Resolved> {
    let media_type = descriptor.media_type().to_string();
    let manifest_digest = descriptor_digest(descriptor, what, "the manifest's descriptor")?;
    if SCHEMA1_TYPES.contains(&media_type.as_str()) {
        bail!("{what}: Docker schema 1 manifests are not supported ({manifest_digest})");
    }
    let manifest_bytes = read_verified(store, &manifest_digest, what)?;
    let manifest: ImageManifest = serde_json::from_slice(&manifest_bytes).with_context(|| {
        format!("{what}: manifest {manifest_digest} is not a valid image manifest")
    })?;
    let config_digest = descriptor_digest(
        manifest.config(),
        what,
        &format!("manifest {manifest_digest}: config.digest"),
    )?;
    let config_bytes = read_verified(store, &config_digest, what)?;
    let config = parse_config(&config_bytes).with_context(|| {
        format!("{what}: config {config_digest} is not a valid image configuration")
    })?;
    let diff_ids = diff_ids(&config, what, &format!("config {config_digest}"))?;
    if diff_ids.len() != manifest.layers().len() {
        bail!(
            "{what}: manifest {manifest_digest} lists {} layers but its config lists {} diff ids",
            manifest.layers().len(),
            diff_ids.len()
        );
    }
    let mut layers = Vec::new();
    let mut infos = Vec::new();
    for (index, (layer, diff_id)) in manifest.layers().iter().zip(diff_ids).enumerate() {
        let digest = descriptor_digest(
            layer,
            what,
            &format!("manifest {manifest_digest}: layers[{index}].digest"),
        )?;
        layers.push(LayerRef {
            member: store.blob_member(&digest),
            check: BlobCheck {
                digest: Some(digest.clone()),
                diff_id: Some(diff_id.clone()),
                verify_diff_id: false,
            },
        });
        infos.push(LayerInfo {
            digest: Some(digest),
            diff_id: Some(diff_id),
            diff_id_verified: None,
            media_type: Some(layer.media_type().to_string()),
            size: Some(layer.size()),
        });
    }
    Ok(Resolved {
        info: ImageInfo {
            name: what.to_owned(),
            manifest_digest: Some(manifest_digest),
            config_digest: Some(config_digest),
            platform: Some(platform_of(&config)),
            layers: infos,
            ..ImageInfo::default()
        },
        layers,
    })
}

/// A descriptor's digest, refused (naming `field`) unless sha256 or sha512.
pub fn descriptor_digest(descriptor: &Descriptor, what: &str, field: &str) -> Result<Digest> {
    Digest::try_from(descriptor.digest()).with_context(|| format!("{what}: {field}"))
}

/// Parses an image configuration. The one place oci-spec falls short:
/// go-containerregistry writes an image without layers (its `empty.Image`,
/// what `crane` and ko start from) with `"diff_ids": null`, which oci-spec
/// refuses; it is read as no diff ids.
pub fn parse_config(bytes: &[u8]) -> Result<ImageConfiguration> {
    let mut value: serde_json::Value = serde_json::from_slice(bytes)?;
    if let Some(rootfs) = value.get_mut("rootfs").and_then(|r| r.as_object_mut()) {
        if rootfs
            .get("diff_ids")
            .is_some_and(serde_json::Value::is_null)
        {
            rootfs.insert("diff_ids".to_owned(), serde_json::Value::Array(Vec::new()));
        }
    }
    Ok(serde_json::from_value(value)?)
}

/// The config's `rootfs.diff_ids`, each parsed (`whose` names the config).
pub fn diff_ids(config: &ImageConfiguration, what: &str, whose: &str) -> Result<Vec<Digest>> {
    config
        .rootfs()
        .diff_ids()
        .iter()
        .enumerate()
        .map(|(index, text)| {
            Digest::parse(text)
                .with_context(|| format!("{what}: {whose}: rootfs.diff_ids[{index}]"))
        })
        .collect()
}

/// `os/architecture[/variant]` of a config.
pub fn platform_of(config: &ImageConfiguration) -> String {
    Platform::new(
        config.os().to_string(),
        config.architecture().to_string(),
        config.variant().clone(),
    )
    .to_string()
}

/// What a multi-platform index holds, for `--platform all`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexSummary {
    /// The index's digest (`None`: a layout's top-level `index.json`).
    pub digest: Option<Digest>,
    /// Its images' platforms, in its order (entries without one, such as
    /// BuildKit's attestation manifests, left out).
    pub platforms: Vec<Platform>,
}

/// The platforms `candidates` name (not `unknown`, as BuildKit's
/// attestation manifests are), in order.
pub fn described_platforms(candidates: &[&Descriptor]) -> Vec<Platform> {
    candidates
        .iter()
        .filter_map(|d| d.platform().as_ref())
        .filter(|p| p.os().to_string() != "unknown")
        .map(|p| {
            Platform::new(
                p.os().to_string(),
                p.architecture().to_string(),
                p.variant().clone(),
            )
        })
        .collect()
}

/// The one descriptor to use: the only one, or the one for the platform.
pub fn pick_platform<'a>(
    candidates: &[&'a Descriptor],
    platform: Option<&Platform>,
    what: &str,
) -> Result<&'a Descriptor> {
    let described: Vec<&Descriptor> = candidates
        .iter()
        .copied()
        .filter(|d| {
            d.platform()
                .as_ref()
                .is_some_and(|p| p.os().to_string() != "unknown")
        })
        .collect();
    match (candidates, platform) {
        ([], _) => bail!("{what}: the index lists no images"),
        ([only], None) => return Ok(only),
        _ => {}
    }
    if described.is_empty() {
        return Ok(candidates[0]);
    }
    let wanted = platform.cloned().unwrap_or_else(Platform::host);
    let found = described.iter().copied().find(|d| {
        d.platform().as_ref().is_some_and(|p| {
            wanted.matches(
                &p.os().to_string(),
                &p.architecture().to_string(),
                p.variant().as_deref(),
            )
        })
    });
    match found {
        Some(found) => Ok(found),
        None => {
            let available: Vec<String> = described_platforms(&described)
                .iter()
                .map(ToString::to_string)
                .collect();
            bail!(
                "{what}: no image for platform {wanted} (available: {}); choose one with --platform",
                available.join(", ")
            )
        }
    }
}

/// Picks the platform's entry of an index document.
pub fn pick_from_index(
    index_bytes: &[u8],
    platform: Option<&Platform>,
    what: &str,
) -> Result<Descriptor> {
    let index: ImageIndex = serde_json::from_slice(index_bytes)
        .with_context(|| format!("{what}: not a valid OCI index or manifest list"))?;
    let options: Vec<&Descriptor> = index.manifests().iter().collect();
    Ok(pick_platform(&options, platform, what)?.clone())
}

/// Reads a JSON blob and checks it against its digest.
pub fn read_verified(store: &dyn BlobStore, digest: &Digest, what: &str) -> Result<Vec<u8>> {
    let member = store.blob_member(digest);
    if !store.contains(&member) {
        bail!("{what}: blob {digest} is missing");
    }
    let bytes = store
        .read_small(&member)
        .with_context(|| format!("{what}: blob {digest}"))?;
    digest
        .verify(&bytes)
        .with_context(|| format!("{what}: blob {digest}"))?;
    Ok(bytes)
}
