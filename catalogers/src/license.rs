//! Licenses as package databases state them, with their SPDX form when known.
//!
//! A [`License`] keeps the value exactly as the package declared it (`GPL-2+`,
//! `Expat`, `MIT`) and, when it can be expressed in SPDX, the equivalent SPDX
//! expression (`GPL-2.0-or-later`, `MIT`). Debian's DEP-5 short names are
//! mapped by [`spdx_from_debian`]; anything else must already be a valid SPDX
//! expression. Values that map to nothing keep `spdx: None`, so that output
//! formats can write them as `LicenseRef-…` without guessing.

use serde::Serialize;

/// A declared license.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct License {
    /// As written in the package's metadata.
    pub value: String,
    /// The same license as a valid SPDX expression, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spdx: Option<String>,
}

impl License {
    /// A license stated in SPDX syntax (npm, apk, opkg) or a DEP-5 short name.
    pub fn new(value: &str) -> License {
        let value = value.trim();
        License {
            value: value.to_owned(),
            spdx: spdx_expression(value).or_else(|| spdx_from_debian(value)),
        }
    }
}

/// `value` as an SPDX expression when it already is a valid one (without
/// redundant outer parentheses: `(MIT OR Apache-2.0)` → `MIT OR Apache-2.0`).
pub fn spdx_expression(value: &str) -> Option<String> {
    let expression = spdx::Expression::parse(value).ok()?;
    let mut text = expression.to_string().trim().to_owned();
    while let Some(inner) = text.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
        if spdx::Expression::parse(inner).is_err() || !balanced(inner) {
            break;
        }
        text = inner.trim().to_owned();
    }
    Some(text)
}

/// Whether every `(` in `text` is closed before its end, never going below zero.
fn balanced(text: &str) -> bool {
    let mut depth = 0i32;
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ => {}
        }
        if depth < 0 {
            return false;
        }
    }
    depth == 0
}

/// Maps a DEP-5 license short name (or an `or`/`and`/`,`/`|` combination of
/// them) to SPDX, as the copyright-format 1.0 specification defines the names.
pub fn spdx_from_debian(value: &str) -> Option<String> {
    let value = value.trim();
    for (separator, operator) in [
        (" or ", " OR "),
        (" | ", " OR "),
        (" and ", " AND "),
        (", ", " AND "),
    ] {
        let lower = value.to_ascii_lowercase();
        if lower.contains(separator) {
            let mut parts = Vec::new();
            let mut rest = value;
            while let Some(at) = rest.to_ascii_lowercase().find(separator) {
                parts.push(spdx_from_debian(&rest[..at])?);
                rest = &rest[at + separator.len()..];
            }
            parts.push(spdx_from_debian(rest)?);
            let joined = parts
                .iter()
                .map(|p| {
                    if p.contains(' ') {
                        format!("({p})")
                    } else {
                        p.clone()
                    }
                })
                .collect::<Vec<_>>()
                .join(operator);
            return spdx_expression(&joined);
        }
    }
    debian_short_name(value)
}

fn debian_short_name(name: &str) -> Option<String> {
    let (base, or_later) = match name.strip_suffix('+') {
        Some(base) => (base, true),
        None => (name, false),
    };
    let lower = base.to_ascii_lowercase();
    // GNU families: GPL-2 -> GPL-2.0-only, LGPL-2.1+ -> LGPL-2.1-or-later.
    for family in ["agpl", "lgpl", "gpl", "gfdl"] {
        if let Some(version) = lower.strip_prefix(family).and_then(|v| v.strip_prefix('-')) {
            let version = if version.contains('.') {
                version.to_owned()
            } else {
                format!("{version}.0")
            };
            let id = spdx::gnu_license_id(
                &format!("{}-{version}", family.to_ascii_uppercase()),
                or_later,
            )?;
            return Some(id.name.to_owned());
        }
    }
    let mapped = match lower.as_str() {
        "expat" => "MIT",
        "apache-2" | "apache-2.0" => "Apache-2.0",
        "apache-1.1" => "Apache-1.1",
        "artistic" | "artistic-1" | "artistic-1.0" => "Artistic-1.0",
        "artistic-2" | "artistic-2.0" => "Artistic-2.0",
        "bsd-2-clause" => "BSD-2-Clause",
        "bsd-3-clause" => "BSD-3-Clause",
        "bsd-4-clause" => "BSD-4-Clause",
        "isc" => "ISC",
        "zlib" => "Zlib",
        "cc0" | "cc0-1.0" => "CC0-1.0",
        "mpl-1.1" => "MPL-1.1",
        "mpl-2.0" => "MPL-2.0",
        "python-2.0" | "psf-2" => "Python-2.0",
        "perl" => return spdx_expression("Artistic-1.0-Perl OR GPL-1.0-or-later"),
        _ => {
            let id = spdx::license_id(base)?;
            return Some(if or_later && !id.name.ends_with("-or-later") {
                format!("{}+", id.name)
            } else {
                id.name.to_owned()
            });
        }
    };
    Some(if or_later {
        format!("{mapped}+")
    } else {
        mapped.to_owned()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debian_names_map_to_spdx() {
        let cases = [
            ("GPL-2", Some("GPL-2.0-only")),
            ("GPL-2+", Some("GPL-2.0-or-later")),
            ("LGPL-2.1+", Some("LGPL-2.1-or-later")),
            ("LGPL-2", Some("LGPL-2.0-only")),
            ("Expat", Some("MIT")),
            ("BSD-3-clause", Some("BSD-3-Clause")),
            (
                "GPL-2+ or Artistic",
                Some("GPL-2.0-or-later OR Artistic-1.0"),
            ),
            ("public-domain", None),
            ("permissive-fsf", None),
        ];
        for (value, want) in cases {
            assert_eq!(License::new(value).spdx.as_deref(), want, "{value}");
        }
    }

    #[test]
    fn spdx_expressions_are_kept() {
        assert_eq!(
            License::new("MIT OR Apache-2.0").spdx.as_deref(),
            Some("MIT OR Apache-2.0")
        );
        assert_eq!(
            License::new("GPL-2.0-only").spdx.as_deref(),
            Some("GPL-2.0-only")
        );
        assert_eq!(License::new("MIT BSD GPL2+").spdx, None);
    }
}
