//! An image's manifest and config, read from a [`BlobStore`] (a layout, an
//! archive, a registry) with every JSON blob checked against its
//! descriptor's digest, and turned into what the SBOM says of the image and
//! the list of its layers with the digests they must have.

use oci_spec::image::{Descriptor, ImageManifest};
use tallyman_layer::BlobCheck;
use tallyman_oci::manifest::{
    descriptor_digest, diff_ids, parse_config, platform_of, SCHEMA1_TYPES,
};
use tallyman_oci::{fail, Digest};
use tallyman_sbom::{ImageInfo, LayerInfo};

use crate::error::{Context, Result};
use crate::source::blob_store::BlobStore;
use crate::source::LayerRef;

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
        fail!("{what}: Docker schema 1 manifests are not supported ({manifest_digest})");
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
        fail!(
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

/// Reads a JSON blob and checks it against its digest.
pub fn read_verified(store: &dyn BlobStore, digest: &Digest, what: &str) -> Result<Vec<u8>> {
    let member = store.blob_member(digest);
    if !store.contains(&member) {
        fail!("{what}: blob {digest} is missing");
    }
    let bytes = store
        .read_small(&member)
        .with_context(|| format!("{what}: blob {digest}"))?;
    digest
        .verify(&bytes)
        .with_context(|| format!("{what}: blob {digest}"))?;
    Ok(bytes)
}
