//! What documents say about the scanned image: its kind, names, digests,
//! platform and layers ([`ImageInfo`]), and the one rule that names a layer
//! ([`LayerInfo::id`]).

use serde::Serialize;

use tallyman_oci::Digest;

/// The kinds of source tallyman reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    DockerArchive,
    #[default]
    OciDir,
    OciArchive,
    Dir,
    Registry,
}

impl SourceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::DockerArchive => "docker-archive",
            SourceKind::OciDir => "oci-dir",
            SourceKind::OciArchive => "oci-archive",
            SourceKind::Dir => "dir",
            SourceKind::Registry => "registry",
        }
    }
}

/// What the SBOM says about a layer.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct LayerInfo {
    /// Digest of the blob as stored (compressed), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub digest: Option<Digest>,
    /// Digest of the uncompressed tar, as the image config lists it.
    #[serde(rename = "diffID", skip_serializing_if = "Option::is_none")]
    pub diff_id: Option<Digest>,
    /// Whether the scan checked `diff_id` against the layer's bytes (always
    /// for uncompressed blobs, with `--verify-diff-ids` for the others);
    /// `None` without a diff id.
    #[serde(rename = "diffIDVerified", skip_serializing_if = "Option::is_none")]
    pub diff_id_verified: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub media_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size: Option<u64>,
}

impl LayerInfo {
    /// The layer's identity, wherever it is named (documents, the table,
    /// messages, the layer cache): its diff id, the digest of its
    /// uncompressed content. Unlike the blob digest it does not change when
    /// the layer is compressed differently (a docker-archive, a registry and
    /// an OCI layout name one layer alike), and every image config lists it.
    /// Only a `dir:` source's single layer has none.
    pub fn id(&self) -> Option<&Digest> {
        self.diff_id.as_ref()
    }

    /// What the layer cache keys the layer's contents by: a digest that is
    /// checked against the bytes whenever the layer is read — the blob
    /// digest, else (a docker-archive `layer.tar`) the diff id, which is
    /// then always checked. Not the diff id alone: unchecked, an image could
    /// claim another layer's diff id and be reported with that layer's
    /// cached contents instead of its own.
    pub fn cache_key(&self) -> Option<&Digest> {
        self.digest.as_ref().or(self.diff_id.as_ref())
    }
}

/// What the SBOM says about the scanned image.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ImageInfo {
    pub kind: SourceKind,
    /// The SOURCE argument as given.
    pub input: String,
    /// A name for documents: the tag or reference, else the path.
    pub name: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub manifest_digest: Option<Digest>,
    /// The image id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub config_digest: Option<Digest>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    pub layers: Vec<LayerInfo>,
}

impl ImageInfo {
    /// The digest that identifies the image: its manifest digest, else (a
    /// docker-archive has no manifest) its config digest, the image id.
    pub fn digest(&self) -> Option<&Digest> {
        self.manifest_digest
            .as_ref()
            .or(self.config_digest.as_ref())
    }

    /// How messages and tables name layer `index`: its [`LayerInfo::id`],
    /// else its position (`#0`).
    pub fn layer_name(&self, index: usize) -> String {
        match self.layers.get(index).and_then(LayerInfo::id) {
            Some(id) => id.to_string(),
            None => format!("#{index}"),
        }
    }
}
