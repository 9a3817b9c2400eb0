//! From matches to packages, as syft's classifier cataloger builds and
//! merges them: the classifier's name, `pkg:generic/<name>@<version>`
//! (version percent-encoded: `17.0.3%2B7`), CPEs with the version filled
//! in (quoted as the CPE 2.3 formatted string binding wants: `17.0.3\+7`).
//! A package found again with the same name and version — another file,
//! another classifier, the library an executable needs — is one package:
//! locations unioned (the first file found stays first), evidence
//! appended, CPEs unioned.

use std::collections::HashMap;

use crate::model::{purl_encode, BinaryMetadata, Location, Metadata, Package, PackageType};

use super::classifiers::Classifier;

/// A version and the files that gave it, the primary one first.
#[derive(Debug)]
pub struct Found {
    pub version: String,
    pub evidence: Vec<Location>,
}

/// The packages found so far, merged by name and version.
#[derive(Default)]
pub struct Packages {
    packages: Vec<Package>,
    index: HashMap<(&'static str, String), usize>,
}

impl Packages {
    pub fn add(&mut self, classifier: &Classifier, found: Found) {
        let cpes: Vec<String> = classifier
            .cpes
            .iter()
            .map(|template| cpe(template, &found.version))
            .collect();
        let key = (classifier.package, found.version);
        if let Some(&at) = self.index.get(&key) {
            let package = &mut self.packages[at];
            for cpe in cpes {
                if !package.cpes.contains(&cpe) {
                    package.cpes.push(cpe);
                }
            }
            let Metadata::Binary(metadata) = &mut package.metadata else {
                return;
            };
            for location in found.evidence {
                if !metadata.evidence.contains(&location.path) {
                    metadata.evidence.push(location.path.clone());
                }
                if !package.locations.iter().any(|l| l.path == location.path) {
                    package.locations.push(location);
                }
            }
            return;
        }
        let mut evidence = found.evidence.into_iter();
        let Some(primary) = evidence.next() else {
            return;
        };
        let mut locations = vec![primary];
        for location in evidence {
            if !locations.iter().any(|l| l.path == location.path) {
                locations.push(location);
            }
        }
        let (name, version) = key;
        // No supplier: the bytes name a version, not a maker; the vendor in a
        // classifier's CPE is tallyman's knowledge, not the image's record.
        let mut package = Package::bare(
            PackageType::Binary,
            name.to_owned(),
            version.clone(),
            Some(format!("{}@{}", classifier.purl, purl_encode(&version))),
            locations[0].clone(),
            Metadata::Binary(BinaryMetadata {
                classifier: classifier.class.to_owned(),
                evidence: locations.iter().map(|l| l.path.clone()).collect(),
            }),
        );
        package.locations = locations;
        package.cpes = cpes;
        self.index.insert((name, version), self.packages.len());
        self.packages.push(package);
    }

    pub fn into_packages(self) -> Vec<Package> {
        self.packages
    }
}

/// `template` (a CPE 2.3 name with `*` as its version) with `version` in:
/// spaces become `_`, punctuation other than `.`, `-` and `_` is quoted
/// with a backslash (syft's `sanitize`, then the formatted string binding).
pub fn cpe(template: &str, version: &str) -> String {
    let mut quoted = String::with_capacity(version.len());
    for c in version.chars() {
        match c {
            ' ' => quoted.push('_'),
            c if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') => quoted.push(c),
            c => {
                quoted.push('\\');
                quoted.push(c);
            }
        }
    }
    let mut fields: Vec<&str> = template.split(':').collect();
    match fields.get_mut(5) {
        Some(field) => *field = &quoted,
        None => return template.to_owned(),
    }
    fields.join(":")
}
