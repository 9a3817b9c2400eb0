//! A Java archive reduced, as it is read, to what the cataloger needs: the
//! text of every `META-INF/maven/<group>/<artifact>/pom.properties`, the
//! `META-INF/MANIFEST.MF`, and the same of every archive nested in it
//! (`BOOT-INF/lib/*.jar`, `WEB-INF/lib/*.jar`, any `*.jar` entry), to a
//! bounded depth. The layer reader keeps this [`Summary`] in place of the
//! archive, so a layer of many jars costs their metadata, not their bytes.
//!
//! The zip's central directory is at its end, so the archive is read whole
//! (within the archive size limit) before it is reduced; then every read is
//! bounded: [`MAX_DEPTH`] levels of nesting, [`INFLATE_BUDGET`] bytes
//! inflated in all (nested archives included: the 42.zip shape stops
//! there), small caps on the metadata files themselves.

use std::io::{Cursor, Read};

use serde::{Deserialize, Serialize};

/// What a kept file starts with when it is a summary, not an archive.
pub const MAGIC: &[u8] = b"\0tallyman java archive summary\n";
/// Archives nested in archives nested in an archive are read; deeper not.
pub const MAX_DEPTH: usize = 3;
/// Most bytes inflated out of one archive, nested archives included.
pub const INFLATE_BUDGET: u64 = 512 << 20;
const MAX_METADATA: u64 = 1 << 20;

/// File name suffixes of Java archives.
pub const EXTENSIONS: &[&str] = &[".jar", ".war", ".ear", ".jpi", ".hpi"];

/// Whether `path` names a Java archive (by its suffix, any case).
pub fn is_archive(path: &str) -> bool {
    let lower = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
    EXTENSIONS.iter().any(|e| lower.ends_with(e))
}

/// One archive's metadata.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// (entry path, text) of each `pom.properties`.
    pub pom_properties: Vec<(String, String)>,
    pub manifest: Option<String>,
    /// (entry path, summary) of each nested archive.
    pub nested: Vec<(String, Summary)>,
    /// What could not be read (a corrupt zip, a budget spent).
    pub problems: Vec<String>,
}

/// The summary of `archive` as the bytes the layer reader keeps.
pub fn reduce(archive: &[u8]) -> Vec<u8> {
    let mut budget = INFLATE_BUDGET;
    let summary = summarize(archive, 0, &mut budget);
    let mut kept = MAGIC.to_vec();
    // A summary of strings always serialises.
    kept.extend(serde_json::to_vec(&summary).unwrap_or_default());
    kept
}

/// The summary a kept file holds, if it is one.
pub fn read_summary(kept: &[u8]) -> Option<Summary> {
    serde_json::from_slice(kept.strip_prefix(MAGIC)?).ok()
}

/// The summary of `archive` at nesting `depth`, inflating at most `budget`
/// more bytes (what it inflates is taken off).
pub(crate) fn summarize(archive: &[u8], depth: usize, budget: &mut u64) -> Summary {
    let mut summary = Summary::default();
    let mut zip = match zip::ZipArchive::new(Cursor::new(archive)) {
        Ok(zip) => zip,
        Err(error) => {
            summary
                .problems
                .push(format!("not a readable zip ({error})"));
            return summary;
        }
    };
    for index in 0..zip.len() {
        let mut entry = match zip.by_index(index) {
            Ok(entry) => entry,
            Err(error) => {
                summary
                    .problems
                    .push(format!("entry {index} unreadable ({error})"));
                continue;
            }
        };
        if !entry.is_file() {
            continue;
        }
        let name = match entry.name() {
            Ok(name) => name.into_owned(),
            Err(error) => {
                summary
                    .problems
                    .push(format!("entry {index} unreadable ({error})"));
                continue;
            }
        };
        let wanted = if name == "META-INF/MANIFEST.MF" || is_pom_properties(&name) {
            MAX_METADATA
        } else if is_archive(&name) && depth + 1 < MAX_DEPTH {
            *budget
        } else if is_archive(&name) {
            summary.problems.push(format!(
                "{name}: an archive nested more than {MAX_DEPTH} deep; not read"
            ));
            continue;
        } else {
            continue;
        };
        let cap = wanted.min(*budget);
        let mut bytes = Vec::new();
        let read = entry.by_ref().take(cap + 1).read_to_end(&mut bytes);
        *budget = budget.saturating_sub(bytes.len() as u64);
        if let Err(error) = read {
            summary.problems.push(format!("{name}: {error}"));
            continue;
        }
        if bytes.len() as u64 > cap {
            summary.problems.push(format!(
                "{name}: more than {cap} bytes inflated; the rest of the archive is not read"
            ));
            if *budget == 0 {
                break; // the budget is spent
            }
            continue;
        }
        if is_archive(&name) {
            let nested = summarize(&bytes, depth + 1, budget);
            drop(bytes);
            summary.nested.push((name, nested));
        } else if name == "META-INF/MANIFEST.MF" {
            summary.manifest = Some(String::from_utf8_lossy(&bytes).into_owned());
        } else {
            summary
                .pom_properties
                .push((name, String::from_utf8_lossy(&bytes).into_owned()));
        }
    }
    summary
}

/// `META-INF/maven/<group>/<artifact>/pom.properties`.
fn is_pom_properties(name: &str) -> bool {
    name.strip_prefix("META-INF/maven/")
        .and_then(|rest| rest.strip_suffix("/pom.properties"))
        .is_some_and(|middle| middle.split('/').count() == 2)
}
