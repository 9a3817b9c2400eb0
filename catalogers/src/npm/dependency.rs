//! Edges between installed npm packages, found the way Node's `require`
//! finds them: the nearest `node_modules/NAME` walking up from the dependant's
//! directory, then the global module directories. A found package whose
//! version does not satisfy the declared range is still linked, and reported
//! as a warning; a missing (non-optional) dependency is reported too.

use std::collections::{BTreeSet, HashMap};

use nodejs_semver::{Range, Version};

use crate::model::Relationship;
use crate::npm::layout::resolution_candidates;
use crate::npm::lockfile::npm_alias;

/// What one package (or application root) declares.
pub struct Dependant<'a> {
    pub index: usize,
    pub dir: &'a str,
    pub manifest_path: String,
    pub required: &'a [(String, String)],
    pub optional: &'a [(String, String)],
}

/// Resolves the edges of every dependant against the installed packages
/// (`installed`: directory → (package index, version)).
pub fn resolve_edges(
    dependants: &[Dependant<'_>],
    installed: &HashMap<&str, (usize, &str)>,
    global_dirs: &[String],
    warnings: &mut Vec<String>,
) -> Vec<Relationship> {
    let mut edges = BTreeSet::new();
    for dependant in dependants {
        let all = dependant
            .required
            .iter()
            .map(|d| (d, true))
            .chain(dependant.optional.iter().map(|d| (d, false)));
        for ((name, spec), required) in all {
            let range_text = npm_alias(spec).map_or(spec.as_str(), |(_, range)| range);
            let found = resolution_candidates(dependant.dir, name, global_dirs)
                .into_iter()
                .find_map(|dir| installed.get(dir.as_str()).map(|found| (dir, *found)));
            match found {
                Some((dir, (to, version))) => {
                    if to != dependant.index {
                        edges.insert((dependant.index, to));
                    }
                    if let (Ok(range), Ok(parsed)) =
                        (Range::parse(range_text), Version::parse(version))
                    {
                        if !parsed.satisfies(&range) {
                            warnings.push(format!(
                                "{}: dependency {name}@{spec} resolves to /{dir} at version {version}, which does not satisfy the range",
                                dependant.manifest_path
                            ));
                        }
                    }
                }
                None if required => warnings.push(format!(
                    "{}: dependency {name}@{spec} is not installed",
                    dependant.manifest_path
                )),
                None => {}
            }
        }
    }
    Relationship::depends_on_all(edges)
}
