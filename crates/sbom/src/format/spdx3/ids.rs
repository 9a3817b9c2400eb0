//! The IRIs of a document's elements: a namespace derived from the image's
//! name, tallyman's version and a hash of the content (as the SPDX 2
//! writer derives its document namespace, but its own: the two documents of
//! one scan are two documents), and within it one SPDX 2 style fragment per
//! element (`…#SPDXRef-Package-deb-bash-1a2b…`). Nothing is random and
//! nothing is counted, so equal scans name every element alike.

use sha2::{Digest as _, Sha256};

use crate::format::image_identity::ImageIdentity;
use crate::id_text;

/// The namespace and the rules that name elements in it.
pub struct Ids {
    /// `https://spdx.org/spdxdocs/tallyman-VERSION/NAME-HASH`.
    namespace: String,
}

impl Ids {
    pub fn new(identity: &ImageIdentity) -> Ids {
        let hash = hex::encode(Sha256::digest(
            format!("spdx-3.0.1\u{0}{}", identity.content_hash).as_bytes(),
        ));
        Ids {
            namespace: format!(
                "https://spdx.org/spdxdocs/tallyman-{}/{}-{}",
                crate::VERSION,
                id_text(&identity.name),
                &hash[..32]
            ),
        }
    }

    /// The element named `fragment` (`SPDXRef-…`, `LicenseRef-…`).
    pub fn iri(&self, fragment: &str) -> String {
        format!("{}#{fragment}", self.namespace)
    }

    pub fn document(&self) -> String {
        self.iri("SPDXRef-DOCUMENT")
    }

    pub fn sbom(&self) -> String {
        self.iri("SPDXRef-Sbom")
    }

    pub fn image(&self) -> String {
        self.iri("SPDXRef-Image")
    }

    /// The package of a [`crate::ScannedPackage::id`] (already `[A-Za-z0-9.-]`).
    pub fn package(&self, package_id: &str) -> String {
        self.iri(&format!("SPDXRef-Package-{package_id}"))
    }

    /// The file a package was distributed as.
    pub fn artifact(&self, package_id: &str) -> String {
        self.iri(&format!("SPDXRef-Artifact-{package_id}"))
    }

    /// A file a package owns, as the SPDX 2 writer names it.
    pub fn owned_file(&self, package_id: &str, package_name: &str, path: &str) -> String {
        let key = format!("{package_id}\u{0}{path}");
        let hash = hex::encode(&Sha256::digest(key.as_bytes())[..8]);
        self.iri(&format!("SPDXRef-File-{}-{hash}", id_text(package_name)))
    }

    /// An agent (`Person`, `Organization`, …) by the text that names it.
    pub fn agent(&self, kind: &str, text: &str) -> String {
        self.iri(&format!("SPDXRef-{kind}-{}", short_hash(text)))
    }

    /// A license expression by its text.
    pub fn license_expression(&self, text: &str) -> String {
        self.iri(&format!("SPDXRef-LicenseExpression-{}", short_hash(text)))
    }

    /// The text a `LicenseRef-…` id stands for, named by that id (as SPDX 2
    /// names an extracted license: namespace `#` id).
    pub fn license_text(&self, license_ref: &str) -> String {
        self.iri(license_ref)
    }

    /// The one relationship of `type` from the element `from` (an IRI of
    /// this namespace, or any other: then named by a hash of it).
    pub fn relationship(&self, from: &str, kind: &str) -> String {
        let from = match from.strip_prefix(self.namespace.as_str()) {
            Some(fragment) => fragment
                .trim_start_matches('#')
                .trim_start_matches("SPDXRef-")
                .to_owned(),
            None => short_hash(from),
        };
        self.iri(&format!("SPDXRef-Relationship-{from}-{kind}"))
    }
}

/// 16 hex digits of sha256: names that stay distinct without being long.
fn short_hash(text: &str) -> String {
    hex::encode(&Sha256::digest(text.as_bytes())[..8])
}
