//! Rust projects described by their `Cargo.lock` (a source tree, a `dir:`
//! scan of a checkout): every locked crate, with edges from each
//! `dependencies` entry (`name` or `name version`, for when a lock holds two
//! versions of one crate). The workspace's own crates have no `source`.

use serde::Deserialize;

#[derive(Deserialize)]
struct Lock {
    #[serde(default)]
    package: Vec<Locked>,
}

/// One locked crate.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
pub struct Locked {
    pub name: String,
    pub version: String,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub dependencies: Vec<String>,
}

/// `depends-on` edges, as (dependant, dependency) indices into the crates.
pub type Edges = Vec<(usize, usize)>;

/// The crates of a Cargo.lock, and the edges between them.
pub fn read(text: &str) -> Result<(Vec<Locked>, Edges), String> {
    let lock: Lock = toml::from_str(text).map_err(|e| e.message().to_owned())?;
    let crates = lock.package;
    let mut edges = Vec::new();
    for (from, krate) in crates.iter().enumerate() {
        for dependency in &krate.dependencies {
            let mut words = dependency.split_whitespace();
            let name = words.next().unwrap_or_default();
            let version = words.next();
            let target = crates
                .iter()
                .position(|c| c.name == name && version.is_none_or(|v| c.version == v));
            if let Some(to) = target.filter(|&to| to != from) {
                edges.push((from, to));
            }
        }
    }
    Ok((crates, edges))
}
