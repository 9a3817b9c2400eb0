//! `tallyman generate-key-pair`: cosign.key and cosign.pub, as cosign writes them.

use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use tallyman::attest::keys::generate_key_pair;

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
    write_private(&private_path, private.as_bytes())?;
    std::fs::write(&public_path, public)
        .with_context(|| format!("{}: cannot write", public_path.display()))?;
    eprintln!("Private key written to {}", private_path.display());
    eprintln!("Public key written to {}", public_path.display());
    Ok(())
}

/// Private keys are written readable by the owner only.
fn write_private(path: &std::path::Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)
        .with_context(|| format!("{}: cannot write", path.display()))?;
    file.write_all(bytes)
        .with_context(|| format!("{}: cannot write", path.display()))
}
