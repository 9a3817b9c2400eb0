//! A scan from start to end: open the source, read every layer once in
//! parallel, fetch what sits behind links, catalog the view after each layer
//! that changed it, and assemble the [`Sbom`]; with [`scan_source`], every
//! platform image of an index in turn ([`platforms`]).

mod file_digests;
mod follow;
mod history;
mod ownership;
mod platforms;
mod progress;

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use rayon::prelude::*;
use tallyman_catalogers::model::{Metadata, NpmMetadata};
use tallyman_catalogers::{Cataloger, DISTRO_PATTERNS};
use tallyman_layer::{name_text, LayerCache, LayerContents, Limit, Limits, Selection};
use tallyman_sbom::{LayerCounts, Sbom, ScannedPackage, Scope};

use crate::cache_repo::CacheRepo;
use crate::error::{Error, Result};
use crate::source::blob_cache::CacheWarnings;
use crate::source::{Image, LayerSource, OpenOptions, SourceSpec};
pub use platforms::{scan_platforms, scan_source, Scanned};
pub use progress::{Counted, Progress, Silent};

/// How to scan.
#[derive(Clone, Default)]
pub struct ScanOptions {
    /// Platform choice and registry access.
    pub source: OpenOptions,
    /// Layers read (and downloaded) at once; 0 means one per core.
    pub max_concurrency: usize,
    pub scope: Scope,
    pub limits: Limits,
    /// Report npm development dependencies found in lockfiles.
    pub include_dev: bool,
    /// The document timestamp, seconds since the epoch.
    pub created: i64,
    /// Who the documents name as having asked for them (`--author`).
    pub author: Option<String>,
    /// Hash the files OS packages own (for SPDX file entries).
    pub file_digests: bool,
    /// Where layer results are cached by digest; `None` reads every layer.
    pub cache: Option<std::path::PathBuf>,
    /// Told how the scan goes (`None`: nobody watches).
    pub progress: Option<std::sync::Arc<dyn Progress>>,
    /// A layer cache shared through a registry (`--cache-repo`), behind
    /// the local one.
    pub cache_repo: Option<std::sync::Arc<CacheRepo>>,
}

/// Scans the image a SOURCE names.
///
/// The small Debian image shipped in the repository's `testdata/`, written
/// as SPDX:
///
/// ```
/// use tallyman::sbom::{Format, SpdxVersion};
/// use tallyman::scan::{scan, ScanOptions};
/// use tallyman::source::SourceSpec;
///
/// let image = SourceSpec::parse("oci-archive:../../testdata/images/debian-bookworm-dpkg.oci.tar")?;
/// let sbom = scan(&image, &ScanOptions::default())?;
/// let dpkg = sbom.packages.iter().find(|p| p.package.name == "dpkg").unwrap();
/// assert_eq!(dpkg.package.version, "1.21.23");
/// assert_eq!(sbom.source.layers.len(), 3);
/// let spdx = Format::SpdxJson(SpdxVersion::V2_3).render(&sbom, None)?;
/// assert!(spdx.starts_with(b"{"));
/// # Ok::<(), tallyman::Error>(())
/// ```
pub fn scan(spec: &SourceSpec, options: &ScanOptions) -> Result<Sbom> {
    let image = Image::open(spec, &options.source)?;
    scan_image(&image, options)
}

/// Scans an opened image. Every pass over the layers (the first read, the
/// reads behind links, the file digests) and the cataloging run on one pool
/// of `max_concurrency` threads.
pub fn scan_image(image: &Image, options: &ScanOptions) -> Result<Sbom> {
    if options.max_concurrency == 0 {
        return scan_in_pool(image, options);
    }
    rayon::ThreadPoolBuilder::new()
        .num_threads(options.max_concurrency)
        .build()
        .map_err(|e| Error::Message(format!("starting the layer readers: {e}")))?
        .install(|| scan_in_pool(image, options))
}

fn scan_in_pool(image: &Image, options: &ScanOptions) -> Result<Sbom> {
    let catalogers = tallyman_catalogers::all();
    let patterns = wanted_patterns(&catalogers);
    let selection = Selection::new(&patterns)?
        .with_sniffs(
            catalogers
                .iter()
                .flat_map(|c| c.sniffs().iter().copied())
                .collect(),
        )?
        .with_reductions(
            catalogers
                .iter()
                .flat_map(|c| c.reductions().iter().copied())
                .collect(),
        );
    let cache = (options.cache.is_some() || options.cache_repo.is_some()).then(|| {
        let versions: Vec<String> = catalogers
            .iter()
            .map(|c| format!("{}@{}", c.name(), c.version()))
            .collect();
        LayerCache::new(options.cache.clone(), versions.join(","))
    });
    let shared = options.cache_repo.as_deref();
    let progress: &dyn Progress = options.progress.as_deref().unwrap_or(&Silent);
    let origins = LayerOrigins::default();
    // A cache never fails a scan: what went wrong with one is a warning.
    let cache_warnings = CacheWarnings::default();
    let keep = |cache: &LayerCache, key: &str, encoded: &[u8]| {
        if let Err(warning) = cache.store(key, encoded) {
            cache_warnings.once(warning);
        }
    };
    let usable = |c: &LayerContents| c.diff_id_verified || !image.verifies_diff_ids();
    let read = |index: usize| -> Result<LayerContents> {
        // The layer's cache entry: the cache, the layer's digest and the key.
        let entry = cache
            .as_ref()
            .zip(image.info.layers[index].cache_key())
            .map(|(cache, layer)| (cache, layer, cache.key(layer, &selection, &options.limits)));
        // Claimed (in this process) until read and kept: a concurrent scan
        // of an image with this layer waits, then finds it cached.
        let _claim = entry.as_ref().map(|(_, _, key)| LayerCache::claim(key));
        if let Some((cache, _, key)) = &entry {
            // The local cache, else the cache repository (kept locally).
            let local = cache.load(key).unwrap_or_else(|warning| {
                cache_warnings.once(warning);
                None
            });
            let hit = local
                .filter(usable)
                .map(|contents| (contents, &origins.local))
                .or_else(|| {
                    let (contents, encoded) = shared?
                        .load(
                            key,
                            options.limits.max_layer_memory,
                            options.limits.name(Limit::LayerMemory),
                        )
                        .filter(|(contents, _)| usable(contents))?;
                    keep(cache, key, &encoded);
                    Some((contents, &origins.shared))
                });
            if let Some((contents, counter)) = hit {
                counter.fetch_add(1, Relaxed);
                progress.bytes(image.layer_size(index));
                progress.layer_done();
                return Ok(contents);
            }
        }
        let contents = read_layer(image, index, &selection, &options.limits, progress)?;
        origins.read.fetch_add(1, Relaxed);
        if let Some((cache, layer, key)) = &entry {
            // Encoded once for both caches.
            if let Some(encoded) = tallyman_layer::cache::encode(&contents) {
                keep(cache, key, &encoded);
                if let Some(shared) = shared {
                    shared.store(key, &encoded, layer);
                }
            }
        }
        progress.layer_done();
        Ok(contents)
    };
    progress.start(
        image.layer_count(),
        (0..image.layer_count()).map(|i| image.layer_size(i)).sum(),
    );
    // Largest layers first, one layer per task: a big layer must not wait
    // behind small ones on the same thread.
    let mut order: Vec<usize> = (0..image.layer_count()).collect();
    order.sort_by_key(|&index| std::cmp::Reverse(image.layer_size(index)));
    let mut read: Vec<(usize, LayerContents)> = order
        .par_iter()
        .with_max_len(1)
        .map(|&index| read(index).map(|contents| (index, contents)))
        .collect::<Result<_>>()?;
    read.sort_by_key(|(index, _)| *index);
    let mut layers: Vec<LayerContents> = read.into_iter().map(|(_, contents)| contents).collect();
    follow::fetch_linked_files(image, &mut layers, &patterns, &options.limits)?;

    // The blob and layer caches share a directory: one warning for both.
    for warning in image.cache_warnings() {
        cache_warnings.once(warning);
    }
    let mut warnings = cache_warnings.take();
    warnings.extend(layers.iter().flat_map(|l| l.warnings.iter().cloned()));
    for (index, layer) in layers.iter().enumerate() {
        for (path, target) in layer.unresolved_hardlinks() {
            warnings.push(format!(
                "layer {}: hard link /{path} points to /{target}, which is not in the layer; skipped",
                image.info.layer_name(index)
            ));
        }
    }
    let (snapshots, links) =
        history::catalog_each_layer(&layers, &catalogers, options.include_dev, options.scope)?;
    let record_layers: Vec<bool> = catalogers
        .iter()
        .map(|c| c.one_record_per_package())
        .collect();
    let mut assembled = history::assemble(&snapshots, options.scope, &record_layers);
    ownership::settle(
        &mut assembled.packages,
        &mut assembled.relationships,
        &links,
    );
    drop(links);
    assembled.relationships.sort();
    assembled.relationships.dedup();
    warnings.extend(assembled.warnings);
    let file_digests = if options.file_digests {
        Some(file_digests::owned_file_digests(
            image,
            &layers,
            &assembled.packages,
            &options.limits,
        )?)
    } else {
        None
    };
    show_names(&mut assembled.packages, &mut warnings);
    progress.packages(assembled.packages.len());
    let mut source = image.info.clone();
    for (info, layer) in source.layers.iter_mut().zip(&layers) {
        if info.diff_id.is_some() {
            info.diff_id_verified = Some(layer.diff_id_verified);
        }
    }
    Ok(Sbom {
        source,
        scope: options.scope,
        distro: assembled.distro,
        packages: assembled.packages,
        relationships: assembled.relationships,
        warnings,
        created: options.created,
        author: options.author.clone(),
        file_digests,
        origins: LayerCounts {
            read: origins.read.into_inner(),
            local: origins.local.into_inner(),
            shared: origins.shared.into_inner(),
        },
        notes: shared.map(CacheRepo::take_warnings).unwrap_or_default(),
    })
}

/// Reads layer `index` of `image`, keeping what `selection` asks for and
/// telling `progress` of the stored bytes as they are read.
pub fn read_layer(
    image: &Image,
    index: usize,
    selection: &Selection,
    limits: &Limits,
    progress: &dyn Progress,
) -> Result<LayerContents> {
    let read = || -> Result<LayerContents> {
        Ok(match image.open_layer(index)? {
            LayerSource::Rootfs(root) => tallyman_layer::read_rootfs(root, selection, limits)?,
            LayerSource::Blob { bytes, check } => {
                let counted = Counted {
                    inner: bytes,
                    progress,
                };
                let name = image.info.layer_name(index);
                tallyman_layer::read_layer(&name, counted, &check, selection, limits)?
            }
        })
    };
    match read() {
        Ok(contents) => Ok(contents),
        // A cached blob damaged on disk: read again from where it came from
        // (the warning that names it is the image's, not the layer's: the
        // layer's contents are cached, the warning must not be).
        Err(_) if image.retry_uncached(index) => read(),
        Err(error) => Err(error),
    }
}

/// Where the layers of a scan came from, counted as they are read.
#[derive(Default)]
struct LayerOrigins {
    read: AtomicUsize,
    local: AtomicUsize,
    shared: AtomicUsize,
}

/// Every cataloger's patterns plus the distro files, deduplicated.
fn wanted_patterns(catalogers: &[Box<dyn Cataloger>]) -> BTreeSet<String> {
    catalogers
        .iter()
        .flat_map(|c| c.patterns().iter())
        .chain(DISTRO_PATTERNS)
        .map(|p| p.to_string())
        .collect()
}

/// Paths as documents and messages show them: a name's bytes that are not
/// UTF-8 as U+FFFD. Inside the scan they stay exact ([`name_text`]).
fn show_names(packages: &mut [ScannedPackage], warnings: &mut [String]) {
    let show = |text: &mut String| {
        if let Cow::Owned(replaced) = name_text::shown(text) {
            *text = replaced;
        }
    };
    for scanned in packages {
        let package = &mut scanned.package;
        package.locations.iter_mut().for_each(|l| show(&mut l.path));
        if let Metadata::Npm(NpmMetadata {
            path: Some(path), ..
        }) = &mut package.metadata
        {
            show(path);
        }
    }
    warnings.iter_mut().for_each(show);
}
