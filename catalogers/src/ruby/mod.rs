//! The gem cataloger: Ruby gems installed in an image, and the lockfiles of
//! projects that have none installed.
//!
//! - Installed gems: every `specifications/*.gemspec` of a gem home (the
//!   directory holding `specifications/`: `usr/local/bundle`,
//!   `usr/lib/ruby/gems/3.1.0`, `var/lib/gems/3.1.0`, Debian's
//!   `usr/share/rubygems-integration/all`, a project's `vendor/bundle/ruby/
//!   3.3.0`, …) and Ruby's default gems in `specifications/default/`
//!   (marked `default`). Gemspecs are Ruby; only the literal statements
//!   RubyGems writes into installed specs are read ([`gemspec`]), nothing
//!   is run. A gemspec without a name and a version is one warning.
//! - Edges: each runtime dependency to the installed gem that satisfies it
//!   ([`dependency`]).
//! - `Gemfile.lock` / `gems.locked` of a project with nothing installed
//!   ([`lockfile`]): one package per locked gem (platform variants of one
//!   version are one gem), edges from the lockfile. The lockfile has no
//!   groups, so the `Gemfile` beside it ([`gemfile`]) says which gems are
//!   only for development or tests; those, and what only they pull in, are
//!   `dev` and left out unless [`Environment::include_dev`] asks for them.
//!   A lockfile is skipped when its project is inside an installed package,
//!   when a gem home lies under its directory (`vendor/bundle`), or when
//!   every runtime gem it locks is installed in the image: the installed
//!   specs tell it better.

mod dependency;
pub mod gemfile;
pub mod gemspec;
mod literal;
pub mod lockfile;
mod package;
pub mod version;

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use crate::installed::inside_installed_package;
use crate::model::{Catalog, Relationship};
use crate::view::{FileRef, ImageFiles};
use crate::{Cataloger, Environment};

use dependency::Installed;
use gemspec::Gemspec;
use lockfile::{LockedSpec, Lockfile};
use version::Version;

/// Finds Ruby gems: installed gemspecs and Gemfile.lock.
pub struct GemCataloger;

const PATTERNS: &[&str] = &[
    "**/specifications/*.gemspec",
    "**/specifications/default/*.gemspec",
    "**/Gemfile.lock",
    "**/Gemfile",
    "**/gems.locked",
    "**/gems.rb",
];

/// Each lockfile name and the Gemfile it was written from.
const LOCKFILES: [(&str, &str); 2] = [("Gemfile.lock", "Gemfile"), ("gems.locked", "gems.rb")];

impl Cataloger for GemCataloger {
    fn name(&self) -> &'static str {
        "gem"
    }

    fn version(&self) -> u32 {
        1
    }

    fn patterns(&self) -> &'static [&'static str] {
        PATTERNS
    }

    fn one_record_per_package(&self) -> bool {
        true
    }

    fn catalog(&self, files: &ImageFiles, env: &Environment) -> Catalog {
        let mut catalog = Catalog::default();
        let mut specs: Vec<(usize, &str, Gemspec)> = Vec::new();
        let mut lockfiles = Vec::new();
        for file in files.files() {
            let (dir, base) = split(file.path);
            if let Some(full_name) = base.strip_suffix(".gemspec") {
                let Some((home, default)) = gem_home(dir) else {
                    continue;
                };
                let spec = gemspec::parse(&String::from_utf8_lossy(file.content));
                let (Some(name), Some(version)) = (spec.name.clone(), spec.version.clone()) else {
                    catalog.warnings.push(format!(
                        "{}: no gem name and version in the form RubyGems writes; skipped",
                        file.absolute_path()
                    ));
                    continue;
                };
                catalog.packages.push(package::from_gemspec(
                    &spec,
                    name,
                    version,
                    full_name,
                    home,
                    default,
                    file.location(),
                ));
                specs.push((catalog.packages.len() - 1, home, spec));
            } else if LOCKFILES.iter().any(|(lock, _)| *lock == base) {
                lockfiles.push(file);
            }
        }
        let installed: Vec<Installed<'_>> = specs
            .iter()
            .map(|(index, home, spec)| Installed {
                index: *index,
                home,
                name: catalog.packages[*index].name.as_str(),
                version: Version::parse(&catalog.packages[*index].version),
                dependencies: &spec.dependencies,
            })
            .collect();
        let relationships = dependency::edges(&installed);
        catalog.relationships = relationships;
        let homes: BTreeSet<&str> = specs.iter().map(|(_, home, _)| *home).collect();
        for file in lockfiles {
            add_lockfile(&mut catalog, files, env, &homes, file);
        }
        catalog
    }
}

/// The path's directory and file name.
fn split(path: &str) -> (&str, &str) {
    path.rsplit_once('/').unwrap_or(("", path))
}

/// The gem home of a gemspec in `dir` (`…/specifications` or
/// `…/specifications/default`), and whether it is a default gem; `None`
/// elsewhere, and for a `specifications/` folder inside an installed gem's
/// own directory (a test fixture, not a gem home).
fn gem_home(dir: &str) -> Option<(&str, bool)> {
    let (specifications, default) = match dir.strip_suffix("/default") {
        Some(parent) if parent.ends_with("specifications") => (parent, true),
        _ => (dir, false),
    };
    let home = match specifications.strip_suffix("/specifications") {
        Some(home) => home,
        None if specifications == "specifications" => "",
        None => return None,
    };
    let parts: Vec<&str> = home.split('/').collect();
    let in_a_gem = parts.windows(2).any(|pair| {
        pair[0] == "gems"
            && pair[1].rsplit_once('-').is_some_and(|(name, v)| {
                !name.is_empty() && v.starts_with(|c: char| c.is_ascii_digit())
            })
    }) || parts.contains(&"node_modules");
    (!in_a_gem).then_some((home, default))
}

/// Adds the gems of one lockfile, unless the project has them installed.
fn add_lockfile(
    catalog: &mut Catalog,
    files: &ImageFiles,
    env: &Environment,
    homes: &BTreeSet<&str>,
    file: FileRef<'_>,
) {
    let (dir, base) = split(file.path);
    if inside_installed_package(dir) {
        return;
    }
    let under = |path: &str| dir.is_empty() || path == dir || path.starts_with(&format!("{dir}/"));
    if homes.iter().any(|home| under(home)) {
        return;
    }
    let lock = match lockfile::parse(&String::from_utf8_lossy(file.content)) {
        Ok(lock) => lock,
        Err(why) => {
            catalog.warnings.push(format!(
                "{}: not a readable lockfile ({why}); skipped",
                file.absolute_path()
            ));
            return;
        }
    };
    let gemfile_name = LOCKFILES
        .iter()
        .find(|(lock, _)| *lock == base)
        .map_or("Gemfile", |(_, gemfile)| *gemfile);
    let gemfile_path = if dir.is_empty() {
        gemfile_name.to_owned()
    } else {
        format!("{dir}/{gemfile_name}")
    };
    let gemfile = files
        .read(&gemfile_path)
        .map(|f| gemfile::parse(&String::from_utf8_lossy(f.content)));
    let gems = collapse(&lock);
    let dev = dev_gems(&lock, &gems, gemfile.as_ref());
    let installed: BTreeSet<&str> = catalog.packages.iter().map(|p| p.name.as_str()).collect();
    let runtime: Vec<&str> = gems
        .iter()
        .map(|((name, _), _)| *name)
        .filter(|name| !dev.contains(name))
        .collect();
    if !runtime.is_empty() && runtime.iter().all(|name| installed.contains(name)) {
        return;
    }
    let first = catalog.packages.len();
    let mut index: BTreeMap<&str, usize> = BTreeMap::new();
    let mut kept = Vec::new();
    for ((name, version), gem) in &gems {
        let is_dev = dev.contains(name);
        if is_dev && !env.include_dev {
            continue;
        }
        index.entry(*name).or_insert(first + kept.len());
        kept.push(gem);
        catalog.packages.push(package::from_lockfile(
            name,
            version,
            gem.section,
            gem.platform.clone(),
            is_dev,
            file.location(),
        ));
    }
    let mut edges = BTreeSet::new();
    for (i, gem) in kept.iter().enumerate() {
        for dependency in &gem.dependencies {
            if let Some(&to) = index.get(dependency) {
                if to != first + i {
                    edges.insert((first + i, to));
                }
            }
        }
    }
    catalog
        .relationships
        .extend(Relationship::depends_on_all(edges));
}

/// One locked gem, its platform variants joined.
struct LockedGem<'a> {
    section: &'a str,
    /// The platform when every variant has the same one.
    platform: Option<String>,
    dependencies: BTreeSet<&'a str>,
    /// Where it first appears in the lockfile (for the package order).
    order: usize,
}

/// The lockfile's gems by (name, version), each once: `nokogiri
/// (1.19.4)` and `nokogiri (1.19.4-x86_64-linux-gnu)` are one gem of which
/// the machine installs one variant, so its platform is kept only when all
/// variants agree.
fn collapse(lock: &Lockfile) -> Vec<((&str, &str), LockedGem<'_>)> {
    let mut gems: BTreeMap<(&str, &str), (LockedGem<'_>, Vec<&LockedSpec>)> = BTreeMap::new();
    for (order, spec) in lock.specs.iter().enumerate() {
        let (gem, variants) = gems
            .entry((spec.name.as_str(), spec.version.as_str()))
            .or_insert_with(|| {
                (
                    LockedGem {
                        section: spec.section,
                        platform: spec.platform.clone(),
                        dependencies: BTreeSet::new(),
                        order,
                    },
                    Vec::new(),
                )
            });
        gem.dependencies
            .extend(spec.dependencies.iter().map(String::as_str));
        variants.push(spec);
    }
    let mut gems: Vec<((&str, &str), LockedGem<'_>)> = gems
        .into_iter()
        .map(|(key, (mut gem, variants))| {
            if variants.iter().any(|v| v.platform != gem.platform) {
                gem.platform = None;
            }
            (key, gem)
        })
        .collect();
    gems.sort_by_key(|(_, gem)| gem.order);
    gems
}

/// Names of the gems only development or test groups need: the Gemfile's
/// top-level gems declared only in those groups, and what is reachable
/// only through them. Without a Gemfile nothing is.
fn dev_gems<'a>(
    lock: &'a Lockfile,
    gems: &[((&'a str, &'a str), LockedGem<'a>)],
    gemfile: Option<&gemfile::Gemfile>,
) -> BTreeSet<&'a str> {
    let Some(gemfile) = gemfile else {
        return BTreeSet::new();
    };
    let dev_only = gemfile.dev_only();
    let mut dependencies: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for ((name, _), gem) in gems {
        dependencies
            .entry(*name)
            .or_default()
            .extend(gem.dependencies.iter().copied());
    }
    let reach = |roots: Vec<&'a str>| {
        let mut seen: BTreeSet<&str> = roots.iter().copied().collect();
        let mut queue: VecDeque<&str> = roots.into_iter().collect();
        while let Some(name) = queue.pop_front() {
            for &next in dependencies.get(name).into_iter().flatten() {
                if seen.insert(next) {
                    queue.push_back(next);
                }
            }
        }
        seen
    };
    let (dev_roots, runtime_roots): (Vec<&str>, Vec<&str>) = lock
        .dependencies
        .iter()
        .map(String::as_str)
        .partition(|name| dev_only.contains(name));
    let runtime = reach(runtime_roots);
    reach(dev_roots)
        .into_iter()
        .filter(|name| !runtime.contains(name))
        .collect()
}

#[cfg(test)]
mod tests;
