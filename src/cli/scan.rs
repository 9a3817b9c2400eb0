//! `tallyman scan`: catalog an image and write one or more documents; with
//! `--platform all`, every platform image of an index, as one document or
//! (`-o FORMAT=DIR/`) one per platform.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use tallyman::sbom::{id_text, Format, Scope};
use tallyman::scan::{scan_source, ScanOptions};
use tallyman::source::SourceSpec;

use super::{write_output, DocumentArgs, LimitArgs, OutputSpec, Reporting, SourceArgs};

#[derive(clap::Args)]
pub struct ScanArgs {
    /// docker-archive:PATH[:TAG] | oci-dir:PATH[:TAG] | oci-archive:PATH[:TAG] | dir:PATH |
    /// registry:REF, or a bare PATH (kind detected from its content) or REF.
    source: String,
    /// FORMAT[=FILE], repeatable; FORMAT is table (default), json, spdx-json[@2.3|@2.2|@3.0]
    /// or cyclonedx-json[@1.6|@1.7|@1.5|@1.4|@1.3]. With --platform all, FORMAT=DIR/ writes one
    /// document per platform into DIR, named by platform.
    #[arg(short = 'o', long = "output", value_name = "FORMAT[=FILE]", value_parser = parse_output)]
    outputs: Vec<OutputSpec>,
    #[command(flatten)]
    source_args: SourceArgs,
    #[command(flatten)]
    limits: LimitArgs,
    #[command(flatten)]
    document: DocumentArgs,
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
        author: args.document.author.clone(),
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
