//! Image manifests, configs and indexes, wherever they come from (an OCI
//! layout, an archive, a registry): their media types, their digests parsed
//! where they are read, the diff ids and platform of a config, and the
//! choice of one platform's image from an index.

use oci_spec::image::{Descriptor, ImageConfiguration, ImageIndex};

use crate::digest::Digest;
use crate::error::{Context, Error, Result};
use crate::fail;
use crate::platform::Platform;

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
/// The media type of an OCI image index.
pub const OCI_INDEX: &str = "application/vnd.oci.image.index.v1+json";

/// Largest manifest, index or config JSON read into memory.
pub const MAX_JSON_SIZE: u64 = 16 << 20;

/// Every manifest media type a registry may hold for an image or artifact.
pub fn manifest_accept() -> Vec<&'static str> {
    MANIFEST_TYPES
        .iter()
        .chain(INDEX_TYPES)
        .chain(SCHEMA1_TYPES)
        .copied()
        .collect()
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

/// The image manifests of an index that name a platform (not `unknown`),
/// each with its digest, in the index's order.
pub fn platform_manifests(index_bytes: &[u8], what: &str) -> Result<Vec<(Platform, Digest)>> {
    let index: ImageIndex = serde_json::from_slice(index_bytes)
        .with_context(|| format!("{what}: not a valid OCI index or manifest list"))?;
    let mut out = Vec::new();
    for descriptor in index.manifests() {
        if let [platform] = described_platforms(&[descriptor]).as_slice() {
            let digest = descriptor_digest(descriptor, what, "an index entry's digest")?;
            out.push((platform.clone(), digest));
        }
    }
    Ok(out)
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
        ([], _) => fail!("{what}: the index lists no images"),
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
    found.ok_or_else(|| Error::NoPlatform {
        what: what.to_owned(),
        wanted: wanted.to_string(),
        available: described_platforms(&described)
            .iter()
            .map(ToString::to_string)
            .collect(),
    })
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
