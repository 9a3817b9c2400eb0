//! The `tallyman` command line: parses arguments, calls the library, writes
//! what was asked for, and maps failures to exit codes (1: the command
//! failed, with one line on stderr; 2: the command line was wrong).

mod cli;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

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
    /// Copy an image with its signatures, attestations, SBOMs and referrers to another repository.
    Copy(cli::copy::CopyArgs),
    /// What changed between two images or SBOMs: packages added, removed and changed.
    Diff(cli::diff::DiffArgs),
    /// SBOMs already attached to images.
    #[command(subcommand)]
    Sbom(cli::sbom::SbomCommand),
}

fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Command::Scan(args) => cli::scan::run(args),
        Command::ScanMany(args) => cli::scan_many::run(args),
        Command::GenerateKeyPair(args) => cli::keys::run(args),
        Command::Attest(args) => cli::attest::run_attest(args),
        Command::VerifyAttestation(args) => cli::attest::run_verify(args),
        Command::VerifyBlob(args) => cli::attest::run_verify_blob(args),
        Command::Copy(args) => cli::copy::run(args),
        Command::Diff(args) => cli::diff::run(args),
        Command::Sbom(command) => cli::sbom::run(command),
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
