//! [`Selection`]: the paths a scan keeps in memory.
//!
//! One [`globset::GlobSet`] compiled from every cataloger's rooted patterns
//! (`*` does not cross `/`), plus exact paths added by later passes (targets of
//! links found in the first pass). Paths are matched in the view's form: no
//! leading `/`. A selection also carries what the catalogers declared
//! besides patterns: the windows they sniff out of executables and the
//! files they want kept reduced.

use std::collections::BTreeSet;

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use tallyman_catalogers::sniff::Target;
use tallyman_catalogers::{Reduction, Sniff};

use crate::error::{Context, Result};

/// Compiled patterns; cheap to test a path against.
#[derive(Debug, Clone)]
pub struct Selection {
    patterns: BTreeSet<String>,
    set: GlobSet,
    digest_only: bool,
    /// Windows to keep out of files no pattern names.
    sniffs: Vec<Sniff>,
    /// The globs of the sniffs that search paths, and for each glob its
    /// sniff's index in `sniffs`.
    sniff_paths: Option<(GlobSet, Vec<usize>)>,
    /// Wanted files kept reduced rather than whole.
    reductions: Vec<Reduction>,
}

impl Selection {
    /// Compiles rooted glob patterns such as `var/lib/dpkg/status.d/*`.
    pub fn new<I, S>(patterns: I) -> Result<Selection>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let patterns: BTreeSet<String> = patterns
            .into_iter()
            .map(|p| p.as_ref().trim_start_matches('/').to_owned())
            .collect();
        let set = glob_set(patterns.iter().map(String::as_str))?;
        Ok(Selection {
            patterns,
            set,
            digest_only: false,
            sniffs: Vec::new(),
            sniff_paths: None,
            reductions: Vec::new(),
        })
    }

    /// Exactly these paths, kept as their sha1 digest rather than their bytes
    /// (for SPDX file entries: no size limit, nothing buffered).
    pub fn digests_of<I, S>(paths: I) -> Result<Selection>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut selection = Selection::new(paths.into_iter().map(|p| escape(p.as_ref())))?;
        selection.digest_only = true;
        Ok(selection)
    }

    /// Whether matched files are hashed instead of kept.
    pub fn digest_only(&self) -> bool {
        self.digest_only
    }

    /// Whether a file at `path` (no leading `/`) is to be kept.
    pub fn matches(&self, path: &str) -> bool {
        self.set.is_match(path)
    }

    /// Also keeps the windows `sniffs` find in the files they search.
    pub fn with_sniffs(mut self, sniffs: Vec<Sniff>) -> Result<Selection> {
        let mut globs = Vec::new();
        let mut owners = Vec::new();
        for (index, sniff) in sniffs.iter().enumerate() {
            if let Target::Paths(paths) = sniff.target {
                globs.extend(paths.iter().copied());
                owners.extend(paths.iter().map(|_| index));
            }
        }
        self.sniff_paths = if globs.is_empty() {
            None
        } else {
            Some((glob_set(globs)?, owners))
        };
        self.sniffs = sniffs;
        Ok(self)
    }

    /// The sniffs that search a regular file at `path` no pattern names:
    /// those of its path, and those of executables when it is one.
    pub fn sniffs_for(&self, path: &str, executable: bool) -> Vec<&Sniff> {
        let mut wanted: Vec<&Sniff> = Vec::new();
        if executable {
            wanted.extend(
                self.sniffs
                    .iter()
                    .filter(|s| matches!(s.target, Target::Executables)),
            );
        }
        if let Some((set, owners)) = &self.sniff_paths {
            // One match of the path; each sniff once, however many of its
            // globs name the file.
            let mut matched: Vec<usize> =
                set.matches(path).into_iter().map(|g| owners[g]).collect();
            matched.sort_unstable();
            matched.dedup();
            wanted.extend(matched.into_iter().map(|sniff| &self.sniffs[sniff]));
        }
        wanted
    }

    pub fn sniffs(&self) -> &[Sniff] {
        &self.sniffs
    }

    /// Also keeps the files `reductions` apply to reduced.
    pub fn with_reductions(mut self, reductions: Vec<Reduction>) -> Selection {
        self.reductions = reductions;
        self
    }

    pub fn reductions(&self) -> &[Reduction] {
        &self.reductions
    }

    /// The reduction of the wanted file at `path`, if it is kept reduced.
    pub fn reduction(&self, path: &str) -> Option<&Reduction> {
        self.reductions.iter().find(|r| (r.applies)(path))
    }

    /// What is kept of a wanted file: its bytes, or their reduction.
    pub fn keep(&self, path: &str, content: Vec<u8>) -> Vec<u8> {
        match self.reduction(path) {
            Some(reduction) => (reduction.reduce)(&content),
            None => content,
        }
    }

    /// The patterns, sorted.
    pub fn patterns(&self) -> impl Iterator<Item = &str> {
        self.patterns.iter().map(String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }
}

/// One glob set of rooted patterns (`*` does not cross `/`).
fn glob_set<'a>(patterns: impl IntoIterator<Item = &'a str>) -> Result<GlobSet> {
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        let glob = GlobBuilder::new(pattern)
            .literal_separator(true)
            .backslash_escape(true)
            .build()
            .with_context(|| format!("invalid path pattern {pattern:?}"))?;
        builder.add(glob);
    }
    builder.build().context("compiling path patterns")
}

/// Escapes glob metacharacters so a literal path can be used as a pattern.
pub fn escape(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        if matches!(c, '*' | '?' | '[' | ']' | '{' | '}' | '\\' | '!') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The literal directory part of a pattern before its first metacharacter,
/// e.g. `var/lib/dpkg` for `var/lib/dpkg/status.d/*`, as path components.
pub fn literal_prefix(pattern: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for component in pattern.split('/') {
        if component.contains(['*', '?', '[', '{', '\\']) {
            break;
        }
        out.push(component);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn star_does_not_cross_directories() {
        let s = Selection::new(["var/lib/dpkg/status.d/*", "usr/share/doc/*/copyright"]).unwrap();
        assert!(s.matches("var/lib/dpkg/status.d/libc6"));
        assert!(!s.matches("var/lib/dpkg/status.d/x/y"));
        assert!(s.matches("usr/share/doc/bash/copyright"));
        assert!(!s.matches("usr/share/doc/bash/examples/copyright"));
    }

    #[test]
    fn escaped_literals_match_only_themselves() {
        let s = Selection::new([escape("opt/[weird]*/status")]).unwrap();
        assert!(s.matches("opt/[weird]*/status"));
        assert!(!s.matches("opt/w/status"));
        assert_eq!(
            literal_prefix("var/lib/dpkg/status.d/*"),
            ["var", "lib", "dpkg", "status.d"]
        );
    }
}
