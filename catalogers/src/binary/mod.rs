//! The binary-classifier cataloger: runtimes and servers that images
//! install outside a package manager (docker's `python`, `node`, `ruby`,
//! `php`, `golang`, `redis`, … images build them from source into
//! `/usr/local`), recognised by what their files' bytes say, as syft's
//! binary classifiers do ([`classifiers`]: the table, syft 1.18.1's rules
//! for the same software and a few of tallyman's own).
//!
//! The layer reader never keeps such a binary: the [`sniffs`] name the
//! files (by path) and the magic strings to look for, and only small
//! windows around them stand in the view at the file's path. A classifier
//! reads the files its globs name (by real path: links are followed by
//! the view, and a file reached by several paths is one file), finds a
//! version in their windows, and makes a package of type `binary`. Equal
//! name and version make one package (an interpreter and its
//! `libpython3.11.so.1.0`, a `go` binary and its `VERSION`), the file
//! found first its primary location; every file is evidence. Packages a
//! package database owns are dropped later, by the engine: every match is
//! reported here.

mod classifiers;
mod package;
mod search;
mod sniffs;
#[cfg(test)]
mod tests;
mod version;

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};
use std::sync::LazyLock;

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use regex::bytes::Regex;

use crate::model::{Catalog, Location};
use crate::sniff::{self, Sniff, Target};
use crate::view::{FileRef, ImageFiles};
use crate::{Cataloger, Environment};

use classifiers::{Matcher, CLASSIFIERS, OTP_VERSION_GLOBS};
use package::{Found, Packages};

/// Finds runtimes and servers recognised in their binaries.
pub struct BinaryCataloger;

impl Cataloger for BinaryCataloger {
    fn name(&self) -> &'static str {
        "binary-classifier"
    }

    fn version(&self) -> u32 {
        1
    }

    fn patterns(&self) -> &'static [&'static str] {
        OTP_VERSION_GLOBS
    }

    fn sniffs(&self) -> &'static [Sniff] {
        sniffs::SNIFFS
    }

    fn catalog(&self, files: &ImageFiles, _env: &Environment) -> Catalog {
        let mut catalog = Catalog::default();
        let (globs, patterns) = match (GLOBS.as_ref(), version::patterns()) {
            (Ok(globs), Ok(patterns)) => (globs, patterns),
            (Err(why), _) => return unavailable(catalog, why),
            (_, Err(why)) => return unavailable(catalog, why),
        };
        // Each classifier in turn over the files it reads, in path order.
        let mut read: Vec<(usize, FileRef<'_>)> = Vec::new();
        for file in files.files() {
            let owners: BTreeSet<usize> = globs
                .classifiers
                .matches(file.path)
                .into_iter()
                .map(|glob| globs.classifier_of[glob])
                .collect();
            read.extend(owners.into_iter().map(|owner| (owner, file)));
        }
        read.sort_by_key(|(owner, _)| *owner);
        let context = Context {
            files,
            globs,
            patterns,
        };
        let mut packages = Packages::default();
        for (owner, file) in read {
            let classifier = &CLASSIFIERS[owner];
            for found in context.evaluate(&classifier.matcher, file) {
                packages.add(classifier, found);
            }
        }
        catalog.packages = packages.into_packages();
        catalog
    }

    fn one_record_per_package(&self) -> bool {
        // A package's primary file is its record.
        true
    }
}

/// No classifier can run (a bug: the tests compile the whole table).
fn unavailable(mut catalog: Catalog, why: &str) -> Catalog {
    catalog
        .warnings
        .push(format!("binary classifiers unavailable: {why}"));
    catalog
}

/// The table's globs, compiled once.
struct Globs {
    /// Every classifier's globs; `classifier_of` maps each to its classifier.
    classifiers: GlobSet,
    classifier_of: Vec<usize>,
    /// Every sniff's globs, for files kept whole that must be searched here.
    sniffs: GlobSet,
    sniff_of: Vec<usize>,
}

static GLOBS: LazyLock<Result<Globs, String>> = LazyLock::new(|| {
    let classifier_globs = CLASSIFIERS
        .iter()
        .enumerate()
        .flat_map(|(i, c)| c.globs.iter().map(move |g| (*g, i)));
    let sniff_globs = sniffs::SNIFFS
        .iter()
        .enumerate()
        .flat_map(|(i, s)| match s.target {
            Target::Paths(globs) => globs.iter().map(move |g| (*g, i)).collect(),
            Target::Executables => Vec::new(),
        });
    let (classifiers, classifier_of) = glob_set(classifier_globs)?;
    let (sniffs, sniff_of) = glob_set(sniff_globs)?;
    Ok(Globs {
        classifiers,
        classifier_of,
        sniffs,
        sniff_of,
    })
});

/// Rooted globs as the layer reader compiles them (`*` within one name).
fn glob_set(
    globs: impl Iterator<Item = (&'static str, usize)>,
) -> Result<(GlobSet, Vec<usize>), String> {
    let mut builder = GlobSetBuilder::new();
    let mut owners = Vec::new();
    for (glob, owner) in globs {
        let glob = GlobBuilder::new(glob)
            .literal_separator(true)
            .backslash_escape(true)
            .build()
            .map_err(|e| format!("glob {glob:?}: {e}"))?;
        builder.add(glob);
        owners.push(owner);
    }
    let set = builder.build().map_err(|e| e.to_string())?;
    Ok((set, owners))
}

/// What matchers read: the view, its windows and the compiled patterns.
struct Context<'a> {
    files: &'a ImageFiles,
    globs: &'a Globs,
    patterns: &'a HashMap<&'static str, Regex>,
}

impl<'a> Context<'a> {
    /// The windows sniffed out of `file` (searched here when the file was
    /// kept whole because some cataloger's pattern names it).
    fn windows(&self, file: FileRef<'a>) -> Vec<Cow<'a, [u8]>> {
        if file.content.starts_with(sniff::FRAMED_MAGIC) {
            return sniff::windows(file.content).map(Cow::Borrowed).collect();
        }
        let owners: BTreeSet<usize> = self
            .globs
            .sniffs
            .matches(file.path)
            .into_iter()
            .map(|glob| self.globs.sniff_of[glob])
            .collect();
        let wanted: Vec<&Sniff> = owners.into_iter().map(|i| &sniffs::SNIFFS[i]).collect();
        search::find_windows(file.content, &wanted)
            .into_iter()
            .map(Cow::Owned)
            .collect()
    }

    /// The windows of `file` that start with one of `magics`, in file order.
    fn windows_of(&self, file: FileRef<'a>, magics: &[&[u8]]) -> Vec<Cow<'a, [u8]>> {
        let mut windows = self.windows(file);
        windows.retain(|w| magics.iter().any(|m| w.starts_with(m)));
        windows
    }

    fn pattern(&self, source: &str) -> Option<&'a Regex> {
        self.patterns.get(source)
    }

    /// What `matcher` finds in `file`: a version and its evidence, `file`
    /// first (an executable and each library it needs that has one).
    fn evaluate(&self, matcher: &Matcher, file: FileRef<'a>) -> Vec<Found> {
        let alone = |version: Option<String>| -> Vec<Found> {
            version
                .map(|version| Found {
                    version,
                    evidence: vec![file.location()],
                })
                .into_iter()
                .collect()
        };
        match matcher {
            Matcher::Windows { magics, pattern } => {
                let Some(regex) = self.pattern(pattern) else {
                    return Vec::new();
                };
                alone(
                    self.windows_of(file, magics)
                        .iter()
                        .find_map(|w| version::first_version(regex, w)),
                )
            }
            Matcher::Joined { magics, pattern } => {
                let Some(regex) = self.pattern(pattern) else {
                    return Vec::new();
                };
                let joined = self.windows_of(file, magics).join(&b'\n');
                alone(version::first_version(regex, &joined))
            }
            Matcher::FileName { name, magics } => {
                let (Some(name), Some(run)) =
                    (self.pattern(name), self.pattern(version::VERSION_RUN))
                else {
                    return Vec::new();
                };
                let Some(prefix) = version::path_version(name, &file.absolute_path()) else {
                    return Vec::new();
                };
                alone(self.windows_of(file, magics).iter().find_map(|w| {
                    version::first_version(run, w).filter(|v| v.starts_with(&prefix))
                }))
            }
            Matcher::Named { name, matcher } => match self.pattern(name) {
                Some(name) if name.is_match(file.absolute_path().as_bytes()) => {
                    self.evaluate(matcher, file)
                }
                _ => Vec::new(),
            },
            Matcher::Library {
                magic,
                name,
                library,
            } => {
                let Some(name) = self.pattern(name) else {
                    return Vec::new();
                };
                let mut found = Vec::new();
                for window in self.windows_of(file, &[magic]) {
                    let needed = window.strip_suffix(b"\0").unwrap_or(&window);
                    let Ok(needed) = std::str::from_utf8(needed) else {
                        continue;
                    };
                    if !name.is_match(needed.as_bytes()) {
                        continue;
                    }
                    for lib in self.files_named(needed) {
                        for mut from_lib in self.evaluate(library, lib) {
                            from_lib.evidence.insert(0, file.location());
                            found.push(from_lib);
                        }
                    }
                }
                found
            }
            Matcher::FirstOf(matchers) => matchers
                .iter()
                .map(|m| self.evaluate(m, file))
                .find(|found| !found.is_empty())
                .unwrap_or_default(),
            Matcher::Excluding {
                matcher,
                magics,
                pattern,
            } => {
                let Some(exclusion) = self.pattern(pattern) else {
                    return Vec::new();
                };
                if self
                    .windows_of(file, magics)
                    .iter()
                    .any(|w| exclusion.is_match(w))
                {
                    return Vec::new();
                }
                self.evaluate(matcher, file)
            }
            Matcher::OtpRelease { pattern } => {
                let Some(regex) = self.pattern(pattern) else {
                    return Vec::new();
                };
                let Some(version) = version::first_version(regex, file.content) else {
                    return Vec::new();
                };
                let mut evidence = self.erts_binaries(file.path);
                if evidence.is_empty() {
                    return Vec::new();
                }
                evidence.push(file.location());
                vec![Found { version, evidence }]
            }
        }
    }

    /// Files anywhere in the image named `name` (also through links), each
    /// once (syft's `**/<name>` lookup of a needed library).
    fn files_named(&self, name: &str) -> Vec<FileRef<'a>> {
        let base = |path: &str| path.rsplit('/').next() == Some(name);
        let mut found: Vec<FileRef<'a>> = self.files.files().filter(|f| base(f.path)).collect();
        let linked: Vec<&str> = self
            .files
            .symlinks()
            .filter(|(path, _)| base(path))
            .map(|(path, _)| path)
            .collect();
        for link in linked {
            if let Some(file) = self.files.read(link) {
                if !found.iter().any(|f| f.path == file.path) {
                    found.push(file);
                }
            }
        }
        found
    }

    /// The `erts-*/bin/erlexec` and `beam.smp` of the OTP installation
    /// whose `releases/<major>/OTP_VERSION` is at `release`.
    fn erts_binaries(&self, release: &str) -> Vec<Location> {
        let mut parts = release.rsplitn(4, '/');
        let (Some(_), Some(_), Some("releases")) = (parts.next(), parts.next(), parts.next())
        else {
            return Vec::new();
        };
        let prefix = match parts.next() {
            Some(root) => format!("{root}/erts-"),
            None => "erts-".to_owned(),
        };
        let mut binaries: Vec<(usize, Location)> = Vec::new();
        for file in self.files.files() {
            let Some(rest) = file.path.strip_prefix(&prefix) else {
                continue;
            };
            let mut names = rest.split('/');
            let (Some(_), Some("bin"), Some(name), None) =
                (names.next(), names.next(), names.next(), names.next())
            else {
                continue;
            };
            let order = match name {
                "erlexec" => 0,
                "beam.smp" => 1,
                _ => continue,
            };
            binaries.push((order, file.location()));
        }
        binaries.sort_by_key(|(order, _)| *order);
        binaries.into_iter().map(|(_, l)| l).collect()
    }
}
