//! `tallyman copy`: an image (every platform of an index, or one) copied to
//! another repository or registry with everything attached to it — cosign's
//! `.sig`, `.att` and `.sbom` tags, OCI referrers found through the API or
//! the tag schema, and the attachments of those in turn.
//!
//! [`plan`] walks the source and lists what to copy: the blobs (each once)
//! and the manifests in an order a registry accepts (an index after its
//! children, an attachment after its subject). [`transfer`] carries it out:
//! blobs streamed from source to destination in parallel (mounted when both
//! repositories are in one registry, skipped when the destination has them),
//! then the manifests byte for byte, so every digest — and with it every
//! signature — stays valid. [`copy`] does both.

mod plan;
mod transfer;

use tallyman_oci::registry::{RegistryOptions, Repository};
use tallyman_oci::{fail, ImageReference};

use crate::error::Result;
pub use plan::{plan, Attachment, BlobItem, ManifestItem, Plan, Push, Selection};
pub use transfer::{execute, Copied};

/// Told how a copy goes.
pub trait CopyProgress: Sync {
    /// The plan is made: this many blob bytes are to be moved at most.
    fn planned(&self, _blob_bytes: u64) {}
    /// `n` more blob bytes were moved.
    fn moved(&self, _n: u64) {}
}

/// Reports nothing.
pub struct Quiet;

impl CopyProgress for Quiet {}

/// Plans the copy of `source` to `destination` (pushed under `tag` when
/// the source is a tag; digests are kept) and, unless `dry_run`, carries
/// it out, telling `progress` how it goes. Returns the plan and, when
/// copied, what was done.
pub fn copy(
    source: &ImageReference,
    destination: &ImageReference,
    tag: Option<&str>,
    selection: &Selection<'_>,
    registry: &RegistryOptions,
    dry_run: bool,
    progress: &dyn CopyProgress,
) -> Result<(Plan, Option<Copied>)> {
    if destination.digest.is_some() {
        fail!(
            "{destination}: the destination names a digest; give a repository, or a tag (digests are kept)"
        );
    }
    let from = Repository::connect(source, registry)?;
    let plan = plan(&from, &source.manifest_reference(), tag, selection)?;
    if dry_run {
        return Ok((plan, None));
    }
    progress.planned(plan.blobs.iter().map(|b| b.size).sum());
    let to = Repository::connect(destination, registry)?;
    let copied = execute(&plan, &from, &to, &|n| progress.moved(n))?;
    Ok((plan, Some(copied)))
}
