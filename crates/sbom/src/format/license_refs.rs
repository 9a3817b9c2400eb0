//! `LicenseRef-…` ids, shared by the SPDX 2 and SPDX 3 writers: a license
//! name that is no SPDX expression gets `LicenseRef-<name>` (with a hash of
//! the name when two names would spell one id), and every id a record's own
//! expression names (conda-forge writes `LicenseRef-Public-Domain`) is
//! remembered with what the record said, so the document can define it.

use std::collections::BTreeMap;

use tallyman_catalogers::License;

use crate::id_text;

#[derive(Default)]
pub struct LicenseRefs {
    /// id → the text it stands for.
    texts: BTreeMap<String, String>,
}

impl LicenseRefs {
    /// All of a package's declared licenses joined with AND (names that are
    /// no SPDX expression as `LicenseRef-…`), or `None` when it states none.
    pub fn declared(&mut self, licenses: &[License]) -> Option<String> {
        let mut terms: Vec<String> = licenses
            .iter()
            .map(|license| match &license.spdx {
                Some(spdx) => {
                    self.named_in(spdx, &license.value);
                    if spdx.contains(' ') {
                        format!("({spdx})")
                    } else {
                        spdx.clone()
                    }
                }
                None => self.reference(&license.value),
            })
            .collect();
        terms.sort();
        terms.dedup();
        (!terms.is_empty()).then(|| terms.join(" AND "))
    }

    /// Records the text behind each `LicenseRef-…` of a record's own
    /// expression: what the record said.
    pub fn named_in(&mut self, expression: &str, said: &str) {
        for id in in_expression(expression) {
            self.texts
                .entry(id.to_owned())
                .or_insert_with(|| said.to_owned());
        }
    }

    /// The text behind `id`, if it was named.
    pub fn text(&self, id: &str) -> Option<&str> {
        self.texts.get(id).map(String::as_str)
    }

    /// Every id and its text, by id.
    pub fn into_texts(self) -> BTreeMap<String, String> {
        self.texts
    }

    /// The `LicenseRef-…` id of a name that is no SPDX expression.
    fn reference(&mut self, name: &str) -> String {
        let base = id_text(name);
        let mut id = format!("LicenseRef-{}", base.trim_matches('-'));
        if id == "LicenseRef-" {
            id.push_str("unnamed");
        }
        if self.texts.get(&id).is_some_and(|taken| taken != name) {
            let hash = &hex::encode(<sha2::Sha256 as sha2::Digest>::digest(name.as_bytes()))[..8];
            id = format!("{id}-{hash}");
        }
        self.texts.insert(id.clone(), name.to_owned());
        id
    }
}

/// The `LicenseRef-…` ids an expression names.
pub fn in_expression(expression: &str) -> impl Iterator<Item = &str> {
    expression
        .split(|c: char| c.is_whitespace() || c == '(' || c == ')')
        .filter(|token| token.starts_with("LicenseRef-"))
}
