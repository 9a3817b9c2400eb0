//! The subcommands, one module each, and the arguments they share (how to
//! reach an image, size limits, where a password comes from, `-o`).

pub mod attest;
pub mod cluster_policy;
pub mod completion;
pub mod copy;
pub mod diff;
pub mod errors;
pub mod keys;
mod progress;
pub mod provenance;
pub mod sbom;
pub mod scan;
pub mod scan_many;
pub mod sign;
pub mod signing;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use std::sync::Arc;

use anyhow::{bail, Context, Result};
use tallyman::attest::keys as key_files;
use tallyman::cache_repo::{CacheKey, CacheRepo};
use tallyman::layer::{LayerCache, Limit, Limits};
use tallyman::oci::atomic_file;
use tallyman::oci::registry::{ClientOptions, Credentials, RegistryOptions};
use tallyman::oci::{report, Platform};
use tallyman::sbom::{Format, Sbom};
use tallyman::scan::ScanOptions;
use tallyman::source::OpenOptions;

/// How to reach registries (TLS and plain HTTP).
#[derive(clap::Args)]
pub struct RegistryArgs {
    /// Registry host (HOST[:PORT]) that may be reached over plain HTTP (loopback always may).
    #[arg(long = "insecure-registry", value_name = "HOST")]
    insecure_registries: Vec<String>,
    /// Extra certificate authority (PEM) to trust for registries.
    #[arg(long = "ca-cert", value_name = "FILE")]
    ca_certs: Vec<PathBuf>,
}

impl RegistryArgs {
    pub fn client_options(&self) -> ClientOptions {
        ClientOptions {
            insecure_registries: self.insecure_registries.clone(),
            ca_certs: self.ca_certs.clone(),
        }
    }
}

/// An explicit registry login (else the auth files are searched).
#[derive(clap::Args)]
pub struct LoginArgs {
    /// Registry username; the password comes from TALLYMAN_REGISTRY_PASSWORD or --password-stdin.
    #[arg(long)]
    username: Option<String>,
    /// Read the registry password from standard input.
    #[arg(long, requires = "username")]
    password_stdin: bool,
}

impl LoginArgs {
    pub fn credentials(&self) -> Result<Option<Credentials>> {
        match &self.username {
            Some(username) => Ok(Some(Credentials {
                username: username.clone(),
                password: registry_password(self.password_stdin)?,
                source: "--username".to_owned(),
            })),
            None => Ok(None),
        }
    }
}

/// How to reach an image: platform choice and registry access.
#[derive(clap::Args)]
pub struct SourceArgs {
    /// Image to pick from a multi-platform index: OS/ARCH[/VARIANT] (default: this host's);
    /// `all` (scan and attest): every platform image of the index.
    #[arg(long, value_parser = parse_platform_choice)]
    platform: Option<PlatformChoice>,
    #[command(flatten)]
    registry: RegistryArgs,
    #[command(flatten)]
    login: LoginArgs,
    /// Cache directory (default: ~/.cache/tallyman): what each layer held, by digest;
    /// when given explicitly, verified registry blobs are kept here too.
    #[arg(long, value_name = "DIR")]
    cache_dir: Option<PathBuf>,
    /// Read every layer, with no layer cache (also TALLYMAN_NO_CACHE=1).
    #[arg(long)]
    no_cache: bool,
    /// Check every layer's diff id against its uncompressed bytes, not only
    /// uncompressed layers' (one more SHA-256 of everything inflated).
    #[arg(long)]
    verify_diff_ids: bool,
    /// Share layer results through this registry repository (REGISTRY/REPO), behind
    /// the local cache: entries found there are not read, layers read are pushed.
    #[arg(long, value_name = "REGISTRY/REPO", env = "TALLYMAN_CACHE_REPO")]
    cache_repo: Option<String>,
    /// cosign key for --cache-repo entries: a private key signs what is pushed and
    /// checks what is read; a public key only checks (and nothing is pushed).
    #[arg(long, value_name = "FILE", requires = "cache_repo")]
    cache_key: Option<PathBuf>,
}

/// `--platform`: one platform, or every platform of an index.
#[derive(Debug, Clone)]
pub enum PlatformChoice {
    One(Platform),
    All,
}

fn parse_platform_choice(text: &str) -> Result<PlatformChoice, String> {
    match text {
        "all" => Ok(PlatformChoice::All),
        _ => parse_platform(text).map(PlatformChoice::One),
    }
}

impl SourceArgs {
    /// Whether `--platform all` was given.
    pub fn all_platforms(&self) -> bool {
        matches!(self.platform, Some(PlatformChoice::All))
    }

    /// Where layer results are cached (`None` with --no-cache).
    pub fn layer_cache(&self) -> Option<PathBuf> {
        if self.no_cache || std::env::var_os("TALLYMAN_NO_CACHE").is_some_and(|v| !v.is_empty()) {
            return None;
        }
        self.cache_dir.clone().or_else(LayerCache::default_dir)
    }

    /// The cache repository, connected; one that cannot be reached costs a
    /// warning and the scan goes on without it. A key that cannot be read
    /// is an error: the user asked for signed entries.
    pub fn cache_repo(&self, reporting: &Reporting) -> Result<Option<Arc<CacheRepo>>> {
        let Some(name) = self.cache_repo.as_deref().filter(|n| !n.is_empty()) else {
            return Ok(None);
        };
        let key = match &self.cache_key {
            None => CacheKey::None,
            Some(path) => match key_files::load_verifying_key(path) {
                Ok(public) => CacheKey::Verify(public),
                Err(_) => CacheKey::Sign(key_files::load_signing_key(path, || {
                    key_password("Enter password for the cache key: ", false)
                })?),
            },
        };
        let options = RegistryOptions {
            client: self.registry.client_options(),
            credentials: None,
        };
        match CacheRepo::connect(name, &options, key) {
            Ok(repo) => Ok(Some(Arc::new(repo))),
            Err(error) => {
                reporting.note(&format!(
                    "warning: cache repository {name}: {}; layers are read instead",
                    errors::worded(&error)
                ));
                Ok(None)
            }
        }
    }

    /// How to open one image: `--platform all` is refused.
    pub fn one_image_options(&self) -> Result<OpenOptions> {
        if self.all_platforms() {
            bail!("--platform all is for scan and attest; name one platform here (--platform OS/ARCH)");
        }
        self.open_options()
    }

    /// How to open the source; `--platform all` leaves the platform to the
    /// caller (only commands that check [`SourceArgs::all_platforms`] take it).
    pub fn open_options(&self) -> Result<OpenOptions> {
        let platform = match &self.platform {
            Some(PlatformChoice::One(platform)) => Some(platform.clone()),
            Some(PlatformChoice::All) | None => None,
        };
        Ok(OpenOptions {
            verify_diff_ids: self.verify_diff_ids,
            registry: RegistryOptions {
                client: self.registry.client_options(),
                credentials: self.login.credentials()?,
            },
            blob_cache: self.cache_dir.clone(),
            platform,
        })
    }
}

/// Size limits of layer reading.
#[derive(clap::Args)]
pub struct LimitArgs {
    /// Largest package-database file read into memory (bigger ones are skipped with a warning).
    #[arg(long, value_name = "SIZE", default_value = "64MiB", value_parser = parse_size)]
    max_file_size: u64,
    /// Largest archive read whole to find what it holds (a Java archive; bigger ones are skipped with a warning).
    #[arg(long, value_name = "SIZE", default_value = "256MiB", value_parser = parse_size)]
    max_archive_size: u64,
    /// Largest uncompressed layer read; a bigger one fails the scan.
    #[arg(long, value_name = "SIZE", default_value = "64GiB", value_parser = parse_size)]
    max_layer_size: u64,
    /// Largest tar header (PAX records, GNU long names) of one layer entry; a bigger one fails the scan.
    #[arg(long, value_name = "SIZE", default_value = "1MiB", value_parser = parse_size)]
    max_header_size: u64,
    /// Most memory one layer's kept files, links and path fingerprints may take; beyond it the scan fails.
    #[arg(long, value_name = "SIZE", default_value = "1GiB", value_parser = parse_size)]
    max_layer_memory: u64,
    /// Threads for the whole scan: layers downloaded and read at once, every later pass and the cataloging (default: one per core).
    #[arg(long, value_name = "N", default_value_t = 0)]
    max_concurrency: usize,
}

impl LimitArgs {
    pub fn limits(&self) -> Limits {
        Limits {
            max_file_size: self.max_file_size,
            max_archive_size: self.max_archive_size,
            max_layer_size: self.max_layer_size,
            max_header_size: self.max_header_size,
            max_layer_memory: self.max_layer_memory,
            names: flag_of,
        }
    }

    /// Options of a scan with these limits, the caches and image access
    /// `source` says, and progress drawn as `reporting` says; the caller
    /// adds what its command adds.
    pub fn scan_options(&self, source: &SourceArgs, reporting: &Reporting) -> Result<ScanOptions> {
        Ok(ScanOptions {
            source: source.open_options()?,
            cache: source.layer_cache(),
            cache_repo: source.cache_repo(reporting)?,
            max_concurrency: self.max_concurrency,
            limits: self.limits(),
            created: document_time()?,
            progress: progress::for_terminal(reporting.quiet),
            ..ScanOptions::default()
        })
    }
}

/// What documents say of who made them.
#[derive(clap::Args)]
pub struct DocumentArgs {
    /// The person or organisation asking for the document, with a contact:
    /// "Name <email>" or "Name (https://…)"; documents name it beside
    /// tallyman as a creator (SPDX creators, CycloneDX metadata authors).
    #[arg(long, value_name = "NAME <EMAIL>", env = "TALLYMAN_AUTHOR")]
    pub author: Option<String>,
}

/// How a command that scans talks to the person running it.
#[derive(clap::Args)]
pub struct Reporting {
    /// Print no warnings, notes or progress (errors still go to stderr).
    #[arg(short, long)]
    pub quiet: bool,
    /// Also say where each scan's layers came from (read, the local cache,
    /// the cache repository).
    #[arg(short, long, conflicts_with = "quiet")]
    pub verbose: bool,
}

impl Reporting {
    /// Prints a scan's warnings and notes (unless quiet), and with
    /// `--verbose` where its layers came from.
    pub fn warnings(&self, sbom: &Sbom) {
        for warning in sbom.warnings.iter().chain(&sbom.notes) {
            self.note(&format!("warning: {warning}"));
        }
        if self.verbose {
            let o = sbom.origins;
            self.note(&format!(
                "{}: layers: {} read, {} from the local cache, {} from the cache repository",
                sbom.source.input, o.read, o.local, o.shared
            ));
        }
    }

    /// Prints `tallyman: TEXT` on stderr (unless quiet).
    pub fn note(&self, text: &str) {
        if !self.quiet {
            eprintln!("tallyman: {text}");
        }
    }
}

/// The flag that sets each limit: how messages name it here.
fn flag_of(limit: Limit) -> &'static str {
    match limit {
        Limit::FileSize => "--max-file-size",
        Limit::ArchiveSize => "--max-archive-size",
        Limit::LayerSize => "--max-layer-size",
        Limit::HeaderSize => "--max-header-size",
        Limit::LayerMemory => "--max-layer-memory",
    }
}

pub fn parse_platform(text: &str) -> Result<Platform, String> {
    Platform::parse(text).map_err(|e| report(&e))
}

/// `-o FORMAT[=FILE]` split into the format's name and the file (`None`:
/// standard output), for every command's `-o`.
pub fn split_output(text: &str) -> Result<(&str, Option<PathBuf>)> {
    match text.split_once('=') {
        Some((name, "")) => bail!("-o {name}=: missing file name after '='"),
        Some((name, path)) => Ok((name, Some(PathBuf::from(path)))),
        None => Ok((text, None)),
    }
}

/// One `-o FORMAT[=FILE]` request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputSpec {
    pub format: Format,
    /// `None` for standard output.
    pub path: Option<PathBuf>,
}

impl OutputSpec {
    /// Parses `FORMAT` or `FORMAT=FILE`.
    pub fn parse(text: &str) -> Result<OutputSpec> {
        let (name, path) = split_output(text)?;
        Ok(OutputSpec {
            format: Format::parse(name)?,
            path,
        })
    }
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

/// A key password: `COSIGN_PASSWORD` when set (even empty), else asked on
/// the terminal (twice when `confirm`), never taken from an argument.
pub fn key_password(prompt: &str, confirm: bool) -> Result<String> {
    if let Ok(password) = std::env::var("COSIGN_PASSWORD") {
        return Ok(password);
    }
    if !std::io::stdin().is_terminal() {
        bail!("the key password is needed: set COSIGN_PASSWORD (there is no terminal to ask on)");
    }
    let password = rpassword::prompt_password(prompt).context("reading the password")?;
    if confirm {
        let again = rpassword::prompt_password("Enter password for private key again: ")
            .context("reading the password")?;
        if again != password {
            bail!("the passwords do not match");
        }
    }
    Ok(password)
}

/// `SOURCE_DATE_EPOCH` when set (reproducible documents), else now.
pub fn document_time() -> Result<i64> {
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

/// Writes `bytes` to `path` whole (or not at all: [`atomic_file`] — an old
/// file there is kept), or to standard output.
pub fn write_output(path: Option<&std::path::Path>, bytes: &[u8], what: &str) -> Result<()> {
    match path {
        Some(path) => Ok(atomic_file::write(path, bytes).map_err(|e| e.about(what))?),
        None => {
            let mut stdout = std::io::stdout().lock();
            match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
                // The reader went away (`| head`): what it wanted, it has.
                Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                written => written.context("writing to standard output"),
            }
        }
    }
}
