//! An application's `<app>.deps.json`, the dependency manifest the .NET SDK
//! writes beside a built or published application (and a library).
//!
//! `runtimeTarget.name` picks the target whose entries are read (all
//! targets merged when it names none); each entry `Name/Version` is a
//! library, its type, `sha512` and `path` from `libraries`, its edges from
//! the entry's `dependencies`. What syft's deps.json cataloger (at its
//! defaults) leaves out is left out here too, its edges passed on to the
//! nearest libraries kept below it:
//!
//! - `project` libraries other than the application itself (the project
//!   named like the file, `dotnetapp` for `dotnetapp.deps.json`, which is
//!   the root of the graph; else the only project there is, when the
//!   assembly is named otherwise than its project);
//! - `referenceassembly` libraries with neither a hash nor a path;
//! - libraries that bring no assembly or native file (no `runtime`,
//!   `resources`, `compile`, `native` — or, here, `runtimeTargets` — of
//!   their own or below them: build-time tools, framework-provided stubs),
//!   unless a known IL bundler (ILRepack, Fody, …) is among the libraries,
//!   as bundled assemblies leave no file behind.
//!
//! Runtime packs (`runtimepack.Microsoft.NETCore.App.Runtime.linux-x64` of
//! a self-contained application) and other runtime-named libraries get
//! syft's runtime CPEs.

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};

use serde::de::IgnoredAny;
use serde::Deserialize;

use crate::model::{Catalog, DotNetMetadata, Metadata, Package, PackageType, Relationship};
use crate::view::FileRef;

use super::runtime;

/// Libraries whose presence means assemblies were merged into others
/// (syft's list of IL bundlers and weavers).
const KNOWN_BUNDLERS: &[&str] = &[
    "ILRepack.Lib.MSBuild.Task",
    "ILRepack.Lib",
    "ILRepack.Lib.MSBuild",
    "ILRepack.Lib.NET",
    "ILRepack.NETStandard",
    "ILRepack.FullAuto",
    "ILMerge",
    "JetBrains.Build.ILRepack",
    "PostSharp.Community.Packer",
    "Brokenevent.ILStrip",
    "Brokenevent.ILStrip.CLI",
    "Costura.Fody",
    "Fody",
];

/// How many steps the search for the libraries below skipped ones may take
/// in one file before its remaining edges are given up (with a warning).
const MAX_PASS_THROUGH_STEPS: usize = 1 << 20;

#[derive(Deserialize)]
struct Document {
    #[serde(rename = "runtimeTarget")]
    runtime_target: Option<RuntimeTarget>,
    targets: Option<BTreeMap<String, Option<Target>>>,
    libraries: Option<BTreeMap<String, Option<Library>>>,
}

/// A target's entries by `Name/Version`.
type Target = BTreeMap<String, Option<TargetEntry>>;

#[derive(Deserialize)]
struct RuntimeTarget {
    name: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct TargetEntry {
    dependencies: Option<BTreeMap<String, String>>,
    runtime: Option<BTreeMap<String, IgnoredAny>>,
    resources: Option<BTreeMap<String, IgnoredAny>>,
    compile: Option<BTreeMap<String, IgnoredAny>>,
    native: Option<BTreeMap<String, IgnoredAny>>,
    #[serde(rename = "runtimeTargets")]
    runtime_targets: Option<BTreeMap<String, IgnoredAny>>,
}

impl TargetEntry {
    fn claims_files(&self) -> bool {
        [
            &self.runtime,
            &self.resources,
            &self.compile,
            &self.native,
            &self.runtime_targets,
        ]
        .iter()
        .any(|assets| assets.as_ref().is_some_and(|a| !a.is_empty()))
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Library {
    #[serde(rename = "type")]
    kind: Option<String>,
    sha512: Option<String>,
    path: Option<String>,
}

/// One `Name/Version` entry of the chosen target(s), merged.
#[derive(Default)]
struct Node {
    dependencies: BTreeSet<String>,
    claims_files: bool,
}

/// What one deps.json added to the catalog.
#[derive(Debug, Default)]
pub struct Added {
    /// The application (the project named like the file, or the only one).
    pub root: Option<usize>,
    /// Runtime-named libraries (runtime packs).
    pub runtimes: Vec<usize>,
}

/// Adds the libraries of the deps.json `file` to `catalog`; a file that is
/// no deps.json is one warning.
pub fn add(catalog: &mut Catalog, file: &FileRef<'_>) -> Added {
    let document: Document = match serde_json::from_slice(file.content) {
        Ok(document) => document,
        Err(error) => {
            catalog.warnings.push(format!(
                "{}: not a readable deps.json ({error}); skipped",
                file.absolute_path()
            ));
            return Added::default();
        }
    };
    let targets: Vec<(String, Target)> = document
        .targets
        .unwrap_or_default()
        .into_iter()
        .map(|(name, entries)| (name, entries.unwrap_or_default()))
        .collect();
    let wanted = document.runtime_target.and_then(|t| t.name);
    let chosen: Vec<&(String, Target)> = match targets
        .iter()
        .find(|(name, _)| Some(name) == wanted.as_ref())
    {
        Some(target) => vec![target],
        None => targets.iter().collect(),
    };
    let target_name = match chosen.as_slice() {
        [(name, _)] => Some(name.clone()),
        _ => None,
    };
    let mut nodes: BTreeMap<&str, Node> = BTreeMap::new();
    for (_, entries) in &chosen {
        for (key, entry) in entries.iter() {
            let node = nodes.entry(key.as_str()).or_default();
            if let Some(entry) = entry {
                node.claims_files |= entry.claims_files();
                for (name, version) in entry.dependencies.iter().flatten() {
                    node.dependencies.insert(format!("{name}/{version}"));
                }
            }
        }
    }
    let libraries = document.libraries.unwrap_or_default();
    let library = |key: &str| libraries.get(key).and_then(Option::as_ref);
    let keys: Vec<&str> = nodes.keys().copied().collect();
    let index_of: HashMap<&str, usize> = keys.iter().enumerate().map(|(i, k)| (*k, i)).collect();
    let edges: Vec<Vec<usize>> = keys
        .iter()
        .map(|key| {
            nodes[key]
                .dependencies
                .iter()
                .filter_map(|d| index_of.get(d.as_str()).copied())
                .collect()
        })
        .collect();

    let app_name = file_prefix(file.path);
    let is_project = |key: &str| library(key).and_then(|l| l.kind.as_deref()) == Some("project");
    let projects: Vec<usize> = (0..keys.len()).filter(|&i| is_project(keys[i])).collect();
    let root = projects
        .iter()
        .copied()
        .find(|&i| Some(split(keys[i]).0) == app_name)
        .or(match projects.as_slice() {
            [only] => Some(*only),
            _ => None,
        });
    let bundled = keys
        .iter()
        .any(|key| KNOWN_BUNDLERS.contains(&split(key).0));
    let brings_files = reaches_files(&keys, &nodes, &edges);
    let kept: Vec<bool> = keys
        .iter()
        .enumerate()
        .map(|(i, key)| {
            if Some(i) == root {
                return true;
            }
            let lib = library(key);
            let kind = lib.and_then(|l| l.kind.as_deref());
            let blank = |field: Option<&String>| field.is_none_or(|v| v.is_empty());
            let hollow_reference = kind == Some("referenceassembly")
                && blank(lib.and_then(|l| l.sha512.as_ref()))
                && blank(lib.and_then(|l| l.path.as_ref()));
            !hollow_reference && kind != Some("project") && (brings_files[i] || bundled)
        })
        .collect();

    let mut added = Added::default();
    let mut package_of: Vec<Option<usize>> = vec![None; keys.len()];
    let order = root
        .into_iter()
        .chain((0..keys.len()).filter(|&i| Some(i) != root));
    for i in order.filter(|&i| kept[i]) {
        let key = keys[i];
        let (name, version) = split(key);
        let lib = library(key);
        let kind = lib
            .and_then(|l| l.kind.clone())
            .unwrap_or_else(|| "package".to_owned());
        let mut package = Package::bare(
            PackageType::DotNet,
            name.to_owned(),
            version.to_owned(),
            super::purl(name, version),
            file.location(),
            Metadata::DotNet(DotNetMetadata {
                kind,
                sha512: lib.and_then(|l| l.sha512.clone()).filter(|s| !s.is_empty()),
                path: lib.and_then(|l| l.path.clone()).filter(|s| !s.is_empty()),
                target: target_name.clone(),
            }),
        );
        package.application = Some(i) == root;
        if runtime::family(name).is_some() {
            package.cpes = runtime::cpes(name, version);
            added.runtimes.push(catalog.packages.len());
        }
        package_of[i] = Some(catalog.packages.len());
        catalog.packages.push(package);
    }
    added.root = root.and_then(|r| package_of[r]);

    let mut budget = MAX_PASS_THROUGH_STEPS;
    for (from, dependencies) in edges.iter().enumerate() {
        let Some(dependant) = package_of[from] else {
            continue;
        };
        for &to in dependencies {
            let targets = match package_of[to] {
                Some(dependency) => vec![dependency],
                None => nearest_kept(to, &edges, &package_of, &mut budget),
            };
            catalog.relationships.extend(Relationship::depends_on_all(
                targets
                    .into_iter()
                    .filter(|&t| t != dependant)
                    .map(|t| (dependant, t)),
            ));
        }
    }
    if budget == 0 {
        catalog.warnings.push(format!(
            "{}: too many dependencies pass through left-out libraries; some edges are missing",
            file.absolute_path()
        ));
    }
    added
}

/// `Name/Version` split at the first `/` (no version when there is none).
fn split(key: &str) -> (&str, &str) {
    key.split_once('/').unwrap_or((key, ""))
}

/// `dotnetapp` of `…/dotnetapp.deps.json`.
fn file_prefix(path: &str) -> Option<&str> {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.strip_suffix(".deps.json").filter(|p| !p.is_empty())
}

/// For each node: whether it or anything below it brings files (one walk
/// back from every node that does).
fn reaches_files(keys: &[&str], nodes: &BTreeMap<&str, Node>, edges: &[Vec<usize>]) -> Vec<bool> {
    let mut dependants: Vec<Vec<usize>> = vec![Vec::new(); keys.len()];
    for (from, tos) in edges.iter().enumerate() {
        for &to in tos {
            dependants[to].push(from);
        }
    }
    let mut reaches: Vec<bool> = keys.iter().map(|k| nodes[k].claims_files).collect();
    let mut queue: VecDeque<usize> = (0..keys.len()).filter(|&i| reaches[i]).collect();
    while let Some(node) = queue.pop_front() {
        for &dependant in &dependants[node] {
            if !reaches[dependant] {
                reaches[dependant] = true;
                queue.push_back(dependant);
            }
        }
    }
    reaches
}

/// The kept libraries nearest below the left-out node `start`, through
/// left-out nodes only; each step spends one of `budget`.
fn nearest_kept(
    start: usize,
    edges: &[Vec<usize>],
    package_of: &[Option<usize>],
    budget: &mut usize,
) -> Vec<usize> {
    let mut found = Vec::new();
    let mut seen = BTreeSet::from([start]);
    let mut queue = VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        for &next in &edges[node] {
            if *budget == 0 {
                return found;
            }
            *budget -= 1;
            if !seen.insert(next) {
                continue;
            }
            match package_of[next] {
                Some(package) => found.push(package),
                None => queue.push_back(next),
            }
        }
    }
    found
}
