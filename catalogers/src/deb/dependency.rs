//! Dependency edges between dpkg packages.
//!
//! Package A depends on B when B's name, or one of B's `Provides`, is named by
//! an entry of A's `Depends` or `Pre-Depends`. For `x | y` every installed
//! alternative counts (the relationship says what could be in use), and
//! version constraints, `[arch]` lists, `<profile>`s and `:any` are ignored.

use std::collections::{BTreeSet, HashMap};

use crate::deb::parse::alternative_names;
use crate::model::{Metadata, Package, Relationship};

/// The depends-on edges among `packages`, sorted, without duplicates or self-loops.
pub fn dependency_edges(packages: &[Package]) -> Vec<Relationship> {
    let mut providers: HashMap<String, Vec<usize>> = HashMap::new();
    for (index, package) in packages.iter().enumerate() {
        providers
            .entry(package.name.clone())
            .or_default()
            .push(index);
        let Metadata::Deb(meta) = &package.metadata else {
            continue;
        };
        for provided in &meta.provides {
            for name in alternative_names(provided) {
                providers.entry(name).or_default().push(index);
            }
        }
    }
    let mut edges = BTreeSet::new();
    for (from, package) in packages.iter().enumerate() {
        let Metadata::Deb(meta) = &package.metadata else {
            continue;
        };
        for entry in meta.depends.iter().chain(&meta.pre_depends) {
            for name in alternative_names(entry) {
                for &to in providers.get(name.as_str()).into_iter().flatten() {
                    if to != from {
                        edges.insert((from, to));
                    }
                }
            }
        }
    }
    Relationship::depends_on_all(edges)
}
