//! `tallyman provenance IMAGE`: the SLSA Provenance v1 predicate of an
//! image's build, from the CI environment tallyman runs in (GitHub Actions,
//! GitLab CI) or from what the flags state elsewhere; `attest --type
//! slsaprovenance1` signs the same predicate. `tallyman provenance download
//! IMAGE` prints the provenance BuildKit attached to an image (unsigned).

use std::path::PathBuf;

use anyhow::{bail, Result};
use tallyman::attest::provenance::{self, Dependency, Environment, Stated};
use tallyman::attest::{self, statement};
use tallyman::attestation::subject;
use tallyman::download::attached_provenance;
use tallyman::oci::registry::RegistryOptions;
use tallyman::oci::Platform;
use tallyman::source::{Image, SourceSpec};

use super::copy::registry_source;
use super::{parse_platform, write_output, LoginArgs, RegistryArgs, Reporting, SourceArgs};

/// `tallyman provenance`: write a provenance, or (`download`) read the one
/// BuildKit attached.
#[derive(clap::Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct ProvenanceCommand {
    #[command(subcommand)]
    download: Option<DownloadCommand>,
    #[command(flatten)]
    write: WriteArgs,
}

#[derive(clap::Subcommand)]
enum DownloadCommand {
    /// Print the SLSA provenance BuildKit attached to an image (`docker buildx build --provenance`); it is unsigned.
    Download(DownloadArgs),
}

#[derive(clap::Args)]
struct WriteArgs {
    /// The image whose build the provenance describes (any SOURCE `tallyman scan` takes).
    #[arg(required = true)]
    source: Option<String>,
    #[command(flatten)]
    provenance: ProvenanceArgs,
    /// Write the whole in-toto statement (subject: the image's digest), unsigned, not only the predicate.
    #[arg(long)]
    statement: bool,
    /// The subject's name for images without a registry identity (default: the file's name).
    #[arg(long, requires = "statement")]
    subject_name: Option<String>,
    /// Write it here instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
    #[command(flatten)]
    source_args: SourceArgs,
    #[command(flatten)]
    reporting: Reporting,
}

#[derive(clap::Args)]
struct DownloadArgs {
    /// The image (registry:REF, or a bare reference).
    image: String,
    /// The image to look at in a multi-platform index: OS/ARCH[/VARIANT] (default: this host's).
    #[arg(long, value_parser = parse_platform)]
    platform: Option<Platform>,
    /// Write the provenance here instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
    #[command(flatten)]
    registry: RegistryArgs,
    #[command(flatten)]
    login: LoginArgs,
    #[command(flatten)]
    reporting: Reporting,
}

/// What a provenance states beyond what the CI environment shows (outside
/// a known CI: everything), shared by `provenance` and `attest --type
/// slsaprovenance1`.
#[derive(clap::Args)]
pub struct ProvenanceArgs {
    /// The builder's id (a URI), outside GitHub Actions and GitLab CI.
    #[arg(long, value_name = "URI")]
    builder_id: Option<String>,
    /// The build type (a URI), outside GitHub Actions and GitLab CI.
    #[arg(long, value_name = "URI")]
    build_type: Option<String>,
    /// A parameter of the build as its caller gave it; repeatable.
    #[arg(long = "external-parameter", value_name = "KEY=VALUE", value_parser = parse_parameter)]
    external_parameters: Vec<(String, String)>,
    /// A source or artifact the build used: URI@ALGORITHM:HEX (sha256, gitCommit, …); repeatable.
    #[arg(long = "resolved-dependency", value_name = "URI@ALG:HEX")]
    resolved_dependencies: Vec<String>,
    /// When the build started (RFC 3339).
    #[arg(long, value_name = "TIME")]
    started_on: Option<String>,
    /// When the build finished (RFC 3339).
    #[arg(long, value_name = "TIME")]
    finished_on: Option<String>,
}

fn parse_parameter(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((key, value)) if !key.is_empty() => Ok((key.to_owned(), value.to_owned())),
        _ => Err(format!("{text:?} is not KEY=VALUE")),
    }
}

impl ProvenanceArgs {
    /// Whether any of the flags was given.
    pub fn any(&self) -> bool {
        self.builder_id.is_some()
            || self.build_type.is_some()
            || !self.external_parameters.is_empty()
            || !self.resolved_dependencies.is_empty()
            || self.started_on.is_some()
            || self.finished_on.is_some()
    }

    /// The predicate (pretty JSON) from the CI `environment` (see
    /// [`provenance::detect`]) and the flags.
    pub fn predicate(&self, environment: &Environment) -> Result<Vec<u8>> {
        let time = |flag: &str, given: &Option<String>| {
            given
                .as_deref()
                .map(|text| provenance::timestamp(flag, text))
                .transpose()
        };
        let stated = Stated {
            builder_id: self.builder_id.clone(),
            build_type: self.build_type.clone(),
            external_parameters: self.external_parameters.clone(),
            resolved_dependencies: self
                .resolved_dependencies
                .iter()
                .map(|text| Dependency::parse(text))
                .collect::<Result<_, _>>()?,
            started_on: time("--started-on", &self.started_on)?,
            finished_on: time("--finished-on", &self.finished_on)?,
        };
        match environment.name() {
            Some(ci) if self.builder_id.is_some() || self.build_type.is_some() => bail!(
                "--builder-id and --build-type are for builds outside a known CI: {ci} names the builder and build type itself"
            ),
            None if self.builder_id.is_none() || self.build_type.is_none() => bail!(
                "no CI is detected here (GitHub Actions, GitLab CI): give --build-type URI and --builder-id URI"
            ),
            _ => {}
        }
        let predicate = provenance::predicate(environment, &stated)?;
        let mut bytes = serde_json::to_vec_pretty(&predicate)?;
        bytes.push(b'\n');
        Ok(bytes)
    }
}

pub fn run(command: ProvenanceCommand) -> Result<()> {
    match command.download {
        Some(DownloadCommand::Download(args)) => download(args),
        None => write(command.write),
    }
}

fn write(args: WriteArgs) -> Result<()> {
    let Some(source) = &args.source else {
        bail!("give the image whose provenance to write");
    };
    let spec = SourceSpec::parse(source)?;
    let image = Image::open(&spec, &args.source_args.one_image_options()?)?;
    let subject = subject(&image, &spec, args.subject_name.as_deref())?;
    let environment = provenance::detect();
    let predicate = args.provenance.predicate(&environment)?;
    let bytes = if args.statement {
        let statement = statement::build(
            &subject.name,
            &subject.digest,
            provenance::PREDICATE_TYPE,
            &predicate,
        )?;
        attest::pretty(std::str::from_utf8(&statement)?)?
    } else {
        predicate
    };
    write_output(args.output.as_deref(), &bytes, "provenance")?;
    args.reporting.note(&format!(
        "provenance of {}@{} ({}), unsigned: sign it with `tallyman attest --type slsaprovenance1`",
        subject.name,
        subject.digest,
        environment
            .name()
            .map_or("from the flags".to_owned(), |ci| format!("from {ci}")),
    ));
    Ok(())
}

fn download(args: DownloadArgs) -> Result<()> {
    let reference = registry_source(&args.image, "image of provenance download")?;
    let options = RegistryOptions {
        client: args.registry.client_options(),
        credentials: args.login.credentials()?,
    };
    let found = attached_provenance(&reference, &options, args.platform.as_ref())?;
    let Some(first) = found.first() else {
        bail!("{reference}: no provenance attached");
    };
    write_output(args.output.as_deref(), &first.bytes, "provenance")?;
    args.reporting.note(&format!(
        "{} from {}: UNSIGNED (BuildKit signs nothing; anyone who can push to the repository can change it){}",
        first.predicate_type,
        first.place,
        match found.len() - 1 {
            0 => String::new(),
            more => format!("; {more} more attached"),
        }
    ));
    Ok(())
}
