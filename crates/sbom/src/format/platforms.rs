//! One document for every platform image of a multi-platform index
//! (`--platform all`): each platform's document is rendered as for a
//! single image, then the documents are joined.
//!
//! - SPDX: every platform's image package is `DESCRIBES`d by the one
//!   document and `CONTAINS` its own packages. SPDXIDs get the platform as
//!   a prefix (`SPDXRef-linux-arm64-Package-…`), since one package in two
//!   platforms has one id in each; a `LicenseRef-` that two platforms spell
//!   for different texts gets a hash of its text in the second.
//! - SPDX 3: one `SpdxDocument` and one `software_Sbom`, whose
//!   `rootElement` lists every platform's image package; one `CreationInfo`
//!   and its creators (the first platform's). Every other element keeps its
//!   place in its platform's part of the graph, its IRI moved to the joined
//!   document's namespace with the platform as a prefix
//!   (`…#SPDXRef-linux-arm64-Package-…`), and so every reference to it.
//!   `LicenseRef-`s need no renaming: each expression maps its own to
//!   their texts.
//! - CycloneDX: the index is `metadata.component`; each platform image is a
//!   `container` component whose nested `components` are its packages;
//!   bom-refs (and the references of `dependencies` and `compositions`) get
//!   the platform as a prefix (`linux/arm64/…`).
//! - json: `{"index": …, "images": [one tallyman document per platform]}`.
//! - table: one table per platform under its name.

use std::collections::BTreeMap;

use crate::error::{Context, Result};
use serde_json::{json, Value};
use tallyman_oci::fail;

use super::Format;
use crate::{id_text, Sbom};
use tallyman_oci::Digest;

/// The scans of an index's platform images.
pub struct PlatformImages<'a> {
    /// The index as documents name it (the SOURCE's name).
    pub name: &'a str,
    pub digest: Option<&'a Digest>,
    /// One scan per platform, in the index's order.
    pub images: &'a [(String, Sbom)],
}

pub fn render(format: Format, all: &PlatformImages<'_>, width: Option<usize>) -> Result<Vec<u8>> {
    let rendered = all
        .images
        .iter()
        .map(|(platform, sbom)| Ok((platform.as_str(), format.render(sbom, width)?)))
        .collect::<Result<Vec<_>>>()?;
    let merged = match format {
        Format::Table => {
            let mut out = Vec::new();
            for (platform, table) in rendered {
                out.extend_from_slice(format!("PLATFORM {platform}\n").as_bytes());
                out.extend_from_slice(&table);
                out.push(b'\n');
            }
            return Ok(out);
        }
        Format::Json => json!({

            "schemaVersion": 1,
            "tool": {"name": "tallyman", "version": crate::VERSION},
            "index": {
                "name": all.name,
                "digest": all.digest.map(ToString::to_string),
                "platforms": all.images.iter().map(|(p, _)| p).collect::<Vec<_>>(),
            },
            "images": parsed(rendered)?.into_iter().map(|(_, d)| d).collect::<Vec<_>>(),
        }),
        Format::SpdxJson(_) => spdx(all, parsed(rendered)?)?,
        Format::CycloneDxJson(_) => cyclonedx(all, parsed(rendered)?)?,
        Format::Spdx3Json => spdx3(all, parsed(rendered)?)?,
    };
    let mut out = serde_json::to_vec_pretty(&merged)?;
    out.push(b'\n');
    Ok(out)
}

/// The rendered JSON documents, parsed back to be joined.
fn parsed(rendered: Vec<(&str, Vec<u8>)>) -> Result<Vec<(&str, Value)>> {
    rendered
        .into_iter()
        .map(|(platform, bytes)| {
            let value: Value = serde_json::from_slice(&bytes)
                .with_context(|| format!("internal error: the {platform} document is not JSON"))?;
            Ok((platform, value))
        })
        .collect()
}

fn short_hash(text: &str) -> String {
    hex::encode(&<sha2::Sha256 as sha2::Digest>::digest(text.as_bytes())[..4])
}

/// `key` of `value` as an array (absent: empty).
fn take_array(value: &mut Value, key: &str) -> Vec<Value> {
    match value.get_mut(key).map(Value::take) {
        Some(Value::Array(items)) => items,
        _ => Vec::new(),
    }
}

fn rename_field(value: &mut Value, key: &str, rename: &dyn Fn(&str) -> String) {
    if let Some(Value::String(text)) = value.get_mut(key) {
        *text = rename(text);
    }
}

fn spdx(all: &PlatformImages<'_>, documents: Vec<(&str, Value)>) -> Result<Value> {
    // The first document, its lists taken: the joined one's header.
    let mut first = None;
    let (mut packages, mut files, mut relationships) = (Vec::new(), Vec::new(), Vec::new());
    let mut licenses: BTreeMap<String, Value> = BTreeMap::new();
    let mut namespaces = String::new();
    for (platform, mut document) in documents {
        let prefix = id_text(platform);
        let rename = |id: &str| match id.strip_prefix("SPDXRef-") {
            Some(rest) if id != "SPDXRef-DOCUMENT" => format!("SPDXRef-{prefix}-{rest}"),
            _ => id.to_owned(),
        };
        namespaces.push_str(document["documentNamespace"].as_str().unwrap_or_default());
        // LicenseRefs this platform spells for another text than an earlier one.
        let mut license_renames = BTreeMap::new();
        for mut info in take_array(&mut document, "hasExtractedLicensingInfos") {
            let id = info["licenseId"].as_str().unwrap_or_default().to_owned();
            let text = info["extractedText"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
            match licenses.get(&id) {
                Some(taken) if taken["extractedText"].as_str() == Some(&text) => {}
                Some(_) => {
                    let new_id = format!("{id}-{}", short_hash(&text));
                    info["licenseId"] = Value::String(new_id.clone());
                    license_renames.insert(id, new_id.clone());
                    licenses.insert(new_id, info);
                }
                None => {
                    licenses.insert(id, info);
                }
            }
        }
        let relicense = |value: &mut Value| {
            for key in ["licenseDeclared", "licenseConcluded"] {
                if let Some(Value::String(expression)) = value.get_mut(key) {
                    *expression = expression
                        .split_inclusive([' ', '(', ')'])
                        .map(|token| {
                            let bare = token.trim_end_matches([' ', '(', ')']);
                            match license_renames.get(bare) {
                                Some(new) => format!("{new}{}", &token[bare.len()..]),
                                None => token.to_owned(),
                            }
                        })
                        .collect();
                }
            }
        };
        for mut package in take_array(&mut document, "packages") {
            rename_field(&mut package, "SPDXID", &rename);
            if package["SPDXID"].as_str() == Some(&rename("SPDXRef-Image")) {
                let name = package["name"].as_str().unwrap_or_default();
                package["name"] = Value::String(format!("{name} ({platform})"));
            }
            if let Some(Value::Array(owned)) = package.get_mut("hasFiles") {
                for id in owned.iter_mut() {
                    if let Value::String(text) = id {
                        *text = rename(text);
                    }
                }
            }
            relicense(&mut package);
            packages.push(package);
        }
        for mut file in take_array(&mut document, "files") {
            rename_field(&mut file, "SPDXID", &rename);
            relicense(&mut file);
            files.push(file);
        }
        for mut relationship in take_array(&mut document, "relationships") {
            rename_field(&mut relationship, "spdxElementId", &rename);
            rename_field(&mut relationship, "relatedSpdxElement", &rename);
            relationships.push(relationship);
        }
        first.get_or_insert(document);
    }
    let Some(mut merged) = first else {
        fail!("{}: the index lists no platform images", all.name);
    };
    let object = merged
        .as_object_mut()
        .context("internal error: an SPDX document is not an object")?;
    object.insert("name".into(), Value::String(all.name.to_owned()));
    object.insert(
        "documentNamespace".into(),
        Value::String(format!(
            "https://spdx.org/spdxdocs/tallyman-{}/{}-{}",
            crate::VERSION,
            id_text(all.name),
            &hex::encode(<sha2::Sha256 as sha2::Digest>::digest(
                namespaces.as_bytes()
            ))[..32]
        )),
    );
    object.insert("packages".into(), Value::Array(packages));
    object.insert("relationships".into(), Value::Array(relationships));
    object.remove("files");
    if !files.is_empty() {
        object.insert("files".into(), Value::Array(files));
    }
    object.remove("hasExtractedLicensingInfos");
    if !licenses.is_empty() {
        object.insert(
            "hasExtractedLicensingInfos".into(),
            Value::Array(licenses.into_values().collect()),
        );
    }
    Ok(merged)
}

fn spdx3(all: &PlatformImages<'_>, documents: Vec<(&str, Value)>) -> Result<Value> {
    // The header (creation info, its creators, the document and the SBOM),
    // from the first platform; the other elements of every platform.
    let mut header: Option<(Vec<Value>, Value, Value)> = None;
    let (mut content, mut images) = (Vec::new(), Vec::new());
    let mut namespaces = String::new();
    let mut renames = Vec::new();
    for (platform, document) in documents {
        let mut graph = match document {
            Value::Object(mut object) => match object.remove("@graph") {
                Some(Value::Array(graph)) => graph,
                _ => fail!("internal error: the {platform} SPDX 3 document has no @graph"),
            },
            _ => fail!("internal error: the {platform} SPDX 3 document is not an object"),
        };
        let of_type = |graph: &[Value], kind: &str| {
            graph
                .iter()
                .position(|e| e["type"] == kind)
                .with_context(|| format!("internal error: the {platform} document has no {kind}"))
        };
        let document_id = graph[of_type(&graph, "SpdxDocument")?]["spdxId"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        let Some((namespace, _)) = document_id.split_once('#') else {
            fail!("internal error: the {platform} document's id {document_id:?} has no namespace");
        };
        let namespace = format!("{namespace}#");
        namespaces.push_str(&namespace);
        let sbom_at = of_type(&graph, "software_Sbom")?;
        let creation_at = of_type(&graph, "CreationInfo")?;
        let creators: Vec<String> = ["createdBy", "createdUsing"]
            .iter()
            .flat_map(|key| {
                graph[creation_at][key]
                    .as_array()
                    .cloned()
                    .unwrap_or_default()
            })
            .filter_map(|id| id.as_str().map(str::to_owned))
            .collect();
        images.extend(
            take_array(&mut graph[sbom_at], "rootElement")
                .into_iter()
                .filter_map(|id| id.as_str().map(str::to_owned)),
        );
        let mut kept = Vec::new();
        let mut first_header = Vec::new();
        let (mut spdx_document, mut sbom) = (Value::Null, Value::Null);
        for element in graph {
            let id = element["spdxId"].as_str().unwrap_or_default();
            if creators.iter().any(|c| c == id) || element["type"] == "CreationInfo" {
                first_header.push(element);
            } else if element["type"] == "SpdxDocument" {
                spdx_document = element;
            } else if element["type"] == "software_Sbom" {
                sbom = element;
            } else {
                kept.push(element);
            }
        }
        if header.is_none() {
            header = Some((first_header, spdx_document, sbom));
        }
        renames.push((namespace, format!("SPDXRef-{}-", id_text(platform))));
        content.push((platform, kept));
    }
    let Some((mut creators, mut spdx_document, mut sbom)) = header else {
        fail!("{}: the index lists no platform images", all.name);
    };
    let joined = format!(
        "https://spdx.org/spdxdocs/tallyman-{}/{}-{}#",
        crate::VERSION,
        id_text(all.name),
        &hex::encode(<sha2::Sha256 as sha2::Digest>::digest(
            namespaces.as_bytes()
        ))[..32]
    );
    // The first platform's header moves to the joined namespace as it is.
    let Some((first_namespace, _)) = renames.first() else {
        fail!("{}: the index lists no platform images", all.name);
    };
    let header_rename = |text: &str| match text.strip_prefix(first_namespace.as_str()) {
        Some(fragment) => format!("{joined}{fragment}"),
        None => text.to_owned(),
    };
    for element in creators.iter_mut() {
        rename_iris(element, &header_rename);
    }
    let mut graph = creators;
    let mut elements: Vec<Value> = graph
        .iter()
        .filter_map(|e| e.get("spdxId").cloned())
        .collect();
    let mut body = Vec::new();
    for ((namespace, prefix), (platform, kept)) in renames.iter().zip(content) {
        let rename = |text: &str| match text.strip_prefix(namespace.as_str()) {
            Some(fragment) => {
                let rest = fragment.strip_prefix("SPDXRef-").unwrap_or(fragment);
                format!("{joined}{prefix}{rest}")
            }
            None => text.to_owned(),
        };
        let image = images.iter().find(|i| i.starts_with(namespace.as_str()));
        for mut element in kept {
            if image.is_some_and(|i| element["spdxId"] == i.as_str()) {
                let name = element["name"].as_str().unwrap_or_default();
                element["name"] = Value::String(format!("{name} ({platform})"));
            }
            rename_iris(&mut element, &rename);
            body.push(element);
        }
        // The data license: the first platform's CC0 expression.
        if let Some(Value::String(license)) = spdx_document.get_mut("dataLicense") {
            if license.starts_with(namespace.as_str()) {
                *license = rename(license);
            }
        }
        for image in images.iter_mut() {
            *image = rename(image);
        }
    }
    let body_ids: Vec<Value> = body
        .iter()
        .filter_map(|e| e.get("spdxId").cloned())
        .collect();
    sbom["spdxId"] = Value::String(format!("{joined}SPDXRef-Sbom"));
    sbom["rootElement"] = json!(images);
    elements.push(sbom["spdxId"].clone());
    elements.extend(body_ids);
    spdx_document["spdxId"] = Value::String(format!("{joined}SPDXRef-DOCUMENT"));
    spdx_document["name"] = Value::String(all.name.to_owned());
    spdx_document["rootElement"] = json!([sbom["spdxId"]]);
    spdx_document["element"] = Value::Array(elements);
    graph.push(spdx_document);
    graph.push(sbom);
    graph.extend(body);
    Ok(json!({"@context": super::spdx3::CONTEXT, "@graph": graph}))
}

/// Every string in `value` (an element and the objects it holds) that is
/// an IRI `rename` changes.
fn rename_iris(value: &mut Value, rename: &dyn Fn(&str) -> String) {
    match value {
        Value::String(text) if text.contains('#') => *text = rename(text),
        Value::Array(items) => items.iter_mut().for_each(|item| rename_iris(item, rename)),
        Value::Object(object) => object
            .values_mut()
            .for_each(|item| rename_iris(item, rename)),
        _ => {}
    }
}

fn cyclonedx(all: &PlatformImages<'_>, documents: Vec<(&str, Value)>) -> Result<Value> {
    // The first document, its lists taken: the joined one's header.
    let mut first: Option<Value> = None;
    let (mut images, mut dependencies) = (Vec::new(), Vec::new());
    let mut compositions = Vec::new();
    let mut serials = String::new();
    for (platform, mut document) in documents {
        let rename = |reference: &str| format!("{platform}/{reference}");
        serials.push_str(document["serialNumber"].as_str().unwrap_or_default());
        let mut image = document
            .pointer_mut("/metadata/component")
            .map(Value::take)
            .context("internal error: a CycloneDX document has no metadata.component")?;
        rename_field(&mut image, "bom-ref", &rename);
        let mut components = take_array(&mut document, "components");
        for component in &mut components {
            rename_field(component, "bom-ref", &rename);
        }
        image["components"] = Value::Array(components);
        images.push(image);
        for mut dependency in take_array(&mut document, "dependencies") {
            rename_field(&mut dependency, "ref", &rename);
            if let Some(Value::Array(on)) = dependency.get_mut("dependsOn") {
                for reference in on.iter_mut() {
                    if let Value::String(text) = reference {
                        *text = rename(text);
                    }
                }
            }
            dependencies.push(dependency);
        }
        for mut composition in take_array(&mut document, "compositions") {
            if let Some(Value::Array(refs)) = composition.get_mut("dependencies") {
                for reference in refs.iter_mut() {
                    if let Value::String(text) = reference {
                        *text = rename(text);
                    }
                }
            }
            compositions.push(composition);
        }
        first.get_or_insert(document);
    }
    let Some(mut merged) = first else {
        fail!("{}: the index lists no platform images", all.name);
    };
    // The index is named as the first platform's image is.
    let name = images
        .first()
        .and_then(|image| image["name"].as_str())
        .unwrap_or(all.name)
        .to_owned();
    let mut index = json!({"type": "container", "bom-ref": "index", "name": name});
    if let Some(digest) = all.digest {
        index["version"] = Value::String(digest.to_string());
        if let Ok(mut purl) = packageurl::PackageUrl::new("oci", name.to_ascii_lowercase()) {
            purl.with_version(digest.to_string());
            index["purl"] = Value::String(purl.to_string());
        }
    }
    if index.get("version").is_none() && merged["specVersion"] == "1.3" {
        // 1.3 requires a version; a layout's top-level index has no digest.
        index["version"] = Value::String(String::new());
    }
    index["description"] = Value::String(all.name.to_owned());
    merged["metadata"]["component"] = index;
    merged["components"] = Value::Array(images);
    merged["dependencies"] = Value::Array(dependencies);
    if !compositions.is_empty() {
        merged["compositions"] = Value::Array(compositions);
    }
    let serial = uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_OID, serials.as_bytes());
    merged["serialNumber"] = Value::String(format!("urn:uuid:{serial}"));
    Ok(merged)
}
