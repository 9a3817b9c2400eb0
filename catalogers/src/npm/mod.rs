//! The npm cataloger: Node packages installed in an image or a root
//! filesystem, and the lockfiles of projects that have none installed.
//!
//! - Installed packages: every `package.json` with a name and a version in a
//!   package directory as [`layout`] defines it (nested `node_modules`, global
//!   installs, Debian's `usr/share/nodejs`, pnpm's store) — and nothing else:
//!   test fixtures and `dist/esm/package.json` stubs inside a package are not
//!   packages.
//! - Application roots: a `package.json` outside any package directory with a
//!   lockfile beside it or an installed `node_modules` under it; reported as
//!   the application at the root of its dependency graph.
//! - A root with a lockfile and nothing installed is read from the lockfile
//!   ([`lockfile`]); development dependencies are left out unless
//!   [`Environment::include_dev`] asks for them (then marked `dev`).
//! - Edges: Node's own resolution ([`dependency`]) for installed trees, the
//!   lockfile's for lockfiles.

mod dependency;
mod layout;
pub mod lockfile;
mod package;
mod package_json;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::model::{Catalog, Package, Relationship, RelationshipKind};
use crate::view::{FileRef, ImageFiles};
use crate::{Cataloger, Environment};

use dependency::{resolve_edges, Dependant};
use layout::{is_installed_package_dir, DEBIAN_MODULE_DIRS};
use lockfile::{Lock, LOCKFILES};
use package_json::{parse_manifest, Manifest};

const MANIFEST: &str = "package.json";
/// Files a package manager writes into `node_modules` when it installs a
/// project: where one is present, the installed tree is the truth.
const INSTALL_MARKERS: &[&str] = &[
    ".package-lock.json",
    ".yarn-integrity",
    ".modules.yaml",
    ".yarn-state.yml",
];
/// Dependency warnings reported one by one before the rest are counted.
const MAX_DEPENDENCY_WARNINGS: usize = 20;

/// Finds npm packages.
pub struct NpmCataloger;

impl Cataloger for NpmCataloger {
    fn name(&self) -> &'static str {
        "npm"
    }

    fn version(&self) -> u32 {
        1
    }

    fn patterns(&self) -> &'static [&'static str] {
        &[
            "**/package.json",
            "**/package-lock.json",
            "**/npm-shrinkwrap.json",
            "**/yarn.lock",
            "**/pnpm-lock.yaml",
            "**/node_modules/.package-lock.json",
            "**/node_modules/.yarn-integrity",
            "**/node_modules/.modules.yaml",
            "**/node_modules/.yarn-state.yml",
        ]
    }

    fn one_record_per_package(&self) -> bool {
        true
    }

    fn catalog(&self, files: &ImageFiles, env: &Environment) -> Catalog {
        let mut work = Work::default();
        let mut installed: Vec<(&str, FileRef<'_>, Manifest)> = Vec::new();
        let mut root_manifests: BTreeMap<&str, FileRef<'_>> = BTreeMap::new();
        let mut lock_dirs: BTreeMap<&str, Vec<FileRef<'_>>> = BTreeMap::new();
        for file in files.files() {
            let (dir, name) = split(file.path);
            if name == MANIFEST {
                if is_installed_package_dir(dir) {
                    let Some(manifest) = work.parse(&file) else {
                        continue;
                    };
                    // A package.json without a name and a version is no package.
                    if manifest.name.is_some() && manifest.version.is_some() {
                        installed.push((dir, file, manifest));
                    }
                } else if !inside_package_tree(dir) {
                    root_manifests.insert(dir, file);
                }
            } else if LOCKFILES.contains(&name) && !inside_package_tree(dir) {
                lock_dirs.entry(dir).or_default().push(file);
            }
        }
        // Installed (name, version) pairs under each root's node_modules.
        let mut installed_under: BTreeMap<&str, BTreeSet<(&str, &str)>> = BTreeMap::new();
        for (dir, _, manifest) in &installed {
            if let (Some(root), Some(name), Some(version)) =
                (tree_root(dir), &manifest.name, &manifest.version)
            {
                installed_under
                    .entry(root)
                    .or_default()
                    .insert((name.as_str(), version.as_str()));
            }
        }
        let roots: BTreeSet<&str> = root_manifests
            .keys()
            .filter(|d| installed_under.contains_key(*d) || lock_dirs.contains_key(*d))
            .chain(lock_dirs.keys())
            .copied()
            .collect();
        let mut applications = Vec::new();
        let mut lock_projects = Vec::new();
        for root in roots {
            let manifest = root_manifests.get(root).copied();
            let lock = lock_dirs.get(root).and_then(|locks| work.read_lock(locks));
            let use_installed = match (&lock, installed_under.get(root)) {
                (None, _) => true,
                (Some(_), None) => false,
                (Some((_, lock)), Some(installed)) => {
                    has_install_marker(files, root) || covers(installed, lock)
                }
            };
            match (use_installed, lock) {
                (false, Some((lockfile, lock))) => {
                    lock_projects.push((root, manifest, lockfile, lock));
                }
                _ => applications.extend(manifest.map(|m| (root, m))),
            }
        }
        let lock_roots: BTreeSet<&str> = lock_projects.iter().map(|(root, ..)| *root).collect();
        for (dir, file, manifest) in installed {
            // Under a root read from its lockfile, the partial install is not the truth.
            if !tree_root(dir).is_some_and(|root| lock_roots.contains(root)) {
                work.installed_package(file, dir, manifest);
            }
        }
        for (root, manifest) in applications {
            if let Some((index, (path, manifest))) = work.application(manifest, root) {
                work.declared.push((index, root.to_owned(), path, manifest));
            }
        }
        for (root, manifest, lockfile, lock) in lock_projects {
            work.locked_project(files, env, root, manifest, lockfile, lock);
        }
        work.finish()
    }
}

/// The path's directory and file name.
fn split(path: &str) -> (&str, &str) {
    path.rsplit_once('/').unwrap_or(("", path))
}

/// Whether `dir` is inside some package's directory (installed by any
/// package manager, or Debian's node modules).
fn inside_package_tree(dir: &str) -> bool {
    crate::installed::inside_installed_package(dir)
        || DEBIAN_MODULE_DIRS
            .iter()
            .any(|d| dir == *d || dir.starts_with(&format!("{d}/")))
        || (dir.starts_with("usr/lib/") && dir.split('/').nth(3) == Some("nodejs"))
}

/// The directory holding the outermost `node_modules` of an installed
/// package's path (`app` for `app/node_modules/a/node_modules/b`).
fn tree_root(dir: &str) -> Option<&str> {
    if dir.starts_with("node_modules/") {
        return Some("");
    }
    dir.find("/node_modules/").map(|at| &dir[..at])
}

fn has_install_marker(files: &ImageFiles, root: &str) -> bool {
    let prefix = if root.is_empty() {
        String::new()
    } else {
        format!("{root}/")
    };
    INSTALL_MARKERS.iter().any(|marker| {
        files
            .read(&format!("{prefix}node_modules/{marker}"))
            .is_some()
    })
}

/// Whether everything the lockfile says must be installed (not dev, not
/// optional) is installed.
fn covers(installed: &BTreeSet<(&str, &str)>, lock: &Lock) -> bool {
    lock.entries
        .iter()
        .filter(|e| !e.root && !e.dev && !e.optional)
        .all(|e| installed.contains(&(e.name.as_str(), e.version.as_str())))
}

#[derive(Default)]
struct Work {
    packages: Vec<Package>,
    /// Installed package directory → (package index, version).
    dirs: BTreeMap<String, (usize, String)>,
    /// Packages whose dependencies resolve through node_modules:
    /// (index, directory, manifest path, manifest).
    declared: Vec<(usize, String, String, Manifest)>,
    relationships: Vec<Relationship>,
    warnings: Vec<String>,
}

impl Work {
    fn parse(&mut self, file: &FileRef<'_>) -> Option<Manifest> {
        match parse_manifest(file.content) {
            Ok(manifest) => Some(manifest),
            Err(problem) => {
                self.warnings
                    .push(format!("{}: skipped: {problem}", file.absolute_path()));
                None
            }
        }
    }

    fn installed_package(&mut self, file: FileRef<'_>, dir: &str, manifest: Manifest) {
        let (Some(name), Some(version)) = (manifest.name.clone(), manifest.version.clone()) else {
            return;
        };
        let index = self.packages.len();
        self.dirs.insert(dir.to_owned(), (index, version.clone()));
        self.packages.push(package::from_manifest(
            manifest.clone(),
            name,
            version,
            dir,
            file.location(),
        ));
        self.declared
            .push((index, dir.to_owned(), file.absolute_path(), manifest));
    }

    /// Adds the application a root's package.json describes; returns its
    /// index, manifest path and manifest.
    fn application(&mut self, file: FileRef<'_>, dir: &str) -> Option<(usize, (String, Manifest))> {
        let manifest = self.parse(&file)?;
        let name = manifest.name.clone().unwrap_or_else(|| {
            dir.rsplit('/')
                .next()
                .filter(|n| !n.is_empty())
                .unwrap_or("application")
                .to_owned()
        });
        let version = manifest.version.clone().unwrap_or_default();
        let index = self.packages.len();
        let mut package =
            package::from_manifest(manifest.clone(), name, version, dir, file.location());
        package.application = true;
        self.packages.push(package);
        Some((index, (file.absolute_path(), manifest)))
    }

    /// The preferred lockfile among `locks`, parsed.
    fn read_lock<'a>(&mut self, locks: &[FileRef<'a>]) -> Option<(FileRef<'a>, Lock)> {
        let lockfile = LOCKFILES
            .iter()
            .find_map(|name| locks.iter().find(|f| split(f.path).1 == *name))
            .copied()?;
        let parsed = match split(lockfile.path).1 {
            "yarn.lock" => lockfile::parse_yarn_lock(lockfile.content),
            "pnpm-lock.yaml" => lockfile::parse_pnpm_lock(lockfile.content),
            _ => lockfile::parse_package_lock(lockfile.content),
        };
        match parsed {
            Ok(lock) => Some((lockfile, lock)),
            Err(problem) => {
                self.warnings
                    .push(format!("{}: skipped: {problem}", lockfile.absolute_path()));
                None
            }
        }
    }

    fn locked_project(
        &mut self,
        files: &ImageFiles,
        env: &Environment,
        root: &str,
        manifest: Option<FileRef<'_>>,
        lockfile: FileRef<'_>,
        lock: Lock,
    ) {
        let app = manifest.and_then(|m| self.application(m, root));
        let location = lockfile.location();
        let mut index_of: HashMap<usize, usize> = HashMap::new();
        for (i, entry) in lock.entries.iter().enumerate() {
            if entry.dev && !env.include_dev {
                continue;
            }
            let index = match (&app, entry.root) {
                (Some((app, _)), true) => *app,
                _ => {
                    let mut package = package::from_lock_entry(entry, location.clone());
                    if package.licenses.is_empty() {
                        package.licenses = installed_licenses(files, root, entry);
                    }
                    self.packages.push(package);
                    self.packages.len() - 1
                }
            };
            index_of.insert(i, index);
        }
        let mut edges: Vec<(usize, usize)> = lock
            .edges
            .iter()
            .filter_map(|(from, to)| Some((*index_of.get(from)?, *index_of.get(to)?)))
            .collect();
        // Lockfiles without a root entry: link the application to the
        // locked packages its manifest names.
        if let Some((app, (_, manifest))) = app.filter(|_| !lock.entries.iter().any(|e| e.root)) {
            for (name, _) in manifest
                .dependencies
                .iter()
                .chain(&manifest.optional_dependencies)
            {
                let target = lock
                    .entries
                    .iter()
                    .enumerate()
                    .find_map(|(i, e)| (e.name == *name).then(|| index_of.get(&i)).flatten());
                if let Some(&to) = target {
                    edges.push((app, to));
                }
            }
        }
        self.relationships
            .extend(edges.into_iter().map(|(from, to)| Relationship {
                from,
                to,
                kind: RelationshipKind::DependsOn,
            }));
    }

    fn finish(mut self) -> Catalog {
        let mut global_dirs: Vec<String> =
            DEBIAN_MODULE_DIRS.iter().map(|d| d.to_string()).collect();
        let arch_dirs: BTreeSet<String> = self
            .dirs
            .keys()
            .filter_map(|dir| match dir.split('/').collect::<Vec<_>>().as_slice() {
                ["usr", "lib", triplet, "nodejs", ..] => Some(format!("usr/lib/{triplet}/nodejs")),
                _ => None,
            })
            .collect();
        global_dirs.extend(arch_dirs);
        let installed: HashMap<&str, (usize, &str)> = self
            .dirs
            .iter()
            .map(|(dir, (index, version))| (dir.as_str(), (*index, version.as_str())))
            .collect();
        // Peer dependencies count when installed; they are never required here.
        let dependants: Vec<Dependant<'_>> = self
            .declared
            .iter()
            .flat_map(|(index, dir, path, manifest)| {
                [
                    Dependant {
                        index: *index,
                        dir,
                        manifest_path: path.clone(),
                        required: &manifest.dependencies,
                        optional: &manifest.optional_dependencies,
                    },
                    Dependant {
                        index: *index,
                        dir,
                        manifest_path: path.clone(),
                        required: &[],
                        optional: &manifest.peer_dependencies,
                    },
                ]
            })
            .collect();
        let mut dependency_warnings = Vec::new();
        let edges = resolve_edges(
            &dependants,
            &installed,
            &global_dirs,
            &mut dependency_warnings,
        );
        let extra = dependency_warnings
            .len()
            .saturating_sub(MAX_DEPENDENCY_WARNINGS);
        dependency_warnings.truncate(MAX_DEPENDENCY_WARNINGS);
        self.warnings.extend(dependency_warnings);
        if extra > 0 {
            self.warnings
                .push(format!("npm: {extra} more dependency warnings like these"));
        }
        self.relationships.extend(edges);
        self.relationships.sort();
        self.relationships.dedup();
        Catalog {
            packages: self.packages,
            relationships: self.relationships,
            warnings: self.warnings,
        }
    }
}

/// Licenses for a locked package from its installed package.json, when the
/// same version sits in the root's node_modules (syft's enrichment for v1 locks).
fn installed_licenses(
    files: &ImageFiles,
    root: &str,
    entry: &lockfile::LockEntry,
) -> Vec<crate::license::License> {
    let path = if root.is_empty() {
        format!("node_modules/{}/{MANIFEST}", entry.name)
    } else {
        format!("{root}/node_modules/{}/{MANIFEST}", entry.name)
    };
    files
        .read(&path)
        .and_then(|f| parse_manifest(f.content).ok())
        .filter(|m| m.version.as_deref() == Some(entry.version.as_str()))
        .map(|m| m.licenses)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests;
