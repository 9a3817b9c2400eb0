//! An SBOM document as one side of a diff: tallyman json, SPDX 2.2/2.3
//! JSON, SPDX 3.0 JSON-LD, CycloneDX 1.3–1.7 JSON or syft json, bare or as
//! the predicate of an in-toto statement (what `verify-attestation`
//! checks). The format is recognised from the content, never from the file
//! name; the image and operating-system entries documents carry beside
//! packages are skipped.
//!
//! SPDX 3 is read as its JSON-LD compacts with the SPDX context (what
//! tallyman and other SPDX 3 writers write): `software_Package` elements,
//! their licenses through `hasDeclaredLicense` (else `hasConcludedLicense`)
//! relationships to license expressions, whose `LicenseRef-…`s the
//! expressions' `customIdToUri` maps to license texts, and the record and
//! layer in `software_sourceInfo`, worded as in SPDX 2.

use std::collections::HashMap;
use std::path::Path;

use crate::error::{Context, Error, Result};
use serde_json::Value;
use tallyman_oci::fail;

use super::{Entry, Layer, Side};

/// What a document must be, for the one-line error about one that is not.
const EXPECTED: &str = "expected tallyman json, SPDX 2.2/2.3 JSON, SPDX 3.0 JSON-LD, \
     CycloneDX 1.3–1.7 JSON or syft json";

/// Whether `path` looks like a document rather than an image: a regular
/// file whose first non-blank byte opens a JSON object.
pub fn is_document(path: &Path) -> bool {
    use std::io::Read;
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    if !file.metadata().is_ok_and(|m| m.is_file()) {
        return false;
    }
    let mut head = [0u8; 512];
    let Ok(n) = file.take(512).read(&mut head) else {
        return false;
    };
    head[..n]
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| *b == b'{')
}

/// Reads the document at `path` as the side `input` names.
pub fn read(input: &str, path: &Path) -> Result<Side> {
    let name = path.display();
    let bytes = std::fs::read(path).with_context(|| format!("{name}: cannot read the document"))?;
    from_bytes(input, &bytes).with_context(|| format!("{name}"))
}

/// Reads a document's bytes as the side `input` names.
pub fn from_bytes(input: &str, bytes: &[u8]) -> Result<Side> {
    let value: Value =
        serde_json::from_slice(bytes).with_context(|| format!("not JSON ({EXPECTED})"))?;
    parse(input, &value)
}

fn parse(input: &str, value: &Value) -> Result<Side> {
    let Some(object) = value.as_object() else {
        fail!("not a JSON object ({EXPECTED})");
    };
    if let (Some(predicate), Some(kind)) = (object.get("predicate"), object.get("predicateType")) {
        let mut side = parse(input, predicate)
            .with_context(|| format!("the predicate of an in-toto statement of type {kind}"))?;
        side.kind = format!("{} (in-toto predicate)", side.kind);
        return Ok(side);
    }
    let mut side = Side {
        input: input.to_owned(),
        kind: String::new(),
        name: None,
        digest: None,
        layers: Vec::new(),
        packages: Vec::new(),
        license_refs: Default::default(),
    };
    if let Some(version) = object.get("spdxVersion") {
        let version = match version.as_str() {
            Some("SPDX-2.2") => "2.2",
            Some("SPDX-2.3") => "2.3",
            _ => fail!("spdxVersion {version} is not one tallyman reads ({EXPECTED})"),
        };
        side.kind = format!("spdx-json@{version}");
        side.name = text(value, "name");
        spdx(value, &mut side.packages)?;
        for info in array(value, "hasExtractedLicensingInfos")? {
            if let (Some(id), Some(text)) = (
                text(info, "licenseId"),
                text(info, "extractedText").or_else(|| text(info, "name")),
            ) {
                side.license_refs.insert(id, text);
            }
        }
    } else if is_spdx3(value) {
        side.kind = "spdx-json@3.0".to_owned();
        spdx3(value, &mut side)?;
    } else if object.get("bomFormat").and_then(Value::as_str) == Some("CycloneDX") {
        let version = text(value, "specVersion").unwrap_or_default();
        if !["1.3", "1.4", "1.5", "1.6", "1.7"].contains(&version.as_str()) {
            fail!("CycloneDX specVersion {version:?} is not one tallyman reads ({EXPECTED})");
        }
        side.kind = format!("cyclonedx-json@{version}");
        side.name = pointer_text(value, "/metadata/component/name");
        if let Some(components) = object.get("components") {
            cyclonedx(components, "components", &mut side.packages)?;
        }
    } else if object.contains_key("artifacts") && object.contains_key("schema") {
        side.kind = "syft-json".to_owned();
        side.name = pointer_text(value, "/source/name");
        side.digest = pointer_text(value, "/source/metadata/manifestDigest");
        side.layers = array(
            value.pointer("/source/metadata").unwrap_or(&Value::Null),
            "layers",
        )?
        .iter()
        .filter_map(|l| text(l, "digest"))
        .collect();
        syft(value, &mut side.packages)?;
    } else if value.pointer("/tool/name").and_then(Value::as_str) == Some("tallyman") {
        if let Some(images) = object.get("images").and_then(Value::as_array) {
            return Err(Error::PlatformImages {
                count: images.len(),
            });
        }
        side.kind = "tallyman-json".to_owned();
        side.name = pointer_text(value, "/source/name");
        side.digest = pointer_text(value, "/source/manifestDigest")
            .or_else(|| pointer_text(value, "/source/configDigest"));
        side.layers = array(value.get("source").unwrap_or(&Value::Null), "layers")?
            .iter()
            .filter_map(|l| text(l, "diffID"))
            .collect();
        tallyman(value, &mut side.packages)?;
    } else {
        fail!("not an SBOM tallyman reads ({EXPECTED})");
    }
    Ok(side)
}

/// The string at a JSON pointer.
fn pointer_text(value: &Value, pointer: &str) -> Option<String> {
    value
        .pointer(pointer)
        .and_then(Value::as_str)
        .map(str::to_owned)
}

fn text(value: &Value, field: &str) -> Option<String> {
    value.get(field).and_then(Value::as_str).map(str::to_owned)
}

/// The array `field` of `value` (absent: empty), or an error naming it.
fn array<'a>(value: &'a Value, field: &str) -> Result<&'a [Value]> {
    match value.get(field) {
        None | Some(Value::Null) => Ok(&[]),
        Some(Value::Array(items)) => Ok(items),
        Some(_) => fail!("{field} is not an array"),
    }
}

/// The `name` of the `index`-th entry of `list`, which every format requires.
fn name_of(item: &Value, list: &str, index: usize) -> Result<String> {
    match text(item, "name") {
        Some(name) => Ok(name),
        None => fail!("{list}[{index}] has no name"),
    }
}

fn spdx(value: &Value, out: &mut Vec<Entry>) -> Result<()> {
    for (i, package) in array(value, "packages")?.iter().enumerate() {
        let purpose = package.get("primaryPackagePurpose").and_then(Value::as_str);
        if matches!(purpose, Some("CONTAINER" | "OPERATING-SYSTEM")) {
            continue;
        }
        let purl = array(package, "externalRefs")?
            .iter()
            .find(|r| r.get("referenceType").and_then(Value::as_str) == Some("purl"))
            .and_then(|r| text(r, "referenceLocator"));
        if purl.as_deref().is_some_and(is_image_purl) {
            continue;
        }
        let licenses = ["licenseDeclared", "licenseConcluded"]
            .iter()
            .filter_map(|f| text(package, f))
            .find(|l| l != "NOASSERTION" && l != "NONE")
            .into_iter()
            .collect();
        let (location, layer) = match text(package, "sourceInfo") {
            Some(info) => spdx_source_info(&info),
            None => (None, None),
        };
        out.push(Entry::new(
            purl,
            "",
            name_of(package, "packages", i)?,
            text(package, "versionInfo").unwrap_or_default(),
            licenses,
            location,
            layer,
        ));
    }
    Ok(())
}

/// The record and layer in an SPDX `sourceInfo`: tallyman writes
/// `acquired package info from PATH in layer DIGEST…`, syft
/// `acquired package info from WHAT: PATH, PATH`.
fn spdx_source_info(info: &str) -> (Option<String>, Option<Layer>) {
    let mut words = info.split([' ', ',']).filter(|w| !w.is_empty());
    let location = words
        .clone()
        .find(|w| w.starts_with('/'))
        .map(str::to_owned);
    let layer = words
        .find(|w| w.starts_with("sha256:") || w.starts_with("sha512:"))
        .map(|digest| Layer {
            index: None,
            diff_id: Some(digest.to_owned()),
        });
    (location, layer)
}

/// Whether the document's JSON-LD context is SPDX 3's.
fn is_spdx3(value: &Value) -> bool {
    let spdx = |context: &Value| {
        context
            .as_str()
            .is_some_and(|url| url.contains("spdx.org/rdf/3.0"))
    };
    match value.get("@context") {
        Some(Value::Array(contexts)) => contexts.iter().any(spdx),
        Some(context) => spdx(context),
        None => false,
    }
}

/// An SPDX 3 element's type (`type`, or JSON-LD's own `@type`) is `name`,
/// compacted or as the full IRI (`…/Software/Package` for `software_Package`).
fn is_a(element: &Value, name: &str) -> bool {
    let Some(kind) = element
        .get("type")
        .or_else(|| element.get("@type"))
        .and_then(Value::as_str)
    else {
        return false;
    };
    if kind == name {
        return true;
    }
    let (profile, class) = name.split_once('_').unwrap_or(("core", name));
    kind.starts_with("https://spdx.org/rdf/3.0")
        && kind
            .rsplit_once('/')
            .and_then(|(rest, last)| Some((rest.rsplit_once('/')?.1, last)))
            .is_some_and(|(p, c)| p.eq_ignore_ascii_case(profile) && c == class)
}

/// An SPDX 3 element's IRI (`spdxId`, or JSON-LD's own `@id`).
fn spdx3_id(element: &Value) -> Option<&str> {
    element
        .get("spdxId")
        .or_else(|| element.get("@id"))
        .and_then(Value::as_str)
}

/// The strings of a reference or a list of them (inline objects are left out).
fn references(value: Option<&Value>) -> Vec<&str> {
    match value {
        Some(Value::String(one)) => vec![one.as_str()],
        Some(Value::Array(many)) => many.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

fn spdx3(value: &Value, side: &mut Side) -> Result<()> {
    let graph = match value.get("@graph") {
        Some(Value::Array(graph)) => graph,
        Some(_) => fail!("@graph is not an array"),
        None => {
            fail!("an SPDX 3 document without an @graph is not one tallyman reads ({EXPECTED})")
        }
    };
    let by_id: HashMap<&str, &Value> = graph
        .iter()
        .filter_map(|element| Some((spdx3_id(element)?, element)))
        .collect();
    // (from, relationship type) → the `to`s.
    let mut related: HashMap<(&str, &str), Vec<&str>> = HashMap::new();
    for relationship in graph.iter().filter(|e| is_a(e, "Relationship")) {
        let (Some(from), Some(kind)) = (
            relationship.get("from").and_then(Value::as_str),
            relationship.get("relationshipType").and_then(Value::as_str),
        ) else {
            continue;
        };
        let kind = kind.rsplit('/').next().unwrap_or(kind);
        related
            .entry((from, kind))
            .or_default()
            .extend(references(relationship.get("to")));
    }
    side.name = graph
        .iter()
        .find(|e| is_a(e, "SpdxDocument"))
        .and_then(|document| text(document, "name"));
    let mut images = Vec::new();
    for (i, element) in graph.iter().enumerate() {
        if is_a(element, "simplelicensing_LicenseExpression") {
            for entry in array(element, "simplelicensing_customIdToUri")? {
                let (Some(id), Some(uri)) = (text(entry, "key"), text(entry, "value")) else {
                    continue;
                };
                if let Some(said) = by_id
                    .get(uri.as_str())
                    .and_then(|t| text(t, "simplelicensing_licenseText"))
                {
                    side.license_refs.entry(id).or_insert(said);
                }
            }
        }
        if !is_a(element, "software_Package") {
            continue;
        }
        let purpose = text(element, "software_primaryPurpose").unwrap_or_default();
        let purpose = purpose.rsplit('/').next().unwrap_or_default();
        let purl = text(element, "software_packageUrl").or_else(|| {
            array(element, "externalIdentifier")
                .ok()?
                .iter()
                .find(|i| {
                    text(i, "externalIdentifierType")
                        .is_some_and(|t| t.rsplit('/').next() == Some("packageUrl"))
                })
                .and_then(|i| text(i, "identifier"))
        });
        if matches!(purpose, "container" | "operatingSystem")
            || purl.as_deref().is_some_and(is_image_purl)
        {
            if purpose == "container" {
                images.push(element);
            }
            continue;
        }
        let id = spdx3_id(element).unwrap_or_default();
        let licenses = ["hasDeclaredLicense", "hasConcludedLicense"]
            .iter()
            .map(|kind| {
                related
                    .get(&(id, *kind))
                    .into_iter()
                    .flatten()
                    .filter_map(|to| by_id.get(to))
                    .filter_map(|e| text(e, "simplelicensing_licenseExpression"))
                    .filter(|l| l != "NOASSERTION" && l != "NONE")
                    .collect::<Vec<String>>()
            })
            .find(|found| !found.is_empty())
            .unwrap_or_default();
        let (location, layer) = match text(element, "software_sourceInfo") {
            Some(info) => spdx_source_info(&info),
            None => (None, None),
        };
        side.packages.push(Entry::new(
            purl,
            "",
            name_of(element, "@graph", i)?,
            text(element, "software_packageVersion").unwrap_or_default(),
            licenses,
            location,
            layer,
        ));
    }
    // The image's digest, when the document is of one image.
    if let [image] = images[..] {
        side.digest = text(image, "software_packageVersion")
            .filter(|v| v.starts_with("sha256:") || v.starts_with("sha512:"));
    }
    Ok(())
}

/// Purls that name an image rather than a package in it.
fn is_image_purl(purl: &str) -> bool {
    purl.starts_with("pkg:oci/") || purl.starts_with("pkg:docker/")
}

fn cyclonedx(components: &Value, list: &str, out: &mut Vec<Entry>) -> Result<()> {
    let Some(items) = components.as_array() else {
        fail!("{list} is not an array");
    };
    for (i, component) in items.iter().enumerate() {
        let kind = component
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let purl = text(component, "purl");
        let skipped = matches!(kind, "operating-system" | "container" | "platform" | "file")
            || purl.as_deref().is_some_and(is_image_purl);
        if !skipped {
            let property = |names: &[&str]| {
                array(component, "properties").ok()?.iter().find_map(|p| {
                    let name = p.get("name").and_then(Value::as_str)?;
                    names.contains(&name).then(|| text(p, "value")).flatten()
                })
            };
            let licenses = array(component, "licenses")?
                .iter()
                .filter_map(|l| {
                    text(l, "expression").or_else(|| {
                        let license = l.get("license")?;
                        text(license, "id").or_else(|| text(license, "name"))
                    })
                })
                .collect();
            let layer =
                property(&["tallyman:layer", "syft:location:0:layerID"]).map(|digest| Layer {
                    index: None,
                    diff_id: Some(digest),
                });
            let package_type = property(&["syft:package:type"]).unwrap_or_default();
            out.push(Entry::new(
                purl,
                &package_type,
                name_of(component, list, i)?,
                text(component, "version").unwrap_or_default(),
                licenses,
                property(&["tallyman:location", "syft:location:0:path"]),
                layer,
            ));
        }
        if let Some(nested) = component.get("components") {
            cyclonedx(nested, &format!("{list}[{i}].components"), out)?;
        }
    }
    Ok(())
}

fn syft(value: &Value, out: &mut Vec<Entry>) -> Result<()> {
    for (i, artifact) in array(value, "artifacts")?.iter().enumerate() {
        let licenses = array(artifact, "licenses")?
            .iter()
            .filter_map(|l| match l {
                Value::String(s) => Some(s.clone()),
                _ => text(l, "spdxExpression")
                    .filter(|s| !s.is_empty())
                    .or_else(|| text(l, "value")),
            })
            .collect();
        let first = array(artifact, "locations")?.first();
        out.push(Entry::new(
            text(artifact, "purl").filter(|p| !p.is_empty()),
            &text(artifact, "type").unwrap_or_default(),
            name_of(artifact, "artifacts", i)?,
            text(artifact, "version").unwrap_or_default(),
            licenses,
            first.and_then(|l| text(l, "path")),
            first.and_then(|l| text(l, "layerID")).map(|digest| Layer {
                index: None,
                diff_id: Some(digest),
            }),
        ));
    }
    Ok(())
}

fn tallyman(value: &Value, out: &mut Vec<Entry>) -> Result<()> {
    for (i, package) in array(value, "packages")?.iter().enumerate() {
        if package.get("deletedInLayer").is_some_and(|v| !v.is_null()) {
            continue;
        }
        let licenses = array(package, "licenses")?
            .iter()
            .filter_map(|l| text(l, "spdx").or_else(|| text(l, "value")))
            .collect();
        let location = array(package, "locations")?
            .first()
            .and_then(|l| text(l, "path"));
        let index = package
            .get("layer")
            .and_then(Value::as_u64)
            .and_then(|i| usize::try_from(i).ok());
        out.push(Entry::new(
            text(package, "purl"),
            &text(package, "type").unwrap_or_default(),
            name_of(package, "packages", i)?,
            text(package, "version").unwrap_or_default(),
            licenses,
            location,
            Some(Layer {
                index,
                diff_id: text(package, "layerDigest"),
            }),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{from_bytes, Side};

    /// (key, purl type, version, licenses) of every package read.
    fn found(side: &Side) -> Vec<(&str, &str, &str, Vec<String>)> {
        side.packages
            .iter()
            .map(|e| {
                (
                    e.key.as_str(),
                    e.purl_type.as_str(),
                    e.version.as_str(),
                    e.licenses.clone(),
                )
            })
            .collect()
    }
    use crate::diff::Layer;

    /// An SPDX 3 document as another writer might write it: full type IRIs
    /// on some elements, a LicenseRef defined by its expression, an image
    /// and an OS that are no packages of the image.
    #[test]
    fn spdx3_hand_written() {
        let document = br#"{
          "@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld",
          "@graph": [
            {"type": "CreationInfo", "@id": "_:c", "specVersion": "3.0.1",
             "created": "2024-01-01T00:00:00Z", "createdBy": ["https://x.example/a"]},
            {"type": "SpdxDocument", "spdxId": "https://x.example/doc", "creationInfo": "_:c",
             "name": "app:1", "rootElement": ["https://x.example/sbom"]},
            {"type": "software_Package", "spdxId": "https://x.example/image", "creationInfo": "_:c",
             "name": "app", "software_packageVersion": "sha256:0000000000000000000000000000000000000000000000000000000000000000",
             "software_primaryPurpose": "container"},
            {"type": "software_Package", "spdxId": "https://x.example/os", "creationInfo": "_:c",
             "name": "debian", "software_packageVersion": "12", "software_primaryPurpose": "operatingSystem"},
            {"type": "software_Package", "spdxId": "https://x.example/bash", "creationInfo": "_:c",
             "name": "bash", "software_packageVersion": "5.2.15-2+b2",
             "externalIdentifier": [{"type": "ExternalIdentifier", "externalIdentifierType": "packageUrl",
                                     "identifier": "pkg:deb/debian/bash@5.2.15-2%2Bb2?arch=amd64"}],
             "software_sourceInfo": "acquired package info from /var/lib/dpkg/status in layer sha256:1111111111111111111111111111111111111111111111111111111111111111"},
            {"type": "https://spdx.org/rdf/3.0.1/terms/Software/Package", "spdxId": "https://x.example/ms",
             "creationInfo": "_:c", "name": "ms", "software_packageVersion": "2.1.3",
             "software_packageUrl": "pkg:npm/ms@2.1.3"},
            {"type": "simplelicensing_LicenseExpression", "spdxId": "https://x.example/l1", "creationInfo": "_:c",
             "simplelicensing_licenseExpression": "GPL-3.0-or-later AND LicenseRef-pd",
             "simplelicensing_customIdToUri": [{"type": "DictionaryEntry", "key": "LicenseRef-pd", "value": "https://x.example/pd"}]},
            {"type": "simplelicensing_SimpleLicensingText", "spdxId": "https://x.example/pd", "creationInfo": "_:c",
             "simplelicensing_licenseText": "public domain"},
            {"type": "simplelicensing_LicenseExpression", "spdxId": "https://x.example/l2", "creationInfo": "_:c",
             "simplelicensing_licenseExpression": "MIT"},
            {"type": "Relationship", "spdxId": "https://x.example/r1", "creationInfo": "_:c",
             "from": "https://x.example/bash", "relationshipType": "hasDeclaredLicense", "to": ["https://x.example/l1"]},
            {"type": "Relationship", "spdxId": "https://x.example/r2", "creationInfo": "_:c",
             "from": "https://x.example/bash", "relationshipType": "hasConcludedLicense",
             "to": ["https://spdx.org/rdf/3.0.1/terms/ExpandedLicensing/NoAssertionLicense"]},
            {"type": "Relationship", "spdxId": "https://x.example/r3", "creationInfo": "_:c",
             "from": "https://x.example/ms", "relationshipType": "hasConcludedLicense", "to": ["https://x.example/l2"]}
          ]}"#;
        let side = from_bytes("doc.spdx.json", document).unwrap();
        assert_eq!(side.kind, "spdx-json@3.0");
        assert_eq!(side.name.as_deref(), Some("app:1"));
        assert_eq!(
            side.digest.as_deref(),
            Some("sha256:0000000000000000000000000000000000000000000000000000000000000000")
        );
        let found = found(&side);
        assert_eq!(
            found,
            [
                (
                    "pkg:deb/debian/bash?arch=amd64",
                    "deb",
                    "5.2.15-2+b2",
                    vec!["GPL-3.0-or-later AND LicenseRef-pd".to_owned()]
                ),
                ("pkg:npm/ms", "npm", "2.1.3", vec!["MIT".to_owned()]),
            ]
        );
        assert_eq!(
            side.packages[0].location.as_deref(),
            Some("/var/lib/dpkg/status")
        );
        assert_eq!(
            side.packages[0].layer,
            Some(Layer {
                index: None,
                diff_id: Some(
                    "sha256:1111111111111111111111111111111111111111111111111111111111111111"
                        .to_owned()
                ),
            })
        );
        assert_eq!(
            side.license_refs.get("LicenseRef-pd").map(String::as_str),
            Some("public domain")
        );
    }

    /// What tallyman writes reads back as what it scanned.
    #[test]
    fn spdx3_round_trip() {
        use tallyman_catalogers::{License, Location, Metadata, Package, PackageType};

        let digest = |byte: u8| tallyman_oci::Digest::sha256(&[byte]);
        let mut bash = Package::bare(
            PackageType::Deb,
            "bash".to_owned(),
            "5.2.15-2+b2".to_owned(),
            Some("pkg:deb/debian/bash@5.2.15-2%2Bb2?arch=amd64".to_owned()),
            Location {
                path: "/var/lib/dpkg/status".to_owned(),
                layer: 0,
            },
            Metadata::Deb(Default::default()),
        );
        bash.licenses = vec![License::new("GPL-3+"), License::new("public domain")];
        let sbom = crate::Sbom {
            source: crate::ImageInfo {
                name: "app:1".to_owned(),
                manifest_digest: Some(digest(1)),
                layers: vec![crate::LayerInfo {
                    diff_id: Some(digest(2)),
                    ..Default::default()
                }],
                ..Default::default()
            },
            scope: crate::Scope::Squashed,
            distro: None,
            packages: vec![crate::ScannedPackage {
                id: "deb-bash-1".to_owned(),
                package: bash,
                layer: 0,
                deleted_in: None,
            }],
            relationships: Vec::new(),
            warnings: Vec::new(),
            created: 0,
            author: None,
            file_digests: None,
            origins: Default::default(),
            notes: Vec::new(),
        };
        let bytes = crate::Format::Spdx3Json.render(&sbom, None).unwrap();
        let side = from_bytes("app.spdx.json", &bytes).unwrap();
        let scanned = crate::diff::side::from_scan("app:1", &sbom);
        assert_eq!(side.kind, "spdx-json@3.0");
        assert_eq!(side.name.as_deref(), Some("app:1"));
        assert_eq!(side.digest, Some(digest(1).to_string()));
        assert_eq!(side.packages.len(), 1);
        let (read, found) = (&side.packages[0], &scanned.packages[0]);
        assert_eq!(
            (&read.key, &read.name, &read.version, &read.location),
            (&found.key, &found.name, &found.version, &found.location)
        );
        assert_eq!(
            read.layer.as_ref().and_then(|l| l.diff_id.clone()),
            Some(digest(2).to_string())
        );
        assert_eq!(
            crate::diff::license::terms(&read.licenses, &side.license_refs),
            crate::diff::license::terms(&found.licenses, &scanned.license_refs)
        );
    }

    #[test]
    fn cyclonedx_17() {
        let bom = br#"{"bomFormat": "CycloneDX", "specVersion": "1.7",
            "components": [{"type": "library", "name": "ms", "version": "2.1.3", "purl": "pkg:npm/ms@2.1.3"}]}"#;
        let side = from_bytes("bom.json", bom).unwrap();
        assert_eq!(side.kind, "cyclonedx-json@1.7");
        assert_eq!(side.packages.len(), 1);
    }

    #[test]
    fn cyclonedx_16_with_nested_components_and_an_os() {
        let bom = br#"{"bomFormat": "CycloneDX", "specVersion": "1.6",
            "metadata": {"component": {"type": "container", "name": "app"}},
            "components": [
              {"type": "operating-system", "name": "debian", "version": "12"},
              {"type": "container", "name": "app", "components": [
                {"type": "library", "name": "ms", "version": "2.1.3", "purl": "pkg:npm/ms@2.1.3",
                 "licenses": [{"license": {"id": "MIT"}}],
                 "properties": [{"name": "syft:location:0:path", "value": "/app/node_modules/ms/package.json"}]},
                {"type": "library", "name": "musl", "version": "1.2.5-r0",
                 "licenses": [{"expression": "MIT OR Apache-2.0"}],
                 "properties": [{"name": "syft:package:type", "value": "apk"}]}
              ]}
            ]}"#;
        let side = from_bytes("bom.json", bom).unwrap();
        assert_eq!(side.kind, "cyclonedx-json@1.6");
        assert_eq!(side.name.as_deref(), Some("app"));
        let found = found(&side);
        assert_eq!(
            found,
            [
                ("pkg:npm/ms", "npm", "2.1.3", vec!["MIT".to_owned()]),
                (
                    "apk/musl",
                    "apk",
                    "1.2.5-r0",
                    vec!["MIT OR Apache-2.0".to_owned()]
                ),
            ]
        );
        assert_eq!(
            side.packages[0].location.as_deref(),
            Some("/app/node_modules/ms/package.json")
        );
    }

    #[test]
    fn what_is_not_read() {
        for (document, message) in [
            (&br#"[1]"#[..], "not a JSON object"),
            (
                br#"{"bomFormat": "CycloneDX", "specVersion": "1.2"}"#,
                "CycloneDX specVersion \"1.2\"",
            ),
            (
                br#"{"spdxVersion": "SPDX-2.3", "packages": {}}"#,
                "packages is not an array",
            ),
            (
                br#"{"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": {}}"#,
                "@graph is not an array",
            ),
            (
                br#"{"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld",
                     "@graph": [{"type": "software_Package", "spdxId": "https://x.example/p"}]}"#,
                "@graph[0] has no name",
            ),
            (
                br#"{"artifacts": [{"version": "1"}], "schema": {}}"#,
                "artifacts[0] has no name",
            ),
            (
                br#"{"tool": {"name": "tallyman"}, "images": [{}, {}]}"#,
                "a tallyman json document of 2 platform images; one platform's is needed",
            ),
        ] {
            let error = tallyman_oci::report(&from_bytes("x", document).unwrap_err());
            assert!(error.contains(message), "{error}");
        }
    }
}
