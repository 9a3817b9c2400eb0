//! `tallyman scan`: catalog an image and write one or more documents; with
//! `--platform all`, every platform image of an index, as one document or
//! (`-o FORMAT=DIR/`) one per platform.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use tallyman::format::platforms::{self, PlatformImages};
use tallyman::format::{Format, OutputSpec};
use tallyman::sbom::{id_text, Sbom, Scope};
use tallyman::scan::{scan, ScanOptions};
use tallyman::source::{index_of, IndexSummary, SourceSpec};

use super::{write_output, LimitArgs, Reporting, SourceArgs};

#[derive(clap::Args)]
pub struct ScanArgs {
    /// docker-archive:PATH[:TAG] | oci-dir:PATH[:TAG] | oci-archive:PATH[:TAG] | dir:PATH |
    /// registry:REF, or a bare PATH (kind detected from its content) or REF.
    source: String,
    /// FORMAT[=FILE], repeatable; FORMAT is table (default), json, spdx-json[@2.3|@2.2]
    /// or cyclonedx-json[@1.5|@1.4|@1.3]. With --platform all, FORMAT=DIR/ writes one
    /// document per platform into DIR, named by platform.
    #[arg(short = 'o', long = "output", value_name = "FORMAT[=FILE]", value_parser = parse_output)]
    outputs: Vec<OutputSpec>,
    #[command(flatten)]
    source_args: SourceArgs,
    #[command(flatten)]
    limits: LimitArgs,
    /// squashed: what a container sees; all-layers: also packages later layers removed.
    #[arg(long, default_value = "squashed", value_parser = clap::builder::TypedValueParser::try_map(clap::builder::PossibleValuesParser::new(Scope::NAMES), |s| s.parse::<Scope>()))]
    scope: Scope,
    /// List the files OS packages own in SPDX documents, with the sha1 of each
    /// as it is in the image (one more pass over the layers).
    #[arg(long)]
    spdx_files: bool,
    /// Also report npm development dependencies found in lockfiles (marked dev).
    #[arg(long)]
    include_dev: bool,
    #[command(flatten)]
    reporting: Reporting,
}

fn parse_output(text: &str) -> Result<OutputSpec, String> {
    OutputSpec::parse(text).map_err(|e| e.to_string())
}

/// The scans of one SOURCE: one image, or every platform image of an index.
pub enum Scanned {
    One(Box<Sbom>),
    Platforms {
        name: String,
        digest: Option<tallyman::blob::Digest>,
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

    /// Renders one output (`dir`: one document per platform).
    fn render(&self, format: Format, width: Option<usize>) -> Result<Vec<u8>> {
        match self {
            Scanned::One(sbom) => format.render(sbom, width),
            Scanned::Platforms {
                name,
                digest,
                images,
            } => platforms::render(
                format,
                &PlatformImages {
                    name,
                    digest: digest.as_ref(),
                    images,
                },
                width,
            ),
        }
    }
}

/// Scans `spec`; with `all`, every platform of the index it names (one
/// after another, so the layer cache reads layers the platforms share once).
pub fn scan_source(spec: &SourceSpec, options: &ScanOptions, all: bool) -> Result<Scanned> {
    let index = if all {
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
    index: IndexSummary,
) -> Result<Scanned> {
    if index.platforms.is_empty() {
        bail!(
            "{}: the index names no platforms (--platform all)",
            spec.input
        );
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

pub fn run(args: ScanArgs) -> Result<()> {
    let mut outputs = args.outputs;
    if outputs.is_empty() {
        outputs.push(OutputSpec::parse("table")?);
    }
    if outputs.iter().filter(|o| o.path.is_none()).count() > 1 {
        bail!("only one -o may write to standard output; give the others a file (-o FORMAT=FILE)");
    }
    let all = args.source_args.all_platforms();
    let spec = SourceSpec::parse(&args.source)?;
    let options = ScanOptions {
        scope: args.scope,
        include_dev: args.include_dev,
        file_digests: args.spdx_files,
        ..args
            .limits
            .scan_options(&args.source_args, &args.reporting)?
    };
    let scanned = scan_source(&spec, &options, all)?;
    drop(options);
    for (_, sbom) in scanned.by_platform() {
        args.reporting.warnings(sbom);
    }
    // Render everything before writing anything: a failure leaves no partial document.
    let width = std::io::stdout()
        .is_terminal()
        .then(|| terminal_size::terminal_size().map(|(w, _)| w.0 as usize))
        .flatten();
    let mut rendered: Vec<(Option<PathBuf>, Format, Vec<u8>)> = Vec::new();
    for output in &outputs {
        let width = if output.path.is_none() { width } else { None };
        match &output.path {
            Some(dir) if is_dir_output(dir) => {
                for (platform, sbom) in scanned.by_platform() {
                    let path = dir.join(file_name(platform, output.format));
                    rendered.push((Some(path), output.format, output.format.render(sbom, None)?));
                }
            }
            _ => rendered.push((
                output.path.clone(),
                output.format,
                scanned.render(output.format, width)?,
            )),
        }
    }
    for output in &outputs {
        if let Some(dir) = output.path.as_deref().filter(|p| is_dir_output(p)) {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("{}: cannot create the directory", dir.display()))?;
        }
    }
    for (path, format, bytes) in rendered {
        write_output(path.as_deref(), &bytes, &format!("{format} document"))?;
    }
    Ok(())
}

/// `-o FORMAT=DIR/`: a path that ends with a slash or is a directory.
fn is_dir_output(path: &Path) -> bool {
    path.as_os_str().to_string_lossy().ends_with('/') || path.is_dir()
}

/// `linux-arm64-v8.spdx.json`: a platform's document in a directory output.
fn file_name(platform: &str, format: Format) -> String {
    format!("{}.{}", id_text(platform), format.file_extension())
}
