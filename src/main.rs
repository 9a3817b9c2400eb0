//! The `tallyman` command line: parses arguments, calls the library, writes
//! what was asked for, and maps failures to exit codes (1: the command
//! failed, with one line on stderr; 2: the command line was wrong; 130 and
//! 143: stopped by SIGINT or SIGTERM, with `tallyman: interrupted`).

mod cli;

use std::io::Write;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

/// The static release builds link musl, whose allocator takes one lock for
/// every thread: a scan of the large benchmark image took 1.56x the wall
/// time of the glibc build with it. mimalloc brings that back (ARCHITECTURE.md,
/// "Measured"); glibc builds keep glibc's allocator.
#[cfg(target_env = "musl")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    Scan(cli::scan::ScanArgs),
    /// Catalog many images (a list, every tag of a repository, a registry's catalog) into a directory.
    ScanMany(cli::scan_many::ScanManyArgs),
    /// Write cosign.key and cosign.pub, as `cosign generate-key-pair` does.
    GenerateKeyPair(cli::keys::GenerateKeyPairArgs),
    /// Sign an SBOM of an image as a cosign-compatible in-toto attestation.
    Attest(cli::attest::AttestArgs),
    /// Verify an image's attestation and print the SBOM it carries.
    VerifyAttestation(cli::attest::VerifyArgs),
    /// Verify a file's signature in a Sigstore bundle, as `cosign verify-blob --bundle`.
    VerifyBlob(cli::attest::VerifyBlobArgs),
    /// Sign an image as cosign does (a bundle referrer, or cosign 2's .sig tag); keyless without --key.
    Sign(cli::sign::SignArgs),
    /// Verify an image's signatures, as `cosign verify`: prints the verified claims as JSON.
    Verify(cli::sign::VerifyImageArgs),
    /// Sign a file into a Sigstore bundle, as `cosign sign-blob --bundle`; keyless without --key.
    SignBlob(cli::sign::SignBlobArgs),
    /// Copy an image with its signatures, attestations, SBOMs and referrers to another repository.
    Copy(cli::copy::CopyArgs),
    /// What changed between two images or SBOMs: packages added, removed and changed.
    Diff(cli::diff::DiffArgs),
    /// SBOMs already attached to images.
    #[command(subcommand)]
    Sbom(cli::sbom::SbomCommand),
    /// Write the SLSA provenance of an image's build from the CI environment (or read BuildKit's: `provenance download`).
    Provenance(cli::provenance::ProvenanceCommand),
    /// Print a shell's completion script (bash, zsh, fish, elvish, powershell).
    Completion(cli::completion::CompletionArgs),
    /// Print the manual page, or a subcommand's (roff: `tallyman man-page scan | man -l -`).
    ManPage(cli::completion::ManPageArgs),
}

/// At most two glibc malloc arenas. glibc gives each thread that
/// allocates its own arena (up to 8 per core), and each keeps what it freed:
/// with the rayon readers that was 7 MiB of the large image's cold scan
/// (95 → 88 MiB, no slower; one arena saved more but made the warm rescan
/// 40% slower). Environment tunables (`GLIBC_TUNABLES`, `MALLOC_ARENA_MAX`)
/// still override it, as glibc reads them first.
#[cfg(target_env = "gnu")]
fn limit_malloc_arenas() {
    let tuned = ["MALLOC_ARENA_MAX", "GLIBC_TUNABLES"]
        .iter()
        .any(|name| std::env::var_os(name).is_some());
    if !tuned {
        // Called first thing in main, before any other thread exists;
        // mallopt only sets an allocator parameter.
        #[allow(unsafe_code)]
        unsafe {
            libc::mallopt(libc::M_ARENA_MAX, 2);
        }
    }
}

/// SIGINT and SIGTERM stop the process at once: the temporary files of the
/// outputs and cache entries being written are removed (the targets keep
/// what they held), one line says so, and the exit code is 128 + the
/// signal's number (130, 143). A thread of its own waits for them
/// (signal-hook), so nothing runs inside a signal handler.
fn stop_on_signals() {
    use signal_hook::consts::{SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]) else {
        return;
    };
    let _ = std::thread::Builder::new()
        .name("signals".to_owned())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                tallyman::oci::atomic_file::interrupt();
                // Not eprintln: a closed stderr must not keep this thread from exiting.
                let _ = writeln!(std::io::stderr(), "tallyman: interrupted");
                std::process::exit(128 + signal);
            }
        });
}

fn main() -> ExitCode {
    #[cfg(target_env = "gnu")]
    limit_malloc_arenas();
    stop_on_signals();
    let result = match Cli::parse().command {
        Command::Scan(args) => cli::scan::run(args),
        Command::ScanMany(args) => cli::scan_many::run(args),
        Command::GenerateKeyPair(args) => cli::keys::run(args),
        Command::Attest(args) => cli::attest::run_attest(args),
        Command::VerifyAttestation(args) => cli::attest::run_verify(args),
        Command::VerifyBlob(args) => cli::attest::run_verify_blob(args),
        Command::Sign(args) => cli::sign::run_sign(args),
        Command::Verify(args) => cli::sign::run_verify_image(args),
        Command::SignBlob(args) => cli::sign::run_sign_blob(args),
        Command::Copy(args) => cli::copy::run(args),
        Command::Diff(args) => cli::diff::run(args),
        Command::Sbom(command) => cli::sbom::run(command),
        Command::Provenance(command) => cli::provenance::run(command),
        Command::Completion(args) => cli::completion::run_completion(args, Cli::command()),
        Command::ManPage(args) => cli::completion::run_man_page(args, Cli::command()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("tallyman: error: {}", cli::errors::message(&error));
            ExitCode::FAILURE
        }
    }
}
