//! Who made the document and who supplied each package, as agent elements.
//!
//! - The document's creators: tallyman, which acted, as a `SoftwareAgent`
//!   (SPDX 3's `Tool` is no agent; it is what `createdUsing` names), and the
//!   `--author` as a `Person`.
//! - A package's supplier ([`elements::supplier`]), which is its
//!   originator too: one element per distinct text, an `Organization` for a
//!   distribution's own packages (a distribution's maintainers supply them)
//!   and a `Person` for the others (their authors).
//!
//! An agent's email and URL become `externalIdentifier`s of type `email`
//! and `urlScheme`, which is where the minimum elements look for contact
//! information.

use std::collections::HashMap;

use serde_json::{json, Value};
use tallyman_catalogers::Package;

use super::ids::Ids;
use super::CREATION_INFO;
use crate::format::elements::{self, Person};
use crate::Sbom;

/// The creators of the document.
pub struct Creators {
    /// The agents' and the tool's elements.
    pub elements: Vec<Value>,
    /// `CreationInfo.createdBy` and `createdUsing`.
    pub created_by: Vec<String>,
    pub created_using: Vec<String>,
}

/// tallyman (the agent and the tool) and the `--author`.
pub fn creators(ids: &Ids, sbom: &Sbom) -> Creators {
    let name = format!("tallyman-{}", crate::VERSION);
    let tallyman = ids.iri("SPDXRef-Creator-tallyman");
    let tool = ids.iri("SPDXRef-Tool-tallyman");
    let mut creators = Creators {
        elements: vec![
            json!({
                "type": "SoftwareAgent",
                "spdxId": tallyman,
                "creationInfo": CREATION_INFO,
                "name": name,
            }),
            json!({
                "type": "Tool",
                "spdxId": tool,
                "creationInfo": CREATION_INFO,
                "name": name,
            }),
        ],
        created_by: vec![tallyman],
        created_using: vec![tool],
    };
    if let Some(author) = sbom.author.as_deref().and_then(Person::parse) {
        let id = ids.iri("SPDXRef-Creator-author");
        creators.elements.push(agent("Person", &id, &author));
        creators.created_by.push(id);
    }
    creators
}

/// The suppliers of the packages, one element per distinct text.
#[derive(Default)]
pub struct Agents {
    /// (element type, the record's text) → the element's IRI.
    ids: HashMap<(&'static str, String), String>,
    elements: Vec<Value>,
}

impl Agents {
    /// The IRI of the package's supplier, if its record names one.
    pub fn supplier(&mut self, ids: &Ids, package: &Package) -> Option<String> {
        let person = elements::supplier(package)?;
        let kind = if package.kind.is_distro_package() {
            "Organization"
        } else {
            "Person"
        };
        let text = package.supplier.as_deref().unwrap_or_default().trim();
        let key = (kind, text.to_owned());
        if let Some(id) = self.ids.get(&key) {
            return Some(id.clone());
        }
        let id = ids.agent(kind, text);
        self.elements.push(agent(kind, &id, &person));
        self.ids.insert(key, id.clone());
        Some(id)
    }

    /// The agents' elements, in the order the packages named them.
    pub fn into_elements(self) -> Vec<Value> {
        self.elements
    }
}

/// A `Person` or `Organization` element with its contact identifiers.
fn agent(kind: &str, id: &str, person: &Person) -> Value {
    let mut element = json!({
        "type": kind,
        "spdxId": id,
        "creationInfo": CREATION_INFO,
        "name": person.name,
    });
    let identifiers: Vec<Value> = [("email", &person.email), ("urlScheme", &person.url)]
        .into_iter()
        .filter_map(|(kind, value)| {
            value.as_ref().map(|value| {
                json!({
                    "type": "ExternalIdentifier",
                    "externalIdentifierType": kind,
                    "identifier": value,
                })
            })
        })
        .collect();
    if !identifiers.is_empty() {
        element["externalIdentifier"] = Value::Array(identifiers);
    }
    element
}
