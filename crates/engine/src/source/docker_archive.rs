//! `docker save` / `skopeo copy … docker-archive:` tarballs: `manifest.json`
//! names each image's config and layer members; layers are checked against the
//! config's diff ids (and against their blob digest when stored under
//! `blobs/sha256/`).

use serde::Deserialize;
use tallyman_layer::BlobCheck;
use tallyman_oci::manifest::{diff_ids, parse_config, platform_of};
use tallyman_oci::{fail, Digest};
use tallyman_sbom::{ImageInfo, LayerInfo};

use crate::error::{Context, Result};
use crate::source::blob_store::BlobStore;
use crate::source::manifest::Resolved;
use crate::source::LayerRef;

#[derive(Deserialize)]
struct ArchiveImage {
    #[serde(rename = "Config")]
    config: String,
    #[serde(rename = "RepoTags", default)]
    repo_tags: Option<Vec<String>>,
    #[serde(rename = "Layers")]
    layers: Vec<String>,
}

/// Picks and reads one image of a docker-archive.
pub fn resolve(store: &dyn BlobStore, what: &str, tag: Option<&str>) -> Result<Resolved> {
    if !store.contains("manifest.json") {
        fail!("{what}: not a docker-archive (no manifest.json)");
    }
    let bytes = store
        .read_small("manifest.json")
        .with_context(|| format!("{what}: manifest.json"))?;
    let images: Vec<ArchiveImage> = serde_json::from_slice(&bytes)
        .with_context(|| format!("{what}: manifest.json is not a docker-archive manifest"))?;
    let all_tags: Vec<String> = images
        .iter()
        .flat_map(|i| i.repo_tags.clone().unwrap_or_default())
        .collect();
    let image = match tag {
        Some(tag) => images
            .iter()
            .find(|i| {
                i.repo_tags
                    .iter()
                    .flatten()
                    .any(|t| t == tag || t.rsplit_once(':').is_some_and(|(_, short)| short == tag))
            })
            .with_context(|| {
                format!(
                    "{what}: no image tagged {tag:?} (tags: {})",
                    all_tags.join(", ")
                )
            })?,
        None => match images.as_slice() {
            [] => fail!("{what}: manifest.json lists no images"),
            [only] => only,
            _ => fail!(
                "{what}: holds several images; pick one with {what}:TAG (tags: {})",
                all_tags.join(", ")
            ),
        },
    };

    let config_bytes = store
        .read_small(&image.config)
        .with_context(|| format!("{what}: config {}", image.config))?;
    let config_digest = match digest_from_member(&image.config) {
        Some(digest) => {
            digest
                .verify(&config_bytes)
                .with_context(|| format!("{what}: config {}", image.config))?;
            digest
        }
        None => Digest::sha256(&config_bytes),
    };
    let config = parse_config(&config_bytes).with_context(|| {
        format!(
            "{what}: config {} is not a valid image configuration",
            image.config
        )
    })?;
    let diff_ids = diff_ids(&config, what, &format!("config {}", image.config))?;
    if diff_ids.len() != image.layers.len() {
        fail!(
            "{what}: manifest.json lists {} layers but the config lists {} diff ids",
            image.layers.len(),
            diff_ids.len()
        );
    }
    let mut layers = Vec::new();
    let mut infos = Vec::new();
    for (member, diff_id) in image.layers.iter().zip(diff_ids) {
        if !store.contains(member) {
            fail!("{what}: layer {member} is missing from the archive");
        }
        let digest = digest_from_member(member);
        layers.push(LayerRef {
            member: member.clone(),
            // Always checked: often the only check a docker-archive layer
            // has, and its stored bytes are usually the tar itself.
            check: BlobCheck {
                digest: digest.clone(),
                diff_id: Some(diff_id.clone()),
                verify_diff_id: true,
            },
        });
        infos.push(LayerInfo {
            digest,
            diff_id: Some(diff_id),
            diff_id_verified: None,
            media_type: None,
            size: None,
        });
    }
    let tags = image.repo_tags.clone().unwrap_or_default();
    Ok(Resolved {
        info: ImageInfo {
            name: tags.first().cloned().unwrap_or_else(|| what.to_owned()),
            tags,
            manifest_digest: None,
            config_digest: Some(config_digest),
            platform: Some(platform_of(&config)),
            layers: infos,
            ..ImageInfo::default()
        },
        layers,
    })
}

/// The digest a member is stored under (`blobs/sha256/<hex>` or
/// `<hex>.json`), when its name is one.
fn digest_from_member(member: &str) -> Option<Digest> {
    let hex = member
        .strip_prefix("blobs/sha256/")
        .or_else(|| member.strip_suffix(".json"))?;
    Digest::parse(&format!("sha256:{hex}")).ok()
}
