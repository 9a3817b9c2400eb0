//! The image's history as catalogers see it: the view after each layer that
//! changed it is catalogued, so each package records the layer that
//! introduced it (the first layer of its unbroken presence up to the top) and,
//! for the `all-layers` scope, packages a later layer removed are reported
//! with the layer that removed them.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use crate::error::Result;
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use tallyman_catalogers::{
    sniff, Catalog, Cataloger, Distro, Environment, ImageFiles, LayerIndex, Package,
    DISTRO_PATTERNS,
};

use tallyman_layer::{LayerContents, Selection, Squasher};
use tallyman_sbom::{id_text, Edge, ScannedPackage, Scope};

/// What the catalogers found in the view after one layer.
pub struct Snapshot {
    pub layer: LayerIndex,
    pub distro: Option<Distro>,
    /// One catalog per cataloger, in cataloger order (shared with the
    /// previous snapshot where the layer changed nothing the cataloger reads).
    pub catalogs: Vec<Arc<Catalog>>,
}

/// Identifies "the same package" across snapshots.
type Key = (usize, String);

fn key(cataloger: usize, p: &Package) -> Key {
    let path = p
        .primary_location()
        .map(|l| l.path.as_str())
        .unwrap_or_default();
    (
        cataloger,
        format!(
            "{}\u{0}{}\u{0}{}\u{0}{}\u{0}{}",
            p.kind.as_str(),
            p.name,
            p.version,
            p.arch.as_deref().unwrap_or_default(),
            path
        ),
    )
}

/// Catalogs the view after every layer that changed it (at least the final
/// one) — each cataloger only where the layer changed a file it reads (or
/// os-release, or an executable it sniffs). Catalogers with a record per package (npm) run on the final
/// view alone for the squashed scope: their records carry their layers.
/// Returns the snapshots and the final view's links (to resolve paths
/// with, without holding its files).
pub fn catalog_each_layer(
    layers: &[LayerContents],
    catalogers: &[Box<dyn Cataloger>],
    include_dev: bool,
    scope: Scope,
) -> Result<(Vec<Snapshot>, ImageFiles)> {
    let mut squasher = Squasher::new();
    let mut views = Vec::new();
    for (index, layer) in layers.iter().enumerate() {
        let changed = squasher.apply(layer, index);
        if !changed.is_empty() {
            views.push((index, squasher.view().clone(), changed));
        }
    }
    if views.is_empty() {
        views.push((
            layers.len().saturating_sub(1),
            squasher.view().clone(),
            Vec::new(),
        ));
    }
    let selections: Vec<Selection> = catalogers
        .iter()
        .map(|c| Selection::new(c.patterns().iter().chain(DISTRO_PATTERNS)))
        .collect::<tallyman_layer::Result<_>>()?;
    let last = views.len() - 1;
    // A window sniffed out of an executable that the view gained, replaced
    // or lost (no pattern names it).
    let sniffed = |v: usize, c: usize, path: &str| {
        let holds = |view: &ImageFiles| {
            view.read(path).is_some_and(|file| {
                sniff::windows(file.content).any(|window| {
                    catalogers[c]
                        .sniffs()
                        .iter()
                        .any(|sniff| window.starts_with(sniff.magic))
                })
            })
        };
        !catalogers[c].sniffs().is_empty()
            && (holds(&views[v].1) || (v > 0 && holds(&views[v - 1].1)))
    };
    let mut jobs = Vec::new();
    for (v, (_, _, changed)) in views.iter().enumerate() {
        for (c, cataloger) in catalogers.iter().enumerate() {
            let final_only = scope == Scope::Squashed && cataloger.one_record_per_package();
            // Asked only where it decides: not for the last view (always
            // catalogued) nor for views a cataloger never reads.
            let touched = || {
                changed
                    .iter()
                    .any(|path| selections[c].matches(path) || sniffed(v, c, path))
            };
            if v == last || (!final_only && touched()) {
                jobs.push((v, c));
            }
        }
    }
    let distros: Vec<Option<Distro>> = views
        .par_iter()
        .map(|(_, view, _)| Distro::detect(view))
        .collect();
    let done: Vec<((usize, usize), Arc<Catalog>)> = jobs
        .into_par_iter()
        .map(|(v, c)| {
            let env = Environment {
                distro: distros[v].clone(),
                include_dev,
                // Earlier views only say which packages were there (unless
                // their packages may be reported, for all-layers).
                without_owned_files: v != last && scope == Scope::Squashed,
            };
            ((v, c), Arc::new(catalogers[c].catalog(&views[v].1, &env)))
        })
        .collect();
    let done: HashMap<(usize, usize), Arc<Catalog>> = done.into_iter().collect();
    let mut snapshots: Vec<Snapshot> = Vec::with_capacity(views.len());
    for (v, (layer, _, _)) in views.iter().enumerate() {
        let catalogs = (0..catalogers.len())
            .map(|c| match done.get(&(v, c)) {
                Some(catalog) => catalog.clone(),
                None => snapshots
                    .last()
                    .map(|previous| previous.catalogs[c].clone())
                    .unwrap_or_default(),
            })
            .collect();
        snapshots.push(Snapshot {
            layer: *layer,
            distro: distros[v].clone(),
            catalogs,
        });
    }
    let links = views
        .pop()
        .map(|(_, view, _)| view.links_only())
        .unwrap_or_default();
    Ok((snapshots, links))
}

/// The packages, edges and warnings of a scan.
pub struct Assembled {
    pub distro: Option<Distro>,
    pub packages: Vec<ScannedPackage>,
    pub relationships: Vec<Edge>,
    pub warnings: Vec<String>,
}

/// Combines the snapshots into the reported packages and their edges.
pub fn assemble(snapshots: &[Snapshot], scope: Scope, record_layers: &[bool]) -> Assembled {
    let last = snapshots.len() - 1;
    let presence: Vec<BTreeSet<Key>> = snapshots
        .iter()
        .map(|s| {
            s.catalogs
                .iter()
                .enumerate()
                .flat_map(|(c, catalog)| catalog.packages.iter().map(move |p| key(c, p)))
                .collect()
        })
        .collect();
    // The first snapshot of the unbroken run of presence ending at `end`.
    let run_start = |k: &Key, end: usize| {
        let mut start = end;
        while start > 0 && presence[start - 1].contains(k) {
            start -= 1;
        }
        start
    };

    // Which (snapshot, cataloger, package) to report: everything in the final
    // snapshot, then for all-layers what earlier snapshots had that later ones lost.
    let mut picks: Vec<(usize, usize, usize, Option<LayerIndex>)> = Vec::new();
    let mut seen: BTreeSet<Key> = BTreeSet::new();
    let scanned: Vec<usize> = match scope {
        Scope::Squashed => vec![last],
        Scope::AllLayers => (0..=last).rev().collect(),
    };
    for s in scanned {
        let deleted_in = (s < last).then(|| snapshots[s + 1].layer);
        for (c, catalog) in snapshots[s].catalogs.iter().enumerate() {
            for (i, p) in catalog.packages.iter().enumerate() {
                if seen.insert(key(c, p)) {
                    picks.push((s, c, i, deleted_in));
                }
            }
        }
    }
    let mut reported: HashMap<Key, String> = HashMap::new();
    let mut packages = Vec::new();
    for &(s, c, i, deleted_in) in &picks {
        let package = snapshots[s].catalogs[c].packages[i].clone();
        let k = key(c, &package);
        let id = package_id(&package, &k.1);
        // A package with a record of its own was introduced with that record;
        // one in a shared database, with the first snapshot of its presence.
        let layer = match package.primary_location() {
            Some(location) if record_layers[c] => location.layer,
            _ => snapshots[run_start(&k, s)].layer,
        };
        packages.push(ScannedPackage {
            id: id.clone(),
            package,
            layer,
            deleted_in,
        });
        reported.insert(k, id);
    }

    let mut edges = BTreeSet::new();
    let sources: BTreeSet<usize> = picks.iter().map(|(s, ..)| *s).collect();
    for s in sources {
        for (c, catalog) in snapshots[s].catalogs.iter().enumerate() {
            for r in &catalog.relationships {
                let from = reported.get(&key(c, &catalog.packages[r.from]));
                let to = reported.get(&key(c, &catalog.packages[r.to]));
                if let (Some(from), Some(to)) = (from, to) {
                    edges.insert(Edge {
                        from: from.clone(),
                        to: to.clone(),
                        kind: r.kind,
                    });
                }
            }
        }
    }

    packages.sort_by(|a, b| {
        let order = |p: &ScannedPackage| {
            (
                p.package.kind,
                p.package.name.clone(),
                p.package.version.clone(),
                p.package.arch.clone(),
                p.package.primary_location().map(|l| l.path.clone()),
                p.id.clone(),
            )
        };
        order(a).cmp(&order(b))
    });
    Assembled {
        distro: snapshots[last].distro.clone(),
        packages,
        relationships: edges.into_iter().collect(),
        warnings: snapshots[last]
            .catalogs
            .iter()
            .flat_map(|c| c.warnings.iter().cloned())
            .collect(),
    }
}

/// `deb-bash-1a2b3c4d5e6f7a8b`: readable, and unique by the package's key.
fn package_id(package: &Package, key: &str) -> String {
    let hash = hex::encode(&Sha256::digest(key.as_bytes())[..8]);
    let name = id_text(&package.name);
    format!("{}-{name}-{hash}", package.kind.as_str())
}
