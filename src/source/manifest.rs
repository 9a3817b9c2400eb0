//! Image manifests and indexes, wherever they come from (an OCI layout, a
//! registry): picking the platform from an index, checking each JSON blob
//! against its descriptor's digest, and turning a manifest and its config
//! into the list of layers with the digests they must have.

use anyhow::{bail, Context, Result};
use oci_spec::image::{Descriptor, ImageConfiguration, ImageIndex, ImageManifest};
use sha2::{Digest, Sha256};

use crate::layer::BlobCheck;
use crate::source::blob_store::BlobStore;
use crate::source::platform::Platform;
use crate::source::{ImageInfo, LayerInfo, LayerRef};

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
    if SCHEMA1_TYPES.contains(&media_type.as_str()) {
        bail!(
            "{what}: Docker schema 1 manifests are not supported ({})",
            descriptor.digest()
        );
    }
    let manifest_bytes = read_verified(store, descriptor, what)?;
    let manifest: ImageManifest = serde_json::from_slice(&manifest_bytes).with_context(|| {
        format!(
            "{what}: manifest {} is not a valid image manifest",
            descriptor.digest()
        )
    })?;
    let config_bytes = read_verified(store, manifest.config(), what)?;
    let config: ImageConfiguration = serde_json::from_slice(&config_bytes).with_context(|| {
        format!(
            "{what}: config {} is not a valid image configuration",
            manifest.config().digest()
        )
    })?;

    let diff_ids = config.rootfs().diff_ids();
    if diff_ids.len() != manifest.layers().len() {
        bail!(
            "{what}: manifest {} lists {} layers but its config lists {} diff ids",
            descriptor.digest(),
            manifest.layers().len(),
            diff_ids.len()
        );
    }
    let mut layers = Vec::new();
    for (layer, diff_id) in manifest.layers().iter().zip(diff_ids) {
        let digest = layer.digest().to_string();
        layers.push(LayerRef {
            member: store.blob_member(&digest, what)?,
            check: BlobCheck {
                digest: Some(digest.clone()),
                diff_id: None,
            },
            info: LayerInfo {
                digest: Some(digest),
                diff_id: Some(diff_id.clone()),
                media_type: Some(layer.media_type().to_string()),
                size: Some(layer.size()),
            },
        });
    }
    let platform_text = {
        let mut p = format!("{}/{}", config.os(), config.architecture());
        if let Some(variant) = config.variant() {
            p = format!("{p}/{variant}");
        }
        p
    };
    Ok(Resolved {
        info: ImageInfo {
            name: what.to_owned(),
            manifest_digest: Some(descriptor.digest().to_string()),
            config_digest: Some(manifest.config().digest().to_string()),
            platform: Some(platform_text),
            layers: layers.iter().map(|l| l.info.clone()).collect(),
            ..ImageInfo::default()
        },
        layers,
    })
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
            let available: Vec<String> = described
                .iter()
                .filter_map(|d| d.platform().as_ref())
                .map(|p| {
                    let mut text = format!("{}/{}", p.os(), p.architecture());
                    if let Some(v) = p.variant() {
                        text = format!("{text}/{v}");
                    }
                    text
                })
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

/// `blobs/sha256/<hex>` for a digest, refusing anything that is not one.
pub fn blob_path(digest: &str, what: &str) -> Result<String> {
    match digest.split_once(':') {
        Some((algorithm @ ("sha256" | "sha512"), hex))
            if !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()) =>
        {
            Ok(format!("blobs/{algorithm}/{hex}"))
        }
        _ => bail!("{what}: unsupported or malformed digest {digest:?}"),
    }
}

/// Reads a JSON blob and checks its sha256 against the descriptor.
pub fn read_verified(
    store: &dyn BlobStore,
    descriptor: &Descriptor,
    what: &str,
) -> Result<Vec<u8>> {
    let digest = descriptor.digest().to_string();
    let member = store.blob_member(&digest, what)?;
    if !store.contains(&member) {
        bail!("{what}: blob {digest} is missing");
    }
    let bytes = store
        .read_small(&member)
        .with_context(|| format!("{what}: blob {digest}"))?;
    verify_sha256(&bytes, &digest).with_context(|| format!("{what}: blob {digest}"))?;
    Ok(bytes)
}

/// Checks `bytes` against a `sha256:<hex>` digest.
pub fn verify_sha256(bytes: &[u8], digest: &str) -> Result<()> {
    let Some(want) = digest.strip_prefix("sha256:") else {
        bail!("only sha256 digests are supported, not {digest:?}");
    };
    let got = hex::encode(Sha256::digest(bytes));
    if !got.eq_ignore_ascii_case(want) {
        bail!("digest mismatch: expected sha256:{want}, got sha256:{got}");
    }
    Ok(())
}
