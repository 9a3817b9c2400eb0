//! The SPDX 3 writer on a small hand-made scan: the document's shape, that
//! every reference resolves, the minimum elements, and reproducibility.

use std::collections::{BTreeMap, HashMap};

use serde_json::Value;
use tallyman_catalogers::model::{DotNetMetadata, NpmMetadata};
use tallyman_catalogers::{
    License, Location, Metadata, OwnedFile, Package, PackageType, RelationshipKind,
};
use tallyman_oci::Digest;

use super::packages::url_file_name;
use super::{render, NONE_ELEMENT, NO_ASSERTION_LICENSE};
use crate::{Edge, ImageInfo, LayerInfo, Sbom, ScannedPackage, Scope};

fn digest(byte: u8) -> Digest {
    Digest::sha256(&[byte])
}

fn scanned(id: &str, package: Package) -> ScannedPackage {
    ScannedPackage {
        id: id.to_owned(),
        package,
        layer: 0,
        deleted_in: None,
    }
}

fn package(
    kind: PackageType,
    name: &str,
    version: &str,
    purl: &str,
    metadata: Metadata,
) -> Package {
    Package::bare(
        kind,
        name.to_owned(),
        version.to_owned(),
        Some(purl.to_owned()),
        Location {
            path: "/var/lib/dpkg/status".to_owned(),
            layer: 0,
        },
        metadata,
    )
}

/// A deb with a supplier, licenses (one no SPDX name) and a copyright; an
/// npm package from a lockfile (resolved URL and integrity) that the deb
/// depends on; a NuGet package with its sha512; a Go module (whose type
/// records no dependencies).
pub(crate) fn sample() -> Sbom {
    let mut bash = package(
        PackageType::Deb,
        "bash",
        "5.2.15-2+b2",
        "pkg:deb/debian/bash@5.2.15-2%2Bb2?arch=amd64",
        Metadata::Deb(Default::default()),
    );
    bash.supplier = Some("Matthias Klose <doko@debian.org>".to_owned());
    bash.licenses = vec![License::new("GPL-3+"), License::new("public domain")];
    bash.copyright = Some("Copyright (C) 1987-2022 Free Software Foundation, Inc.".to_owned());
    bash.homepage = Some("https://tiswww.case.edu/php/chet/bash/bashtop.html".to_owned());
    bash.cpes = vec!["cpe:2.3:a:gnu:bash:5.2.15:*:*:*:*:*:*:*".to_owned()];
    bash.files = vec![OwnedFile {
        path: "/usr/bin/bash".to_owned(),
        ..Default::default()
    }];
    let mut ms = package(
        PackageType::Npm,
        "ms",
        "2.1.3",
        "pkg:npm/ms@2.1.3",
        Metadata::Npm(NpmMetadata {
            resolved: Some("https://registry.npmjs.org/ms/-/ms-2.1.3.tgz".to_owned()),
            integrity: Some("sha512-6FlzubTLZG3J2a/NVCAleEhjzq5oxgHyaCU9yYXvcLsvoVaHJq/s5xXI6/XXP6tz7R9xAOtHnSO/tXtF3WRTlA==".to_owned()),
            repository: Some("git+https://github.com/vercel/ms.git".to_owned()),
            ..Default::default()
        }),
    );
    ms.supplier = Some("Vercel <support@vercel.com> (https://vercel.com)".to_owned());
    ms.licenses = vec![License::new("MIT")];
    let csharp = package(
        PackageType::DotNet,
        "Microsoft.CSharp",
        "4.7.0",
        "pkg:nuget/Microsoft.CSharp@4.7.0",
        Metadata::DotNet(DotNetMetadata {
            kind: "package".to_owned(),
            sha512: Some("sha512-pTj+D3uJWyN3My70i2Hqo+OXixq3Os2D1nJ2x92FFo6sk8fYS1m1WLNTs0Dc1uPaViH0YvEEwvzddQ7y4rhXmA==".to_owned()),
            ..Default::default()
        }),
    );
    let go = package(
        PackageType::Go,
        "golang.org/x/sys",
        "v0.20.0",
        "pkg:golang/golang.org/x/sys@v0.20.0",
        Metadata::Go(Default::default()),
    );
    Sbom {
        source: ImageInfo {
            input: "oci-dir:/images/app.oci".to_owned(),
            name: "docker.io/library/app:1".to_owned(),
            tags: vec!["docker.io/library/app:1".to_owned()],
            manifest_digest: Some(digest(1)),
            config_digest: Some(digest(2)),
            platform: Some("linux/amd64".to_owned()),
            layers: vec![LayerInfo {
                diff_id: Some(digest(3)),
                diff_id_verified: Some(true),
                ..Default::default()
            }],
            ..Default::default()
        },
        scope: Scope::Squashed,
        distro: None,
        packages: vec![
            scanned("deb-bash-1", bash),
            scanned("npm-ms-2", ms),
            scanned("dotnet-Microsoft.CSharp-3", csharp),
            scanned("go-module-golang.org-x-sys-4", go),
        ],
        relationships: vec![Edge {
            from: "deb-bash-1".to_owned(),
            to: "npm-ms-2".to_owned(),
            kind: RelationshipKind::DependsOn,
        }],
        warnings: Vec::new(),
        created: 1_700_000_000,
        author: Some("Jane Doe <jane@example.com>".to_owned()),
        file_digests: None,
        origins: Default::default(),
        notes: Vec::new(),
    }
}

/// The rendered document's graph, by spdxId (the creation info by `@id`).
fn graph(sbom: &Sbom) -> (Value, HashMap<String, Value>) {
    let document: Value = serde_json::from_slice(&render(sbom).unwrap()).unwrap();
    let mut by_id = HashMap::new();
    for element in document["@graph"].as_array().unwrap() {
        let id = element
            .get("spdxId")
            .or_else(|| element.get("@id"))
            .and_then(Value::as_str)
            .unwrap()
            .to_owned();
        assert!(
            by_id.insert(id.clone(), element.clone()).is_none(),
            "{id} twice"
        );
    }
    (document, by_id)
}

fn of_type<'a>(by_id: &'a HashMap<String, Value>, kind: &str) -> Vec<&'a Value> {
    let mut found: Vec<&Value> = by_id.values().filter(|e| e["type"] == kind).collect();
    found.sort_by_key(|e| e["spdxId"].as_str().unwrap_or_default().to_owned());
    found
}

fn named<'a>(by_id: &'a HashMap<String, Value>, name: &str) -> &'a Value {
    by_id
        .values()
        .find(|e| e["type"] == "software_Package" && e["name"] == name)
        .unwrap()
}

/// The relationships of `type` from `from`: their `to`s and completeness.
fn related(by_id: &HashMap<String, Value>, from: &Value, kind: &str) -> Vec<(Vec<String>, Value)> {
    of_type(by_id, "Relationship")
        .into_iter()
        .filter(|r| r["from"] == from["spdxId"] && r["relationshipType"] == kind)
        .map(|r| {
            let to = r["to"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t.as_str().unwrap().to_owned())
                .collect();
            (to, r.get("completeness").cloned().unwrap_or(Value::Null))
        })
        .collect()
}

fn text<'a>(value: &'a Value, key: &str) -> &'a str {
    value[key].as_str().unwrap_or_default()
}

#[test]
fn header_creators_and_collections() {
    let sbom = sample();
    let (document, by_id) = graph(&sbom);
    assert_eq!(document["@context"], super::CONTEXT);
    let info = &by_id["_:creationinfo"];
    assert_eq!(info["specVersion"], "3.0.1");
    assert_eq!(info["created"], "2023-11-14T22:13:20Z");
    let created_by: Vec<&Value> = info["createdBy"]
        .as_array()
        .unwrap()
        .iter()
        .map(|id| &by_id[id.as_str().unwrap()])
        .collect();
    assert_eq!(created_by[0]["type"], "SoftwareAgent");
    assert_eq!(
        created_by[0]["name"],
        format!("tallyman-{}", crate::VERSION)
    );
    assert_eq!(created_by[1]["type"], "Person");
    assert_eq!(created_by[1]["name"], "Jane Doe");
    assert_eq!(
        created_by[1]["externalIdentifier"],
        serde_json::json!([{"type": "ExternalIdentifier", "externalIdentifierType": "email", "identifier": "jane@example.com"}])
    );
    let tool = &by_id[info["createdUsing"][0].as_str().unwrap()];
    assert_eq!(tool["type"], "Tool");

    let documents = of_type(&by_id, "SpdxDocument");
    assert_eq!(documents.len(), 1);
    let spdx_document = documents[0];
    assert_eq!(spdx_document["name"], "docker.io/library/app:1");
    let data_license = &by_id[text(spdx_document, "dataLicense")];
    assert_eq!(data_license["simplelicensing_licenseExpression"], "CC0-1.0");
    let sbom_element = &by_id[spdx_document["rootElement"][0].as_str().unwrap()];
    assert_eq!(sbom_element["type"], "software_Sbom");
    assert_eq!(
        sbom_element["software_sbomType"],
        serde_json::json!(["analyzed"])
    );
    let image = &by_id[sbom_element["rootElement"][0].as_str().unwrap()];
    assert_eq!(image["software_primaryPurpose"], "container");
    assert_eq!(image["software_packageVersion"], digest(1).to_string());
    assert_eq!(
        image["verifiedUsing"],
        serde_json::json!([{"type": "Hash", "algorithm": "sha256", "hashValue": digest(1).hex()}])
    );
    assert!(text(image, "software_packageUrl").starts_with("pkg:oci/app@sha256:"));

    // The document lists every element but itself; every element but the
    // creation info has the one creation info.
    let listed = spdx_document["element"].as_array().unwrap();
    assert_eq!(listed.len(), by_id.len() - 2);
    for (id, element) in &by_id {
        if id != "_:creationinfo" {
            assert_eq!(element["creationInfo"], "_:creationinfo", "{id}");
        }
    }
}

#[test]
fn every_reference_resolves() {
    let (document, by_id) = graph(&sample());
    let individuals = [NONE_ELEMENT, NO_ASSERTION_LICENSE];
    for element in document["@graph"].as_array().unwrap() {
        for key in [
            "from",
            "to",
            "element",
            "rootElement",
            "suppliedBy",
            "originatedBy",
            "createdBy",
            "createdUsing",
            "dataLicense",
        ] {
            let references = match &element[key] {
                Value::String(one) => vec![one.as_str()],
                Value::Array(many) => many.iter().filter_map(Value::as_str).collect(),
                _ => continue,
            };
            for reference in references {
                assert!(
                    by_id.contains_key(reference) || individuals.contains(&reference),
                    "{key} {reference} of {element}"
                );
            }
        }
    }
}

#[test]
fn packages_carry_the_minimum_elements() {
    let (_, by_id) = graph(&sample());
    let bash = named(&by_id, "bash");
    assert_eq!(bash["software_packageVersion"], "5.2.15-2+b2");
    assert_eq!(bash["software_primaryPurpose"], "library");
    assert_eq!(
        bash["software_copyrightText"],
        "Copyright (C) 1987-2022 Free Software Foundation, Inc."
    );
    assert_eq!(
        bash["software_sourceInfo"],
        format!(
            "acquired package info from /var/lib/dpkg/status in layer {}",
            digest(3)
        )
    );
    let identifiers: Vec<(&str, &str)> = bash["externalIdentifier"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (text(i, "externalIdentifierType"), text(i, "identifier")))
        .collect();
    assert_eq!(
        identifiers,
        [
            ("packageUrl", "pkg:deb/debian/bash@5.2.15-2%2Bb2?arch=amd64"),
            ("cpe23", "cpe:2.3:a:gnu:bash:5.2.15:*:*:*:*:*:*:*"),
        ]
    );
    // A distribution's maintainer supplies its packages, and built them.
    let supplier = &by_id[text(bash, "suppliedBy")];
    assert_eq!(supplier["type"], "Organization");
    assert_eq!(supplier["name"], "Matthias Klose");
    assert_eq!(
        bash["originatedBy"],
        serde_json::json!([bash["suppliedBy"]])
    );

    let ms = named(&by_id, "ms");
    let author = &by_id[text(ms, "suppliedBy")];
    assert_eq!(author["type"], "Person");
    assert_eq!(ms["originatedBy"], serde_json::json!([ms["suppliedBy"]]));
    let contacts: Vec<(&str, &str)> = author["externalIdentifier"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (text(i, "externalIdentifierType"), text(i, "identifier")))
        .collect();
    assert_eq!(
        contacts,
        [
            ("email", "support@vercel.com"),
            ("urlScheme", "https://vercel.com")
        ]
    );
    assert_eq!(
        ms["software_downloadLocation"],
        "https://registry.npmjs.org/ms/-/ms-2.1.3.tgz"
    );
    assert!(
        ms.get("software_copyrightText").is_none(),
        "none is made up"
    );
    assert_eq!(ms["verifiedUsing"][0]["algorithm"], "sha512");
    assert!(text(&ms["verifiedUsing"][0], "hashValue").starts_with("e859"));

    let go = named(&by_id, "golang.org/x/sys");
    assert!(go.get("suppliedBy").is_none());
}

#[test]
fn licenses_declared_and_concluded() {
    let (_, by_id) = graph(&sample());
    let expression = |package: &Value, kind: &str| {
        let to = &related(&by_id, package, kind)[0].0;
        assert_eq!(to.len(), 1);
        match by_id.get(&to[0]) {
            Some(e) => text(e, "simplelicensing_licenseExpression").to_owned(),
            None => to[0].clone(),
        }
    };
    let bash = named(&by_id, "bash");
    assert_eq!(
        expression(bash, "hasDeclaredLicense"),
        "GPL-3.0-or-later AND LicenseRef-public-domain"
    );
    // Not every license has an SPDX form: nothing is concluded.
    assert_eq!(
        expression(bash, "hasConcludedLicense"),
        NO_ASSERTION_LICENSE
    );
    let ms = named(&by_id, "ms");
    assert_eq!(expression(ms, "hasDeclaredLicense"), "MIT");
    assert_eq!(expression(ms, "hasConcludedLicense"), "MIT");
    let go = named(&by_id, "golang.org/x/sys");
    assert!(related(&by_id, go, "hasDeclaredLicense").is_empty());
    assert_eq!(expression(go, "hasConcludedLicense"), NO_ASSERTION_LICENSE);

    // One element per text; the LicenseRef is defined by the expression.
    let expressions = of_type(&by_id, "simplelicensing_LicenseExpression");
    let mit: Vec<_> = expressions
        .iter()
        .filter(|e| e["simplelicensing_licenseExpression"] == "MIT")
        .collect();
    assert_eq!(mit.len(), 1);
    let declared = expressions
        .iter()
        .find(|e| text(e, "simplelicensing_licenseExpression").contains("LicenseRef"))
        .unwrap();
    let entry = &declared["simplelicensing_customIdToUri"][0];
    assert_eq!(entry["key"], "LicenseRef-public-domain");
    let defined = &by_id[text(entry, "value")];
    assert_eq!(defined["type"], "simplelicensing_SimpleLicensingText");
    assert_eq!(defined["simplelicensing_licenseText"], "public domain");
}

#[test]
fn relationships_and_their_completeness() {
    let sbom = sample();
    let (_, by_id) = graph(&sbom);
    let image = of_type(&by_id, "software_Package")
        .into_iter()
        .find(|p| p["software_primaryPurpose"] == "container")
        .unwrap();
    let contains = related(&by_id, image, "contains");
    assert_eq!(contains.len(), 1, "one relationship per (from, type)");
    let (to, completeness) = &contains[0];
    assert_eq!(to.len(), 4);
    assert!(to.windows(2).all(|w| w[0] < w[1]), "sorted");
    assert_eq!(completeness, "noAssertion");

    let bash = named(&by_id, "bash");
    let ms = named(&by_id, "ms");
    assert_eq!(
        related(&by_id, bash, "dependsOn"),
        [(vec![text(ms, "spdxId").to_owned()], Value::from("complete"))]
    );
    // npm records its dependencies: none is a statement.
    assert_eq!(
        related(&by_id, ms, "dependsOn"),
        [(vec![NONE_ELEMENT.to_owned()], Value::from("complete"))]
    );
    // Go build info lists modules, not who needs whom: nothing is said.
    let go = named(&by_id, "golang.org/x/sys");
    assert!(related(&by_id, go, "dependsOn").is_empty());
}

#[test]
fn distribution_artifacts() {
    let (_, by_id) = graph(&sample());
    let artifact = |name: &str| {
        let package = named(&by_id, name);
        let to = &related(&by_id, package, "hasDistributionArtifact")[0].0;
        by_id[&to[0]].clone()
    };
    let tarball = artifact("ms");
    assert_eq!(tarball["type"], "software_File");
    assert_eq!(tarball["name"], "ms-2.1.3.tgz");
    assert_eq!(
        tarball["software_additionalPurpose"],
        serde_json::json!(["archive"])
    );
    assert_eq!(tarball["verifiedUsing"][0]["algorithm"], "sha512");
    assert_eq!(
        tarball["externalRef"][0]["locator"][0],
        "https://registry.npmjs.org/ms/-/ms-2.1.3.tgz"
    );
    let nupkg = artifact("Microsoft.CSharp");
    assert_eq!(nupkg["name"], "microsoft.csharp.4.7.0.nupkg");
    assert_eq!(nupkg["verifiedUsing"][0]["algorithm"], "sha512");
    assert!(nupkg.get("externalRef").is_none(), "no URL is made up");
    let bash = named(&by_id, "bash");
    assert!(related(&by_id, bash, "hasDistributionArtifact").is_empty());
}

#[test]
fn owned_files_with_spdx_files() {
    let mut sbom = sample();
    sbom.file_digests = Some(BTreeMap::from([(
        "/usr/bin/bash".to_owned(),
        "0123456789abcdef0123456789abcdef01234567".to_owned(),
    )]));
    let (_, by_id) = graph(&sbom);
    let bash = named(&by_id, "bash");
    let contains = related(&by_id, bash, "contains");
    assert_eq!(contains.len(), 1);
    let file = &by_id[&contains[0].0[0]];
    assert_eq!(file["name"], "./usr/bin/bash");
    assert_eq!(file["verifiedUsing"][0]["algorithm"], "sha1");
}

#[test]
fn no_author_no_person() {
    let mut sbom = sample();
    sbom.author = None;
    let (_, by_id) = graph(&sbom);
    assert_eq!(
        by_id["_:creationinfo"]["createdBy"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn equal_scans_give_equal_bytes() {
    let sbom = sample();
    assert_eq!(render(&sbom).unwrap(), render(&sbom).unwrap());
    let mut other = sample();
    other.packages.pop();
    let first: Value = serde_json::from_slice(&render(&sbom).unwrap()).unwrap();
    let second: Value = serde_json::from_slice(&render(&other).unwrap()).unwrap();
    assert_ne!(
        first["@graph"][1]["spdxId"], second["@graph"][1]["spdxId"],
        "another content, another namespace"
    );
}

#[test]
fn file_names_of_urls() {
    assert_eq!(
        url_file_name("https://registry.npmjs.org/@babel/core/-/core-7.24.0.tgz?x=1#y").as_deref(),
        Some("core-7.24.0.tgz")
    );
    assert_eq!(url_file_name("https://example.com/"), None);
    assert_eq!(url_file_name("https://example.com"), None);
}

/// Two platforms' documents joined: one document, one SBOM whose roots
/// are both images, every id unique and every reference resolved.
#[test]
fn platforms_join_into_one_document() {
    use crate::format::platforms::{render as join, PlatformImages};
    use crate::Format;

    let amd64 = sample();
    let mut arm64 = sample();
    arm64.source.platform = Some("linux/arm64".to_owned());
    arm64.source.manifest_digest = Some(digest(9));
    let images = [
        ("linux/amd64".to_owned(), amd64),
        ("linux/arm64".to_owned(), arm64),
    ];
    let index = digest(8);
    let all = PlatformImages {
        name: "docker.io/library/app:1",
        digest: Some(&index),
        images: &images,
    };
    let bytes = join(Format::Spdx3Json, &all, None).unwrap();
    assert_eq!(bytes, join(Format::Spdx3Json, &all, None).unwrap());
    let document: Value = serde_json::from_slice(&bytes).unwrap();
    let graph = document["@graph"].as_array().unwrap();
    let mut by_id = HashMap::new();
    for element in graph {
        let id = element
            .get("spdxId")
            .or_else(|| element.get("@id"))
            .and_then(Value::as_str)
            .unwrap();
        assert!(by_id.insert(id, element).is_none(), "{id} twice");
    }
    let count = |kind: &str| graph.iter().filter(|e| e["type"] == kind).count();
    assert_eq!(count("CreationInfo"), 1);
    assert_eq!(count("SpdxDocument"), 1);
    assert_eq!(count("software_Sbom"), 1);
    assert_eq!(count("SoftwareAgent"), 1);
    assert_eq!(count("Tool"), 1);
    assert_eq!(count("software_Package"), 2 * 5);
    let spdx_document = graph.iter().find(|e| e["type"] == "SpdxDocument").unwrap();
    assert_eq!(spdx_document["name"], "docker.io/library/app:1");
    assert_eq!(
        spdx_document["element"].as_array().unwrap().len(),
        by_id.len() - 2
    );
    let sbom = &by_id[spdx_document["rootElement"][0].as_str().unwrap()];
    let roots: Vec<&str> = sbom["rootElement"]
        .as_array()
        .unwrap()
        .iter()
        .map(|id| by_id[id.as_str().unwrap()]["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        roots,
        [
            "docker.io/library/app:1 (linux/amd64)",
            "docker.io/library/app:1 (linux/arm64)"
        ]
    );
    let namespace = text(spdx_document, "spdxId").split('#').next().unwrap();
    let individuals = [NONE_ELEMENT, NO_ASSERTION_LICENSE];
    for element in graph {
        if let Some(id) = element.get("spdxId").and_then(Value::as_str) {
            assert!(id.starts_with(namespace), "{id}");
        }
        for key in [
            "from",
            "to",
            "element",
            "rootElement",
            "suppliedBy",
            "createdBy",
            "dataLicense",
        ] {
            let references = match &element[key] {
                Value::String(one) => vec![one.as_str()],
                Value::Array(many) => many.iter().filter_map(Value::as_str).collect(),
                _ => continue,
            };
            for reference in references {
                assert!(
                    by_id.contains_key(reference) || individuals.contains(&reference),
                    "{key} {reference}"
                );
            }
        }
    }
    assert!(by_id
        .keys()
        .any(|id| id.contains("#SPDXRef-linux-arm64-Package-deb-bash-1")));
}
