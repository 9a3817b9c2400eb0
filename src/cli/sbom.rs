//! `tallyman sbom download IMAGE`: prints an SBOM already attached to an
//! image (see [`tallyman::attached`]), the way `cosign download sbom` and
//! trivy's `--sbom-sources oci` read them: one document on standard output
//! (or `-o FILE`), or every one found with `--output-dir DIR`.

use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use tallyman::attached::{self, Found, SbomKind};
use tallyman::source::registry::{RegistryOptions, Repository};
use tallyman::source::Platform;

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
    SbomKind::parse(text).map_err(|e| e.to_string())
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
        cache_dir: None,
    };
    let repository = Repository::connect(&reference, &options)?;
    let (all, searched) = attached::find(
        &repository,
        &reference.manifest_reference(),
        args.platform.as_ref(),
    )
    .with_context(|| reference.to_string())?;
    let found: Vec<&Found> = all
        .iter()
        .filter(|f| args.kind.is_none_or(|kind| f.kind == kind))
        .collect();
    if found.is_empty() {
        let wanted = args.kind.map_or("SBOM".to_owned(), |k| format!("{k} SBOM"));
        let others: Vec<String> = all
            .iter()
            .map(|f| format!("{} in {}", f.kind, f.place))
            .collect();
        bail!(
            "{reference}: no {wanted} attached; looked in {}{}",
            searched.places.join(", "),
            if others.is_empty() {
                String::new()
            } else {
                format!(" (found only: {})", others.join(", "))
            }
        );
    }
    if let Some(dir) = &args.output_dir {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("{}: cannot create the directory", dir.display()))?;
        for sbom in &found {
            let path = dir.join(file_name(sbom));
            std::fs::write(&path, &sbom.bytes)
                .with_context(|| format!("{}: cannot write", path.display()))?;
            args.reporting.note(&format!(
                "wrote {} ({} from {})",
                path.display(),
                sbom.kind,
                sbom.place
            ));
        }
        return Ok(());
    }
    let first = found[0];
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

/// `<format>-<where>-<first 12 hex digits of the document's sha256>.<extension>`.
fn file_name(sbom: &Found) -> String {
    let digest = tallyman::blob::Digest::sha256(&sbom.bytes);
    let kind = match sbom.kind {
        SbomKind::Spdx => "spdx",
        SbomKind::CycloneDx => "cyclonedx",
        SbomKind::Syft => "syft",
    };
    let extension = if sbom.media_type.ends_with("xml") {
        "xml"
    } else if sbom.media_type == "text/spdx" {
        "spdx"
    } else {
        "json"
    };
    format!(
        "{kind}-{}-{}.{extension}",
        sbom.form.name(),
        &digest.hex()[..12]
    )
}
