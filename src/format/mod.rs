//! Output formats: pure functions from an [`Sbom`] to bytes.
//!
//! `-o FORMAT[=FILE]` picks one; several `-o` write several documents from one
//! scan. Every format is deterministic: the same scan gives the same bytes.

mod json;
mod table;

use std::fmt;
use std::path::PathBuf;

use anyhow::{bail, Result};

use crate::sbom::Sbom;

/// The formats tallyman writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Aligned columns for people.
    Table,
    /// tallyman's own complete document.
    Json,
}

impl Format {
    pub const NAMES: &'static [&'static str] = &["table", "json"];

    fn parse(name: &str) -> Result<Format> {
        Ok(match name {
            "table" => Format::Table,
            "json" => Format::Json,
            other => bail!(
                "unknown output format {other:?} (known: {})",
                Format::NAMES.join(", ")
            ),
        })
    }

    /// Renders `sbom`; `width` is the terminal's width when writing to one.
    pub fn render(self, sbom: &Sbom, width: Option<usize>) -> Result<Vec<u8>> {
        match self {
            Format::Table => Ok(table::render(sbom, width).into_bytes()),
            Format::Json => json::render(sbom),
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Table => "table",
            Format::Json => "json",
        })
    }
}

/// One `-o FORMAT[=FILE]` request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputSpec {
    pub format: Format,
    /// `None` for standard output.
    pub path: Option<PathBuf>,
}

impl OutputSpec {
    /// Parses `FORMAT` or `FORMAT=FILE`.
    pub fn parse(text: &str) -> Result<OutputSpec> {
        let (name, path) = match text.split_once('=') {
            Some((name, "")) => bail!("-o {name}=: missing file name after '='"),
            Some((name, path)) => (name, Some(PathBuf::from(path))),
            None => (text, None),
        };
        Ok(OutputSpec {
            format: Format::parse(name)?,
            path,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_output_specs() {
        assert_eq!(
            OutputSpec::parse("json=out/sbom.json").unwrap(),
            OutputSpec {
                format: Format::Json,
                path: Some(PathBuf::from("out/sbom.json"))
            }
        );
        assert_eq!(OutputSpec::parse("table").unwrap().path, None);
        assert!(OutputSpec::parse("xml").is_err());
        assert!(OutputSpec::parse("json=").is_err());
    }
}
