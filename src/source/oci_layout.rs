//! OCI image layouts (`oci-dir:` on disk, `oci-archive:` as a tar file): pick
//! the image (by tag, then by platform through nested indexes), verify each
//! JSON blob against its descriptor, and list the layers.

use anyhow::{bail, Context, Result};
use oci_spec::image::{Descriptor, ImageConfiguration, ImageIndex, ImageManifest};
use sha2::{Digest, Sha256};

use crate::layer::BlobCheck;
use crate::source::blob_store::BlobStore;
use crate::source::platform::Platform;
use crate::source::{ImageInfo, LayerInfo, LayerRef};

const REF_NAME: &str = "org.opencontainers.image.ref.name";
const INDEX_TYPES: &[&str] = &[
    "application/vnd.oci.image.index.v1+json",
    "application/vnd.docker.distribution.manifest.list.v2+json",
];
const SCHEMA1_TYPES: &[&str] = &[
    "application/vnd.docker.distribution.manifest.v1+json",
    "application/vnd.docker.distribution.manifest.v1+prettyjws",
];

/// The chosen image of a layout: what the SBOM says of it and its layers.
pub struct Resolved {
    pub info: ImageInfo,
    pub layers: Vec<LayerRef>,
}

/// Picks and reads one image of the layout in `store`.
/// `what` names the layout in messages (its path).
pub fn resolve(
    store: &dyn BlobStore,
    what: &str,
    tag: Option<&str>,
    platform: Option<&Platform>,
) -> Result<Resolved> {
    if !store.contains("oci-layout") {
        bail!("{what}: not an OCI image layout (no oci-layout file)");
    }
    let index_bytes = store
        .read_small("index.json")
        .with_context(|| format!("{what}: index.json"))?;
    let index: ImageIndex = serde_json::from_slice(&index_bytes)
        .with_context(|| format!("{what}: index.json is not a valid OCI index"))?;

    let mut candidates: Vec<&Descriptor> = index.manifests().iter().collect();
    let tags: Vec<String> = candidates.iter().filter_map(|d| ref_name(d)).collect();
    if let Some(tag) = tag {
        candidates.retain(|d| ref_name(d).as_deref() == Some(tag));
        if candidates.is_empty() {
            bail!("{what}: no image tagged {tag:?} (tags: {})", list(&tags));
        }
    } else {
        let mut distinct = tags.clone();
        distinct.sort();
        distinct.dedup();
        if distinct.len() > 1 {
            bail!(
                "{what}: holds several images; pick one with {what}:TAG (tags: {})",
                list(&distinct)
            );
        }
    }
    let chosen_tag = tag.map(str::to_owned).or_else(|| tags.first().cloned());
    let mut descriptor = pick_platform(&candidates, platform, what)?.clone();

    // Follow nested indexes (a tag pointing at a multi-platform index).
    for _ in 0..4 {
        let media_type = descriptor.media_type().to_string();
        if !INDEX_TYPES.contains(&media_type.as_str()) {
            break;
        }
        let bytes = read_verified(store, &descriptor, what)?;
        let nested: ImageIndex = serde_json::from_slice(&bytes).with_context(|| {
            format!(
                "{what}: index {} is not a valid OCI index",
                descriptor.digest()
            )
        })?;
        let options: Vec<&Descriptor> = nested.manifests().iter().collect();
        descriptor = pick_platform(&options, platform, what)?.clone();
    }
    let media_type = descriptor.media_type().to_string();
    if SCHEMA1_TYPES.contains(&media_type.as_str()) {
        bail!(
            "{what}: Docker schema 1 manifests are not supported ({})",
            descriptor.digest()
        );
    }
    let manifest_bytes = read_verified(store, &descriptor, what)?;
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
            member: blob_path(&digest, what)?,
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
            name: match &chosen_tag {
                Some(tag) => format!("{what}:{tag}"),
                None => what.to_owned(),
            },
            tags: chosen_tag.into_iter().collect(),
            manifest_digest: Some(descriptor.digest().to_string()),
            config_digest: Some(manifest.config().digest().to_string()),
            platform: Some(platform_text),
            layers: layers.iter().map(|l| l.info.clone()).collect(),
            ..ImageInfo::default()
        },
        layers,
    })
}

fn ref_name(descriptor: &Descriptor) -> Option<String> {
    descriptor.annotations().as_ref()?.get(REF_NAME).cloned()
}

fn list(items: &[String]) -> String {
    if items.is_empty() {
        "none".to_owned()
    } else {
        items.join(", ")
    }
}

/// The one descriptor to use: the only one, or the one for the platform.
fn pick_platform<'a>(
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
        let p = d.platform().as_ref().expect("filtered on platform");
        wanted.matches(
            &p.os().to_string(),
            &p.architecture().to_string(),
            p.variant().as_deref(),
        )
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
                list(&available)
            )
        }
    }
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
fn read_verified(store: &dyn BlobStore, descriptor: &Descriptor, what: &str) -> Result<Vec<u8>> {
    let digest = descriptor.digest().to_string();
    let path = blob_path(&digest, what)?;
    if !store.contains(&path) {
        bail!("{what}: blob {digest} is missing");
    }
    let bytes = store
        .read_small(&path)
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
