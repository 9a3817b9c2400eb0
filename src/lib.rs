//! tallyman: reads a container image (docker-archive, OCI layout or archive,
//! root filesystem), finds every installed package, and writes an SBOM.
//!
//! The flow is one direction, one pass: [`source`] opens the image and says
//! where each layer's bytes are; [`layer`] reads every layer once as a stream
//! (in parallel), keeping only the files catalogers asked for, and stacks the
//! layers into the view a container sees; [`scan`] runs the catalogers of
//! `tallyman-catalogers` over that view and assembles an [`sbom::Sbom`];
//! [`format`] renders it. The command line in `main.rs` only parses
//! arguments and maps errors to exit codes.

pub mod attached;
pub mod attest;
pub mod blob;
pub mod cache_repo;
pub mod copy;
pub mod diff;
pub mod format;
pub mod layer;
pub mod policy;
pub mod sbom;
pub mod scan;
pub mod source;

/// This build's version, as documents name the tool.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
