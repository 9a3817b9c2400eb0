//! `tallyman scan-many`: SBOMs of many images in one run — a list from the
//! command line, a file or standard input, every tag of a repository, every
//! repository of a registry — one document per image (named by manifest
//! digest) and an index mapping each reference to its document. Several
//! images are scanned at once; layers they share are read once (the layer
//! cache, and one reader per layer within the run). An image that fails is
//! reported and the others go on; `--shard I/N` takes a stable slice of
//! the list, so N machines split it with no coordinator.

use std::io::BufRead;
use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use tallyman::sbom::{Format, Sbom};
use tallyman::scan::ScanOptions;
use tallyman::scan_many::{list_sources, scan_many, ManyObserver, ManyOptions};

use super::{DocumentArgs, LimitArgs, Reporting, SourceArgs};

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
    /// The documents' format: json, spdx-json[@2.3|@2.2|@3.0] (default) or cyclonedx-json[@1.6|@1.7|@1.5|@1.4|@1.3].
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
    document: DocumentArgs,
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

/// Prints each image's warnings and failures as they come.
struct Printer<'a>(&'a Reporting);

impl ManyObserver for Printer<'_> {
    fn scanned(&self, _source: &str, sbom: &Sbom) {
        self.0.warnings(sbom);
    }

    fn failed(&self, source: &str, message: &str) {
        eprintln!("tallyman: error: {source}: {message}");
    }
}

pub fn run(args: ScanManyArgs) -> Result<()> {
    let format = Format::parse(&args.format)?;
    if format == Format::Table {
        bail!("scan-many writes documents: -o json, spdx-json or cyclonedx-json");
    }
    let scan = ScanOptions {
        source: args.source_args.one_image_options()?,
        // Several scans at once: no progress bars (they would overwrite each other).
        progress: None,
        author: args.document.author.clone(),
        ..args
            .limits
            .scan_options(&args.source_args, &args.reporting)?
    };
    let mut named = args.sources.clone();
    for path in &args.from {
        named.extend(read_list(path)?);
    }
    for name in &args.all_tags {
        tallyman::oci::ImageReference::parse(name).with_context(|| format!("--all-tags {name}"))?;
    }
    let sources = list_sources(named, &args.all_tags, &args.catalog, &scan.source.registry)?;
    if sources.is_empty() {
        bail!("nothing to scan: give sources, --from FILE, --all-tags REPO or --catalog HOST");
    }
    let options = ManyOptions {
        scan,
        format,
        output_dir: args.output_dir.clone(),
        jobs: args.jobs,
        shard: args.shard,
    };
    let summary = scan_many(sources, &options, &Printer(&args.reporting))?;
    let failed = summary.failed.len();
    let done = summary.taken - failed - summary.skipped;
    args.reporting.note(&format!(
        "{done} of {} images scanned into {}{}{}",
        summary.taken - summary.skipped,
        args.output_dir.display(),
        match summary.skipped {
            0 => String::new(),
            n => format!(" ({n} listed tags that are not images skipped)"),
        },
        match args.shard {
            Some((i, n)) => format!(" (shard {i}/{n} of {} listed)", summary.listed),
            None => String::new(),
        }
    ));
    if failed > 0 {
        bail!(
            "{failed} of {} images failed: {}",
            summary.taken - summary.skipped,
            summary.failed.join(", ")
        );
    }
    Ok(())
}

/// The sources listed in a file (`-`: standard input), one per line;
/// blank lines and lines starting with # are skipped.
fn read_list(path: &PathBuf) -> Result<Vec<String>> {
    let lines: Vec<String> = if path.as_os_str() == "-" {
        std::io::stdin()
            .lock()
            .lines()
            .collect::<std::io::Result<_>>()
    } else {
        std::fs::File::open(path).and_then(|f| std::io::BufReader::new(f).lines().collect())
    }
    .with_context(|| format!("{}: cannot read the list", path.display()))?;
    Ok(lines
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect())
}
