//! tallyman's own JSON document: the source and its layers, the distro, every
//! package with its locations, files and ecosystem metadata, the
//! relationships, and the warnings. Nothing is left out, so other formats
//! could be derived from it.

use crate::error::Result;
use serde::Serialize;
use tallyman_catalogers::{Distro, Package};

use crate::{Edge, ImageInfo, Sbom, Scope};
use tallyman_oci::Digest;

/// Bumped when the document's shape changes incompatibly.
const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Document<'a> {
    schema_version: u32,
    tool: Tool,
    source: &'a ImageInfo,
    scope: Scope,
    #[serde(skip_serializing_if = "Option::is_none")]
    distro: Option<&'a Distro>,
    packages: Vec<PackageEntry<'a>>,
    relationships: &'a [Edge],
    warnings: &'a [String],
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PackageEntry<'a> {
    id: &'a str,
    /// Index of the layer that introduced the package.
    layer: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    layer_digest: Option<&'a Digest>,
    #[serde(skip_serializing_if = "Option::is_none")]
    deleted_in_layer: Option<usize>,
    #[serde(flatten)]
    package: &'a Package,
}

pub fn render(sbom: &Sbom) -> Result<Vec<u8>> {
    let document = Document {
        schema_version: SCHEMA_VERSION,
        tool: Tool {
            name: "tallyman",
            version: crate::VERSION,
        },
        source: &sbom.source,
        scope: sbom.scope,
        distro: sbom.distro.as_ref(),
        packages: sbom
            .packages
            .iter()
            .map(|p| PackageEntry {
                id: &p.id,
                layer: p.layer,
                layer_digest: sbom.layer_id(p.layer),
                deleted_in_layer: p.deleted_in,
                package: &p.package,
            })
            .collect(),
        relationships: &sbom.relationships,
        warnings: &sbom.warnings,
    };
    let mut out = serde_json::to_vec_pretty(&document)?;
    out.push(b'\n');
    Ok(out)
}
