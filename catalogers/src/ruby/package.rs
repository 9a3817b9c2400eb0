//! Gem [`Package`]s, from an installed gemspec or a lockfile entry, and
//! their purls: `pkg:gem/<name>@<version>`. The purl spec allows a
//! `platform` qualifier, but syft writes none (its `packageURL` takes only
//! name and version) and neither do we: the platform stays in
//! [`GemMetadata`], so the same gem has one purl however it was built.

use packageurl::PackageUrl;

use crate::license::License;
use crate::model::{GemMetadata, Location, Metadata, Package, PackageType};

use super::gemspec::Gemspec;

/// `pkg:gem/<name>@<version>`; `None` for a name purl cannot carry.
pub fn purl(name: &str, version: &str) -> Option<String> {
    let mut purl = PackageUrl::new("gem", name).ok()?;
    if !version.is_empty() {
        purl.with_version(version);
    }
    Some(purl.to_string())
}

/// An installed gem: `spec` read from the gemspec at `location`, whose
/// file name (without `.gemspec`) is `full_name`, in gem home `home`.
pub fn from_gemspec(
    spec: &Gemspec,
    name: String,
    version: String,
    full_name: &str,
    home: &str,
    default: bool,
    location: Location,
) -> Package {
    let mut licenses: Vec<License> = spec
        .licenses
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .map(License::new)
        .collect();
    licenses.dedup();
    let homepage = spec.homepage.clone().or_else(|| {
        spec.metadata
            .iter()
            .find(|(key, _)| key == "homepage_uri")
            .map(|(_, url)| url.clone())
    });
    let gem_dir = if home.is_empty() {
        format!("/gems/{full_name}")
    } else {
        format!("/{home}/gems/{full_name}")
    };
    Package {
        kind: PackageType::Gem,
        purl: purl(&name, &version),
        cpes: Vec::new(),
        licenses,
        supplier: supplier(&spec.authors, &spec.emails),
        copyright: None,
        description: spec.summary.clone(),
        homepage,
        locations: vec![location],
        files: Vec::new(),
        application: false,
        metadata: Metadata::Gem(GemMetadata {
            path: Some(gem_dir),
            platform: spec.platform.clone(),
            dev: false,
            default,
        }),
        name,
        version,
        arch: None,
    }
}

/// A gem known from a lockfile only.
pub fn from_lockfile(
    name: &str,
    version: &str,
    section: &str,
    platform: Option<String>,
    dev: bool,
    location: Location,
) -> Package {
    Package::bare(
        PackageType::Gem,
        name.to_owned(),
        version.to_owned(),
        purl(name, version),
        location,
        Metadata::Gem(GemMetadata {
            path: Some(section.to_owned()),
            platform,
            dev,
            default: false,
        }),
    )
}

/// The authors as one supplier, the way the Python cataloger writes an
/// author: `Name <email>` for one author with one address, else the names
/// joined by `, ` (a gem's addresses need not pair with its authors).
fn supplier(authors: &[String], emails: &[String]) -> Option<String> {
    let clean = |list: &[String]| -> Vec<String> {
        list.iter()
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect()
    };
    let (authors, emails) = (clean(authors), clean(emails));
    match (authors.as_slice(), emails.as_slice()) {
        ([author], [email]) => Some(format!("{author} <{email}>")),
        ([], []) => None,
        ([], emails) => Some(emails.join(", ")),
        (authors, _) => Some(authors.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::{purl, supplier};

    #[test]
    fn purls_and_suppliers() {
        assert_eq!(
            purl("rack-test", "2.0.2").as_deref(),
            Some("pkg:gem/rack-test@2.0.2")
        );
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(
            supplier(&s(&["Florian Frank"]), &s(&["flori@ping.de"])).as_deref(),
            Some("Florian Frank <flori@ping.de>")
        );
        assert_eq!(
            supplier(&s(&["A", "B"]), &s(&["a@x"])).as_deref(),
            Some("A, B")
        );
        assert_eq!(supplier(&[], &[]), None);
    }
}
