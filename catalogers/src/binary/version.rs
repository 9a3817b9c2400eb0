//! Reading versions: every pattern of the classifier table compiled once
//! (over bytes, with ASCII classes, as Go's `regexp` reads syft's patterns
//! out of a binary's bytes), and syft's rule for which match counts: the
//! first whose `version` group is not empty.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::bytes::Regex;

use super::classifiers::{Matcher, CLASSIFIERS};

/// Longer "versions" are not versions (a pattern such as Java's
/// `[0-9]+[^\x00]+` can run on through garbage).
const MAX_VERSION: usize = 128;

/// A NUL-delimited run of version characters (Python's `PY_VERSION`).
pub const VERSION_RUN: &str = r"\x00(?P<version>[-._a-zA-Z0-9]*)\x00";

/// Every pattern of the table, compiled; `Err` names one that is not valid.
static PATTERNS: LazyLock<Result<HashMap<&'static str, Regex>, String>> =
    LazyLock::new(compile_all);

fn compile_all() -> Result<HashMap<&'static str, Regex>, String> {
    let mut sources = vec![VERSION_RUN];
    for classifier in CLASSIFIERS {
        sources_of(&classifier.matcher, &mut sources);
    }
    let mut compiled = HashMap::new();
    for source in sources {
        let regex = compile(source).map_err(|e| format!("{source:?}: {e}"))?;
        compiled.insert(source, regex);
    }
    Ok(compiled)
}

fn sources_of(matcher: &'static Matcher, out: &mut Vec<&'static str>) {
    match matcher {
        Matcher::Windows { pattern, .. }
        | Matcher::Joined { pattern, .. }
        | Matcher::OtpRelease { pattern } => out.push(pattern),
        Matcher::FileName { name, .. } => out.push(name),
        Matcher::Named { name, matcher } => {
            out.push(name);
            sources_of(matcher, out);
        }
        Matcher::Library { name, library, .. } => {
            out.push(name);
            sources_of(library, out);
        }
        Matcher::FirstOf(matchers) => {
            for matcher in *matchers {
                sources_of(matcher, out);
            }
        }
        Matcher::Excluding {
            matcher, pattern, ..
        } => {
            out.push(pattern);
            sources_of(matcher, out);
        }
    }
}

/// A pattern over bytes: `.` and `[^…]` match any byte (not only valid
/// UTF-8, which is what Go's regexp sees in a binary's bytes), `\d \s \w`
/// are ASCII.
pub fn compile(source: &str) -> Result<Regex, regex::Error> {
    Regex::new(&format!("(?-u){source}"))
}

/// The compiled table, or why it could not be compiled (a bug: the tests
/// compile every pattern).
pub fn patterns() -> Result<&'static HashMap<&'static str, Regex>, &'static str> {
    PATTERNS.as_ref().map_err(String::as_str)
}

/// The version of the first match of `regex` in `haystack` whose `version`
/// group is not empty (syft's `MatchNamedCaptureGroups`).
pub fn first_version(regex: &Regex, haystack: &[u8]) -> Option<String> {
    regex.captures_iter(haystack).find_map(|captures| {
        let version = captures.name("version")?.as_bytes();
        (!version.is_empty() && version.len() <= MAX_VERSION)
            .then(|| String::from_utf8_lossy(version).into_owned())
    })
}

/// The `version` group `regex` captures in a path (a file-name rule).
pub fn path_version(regex: &Regex, path: &str) -> Option<String> {
    let captures = regex.captures(path.as_bytes())?;
    let version = captures.name("version")?.as_bytes();
    Some(String::from_utf8_lossy(version).into_owned())
}
