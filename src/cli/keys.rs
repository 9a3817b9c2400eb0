//! `tallyman generate-key-pair`: cosign.key and cosign.pub, as cosign writes them.

use std::path::PathBuf;

use anyhow::{bail, Result};
use tallyman::attest::keys::generate_key_pair;
use tallyman::oci::atomic_file;

use super::key_password;

#[derive(clap::Args)]
pub struct GenerateKeyPairArgs {
    /// Write PREFIX.key and PREFIX.pub.
    #[arg(long, value_name = "PREFIX", default_value = "cosign")]
    output_key_prefix: PathBuf,
    /// Overwrite existing key files.
    #[arg(long)]
    force: bool,
}

pub fn run(args: GenerateKeyPairArgs) -> Result<()> {
    let private_path = args.output_key_prefix.with_extension("key");
    let public_path = args.output_key_prefix.with_extension("pub");
    if !args.force {
        for path in [&private_path, &public_path] {
            if path.exists() {
                bail!(
                    "{}: already exists; use --force to overwrite",
                    path.display()
                );
            }
        }
    }
    let password = key_password("Enter password for private key: ", true)?;
    let (private, public) = generate_key_pair(&password)?;
    // Private keys are written readable by the owner only.
    atomic_file::Options::new()
        .mode(0o600)
        .write(&private_path, private.as_bytes())?;
    atomic_file::write(&public_path, public.as_bytes())?;
    eprintln!("Private key written to {}", private_path.display());
    eprintln!("Public key written to {}", public_path.display());
    Ok(())
}
