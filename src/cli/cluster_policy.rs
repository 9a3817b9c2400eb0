//! `tallyman verify IMAGE --policy POLICY.yaml` (and `verify-attestation`):
//! the image held offline to the policy controller's `ClusterImagePolicy`
//! documents (see [`tallyman::cluster_policy`]). Standard output has the
//! shape the controller's `policy-tester` prints (`{"errors": […],
//! "warnings": […]}`), with every error of every failing policy where the
//! tester stops at the first, and the warnings also when the image passes;
//! standard error has one line per policy; the exit code is 1 when the
//! controller would deny the image.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use tallyman::attest::cluster_policy::{self, ClusterPolicy};
use tallyman::cluster_policy::evaluate;
use tallyman::oci::registry::RegistryOptions;
use tallyman::source::SourceSpec;

use super::signing::SignerArgs;
use super::{write_output, Reporting, SourceArgs};

/// Whether `--policy` files are ClusterImagePolicy documents (YAML) rather
/// than Rego; a mix is refused.
pub fn is_cluster_policy(paths: &[PathBuf]) -> Result<bool> {
    let yaml = |path: &PathBuf| path.extension().is_some_and(|e| e == "yaml" || e == "yml");
    let count = paths.iter().filter(|p| yaml(p)).count();
    if count != 0 && count != paths.len() {
        bail!("--policy takes Rego files (.rego) or ClusterImagePolicy documents (.yaml), not both at once");
    }
    Ok(count != 0)
}

fn load(
    path: &Path,
    trusted_root_given: bool,
    warnings: &mut Vec<String>,
) -> Result<Vec<ClusterPolicy>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("{}: cannot read the policy", path.display()))?;
    Ok(cluster_policy::load(
        &text,
        &path.display().to_string(),
        trusted_root_given,
        warnings,
    )?)
}

/// Holds `source` to the policies in `paths`.
pub fn run(
    source: &str,
    paths: &[PathBuf],
    signer: &SignerArgs,
    source_args: &SourceArgs,
    reporting: &Reporting,
) -> Result<()> {
    if signer.names_a_signer() {
        bail!("a ClusterImagePolicy names its own keys and identities: give --policy POLICY.yaml without --key or --certificate-identity/--certificate-oidc-issuer");
    }
    let mut warnings = Vec::new();
    let mut policies = Vec::new();
    for path in paths {
        policies.extend(load(path, signer.trusted_root().is_some(), &mut warnings)?);
    }
    let spec = SourceSpec::parse(source)?;
    let open = source_args.one_image_options()?;
    let registry: &RegistryOptions = &open.registry;
    let mut outcome = evaluate(&spec, registry, &policies, signer.trusted_root())?;
    warnings.append(&mut outcome.warnings);
    for line in &outcome.lines {
        reporting.note(line);
    }
    if !outcome.errors.is_empty() || !warnings.is_empty() {
        // The policy-tester's output: each list only when it has entries.
        let mut output = serde_json::Map::new();
        for (key, list) in [("errors", &outcome.errors), ("warnings", &warnings)] {
            if !list.is_empty() {
                output.insert(key.to_owned(), serde_json::json!(list));
            }
        }
        let mut json = serde_json::to_vec(&output)?;
        json.push(b'\n');
        write_output(None, &json, "policy result")?;
    }
    match outcome.errors.len() {
        0 => Ok(()),
        n => bail!(
            "{}: denied by the ClusterImagePolicy ({n} error{})",
            spec.input,
            if n == 1 { "" } else { "s" }
        ),
    }
}
