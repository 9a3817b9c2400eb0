//! Edges between installed gems. Each runtime dependency goes to the
//! highest installed version of that name that satisfies its requirement
//! (what RubyGems would activate), looked up in the dependant's own gem home
//! (the directory holding `specifications/`). A system Ruby spreads its gems
//! over several homes that it searches together — Debian's
//! `usr/lib/ruby/gems/3.1.0` (default and bundled gems),
//! `usr/share/rubygems-integration/{3.1.0,all}`,
//! `usr/lib/<triplet>/rubygems-integration/3.1.0`, `var/lib/gems/3.1.0`;
//! the official images' `usr/local/bundle` beside
//! `usr/local/lib/ruby/gems/3.3.0` — so a dependency of a gem in one of
//! those not satisfied in its own home is looked up in the others of the
//! same Ruby ABI version. Project homes (`vendor/bundle/…`) stay apart.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::Relationship;

use super::gemspec::Dependency;
use super::version::{Requirement, Version};

/// One installed gem, as the edges need it.
pub struct Installed<'a> {
    /// Its package's index in the catalog.
    pub index: usize,
    pub home: &'a str,
    pub name: &'a str,
    pub version: Option<Version>,
    pub dependencies: &'a [Dependency],
}

/// The `depends-on` edges between `installed` gems.
pub fn edges(installed: &[Installed<'_>]) -> Vec<Relationship> {
    let mut by_name: BTreeMap<&str, Vec<&Installed<'_>>> = BTreeMap::new();
    for gem in installed {
        by_name.entry(gem.name).or_default().push(gem);
    }
    let mut found = BTreeSet::new();
    for gem in installed {
        let abi = system_abi(gem.home);
        // Each (name, requirement) once, however often it is written.
        let mut seen = BTreeSet::new();
        for dependency in gem.dependencies {
            if !seen.insert((&dependency.name, &dependency.requirements)) {
                continue;
            }
            let Some(requirement) =
                Requirement::parse(dependency.requirements.iter().map(String::as_str))
            else {
                continue;
            };
            let Some(candidates) = by_name.get(dependency.name.as_str()) else {
                continue;
            };
            let satisfying = |candidate: &&&Installed<'_>| {
                candidate
                    .version
                    .as_ref()
                    .is_some_and(|v| requirement.is_satisfied_by(v))
            };
            let highest = |list: Vec<&&Installed<'_>>| {
                list.into_iter()
                    .max_by(|a, b| a.version.cmp(&b.version))
                    .map(|found| found.index)
            };
            let same_home = candidates
                .iter()
                .filter(|c| c.home == gem.home)
                .filter(satisfying)
                .collect();
            let target = highest(same_home).or_else(|| {
                let abi = abi?;
                let on_path = candidates
                    .iter()
                    .filter(|c| system_abi(c.home).is_some_and(|other| compatible(abi, other)))
                    .filter(satisfying)
                    .collect();
                highest(on_path)
            });
            if let Some(to) = target.filter(|to| *to != gem.index) {
                found.insert((gem.index, to));
            }
        }
    }
    Relationship::depends_on_all(found)
}

/// The Ruby ABI version (`3.1.0`, or `all` for any) of a home on a system
/// Ruby's default gem path; `None` for other homes.
fn system_abi(home: &str) -> Option<&str> {
    let parts: Vec<&str> = home.split('/').collect();
    let abi = match parts.as_slice() {
        ["usr", "local", "bundle"] => return Some("all"),
        ["usr", "lib", "ruby", "gems", abi]
        | ["usr", "local", "lib", "ruby", "gems", abi]
        | ["usr", "lib", _, "ruby", "gems", abi]
        | ["var", "lib", "gems", abi]
        | ["usr", "share", "rubygems-integration", abi]
        | ["usr", "lib", _, "rubygems-integration", abi] => *abi,
        _ => return None,
    };
    let is_abi = abi == "all"
        || (abi.split('.').count() == 3
            && abi
                .split('.')
                .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())));
    is_abi.then_some(abi)
}

fn compatible(a: &str, b: &str) -> bool {
    a == b || a == "all" || b == "all"
}

#[cfg(test)]
mod tests {
    use super::system_abi;

    #[test]
    fn homes_on_a_system_gem_path() {
        assert_eq!(system_abi("usr/lib/ruby/gems/3.1.0"), Some("3.1.0"));
        assert_eq!(
            system_abi("usr/lib/x86_64-linux-gnu/rubygems-integration/3.1.0"),
            Some("3.1.0")
        );
        assert_eq!(
            system_abi("usr/share/rubygems-integration/all"),
            Some("all")
        );
        assert_eq!(system_abi("usr/local/bundle"), Some("all"));
        assert_eq!(system_abi("app/vendor/bundle/ruby/3.1.0"), None);
        assert_eq!(system_abi("usr/lib/ruby/gems/x"), None);
    }
}
