//! The OCI side of tallyman: the [`Digest`] that names every blob, image
//! [`Platform`]s, [`ImageReference`]s by Docker's rules, the media types and
//! index helpers shared by layouts and registries ([`manifest`]), and a
//! client of the OCI distribution API ([`registry`]: pull, push, mounts,
//! referrers, tag and catalog listings, credentials from the auth files).
//!
//! It also holds [`atomic_file`], the one way every tallyman crate writes a
//! file (whole or not at all), as the crate every writer depends on.
//!
//! Nothing here reads a layer's contents or knows about SBOMs; errors name
//! the registry, reference or digest they are about and never a
//! command-line flag.

pub mod atomic_file;
mod digest;
pub mod error;
pub mod manifest;
mod platform;
mod reference;
pub mod registry;

pub use digest::{Algorithm, Compression, Digest, DigestError, Hasher, Mismatch};
pub use error::{report, Error, Result};
pub use platform::Platform;
pub use reference::ImageReference;

/// This build's version, as the user agent names the tool.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
