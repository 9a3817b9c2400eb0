//! Where images come from, and what tallyman knows of an image before reading
//! its layers.
//!
//! A SOURCE argument is `docker-archive:PATH[:TAG]`, `oci-dir:PATH[:TAG]`,
//! `oci-archive:PATH[:TAG]`, `dir:PATH`, `registry:REF`, or a bare PATH
//! (whose kind is detected from its content) or REF. Opening a source
//! resolves it to one [`Image`]: its identity ([`ImageInfo`]) and, for each
//! layer, where its bytes are and which digests they must have. An image
//! hands out its layers ([`Image::open_layer`]); reading them is the scan's.

pub(crate) mod blob_cache;
mod blob_store;
mod docker_archive;
mod manifest;
mod oci_layout;
pub(crate) mod registry;

use std::io::Read;
use std::path::{Path, PathBuf};

use tallyman_layer::BlobCheck;
use tallyman_oci::manifest::IndexSummary;
use tallyman_oci::registry::RegistryOptions;
use tallyman_oci::{fail, ImageReference, Platform};
use tallyman_sbom::{ImageInfo, LayerInfo, SourceKind};

use crate::error::{Context, Result};
use blob_store::{BlobStore, DirStore, TarStore};

/// How to open a source.
#[derive(Debug, Clone, Default)]
pub struct OpenOptions {
    /// Which image of a multi-platform index (default: the host's).
    pub platform: Option<Platform>,
    pub registry: RegistryOptions,
    /// Keep verified registry blobs here, by digest, so a rescan does not
    /// download them again.
    pub blob_cache: Option<PathBuf>,
    /// Check every layer's diff id, compressed or not.
    pub verify_diff_ids: bool,
}

/// A parsed SOURCE argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceSpec {
    /// The argument as the user wrote it.
    pub input: String,
    pub target: Target,
}

/// What a SOURCE argument points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// An image in a registry.
    Registry(ImageReference),
    /// A file or directory on this machine.
    Path {
        /// `None` when the kind is to be detected from the path's content.
        kind: Option<SourceKind>,
        path: PathBuf,
        /// `:TAG` picks an image from an archive or layout holding several.
        tag: Option<String>,
    },
}

impl SourceSpec {
    /// Parses a SOURCE argument (no I/O beyond checking whether paths exist).
    pub fn parse(arg: &str) -> Result<SourceSpec> {
        let prefixes = [
            ("docker-archive:", SourceKind::DockerArchive),
            ("oci-dir:", SourceKind::OciDir),
            ("oci-archive:", SourceKind::OciArchive),
            ("dir:", SourceKind::Dir),
            ("registry:", SourceKind::Registry),
        ];
        let target = match prefixes
            .iter()
            .find_map(|(prefix, kind)| Some((arg.strip_prefix(prefix)?, *kind)))
        {
            Some((rest, SourceKind::Registry)) => Target::Registry(ImageReference::parse(rest)?),
            Some((rest, kind)) => {
                let (path, tag) = split_tag(rest, kind != SourceKind::Dir);
                Target::Path {
                    kind: Some(kind),
                    path,
                    tag,
                }
            }
            // A bare argument that is no existing path but parses as an image
            // reference is a registry reference.
            None => match ImageReference::parse(arg) {
                Ok(reference) if !Path::new(arg).exists() => Target::Registry(reference),
                _ => Target::Path {
                    kind: None,
                    path: PathBuf::from(arg),
                    tag: None,
                },
            },
        };
        Ok(SourceSpec {
            input: arg.to_owned(),
            target,
        })
    }

    /// The registry reference, when the source is a registry image.
    pub fn registry_reference(&self) -> Option<&ImageReference> {
        match &self.target {
            Target::Registry(reference) => Some(reference),
            Target::Path { .. } => None,
        }
    }
}

/// `PATH:TAG` → (PATH, TAG) when PATH exists and PATH:TAG does not.
fn split_tag(rest: &str, tags_allowed: bool) -> (PathBuf, Option<String>) {
    if tags_allowed && !Path::new(rest).exists() {
        if let Some((path, tag)) = rest.rsplit_once(':') {
            if !tag.is_empty() && !tag.contains('/') && Path::new(path).exists() {
                return (PathBuf::from(path), Some(tag.to_owned()));
            }
        }
    }
    (PathBuf::from(rest), None)
}

/// A layer's bytes: which member of the store, and the digests they must have.
#[derive(Debug, Clone)]
pub struct LayerRef {
    pub member: String,
    pub check: BlobCheck,
}

enum Content {
    Store(Box<dyn BlobStore>),
    Rootfs(PathBuf),
}

/// One layer, handed out to be read.
pub enum LayerSource<'a> {
    /// A blob: its bytes as stored, and the digests they must have.
    Blob {
        bytes: Box<dyn Read + Send + 'a>,
        check: BlobCheck,
    },
    /// A root filesystem on disk, read as the one layer of a `dir:` source.
    Rootfs(&'a Path),
}

/// An opened image, ready to have its layers read.
pub struct Image {
    /// What documents say of it; `info.layers[i]` describes layer `i`.
    pub info: ImageInfo,
    layers: Vec<LayerRef>,
    content: Content,
    verify_diff_ids: bool,
}

impl Image {
    /// Opens the image a SOURCE names.
    pub fn open(spec: &SourceSpec, options: &OpenOptions) -> Result<Image> {
        let platform = options.platform.as_ref();
        let (kind, resolved, content) = match &spec.target {
            Target::Registry(reference) => {
                let (resolved, store) = registry::resolve(
                    reference,
                    platform,
                    &options.registry,
                    options.blob_cache.as_deref(),
                )?;
                (
                    SourceKind::Registry,
                    resolved,
                    Content::Store(Box::new(store)),
                )
            }
            Target::Path { kind, path, tag } => {
                let kind = match kind {
                    Some(kind) => *kind,
                    None => detect(path)?,
                };
                let (resolved, content) = open_path(kind, path, tag.as_deref(), platform)?;
                (kind, resolved, content)
            }
        };
        let mut info = resolved.info;
        info.kind = kind;
        info.input = spec.input.clone();
        Ok(Image {
            info,
            layers: resolved.layers,
            content,
            verify_diff_ids: options.verify_diff_ids,
        })
    }

    /// Whether every layer's diff id is to be checked.
    pub fn verifies_diff_ids(&self) -> bool {
        self.verify_diff_ids
    }

    /// Number of layers (a `dir:` source has one).
    pub fn layer_count(&self) -> usize {
        self.layers.len()
    }

    /// The stored size of layer `index`, when known (0 otherwise).
    pub fn layer_size(&self, index: usize) -> u64 {
        self.info.layers[index].size.unwrap_or(0)
    }

    /// Opens layer `index`: its bytes and the digests they must have, or
    /// the root filesystem it stands for.
    pub fn open_layer(&self, index: usize) -> Result<LayerSource<'_>> {
        let layer = &self.layers[index];
        match &self.content {
            Content::Rootfs(root) => Ok(LayerSource::Rootfs(root)),
            Content::Store(store) => {
                let bytes = store.open(&layer.member).with_context(|| {
                    format!("{}: layer {}", self.info.input, self.info.layer_name(index))
                })?;
                let mut check = layer.check.clone();
                check.verify_diff_id |= self.verify_diff_ids;
                Ok(LayerSource::Blob { bytes, check })
            }
        }
    }

    /// After reading layer `index` failed: whether a cached copy of its blob
    /// was to blame; then the layer can be opened and read again (from the
    /// registry), and [`Image::cache_warnings`] says what happened.
    pub fn retry_uncached(&self, index: usize) -> bool {
        match &self.content {
            Content::Store(store) => store.retry_uncached(&self.layers[index].member),
            Content::Rootfs(_) => false,
        }
    }

    /// What went wrong with a cache while reading (never fatal).
    pub fn cache_warnings(&self) -> Vec<String> {
        match &self.content {
            Content::Store(store) => store.warnings(),
            Content::Rootfs(_) => Vec::new(),
        }
    }
}

/// The platforms of the multi-platform index a SOURCE names (to scan every
/// platform); `None` when it names one image (a docker-archive, a
/// root filesystem, a single manifest).
pub fn index_of(spec: &SourceSpec, options: &OpenOptions) -> Result<Option<IndexSummary>> {
    match &spec.target {
        Target::Registry(reference) => registry::index_of(reference, &options.registry),
        Target::Path { kind, path, tag } => {
            let kind = match kind {
                Some(kind) => *kind,
                None => detect(path)?,
            };
            let shown = path.display().to_string();
            match kind {
                SourceKind::OciDir if path.is_dir() => {
                    oci_layout::index_of(&DirStore::new(path), &shown, tag.as_deref())
                }
                SourceKind::OciArchive => {
                    oci_layout::index_of(&TarStore::open(path)?, &shown, tag.as_deref())
                }
                _ => Ok(None),
            }
        }
    }
}

/// Opens a source on this machine, of a known kind.
fn open_path(
    kind: SourceKind,
    path: &Path,
    tag: Option<&str>,
    platform: Option<&Platform>,
) -> Result<(manifest::Resolved, Content)> {
    let shown = path.display().to_string();
    if !path.exists() {
        fail!("{shown}: no such file or directory");
    }
    Ok(match kind {
        SourceKind::Registry => fail!("{shown}: a registry source is a reference, not a path"),
        SourceKind::Dir => {
            if !path.is_dir() {
                fail!("{shown}: not a directory");
            }
            let resolved = manifest::Resolved {
                info: ImageInfo {
                    name: shown,
                    layers: vec![LayerInfo::default()],
                    ..ImageInfo::default()
                },
                layers: vec![LayerRef {
                    member: String::new(),
                    check: BlobCheck::default(),
                }],
            };
            (resolved, Content::Rootfs(path.to_owned()))
        }
        SourceKind::OciDir => {
            if !path.is_dir() {
                fail!("{shown}: not a directory (an oci-dir source is an OCI layout directory)");
            }
            let store = DirStore::new(path);
            (
                oci_layout::resolve(&store, &shown, tag, platform)?,
                Content::Store(Box::new(store)),
            )
        }
        SourceKind::OciArchive => {
            let store = TarStore::open(path)?;
            (
                oci_layout::resolve(&store, &shown, tag, platform)?,
                Content::Store(Box::new(store)),
            )
        }
        SourceKind::DockerArchive => {
            let store = TarStore::open(path)?;
            (
                docker_archive::resolve(&store, &shown, tag)?,
                Content::Store(Box::new(store)),
            )
        }
    })
}

/// Decides what kind of source a bare PATH is from its content.
fn detect(path: &Path) -> Result<SourceKind> {
    let shown = path.display();
    if !path.exists() {
        fail!("{shown}: no such file or directory, and not an image reference");
    }
    if path.is_dir() {
        return Ok(if path.join("oci-layout").is_file() {
            SourceKind::OciDir
        } else {
            SourceKind::Dir
        });
    }
    blob_store::refuse_compressed(path)?;
    if !blob_store::looks_like_tar(path) {
        fail!("{shown}: not an image (expected a docker-archive or oci-archive tarball, an OCI layout directory or a root filesystem directory)");
    }
    let store = TarStore::open(path)?;
    if store.contains("oci-layout") && store.contains("index.json") {
        Ok(SourceKind::OciArchive)
    } else if store.contains("manifest.json") {
        Ok(SourceKind::DockerArchive)
    } else {
        fail!("{shown}: a tar archive, but not an image: it has neither manifest.json (docker-archive) nor oci-layout (oci-archive)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path_target(arg: &str) -> (Option<SourceKind>, PathBuf, Option<String>) {
        match SourceSpec::parse(arg).unwrap().target {
            Target::Path { kind, path, tag } => (kind, path, tag),
            Target::Registry(reference) => panic!("{arg} parsed as registry {reference}"),
        }
    }

    #[test]
    fn parses_prefixed_sources() {
        let (kind, path, _) = path_target("docker-archive:/nonexistent/x.tar");
        assert_eq!(kind, Some(SourceKind::DockerArchive));
        assert_eq!(path, PathBuf::from("/nonexistent/x.tar"));
        let dir = std::env::temp_dir();
        let (_, path, tag) = path_target(&format!("oci-dir:{}:bookworm", dir.display()));
        assert_eq!((path, tag.as_deref()), (dir.clone(), Some("bookworm")));
        let (kind, _, tag) = path_target(&format!("dir:{}", dir.display()));
        assert_eq!((kind, tag), (Some(SourceKind::Dir), None));
        let bare = SourceSpec::parse("alpine").unwrap();
        assert_eq!(
            bare.registry_reference()
                .map(ToString::to_string)
                .as_deref(),
            Some("docker.io/library/alpine:latest"),
            "a bare reference"
        );
        assert_eq!(
            path_target("/nonexistent/image.tar").0,
            None,
            "detected (and reported) later"
        );
        let error = SourceSpec::parse("registry:Not A Reference").unwrap_err();
        assert!(
            error.to_string().contains("is not a valid image reference"),
            "{error}"
        );
    }
}
