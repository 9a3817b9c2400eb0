//! sha1 of every file the reported OS packages own, for SPDX file entries
//! (`--spdx-files`). Package databases record md5 (dpkg) or sha1 of what was
//! installed; SPDX wants the sha1 of what is there, so the owned files are
//! hashed — in one more pass over the layers that keeps only digests.
//!
//! Owned paths are resolved through the image's links first (`/lib/x` is
//! `usr/lib/x` on a merged-/usr system); the visible version of a file is the
//! one in the highest layer that has it and is not hidden by a layer above.

use std::collections::BTreeMap;

use rayon::prelude::*;
use tallyman_catalogers::PackageType;
use tallyman_layer::{LayerContents, Limits, Selection, Squasher};
use tallyman_sbom::ScannedPackage;

use crate::error::Result;
use crate::scan::{read_layer, Silent};
use crate::source::Image;

/// Owned path (as the package database lists it) → hex sha1 of the file in the image.
pub fn owned_file_digests(
    image: &Image,
    layers: &[LayerContents],
    packages: &[ScannedPackage],
    limits: &Limits,
) -> Result<BTreeMap<String, String>> {
    let mut squasher = Squasher::new();
    for (index, layer) in layers.iter().enumerate() {
        squasher.apply(layer, index);
    }
    let view = squasher.view();
    let owned: BTreeMap<&str, String> = packages
        .iter()
        .filter(|p| matches!(p.package.kind, PackageType::Deb | PackageType::Apk))
        .flat_map(|p| p.package.files.iter())
        .filter_map(|f| Some((f.path.as_str(), view.resolve(&f.path)?)))
        .filter(|(_, real)| !real.is_empty())
        .collect();
    if owned.is_empty() {
        return Ok(BTreeMap::new());
    }
    let selection = Selection::digests_of(owned.values())?;
    let hashed: Vec<LayerContents> = (0..image.layer_count())
        .into_par_iter()
        .map(|index| read_layer(image, index, &selection, limits, &Silent))
        .collect::<Result<_>>()?;
    let mut digests = BTreeMap::new();
    for (listed, real) in owned {
        for (index, layer) in hashed.iter().enumerate().rev() {
            if let Some(sha1) = layer.digests.get(&real) {
                digests.insert(listed.to_owned(), sha1.clone());
                break;
            }
            if layers[index].hides(&real) {
                break;
            }
        }
    }
    Ok(digests)
}
