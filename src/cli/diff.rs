//! `tallyman diff FROM TO`: scans or reads both sides, compares them and
//! writes the differences; `--fail-on` turns chosen kinds of difference
//! into exit 1 for CI gates.

use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::{bail, Result};
use tallyman::diff::SideSource;
use tallyman::sbom::diff::render::DiffFormat;
use tallyman::sbom::diff::Category;
use tallyman::scan::ScanOptions;

use super::{split_output, write_output, LimitArgs, Reporting, SourceArgs};

#[derive(clap::Args)]
pub struct DiffArgs {
    /// The old side: any scan SOURCE (image, layout, archive, dir:, registry)
    /// or an SBOM file (tallyman json, SPDX, CycloneDX, syft json; sbom:PATH to insist).
    from: String,
    /// The new side, as FROM.
    to: String,
    /// FORMAT[=FILE], repeatable; FORMAT is table (default), json or markdown.
    #[arg(short = 'o', long = "output", value_name = "FORMAT[=FILE]", value_parser = parse_output)]
    outputs: Vec<(DiffFormat, Option<PathBuf>)>,
    /// Exit 1 when there is any difference of these kinds (comma-separated:
    /// added, removed, changed, license); the documents are written first.
    #[arg(long, value_name = "KINDS", value_delimiter = ',', value_parser = parse_category)]
    fail_on: Vec<Category>,
    #[command(flatten)]
    source_args: SourceArgs,
    #[command(flatten)]
    limits: LimitArgs,
    #[command(flatten)]
    reporting: Reporting,
}

fn parse_output(text: &str) -> Result<(DiffFormat, Option<PathBuf>), String> {
    let (name, path) = split_output(text).map_err(|e| e.to_string())?;
    Ok((DiffFormat::parse(name).map_err(|e| e.to_string())?, path))
}

fn parse_category(text: &str) -> Result<Category, String> {
    Category::parse(text).ok_or_else(|| {
        format!(
            "{text:?} is not a kind of difference (one of: {})",
            Category::NAMES.join(", ")
        )
    })
}

pub fn run(args: DiffArgs) -> Result<()> {
    let mut outputs = args.outputs;
    if outputs.is_empty() {
        outputs.push((DiffFormat::Table, None));
    }
    if outputs.iter().filter(|(_, path)| path.is_none()).count() > 1 {
        bail!("only one -o may write to standard output; give the others a file (-o FORMAT=FILE)");
    }
    let needs_scan = [&args.from, &args.to]
        .iter()
        .any(|a| matches!(SideSource::parse(a), SideSource::Scan(_)));
    let options = if needs_scan {
        ScanOptions {
            source: args.source_args.one_image_options()?,
            ..args
                .limits
                .scan_options(&args.source_args, &args.reporting)?
        }
    } else {
        ScanOptions::default()
    };
    let result = tallyman::diff::diff(&args.from, &args.to, &options, &|sbom| {
        args.reporting.warnings(sbom);
    })?;
    drop(options);
    let width = std::io::stdout()
        .is_terminal()
        .then(|| terminal_size::terminal_size().map(|(w, _)| w.0 as usize))
        .flatten();
    let mut rendered = Vec::new();
    for (format, path) in &outputs {
        let width = if path.is_none() { width } else { None };
        rendered.push((path, format.render(&result, width)?));
    }
    for (path, bytes) in rendered {
        write_output(path.as_deref(), &bytes, "diff")?;
    }
    let failing: Vec<String> = args
        .fail_on
        .iter()
        .filter_map(|&category| {
            let n = result.count(category);
            (n > 0).then(|| format!("{n} {}", Category::NAMES[category as usize]))
        })
        .collect();
    if !failing.is_empty() {
        bail!("differences --fail-on names: {}", failing.join(", "));
    }
    Ok(())
}
