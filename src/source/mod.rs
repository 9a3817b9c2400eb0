//! Where images come from, and what tallyman knows of an image before reading
//! its layers.
//!
//! A SOURCE argument is `docker-archive:PATH[:TAG]`, `oci-dir:PATH[:TAG]`,
//! `oci-archive:PATH[:TAG]`, `dir:PATH`, or a bare PATH whose kind is detected
//! from its content. Opening a source resolves it to one [`Image`]: its
//! identity ([`ImageInfo`]) and, for each layer, where its bytes are and which
//! digests they must have.

mod blob_store;
mod docker_archive;
mod manifest;
mod oci_layout;
mod platform;
pub mod registry;
mod rootfs;

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use serde::Serialize;

use crate::layer::{read_layer, BlobCheck, LayerContents, Limits, Selection};
use blob_store::{BlobStore, DirStore, TarStore};
pub use platform::Platform;
use registry::{ImageReference, RegistryOptions};

/// How to open a source.
#[derive(Debug, Clone, Default)]
pub struct OpenOptions {
    /// Which image of a multi-platform index (default: the host's).
    pub platform: Option<Platform>,
    pub registry: RegistryOptions,
}

/// The kinds of source tallyman reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    DockerArchive,
    #[default]
    OciDir,
    OciArchive,
    Dir,
    Registry,
}

impl SourceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::DockerArchive => "docker-archive",
            SourceKind::OciDir => "oci-dir",
            SourceKind::OciArchive => "oci-archive",
            SourceKind::Dir => "dir",
            SourceKind::Registry => "registry",
        }
    }
}

/// A parsed SOURCE argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceSpec {
    /// `None` when the kind is to be detected from the path's content.
    pub kind: Option<SourceKind>,
    pub path: PathBuf,
    pub tag: Option<String>,
    /// The argument as the user wrote it.
    pub input: String,
}

impl SourceSpec {
    /// Parses a SOURCE argument (no I/O beyond checking whether paths exist).
    pub fn parse(arg: &str) -> SourceSpec {
        let prefixes = [
            ("docker-archive:", SourceKind::DockerArchive),
            ("oci-dir:", SourceKind::OciDir),
            ("oci-archive:", SourceKind::OciArchive),
            ("dir:", SourceKind::Dir),
            ("registry:", SourceKind::Registry),
        ];
        for (prefix, kind) in prefixes {
            if let Some(rest) = arg.strip_prefix(prefix) {
                let (path, tag) = match kind {
                    SourceKind::Registry => (PathBuf::from(rest), None),
                    _ => split_tag(rest, kind != SourceKind::Dir),
                };
                return SourceSpec {
                    kind: Some(kind),
                    path,
                    tag,
                    input: arg.to_owned(),
                };
            }
        }
        // A bare argument that is no existing path but parses as an image
        // reference is a registry reference.
        let kind = (!Path::new(arg).exists() && ImageReference::parse(arg).is_ok())
            .then_some(SourceKind::Registry);
        SourceSpec {
            kind,
            path: PathBuf::from(arg),
            tag: None,
            input: arg.to_owned(),
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

/// What the SBOM says about a layer.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct LayerInfo {
    /// Digest of the blob as stored (compressed), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub digest: Option<String>,
    /// Digest of the uncompressed tar, from the image config.
    #[serde(rename = "diffID", skip_serializing_if = "Option::is_none")]
    pub diff_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub media_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size: Option<u64>,
}

impl LayerInfo {
    /// The digest that best names the layer: its diff id, else its blob digest.
    pub fn id(&self) -> Option<&str> {
        self.diff_id.as_deref().or(self.digest.as_deref())
    }
}

/// What the SBOM says about the scanned image.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ImageInfo {
    pub kind: SourceKind,
    /// The SOURCE argument as given.
    pub input: String,
    /// A name for documents: the tag or reference, else the path.
    pub name: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub manifest_digest: Option<String>,
    /// The image id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub config_digest: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    pub layers: Vec<LayerInfo>,
}

/// A layer's bytes: which member of the store, and the digests they must have.
#[derive(Debug, Clone)]
pub struct LayerRef {
    pub member: String,
    pub check: BlobCheck,
    pub info: LayerInfo,
}

enum Content {
    Store(Box<dyn BlobStore>),
    Rootfs(PathBuf),
}

/// An opened image, ready to have its layers read.
pub struct Image {
    pub info: ImageInfo,
    layers: Vec<LayerRef>,
    content: Content,
}

impl Image {
    /// Opens the image a SOURCE names.
    pub fn open(spec: &SourceSpec, options: &OpenOptions) -> Result<Image> {
        let platform = options.platform.as_ref();
        let shown = spec.path.display().to_string();
        let kind = match spec.kind {
            Some(kind) => kind,
            None => detect(&spec.path)?,
        };
        if kind != SourceKind::Registry && !spec.path.exists() {
            bail!("{shown}: no such file or directory");
        }
        let tag = spec.tag.as_deref();
        let (resolved, content) = match kind {
            SourceKind::Registry => {
                let reference = ImageReference::parse(&shown)?;
                let (resolved, store) = registry::resolve(&reference, platform, &options.registry)?;
                (resolved, Content::Store(Box::new(store)))
            }
            SourceKind::Dir => {
                if !spec.path.is_dir() {
                    bail!("{shown}: not a directory");
                }
                let info = ImageInfo {
                    name: shown.clone(),
                    layers: vec![LayerInfo::default()],
                    ..ImageInfo::default()
                };
                let layer = LayerRef {
                    member: String::new(),
                    check: BlobCheck::default(),
                    info: LayerInfo::default(),
                };
                (
                    manifest::Resolved {
                        info,
                        layers: vec![layer],
                    },
                    Content::Rootfs(spec.path.clone()),
                )
            }
            SourceKind::OciDir => {
                if !spec.path.is_dir() {
                    bail!(
                        "{shown}: not a directory (an oci-dir source is an OCI layout directory)"
                    );
                }
                let store = DirStore::new(&spec.path);
                (
                    oci_layout::resolve(&store, &shown, tag, platform)?,
                    Content::Store(Box::new(store)),
                )
            }
            SourceKind::OciArchive => {
                let store = TarStore::open(&spec.path)?;
                (
                    oci_layout::resolve(&store, &shown, tag, platform)?,
                    Content::Store(Box::new(store)),
                )
            }
            SourceKind::DockerArchive => {
                let store = TarStore::open(&spec.path)?;
                (
                    docker_archive::resolve(&store, &shown, tag)?,
                    Content::Store(Box::new(store)),
                )
            }
        };
        let mut info = resolved.info;
        info.kind = kind;
        info.input = spec.input.clone();
        Ok(Image {
            info,
            layers: resolved.layers,
            content,
        })
    }

    /// Number of layers (a `dir:` source has one).
    pub fn layer_count(&self) -> usize {
        self.layers.len()
    }

    /// The digest that identifies layer `index`'s content (for the layer
    /// cache): its blob digest, else its diff id; `None` for a `dir:` source.
    pub fn layer_id(&self, index: usize) -> Option<&str> {
        match self.content {
            Content::Rootfs(_) => None,
            Content::Store(_) => {
                let info = &self.layers[index].info;
                info.digest.as_deref().or(info.diff_id.as_deref())
            }
        }
    }

    /// The stored size of layer `index`, when known (0 otherwise).
    pub fn layer_size(&self, index: usize) -> u64 {
        self.layers[index].info.size.unwrap_or(0)
    }

    /// A name for layer `index` in messages: its digest, or its position.
    pub fn layer_name(&self, index: usize) -> String {
        let info = &self.layers[index].info;
        info.digest
            .clone()
            .or_else(|| info.diff_id.clone())
            .unwrap_or_else(|| format!("#{index}"))
    }

    /// Reads layer `index`, keeping what `selection` asks for.
    pub fn read_layer(
        &self,
        index: usize,
        selection: &Selection,
        limits: &Limits,
    ) -> Result<LayerContents> {
        let layer = &self.layers[index];
        match &self.content {
            Content::Rootfs(root) => rootfs::read_rootfs(root, selection, limits),
            Content::Store(store) => {
                let name = self.layer_name(index);
                let blob = store
                    .open(&layer.member)
                    .with_context(|| format!("{}: layer {name}", self.info.input))?;
                read_layer(&name, blob, &layer.check, selection, limits)
            }
        }
    }
}

/// Decides what kind of source a bare PATH is from its content.
fn detect(path: &Path) -> Result<SourceKind> {
    let shown = path.display();
    if !path.exists() {
        bail!("{shown}: no such file or directory, and not an image reference");
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
        bail!("{shown}: not an image (expected a docker-archive or oci-archive tarball, an OCI layout directory or a root filesystem directory)");
    }
    let store = TarStore::open(path)?;
    if store.contains("oci-layout") && store.contains("index.json") {
        Ok(SourceKind::OciArchive)
    } else if store.contains("manifest.json") {
        Ok(SourceKind::DockerArchive)
    } else {
        bail!("{shown}: a tar archive, but not an image: it has neither manifest.json (docker-archive) nor oci-layout (oci-archive)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_prefixed_sources() {
        let s = SourceSpec::parse("docker-archive:/nonexistent/x.tar");
        assert_eq!(s.kind, Some(SourceKind::DockerArchive));
        assert_eq!(s.path, PathBuf::from("/nonexistent/x.tar"));
        let dir = std::env::temp_dir();
        let s = SourceSpec::parse(&format!("oci-dir:{}:bookworm", dir.display()));
        assert_eq!((s.path, s.tag.as_deref()), (dir.clone(), Some("bookworm")));
        let s = SourceSpec::parse(&format!("dir:{}", dir.display()));
        assert_eq!((s.kind, s.tag), (Some(SourceKind::Dir), None));
        assert_eq!(
            SourceSpec::parse("alpine").kind,
            Some(SourceKind::Registry),
            "a bare reference"
        );
        assert_eq!(
            SourceSpec::parse("/nonexistent/image.tar").kind,
            None,
            "detected (and reported) later"
        );
    }
}
