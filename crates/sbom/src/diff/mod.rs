//! `tallyman diff`: what changed between two package inventories — two
//! scans, two SBOM documents, or one of each.
//!
//! Each side is reduced to [`Entry`]s ([`side`] from a scan, [`document`]
//! from tallyman json, SPDX, CycloneDX or syft json), keyed by purl without
//! version ([`Entry::key`]: type, namespace, name and the `arch` qualifier).
//! Within one key, entries are paired by location first (the same install
//! slot), then by equal version, then in version order; what is left over
//! is added or removed. A pair whose version or licenses differ is a
//! [`Change`], its direction from the ecosystem's own ordering
//! ([`version`]). [`render`] writes the result as a table, json or markdown.

pub mod document;
mod license;
pub mod render;
pub mod side;
pub mod version;

use std::cmp::Ordering;
use std::collections::BTreeMap;

use serde::Serialize;

/// Bumped when the json output's shape changes incompatibly.
pub const SCHEMA_VERSION: u32 = 1;

/// One side of a diff: what was compared and the packages it holds.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Side {
    /// The argument as given.
    pub input: String,
    /// `image` (scanned here) or the document format read (`spdx-json@2.3`, …).
    pub kind: String,
    /// The image's name, as the scan or the document gives it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The image's manifest digest (or image id), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub digest: Option<String>,
    /// The image's layers (diff ids, base first), when the side lists them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub layers: Vec<String>,
    #[serde(skip)]
    pub packages: Vec<Entry>,
    /// An SPDX document's `LicenseRef-…` ids and the texts they stand for.
    #[serde(skip)]
    pub license_refs: BTreeMap<String, String>,
}

/// The layer an entry came from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Layer {
    /// Position in the image (0 = the base layer), when the side says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub index: Option<usize>,
    /// The layer's diff id, when the side says.
    #[serde(rename = "diffID", skip_serializing_if = "Option::is_none")]
    pub diff_id: Option<String>,
}

impl Layer {
    /// `index:short-digest`, as the scan table names layers.
    pub fn label(&self) -> String {
        let short = self.diff_id.as_deref().map(|d| {
            let hex = d.split_once(':').map_or(d, |(_, hex)| hex);
            hex.chars().take(12).collect::<String>()
        });
        match (self.index, short) {
            (Some(i), Some(s)) => format!("{i}:{s}"),
            (Some(i), None) => i.to_string(),
            (None, Some(s)) => s,
            (None, None) => String::new(),
        }
    }
}

/// A package as a diff sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Entry {
    /// The purl without version and without qualifiers other than `arch`
    /// (`pkg:deb/debian/libc6?arch=amd64`), or `TYPE/NAME` without a purl.
    pub key: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub purl: Option<String>,
    /// The purl type (`deb`, `npm`, `pypi`, …): whose version ordering applies.
    #[serde(rename = "type")]
    pub purl_type: String,
    pub name: String,
    pub version: String,
    /// License expressions, as the side states them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub licenses: Vec<String>,
    /// The package's record (dpkg status, package.json, …), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub layer: Option<Layer>,
    /// For a removed package: the layer of the new image that removed it,
    /// when that can be told from the layer lists alone (the new image
    /// shares the old one's layers up to one it adds, and the package came
    /// from a shared layer).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub removed_in: Option<Layer>,
    /// Whether a side has several packages with this key (then the
    /// location tells them apart in tables).
    #[serde(skip)]
    pub shared_key: bool,
}

impl Entry {
    /// An entry; its key and type come from `purl`, else from `kind` and `name`.
    pub fn new(
        purl: Option<String>,
        kind: &str,
        name: String,
        version: String,
        licenses: Vec<String>,
        location: Option<String>,
        layer: Option<Layer>,
    ) -> Entry {
        let parsed = purl
            .as_deref()
            .and_then(|p| p.parse::<packageurl::PackageUrl<'_>>().ok());
        let (key, purl_type) = match parsed {
            Some(p) => (purl_key(&p), p.ty().to_owned()),
            None => {
                let purl_type = purl_type_of(kind);
                (format!("{purl_type}/{name}"), purl_type.to_owned())
            }
        };
        Entry {
            key,
            purl,
            purl_type,
            name,
            version,
            licenses,
            location,
            layer,
            removed_in: None,
            shared_key: false,
        }
    }
}

/// tallyman's, syft's and trivy's package types → purl types.
fn purl_type_of(kind: &str) -> &str {
    match kind {
        "python" | "pypi" => "pypi",
        "go-module" | "gomod" | "gobinary" | "golang" => "golang",
        "rust-crate" | "cargo" => "cargo",
        "java-archive" | "jar" | "maven" => "maven",
        "" => "generic",
        other => other,
    }
}

/// `pkg:TYPE/NAMESPACE/NAME?arch=A`: what stays the same across versions.
fn purl_key(purl: &packageurl::PackageUrl<'_>) -> String {
    let mut name = purl.name().to_owned();
    if purl.ty() == "pypi" {
        name = tallyman_catalogers::python::normalize_name(&name);
    }
    let mut key = format!("pkg:{}/", purl.ty());
    if let Some(namespace) = purl.namespace() {
        key.push_str(namespace);
        key.push('/');
    }
    key.push_str(&name);
    if let Some(arch) = purl.qualifiers().get("arch") {
        key.push_str("?arch=");
        key.push_str(arch);
    }
    key
}

/// Which way a version moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Up,
    Down,
    /// The same version (only the licenses changed), or equal under the
    /// ecosystem's ordering (`1.0` and `1.0.0` in PEP 440).
    Same,
    /// The ecosystem has no ordering here, or a version does not parse.
    Unordered,
}

/// One package in both sides whose version or licenses differ.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Change {
    pub key: String,
    pub name: String,
    #[serde(rename = "type")]
    pub purl_type: String,
    pub version: Direction,
    pub license_changed: bool,
    pub from: Entry,
    pub to: Entry,
}

/// Counts of a diff.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    pub added: usize,
    pub removed: usize,
    pub changed: usize,
    pub upgraded: usize,
    pub downgraded: usize,
    pub license_changed: usize,
    pub unchanged: usize,
}

/// What changed from one side to the other.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Diff {
    pub schema_version: u32,
    pub from: Side,
    pub to: Side,
    pub summary: Summary,
    /// Sorted by key, location, version (as every list here).
    pub added: Vec<Entry>,
    pub removed: Vec<Entry>,
    pub changed: Vec<Change>,
}

/// What `--fail-on` can turn into a failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    Added,
    Removed,
    Changed,
    License,
}

impl Category {
    pub const NAMES: [&'static str; 4] = ["added", "removed", "changed", "license"];

    pub fn parse(text: &str) -> Option<Category> {
        Some(match text {
            "added" => Category::Added,
            "removed" => Category::Removed,
            "changed" => Category::Changed,
            "license" => Category::License,
            _ => return None,
        })
    }
}

impl Diff {
    /// How many differences of `category` there are.
    pub fn count(&self, category: Category) -> usize {
        match category {
            Category::Added => self.summary.added,
            Category::Removed => self.summary.removed,
            Category::Changed => self
                .changed
                .iter()
                .filter(|c| c.version != Direction::Same)
                .count(),
            Category::License => self.summary.license_changed,
        }
    }
}

/// Compares `from` with `to`.
pub fn diff(from: Side, to: Side) -> Diff {
    let mut groups: BTreeMap<&str, (Vec<&Entry>, Vec<&Entry>)> = BTreeMap::new();
    for entry in &from.packages {
        groups.entry(&entry.key).or_default().0.push(entry);
    }
    for entry in &to.packages {
        groups.entry(&entry.key).or_default().1.push(entry);
    }
    let mut added = Vec::new();
    let mut removed = Vec::new();
    let mut changed = Vec::new();
    let mut summary = Summary::default();
    for (olds, news) in groups.into_values() {
        let several = olds.len() > 1 || news.len() > 1;
        let shown = |e: &Entry| Entry {
            shared_key: several,
            ..e.clone()
        };
        let (pairs, gone, new) = pair(olds, news);
        removed.extend(gone.into_iter().map(shown));
        added.extend(new.into_iter().map(shown));
        for (old, new) in pairs {
            let direction = if old.version == new.version {
                Direction::Same
            } else {
                match version::compare(&new.purl_type, &old.version, &new.version) {
                    Some(Ordering::Less) => Direction::Up,
                    Some(Ordering::Greater) => Direction::Down,
                    Some(Ordering::Equal) => Direction::Same,
                    None => Direction::Unordered,
                }
            };
            let license_changed = license::terms(&old.licenses, &from.license_refs)
                != license::terms(&new.licenses, &to.license_refs);
            if old.version == new.version && !license_changed {
                summary.unchanged += 1;
                continue;
            }
            changed.push(Change {
                key: new.key.clone(),
                name: new.name.clone(),
                purl_type: new.purl_type.clone(),
                version: direction,
                license_changed,
                from: shown(old),
                to: shown(new),
            });
        }
    }
    if let Some(layer) = only_new_layer(&from, &to) {
        for entry in &mut removed {
            let shared = entry
                .layer
                .as_ref()
                .and_then(|l| l.diff_id.as_ref())
                .is_some_and(|id| from.layers[..layer.index.unwrap_or_default()].contains(id));
            if shared {
                entry.removed_in = Some(layer.clone());
            }
        }
    }
    let order = |a: &Entry, b: &Entry| {
        (&a.key, &a.location, &a.version).cmp(&(&b.key, &b.location, &b.version))
    };
    added.sort_by(order);
    removed.sort_by(order);
    changed.sort_by(|a, b| order(&a.to, &b.to));
    summary.added = added.len();
    summary.removed = removed.len();
    summary.changed = changed.len();
    summary.upgraded = changed
        .iter()
        .filter(|c| c.version == Direction::Up)
        .count();
    summary.downgraded = changed
        .iter()
        .filter(|c| c.version == Direction::Down)
        .count();
    summary.license_changed = changed.iter().filter(|c| c.license_changed).count();
    Diff {
        schema_version: SCHEMA_VERSION,
        from,
        to,
        summary,
        added,
        removed,
        changed,
    }
}

/// The one layer `to` has beyond the layers it shares with `from` (a
/// common prefix), if it has exactly one: whatever a shared layer held and
/// `to` no longer has, that layer removed.
fn only_new_layer(from: &Side, to: &Side) -> Option<Layer> {
    let shared = from
        .layers
        .iter()
        .zip(&to.layers)
        .take_while(|(a, b)| a == b)
        .count();
    (shared > 0 && to.layers.len() == shared + 1).then(|| Layer {
        index: Some(shared),
        diff_id: Some(to.layers[shared].clone()),
    })
}

type Pairing<'a> = (Vec<(&'a Entry, &'a Entry)>, Vec<&'a Entry>, Vec<&'a Entry>);

/// Pairs one key's entries of both sides: same location, then same
/// version, then the rest in version order; returns the pairs, the old
/// entries left over and the new ones.
fn pair<'a>(mut olds: Vec<&'a Entry>, mut news: Vec<&'a Entry>) -> Pairing<'a> {
    if olds.len() == 1 && news.len() == 1 {
        return (vec![(olds[0], news[0])], Vec::new(), Vec::new());
    }
    let mut pairs = Vec::new();
    let rules: [fn(&Entry, &Entry) -> bool; 2] = [
        |a, b| a.location.is_some() && a.location == b.location,
        |a, b| a.version == b.version,
    ];
    for same in rules {
        olds.retain(|old| match news.iter().position(|new| same(old, new)) {
            Some(i) => {
                pairs.push((*old, news.remove(i)));
                false
            }
            None => true,
        });
    }
    let by_version = |a: &&Entry, b: &&Entry| {
        version::compare(&a.purl_type, &a.version, &b.version)
            .unwrap_or_else(|| a.version.cmp(&b.version))
            .then_with(|| a.location.cmp(&b.location))
    };
    olds.sort_by(by_version);
    news.sort_by(by_version);
    let n = olds.len().min(news.len());
    let rest_old = olds.split_off(n);
    let rest_new = news.split_off(n);
    pairs.extend(olds.into_iter().zip(news));
    (pairs, rest_old, rest_new)
}

#[cfg(test)]
mod tests;
