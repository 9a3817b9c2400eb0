//! SLSA provenance: `tallyman provenance` under GitHub Actions and GitLab
//! CI (their documented variables, set here as the runners set them) and
//! outside any CI (from flags), validated against the SLSA v1 schema
//! (testdata/slsa/provenance-v1.schema.json, by jsonschema-rs); `attest
//! --type slsaprovenance1` signs it keyless against the local Sigstore
//! stand-in (see keyless.rs: it proves nothing by itself — sigstore-python
//! verifies every bundle) and `verify-attestation` holds the provenance to
//! the certificate's Fulcio claims; and `provenance download` reads what
//! BuildKit attached.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::{json, Value};

use crate::attest::{fail, key_pair, tallyman};
use crate::keyless::{Sigstore, IDENTITY};
use crate::support;
use support::registry::{Auth, Registry};
use support::{ok, stderr};

/// The stand-in's commit (tests/it/support/sigstore_standin.py).
const COMMIT: &str = "0123456789abcdef0123456789abcdef01234567";

/// GitHub Actions' default variables for the stand-in's workflow run, as
/// a runner sets them (the values its OIDC token carries).
fn github(repository: &str) -> Vec<(&'static str, String)> {
    vec![
        ("GITHUB_ACTIONS", "true".into()),
        ("GITHUB_SERVER_URL", "https://github.com".into()),
        ("GITHUB_REPOSITORY", repository.into()),
        (
            "GITHUB_WORKFLOW_REF",
            format!("{repository}/.github/workflows/release.yml@refs/heads/main"),
        ),
        ("GITHUB_REF", "refs/heads/main".into()),
        ("GITHUB_SHA", COMMIT.into()),
        ("GITHUB_EVENT_NAME", "push".into()),
        ("GITHUB_REPOSITORY_ID", "2000002".into()),
        ("GITHUB_REPOSITORY_OWNER_ID", "1000001".into()),
        ("RUNNER_ENVIRONMENT", "github-hosted".into()),
        ("GITHUB_RUN_ID", "4242424242".into()),
        ("GITHUB_RUN_ATTEMPT", "1".into()),
    ]
}

/// GitLab CI's predefined variables of a tag pipeline's job.
fn gitlab() -> Vec<(&'static str, String)> {
    [
        ("GITLAB_CI", "true"),
        ("CI_SERVER_URL", "https://gitlab.example.com"),
        ("CI_PROJECT_URL", "https://gitlab.example.com/group/app"),
        ("CI_PROJECT_PATH", "group/app"),
        ("CI_COMMIT_TAG", "v1.2.3"),
        ("CI_COMMIT_REF_NAME", "v1.2.3"),
        ("CI_CONFIG_PATH", ".gitlab-ci.yml"),
        ("CI_JOB_NAME", "image"),
        ("CI_PIPELINE_SOURCE", "push"),
        ("CI_PROJECT_ID", "42"),
        ("CI_PROJECT_NAMESPACE_ID", "7"),
        ("CI_PIPELINE_ID", "1001"),
        ("CI_RUNNER_ID", "12"),
        ("CI_COMMIT_SHA", COMMIT),
        (
            "CI_JOB_URL",
            "https://gitlab.example.com/group/app/-/jobs/555",
        ),
    ]
    .into_iter()
    .map(|(k, v)| (k, v.to_owned()))
    .collect()
}

/// A tallyman command with only these CI variables (none of the
/// machine's own).
fn in_ci_command(vars: &[(&'static str, String)]) -> Command {
    let mut cmd = support::command();
    for (name, _) in std::env::vars() {
        if name.starts_with("GITHUB_")
            || name.starts_with("CI_")
            || name == "GITLAB_CI"
            || name == "RUNNER_ENVIRONMENT"
        {
            cmd.env_remove(name);
        }
    }
    cmd.env("SOURCE_DATE_EPOCH", "1700000000");
    for (name, value) in vars {
        cmd.env(name, value);
    }
    cmd
}

/// tallyman run with only these CI variables.
fn in_ci(args: &[&str], vars: &[(&'static str, String)]) -> Output {
    in_ci_command(vars).args(args).output().unwrap()
}

/// The schema's verdict on a statement (jsonschema-rs, not tallyman).
fn schema_errors(statement: &Value) -> Vec<String> {
    let schema =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/slsa/provenance-v1.schema.json");
    let out = Command::new("python3")
        .arg("-c")
        .arg(
            "import json, sys, jsonschema_rs\n\
             v = jsonschema_rs.validator_for(json.load(open(sys.argv[1])))\n\
             for e in v.iter_errors(json.loads(sys.stdin.read())): print(e.message)\n\
             print('checked')",
        )
        .arg(schema)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child
                .stdin
                .take()
                .unwrap()
                .write_all(statement.to_string().as_bytes())?;
            child.wait_with_output()
        })
        .unwrap();
    let said = String::from_utf8(out.stdout.clone()).unwrap();
    assert!(
        said.ends_with("checked\n"),
        "jsonschema-rs: {said}{}",
        stderr(&out)
    );
    said.lines()
        .filter(|l| *l != "checked")
        .map(str::to_owned)
        .collect()
}

fn json_of(out: Output) -> Value {
    serde_json::from_slice(&ok(out).stdout).unwrap()
}

#[test]
fn provenance_from_github_actions_is_signed_and_held_to_the_certificate() {
    let sigstore = Sigstore::start();
    let registry = Registry::start(Auth::Anonymous, false);
    registry.push(
        support::small_layout().path(),
        "bookworm",
        "prov/debian:bookworm",
    );
    let image = format!("registry:{}/prov/debian:bookworm", registry.host());
    let env = github("octo-org/octo-repo");

    // The statement, as GitHub's own build-provenance action writes it.
    let statement = json_of(in_ci(&["provenance", &image, "--statement"], &env));
    assert_eq!(schema_errors(&statement), Vec::<String>::new());
    let digest = statement["subject"][0]["digest"]["sha256"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(digest.len(), 64);
    assert_eq!(
        statement["subject"][0]["name"],
        format!("{}/prov/debian", registry.host())
    );
    let predicate = &statement["predicate"];
    assert_eq!(
        predicate,
        &json!({
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
                "builder": {"id": IDENTITY},
                "metadata": {"invocationId": "https://github.com/octo-org/octo-repo/actions/runs/4242424242/attempts/1"},
            },
        })
    );
    // Without --statement: the predicate alone.
    assert_eq!(&json_of(in_ci(&["provenance", &image], &env)), predicate);

    // Signed keyless (the stand-in's GitHub identity), attached, verified.
    let dir = tempfile::tempdir().unwrap();
    let bundle = dir.path().join("provenance.sigstore.json");
    let mut attest = vec![
        "attest",
        &image,
        "--type",
        "slsaprovenance1",
        "--attach",
        "--bundle",
    ];
    let bundle_arg = bundle.display().to_string();
    attest.push(&bundle_arg);
    let signing = sigstore.signing("v1");
    attest.extend(signing.iter().map(String::as_str));
    ok(in_ci(&attest, &env));
    assert!(sigstore.python_verifies(&bundle, IDENTITY, &["--dsse"]));
    let mut verify = vec!["verify-attestation", &image, "--type", "slsaprovenance1"];
    let verifying = sigstore.verifying(IDENTITY);
    verify.extend(verifying.iter().map(String::as_str));
    let out = ok(tallyman(&verify, None));
    let said = stderr(&out);
    assert!(!said.contains("not checked"), "{said}");
    let verified: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(&verified, predicate);

    // A provenance claiming another repository: tallyman will not sign it
    // with a certificate of this repository's workflow (one line, nothing
    // attached)…
    let other = github("octo-org/other-repo");
    let forged = dir.path().join("forged.sigstore.json");
    let forged_arg = forged.display().to_string();
    let mut attest = vec!["attest", &image, "--type", "slsaprovenance1", "--attach"];
    attest.extend(signing.iter().map(String::as_str));
    let error = fail(in_ci(&attest, &other));
    assert!(
        error.contains("the provenance does not match the certificate it was signed with (https://github.com/octo-org/octo-repo/.github/workflows/release.yml@refs/heads/main); nothing was attached: provenance check failed: the provenance's repository is \"https://github.com/octo-org/other-repo\", the certificate's (1.3.6.1.4.1.57264.1.12) is \"https://github.com/octo-org/octo-repo\""),
        "{error}"
    );
    assert_eq!(error.matches("error").count(), 1, "{error}");
    // …so sigstore-python signs it with the same identity: the signature
    // verifies (sigstore-python agrees), the provenance does not.
    let statement_file = dir.path().join("forged.statement.json");
    // (sigstore-python signs only in-toto Statement v1; tallyman writes
    // v0.1, as cosign does, and reads both.)
    let mut forged_statement = json_of(in_ci(&["provenance", &image, "--statement"], &other));
    forged_statement["_type"] = json!("https://in-toto.io/Statement/v1");
    std::fs::write(&statement_file, forged_statement.to_string()).unwrap();
    let signed = Command::new("python3")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/support/sigstore_sign_dsse.py"))
        .arg(sigstore.file("client_trust_config_v1.json"))
        .arg(sigstore.file("token"))
        .arg(&statement_file)
        .arg(&forged)
        .output()
        .unwrap();
    assert!(
        signed.status.success(),
        "sigstore-python: {}",
        stderr(&signed)
    );
    assert!(sigstore.python_verifies(&forged, IDENTITY, &["--dsse"]));
    let mut verify_forged = verify.clone();
    verify_forged.extend(["--bundle", &forged_arg]);
    let error = fail(tallyman(&verify_forged, None));
    assert!(
        error.contains("provenance check failed: the provenance's repository is \"https://github.com/octo-org/other-repo\", the certificate's (1.3.6.1.4.1.57264.1.12) is \"https://github.com/octo-org/octo-repo\""),
        "{error}"
    );
    // Signed with a key: verified, and said to be unchecked against a certificate.
    let keys = key_pair();
    let keyed = dir.path().join("keyed.json");
    let keyed_arg = keyed.display().to_string();
    ok(in_ci_command(&env)
        .args([
            "attest",
            &image,
            "--type",
            "slsaprovenance1",
            "--key",
            &keys.private,
            "-o",
            &keyed_arg,
        ])
        .env("COSIGN_PASSWORD", "s3cret")
        .output()
        .unwrap());
    let out = ok(tallyman(
        &[
            "verify-attestation",
            &image,
            "--type",
            "slsaprovenance1",
            "--key",
            &keys.public,
            "--envelope",
            &keyed_arg,
        ],
        None,
    ));
    assert!(
        stderr(&out).contains("note: signed with a key: the provenance's repository, commit and workflow were not checked against a certificate"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn provenance_from_gitlab_ci_and_from_flags_and_what_is_refused() {
    let image = format!(
        "oci-archive:{}",
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("testdata/images/debian-bookworm-dpkg.oci.tar")
            .display()
    );
    let statement = json_of(in_ci(&["provenance", &image, "--statement"], &gitlab()));
    assert_eq!(schema_errors(&statement), Vec::<String>::new());
    let config = "https://gitlab.example.com/group/app//.gitlab-ci.yml@refs/tags/v1.2.3";
    assert_eq!(
        statement["predicate"],
        json!({
            "buildDefinition": {
                "buildType": "urn:tallyman:buildtype:gitlab-ci:v1",
                "externalParameters": {
                    "pipeline": {"source": "https://gitlab.example.com/group/app", "config": config, "ref": "refs/tags/v1.2.3"},
                    "job": "image",
                },
                "internalParameters": {"gitlab": {
                    "pipeline_source": "push", "project_id": "42", "namespace_id": "7",
                    "pipeline_id": "1001", "runner_id": "12",
                }},
                "resolvedDependencies": [{
                    "uri": "git+https://gitlab.example.com/group/app@refs/tags/v1.2.3",
                    "digest": {"gitCommit": COMMIT},
                }],
            },
            "runDetails": {
                "builder": {"id": config},
                "metadata": {"invocationId": "https://gitlab.example.com/group/app/-/jobs/555"},
            },
        })
    );

    // Outside CI: what the flags state, and nothing else.
    let stated = json_of(in_ci(
        &[
            "provenance",
            &image,
            "--statement",
            "--builder-id",
            "https://ci.example.com/builders/7",
            "--build-type",
            "https://example.com/buildtypes/make/v1",
            "--external-parameter",
            "target=release",
            "--resolved-dependency",
            "git+https://example.com/app@gitCommit:0123ABCD",
            "--started-on",
            "2026-12-04T10:00:00+01:00",
            "--finished-on",
            "2026-12-04T09:05:00Z",
        ],
        &[],
    ));
    assert_eq!(schema_errors(&stated), Vec::<String>::new());
    assert_eq!(
        stated["predicate"],
        json!({
            "buildDefinition": {
                "buildType": "https://example.com/buildtypes/make/v1",
                "externalParameters": {"target": "release"},
                "resolvedDependencies": [{"uri": "git+https://example.com/app", "digest": {"gitCommit": "0123abcd"}}],
            },
            "runDetails": {
                "builder": {"id": "https://ci.example.com/builders/7"},
                "metadata": {"startedOn": "2026-12-04T09:00:00Z", "finishedOn": "2026-12-04T09:05:00Z"},
            },
        })
    );

    // Nothing the environment does not show: one line each.
    let mut no_sha = github("octo-org/octo-repo");
    no_sha.retain(|(name, _)| *name != "GITHUB_SHA");
    for (args, vars, expected) in [
        (vec!["provenance", &image], vec![], "no CI is detected here (GitHub Actions, GitLab CI): give --build-type URI and --builder-id URI"),
        (vec!["provenance", &image], no_sha, "GitHub Actions provenance needs GITHUB_SHA, which this environment does not set"),
        (vec!["provenance", &image, "--builder-id", "https://x.example"], gitlab(), "--builder-id and --build-type are for builds outside a known CI: GitLab CI names the builder and build type itself"),
        (vec!["provenance", &image, "--builder-id", "b:x", "--build-type", "t:x", "--resolved-dependency", "git+https://x@main"], vec![], "\"git+https://x@main\" is not a resolved dependency"),
        (vec!["provenance", &image, "--builder-id", "b:x", "--build-type", "t:x", "--started-on", "yesterday"], vec![], "--started-on \"yesterday\" is not an RFC 3339 time"),
        (vec!["attest", &image, "--type", "spdxjson", "--builder-id", "b:x"], vec![], "are for --type slsaprovenance1 without --predicate"),
    ] {
        let out = in_ci(&args, &vars);
        let error = fail(out);
        assert!(error.contains(expected), "{args:?}: {error}");
        assert_eq!(error.trim_end().lines().count(), 1, "{error}");
    }
}

#[test]
fn provenance_download_prints_what_buildkit_attached_as_unsigned() {
    let registry = Registry::start(Auth::Anonymous, false);
    let a = support::attached::attached_image(&registry, "attached/app");
    let image = format!("registry:{}/attached/app:v1", registry.host());
    let out = ok(tallyman(
        &[
            "provenance",
            "download",
            &image,
            "--platform",
            "linux/amd64",
        ],
        None,
    ));
    let printed: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(printed, a.provenance);
    assert_eq!(
        stderr(&out).trim_end(),
        format!(
            "tallyman: https://slsa.dev/provenance/v1 from BuildKit attestation manifest {}: UNSIGNED (BuildKit signs nothing; anyone who can push to the repository can change it)",
            a.buildkit_attestation
        )
    );
    let error = fail(tallyman(
        &[
            "provenance",
            "download",
            &image,
            "--platform",
            "linux/arm64",
        ],
        None,
    ));
    assert!(
        error.contains(&format!("{}: no provenance attached: the index has no BuildKit attestation manifest with a SLSA provenance for it", a.arm64)),
        "{error}"
    );
    let single = format!("registry:{}/attached/app@{}", registry.host(), a.amd64);
    let error = fail(tallyman(&["provenance", "download", &single], None));
    assert!(error.contains("a single image, not an index"), "{error}");
}
