//! A provenance held against the keyless certificate that signed it: the
//! repository, commit, ref, workflow, builder and run the provenance
//! claims must be the ones Fulcio wrote into the certificate from the CI's
//! own identity token (its provider-neutral extensions), or the
//! verification fails. What cannot be checked (a certificate without CI
//! claims, a build type tallyman does not know) is said, never passed
//! silently.

use serde_json::Value;
use tallyman_oci::fail;

use super::environment::GITLAB_BUILD_TYPE;
use super::GITHUB_BUILD_TYPE;
use crate::error::Result;
use crate::sigstore::{CiClaims, Signer};

const OID: &str = "1.3.6.1.4.1.57264.1.";

/// Checks the provenance `predicate` against who signed it: `Ok(None)`
/// when every claim the certificate carries agrees, `Ok(Some(note))` when
/// nothing could be compared (and why), an error on the first mismatch.
pub fn check_signer(predicate: &Value, signer: &Signer) -> Result<Option<String>> {
    let ci = &signer.ci;
    if *ci == CiClaims::default() {
        return Ok(Some(format!(
            "the certificate ({}) names no CI build: the provenance's repository, commit and workflow were not checked against it",
            signer.identity
        )));
    }
    let definition = &predicate["buildDefinition"];
    let build_type = definition["buildType"].as_str().unwrap_or_default();
    let claims = match build_type {
        GITHUB_BUILD_TYPE => github(predicate),
        GITLAB_BUILD_TYPE => gitlab(predicate),
        _ => {
            return Ok(Some(format!(
                "the provenance's build type {build_type:?} is not one tallyman knows: its claims were not checked against the certificate"
            )))
        }
    };
    let mut compared = 0;
    for (what, said, extension) in claims {
        let Some(certified) = certified(ci, extension) else {
            continue;
        };
        compared += 1;
        if said.as_deref() != Some(certified.as_str()) {
            fail!(
                "provenance check failed: the provenance's {what} is {}, the certificate's ({OID}{extension}) is {certified:?}",
                said.map_or("missing".to_owned(), |s| format!("{s:?}"))
            );
        }
    }
    Ok((compared == 0).then(|| {
        "the certificate carries none of the claims the provenance makes: nothing was checked against it".to_owned()
    }))
}

/// What a provenance of a known build type claims, each with the Fulcio
/// extension (`1.3.6.1.4.1.57264.1.N`) that states the same thing.
type Claims = Vec<(&'static str, Option<String>, u8)>;

/// The certificate's value of extension `1.N`.
fn certified(ci: &CiClaims, extension: u8) -> &Option<String> {
    match extension {
        9 => &ci.build_signer_uri,
        11 => &ci.runner_environment,
        12 => &ci.source_repository_uri,
        13 => &ci.source_repository_digest,
        14 => &ci.source_repository_ref,
        15 => &ci.source_repository_identifier,
        17 => &ci.source_repository_owner_identifier,
        18 => &ci.build_config_uri,
        20 => &ci.build_trigger,
        _ => &ci.run_invocation_uri,
    }
}

fn text(value: &Value) -> Option<String> {
    value.as_str().map(str::to_owned)
}

/// The first resolved dependency: `git+URL@REF` and its commit.
fn source(predicate: &Value) -> (Option<String>, Option<String>) {
    let first = &predicate["buildDefinition"]["resolvedDependencies"][0];
    let git_ref = first["uri"]
        .as_str()
        .and_then(|uri| uri.rsplit_once('@'))
        .map(|(_, git_ref)| git_ref.to_owned());
    (git_ref, text(&first["digest"]["gitCommit"]))
}

/// GitHub's build type: every extension the buildType's fields mirror.
fn github(predicate: &Value) -> Claims {
    let definition = &predicate["buildDefinition"];
    let workflow = &definition["externalParameters"]["workflow"];
    let github = &definition["internalParameters"]["github"];
    let repository = text(&workflow["repository"]);
    let (git_ref, commit) = source(predicate);
    // The workflow file at the ref built (`{1.12}/{path}@{1.14}`).
    let config = match (&repository, workflow["path"].as_str(), &git_ref) {
        (Some(repository), Some(path), Some(git_ref)) => {
            Some(format!("{repository}/{path}@{git_ref}"))
        }
        _ => None,
    };
    vec![
        ("repository", repository, 12),
        ("commit", commit, 13),
        ("ref", git_ref, 14),
        ("workflow", config, 18),
        (
            "builder id",
            text(&predicate["runDetails"]["builder"]["id"]),
            9,
        ),
        ("trigger", text(&github["event_name"]), 20),
        ("repository id", text(&github["repository_id"]), 15),
        ("owner id", text(&github["repository_owner_id"]), 17),
        (
            "runner environment",
            text(&github["runner_environment"]),
            11,
        ),
        (
            "run",
            text(&predicate["runDetails"]["metadata"]["invocationId"]),
            21,
        ),
    ]
}

/// tallyman's GitLab CI build type (no runner environment: no variable
/// carries it).
fn gitlab(predicate: &Value) -> Claims {
    let definition = &predicate["buildDefinition"];
    let pipeline = &definition["externalParameters"]["pipeline"];
    let gitlab = &definition["internalParameters"]["gitlab"];
    let (git_ref, commit) = source(predicate);
    vec![
        ("repository", text(&pipeline["source"]), 12),
        ("commit", commit, 13),
        ("ref", git_ref, 14),
        ("pipeline configuration", text(&pipeline["config"]), 18),
        (
            "builder id",
            text(&predicate["runDetails"]["builder"]["id"]),
            9,
        ),
        ("trigger", text(&gitlab["pipeline_source"]), 20),
        ("project id", text(&gitlab["project_id"]), 15),
        ("namespace id", text(&gitlab["namespace_id"]), 17),
        (
            "job",
            text(&predicate["runDetails"]["metadata"]["invocationId"]),
            21,
        ),
    ]
}
