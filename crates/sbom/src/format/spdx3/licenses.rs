//! Licenses as `simplelicensing_LicenseExpression` elements, one per text.
//!
//! - Declared: every license the record states, joined with AND, as the
//!   SPDX 2 writer writes `licenseDeclared`; a name that is no SPDX
//!   expression becomes `LicenseRef-<name>` (with a hash of the name when
//!   two names would spell one id).
//! - Concluded: [`elements::concluded_license`], else nothing (the caller
//!   then names the `NoAssertionLicense` individual).
//! - Every `LicenseRef-…` an expression uses (ours, or one a record's own
//!   expression names, as conda-forge's `LicenseRef-Public-Domain`) is
//!   defined by the expression's `simplelicensing_customIdToUri`, which maps
//!   it to a `simplelicensing_SimpleLicensingText` holding what the record
//!   said.
//!
//! Every expression is checked by the SPDX expression parser before it is
//! written; one that does not parse is not written.

use std::collections::{BTreeMap, HashMap};

use serde_json::{json, Value};
use spdx_expression::SpdxExpression;
use tallyman_catalogers::License;

use super::ids::Ids;
use super::CREATION_INFO;
use crate::format::elements;
use crate::format::license_refs::{self, LicenseRefs};

#[derive(Default)]
pub struct Licenses {
    /// `LicenseRef-…` ids and the texts they stand for.
    refs: LicenseRefs,
    /// Expression text → its element's IRI.
    ids: HashMap<String, String>,
    /// Expression texts in the order they were first used.
    texts: Vec<String>,
}

impl Licenses {
    /// The declared licenses' expression, if the record states any.
    pub fn declared(&mut self, ids: &Ids, licenses: &[License]) -> Option<String> {
        let text = self.refs.declared(licenses)?;
        self.checked(ids, &text)
    }

    /// The concluded license's expression, if one can be concluded.
    pub fn concluded(&mut self, ids: &Ids, licenses: &[License]) -> Option<String> {
        let text = elements::concluded_license(licenses)?;
        for license in licenses {
            if let Some(spdx) = &license.spdx {
                self.refs.named_in(spdx, &license.value);
            }
        }
        self.checked(ids, &text)
    }

    /// The element of `text`, which must be a valid expression.
    pub fn expression(&mut self, ids: &Ids, text: &str) -> String {
        if let Some(id) = self.ids.get(text) {
            return id.clone();
        }
        let id = ids.license_expression(text);
        self.ids.insert(text.to_owned(), id.clone());
        self.texts.push(text.to_owned());
        id
    }

    /// `text` as the SPDX expression parser writes it, if it parses.
    fn checked(&mut self, ids: &Ids, text: &str) -> Option<String> {
        let text = SpdxExpression::parse(text).ok()?.to_string();
        Some(self.expression(ids, &text))
    }

    /// The expressions, in the order they were first used, then the texts
    /// of the `LicenseRef-…` ids they use.
    pub fn into_elements(self, ids: &Ids) -> Vec<Value> {
        let list_version = spdx::license_version();
        let mut used = BTreeMap::new();
        let mut out = Vec::with_capacity(self.texts.len());
        for text in &self.texts {
            let mut element = json!({
                "type": "simplelicensing_LicenseExpression",
                "spdxId": self.ids.get(text),
                "creationInfo": CREATION_INFO,
                "simplelicensing_licenseExpression": text,
                "simplelicensing_licenseListVersion": list_version,
            });
            let mut refs: Vec<&str> = license_refs::in_expression(text).collect();
            refs.sort_unstable();
            refs.dedup();
            if !refs.is_empty() {
                let entries: Vec<Value> = refs
                    .into_iter()
                    .map(|id| {
                        let said = self.refs.text(id).unwrap_or(text.as_str());
                        used.insert(id.to_owned(), said.to_owned());
                        json!({
                            "type": "DictionaryEntry",
                            "key": id,
                            "value": ids.license_text(id),
                        })
                    })
                    .collect();
                element["simplelicensing_customIdToUri"] = Value::Array(entries);
            }
            out.push(element);
        }
        out.extend(used.into_iter().map(|(id, said)| {
            json!({
                "type": "simplelicensing_SimpleLicensingText",
                "spdxId": ids.license_text(&id),
                "creationInfo": CREATION_INFO,
                "name": id,
                "simplelicensing_licenseText": said,
            })
        }));
        out
    }
}
