//! tallyman: reads a container image (a registry image, an OCI layout or
//! archive, a `docker save` tarball, a root filesystem), finds every
//! installed package, writes an SBOM, and carries out the supply-chain
//! workflow around it: attestations and image signatures made, attached,
//! found and verified,
//! images copied with everything attached to them, many images scanned at
//! once, two inventories compared.
//!
//! The flow is one direction, one pass: [`source`] opens the image and
//! hands out its layers; [`scan`] reads every layer once as a stream (in
//! parallel, through [`layer`]), keeping only the files catalogers asked
//! for, stacks the layers into the view a container sees, runs the
//! [`catalogers`] over it and assembles an [`sbom::Sbom`], which
//! [`sbom::Format`] renders. Each command of the `tallyman` binary is one
//! call here:
//!
//! | command | call |
//! |---|---|
//! | `scan` | [`scan::scan_source`] |
//! | `scan-many` | [`scan_many::scan_many`] |
//! | `attest` | [`attestation::attest`] |
//! | `verify-attestation` | [`attestation::verify`] |
//! | `verify-blob` | [`attestation::verify_blob`] |
//! | `sign` | [`signature::sign`] |
//! | `verify` | [`signature::verify`] |
//! | `verify --policy`, `verify-attestation --policy` (a ClusterImagePolicy) | [`cluster_policy::evaluate`] |
//! | `copy` | [`copy::copy`] |
//! | `diff` | [`diff::diff`] |
//! | `sbom download` | [`download::attached_sboms`] |
//! | `provenance download` | [`download::attached_provenance`] |
//!
//! The crates below are re-exported whole: [`oci`] (digests, references,
//! manifests, the registry client), [`layer`] (the streaming layer reader),
//! [`sbom`] (the model and its documents), [`attest`] (keys, envelopes,
//! bundles, verification, policies) and [`catalogers`].

pub mod attestation;
pub mod cache_repo;
pub mod cluster_policy;
pub mod copy;
pub mod diff;
pub mod download;
mod error;
pub mod scan;
pub mod scan_many;
pub mod signature;
pub mod source;

pub use error::{Error, Result};
pub use tallyman_attest as attest;
pub use tallyman_catalogers as catalogers;
pub use tallyman_layer as layer;
pub use tallyman_oci as oci;
pub use tallyman_sbom as sbom;

/// This build's version, as documents name the tool.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
