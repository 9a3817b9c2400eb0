//! OCI image layouts (`oci-dir:` on disk, `oci-archive:` as a tar file): pick
//! the image (by tag, then by platform through nested indexes), verify each
//! JSON blob against its descriptor, and list the layers.

use oci_spec::image::{Descriptor, ImageIndex};
use tallyman_oci::manifest::{
    described_platforms, descriptor_digest, pick_platform, IndexSummary, INDEX_TYPES,
};
use tallyman_oci::{fail, Digest, Platform};

use crate::error::{Context, Result};
use crate::source::blob_store::BlobStore;
use crate::source::manifest::{image_from_descriptor, read_verified, Resolved};

const REF_NAME: &str = "org.opencontainers.image.ref.name";

/// Picks and reads one image of the layout in `store`.
/// `what` names the layout in messages (its path).
pub fn resolve(
    store: &dyn BlobStore,
    what: &str,
    tag: Option<&str>,
    platform: Option<&Platform>,
) -> Result<Resolved> {
    let index = top_index(store, what)?;

    let (candidates, chosen_tag) = tagged(&index, what, tag)?;
    let mut descriptor = pick_platform(&candidates, platform, what)?.clone();

    // Follow nested indexes (a tag pointing at a multi-platform index).
    for _ in 0..4 {
        let media_type = descriptor.media_type().to_string();
        if !INDEX_TYPES.contains(&media_type.as_str()) {
            break;
        }
        let (_, nested) = nested_index(store, &descriptor, what)?;
        let options: Vec<&Descriptor> = nested.manifests().iter().collect();
        descriptor = pick_platform(&options, platform, what)?.clone();
    }
    let mut resolved = image_from_descriptor(store, &descriptor, what)?;
    resolved.info.name = match &chosen_tag {
        Some(tag) => format!("{what}:{tag}"),
        None => what.to_owned(),
    };
    resolved.info.tags = chosen_tag.into_iter().collect();
    Ok(resolved)
}

/// The platforms of the index the layout's (tagged) entry is: a nested
/// index's, or the top-level entries' own when they name platforms; `None`
/// for a single image.
pub fn index_of(
    store: &dyn BlobStore,
    what: &str,
    tag: Option<&str>,
) -> Result<Option<IndexSummary>> {
    let index = top_index(store, what)?;
    let (candidates, _) = tagged(&index, what, tag)?;
    if let [only] = candidates.as_slice() {
        if !INDEX_TYPES.contains(&only.media_type().to_string().as_str()) {
            return Ok(None);
        }
        let (digest, nested) = nested_index(store, only, what)?;
        let entries: Vec<&Descriptor> = nested.manifests().iter().collect();
        return Ok(Some(IndexSummary {
            digest: Some(digest),
            platforms: described_platforms(&entries),
        }));
    }
    let platforms = described_platforms(&candidates);
    Ok((!platforms.is_empty()).then_some(IndexSummary {
        digest: None,
        platforms,
    }))
}

/// The index blob a descriptor names, checked against its digest.
fn nested_index(
    store: &dyn BlobStore,
    descriptor: &Descriptor,
    what: &str,
) -> Result<(Digest, ImageIndex)> {
    let digest = descriptor_digest(descriptor, what, "an index's manifests[].digest")?;
    let bytes = read_verified(store, &digest, what)?;
    let index = serde_json::from_slice(&bytes)
        .with_context(|| format!("{what}: index {digest} is not a valid OCI index"))?;
    Ok((digest, index))
}

fn top_index(store: &dyn BlobStore, what: &str) -> Result<ImageIndex> {
    if !store.contains("oci-layout") {
        fail!("{what}: not an OCI image layout (no oci-layout file)");
    }
    let index_bytes = store
        .read_small("index.json")
        .with_context(|| format!("{what}: index.json"))?;
    serde_json::from_slice(&index_bytes)
        .with_context(|| format!("{what}: index.json is not a valid OCI index"))
}

/// The entries of `index.json` for `tag` (all, when no tag is given and
/// the layout holds one image), and the tag that names them.
fn tagged<'a>(
    index: &'a ImageIndex,
    what: &str,
    tag: Option<&str>,
) -> Result<(Vec<&'a Descriptor>, Option<String>)> {
    let mut candidates: Vec<&Descriptor> = index.manifests().iter().collect();
    let tags: Vec<String> = candidates.iter().filter_map(|d| ref_name(d)).collect();
    if let Some(tag) = tag {
        candidates.retain(|d| ref_name(d).as_deref() == Some(tag));
        if candidates.is_empty() {
            fail!("{what}: no image tagged {tag:?} (tags: {})", list(&tags));
        }
    } else {
        let mut distinct = tags.clone();
        distinct.sort();
        distinct.dedup();
        if distinct.len() > 1 {
            fail!(
                "{what}: holds several images; pick one with {what}:TAG (tags: {})",
                list(&distinct)
            );
        }
    }
    let chosen_tag = tag.map(str::to_owned).or_else(|| tags.first().cloned());
    Ok((candidates, chosen_tag))
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
