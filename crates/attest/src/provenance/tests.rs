//! Provenance from simulated GitHub Actions and GitLab CI environments and
//! from stated flags, and its check against real and made-up certificates.

use serde_json::json;

use super::*;
use crate::sigstore::{CiClaims, Signer};

const COMMIT: &str = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

fn github_vars() -> Vec<(String, String)> {
    [
        ("GITHUB_ACTIONS", "true"),
        ("GITHUB_SERVER_URL", "https://github.com"),
        ("GITHUB_REPOSITORY", "octo-org/octo-repo"),
        (
            "GITHUB_WORKFLOW_REF",
            "octo-org/octo-repo/.github/workflows/release.yml@refs/heads/main",
        ),
        ("GITHUB_EVENT_NAME", "push"),
        ("GITHUB_REPOSITORY_ID", "2000002"),
        ("GITHUB_REPOSITORY_OWNER_ID", "1000001"),
        ("RUNNER_ENVIRONMENT", "github-hosted"),
        ("GITHUB_REF", "refs/heads/main"),
        ("GITHUB_SHA", COMMIT),
        ("GITHUB_RUN_ID", "4242424242"),
        ("GITHUB_RUN_ATTEMPT", "1"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect()
}

fn github_claims() -> CiClaims {
    let repo = "https://github.com/octo-org/octo-repo";
    let workflow = format!("{repo}/.github/workflows/release.yml@refs/heads/main");
    CiClaims {
        build_signer_uri: Some(workflow.clone()),
        runner_environment: Some("github-hosted".into()),
        source_repository_uri: Some(repo.into()),
        source_repository_digest: Some(COMMIT.into()),
        source_repository_ref: Some("refs/heads/main".into()),
        source_repository_identifier: Some("2000002".into()),
        source_repository_owner_identifier: Some("1000001".into()),
        build_config_uri: Some(workflow),
        build_trigger: Some("push".into()),
        run_invocation_uri: Some(format!("{repo}/actions/runs/4242424242/attempts/1")),
    }
}

fn signer(ci: CiClaims) -> Signer {
    Signer {
        identity:
            "https://github.com/octo-org/octo-repo/.github/workflows/release.yml@refs/heads/main"
                .into(),
        issuer: "https://token.actions.githubusercontent.com".into(),
        workflow: Vec::new(),
        ci,
    }
}

#[test]
fn github_actions_provenance_is_what_githubs_action_writes() {
    let environment = Environment::from_vars(github_vars());
    let stated = Stated {
        started_on: Some(timestamp("--started-on", "2026-12-04T10:00:00+01:00").unwrap()),
        ..Stated::default()
    };
    let predicate = predicate(&environment, &stated).unwrap();
    assert_eq!(
        predicate,
        json!({
            "buildDefinition": {
                "buildType": "https://actions.github.io/buildtypes/workflow/v1",
                "externalParameters": {"workflow": {
                    "ref": "refs/heads/main",
                    "repository": "https://github.com/octo-org/octo-repo",
                    "path": ".github/workflows/release.yml",
                }},
                "internalParameters": {"github": {
                    "event_name": "push",
                    "repository_id": "2000002",
                    "repository_owner_id": "1000001",
                    "runner_environment": "github-hosted",
                }},
                "resolvedDependencies": [{
                    "uri": "git+https://github.com/octo-org/octo-repo@refs/heads/main",
                    "digest": {"gitCommit": COMMIT},
                }],
            },
            "runDetails": {
                "builder": {"id": "https://github.com/octo-org/octo-repo/.github/workflows/release.yml@refs/heads/main"},
                "metadata": {
                    "invocationId": "https://github.com/octo-org/octo-repo/actions/runs/4242424242/attempts/1",
                    "startedOn": "2026-12-04T09:00:00Z",
                },
            },
        })
    );
    // SLSA's field order.
    let text = serde_json::to_string(&predicate).unwrap();
    assert!(
        text.starts_with(r#"{"buildDefinition":{"buildType":"#),
        "{text}"
    );
    // What GitHub's certificate says of the same run agrees with it.
    assert_eq!(
        check_signer(&predicate, &signer(github_claims())).unwrap(),
        None
    );
}

#[test]
fn nothing_the_environment_does_not_show_is_claimed() {
    let mut vars = github_vars();
    vars.retain(|(k, _)| k != "GITHUB_SHA");
    let error = predicate(&Environment::from_vars(vars), &Stated::default()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "GitHub Actions provenance needs GITHUB_SHA, which this environment does not set"
    );
    let stated = Stated {
        builder_id: Some("https://example.com/builder".into()),
        ..Stated::default()
    };
    let error = predicate(&Environment::from_vars(github_vars()), &stated).unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("a builder id is stated only for builds outside a known CI"),
        "{error}"
    );
    let error = predicate(&Environment::from_vars([]), &Stated::default()).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("the build type and builder id (URIs) must be stated"),
        "{error}"
    );
}

#[test]
fn outside_ci_the_user_states_the_build() {
    let stated = Stated {
        builder_id: Some("https://ci.example.com/builders/42".into()),
        build_type: Some("https://example.com/buildtypes/make/v1".into()),
        external_parameters: vec![("target".into(), "release".into())],
        resolved_dependencies: vec![Dependency::parse(
            "git+https://example.com/app@refs/tags/v1@gitCommit:ABCDEF12",
        )
        .unwrap()],
        started_on: None,
        finished_on: Some(timestamp("--finished-on", "2026-12-04T09:30:00Z").unwrap()),
    };
    let predicate = predicate(&Environment::from_vars([]), &stated).unwrap();
    assert_eq!(
        predicate,
        json!({
            "buildDefinition": {
                "buildType": "https://example.com/buildtypes/make/v1",
                "externalParameters": {"target": "release"},
                "resolvedDependencies": [{
                    "uri": "git+https://example.com/app@refs/tags/v1",
                    "digest": {"gitCommit": "abcdef12"},
                }],
            },
            "runDetails": {
                "builder": {"id": "https://ci.example.com/builders/42"},
                "metadata": {"finishedOn": "2026-12-04T09:30:00Z"},
            },
        })
    );
    // An unknown build type is said to be unchecked, never passed silently.
    let note = check_signer(&predicate, &signer(github_claims()))
        .unwrap()
        .unwrap();
    assert!(note.contains("not one tallyman knows"), "{note}");
}

#[test]
fn malformed_statements_are_refused() {
    for bad in [
        "https://example.com/app",
        "x@sha256:",
        "x@md5:abcd",
        "@sha256:ab",
        "x@sha256:xyz",
    ] {
        assert!(Dependency::parse(bad).is_err(), "{bad}");
    }
    assert!(timestamp("--started-on", "yesterday").is_err());
    let mut vars = github_vars();
    vars.push(("GITHUB_WORKFLOW_REF".into(), "elsewhere/x.yml@main".into()));
    let error = predicate(&Environment::from_vars(vars), &Stated::default()).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("is not octo-org/octo-repo/PATH@REF"),
        "{error}"
    );
}

#[test]
fn a_provenance_the_certificate_contradicts_fails() {
    let predicate = predicate(&Environment::from_vars(github_vars()), &Stated::default()).unwrap();
    let mut other = github_claims();
    other.source_repository_uri = Some("https://github.com/octo-org/other".into());
    let error = check_signer(&predicate, &signer(other)).unwrap_err();
    assert_eq!(
        error.to_string(),
        "provenance check failed: the provenance's repository is \"https://github.com/octo-org/octo-repo\", the certificate's (1.3.6.1.4.1.57264.1.12) is \"https://github.com/octo-org/other\""
    );
    let mut other = github_claims();
    other.source_repository_digest = Some("0".repeat(40));
    let error = check_signer(&predicate, &signer(other)).unwrap_err();
    assert!(error.to_string().contains("commit"), "{error}");
    // A certificate for an email identity names no build.
    let note = check_signer(&predicate, &signer(CiClaims::default()))
        .unwrap()
        .unwrap();
    assert!(note.contains("names no CI build"), "{note}");
}

#[test]
fn gitlab_ci_provenance_comes_from_its_variables() {
    let vars: Vec<(String, String)> = [
        ("GITLAB_CI", "true"),
        ("CI_SERVER_URL", "https://gitlab.com"),
        ("CI_PROJECT_URL", "https://gitlab.com/group/project"),
        ("CI_PROJECT_PATH", "group/project"),
        ("CI_COMMIT_REF_NAME", "main"),
        ("CI_CONFIG_PATH", ".gitlab-ci.yml"),
        ("CI_JOB_NAME", "release"),
        ("CI_PIPELINE_SOURCE", "push"),
        ("CI_PROJECT_ID", "101"),
        ("CI_PROJECT_NAMESPACE_ID", "202"),
        ("CI_PIPELINE_ID", "303"),
        ("CI_RUNNER_ID", "404"),
        ("CI_COMMIT_SHA", COMMIT),
        ("CI_JOB_URL", "https://gitlab.com/group/project/-/jobs/505"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    let predicate = predicate(&Environment::from_vars(vars), &Stated::default()).unwrap();
    let config = "https://gitlab.com/group/project//.gitlab-ci.yml@refs/heads/main";
    assert_eq!(predicate["runDetails"]["builder"]["id"], config);
    assert_eq!(
        predicate["buildDefinition"]["resolvedDependencies"][0],
        json!({"uri": "git+https://gitlab.com/group/project@refs/heads/main", "digest": {"gitCommit": COMMIT}})
    );
    let claims = CiClaims {
        build_signer_uri: Some(config.into()),
        source_repository_uri: Some("https://gitlab.com/group/project".into()),
        source_repository_digest: Some(COMMIT.into()),
        source_repository_ref: Some("refs/heads/main".into()),
        source_repository_identifier: Some("101".into()),
        source_repository_owner_identifier: Some("202".into()),
        build_config_uri: Some(config.into()),
        build_trigger: Some("push".into()),
        run_invocation_uri: Some("https://gitlab.com/group/project/-/jobs/505".into()),
        runner_environment: Some("gitlab-hosted".into()),
    };
    assert_eq!(check_signer(&predicate, &signer(claims)).unwrap(), None);
}

/// A real provenance from GitHub's `actions/attest-build-provenance` (cli/cli's
/// test data, testdata/slsa/SOURCE.md), verified against the public-good
/// trust root: the certificate's claims agree with the predicate, and the
/// same predicate claiming another repository or commit fails.
#[test]
fn githubs_own_provenance_agrees_with_its_certificate() {
    use crate::sigstore::{Identity, Matcher};
    use crate::verifier::{Found, Signature, Verifier};
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/slsa");
    let bundle = std::fs::read(dir.join("gha-attest-build-provenance.sigstore.json")).unwrap();
    let identity = Identity {
        identity: Matcher::Exact(
            "https://github.com/too-legit/attest/.github/workflows/integration.yml@refs/heads/main"
                .into(),
        ),
        issuer: Matcher::Exact("https://token.actions.githubusercontent.com/hammer-time".into()),
    };
    let verifier = Verifier::new(Signature::Keyless(identity), None);
    let digest = tallyman_oci::Digest::parse(
        "sha256:afa27b44d43b02a9fea41d13cedc2e4016cfcf87c5dbf990e593669aa8ce286d",
    )
    .unwrap();
    let verified = verifier
        .attestation(&Found::bundle(bundle).unwrap(), PREDICATE_TYPE, &digest)
        .unwrap();
    let signer = verified.signer.unwrap();
    assert_eq!(
        signer.ci.source_repository_uri.as_deref(),
        Some("https://github.com/too-legit/attest")
    );
    let predicate = &verified.statement["predicate"];
    assert_eq!(check_signer(predicate, &signer).unwrap(), None);
    for (pointer, other) in [
        (
            "/buildDefinition/externalParameters/workflow/repository",
            "https://github.com/too-legit/other",
        ),
        (
            "/buildDefinition/resolvedDependencies/0/digest/gitCommit",
            "0000000000000000000000000000000000000000",
        ),
        (
            "/buildDefinition/externalParameters/workflow/path",
            ".github/workflows/other.yml",
        ),
        (
            "/runDetails/builder/id",
            "https://github.com/too-legit/attest/.github/workflows/other.yml@refs/heads/main",
        ),
    ] {
        let mut changed = predicate.clone();
        *changed.pointer_mut(pointer).unwrap() = json!(other);
        let error = check_signer(&changed, &signer).unwrap_err();
        assert!(
            error.to_string().starts_with("provenance check failed"),
            "{pointer}: {error}"
        );
    }
}
