//! The package catalogers of tallyman and the model they produce.
//!
//! A cataloger declares the paths it reads (rooted glob patterns such as
//! `var/lib/dpkg/status`) and turns a read-only [`ImageFiles`] view — the files
//! of an image that matched those patterns, with the layer each came from and
//! the image's symlinks — into packages and the relationships between them.
//! Catalogers know nothing of tarballs, layers on disk or registries: the
//! caller reads the image, builds the view and hands it over.
//!
//! One folder per ecosystem (`deb/`, …), each with the same parts: the
//! cataloger (patterns + entry point), the parser, package and purl building,
//! and the dependency edges.

pub mod apk;
pub mod binary;
pub mod conda;
pub mod deb;
pub mod distro;
pub mod dotnet;
pub mod golang;
pub mod installed;
pub mod java;
pub mod license;
pub mod model;
pub mod npm;
pub mod php;
pub mod python;
pub mod reduction;
pub mod rpm;
pub mod ruby;
pub mod rust;
pub mod sniff;
pub mod view;

pub use distro::Distro;
pub use license::License;
pub use model::{
    Catalog, FileDigest, Location, Metadata, OwnedFile, Package, PackageType, Relationship,
    RelationshipKind,
};
pub use reduction::Reduction;
pub use sniff::{Sniff, WindowLength};
pub use view::{FileRef, ImageFiles, LayerIndex};

/// Paths every scan reads whatever catalogers run: where the distribution is named.
pub const DISTRO_PATTERNS: &[&str] = distro::DISTRO_PATHS;

/// What a cataloger gets besides the files: facts about the whole image.
#[derive(Debug, Clone, Default)]
pub struct Environment {
    /// The distribution named by the image's os-release, if any.
    pub distro: Option<Distro>,
    /// Report npm development dependencies found in lockfiles (marked `dev`).
    pub include_dev: bool,
    /// Skip reading the files each package owns (md5sums, apk file records):
    /// for views catalogued only to learn which packages they hold.
    pub without_owned_files: bool,
}

/// One ecosystem's package finder.
pub trait Cataloger: Send + Sync {
    /// A short name, e.g. `dpkg`, used in warnings and in the cache key.
    fn name(&self) -> &'static str;
    /// Bumped whenever the cataloger's output for the same input changes.
    fn version(&self) -> u32;
    /// Rooted glob patterns (no leading `/`, `*` does not cross `/`) of the files to read.
    fn patterns(&self) -> &'static [&'static str];
    /// Finds the packages in `files`.
    fn catalog(&self, files: &ImageFiles, env: &Environment) -> Catalog;

    /// Windows to keep out of executables no pattern names (see [`sniff`]).
    fn sniffs(&self) -> &'static [Sniff] {
        &[]
    }

    /// Wanted files to keep reduced rather than whole (see [`reduction`]).
    fn reductions(&self) -> &'static [Reduction] {
        &[]
    }

    /// Whether every package has a record file of its own (npm's
    /// package.json), so the record's layer is the layer that introduced the
    /// package; databases shared by all packages (dpkg, apk) say `false`.
    fn one_record_per_package(&self) -> bool {
        false
    }
}

/// Every cataloger tallyman has, in the order their results are listed.
pub fn all() -> Vec<Box<dyn Cataloger>> {
    vec![
        Box::new(apk::ApkCataloger),
        Box::new(deb::DpkgCataloger),
        Box::new(rpm::RpmCataloger),
        Box::new(npm::NpmCataloger),
        Box::new(python::PythonCataloger),
        Box::new(golang::GoCataloger),
        Box::new(rust::RustCataloger),
        Box::new(java::JavaCataloger),
        Box::new(ruby::GemCataloger),
        Box::new(php::ComposerCataloger),
        Box::new(dotnet::DotNetCataloger),
        Box::new(conda::CondaCataloger),
        Box::new(binary::BinaryCataloger),
    ]
}
