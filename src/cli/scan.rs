//! `tallyman scan`: catalog an image and write one or more documents.

use std::io::IsTerminal;

use anyhow::{bail, Result};
use tallyman::format::OutputSpec;
use tallyman::sbom::Scope;
use tallyman::scan::{scan, ScanOptions};
use tallyman::source::SourceSpec;

use super::{write_output, LimitArgs, Reporting, SourceArgs};

#[derive(clap::Args)]
pub struct ScanArgs {
    /// docker-archive:PATH[:TAG] | oci-dir:PATH[:TAG] | oci-archive:PATH[:TAG] | dir:PATH |
    /// registry:REF, or a bare PATH (kind detected from its content) or REF.
    source: String,
    /// FORMAT[=FILE], repeatable; FORMAT is table (default), json, spdx-json[@2.3|@2.2]
    /// or cyclonedx-json[@1.5|@1.4|@1.3].
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

pub fn run(args: ScanArgs) -> Result<()> {
    let mut outputs = args.outputs;
    if outputs.is_empty() {
        outputs.push(OutputSpec::parse("table")?);
    }
    if outputs.iter().filter(|o| o.path.is_none()).count() > 1 {
        bail!("only one -o may write to standard output; give the others a file (-o FORMAT=FILE)");
    }
    let spec = SourceSpec::parse(&args.source)?;
    let cache = args.source_args.layer_cache();
    let options = ScanOptions {
        source: args.source_args.open_options()?,
        scope: args.scope,
        include_dev: args.include_dev,
        file_digests: args.spdx_files,
        ..args.limits.scan_options(cache, &args.reporting)?
    };
    let sbom = scan(&spec, &options)?;
    drop(options);
    args.reporting.warnings(&sbom);
    // Render everything before writing anything: a failure leaves no partial document.
    let width = std::io::stdout()
        .is_terminal()
        .then(|| terminal_size::terminal_size().map(|(w, _)| w.0 as usize))
        .flatten();
    let mut rendered = Vec::new();
    for output in &outputs {
        let width = if output.path.is_none() { width } else { None };
        rendered.push((output, output.format.render(&sbom, width)?));
    }
    for (output, bytes) in rendered {
        write_output(
            output.path.as_deref(),
            &bytes,
            &format!("{} document", output.format),
        )?;
    }
    Ok(())
}
