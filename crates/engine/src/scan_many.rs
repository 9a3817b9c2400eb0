//! SBOMs of many images in one run — sources named, every tag of a
//! repository, every repository of a registry — one document per image
//! (named by manifest digest) and an index mapping each reference to its
//! document. Several images are scanned at once; layers they share are read
//! once (the layer cache, and one reader per layer within the run). An
//! image that fails is reported and the others go on; a shard (`I/N`)
//! takes a stable slice of the list, so N machines split it with no
//! coordinator.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use serde_json::json;
use sha2::Digest as _;
use tallyman_oci::atomic_file;
use tallyman_oci::registry::{listing, RegistryOptions};
use tallyman_oci::{fail, report, Digest, ImageReference};
use tallyman_sbom::{Format, Sbom};

use crate::error::{Context, Result};
use crate::scan::{scan_image, ScanOptions};
use crate::source::{Image, SourceSpec};

/// A source to scan; `listed`: found through a registry listing rather
/// than named (then a tag that is no image is skipped, not a failure).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub text: String,
    pub listed: bool,
}

/// Every source asked for, in order, without repeats: `named` ones, every
/// tag of each `all_tags` repository (`REGISTRY/REPO`), every tag of every
/// repository of each `catalog` registry (`HOST[:PORT]`).
pub fn list_sources(
    named: Vec<String>,
    all_tags: &[String],
    catalog: &[String],
    registry: &RegistryOptions,
) -> Result<Vec<Source>> {
    let named_count = named.len();
    let mut sources = named;
    for name in all_tags {
        let reference = ImageReference::parse(name).with_context(|| name.clone())?;
        for tag in listing::tags(&reference, registry)? {
            sources.push(format!("registry:{}:{tag}", reference.name()));
        }
    }
    for host in catalog {
        for repository in listing::repositories(host, registry)? {
            let reference = ImageReference::parse(&format!("{host}/{repository}"))?;
            for tag in listing::tags(&reference, registry)? {
                sources.push(format!("registry:{}:{tag}", reference.name()));
            }
        }
    }
    let mut seen = BTreeSet::new();
    Ok(sources
        .into_iter()
        .enumerate()
        .filter(|(_, s)| seen.insert(s.clone()))
        .map(|(i, text)| Source {
            text,
            listed: i >= named_count,
        })
        .collect())
}

/// Whether `source` falls in shard `i` of `n`: by a hash of its text, so a
/// source stays in its shard however the list around it changes.
pub fn in_shard(source: &str, (i, n): (u64, u64)) -> bool {
    let hash = sha2::Sha256::digest(source.as_bytes());
    let mut first = [0u8; 8];
    first.copy_from_slice(&hash[..8]);
    u64::from_be_bytes(first) % n == i
}

/// How to scan many images.
#[derive(Clone)]
pub struct ManyOptions {
    pub scan: ScanOptions,
    /// The documents' format (not the table).
    pub format: Format,
    /// Where the documents and `index.json` go (created if missing).
    pub output_dir: PathBuf,
    /// Images scanned at once.
    pub jobs: usize,
    /// Only the I-th of N stable slices of the list.
    pub shard: Option<(u64, u64)>,
}

/// Told of each image as it ends.
pub trait ManyObserver: Sync {
    /// An image was scanned (its warnings are the observer's to show).
    fn scanned(&self, _source: &str, _sbom: &Sbom) {}
    /// An image failed; the others go on.
    fn failed(&self, _source: &str, _message: &str) {}
}

/// What a run of many scans did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManySummary {
    /// Sources listed before sharding.
    pub listed: usize,
    /// Sources in this shard.
    pub taken: usize,
    /// Listed tags that are not images (cosign tags, cache entries).
    pub skipped: usize,
    /// The sources that failed, in order.
    pub failed: Vec<String>,
}

/// One image's result.
enum Outcome {
    Written {
        digest: String,
        document: String,
    },
    /// A listed tag that names an artifact (a signature, a cache entry).
    Skipped(String),
    Failed(String),
}

/// Scans `sources` (the shard's part of them) into `options.output_dir`:
/// one document per image and `index.json`. Fails only when nothing can be
/// written; images that fail are in the summary and the index.
pub fn scan_many(
    mut sources: Vec<Source>,
    options: &ManyOptions,
    observer: &dyn ManyObserver,
) -> Result<ManySummary> {
    if options.format == Format::Table {
        fail!("scan-many writes documents: json, spdx-json or cyclonedx-json");
    }
    if sources.is_empty() {
        fail!("nothing to scan");
    }
    let listed = sources.len();
    if let Some(shard) = options.shard {
        sources.retain(|s| in_shard(&s.text, shard));
    }
    let dir = &options.output_dir;
    std::fs::create_dir_all(dir)
        .with_context(|| format!("{}: cannot create the directory", dir.display()))?;
    // Images scanned (or being scanned) by manifest digest: two references
    // to one image give one document.
    let claimed: Mutex<BTreeSet<Digest>> = Mutex::new(BTreeSet::new());
    let outcomes: Vec<Mutex<Option<Outcome>>> = sources.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let scan_one = |source: &Source| -> Result<Outcome> {
        let spec = SourceSpec::parse(&source.text)?;
        let image = match Image::open(&spec, &options.scan.source) {
            Ok(image) => image,
            // A listed tag that does not open as an image may be an
            // artifact (asked only then: images cost no second request).
            Err(error) => {
                let listed = spec.registry_reference().filter(|_| source.listed);
                if let Some(reference) = listed {
                    if let Ok(Some(why)) =
                        listing::not_an_image(reference, &options.scan.source.registry)
                    {
                        return Ok(Outcome::Skipped(why));
                    }
                }
                return Err(error);
            }
        };
        let text = source.text.as_str();
        let digest =
            image.info.digest().cloned().with_context(|| {
                format!("{text}: the image has no digest to name its document by")
            })?;
        let document = format!("{}.{}", digest.dashed(), options.format.file_extension());
        let first = claimed
            .lock()
            .map(|mut c| c.insert(digest.clone()))
            .unwrap_or(true);
        if first {
            let sbom = scan_image(&image, &options.scan)?;
            observer.scanned(text, &sbom);
            let bytes = options.format.render(&sbom, None)?;
            write(&dir.join(&document), &bytes, "document")?;
        }
        Ok(Outcome::Written {
            digest: digest.to_string(),
            document,
        })
    };
    std::thread::scope(|scope| {
        for _ in 0..options.jobs.max(1).min(sources.len().max(1)) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(source) = sources.get(i) else {
                    break;
                };
                let outcome = scan_one(source).unwrap_or_else(|error| {
                    let message = report(&error).replace('\n', " ");
                    observer.failed(&source.text, &message);
                    Outcome::Failed(message)
                });
                if let Ok(mut slot) = outcomes[i].lock() {
                    *slot = Some(outcome);
                }
            });
        }
    });
    let mut index = Vec::new();
    let mut failed = Vec::new();
    let mut skipped = 0;
    for (source, outcome) in sources.iter().zip(outcomes) {
        let reference = &source.text;
        match outcome.into_inner().ok().flatten() {
            Some(Outcome::Written { digest, document }) => index.push(json!({
                "reference": reference, "digest": digest, "document": document,
            })),
            Some(Outcome::Skipped(why)) => {
                skipped += 1;
                index.push(json!({"reference": reference, "skipped": why}));
            }
            failure => {
                let error = match failure {
                    Some(Outcome::Failed(error)) => error,
                    _ => "not scanned (its scan stopped)".to_owned(),
                };
                index.push(json!({"reference": reference, "error": error}));
                failed.push(reference.clone());
            }
        }
    }
    let index = json!({
        "schemaVersion": 1,
        "format": options.format.to_string(),
        "shard": options.shard.map(|(i, n)| format!("{i}/{n}")),
        "listed": listed,
        "images": index,
    });
    let mut bytes = serde_json::to_vec_pretty(&index)?;
    bytes.push(b'\n');
    write(&dir.join("index.json"), &bytes, "index")?;
    Ok(ManySummary {
        listed,
        taken: sources.len(),
        skipped,
        failed,
    })
}

/// Writes one file of the output directory whole ([`atomic_file`]): a
/// document or the index is complete or not there (an old one is kept).
fn write(path: &Path, bytes: &[u8], what: &str) -> Result<()> {
    Ok(atomic_file::write(path, bytes).map_err(|e| e.about(what))?)
}
