//! Relationships, one element per (from, type) with every `to` sorted.
//!
//! - The image `contains` every package; what was found is all the scan
//!   says, not that nothing else is there, so its completeness is
//!   `noAssertion` (as for every `contains`).
//! - The catalogued edges: `depends-on` → `dependsOn`, `contains` →
//!   `contains`. A package's `dependsOn` is `complete` when its type records
//!   every dependency it has ([`elements::dependencies_complete`]), else
//!   `noAssertion`; such a package without any dependency depends on the
//!   `NoneElement` individual, completely: SPDX 3's way of saying "none".
//! - Licenses and distributables: `hasDeclaredLicense`,
//!   `hasConcludedLicense`, `hasDistributionArtifact` (no completeness).

use std::collections::{BTreeMap, BTreeSet, HashSet};

use serde_json::{json, Value};
use tallyman_catalogers::RelationshipKind;

use super::ids::Ids;
use super::{CREATION_INFO, NONE_ELEMENT};
use crate::format::elements;
use crate::Sbom;

/// What a relationship says of its list of `to`s.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Completeness {
    /// Not said (a relationship that is no list of parts or dependencies).
    None,
    Complete,
    NoAssertion,
}

#[derive(Default)]
pub struct Relationships {
    /// (from, type) → the `to`s and what is known of their completeness.
    groups: BTreeMap<(String, &'static str), (BTreeSet<String>, Completeness)>,
}

impl Relationships {
    pub fn add(&mut self, from: &str, kind: &'static str, to: &str, completeness: Completeness) {
        let group = self
            .groups
            .entry((from.to_owned(), kind))
            .or_insert_with(|| (BTreeSet::new(), completeness));
        group.0.insert(to.to_owned());
        if group.1 != completeness {
            // Two sources disagree: nothing is asserted.
            group.1 = Completeness::NoAssertion;
        }
    }

    /// The catalogued edges between packages, and the dependency lists
    /// known to be empty.
    pub fn dependencies(&mut self, ids: &Ids, sbom: &Sbom) {
        let mut depending = HashSet::new();
        for edge in &sbom.relationships {
            let from = ids.package(&edge.from);
            let to = ids.package(&edge.to);
            match edge.kind {
                RelationshipKind::DependsOn => {
                    depending.insert(edge.from.as_str());
                    self.add(&from, "dependsOn", &to, Completeness::NoAssertion);
                }
                RelationshipKind::Contains => {
                    self.add(&from, "contains", &to, Completeness::NoAssertion);
                }
            }
        }
        for scanned in &sbom.packages {
            if !elements::dependencies_complete(scanned.package.kind) {
                continue;
            }
            let from = ids.package(&scanned.id);
            if depending.contains(scanned.id.as_str()) {
                if let Some(group) = self.groups.get_mut(&(from, "dependsOn")) {
                    group.1 = Completeness::Complete;
                }
            } else {
                self.add(&from, "dependsOn", NONE_ELEMENT, Completeness::Complete);
            }
        }
    }

    pub fn into_elements(self, ids: &Ids) -> Vec<Value> {
        self.groups
            .into_iter()
            .map(|((from, kind), (to, completeness))| {
                let mut element = json!({
                    "type": "Relationship",
                    "spdxId": ids.relationship(&from, kind),
                    "creationInfo": CREATION_INFO,
                    "from": from,
                    "relationshipType": kind,
                    "to": to,
                });
                match completeness {
                    Completeness::None => {}
                    Completeness::Complete => element["completeness"] = json!("complete"),
                    Completeness::NoAssertion => element["completeness"] = json!("noAssertion"),
                }
                element
            })
            .collect()
    }
}
