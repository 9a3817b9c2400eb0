//! Output formats: pure functions from an [`Sbom`] to bytes, named as syft
//! names them (`spdx-json@2.3`). Every format is deterministic: the same
//! scan gives the same bytes (the only clock a document reads is
//! [`Sbom::created`], which the command line takes from
//! `SOURCE_DATE_EPOCH` when it is set).

mod cyclonedx;
mod cyclonedx_next;
mod elements;
mod image_identity;
mod json;
mod license_refs;
pub mod platforms;
mod spdx;
mod spdx3;
mod table;
pub(crate) use table::columns;

use std::fmt;

use crate::error::Result;
use tallyman_oci::fail;

use crate::Sbom;
pub use cyclonedx::CycloneDxVersion;
pub use spdx::SpdxVersion;

/// The formats tallyman writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Aligned columns for people.
    Table,
    /// tallyman's own complete document.
    Json,
    /// SPDX JSON (2.3 by default).
    SpdxJson(SpdxVersion),
    /// SPDX 3.0.1 JSON-LD.
    Spdx3Json,
    /// CycloneDX JSON (1.6 by default).
    CycloneDxJson(CycloneDxVersion),
}

impl Format {
    pub const NAMES: &'static [&'static str] = &[
        "table",
        "json",
        "spdx-json",
        "spdx-json@2.3",
        "spdx-json@2.2",
        "spdx-json@3.0",
        "cyclonedx-json",
        "cyclonedx-json@1.7",
        "cyclonedx-json@1.6",
        "cyclonedx-json@1.5",
        "cyclonedx-json@1.4",
        "cyclonedx-json@1.3",
    ];

    /// `NAME` or `NAME@VERSION`, the way syft spells them.
    pub fn parse(name: &str) -> Result<Format> {
        Ok(match name {
            "table" => Format::Table,
            "json" => Format::Json,
            "spdx-json" | "spdx-json@2.3" => Format::SpdxJson(SpdxVersion::V2_3),
            "spdx-json@2.2" => Format::SpdxJson(SpdxVersion::V2_2),
            "spdx-json@3.0" | "spdx-json@3.0.1" => Format::Spdx3Json,
            "cyclonedx-json" | "cyclonedx-json@1.6" => {
                Format::CycloneDxJson(CycloneDxVersion::V1_6)
            }
            "cyclonedx-json@1.7" => Format::CycloneDxJson(CycloneDxVersion::V1_7),
            "cyclonedx-json@1.5" => Format::CycloneDxJson(CycloneDxVersion::V1_5),
            "cyclonedx-json@1.4" => Format::CycloneDxJson(CycloneDxVersion::V1_4),
            "cyclonedx-json@1.3" => Format::CycloneDxJson(CycloneDxVersion::V1_3),
            other => fail!(
                "unknown output format {other:?} (known: {})",
                Format::NAMES.join(", ")
            ),
        })
    }

    /// The file name extension of a document in this format
    /// (`scan -o FORMAT=DIR/`, `scan-many`).
    pub fn file_extension(self) -> &'static str {
        match self {
            Format::Table => "txt",
            Format::Json => "json",
            Format::SpdxJson(_) | Format::Spdx3Json => "spdx.json",
            Format::CycloneDxJson(_) => "cdx.json",
        }
    }

    /// Renders `sbom`; `width` is the terminal's width when writing to one.
    pub fn render(self, sbom: &Sbom, width: Option<usize>) -> Result<Vec<u8>> {
        match self {
            Format::Table => Ok(table::render(sbom, width).into_bytes()),
            Format::Json => json::render(sbom),
            Format::SpdxJson(version) => spdx::render(sbom, version),
            Format::Spdx3Json => spdx3::render(sbom),
            Format::CycloneDxJson(version) => cyclonedx::render(sbom, version),
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Format::Table => f.write_str("table"),
            Format::Json => f.write_str("json"),
            Format::SpdxJson(v) => write!(f, "spdx-json@{}", v.as_str()),
            Format::Spdx3Json => f.write_str("spdx-json@3.0"),
            Format::CycloneDxJson(v) => write!(f, "cyclonedx-json@{}", v.as_str()),
        }
    }
}

/// A document timestamp from seconds since the epoch.
fn timestamp(seconds: i64) -> Result<chrono::DateTime<chrono::Utc>> {
    match chrono::DateTime::from_timestamp(seconds, 0) {
        Some(time) => Ok(time),
        None => fail!("{seconds} is not a representable timestamp"),
    }
}
