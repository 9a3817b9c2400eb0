//! Second passes over layers for files the first pass could not know it wanted.
//!
//! Patterns are matched against the paths stored in the layer tars, so a
//! database behind a link (`var/lib/dpkg -> /opt/dpkg`) is missed by the first
//! pass, and a wanted hard link whose target did not match a pattern has no
//! bytes. After the first pass all links are known: each pattern whose literal
//! directory goes through a link is rewritten to the link's real target, each
//! unresolved hard link's target becomes an exact path, and only then are
//! layers read again, with just those patterns. Rounds repeat (links to links)
//! up to [`MAX_ROUNDS`]; images without such links are read exactly once.

use std::collections::{BTreeSet, HashSet};

use rayon::prelude::*;
use tallyman_catalogers::ImageFiles;
use tallyman_layer::{escape, literal_prefix, Item, LayerContents, Limits, Selection};

use crate::error::Result;
use crate::scan::{read_layer, Silent};
use crate::source::Image;

const MAX_ROUNDS: usize = 4;

/// Reads layers again for files behind links, merging them into `layers`.
pub fn fetch_linked_files(
    image: &Image,
    layers: &mut [LayerContents],
    patterns: &BTreeSet<String>,
    limits: &Limits,
) -> Result<()> {
    let mut known = patterns.clone();
    let mut tried_targets: HashSet<(usize, String)> = HashSet::new();
    for _ in 0..MAX_ROUNDS {
        let rewritten: BTreeSet<String> = patterns_through_links(layers, &known)
            .into_iter()
            .filter(|p| !known.contains(p))
            .collect();
        known.extend(rewritten.iter().cloned());
        let mut per_layer: Vec<Vec<String>> = Vec::with_capacity(layers.len());
        for (index, layer) in layers.iter().enumerate() {
            let mut wanted: Vec<String> = rewritten.iter().cloned().collect();
            for (_, target) in layer.unresolved_hardlinks() {
                if tried_targets.insert((index, target.to_owned())) {
                    wanted.push(escape(target));
                }
            }
            per_layer.push(wanted);
        }
        if per_layer.iter().all(Vec::is_empty) {
            break;
        }
        let extra: Vec<Option<LayerContents>> = per_layer
            .par_iter()
            .enumerate()
            .map(|(index, wanted)| {
                if wanted.is_empty() {
                    return Ok(None);
                }
                let selection = Selection::new(wanted)?;
                read_layer(image, index, &selection, limits, &Silent).map(Some)
            })
            .collect::<Result<_>>()?;
        for (layer, extra) in layers.iter_mut().zip(extra) {
            if let Some(extra) = extra {
                layer.merge_files(extra);
            }
        }
    }
    Ok(())
}

/// Each pattern whose literal directory part passes through a symlink,
/// rewritten to where the link leads (later layers' links win).
fn patterns_through_links(layers: &[LayerContents], patterns: &BTreeSet<String>) -> Vec<String> {
    let mut links = ImageFiles::new();
    for layer in layers {
        for (path, item) in &layer.items {
            if let Item::Symlink(target) = item {
                links.insert_symlink(path, target);
            }
        }
    }
    if links.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for pattern in patterns {
        let prefix = literal_prefix(pattern);
        let parts: Vec<&str> = pattern.split('/').collect();
        for depth in 1..=prefix.len() {
            let dir = prefix[..depth].join("/");
            if !links.is_symlink(&dir) {
                continue;
            }
            if let Some(real) = links.resolve(&dir) {
                let rest = parts[depth..].join("/");
                let rewritten = match (real.is_empty(), rest.is_empty()) {
                    (true, _) => rest,
                    (false, true) => escape(&real),
                    (false, false) => format!("{}/{rest}", escape(&real)),
                };
                if !rewritten.is_empty() {
                    out.push(rewritten);
                }
            }
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_are_rewritten_through_directory_links() {
        let mut layer = LayerContents::default();
        layer.add_symlink("var/lib/dpkg", "../../opt/db");
        layer.add_symlink("etc/os-release", "../usr/lib/os-release");
        layer.finish("test");
        let patterns: BTreeSet<String> = [
            "var/lib/dpkg/status.d/*",
            "etc/os-release",
            "usr/lib/os-release",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let mut got = patterns_through_links(&[layer], &patterns);
        got.sort();
        assert_eq!(got, ["opt/db/status.d/*", "usr/lib/os-release"]);
    }
}
