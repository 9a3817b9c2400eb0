//! What a copy must move: walks the source image's manifests (following an
//! index to its children, or to one platform's image) and, for every
//! manifest met, its attachments: the cosign tags `sha256-<hex>.sig`,
//! `.att` and `.sbom` and its referrers, recursively.

use std::collections::HashSet;

use crate::error::{Context, Result};
use serde::Deserialize;
use tallyman_oci::fail;

use tallyman_oci::manifest::{pick_from_index, INDEX_TYPES, SCHEMA1_TYPES};
use tallyman_oci::registry::{referrers, Manifest, Repository};
use tallyman_oci::Digest;
use tallyman_oci::Platform;

/// A kind of attachment `--only` may choose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Attachment {
    /// cosign signatures (`sha256-<hex>.sig`).
    Sig,
    /// cosign 2 attestations (`sha256-<hex>.att`).
    Att,
    /// cosign-attached SBOMs (`sha256-<hex>.sbom`).
    Sbom,
    /// OCI 1.1 referrers (cosign 3 bundles, SBOMs, …).
    Referrers,
}

impl Attachment {
    pub const ALL: [Attachment; 4] = [
        Attachment::Sig,
        Attachment::Att,
        Attachment::Sbom,
        Attachment::Referrers,
    ];

    /// `sig`, `att`, `sbom` or `referrers`.
    pub fn parse(text: &str) -> Result<Attachment> {
        Ok(match text {
            "sig" => Attachment::Sig,
            "att" => Attachment::Att,
            "sbom" => Attachment::Sbom,
            "referrers" => Attachment::Referrers,
            other => fail!("{other:?} is not an attachment kind (sig, att, sbom, referrers)"),
        })
    }

    fn tag_suffix(self) -> Option<&'static str> {
        match self {
            Attachment::Sig => Some("sig"),
            Attachment::Att => Some("att"),
            Attachment::Sbom => Some("sbom"),
            Attachment::Referrers => None,
        }
    }
}

/// How a manifest is pushed to the destination.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Push {
    /// Under this tag.
    Tag(String),
    /// By its digest only (a child of an index).
    Digest,
    /// By its digest, listed as a referrer of `subject`.
    Referrer(Digest),
}

/// A manifest to push.
#[derive(Debug, Clone)]
pub struct ManifestItem {
    pub manifest: Manifest,
    pub push: Push,
    /// What it is, for messages ("index", "linux/arm64 image", "signature of sha256:…").
    pub what: String,
}

/// A blob to copy.
#[derive(Debug, Clone)]
pub struct BlobItem {
    pub digest: Digest,
    pub size: u64,
    /// The first manifest that needs it, for messages.
    pub what: String,
}

/// Everything to copy, in push order.
#[derive(Debug, Default)]
pub struct Plan {
    pub blobs: Vec<BlobItem>,
    pub manifests: Vec<ManifestItem>,
}

#[derive(Deserialize)]
struct Descriptor {
    #[serde(rename = "mediaType", default)]
    media_type: String,
    digest: String,
    #[serde(default)]
    size: u64,
    #[serde(default)]
    platform: Option<DescriptorPlatform>,
}

#[derive(Deserialize)]
struct DescriptorPlatform {
    #[serde(default)]
    os: String,
    #[serde(default)]
    architecture: String,
    #[serde(default)]
    variant: Option<String>,
}

#[derive(Deserialize)]
struct Document {
    #[serde(default)]
    manifests: Vec<Descriptor>,
    config: Option<Descriptor>,
    #[serde(default)]
    layers: Vec<Descriptor>,
}

struct Walker<'a> {
    source: &'a Repository,
    only: &'a [Attachment],
    plan: Plan,
    blobs: HashSet<Digest>,
    /// (digest, push) pairs already planned.
    planned: HashSet<(Digest, Push)>,
    /// Manifests whose children, blobs and attachments are planned.
    walked: HashSet<Digest>,
}

/// What to copy.
pub struct Selection<'a> {
    /// Only this platform's image of an index.
    pub platform: Option<&'a Platform>,
    /// The attachments to copy.
    pub attachments: &'a [Attachment],
    /// Whether to copy the image itself (cosign's `--only` copies only
    /// the attachments).
    pub with_image: bool,
}

/// Plans the copy of `reference` (a tag or digest of `source`), pushed
/// under `tag` at the destination (by digest when `None`).
pub fn plan(
    source: &Repository,
    reference: &str,
    tag: Option<&str>,
    selection: &Selection<'_>,
) -> Result<Plan> {
    let platform = selection.platform;
    let mut walker = Walker {
        source,
        only: selection.attachments,
        plan: Plan::default(),
        blobs: HashSet::new(),
        planned: HashSet::new(),
        walked: HashSet::new(),
    };
    let mut top = fetch(source, reference)?;
    let mut what = "image".to_owned();
    if let Some(platform) = platform {
        if INDEX_TYPES.contains(&top.media_type.as_str()) {
            let chosen = pick_from_index(&top.bytes, Some(platform), source.name())?;
            top = fetch(source, chosen.digest().as_ref())?;
            what = format!("{platform} image");
        }
    }
    let push = tag.map_or(Push::Digest, |t| Push::Tag(t.to_owned()));
    walker.walk(top, push, what, selection.with_image)?;
    Ok(walker.plan)
}

/// A manifest by tag or digest; one fetched by digest must have it.
fn fetch(source: &Repository, reference: &str) -> Result<Manifest> {
    let manifest = match Digest::parse(reference) {
        Ok(digest) => source.manifest_by_digest(&digest)?,
        Err(_) => source.require_manifest(reference)?,
    };
    if SCHEMA1_TYPES.contains(&manifest.media_type.as_str()) {
        fail!(
            "{}: manifest {reference} is Docker schema 1, which tallyman does not copy",
            source.name()
        );
    }
    Ok(manifest)
}

impl Walker<'_> {
    /// Plans `manifest`, its children and blobs (when `copied`), and its
    /// attachments (always copied).
    fn walk(&mut self, manifest: Manifest, push: Push, what: String, copied: bool) -> Result<()> {
        let key = (manifest.digest.clone(), push.clone());
        if !self.planned.insert(key) {
            return Ok(());
        }
        let first_visit = self.walked.insert(manifest.digest.clone());
        let document: Document = serde_json::from_slice(&manifest.bytes).with_context(|| {
            format!(
                "{}: {what} {} is not a manifest",
                self.source.name(),
                manifest.digest
            )
        })?;
        if first_visit {
            for child in &document.manifests {
                let child_what = match &child.platform {
                    Some(p) => format!(
                        "{} image",
                        Platform::new(&p.os, &p.architecture, p.variant.clone())
                    ),
                    None => format!("{} of {what}", child.media_type),
                };
                let digest = parse_digest(&child.digest, &what)?;
                let fetched = fetch(self.source, &digest.to_string())?;
                self.walk(fetched, Push::Digest, child_what, copied)?;
            }
            let blobs = document.config.iter().chain(&document.layers);
            for blob in blobs.filter(|_| copied) {
                let digest = parse_digest(&blob.digest, &what)?;
                if self.blobs.insert(digest.clone()) {
                    self.plan.blobs.push(BlobItem {
                        digest,
                        size: blob.size,
                        what: what.clone(),
                    });
                }
            }
        }
        let digest = manifest.digest.clone();
        if copied {
            self.plan.manifests.push(ManifestItem {
                manifest,
                push,
                what: what.clone(),
            });
        }
        if first_visit {
            self.attachments(&digest, &what)?;
        }
        Ok(())
    }

    fn attachments(&mut self, digest: &Digest, what: &str) -> Result<()> {
        for kind in self.only.iter().copied() {
            if let Some(suffix) = kind.tag_suffix() {
                let tag = format!("{}.{suffix}", referrers::fallback_tag(digest));
                if let Some(found) = self.source.fetch_manifest(&tag)? {
                    self.walk(found, Push::Tag(tag), format!("{suffix} of {what}"), true)?;
                }
            } else {
                let (entries, _) = referrers::list(self.source, digest)?;
                for entry in entries {
                    let referrer = fetch(self.source, &entry.digest.to_string())?;
                    let kind = entry.artifact_type.as_deref().unwrap_or("artifact");
                    self.walk(
                        referrer,
                        Push::Referrer(digest.clone()),
                        format!("referrer ({kind}) of {what}"),
                        true,
                    )?;
                }
            }
        }
        Ok(())
    }
}

fn parse_digest(text: &str, what: &str) -> Result<Digest> {
    Digest::parse(text).with_context(|| format!("{what}: a descriptor's digest"))
}
