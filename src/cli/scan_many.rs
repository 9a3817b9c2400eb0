//! `tallyman scan-many`: SBOMs of many images in one run — a list from the
//! command line, a file or standard input, every tag of a repository, every
//! repository of a registry — one document per image (named by manifest
//! digest) and an index mapping each reference to its document. Several
//! images are scanned at once; layers they share are read once (the layer
//! cache, and one reader per layer within the run). An image that fails is
//! reported and the others go on; `--shard I/N` takes a stable slice of
//! the list, so N machines split it with no coordinator.

use std::collections::BTreeSet;
use std::io::BufRead;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use anyhow::{bail, Context, Result};
use serde_json::json;
use sha2::Digest as _;
use tallyman::blob::Digest;
use tallyman::format::Format;
use tallyman::scan::{scan_image, ScanOptions};
use tallyman::source::registry::{listing, ImageReference, RegistryOptions};
use tallyman::source::{Image, SourceSpec};

use super::{write_output, LimitArgs, Reporting, SourceArgs};

#[derive(clap::Args)]
pub struct ScanManyArgs {
    /// Sources to scan (any SOURCE `tallyman scan` takes).
    sources: Vec<String>,
    /// Also the sources listed in FILE, one per line (`-`: standard input;
    /// blank lines and lines starting with # are skipped).
    #[arg(long = "from", value_name = "FILE")]
    from: Vec<PathBuf>,
    /// Also every tag of this repository (REGISTRY/REPO, through /v2/REPO/tags/list).
    #[arg(long = "all-tags", value_name = "REGISTRY/REPO")]
    all_tags: Vec<String>,
    /// Also every tag of every repository of this registry (HOST[:PORT], through /v2/_catalog).
    #[arg(long = "catalog", value_name = "HOST")]
    catalog: Vec<String>,
    /// Where the documents go (created if missing).
    #[arg(long, value_name = "DIR")]
    output_dir: PathBuf,
    /// The documents' format: json, spdx-json[@2.3|@2.2] (default) or cyclonedx-json[@1.5|@1.4|@1.3].
    #[arg(
        short = 'o',
        long = "output",
        value_name = "FORMAT",
        default_value = "spdx-json"
    )]
    format: String,
    /// Images scanned at once (each image's layers are read in parallel
    /// anyway; memory grows with N: one large image's scan per job).
    #[arg(long, value_name = "N", default_value_t = 1)]
    jobs: usize,
    /// Scan only the I-th of N stable slices of the list (I counts from 0, as a
    /// Kubernetes indexed Job's JOB_COMPLETION_INDEX does).
    #[arg(long, value_name = "I/N", value_parser = parse_shard)]
    shard: Option<(u64, u64)>,
    #[command(flatten)]
    source_args: SourceArgs,
    #[command(flatten)]
    limits: LimitArgs,
    #[command(flatten)]
    reporting: Reporting,
}

fn parse_shard(text: &str) -> Result<(u64, u64), String> {
    let parsed = text
        .split_once('/')
        .and_then(|(i, n)| Some((i.trim().parse().ok()?, n.trim().parse().ok()?)));
    match parsed {
        Some((i, n)) if n > 0 && i < n => Ok((i, n)),
        _ => Err(format!(
            "{text:?} is not a shard I/N with 0 <= I < N, e.g. 0/4"
        )),
    }
}

/// Whether `source` falls in shard `i` of `n`: by a hash of its text, so a
/// source stays in its shard however the list around it changes.
fn in_shard(source: &str, (i, n): (u64, u64)) -> bool {
    let hash = sha2::Sha256::digest(source.as_bytes());
    let mut first = [0u8; 8];
    first.copy_from_slice(&hash[..8]);
    u64::from_be_bytes(first) % n == i
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

/// A source to scan; `listed`: found through a registry listing rather
/// than named (then a tag that is no image is skipped, not a failure).
struct Source {
    text: String,
    listed: bool,
}

pub fn run(args: ScanManyArgs) -> Result<()> {
    let format = Format::parse(&args.format)?;
    if format == Format::Table {
        bail!("scan-many writes documents: -o json, spdx-json or cyclonedx-json");
    }
    let options = ScanOptions {
        source: args.source_args.one_image_options()?,
        // Several scans at once: no progress bars (they would overwrite each other).
        progress: None,
        ..args
            .limits
            .scan_options(&args.source_args, &args.reporting)?
    };
    let mut sources = list(&args, &options.source.registry)?;
    let listed = sources.len();
    if let Some(shard) = args.shard {
        sources.retain(|s| in_shard(&s.text, shard));
    }
    std::fs::create_dir_all(&args.output_dir)
        .with_context(|| format!("{}: cannot create the directory", args.output_dir.display()))?;
    // Images scanned (or being scanned) by manifest digest: two references
    // to one image give one document.
    let claimed: Mutex<BTreeSet<Digest>> = Mutex::new(BTreeSet::new());
    let outcomes: Vec<Mutex<Option<Outcome>>> = sources.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let scan_one = |source: &Source| -> Result<Outcome> {
        let spec = SourceSpec::parse(&source.text)?;
        let image = match Image::open(&spec, &options.source) {
            Ok(image) => image,
            // A listed tag that does not open as an image may be an
            // artifact (asked only then: images cost no second request).
            Err(error) => {
                let listed = spec.registry_reference().filter(|_| source.listed);
                if let Some(reference) = listed {
                    if let Ok(Some(why)) =
                        listing::not_an_image(reference, &options.source.registry)
                    {
                        return Ok(Outcome::Skipped(why));
                    }
                }
                return Err(error);
            }
        };
        let source = source.text.as_str();
        let digest = image.info.digest().cloned().with_context(|| {
            format!("{source}: the image has no digest to name its document by")
        })?;
        let document = format!("{}.{}", digest.dashed(), format.file_extension());
        let first = claimed
            .lock()
            .map(|mut c| c.insert(digest.clone()))
            .unwrap_or(true);
        if first {
            let sbom = scan_image(&image, &options)?;
            args.reporting.warnings(&sbom);
            let bytes = format.render(&sbom, None)?;
            write_output(Some(&args.output_dir.join(&document)), &bytes, "document")?;
        }
        Ok(Outcome::Written {
            digest: digest.to_string(),
            document,
        })
    };
    std::thread::scope(|scope| {
        for _ in 0..args.jobs.max(1).min(sources.len().max(1)) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(source) = sources.get(i) else {
                    break;
                };
                let outcome = scan_one(source).unwrap_or_else(|error| {
                    let message = format!("{error:#}").replace('\n', " ");
                    eprintln!("tallyman: error: {}: {message}", source.text);
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
                failed.push(reference.as_str());
            }
        }
    }
    let index = json!({
        "schemaVersion": 1,
        "format": format.to_string(),
        "shard": args.shard.map(|(i, n)| format!("{i}/{n}")),
        "listed": listed,
        "images": index,
    });
    let mut bytes = serde_json::to_vec_pretty(&index)?;
    bytes.push(b'\n');
    write_output(Some(&args.output_dir.join("index.json")), &bytes, "index")?;
    let done = sources.len() - failed.len() - skipped;
    args.reporting.note(&format!(
        "{done} of {} images scanned into {}{}{}",
        sources.len() - skipped,
        args.output_dir.display(),
        match skipped {
            0 => String::new(),
            n => format!(" ({n} listed tags that are not images skipped)"),
        },
        match args.shard {
            Some((i, n)) => format!(" (shard {i}/{n} of {listed} listed)"),
            None => String::new(),
        }
    ));
    if !failed.is_empty() {
        bail!(
            "{} of {} images failed: {}",
            failed.len(),
            sources.len() - skipped,
            failed.join(", ")
        );
    }
    Ok(())
}

/// Every source asked for, in order, without repeats.
fn list(args: &ScanManyArgs, registry: &RegistryOptions) -> Result<Vec<Source>> {
    let mut sources = args.sources.clone();
    for path in &args.from {
        let lines: Vec<String> = if path.as_os_str() == "-" {
            std::io::stdin()
                .lock()
                .lines()
                .collect::<std::io::Result<_>>()
        } else {
            std::fs::File::open(path).and_then(|f| std::io::BufReader::new(f).lines().collect())
        }
        .with_context(|| format!("{}: cannot read the list", path.display()))?;
        sources.extend(
            lines
                .iter()
                .map(|l| l.trim())
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(str::to_owned),
        );
    }
    let named = sources.len();
    for name in &args.all_tags {
        let reference =
            ImageReference::parse(name).with_context(|| format!("--all-tags {name}"))?;
        for tag in listing::tags(&reference, registry)? {
            sources.push(format!("registry:{}:{tag}", reference.name()));
        }
    }
    for host in &args.catalog {
        for repository in listing::repositories(host, registry)? {
            let reference = ImageReference::parse(&format!("{host}/{repository}"))?;
            for tag in listing::tags(&reference, registry)? {
                sources.push(format!("registry:{}:{tag}", reference.name()));
            }
        }
    }
    let mut seen = BTreeSet::new();
    let sources: Vec<Source> = sources
        .into_iter()
        .enumerate()
        .filter(|(_, s)| seen.insert(s.clone()))
        .map(|(i, text)| Source {
            text,
            listed: i >= named,
        })
        .collect();
    if sources.is_empty() {
        bail!("nothing to scan: give sources, --from FILE, --all-tags REPO or --catalog HOST");
    }
    Ok(sources)
}
