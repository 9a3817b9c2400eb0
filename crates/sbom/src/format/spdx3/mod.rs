//! SPDX 3.0.1 JSON-LD: one `@graph` of elements under the SPDX context.
//!
//! - One `CreationInfo` (a blank node every element points to): the time,
//!   tallyman as the `SoftwareAgent` that created the document and the
//!   `Tool` it used, and the `--author` as a `Person` with its email or URL.
//! - One `SpdxDocument` that lists every element and whose root is one
//!   `software_Sbom` (type `analyzed`), whose root is the image: a
//!   `container` package named by its `pkg:oci` purl and verified by its
//!   digest. The image `contains` every package.
//! - Every package as a `software_Package` ([`packages`]) with what the
//!   minimum elements rules of [`super::elements`] decide (supplier,
//!   concluded license, copyright, dependency completeness, hashes) and the
//!   record it was read from in `software_sourceInfo`, worded as SPDX 2
//!   words it; where its distributable's file name is known, that file as a
//!   `software_File` (`hasDistributionArtifact`).
//! - Licenses as `simplelicensing_LicenseExpression`s, one per text
//!   ([`licenses`]): `hasDeclaredLicense` where the record states any,
//!   `hasConcludedLicense` always (to `NoAssertionLicense` when nothing can
//!   be concluded); identifiers that are no SPDX license become
//!   `LicenseRef-…`, defined by the expression's `customIdToUri`.
//! - Relationships one per (from, type), their `to`s sorted
//!   ([`relationships`]).
//! - Identifiers are IRIs under a namespace derived from the content
//!   ([`ids`]), so equal scans give equal bytes.

mod agents;
mod ids;
mod licenses;
mod packages;
mod relationships;
#[cfg(test)]
mod tests;

use serde_json::{json, Value};

use crate::error::{Context, Result};
use crate::format::image_identity::ImageIdentity;
use crate::format::timestamp;
use crate::Sbom;

use agents::Agents;
use ids::Ids;
use licenses::Licenses;
use relationships::{Completeness, Relationships};

/// The JSON-LD context every SPDX 3.0.1 document names.
pub const CONTEXT: &str = "https://spdx.org/rdf/3.0.1/spdx-context.jsonld";
/// The blank node of the one `CreationInfo`.
const CREATION_INFO: &str = "_:creationinfo";
/// The individual that says a list of elements is empty.
pub const NONE_ELEMENT: &str = "https://spdx.org/rdf/3.0.1/terms/Core/NoneElement";
/// The individual that says nothing is known of a license.
pub const NO_ASSERTION_LICENSE: &str =
    "https://spdx.org/rdf/3.0.1/terms/ExpandedLicensing/NoAssertionLicense";

pub fn render(sbom: &Sbom) -> Result<Vec<u8>> {
    let document = document(sbom)?;
    let mut out =
        serde_json::to_vec_pretty(&document).context("serialising the SPDX 3 document")?;
    out.push(b'\n');
    Ok(out)
}

fn document(sbom: &Sbom) -> Result<Value> {
    let identity = ImageIdentity::of(sbom);
    let ids = Ids::new(&identity);
    let created = timestamp(sbom.created)?
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string();

    let creators = agents::creators(&ids, sbom);
    let mut agents = Agents::default();
    let mut licenses = Licenses::default();
    let mut relationships = Relationships::default();
    let mut artifacts = Vec::new();

    let image = packages::image(&ids, sbom, &identity);
    let image_id = ids.image();
    let mut content = vec![image];
    for scanned in &sbom.packages {
        let id = ids.package(&scanned.id);
        let p = &scanned.package;
        let supplier = agents.supplier(&ids, p);
        content.push(packages::package(sbom, scanned, &id, supplier.as_deref()));
        relationships.add(&image_id, "contains", &id, Completeness::NoAssertion);
        if let Some(declared) = licenses.declared(&ids, &p.licenses) {
            relationships.add(&id, "hasDeclaredLicense", &declared, Completeness::None);
        }
        let concluded = licenses
            .concluded(&ids, &p.licenses)
            .unwrap_or_else(|| NO_ASSERTION_LICENSE.to_owned());
        relationships.add(&id, "hasConcludedLicense", &concluded, Completeness::None);
        if let Some(artifact) = packages::distribution_artifact(&ids, scanned) {
            relationships.add(
                &id,
                "hasDistributionArtifact",
                &artifact.id,
                Completeness::None,
            );
            artifacts.push(artifact.element);
        }
        if let Some(digests) = &sbom.file_digests {
            for file in packages::owned_files(&ids, scanned, digests) {
                relationships.add(&id, "contains", &file.id, Completeness::NoAssertion);
                artifacts.push(file.element);
            }
        }
    }
    relationships.dependencies(&ids, sbom);
    let data_license = licenses.expression(&ids, "CC0-1.0");

    content.extend(artifacts);
    content.extend(agents.into_elements());
    content.extend(licenses.into_elements(&ids));
    content.extend(relationships.into_elements(&ids));

    let content_ids: Vec<Value> = content.iter().map(|e| e["spdxId"].clone()).collect();
    let sbom_element = json!({
        "type": "software_Sbom",
        "spdxId": ids.sbom(),
        "creationInfo": CREATION_INFO,
        "software_sbomType": ["analyzed"],
        "rootElement": [image_id],
    });
    let mut element: Vec<Value> = creators
        .elements
        .iter()
        .map(|e| e["spdxId"].clone())
        .collect();
    element.push(sbom_element["spdxId"].clone());
    element.extend(content_ids);
    let spdx_document = json!({
        "type": "SpdxDocument",
        "spdxId": ids.document(),
        "creationInfo": CREATION_INFO,
        "name": sbom.source.name,
        "profileConformance": ["core", "software", "simpleLicensing"],
        "dataLicense": data_license,
        "rootElement": [sbom_element["spdxId"]],
        "element": element,
    });
    let creation_info = json!({
        "type": "CreationInfo",
        "@id": CREATION_INFO,
        "specVersion": "3.0.1",
        "created": created,
        "createdBy": creators.created_by,
        "createdUsing": creators.created_using,
    });

    let mut graph = vec![creation_info];
    graph.extend(creators.elements);
    graph.push(spdx_document);
    graph.push(sbom_element);
    graph.extend(content);
    Ok(json!({"@context": CONTEXT, "@graph": graph}))
}
