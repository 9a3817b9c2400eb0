//! Scanning what a SOURCE names when it may be a multi-platform index:
//! one image, or (asked for every platform) each platform's image in
//! turn, so the layer cache reads the layers the platforms share once.

use tallyman_oci::{fail, Digest};
use tallyman_sbom::{Format, PlatformImages, Sbom};

use super::{scan, ScanOptions};
use crate::error::{Context, Result};
use crate::source::{index_of, SourceSpec};

/// The scans of one SOURCE: one image, or every platform image of an index.
pub enum Scanned {
    One(Box<Sbom>),
    Platforms {
        /// The index's name (its first image's).
        name: String,
        /// The index's digest (`None`: a layout's top-level `index.json`).
        digest: Option<Digest>,
        /// Each platform (`linux/arm64/v8`) and its image's scan.
        images: Vec<(String, Sbom)>,
    },
}

impl Scanned {
    /// Every scan, with its platform (`image` for one image whose config
    /// names none).
    pub fn by_platform(&self) -> Vec<(&str, &Sbom)> {
        match self {
            Scanned::One(sbom) => vec![(sbom.source.platform.as_deref().unwrap_or("image"), sbom)],
            Scanned::Platforms { images, .. } => {
                images.iter().map(|(p, s)| (p.as_str(), s)).collect()
            }
        }
    }

    /// One document of everything scanned (for an index, every platform's
    /// joined: see [`tallyman_sbom::format::platforms`]); `width` is a
    /// terminal's width for the table.
    pub fn render(&self, format: Format, width: Option<usize>) -> Result<Vec<u8>> {
        Ok(match self {
            Scanned::One(sbom) => format.render(sbom, width)?,
            Scanned::Platforms {
                name,
                digest,
                images,
            } => tallyman_sbom::format::platforms::render(
                format,
                &PlatformImages {
                    name,
                    digest: digest.as_ref(),
                    images,
                },
                width,
            )?,
        })
    }
}

/// Scans `spec`; with `all_platforms`, every platform of the index it
/// names (one image when it names one).
pub fn scan_source(
    spec: &SourceSpec,
    options: &ScanOptions,
    all_platforms: bool,
) -> Result<Scanned> {
    let index = if all_platforms {
        index_of(spec, &options.source)?
    } else {
        None
    };
    match index {
        Some(index) => scan_platforms(spec, options, index),
        None => Ok(Scanned::One(Box::new(scan(spec, options)?))),
    }
}

/// Scans every platform image of `index`, which `spec` names.
pub fn scan_platforms(
    spec: &SourceSpec,
    options: &ScanOptions,
    index: tallyman_oci::manifest::IndexSummary,
) -> Result<Scanned> {
    if index.platforms.is_empty() {
        fail!("{}: the index names no platforms", spec.input);
    }
    let mut images = Vec::new();
    let mut name = None;
    for platform in index.platforms {
        let mut options = options.clone();
        options.source.platform = Some(platform.clone());
        let sbom = scan(spec, &options).with_context(|| format!("platform {platform}"))?;
        name.get_or_insert_with(|| sbom.source.name.clone());
        images.push((platform.to_string(), sbom));
    }
    Ok(Scanned::Platforms {
        name: name.unwrap_or_else(|| spec.input.clone()),
        digest: index.digest,
        images,
    })
}
