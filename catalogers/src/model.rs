//! The package model every cataloger produces and every output format reads.
//!
//! Packages refer to layers by their index in the image (0 = the base layer);
//! the caller maps an index to the layer's digest. Relationships refer to
//! packages by their position in the [`Catalog`] that holds them.

use serde::Serialize;

use crate::license::License;

/// Index of a layer in its image, 0 being the base layer.
pub type LayerIndex = usize;

/// The ecosystem a package belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PackageType {
    Apk,
    Deb,
    Rpm,
    Npm,
    Python,
    /// A module compiled into a Go binary (syft's `go-module`).
    #[serde(rename = "go-module")]
    Go,
    /// A crate compiled into a `cargo auditable` binary (syft's `rust-crate`).
    #[serde(rename = "rust-crate")]
    Rust,
    /// A Java archive or one nested in it (syft's `java-archive`).
    #[serde(rename = "java-archive")]
    Java,
    /// A JDK or JRE, from its `release` file.
    #[serde(rename = "java-runtime")]
    JavaRuntime,
    /// A Ruby gem (installed, or locked in a `Gemfile.lock`).
    Gem,
    /// A PHP package installed or locked by Composer (syft's `php-composer`).
    #[serde(rename = "php-composer")]
    Composer,
    /// A .NET (NuGet) package, application or shared runtime.
    #[serde(rename = "dotnet")]
    DotNet,
    /// A package of a conda environment.
    Conda,
    /// A runtime or server found by what its executable's bytes say,
    /// installed outside any package manager (syft's `binary`).
    Binary,
}

impl PackageType {
    /// A distribution's own package (deb, apk, rpm): its supplier is the
    /// distribution; the others name their authors.
    pub fn is_distro_package(self) -> bool {
        matches!(self, PackageType::Deb | PackageType::Apk | PackageType::Rpm)
    }

    /// Whether a package of this type records every dependency it has, so
    /// that its `depends-on` edges (to what the image holds) are the whole
    /// list: a package database entry, a manifest or lockfile naming them,
    /// a `cargo auditable` dependency tree. Not for modules inside a Go
    /// binary (the build info lists modules, not who needs whom), Java
    /// archives (a jar records no dependencies), runtimes found by their
    /// bytes, or a JDK's `release` file.
    pub fn records_dependencies(self) -> bool {
        !matches!(
            self,
            PackageType::Go | PackageType::Java | PackageType::JavaRuntime | PackageType::Binary
        )
    }

    /// The lowercase name used in tables, ids and documents.
    pub fn as_str(self) -> &'static str {
        match self {
            PackageType::Apk => "apk",
            PackageType::Deb => "deb",
            PackageType::Rpm => "rpm",
            PackageType::Npm => "npm",
            PackageType::Python => "python",
            PackageType::Go => "go-module",
            PackageType::Rust => "rust-crate",
            PackageType::Java => "java-archive",
            PackageType::JavaRuntime => "java-runtime",
            PackageType::Gem => "gem",
            PackageType::Composer => "php-composer",
            PackageType::DotNet => "dotnet",
            PackageType::Conda => "conda",
            PackageType::Binary => "binary",
        }
    }
}

/// A file inside the image, and the layer it came from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Location {
    /// Absolute path inside the image, e.g. `/var/lib/dpkg/status`.
    pub path: String,
    /// Index of the layer that holds this version of the file.
    pub layer: LayerIndex,
}

/// A digest of a file a package owns, as its package database records it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct FileDigest {
    /// `md5`, `sha1`, `sha256`, …
    pub algorithm: &'static str,
    /// Lowercase hex.
    pub value: String,
}

/// A file the package database says a package installed.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct OwnedFile {
    /// Absolute path, e.g. `/usr/bin/jq`.
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub digest: Option<FileDigest>,
    /// A configuration file (dpkg conffile) rather than plain content.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub config: bool,
    /// Owner and permissions, where the database records them (apk).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uid: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gid: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
}

/// Ecosystem-specific fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Metadata {
    Apk(ApkMetadata),
    Deb(DebMetadata),
    Rpm(RpmMetadata),
    Npm(NpmMetadata),
    Python(PythonMetadata),
    Go(GoMetadata),
    Rust(RustMetadata),
    Java(JavaMetadata),
    Gem(GemMetadata),
    Composer(ComposerMetadata),
    DotNet(DotNetMetadata),
    Conda(CondaMetadata),
    Binary(BinaryMetadata),
}

/// Where a gem was found and how it is used.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GemMetadata {
    /// The gem's directory (installed gems), or the lockfile section it is
    /// locked in (`GEM`, `GIT`, `PATH`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// A platform-specific gem's platform (`x86_64-linux`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    /// Only in development or test groups (lockfile mode).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub dev: bool,
    /// A default gem (Ruby's own `specifications/default`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub default: bool,
}

/// What Composer recorded of a PHP package.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ComposerMetadata {
    /// `type`: `library`, `project`, `composer-plugin`, …
    #[serde(skip_serializing_if = "Option::is_none")]
    pub package_type: Option<String>,
    /// `source.url` and `source.reference` (a VCS commit).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_reference: Option<String>,
    /// `dist.url` and `dist.shasum`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dist_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dist_shasum: Option<String>,
    /// Where it is installed (`vendor/<vendor>/<name>`), for installed packages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub install_path: Option<String>,
    /// A development dependency (`packages-dev`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub dev: bool,
}

/// What a .NET `deps.json` or lock file says of a library.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DotNetMetadata {
    /// `package`, `project`, `runtimepack`, `reference`; `runtime` for a
    /// shared runtime found by its directory.
    pub kind: String,
    /// The package's `sha512-…` hash as NuGet recorded it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sha512: Option<String>,
    /// `path` (`microsoft.extensions.logging/8.0.0`) or the runtime's directory.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The target framework (`net8.0`, `.NETCoreApp,Version=v8.0`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
}

/// What a `conda-meta/*.json` record says of a package.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CondaMetadata {
    /// The build string (`h5eee18b_0`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub build: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub build_number: Option<u64>,
    /// The channel it came from (`https://conda.anaconda.org/conda-forge`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    /// `linux-64`, `noarch`, …
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subdir: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub md5: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    /// The environment's directory (`/opt/conda`).
    pub environment: String,
}

/// How a runtime or server was recognised in its bytes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BinaryMetadata {
    /// The classifier that matched (`python-binary`, `nodejs-binary`, …).
    pub classifier: String,
    /// Every file that said so (the executable, its library, a `VERSION`
    /// file), absolute.
    pub evidence: Vec<String>,
}

/// Where a Java package was found and what named it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JavaMetadata {
    /// The archive's path, nested archives after a `:`
    /// (`/app/app.jar:BOOT-INF/lib/x.jar`); a runtime's home directory.
    pub virtual_path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group_id: Option<String>,
    /// `pom.properties`, `MANIFEST.MF`, `file name` or `release`.
    pub identified_by: &'static str,
}

/// Where a crate in a `cargo auditable` binary came from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RustMetadata {
    /// `crates.io`, `git`, `local`, `registry`, …
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// `build` for build-time dependencies (runtime when absent).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

/// How a Go binary that holds a module was built.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GoMetadata {
    /// The toolchain (`go1.22.5`).
    pub go_version: String,
    /// The binary's main module.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub main_module: Option<String>,
    /// The module's `h1:` sum, as go.sum has it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub h1_digest: Option<String>,
    /// `build` settings: GOOS, GOARCH, CGO_ENABLED, vcs.revision, -tags, ….
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub build_settings: std::collections::BTreeMap<String, String>,
}

/// Where a Python distribution is installed and what it asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PythonMetadata {
    /// The directory it is installed into (`…/site-packages`); none for a
    /// package read from a lockfile.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub site_packages: Option<String>,
    /// A development dependency (lockfile mode only).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub dev: bool,
    /// That environment's Python (`3.11`), when its path names it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub python_version: Option<String>,
    /// Its importable top-level names (`top_level.txt`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub top_level: Vec<String>,
    /// What installed it (`INSTALLER`: pip, uv, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub installer: Option<String>,
    /// Where it was installed from, when not an index (`direct_url.json`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub direct_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub requires_python: Option<String>,
    /// `Requires-Dist`, as written (an egg-info's `requires.txt` in that form).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub requires_dist: Vec<String>,
    /// Where each `License-File` is (absolute paths `RECORD` lists).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub license_files: Vec<String>,
}

/// What an rpm header says beyond the common fields.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RpmMetadata {
    /// Present only when the header has one (then also in the version).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub epoch: Option<u64>,
    pub release: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_rpm: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vendor: Option<String>,
    /// Installed size in bytes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size: Option<u64>,
    /// The module stream it came from (RHEL 8 AppStream).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub modularity_label: Option<String>,
}

/// What an apk installed-database record says beyond the common fields.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ApkMetadata {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub installed_size: Option<u64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub depends: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub provides: Vec<String>,
    /// `C:`, the package's `Q1` checksum.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checksum: Option<String>,
    /// `c:`, the aports commit it was built from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commit: Option<String>,
}

/// Where an npm package came from and how it is used.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NpmMetadata {
    /// The package's directory (installed packages), or its key in a lockfile.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// A development dependency (lockfile mode only).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub dev: bool,
    /// `resolved` URL from a lockfile.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolved: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub integrity: Option<String>,
    /// `repository` from package.json, as a URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub repository: Option<String>,
}

/// What a dpkg status stanza says beyond the common fields.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DebMetadata {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_version: Option<String>,
    /// `Installed-Size`, in KiB as dpkg records it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub installed_size: Option<u64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub depends: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pre_depends: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub provides: Vec<String>,
}

/// One installed package.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Package {
    #[serde(rename = "type")]
    pub kind: PackageType,
    pub name: String,
    pub version: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arch: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub purl: Option<String>,
    /// CPE 2.3 names, as syft gives them for the package (binaries).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cpes: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub licenses: Vec<License>,
    /// Maintainer or author, as the package database spells it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub supplier: Option<String>,
    /// Copyright notices as the package's own files state them (Debian's
    /// `copyright` file), one per line; never composed from other fields.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub copyright: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub homepage: Option<String>,
    /// Where the package was found; the first is the record itself (e.g. the
    /// dpkg status file), the rest are supporting files (md5sums, copyright).
    pub locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<OwnedFile>,
    /// An application (the root of a project) rather than a library.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub application: bool,
    pub metadata: Metadata,
}

impl Package {
    /// A package known by name, version and purl only (a lockfile entry, a
    /// module inside a binary): no licenses, people, files or homepage.
    pub fn bare(
        kind: PackageType,
        name: String,
        version: String,
        purl: Option<String>,
        location: Location,
        metadata: Metadata,
    ) -> Package {
        Package {
            kind,
            name,
            version,
            arch: None,
            purl,
            cpes: Vec::new(),
            licenses: Vec::new(),
            supplier: None,
            copyright: None,
            description: None,
            homepage: None,
            locations: vec![location],
            files: Vec::new(),
            application: false,
            metadata,
        }
    }

    /// The location of the record that declares the package.
    pub fn primary_location(&self) -> Option<&Location> {
        self.locations.first()
    }
}

/// How two packages relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RelationshipKind {
    /// `from` needs `to` installed.
    DependsOn,
    /// `from` (an OS package) installed the files of `to` (e.g. a deb that ships an npm module).
    Contains,
}

/// An edge between two packages of one [`Catalog`], by index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Relationship {
    pub from: usize,
    pub to: usize,
    pub kind: RelationshipKind,
}

impl Relationship {
    /// `depends-on` edges from (dependant, dependency) index pairs.
    pub fn depends_on_all(pairs: impl IntoIterator<Item = (usize, usize)>) -> Vec<Relationship> {
        pairs
            .into_iter()
            .map(|(from, to)| Relationship {
                from,
                to,
                kind: RelationshipKind::DependsOn,
            })
            .collect()
    }
}

/// What one cataloger found in one view.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub packages: Vec<Package>,
    pub relationships: Vec<Relationship>,
    /// Problems with the input that did not stop the cataloger, each naming the file.
    pub warnings: Vec<String>,
}

#[cfg(test)]
impl Catalog {
    /// Every edge as (from, to) package names, sorted: what tests compare.
    pub fn edges_by_name(&self) -> Vec<(&str, &str)> {
        let name = |i: usize| self.packages[i].name.as_str();
        let mut edges: Vec<(&str, &str)> = self
            .relationships
            .iter()
            .map(|r| (name(r.from), name(r.to)))
            .collect();
        edges.sort();
        edges
    }
}

/// A purl component as syft's packageurl-go writes it: ASCII letters,
/// digits and `.-_~` as they are, every other byte percent-encoded
/// (`17.0.3+7` is `17.0.3%2B7`).
pub fn purl_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'.' | b'-' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}
