//! SPDX 2.3 (and 2.2) JSON, built on the `spdx-rs` model.
//!
//! - The document DESCRIBES a root package for the image (purpose CONTAINER,
//!   its digest as a SHA256 checksum, a `pkg:oci` purl), which CONTAINS every
//!   package; catalogued edges become DEPENDS_ON (and a deb CONTAINS the node
//!   modules it ships).
//! - Identifiers are derived from content: SPDXIDs from package ids, the
//!   namespace from the image digest, tool version and a hash of the content.
//! - Every value a validator checks is checked here first: download locations
//!   and homepages must match the SPDX tools' URL grammar (else NOASSERTION or
//!   left out), licenses must be valid expressions (names that are not SPDX
//!   become `LicenseRef-…` with their text in hasExtractedLicensingInfos),
//!   suppliers and originators follow `Person: name (email)`.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use crate::error::{Context, Result};
use regex::Regex;
use spdx_expression::SpdxExpression;
use spdx_rs::models::{
    Algorithm, Checksum, CreationInfo, DocumentCreationInformation, ExternalPackageReference,
    ExternalPackageReferenceCategory, FileInformation, OtherLicensingInformationDetected,
    PackageInformation, PackageVerificationCode, PrimaryPackagePurpose, Relationship,
    RelationshipType, SPDX,
};
use tallyman_catalogers::{Metadata, RelationshipKind};

use crate::format::elements::{self, Person};
use crate::format::image_identity::ImageIdentity;
use crate::format::license_refs::LicenseRefs;
use crate::format::timestamp;
use crate::{id_text, Sbom, ScannedPackage};

/// The SPDX versions tallyman writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpdxVersion {
    V2_2,
    V2_3,
}

impl SpdxVersion {
    pub fn as_str(self) -> &'static str {
        match self {
            SpdxVersion::V2_2 => "2.2",
            SpdxVersion::V2_3 => "2.3",
        }
    }
}

const NOASSERTION: &str = "NOASSERTION";
const DOCUMENT_ID: &str = "SPDXRef-DOCUMENT";
const IMAGE_ID: &str = "SPDXRef-Image";

/// The URL grammar of the SPDX project's own validator (spdx-tools'
/// `validate_url` / download location check), so what we write is what it accepts.
static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(http://www\.|https://www\.|http://|https://|ssh://|git://|svn://|sftp://|ftp://)?",
        r"([\w\-.!~*'()%;:&=+$,]+@)?[a-z0-9]+([\-.][a-z0-9]+){0,100}\.[a-z]{2,5}(:[0-9]{1,5})?(/.*)?$"
    ))
    .expect("static regex")
});
static VCS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(git|hg|svn|bzr)\+").expect("static regex"));

pub fn render(sbom: &Sbom, version: SpdxVersion) -> Result<Vec<u8>> {
    let identity = ImageIdentity::of(sbom);
    let mut licenses = LicenseRefs::default();
    let mut packages = vec![image_package(sbom, &identity, version)];
    let mut relationships = vec![Relationship::new(
        DOCUMENT_ID,
        IMAGE_ID,
        RelationshipType::Describes,
        None,
    )];
    for scanned in &sbom.packages {
        packages.push(package(sbom, scanned, version, &mut licenses));
        relationships.push(Relationship::new(
            IMAGE_ID,
            &spdx_id(&scanned.id),
            RelationshipType::Contains,
            None,
        ));
    }
    let mut files = Vec::new();
    if let Some(digests) = &sbom.file_digests {
        for (scanned, spdx_package) in sbom.packages.iter().zip(packages.iter_mut().skip(1)) {
            let owned = owned_files(scanned, digests, version);
            if owned.is_empty() {
                continue;
            }
            // Files listed means files analysed: SPDX then wants the
            // verification code over every listed file's sha1.
            let mut sha1s: Vec<&str> = owned
                .iter()
                .filter_map(|f| {
                    f.file_checksum
                        .iter()
                        .find(|c| c.algorithm == Algorithm::SHA1)
                })
                .map(|c| c.value.as_str())
                .collect();
            sha1s.sort_unstable();
            let code = hex::encode(<sha1::Sha1 as sha1::Digest>::digest(
                sha1s.concat().as_bytes(),
            ));
            spdx_package.files_analyzed = Some(true);
            spdx_package.package_verification_code =
                Some(PackageVerificationCode::new(code, Vec::new()));
            spdx_package.all_licenses_information_from_files = vec![NOASSERTION.to_owned()];
            for file in owned {
                relationships.push(Relationship::new(
                    &spdx_package.package_spdx_identifier,
                    &file.file_spdx_identifier,
                    RelationshipType::Contains,
                    None,
                ));
                files.push(file);
            }
        }
    }
    for edge in &sbom.relationships {
        let kind = match edge.kind {
            RelationshipKind::DependsOn => RelationshipType::DependsOn,
            RelationshipKind::Contains => RelationshipType::Contains,
        };
        relationships.push(Relationship::new(
            &spdx_id(&edge.from),
            &spdx_id(&edge.to),
            kind,
            None,
        ));
    }
    let namespace_name = id_text(&identity.name);
    let document = SPDX {
        document_creation_information: DocumentCreationInformation {
            spdx_version: format!("SPDX-{}", version.as_str()),
            data_license: "CC0-1.0".to_owned(),
            spdx_identifier: DOCUMENT_ID.to_owned(),
            document_name: sbom.source.name.clone(),
            spdx_document_namespace: format!(
                "https://spdx.org/spdxdocs/tallyman-{}/{namespace_name}-{}",
                crate::VERSION,
                &identity.content_hash[..32]
            ),
            external_document_references: Vec::new(),
            creation_info: CreationInfo {
                license_list_version: Some(license_list_version()),
                creators: creators(sbom),
                created: timestamp(sbom.created)?,
                creator_comment: None,
            },
            document_comment: None,
            document_describes: Vec::new(),
        },
        package_information: packages,
        other_licensing_information_detected: extracted(licenses),
        file_information: files,
        snippet_information: Vec::new(),
        relationships,
        annotations: Vec::new(),
        spdx_ref_counter: 0,
    };
    let mut out = serde_json::to_vec_pretty(&document).context("serialising the SPDX document")?;
    out.push(b'\n');
    Ok(out)
}

/// tallyman, and the `--author` (as a person, with its email) when given.
fn creators(sbom: &Sbom) -> Vec<String> {
    let mut creators = vec![format!("Tool: tallyman-{}", crate::VERSION)];
    creators.extend(
        sbom.author
            .as_deref()
            .and_then(Person::parse)
            .map(|p| actor(&p)),
    );
    creators
}

/// The SPDX license list version our identifiers come from, as `M.N` (the
/// spdx crate says `3.29.0`; the SPDX spec wants `3.29`).
fn license_list_version() -> String {
    spdx::license_version()
        .split('.')
        .take(2)
        .collect::<Vec<_>>()
        .join(".")
}

/// `SPDXRef-Package-deb-bash-1a2b…` (ids are already `[A-Za-z0-9.-]`).
fn spdx_id(package_id: &str) -> String {
    format!("SPDXRef-Package-{package_id}")
}

fn expression(text: &str) -> Option<SpdxExpression> {
    SpdxExpression::parse(text).ok()
}

fn noassertion() -> Option<SpdxExpression> {
    expression(NOASSERTION)
}

fn empty_package(id: &str, name: &str) -> PackageInformation {
    let mut package = PackageInformation::new(name, &mut 0);
    package.package_spdx_identifier = id.to_owned();
    package.package_download_location = NOASSERTION.to_owned();
    package.files_analyzed = Some(false);
    package.concluded_license = noassertion();
    package.declared_license = noassertion();
    package.copyright_text = Some(NOASSERTION.to_owned());
    package
}

fn image_package(
    sbom: &Sbom,
    identity: &ImageIdentity,
    version: SpdxVersion,
) -> PackageInformation {
    let mut package = empty_package(IMAGE_ID, &sbom.source.name);
    package.package_version = identity.digest.as_ref().map(ToString::to_string);
    if let Some(digest) = &identity.digest {
        let algorithm = match digest.algorithm() {
            tallyman_oci::Algorithm::Sha256 => Algorithm::SHA256,
            tallyman_oci::Algorithm::Sha512 => Algorithm::SHA512,
        };
        package.package_checksum = vec![Checksum::new(algorithm, digest.hex())];
    }
    if let Some(purl) = &identity.purl {
        package.external_reference = vec![purl_reference(purl)];
    }
    package.package_supplier = Some(NOASSERTION.to_owned());
    if version == SpdxVersion::V2_3 {
        package.primary_package_purpose = Some(PrimaryPackagePurpose::Container);
    }
    package
}

fn purl_reference(purl: &str) -> ExternalPackageReference {
    ExternalPackageReference::new(
        ExternalPackageReferenceCategory::PackageManager,
        "purl".to_owned(),
        purl.to_owned(),
        None,
    )
}

fn package(
    sbom: &Sbom,
    scanned: &ScannedPackage,
    version: SpdxVersion,
    licenses: &mut LicenseRefs,
) -> PackageInformation {
    let p = &scanned.package;
    let mut package = empty_package(&spdx_id(&scanned.id), &p.name);
    package.package_version = Some(p.version.clone()).filter(|v| !v.is_empty());
    let person = elements::supplier(p).map(|person| actor(&person));
    if !p.kind.is_distro_package() {
        // The record names the package's author: its originator too.
        package.package_originator.clone_from(&person);
    }
    package.package_supplier = Some(person.unwrap_or_else(|| NOASSERTION.to_owned()));
    package.package_download_location =
        download_location(p).unwrap_or_else(|| NOASSERTION.to_owned());
    package.package_home_page = p.homepage.clone().filter(|h| URL.is_match(h));
    package.declared_license = licenses
        .declared(&p.licenses)
        .as_deref()
        .and_then(expression)
        .or_else(noassertion);
    package.concluded_license = elements::concluded_license(&p.licenses)
        .as_deref()
        .and_then(expression)
        .or_else(noassertion);
    package.copyright_text =
        Some(elements::copyright(p).map_or_else(|| NOASSERTION.to_owned(), str::to_owned));
    package.package_summary_description = p.description.clone();
    package.external_reference = p
        .purl
        .iter()
        .map(|purl| purl_reference(purl))
        .chain(p.cpes.iter().map(|cpe| {
            ExternalPackageReference::new(
                ExternalPackageReferenceCategory::Security,
                "cpe23Type".to_owned(),
                cpe.clone(),
                None,
            )
        }))
        .collect();
    package.source_information = source_info(sbom, p);
    if version == SpdxVersion::V2_3 {
        package.primary_package_purpose = Some(if p.application {
            PrimaryPackagePurpose::Application
        } else {
            PrimaryPackagePurpose::Library
        });
    }
    package
}

/// SPDX file entries for the files a package owns that are in the image
/// (`--spdx-files`): sha1 of the content as found, plus the database's md5.
fn owned_files(
    scanned: &ScannedPackage,
    digests: &BTreeMap<String, String>,
    version: SpdxVersion,
) -> Vec<FileInformation> {
    scanned
        .package
        .files
        .iter()
        .filter_map(|owned| {
            let sha1 = digests.get(&owned.path)?;
            let key = format!("{}\u{0}{}", scanned.id, owned.path);
            let hash = hex::encode(&<sha2::Sha256 as sha2::Digest>::digest(key.as_bytes())[..8]);
            let mut file = FileInformation::new(&format!(".{}", owned.path), &mut 0);
            file.file_spdx_identifier =
                format!("SPDXRef-File-{}-{hash}", id_text(&scanned.package.name));
            file.file_checksum = vec![Checksum::new(Algorithm::SHA1, sha1)];
            if let Some(md5) = owned.digest.as_ref().filter(|d| d.algorithm == "md5") {
                file.file_checksum
                    .push(Checksum::new(Algorithm::MD5, &md5.value));
            }
            file.concluded_license = noassertion();
            if version == SpdxVersion::V2_2 {
                file.license_information_in_file = noassertion().into_iter().collect();
            }
            file.copyright_text = Some(NOASSERTION.to_owned());
            Some(file)
        })
        .collect()
}

/// `Person: Name (email)`; parentheses inside the name would break the
/// grammar, so they are dropped.
fn actor(person: &Person) -> String {
    let name: String = person
        .name
        .chars()
        .filter(|c| !matches!(c, '(' | ')'))
        .collect();
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    match &person.email {
        Some(email) => format!("Person: {name} ({email})"),
        None => format!("Person: {name}"),
    }
}

/// A download location the validator accepts: a lockfile's `resolved` URL,
/// else the repository (as a URL or a `git+…` VCS location).
fn download_location(p: &tallyman_catalogers::Package) -> Option<String> {
    let Metadata::Npm(npm) = &p.metadata else {
        return None;
    };
    let valid = |text: &String| {
        let bare = VCS.replace(text, "");
        URL.is_match(&bare) && !text.contains(char::is_whitespace)
    };
    npm.resolved
        .iter()
        .chain(npm.repository.iter())
        .find(|candidate| valid(candidate))
        .cloned()
}

/// `acquired package info from PATH in layer DIGEST` (and whether that
/// digest was checked): SPDX 2's `sourceInfo` and SPDX 3's
/// `software_sourceInfo`, which the diff reader reads back alike.
pub(super) fn source_info(sbom: &Sbom, p: &tallyman_catalogers::Package) -> Option<String> {
    let location = p.primary_location()?;
    let layer = sbom
        .layer_id(location.layer)
        .map_or_else(|| "the root filesystem".to_owned(), ToString::to_string);
    let unchecked = match sbom.layer_verified(location.layer) {
        Some(false) => {
            " (the diff id the image config lists, not checked against the layer's bytes)"
        }
        _ => "",
    };
    Some(format!(
        "acquired package info from {} in layer {layer}{unchecked}",
        location.path
    ))
}

/// The `LicenseRef-…` ids the document used, with their texts.
fn extracted(refs: LicenseRefs) -> Vec<OtherLicensingInformationDetected> {
    refs.into_texts()
        .into_iter()
        .map(|(id, name)| OtherLicensingInformationDetected {
            license_identifier: id,
            extracted_text: name.clone(),
            license_name: name,
            license_cross_reference: Vec::new(),
            license_comment: None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use tallyman_catalogers::License;

    #[test]
    fn actors() {
        let actor = |text| Person::parse(text).map(|p| actor(&p));
        assert_eq!(
            actor("Steve Langasek <vorlon@debian.org>").as_deref(),
            Some("Person: Steve Langasek (vorlon@debian.org)")
        );
        assert_eq!(
            actor("ChangZhuo Chen (陳昌倬) <czchen@debian.org>").as_deref(),
            Some("Person: ChangZhuo Chen 陳昌倬 (czchen@debian.org)")
        );
        assert_eq!(actor("  "), None);
    }

    #[test]
    fn urls_follow_the_validators_grammar() {
        assert!(URL.is_match("https://registry.npmjs.org/vary/-/vary-1.1.2.tgz"));
        assert!(!URL.is_match("jshttp/vary"));
        assert!(!URL.is_match("https://GitHub.com/x"));
    }

    #[test]
    fn unknown_licenses_become_license_refs() {
        let mut refs = LicenseRefs::default();
        let declared = refs
            .declared(&[
                License::new("GPL-2+"),
                License::new("public domain"),
                License::new("MIT OR Apache-2.0"),
            ])
            .as_deref()
            .and_then(expression)
            .unwrap();
        assert_eq!(
            declared.to_string(),
            "(MIT OR Apache-2.0) AND GPL-2.0-or-later AND LicenseRef-public-domain"
        );
        let extracted = extracted(refs);
        assert_eq!(extracted[0].license_identifier, "LicenseRef-public-domain");
        assert_eq!(extracted[0].extracted_text, "public domain");
    }

    /// conda-forge's tzdata says `LicenseRef-Public-Domain`: a valid
    /// expression whose id the document must still define.
    #[test]
    fn license_refs_a_record_names_are_defined() {
        let mut refs = LicenseRefs::default();
        let declared = refs
            .declared(&[License::new("LicenseRef-Public-Domain OR MIT")])
            .as_deref()
            .and_then(expression)
            .unwrap();
        assert_eq!(declared.to_string(), "(LicenseRef-Public-Domain OR MIT)");
        let extracted = extracted(refs);
        assert_eq!(extracted.len(), 1);
        assert_eq!(extracted[0].license_identifier, "LicenseRef-Public-Domain");
        assert_eq!(
            extracted[0].extracted_text,
            "LicenseRef-Public-Domain OR MIT"
        );
    }
}
