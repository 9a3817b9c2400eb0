//! A scan as one side of a diff: each package with its purl, licenses,
//! record and the layer that brought it.

use crate::Sbom;

use super::{Entry, Layer, Side};

/// The side `input` names, scanned into `sbom`.
pub fn from_scan(input: &str, sbom: &Sbom) -> Side {
    let packages = sbom
        .packages
        .iter()
        .filter(|p| p.deleted_in.is_none())
        .map(|p| {
            let package = &p.package;
            let licenses = package
                .licenses
                .iter()
                .map(|l| l.spdx.clone().unwrap_or_else(|| l.value.clone()))
                .collect();
            Entry::new(
                package.purl.clone(),
                package.kind.as_str(),
                package.name.clone(),
                package.version.clone(),
                licenses,
                package.primary_location().map(|l| l.path.clone()),
                Some(Layer {
                    index: Some(p.layer),
                    diff_id: sbom.layer_id(p.layer).map(ToString::to_string),
                }),
            )
        })
        .collect();
    Side {
        input: input.to_owned(),
        kind: "image".to_owned(),
        name: Some(sbom.source.name.clone()),
        digest: sbom.source.digest().map(ToString::to_string),
        layers: sbom
            .source
            .layers
            .iter()
            .filter_map(|l| l.id().map(ToString::to_string))
            .collect(),
        packages,
        license_refs: Default::default(),
    }
}
