//! [`Sbom`]: everything one scan found, the input of every output format
//! (what it says about the image it came from is in `image.rs`).

use std::collections::BTreeMap;

use serde::Serialize;
use tallyman_catalogers::{Distro, LayerIndex, Package, RelationshipKind};

use crate::image::{ImageInfo, LayerInfo};
use tallyman_oci::Digest;

/// Which packages a scan reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    /// What a container started from the image sees.
    #[default]
    Squashed,
    /// Also packages that a later layer removed, marked with that layer.
    AllLayers,
}

impl Scope {
    pub const NAMES: [&'static str; 2] = ["squashed", "all-layers"];
}

impl std::str::FromStr for Scope {
    type Err = String;

    fn from_str(text: &str) -> Result<Scope, String> {
        match text {
            "squashed" => Ok(Scope::Squashed),
            "all-layers" => Ok(Scope::AllLayers),
            _ => Err(format!(
                "{text:?} is not a scope (one of: {})",
                Scope::NAMES.join(", ")
            )),
        }
    }
}

/// A package with where it stands in the image's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScannedPackage {
    /// Stable across runs: derived from the package's type, name, version,
    /// architecture and the path of its record.
    pub id: String,
    pub package: Package,
    /// The layer that introduced this package (as it is now).
    pub layer: LayerIndex,
    /// For `all-layers`: the layer that removed it.
    pub deleted_in: Option<LayerIndex>,
}

/// A relationship between two packages, by id.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Edge {
    pub from: String,
    pub to: String,
    #[serde(rename = "type")]
    pub kind: RelationshipKind,
}

/// The result of a scan.
#[derive(Debug, Clone)]
pub struct Sbom {
    pub source: ImageInfo,
    pub scope: Scope,
    pub distro: Option<Distro>,
    /// Sorted by type, name, version, architecture, location.
    pub packages: Vec<ScannedPackage>,
    /// Sorted, without duplicates.
    pub relationships: Vec<Edge>,
    /// Problems with the input that did not stop the scan.
    pub warnings: Vec<String>,
    /// When the document was made, in seconds since the epoch (from
    /// `SOURCE_DATE_EPOCH` for reproducible builds).
    pub created: i64,
    /// The person or organisation that asked for the document, as
    /// `--author` gave it (`Name <email>`, `Name (https://…)`): documents
    /// name it beside tallyman as a creator.
    pub author: Option<String>,
    /// With `--spdx-files`: sha1 (hex) of each file OS packages own, by the
    /// path their database lists; files missing from the image are absent.
    pub file_digests: Option<BTreeMap<String, String>>,
    /// Where the layers came from (not part of any document: a cached scan
    /// writes the same bytes as an uncached one).
    pub origins: LayerCounts,
    /// Notes about the scan rather than the image (a cache repository that
    /// could not be used); printed, never in documents.
    pub notes: Vec<String>,
}

/// How many layers a scan read, and how many came from each cache.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LayerCounts {
    pub read: usize,
    /// From the local layer cache.
    pub local: usize,
    /// From the cache repository.
    pub shared: usize,
}

impl Sbom {
    /// The identity of layer `index` ([`LayerInfo::id`]), if it has one.
    pub fn layer_id(&self, index: LayerIndex) -> Option<&Digest> {
        self.source.layers.get(index).and_then(LayerInfo::id)
    }

    /// Whether layer `index`'s identity was checked against its bytes
    /// (`None`: it has none).
    pub fn layer_verified(&self, index: LayerIndex) -> Option<bool> {
        self.source
            .layers
            .get(index)
            .and_then(|layer| layer.diff_id_verified)
    }
}

/// `text` with every character outside `[A-Za-z0-9.-]` replaced by `-`: safe
/// in package ids, SPDXIDs and LicenseRefs alike.
pub fn id_text(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect()
}
