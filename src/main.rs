//! The `tallyman` command line: parses arguments, calls the library, writes
//! the documents asked for, and maps failures to exit codes (1: the scan
//! failed, with one line on stderr; 2: the command line was wrong).

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use tallyman::format::OutputSpec;
use tallyman::layer::Limits;
use tallyman::sbom::Scope;
use tallyman::scan::{scan, ScanOptions};

use tallyman::source::registry::{ClientOptions, Credentials, RegistryOptions};
use tallyman::source::{OpenOptions, Platform, SourceSpec};

#[derive(Parser)]
#[command(
    name = "tallyman",
    version,
    about = "SBOM generator and container image scanner"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Catalog the packages installed in an image and write an SBOM.
    Scan(ScanArgs),
}

#[derive(clap::Args)]
struct ScanArgs {
    /// docker-archive:PATH[:TAG] | oci-dir:PATH[:TAG] | oci-archive:PATH[:TAG] | dir:PATH |
    /// registry:REF, or a bare PATH (kind detected from its content) or REF.
    source: String,
    /// FORMAT[=FILE], repeatable; FORMAT is table (default), json, spdx-json[@2.3|@2.2]
    /// or cyclonedx-json[@1.5|@1.4|@1.3].
    #[arg(short = 'o', long = "output", value_name = "FORMAT[=FILE]", value_parser = parse_output)]
    outputs: Vec<OutputSpec>,
    /// Image to pick from a multi-platform index: OS/ARCH[/VARIANT] (default: this host's).
    #[arg(long, value_parser = parse_platform)]
    platform: Option<Platform>,
    /// Registry host (HOST[:PORT]) that may be reached over plain HTTP (loopback always may).
    #[arg(long = "insecure-registry", value_name = "HOST")]
    insecure_registries: Vec<String>,
    /// Extra certificate authority (PEM) to trust for registries.
    #[arg(long = "ca-cert", value_name = "FILE")]
    ca_certs: Vec<PathBuf>,
    /// Registry username; the password comes from TALLYMAN_REGISTRY_PASSWORD or --password-stdin.
    #[arg(long)]
    username: Option<String>,
    /// Read the registry password from standard input.
    #[arg(long, requires = "username")]
    password_stdin: bool,
    /// Layers downloaded and read at once (default: one per core).
    #[arg(long, value_name = "N", default_value_t = 0)]
    max_concurrency: usize,
    /// Keep verified registry blobs here by digest, so rescans do not download them again.
    #[arg(long, value_name = "DIR")]
    cache_dir: Option<PathBuf>,
    /// squashed: what a container sees; all-layers: also packages later layers removed.
    #[arg(long, value_enum, default_value_t = Scope::Squashed)]
    scope: Scope,
    /// Largest package-database file read into memory (bigger ones are skipped with a warning).
    #[arg(long, value_name = "SIZE", default_value = "64MiB", value_parser = parse_size)]
    max_file_size: u64,
    /// Largest uncompressed layer read; a bigger one fails the scan.
    #[arg(long, value_name = "SIZE", default_value = "64GiB", value_parser = parse_size)]
    max_layer_size: u64,
    /// List the files OS packages own in SPDX documents, with the sha1 of each
    /// as it is in the image (one more pass over the layers).
    #[arg(long)]
    spdx_files: bool,
    /// Also report npm development dependencies found in lockfiles (marked dev).
    #[arg(long)]
    include_dev: bool,
    /// Print no warnings.
    #[arg(short, long)]
    quiet: bool,
}

fn parse_output(text: &str) -> Result<OutputSpec, String> {
    OutputSpec::parse(text).map_err(|e| e.to_string())
}

fn parse_platform(text: &str) -> Result<Platform, String> {
    Platform::parse(text).map_err(|e| e.to_string())
}

/// `123`, `64KiB`, `64MiB`, `1GiB`, `2TiB` (also `K`, `M`, `G`, `T`, `KB`, … as powers of 1024).
fn parse_size(text: &str) -> Result<u64, String> {
    let digits_end = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(digits_end);
    let number: u64 = number
        .parse()
        .map_err(|_| format!("{text:?} is not a size like 64MiB"))?;
    let shift = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kb" | "kib" => 10,
        "m" | "mb" | "mib" => 20,
        "g" | "gb" | "gib" => 30,
        "t" | "tb" | "tib" => 40,
        _ => return Err(format!("{text:?}: unknown size unit {unit:?}")),
    };
    number
        .checked_mul(1 << shift)
        .ok_or_else(|| format!("{text:?} is too large"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Scan(args) => run_scan(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            let message = format!("{error:#}").replace('\n', " ");
            eprintln!("tallyman: error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The registry password: from standard input, or TALLYMAN_REGISTRY_PASSWORD.
fn registry_password(from_stdin: bool) -> Result<String> {
    if from_stdin {
        let mut line = String::new();
        std::io::stdin()
            .read_line(&mut line)
            .context("reading the password from standard input")?;
        return Ok(line.trim_end_matches(['\r', '\n']).to_owned());
    }
    std::env::var("TALLYMAN_REGISTRY_PASSWORD").context(
        "--username needs a password: set TALLYMAN_REGISTRY_PASSWORD or use --password-stdin",
    )
}

/// `SOURCE_DATE_EPOCH` when set (reproducible documents), else now.
fn document_time() -> Result<i64> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(text) => text
            .trim()
            .parse()
            .with_context(|| format!("SOURCE_DATE_EPOCH={text:?} is not a number of seconds")),
        Err(_) => Ok(std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64)),
    }
}

fn run_scan(args: ScanArgs) -> Result<()> {
    let mut outputs = args.outputs;
    if outputs.is_empty() {
        outputs.push(OutputSpec::parse("table")?);
    }
    if outputs.iter().filter(|o| o.path.is_none()).count() > 1 {
        bail!("only one -o may write to standard output; give the others a file (-o FORMAT=FILE)");
    }
    let credentials = match &args.username {
        Some(username) => Some(Credentials {
            username: username.clone(),
            password: registry_password(args.password_stdin)?,
            source: "--username".to_owned(),
        }),
        None => None,
    };
    let options = ScanOptions {
        source: OpenOptions {
            platform: args.platform,
            registry: RegistryOptions {
                client: ClientOptions {
                    insecure_registries: args.insecure_registries,
                    ca_certs: args.ca_certs,
                },
                credentials,
                cache_dir: args.cache_dir,
            },
        },
        max_concurrency: args.max_concurrency,
        scope: args.scope,
        limits: Limits {
            max_file_size: args.max_file_size,
            max_layer_size: args.max_layer_size,
        },
        include_dev: args.include_dev,
        created: document_time()?,
        file_digests: args.spdx_files,
    };
    let spec = SourceSpec::parse(&args.source);
    let sbom = scan(&spec, &options)?;
    if !args.quiet {
        for warning in &sbom.warnings {
            eprintln!("tallyman: warning: {warning}");
        }
    }
    // Render everything before writing anything: a failure leaves no partial document.
    let stdout = std::io::stdout();
    let width = stdout
        .is_terminal()
        .then(|| terminal_size::terminal_size().map(|(w, _)| w.0 as usize))
        .flatten();
    let mut rendered = Vec::new();
    for output in &outputs {
        let width = if output.path.is_none() { width } else { None };
        rendered.push((output, output.format.render(&sbom, width)?));
    }
    for (output, bytes) in rendered {
        match &output.path {
            Some(path) => std::fs::write(path, &bytes).with_context(|| {
                format!(
                    "{}: cannot write the {} document",
                    path.display(),
                    output.format
                )
            })?,
            None => {
                let mut lock = stdout.lock();
                lock.write_all(&bytes)
                    .and_then(|()| lock.flush())
                    .context("writing to standard output")?;
            }
        }
    }
    Ok(())
}
