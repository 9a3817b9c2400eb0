//! Composer [`Package`]s and their purls. The version is Composer's own
//! (`v7.1.1` stays `v7.1.1`), as syft keeps it too, and the purl is
//! `pkg:composer/<vendor>/<name>@<version>` (syft's `packageURLFromComposer`:
//! a name of more than two parts keeps the first as the namespace and joins
//! the rest with `-`; a name without `/` has no namespace).

use packageurl::PackageUrl;

use crate::license::License;
use crate::model::{ComposerMetadata, Location, Metadata, Package, PackageType};

use super::parse::Entry;

/// `pkg:composer/<vendor>/<name>@<version>`; `None` for a name purl
/// cannot carry.
pub fn purl(name: &str, version: &str) -> Option<String> {
    let parts: Vec<&str> = name.split('/').collect();
    let (namespace, short) = match parts.as_slice() {
        [short] => (None, short.to_string()),
        [vendor, rest @ ..] => (Some(*vendor), rest.join("-")),
        [] => return None,
    };
    let mut purl = PackageUrl::new("composer", short).ok()?;
    if let Some(namespace) = namespace.filter(|n| !n.is_empty()) {
        purl.with_namespace(namespace);
    }
    if !version.is_empty() {
        purl.with_version(version);
    }
    Some(purl.to_string())
}

/// The package an entry describes, found in the file at `location`;
/// `install_path` is where it is installed (absolute), if installed.
pub fn from_entry(entry: &Entry, install_path: Option<String>, location: Location) -> Package {
    let mut licenses: Vec<License> = entry.licenses.iter().map(|l| License::new(l)).collect();
    licenses.dedup();
    Package {
        kind: PackageType::Composer,
        name: entry.name.clone(),
        version: entry.version.clone(),
        arch: None,
        purl: purl(&entry.name, &entry.version),
        cpes: Vec::new(),
        licenses,
        // The first author: several joined (`A <a@x>, B <b@x>`) would not
        // read back as one person with one address.
        supplier: entry.authors.first().cloned(),
        copyright: None,
        description: entry.description.clone(),
        homepage: entry.homepage.clone(),
        locations: vec![location],
        files: Vec::new(),
        application: false,
        metadata: Metadata::Composer(ComposerMetadata {
            package_type: entry.package_type.clone(),
            source_url: entry.source_url.clone(),
            source_reference: entry.source_reference.clone(),
            dist_url: entry.dist_url.clone(),
            dist_shasum: entry.dist_shasum.clone(),
            install_path,
            dev: entry.dev,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::purl;

    #[test]
    fn purls_as_syft_writes_them() {
        assert_eq!(
            purl("symfony/console", "v4.3.2").as_deref(),
            Some("pkg:composer/symfony/console@v4.3.2")
        );
        assert_eq!(
            purl("a/b/c", "1.0").as_deref(),
            Some("pkg:composer/a/b-c@1.0")
        );
        assert_eq!(purl("solo", "").as_deref(), Some("pkg:composer/solo"));
    }
}
