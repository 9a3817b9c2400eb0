//! What a scan found and the documents that say it: the [`Sbom`] model
//! (packages with the layer that brought each, the edges between them, the
//! image they came from), every output [`format`] (table, tallyman json,
//! SPDX 2.2/2.3, CycloneDX 1.3–1.5, and one document for every platform of
//! an index), reading such documents back, and [`diff`]ing two inventories.
//!
//! Formats are pure functions of an [`Sbom`]: the same scan gives the same
//! bytes (the only clock a document reads is [`Sbom::created`]).

pub mod diff;
mod error;
pub mod format;
mod image;
mod model;

pub use error::{Error, Result};
pub use format::platforms::PlatformImages;
pub use format::{CycloneDxVersion, Format, SpdxVersion};
pub use image::{ImageInfo, LayerInfo, SourceKind};
pub use model::{id_text, Edge, LayerCounts, Sbom, ScannedPackage, Scope};

/// This build's version, as documents name the tool (one version for every
/// tallyman crate).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
