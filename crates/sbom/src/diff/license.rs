//! Licenses reduced to comparable terms, so one package's licenses compare
//! equal however a side spells them: an SPDX expression, the raw text a
//! package database holds (a Debian short name, free text), or a
//! `LicenseRef-` that an SPDX document's `hasExtractedLicensingInfos`
//! maps back to that text. Each spelling goes through the catalogers'
//! own [`License::new`] (what a scan does with the raw text), and the
//! result is the set of licenses it requires, `AND`/`OR` structure aside.

use std::collections::{BTreeMap, BTreeSet};

use spdx::LicenseItem;
use tallyman_catalogers::License;

use crate::id_text;

/// The terms of every expression in `licenses`; `refs` maps an SPDX
/// document's `LicenseRef-…` ids to the text they stand for.
pub fn terms(licenses: &[String], refs: &BTreeMap<String, String>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for text in licenses {
        add_terms(text, refs, &mut out, true);
    }
    out
}

fn add_terms(
    text: &str,
    refs: &BTreeMap<String, String>,
    out: &mut BTreeSet<String>,
    resolve: bool,
) {
    let Some(expression) = License::new(text)
        .spdx
        .and_then(|e| spdx::Expression::parse(&e).ok())
    else {
        out.insert(raw(text));
        return;
    };
    for requirement in expression.requirements() {
        let req = &requirement.req;
        match &req.license {
            LicenseItem::Spdx { .. } => {
                out.insert(req.to_string().to_ascii_lowercase());
            }
            LicenseItem::Other(reference) => {
                let id = format!("LicenseRef-{}", reference.lic_ref);
                match refs.get(&id) {
                    // Once: a text that is itself a LicenseRef stays one.
                    Some(original) if resolve => add_terms(original, refs, out, false),
                    _ => {
                        out.insert(raw(&reference.lic_ref));
                    }
                }
            }
        }
    }
}

/// A license that is no SPDX expression, as tallyman's `LicenseRef-` ids
/// spell it (lowercased).
fn raw(text: &str) -> String {
    let text = text.trim();
    let text = text.strip_prefix("LicenseRef-").unwrap_or(text);
    id_text(text).trim_matches('-').to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(texts: &[&str], refs: &[(&str, &str)]) -> BTreeSet<String> {
        let texts: Vec<String> = texts.iter().map(|s| (*s).to_owned()).collect();
        let refs = refs
            .iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect();
        terms(&texts, &refs)
    }

    #[test]
    fn spellings_of_one_license_agree() {
        // A Debian short name, its SPDX form, and an SPDX document's ref.
        assert_eq!(
            t(&["GPL-3+ or BSD-3-clause"], &[]),
            t(&["GPL-3.0-or-later OR BSD-3-Clause"], &[])
        );
        assert_eq!(
            t(&["GPL-3+ with Bison exception", "MIT"], &[]),
            t(
                &["LicenseRef-GPL-3--with-Bison-exception AND MIT"],
                &[(
                    "LicenseRef-GPL-3--with-Bison-exception",
                    "GPL-3+ with Bison exception"
                )]
            )
        );
        // A hashed ref (two names with one id_text) resolves to its own text.
        assert_eq!(
            t(
                &["LicenseRef-GFDL-NIV-1.3-2c129e5e"],
                &[("LicenseRef-GFDL-NIV-1.3-2c129e5e", "GFDL-NIV-1.3+")]
            ),
            t(&["GFDL-NIV-1.3+"], &[])
        );
        assert_eq!(
            t(&["(MIT OR Apache-2.0)"], &[]),
            t(&["Apache-2.0 OR MIT"], &[])
        );
        assert_ne!(t(&["MIT"], &[]), t(&["Apache-2.0"], &[]));
    }
}
