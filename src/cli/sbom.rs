//! `tallyman sbom download IMAGE`: prints an SBOM already attached to an
//! image (see [`tallyman::attached`]), the way `cosign download sbom` and
//! trivy's `--sbom-sources oci` read them: one document on standard output
//! (or `-o FILE`), or every one found with `--output-dir DIR`.

use std::path::PathBuf;

use anyhow::{Context, Result};
use tallyman::attest::attached::SbomKind;
use tallyman::download::{attached_sboms, file_name};
use tallyman::oci::registry::RegistryOptions;
use tallyman::oci::{report, Platform};

use super::copy::registry_source;
use super::{parse_platform, write_output, LoginArgs, RegistryArgs, Reporting};

#[derive(clap::Subcommand)]
pub enum SbomCommand {
    /// Print an SBOM attached to an image (referrers, cosign's .sbom tag, BuildKit attestations).
    Download(DownloadArgs),
}

#[derive(clap::Args)]
pub struct DownloadArgs {
    /// The image (registry:REF, or a bare reference).
    image: String,
    /// Only SBOMs of this format: spdx, cyclonedx or syft.
    #[arg(long = "type", value_parser = parse_kind)]
    kind: Option<SbomKind>,
    /// The image to look at in a multi-platform index: OS/ARCH[/VARIANT] (default: this host's).
    #[arg(long, value_parser = parse_platform)]
    platform: Option<Platform>,
    /// Write the SBOM here instead of standard output.
    #[arg(
        short = 'o',
        long = "output",
        value_name = "FILE",
        conflicts_with = "output_dir"
    )]
    output: Option<PathBuf>,
    /// Write every SBOM found into this directory (one file each, named by format and digest).
    #[arg(long, value_name = "DIR")]
    output_dir: Option<PathBuf>,
    #[command(flatten)]
    registry: RegistryArgs,
    #[command(flatten)]
    login: LoginArgs,
    #[command(flatten)]
    reporting: Reporting,
}

fn parse_kind(text: &str) -> Result<SbomKind, String> {
    SbomKind::parse(text).map_err(|e| report(&e))
}

pub fn run(command: SbomCommand) -> Result<()> {
    match command {
        SbomCommand::Download(args) => download(args),
    }
}

fn download(args: DownloadArgs) -> Result<()> {
    let reference = registry_source(&args.image, "image of sbom download")?;
    let options = RegistryOptions {
        client: args.registry.client_options(),
        credentials: args.login.credentials()?,
    };
    let found = attached_sboms(&reference, &options, args.platform.as_ref(), args.kind)?;
    if let Some(dir) = &args.output_dir {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("{}: cannot create the directory", dir.display()))?;
        for sbom in &found {
            let path = dir.join(file_name(sbom));
            write_output(Some(&path), &sbom.bytes, "SBOM")?;
            args.reporting.note(&format!(
                "wrote {} ({} from {})",
                path.display(),
                sbom.kind,
                sbom.place
            ));
        }
        return Ok(());
    }
    let first = &found[0];
    write_output(args.output.as_deref(), &first.bytes, "SBOM")?;
    let more = found.len() - 1;
    args.reporting.note(&format!(
        "{} SBOM from {}{}",
        first.kind,
        first.place,
        if more == 0 {
            String::new()
        } else {
            format!("; {more} more attached (--output-dir DIR writes all, --type picks a format)")
        }
    ));
    Ok(())
}
