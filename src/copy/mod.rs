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
//! signature — stays valid.

pub mod plan;
pub mod transfer;

pub use plan::{plan, Attachment, Plan, Push, Selection};
pub use transfer::{execute, Copied};
