//! Python projects described by their lockfile rather than an installed
//! environment: `poetry.lock`, `pdm.lock`, `uv.lock` (TOML), `Pipfile.lock`
//! (JSON) and pinned `requirements*.txt` lines. Development packages are
//! marked (poetry's `category = "dev"` or groups without `main`, pdm's groups
//! without `default`, uv's packages reachable only through the project's
//! dev-dependencies, Pipfile.lock's `develop`, a requirements file named for
//! dev or test) and left out unless asked for.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use serde::Deserialize;

use super::requirement::{normalize, Requirement};

/// One locked package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Locked {
    pub name: String,
    pub version: String,
    pub dev: bool,
    /// Names (as written) of the packages it depends on.
    pub dependencies: Vec<String>,
}

/// The lockfile kinds, by base name.
pub fn is_lockfile(base: &str) -> bool {
    matches!(
        base,
        "poetry.lock" | "pdm.lock" | "uv.lock" | "Pipfile.lock"
    ) || (base.starts_with("requirements") && base.ends_with(".txt"))
}

/// The packages a lockfile names, or why it cannot be read.
pub fn read(base: &str, text: &str) -> Result<Vec<Locked>, String> {
    match base {
        "poetry.lock" => poetry(text),
        "pdm.lock" => pdm(text),
        "uv.lock" => uv(text),
        "Pipfile.lock" => pipfile(text),
        _ => Ok(requirements(
            text,
            base.contains("dev") || base.contains("test"),
        )),
    }
}

#[derive(Deserialize)]
struct TomlLock<P> {
    #[serde(default = "Vec::new")]
    package: Vec<P>,
}

#[derive(Deserialize)]
struct PoetryPackage {
    name: String,
    version: String,
    #[serde(default)]
    category: Option<String>,
    #[serde(default)]
    groups: Option<Vec<String>>,
    #[serde(default)]
    dependencies: BTreeMap<String, toml::Value>,
}

fn poetry(text: &str) -> Result<Vec<Locked>, String> {
    let lock: TomlLock<PoetryPackage> = toml::from_str(text).map_err(|e| e.message().to_owned())?;
    Ok(lock
        .package
        .into_iter()
        .map(|p| Locked {
            dev: match &p.groups {
                Some(groups) => !groups.iter().any(|g| g == "main"),
                None => p.category.as_deref() == Some("dev"),
            },
            name: p.name,
            version: p.version,
            dependencies: p.dependencies.into_keys().collect(),
        })
        .collect())
}

#[derive(Deserialize)]
struct PdmPackage {
    name: String,
    version: String,
    #[serde(default)]
    groups: Vec<String>,
    #[serde(default)]
    dependencies: Vec<String>,
}

fn pdm(text: &str) -> Result<Vec<Locked>, String> {
    let lock: TomlLock<PdmPackage> = toml::from_str(text).map_err(|e| e.message().to_owned())?;
    Ok(lock
        .package
        .into_iter()
        .map(|p| Locked {
            dev: !p.groups.is_empty() && !p.groups.iter().any(|g| g == "default"),
            name: p.name,
            version: p.version,
            dependencies: p
                .dependencies
                .iter()
                .filter_map(|d| Requirement::parse(d).map(|r| r.name))
                .collect(),
        })
        .collect())
}

#[derive(Deserialize)]
struct UvPackage {
    name: String,
    #[serde(default)]
    version: Option<String>,
    #[serde(default)]
    source: BTreeMap<String, toml::Value>,
    #[serde(default)]
    dependencies: Vec<UvDependency>,
    #[serde(default, rename = "optional-dependencies")]
    optional_dependencies: BTreeMap<String, Vec<UvDependency>>,
    #[serde(default, rename = "dev-dependencies")]
    dev_dependencies: BTreeMap<String, Vec<UvDependency>>,
}

#[derive(Deserialize)]
struct UvDependency {
    name: String,
}

fn uv(text: &str) -> Result<Vec<Locked>, String> {
    let lock: TomlLock<UvPackage> = toml::from_str(text).map_err(|e| e.message().to_owned())?;
    let index: BTreeMap<String, usize> = lock
        .package
        .iter()
        .enumerate()
        .map(|(i, p)| (normalize(&p.name), i))
        .collect();
    // The projects themselves (`virtual`/`editable` sources) and what their
    // runtime dependencies reach; the rest came in for development.
    let roots: Vec<usize> = (0..lock.package.len())
        .filter(|&i| {
            let source = &lock.package[i].source;
            source.contains_key("virtual") || source.contains_key("editable")
        })
        .collect();
    let mut runtime: BTreeSet<usize> = roots.iter().copied().collect();
    let mut queue: VecDeque<usize> = roots.iter().copied().collect();
    while let Some(at) = queue.pop_front() {
        let package = &lock.package[at];
        let next = package
            .dependencies
            .iter()
            .chain(package.optional_dependencies.values().flatten());
        for dependency in next {
            if let Some(&to) = index.get(&normalize(&dependency.name)) {
                if runtime.insert(to) {
                    queue.push_back(to);
                }
            }
        }
    }
    Ok(lock
        .package
        .iter()
        .enumerate()
        .map(|(i, p)| Locked {
            name: p.name.clone(),
            version: p.version.clone().unwrap_or_default(),
            dev: !roots.is_empty() && !runtime.contains(&i),
            dependencies: p
                .dependencies
                .iter()
                .chain(p.optional_dependencies.values().flatten())
                .chain(p.dev_dependencies.values().flatten())
                .map(|d| d.name.clone())
                .collect(),
        })
        .collect())
}

fn pipfile(text: &str) -> Result<Vec<Locked>, String> {
    let lock: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let mut found = Vec::new();
    for (section, dev) in [("default", false), ("develop", true)] {
        let Some(entries) = lock[section].as_object() else {
            continue;
        };
        for (name, entry) in entries {
            let version = entry["version"].as_str().unwrap_or_default();
            found.push(Locked {
                name: name.clone(),
                version: version.trim_start_matches("==").to_owned(),
                dev,
                dependencies: Vec::new(),
            });
        }
    }
    Ok(found)
}

/// `name==version` lines (continuations joined, comments, options and
/// markers dropped); anything not pinned names no version and is skipped.
fn requirements(text: &str, dev: bool) -> Vec<Locked> {
    let joined = text.replace("\\\r\n", " ").replace("\\\n", " ");
    joined
        .lines()
        .filter_map(|line| {
            let line = line.split(" #").next()?.split(';').next()?.trim();
            if line.is_empty() || line.starts_with(['#', '-']) {
                return None;
            }
            let line = line.split(" --").next()?.trim();
            let (name, version) = line.split_once("===").or_else(|| line.split_once("=="))?;
            let version = version.trim();
            if version.is_empty() || version.contains([',', '*', ' ']) {
                return None;
            }
            let name = name.trim().split('[').next()?.trim();
            (!name.is_empty()).then(|| Locked {
                name: name.to_owned(),
                version: version.to_owned(),
                dev,
                dependencies: Vec::new(),
            })
        })
        .collect()
}
