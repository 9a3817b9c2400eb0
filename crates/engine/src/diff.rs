//! `tallyman diff`'s two sides, each a scan SOURCE or an SBOM document
//! (recognised by content, or insisted on with `sbom:PATH`), read and
//! compared by [`tallyman_sbom::diff`].

use std::path::{Path, PathBuf};

use tallyman_sbom::diff::{self, document, side, Diff, Side};
use tallyman_sbom::Sbom;

use crate::error::Result;
use crate::scan::{scan, ScanOptions};
use crate::source::SourceSpec;

/// What one side of a diff is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SideSource {
    /// An SBOM file.
    Document(PathBuf),
    /// Anything `scan` takes.
    Scan(String),
}

impl SideSource {
    /// `sbom:PATH`, or an existing file that holds a JSON object (an image
    /// archive is a tar, a layout a directory), else a scan SOURCE.
    pub fn parse(arg: &str) -> SideSource {
        if let Some(path) = arg.strip_prefix("sbom:") {
            return SideSource::Document(PathBuf::from(path));
        }
        if document::is_document(Path::new(arg)) {
            return SideSource::Document(PathBuf::from(arg));
        }
        SideSource::Scan(arg.to_owned())
    }
}

/// Reads one side (`input` as the user wrote it); a scan tells `scanned`
/// of its result (its warnings are the caller's to show).
pub fn read_side(
    input: &str,
    source: &SideSource,
    options: &ScanOptions,
    scanned: &dyn Fn(&Sbom),
) -> Result<Side> {
    Ok(match source {
        SideSource::Document(path) => document::read(input, path)?,
        SideSource::Scan(arg) => {
            let sbom = scan(&SourceSpec::parse(arg)?, options)?;
            scanned(&sbom);
            side::from_scan(input, &sbom)
        }
    })
}

/// The differences between `from` and `to` (arguments as `diff` takes
/// them); scans use `options`.
pub fn diff(from: &str, to: &str, options: &ScanOptions, scanned: &dyn Fn(&Sbom)) -> Result<Diff> {
    let from_side = read_side(from, &SideSource::parse(from), options, scanned)?;
    let to_side = read_side(to, &SideSource::parse(to), options, scanned)?;
    Ok(diff::diff(from_side, to_side))
}
