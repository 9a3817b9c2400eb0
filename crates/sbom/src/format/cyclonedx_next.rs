//! CycloneDX 1.6 (ECMA-424) and 1.7 from the 1.5 document `cyclonedx-bom`
//! writes: the one place that works around that crate stopping at 1.5.
//!
//! 1.6 and 1.7 read every 1.5 document tallyman writes; on top of it this
//! sets `specVersion` and `$schema` and carries what 1.6 adds and tallyman
//! knows:
//! - `authors` (name and email) instead of the deprecated `author` text;
//! - `acknowledgement: declared` on every license: they are what the
//!   package's record declares (a concluded license is the same
//!   expression, see `elements`, so it is not written twice);
//! - `evidence.identity`: the purl, found by reading the package's record
//!   (`manifest-analysis`) or a binary's bytes (`binary-analysis`: build
//!   information or a classifier's version pattern), with the record's path.
//!   It is written as one object, which 1.6 and 1.7 still accept beside the
//!   array they recommend, because syft 1.18 (and grype through it) cannot
//!   read the array form and refuses the whole document;
//! - `evidence.occurrences`: every path the package was found at.

use serde_json::{json, Map, Value};
use tallyman_catalogers::PackageType;

use crate::error::{Context, Result};
use crate::format::elements::Person;
use crate::{Sbom, ScannedPackage};

/// `document` (1.5 JSON) as a `version` (`1.6`, `1.7`) document.
/// Takes the bytes so that they are freed once parsed (a 5,000-package
/// document is tens of MiB in each form).
pub fn upgrade(document: Vec<u8>, sbom: &Sbom, version: &str) -> Result<Vec<u8>> {
    let mut bom: Value =
        serde_json::from_slice(&document).context("internal error: the CycloneDX 1.5 document")?;
    drop(document);
    let packages: std::collections::HashMap<&str, &ScannedPackage> =
        sbom.packages.iter().map(|p| (p.id.as_str(), p)).collect();
    if let Some(object) = bom.as_object_mut() {
        let mut top = Map::new();
        top.insert(
            "$schema".to_owned(),
            json!(format!(
                "http://cyclonedx.org/schema/bom-{version}.schema.json"
            )),
        );
        for (key, value) in std::mem::take(object) {
            let value = if key == "specVersion" {
                json!(version)
            } else {
                value
            };
            top.insert(key, value);
        }
        *object = top;
    }
    if let Some(tools) = bom.pointer_mut("/metadata/tools/components") {
        for tool in tools.as_array_mut().into_iter().flatten() {
            authors(tool);
        }
    }
    for component in bom
        .get_mut("components")
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
    {
        authors(component);
        acknowledge(component);
        let scanned = component
            .get("bom-ref")
            .and_then(Value::as_str)
            .and_then(|id| packages.get(id).copied());
        if let Some(scanned) = scanned {
            evidence(component, scanned);
        }
    }
    serde_json::to_vec_pretty(&bom).context("serialising the CycloneDX document")
}

/// `author` (a person as the record spells it) as `authors`.
fn authors(component: &mut Value) {
    let Some(object) = component.as_object_mut() else {
        return;
    };
    let Some(Value::String(text)) = object.shift_remove("author") else {
        return;
    };
    let Some(person) = Person::parse(&text) else {
        return;
    };
    let mut contact = Map::new();
    contact.insert("name".to_owned(), json!(person.name));
    if let Some(email) = person.email {
        contact.insert("email".to_owned(), json!(email));
    }
    object.insert("authors".to_owned(), json!([contact]));
}

/// Every license (object or expression) marked as declared.
fn acknowledge(component: &mut Value) {
    for choice in component
        .get_mut("licenses")
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
    {
        if let Some(license) = choice.get_mut("license").and_then(Value::as_object_mut) {
            license.insert("acknowledgement".to_owned(), json!("declared"));
        } else if let Some(choice) = choice.as_object_mut() {
            if choice.contains_key("expression") {
                choice.insert("acknowledgement".to_owned(), json!("declared"));
            }
        }
    }
}

/// How the package was identified and where it was found.
fn evidence(component: &mut Value, scanned: &ScannedPackage) {
    let p = &scanned.package;
    let technique = match p.kind {
        PackageType::Go | PackageType::Rust | PackageType::Binary => "binary-analysis",
        _ => "manifest-analysis",
    };
    let mut evidence = Map::new();
    if let (Some(purl), Some(location)) = (&p.purl, p.primary_location()) {
        evidence.insert(
            "identity".to_owned(),
            json!({
                "field": "purl",
                "confidence": 1,
                "concludedValue": purl,
                "methods": [{
                    "technique": technique,
                    "confidence": 1,
                    "value": location.path,
                }],
            }),
        );
    }
    let occurrences: Vec<Value> = p
        .locations
        .iter()
        .map(|location| json!({"location": location.path}))
        .collect();
    if !occurrences.is_empty() {
        evidence.insert("occurrences".to_owned(), Value::Array(occurrences));
    }
    if let (false, Some(object)) = (evidence.is_empty(), component.as_object_mut()) {
        object.insert("evidence".to_owned(), Value::Object(evidence));
    }
}
