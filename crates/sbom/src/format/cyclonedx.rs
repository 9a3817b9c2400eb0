//! CycloneDX JSON (1.6 by default; 1.7, 1.5, 1.4 and 1.3 on request), built
//! on the `cyclonedx-bom` model (which stops at 1.5: `cyclonedx_next` makes
//! the 1.6 and 1.7 documents from its 1.5 one).
//!
//! - metadata: the timestamp, tallyman as the tool, and the image as a
//!   `container` component named by its `pkg:oci` purl.
//! - metadata: the `--author` as `authors`, the `post-build` lifecycle
//!   (1.5 on).
//! - components: every package (`library`, or `application` for a project
//!   root), with licenses, purl, the supplier its record names (and, for
//!   packages other than a distribution's, as author), copyright notices,
//!   the hashes its record states of its distributable, and `tallyman:layer`
//!   (the layer's diff id), `tallyman:layerVerified` (whether that diff id
//!   was checked against the layer's bytes) and `tallyman:location`
//!   properties; plus the `operating-system` from os-release.
//!
//! What syft needs to read every component back (and grype, which reads
//! through syft), kept in [`for_syft`]: syft's decoder ignores `group` and
//! merges components whose name, version, type, licenses and locations are
//! equal (the purl is not part of its identity), so `@jest/expect` written as
//! group `@jest` + name `expect` became one package with `expect`. Scoped npm
//! names are therefore written whole, as npm, syft and trivy spell them, and
//! each component carries syft's own location properties, so two copies of
//! one package at different paths stay two packages.
//! - dependencies: one entry per component, its `dependsOn` sorted and
//!   deduplicated; `compositions` say which lists are complete (packages
//!   whose type records every dependency) and which unknown.
//! - serialNumber: a UUID v5 over the content, so equal scans give equal BOMs.

use std::collections::{BTreeMap, BTreeSet};

use crate::error::Result;
use cyclonedx_bom::external_models::normalized_string::NormalizedString;
use cyclonedx_bom::external_models::uri::{Purl, Uri};
use cyclonedx_bom::models::bom::{Bom, BomReference, SpecVersion, UrnUuid};
use cyclonedx_bom::models::component::{Classification, Component, Components, Cpe};
use cyclonedx_bom::models::composition::{AggregateType, Composition, Compositions};
use cyclonedx_bom::models::dependency::{Dependencies, Dependency};
use cyclonedx_bom::models::external_reference::{
    ExternalReference, ExternalReferenceType, ExternalReferences,
};
use cyclonedx_bom::models::hash::{Hash, HashAlgorithm, HashValue, Hashes};
use cyclonedx_bom::models::license::{LicenseChoice, Licenses};
use cyclonedx_bom::models::lifecycle::{Lifecycle, Lifecycles, Phase};
use cyclonedx_bom::models::metadata::Metadata as BomMetadata;
use cyclonedx_bom::models::organization::{OrganizationalContact, OrganizationalEntity};
use cyclonedx_bom::models::property::{Properties, Property};
use cyclonedx_bom::models::tool::{Tool, Tools};
use cyclonedx_bom::prelude::DateTime;
use cyclonedx_bom::validation::Validate;
use tallyman_catalogers::License;
use tallyman_oci::fail;

use crate::format::elements::{self, Algorithm, Person};
use crate::format::image_identity::{is_web_url, ImageIdentity};
use crate::format::timestamp;
use crate::{Sbom, ScannedPackage};

/// UUID v5 namespace for tallyman BOM serial numbers (itself a v5 UUID of
/// the URL namespace and "tallyman").
const SERIAL_NAMESPACE: uuid::Uuid = uuid::uuid!("5e1c3f3a-2d59-5b0c-9a8e-6d3c1f7b2a10");
const IMAGE_REF: &str = "image";

/// The CycloneDX versions tallyman writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CycloneDxVersion {
    V1_3,
    V1_4,
    V1_5,
    V1_6,
    V1_7,
}

impl CycloneDxVersion {
    pub fn as_str(self) -> &'static str {
        match self {
            CycloneDxVersion::V1_3 => "1.3",
            CycloneDxVersion::V1_4 => "1.4",
            CycloneDxVersion::V1_5 => "1.5",
            CycloneDxVersion::V1_6 => "1.6",
            CycloneDxVersion::V1_7 => "1.7",
        }
    }

    fn spec(self) -> SpecVersion {
        match self {
            CycloneDxVersion::V1_3 => SpecVersion::V1_3,
            CycloneDxVersion::V1_4 => SpecVersion::V1_4,
            CycloneDxVersion::V1_5 | CycloneDxVersion::V1_6 | CycloneDxVersion::V1_7 => {
                SpecVersion::V1_5
            }
        }
    }
}

pub fn render(sbom: &Sbom, version: CycloneDxVersion) -> Result<Vec<u8>> {
    let identity = ImageIdentity::of(sbom);
    let serial = uuid::Uuid::new_v5(&SERIAL_NAMESPACE, identity.content_hash.as_bytes());
    let created = timestamp(sbom.created)?;
    let mut components: Vec<Component> = sbom.packages.iter().map(|p| component(sbom, p)).collect();
    let os_ref = sbom.distro.as_ref().map(|distro| {
        let version_text = distro.version_id.clone().unwrap_or_default();
        let reference = format!("os-{}-{}", distro.id, version_text);
        let mut os = Component::new(
            Classification::OperatingSystem,
            &distro.id,
            &version_text,
            Some(reference.clone()),
        );
        os.version = Some(version_text)
            .filter(|v| !v.is_empty())
            .map(|v| NormalizedString::new(&v));
        os.description = distro.pretty_name.as_deref().map(NormalizedString::new);
        os.external_references = distro
            .home_url
            .as_deref()
            .filter(|url| is_web_url(url))
            .map(|url| {
                ExternalReferences(vec![ExternalReference::new(
                    ExternalReferenceType::Website,
                    Uri::new(url),
                )])
            });
        components.push(os);
        reference
    });

    let mut depends: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for package in &sbom.packages {
        depends.entry(package.id.as_str()).or_default();
    }
    if let Some(os) = &os_ref {
        depends.entry(os.as_str()).or_default();
    }
    for edge in &sbom.relationships {
        depends
            .entry(edge.from.as_str())
            .or_default()
            .insert(edge.to.as_str());
    }
    let dependencies = depends
        .into_iter()
        .map(|(from, to)| Dependency {
            dependency_ref: from.to_owned(),
            dependencies: to.into_iter().map(str::to_owned).collect(),
        })
        .collect();

    let mut image = Component::new(
        Classification::Container,
        &identity.name,
        &identity
            .digest
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
        Some(IMAGE_REF.to_owned()),
    );
    if identity.digest.is_none() {
        image.version = None;
    }
    image.purl = identity
        .purl
        .as_deref()
        .map(|p| p.parse::<Purl>())
        .transpose()
        .ok()
        .flatten();
    image.description = Some(NormalizedString::new(&sbom.source.name));

    if version == CycloneDxVersion::V1_3 {
        for component in components.iter_mut().chain([&mut image]) {
            required_version(component);
        }
    }

    let tool = Tool::new("tallyman", "tallyman", crate::VERSION);
    let tools = if version.spec() >= SpecVersion::V1_5 {
        let mut component = Component::new(
            Classification::Application,
            "tallyman",
            crate::VERSION,
            None,
        );
        component.author = Some(NormalizedString::new("tallyman"));
        Tools::Object {
            services: None,
            components: Some(Components(vec![component])),
        }
    } else {
        Tools::List(vec![tool])
    };
    let authors = sbom
        .author
        .as_deref()
        .and_then(Person::parse)
        .map(|person| {
            vec![OrganizationalContact {
                bom_ref: None,
                name: Some(NormalizedString::new(&person.name)),
                email: person.email.as_deref().map(NormalizedString::new),
                phone: None,
            }]
        });
    // What the scan saw: an image after its build (CISA's "analyzed" SBOM).
    let lifecycles = (version.spec() >= SpecVersion::V1_5)
        .then(|| Lifecycles(vec![Lifecycle::Phase(Phase::PostBuild)]));
    let bom = Bom {
        version: 1,
        serial_number: Some(UrnUuid::new(format!("urn:uuid:{serial}")).map_err(|e| {
            crate::Error::Message(format!("serial number urn:uuid:{serial}: {e:?}"))
        })?),
        metadata: Some(BomMetadata {
            timestamp: Some(
                DateTime::try_from(created.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
                    .map_err(|e| crate::Error::Message(format!("BOM timestamp: {e}")))?,
            ),
            tools: Some(tools),
            authors,
            component: Some(image),
            manufacture: None,
            supplier: None,
            licenses: None,
            properties: None,
            lifecycles,
        }),
        components: Some(Components(components)),
        services: None,
        external_references: None,
        dependencies: Some(Dependencies(dependencies)),
        compositions: Some(compositions(sbom)),
        properties: None,
        vulnerabilities: None,
        signature: None,
        annotations: None,
        formulation: None,
        spec_version: version.spec(),
    };
    let validation = bom.validate_version(version.spec());
    if !validation.passed() {
        fail!("internal error: the CycloneDX document does not validate: {validation:?}");
    }
    let mut out = Vec::new();
    bom.output_as_json(&mut out, version.spec())
        .map_err(|e| crate::Error::Message(format!("serialising the CycloneDX document: {e}")))?;
    let mut out = match version {
        CycloneDxVersion::V1_6 | CycloneDxVersion::V1_7 => {
            super::cyclonedx_next::upgrade(out, sbom, version.as_str())?
        }
        _ => out,
    };
    out.push(b'\n');
    Ok(out)
}

/// How complete each component's `dependsOn` list is: `complete` for
/// packages whose type records every dependency, `unknown` for the rest
/// (see `elements`).
fn compositions(sbom: &Sbom) -> Compositions {
    let (complete, unknown): (Vec<&ScannedPackage>, Vec<&ScannedPackage>) = sbom
        .packages
        .iter()
        .partition(|p| elements::dependencies_complete(p.package.kind));
    let group = |aggregate, packages: Vec<&ScannedPackage>| {
        (!packages.is_empty()).then(|| Composition {
            bom_ref: None,
            aggregate,
            assemblies: None,
            dependencies: Some(
                packages
                    .iter()
                    .map(|p| BomReference::new(p.id.as_str()))
                    .collect(),
            ),
            vulnerabilities: None,
            signature: None,
        })
    };
    Compositions(
        [
            group(AggregateType::Complete, complete),
            group(AggregateType::Unknown, unknown),
        ]
        .into_iter()
        .flatten()
        .collect(),
    )
}

fn component(sbom: &Sbom, scanned: &ScannedPackage) -> Component {
    let p = &scanned.package;
    let kind = if p.application {
        Classification::Application
    } else {
        Classification::Library
    };
    let mut component = Component::new(kind, &p.name, &p.version, Some(scanned.id.clone()));
    if p.version.is_empty() {
        component.version = None;
    }
    component.purl = p.purl.as_deref().and_then(|purl| purl.parse::<Purl>().ok());
    // One CPE has a field; the others are properties, as syft writes them.
    component.cpe = p.cpes.first().map(|cpe| Cpe::new(cpe));
    component.description = p.description.as_deref().map(NormalizedString::new);
    component.licenses = licenses(&p.licenses);
    if let Some(person) = elements::supplier(p) {
        component.supplier = Some(OrganizationalEntity {
            bom_ref: None,
            name: Some(NormalizedString::new(&person.name)),
            url: person.url.as_deref().map(|url| vec![Uri::new(url)]),
            contact: person.email.as_deref().map(|email| {
                vec![OrganizationalContact {
                    bom_ref: None,
                    name: None,
                    email: Some(NormalizedString::new(email)),
                    phone: None,
                }]
            }),
        });
        if !p.kind.is_distro_package() {
            // The record names the package's author; 1.6 writes `authors`.
            component.author = p.supplier.as_deref().map(NormalizedString::new);
        }
    }
    component.copyright = elements::copyright(p).map(NormalizedString::new);
    let hashes: Vec<Hash> = elements::artifact_hashes(p)
        .into_iter()
        .map(|hash| Hash {
            alg: match hash.algorithm {
                Algorithm::Sha1 => HashAlgorithm::SHA1,
                Algorithm::Sha256 => HashAlgorithm::SHA_256,
                Algorithm::Sha512 => HashAlgorithm::SHA_512,
            },
            content: HashValue(hash.hex),
        })
        .collect();
    if !hashes.is_empty() {
        component.hashes = Some(Hashes(hashes));
    }
    let mut references = Vec::new();
    if let Some(homepage) = p.homepage.as_deref().filter(|h| is_web_url(h)) {
        references.push(ExternalReference::new(
            ExternalReferenceType::Website,
            Uri::new(homepage),
        ));
    }
    if let tallyman_catalogers::Metadata::Npm(npm) = &p.metadata {
        if let Some(repository) = npm.repository.as_deref().filter(|r| is_web_url(r)) {
            references.push(ExternalReference::new(
                ExternalReferenceType::Vcs,
                Uri::new(repository),
            ));
        }
    }
    if !references.is_empty() {
        component.external_references = Some(ExternalReferences(references));
    }
    let mut properties = Vec::new();
    if let Some(location) = p.primary_location() {
        let layer = sbom.layer_id(scanned.layer).map(ToString::to_string);
        if let Some(layer) = &layer {
            properties.push(Property::new("tallyman:layer", layer));
        }
        if let Some(verified) = sbom.layer_verified(scanned.layer) {
            properties.push(Property::new(
                "tallyman:layerVerified",
                if verified { "true" } else { "false" },
            ));
        }
        properties.push(Property::new("tallyman:location", &location.path));
        properties.extend(for_syft(&location.path, layer.as_deref()));
    }
    if let Some(deleted) = scanned.deleted_in.and_then(|l| sbom.layer_id(l)) {
        properties.push(Property::new(
            "tallyman:deletedInLayer",
            &deleted.to_string(),
        ));
    }
    properties.extend(
        p.cpes
            .iter()
            .skip(1)
            .map(|cpe| Property::new("syft:cpe23", cpe)),
    );
    properties.sort_by(|a, b| a.name.cmp(&b.name));
    component.properties = Some(Properties(properties));
    component
}

/// CycloneDX 1.3 requires every component to have a version (later
/// versions do not): an unknown one is written empty there, and left out
/// elsewhere.
fn required_version(component: &mut Component) {
    if component.version.is_none() {
        component.version = Some(NormalizedString::new(""));
    }
}

/// syft's location properties (see the module comment): the path of the
/// package's record and the layer's diff id, which syft also uses as the
/// layer's id.
fn for_syft(path: &str, layer: Option<&str>) -> Vec<Property> {
    let mut properties = vec![Property::new("syft:location:0:path", path)];
    if let Some(layer) = layer {
        properties.push(Property::new("syft:location:0:layerID", layer));
    }
    properties
}

/// CycloneDX wants either license objects or a single expression: single
/// SPDX ids become `license.id`, other names `license.name`; when any value
/// is a compound expression everything is joined into one expression.
fn licenses(licenses: &[License]) -> Option<Licenses> {
    if licenses.is_empty() {
        return None;
    }
    let compound = licenses
        .iter()
        .any(|l| l.spdx.as_deref().is_some_and(|s| s.contains(' ')));
    if compound && licenses.iter().all(|l| l.spdx.is_some()) {
        let mut terms: Vec<String> = licenses
            .iter()
            .filter_map(|l| l.spdx.as_deref())
            .map(|s| {
                if s.contains(' ') {
                    format!("({s})")
                } else {
                    s.to_owned()
                }
            })
            .collect();
        terms.dedup();
        return Some(Licenses(vec![LicenseChoice::expression(
            &terms.join(" AND "),
        )]));
    }
    let mut choices: Vec<LicenseChoice> = Vec::new();
    let mut seen = BTreeSet::new();
    for license in licenses {
        let choice = match license.spdx.as_deref() {
            Some(id) if !id.contains(' ') && spdx::license_id(id).is_some() => {
                LicenseChoice::License(cyclonedx_bom::models::license::License::license_id(id))
            }
            _ => LicenseChoice::license(&license.value),
        };
        if seen.insert(format!("{choice:?}")) {
            choices.push(choice);
        }
    }
    Some(Licenses(choices))
}
