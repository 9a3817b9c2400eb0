//! `tallyman verify --policy POLICY.yaml`: images signed and attested here
//! (with a cosign key, and keyless against the local Sigstore stand-in of
//! keyless.rs) held to the policy controller's own `ClusterImagePolicy`
//! documents (testdata/policy-controller/, see its SOURCE.md; their keys,
//! issuers and globs replaced by this test's where they name the
//! controller's test cluster), to the release pipeline's policy
//! (examples/policies/release-policy.yaml), and to Rego over an SBOM and a
//! provenance. The output is the controller's `policy-tester`'s.

use std::path::Path;
use std::process::Output;

use serde_json::{json, Value};

use crate::attest::{fail, key_pair, tallyman};
use crate::keyless::{Sigstore, IDENTITY};
use crate::support;
use support::registry::{Auth, Registry};
use support::{ok, stderr};

/// The key in the controller's cip-key.yaml (its test cluster's).
const CONTROLLER_KEY: &str = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEIcbqK2RAVZOfPzo+kbOhNYq8DK9f\n        B2BGbU7jAXEvYthJ3vRcYq8l7g9UAXXiz9P2awFuTa4COcZU2IdEDVU0uA==";

fn fixture(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("testdata/policy-controller")
            .join(name),
    )
    .unwrap()
}

/// A public key's PEM body, indented as the fixtures indent it.
fn pem_body(public: &str) -> String {
    std::fs::read_to_string(public)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .collect::<Vec<_>>()
        .join("\n        ")
}

/// Runs `verify IMAGE --policy` with `policy` written to a file.
fn check(image: &str, policy: &str, extra: &[&str]) -> Output {
    check_with("verify", image, policy, extra)
}

fn check_with(command: &str, image: &str, policy: &str, extra: &[&str]) -> Output {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("policy.yaml");
    std::fs::write(&path, policy).unwrap();
    let path = path.display().to_string();
    let mut args = vec![command, image, "--policy", &path];
    args.extend_from_slice(extra);
    tallyman(&args, None)
}

/// The tester's JSON (stdout), or `Null` when it printed nothing.
fn tester(out: &Output) -> Value {
    if out.stdout.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&out.stdout).unwrap()
    }
}

/// Passed: exit 0, nothing on stdout, and these lines on stderr.
fn passes(out: Output, lines: &[&str]) {
    let said = stderr(&out);
    assert!(out.status.success(), "{said}");
    assert_eq!(tester(&out), Value::Null, "{said}");
    let expected: Vec<String> = lines.iter().map(|l| format!("tallyman: {l}")).collect();
    assert_eq!(said.lines().collect::<Vec<_>>(), expected);
}

/// Denied: exit 1, the tester's JSON on stdout, one line on stderr.
fn denied(out: Output) -> Vec<String> {
    let json = tester(&out);
    assert!(json["warnings"].is_null(), "{json}");
    denied_with_warnings(out)
}

fn policy_doc(name: &str, glob: &str, authorities: &str) -> String {
    format!(
        "apiVersion: policy.sigstore.dev/v1beta1\nkind: ClusterImagePolicy\nmetadata:\n  name: {name}\nspec:\n  images:\n  - glob: \"{glob}\"\n  authorities:\n{authorities}"
    )
}

#[test]
fn policies_with_keys_static_authorities_sources_and_rego() {
    let registry = Registry::start(Auth::Anonymous, false);
    let host = registry.host();
    let layout = support::small_layout();
    for target in ["demo/app:v1", "demo/unsigned:v1", "sigs/app:v1"] {
        registry.push(layout.path(), "bookworm", target);
    }
    let app = format!("registry:{host}/demo/app:v1");
    let keys = key_pair();
    let with_key = |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend(["--key", &keys.private, "--attach-format", "legacy"]);
        ok(tallyman(&all, Some("s3cret")));
    };
    // cosign 2's .sig and .att tags (the controller's default format).
    with_key(&["sign", &app]);
    with_key(&["attest", &app, "--type", "spdxjson", "--attach"]);
    with_key(&["sign", &format!("registry:{host}/sigs/app:v1")]);
    let ours = fixture("cip-key-no-rekor.yaml").replace(CONTROLLER_KEY, &pem_body(&keys.public));

    // The controller's key policy without a log, with this test's key: passes.
    passes(
        check(&app, &ours, &[]),
        &["policy image-policy-key: passed (authority authority-0 satisfied)"],
    );
    // With a ctlog the controller requires the signature's Rekor entry: a
    // key-signed signature carries none (tallyman logs only keyless ones).
    let logged = fixture("cip-key.yaml").replace(CONTROLLER_KEY, &pem_body(&keys.public));
    let errors = denied(check(&app, &logged, &[]));
    assert!(
        errors[0].ends_with("no transparency-log entry or signed timestamp was verified for it, and the authority requires one (keyless, or a ctlog or rfc3161timestamp)"),
        "{errors:?}"
    );
    // Authorities are alternatives: the controller's key fails, ours passes.
    let either = policy_doc(
        "either",
        "**",
        &format!(
            "  - name: theirs\n    key:\n      data: |\n        -----BEGIN PUBLIC KEY-----\n        {CONTROLLER_KEY}\n        -----END PUBLIC KEY-----\n  - name: ours\n    key:\n      data: |\n        -----BEGIN PUBLIC KEY-----\n        {}\n        -----END PUBLIC KEY-----\n",
            pem_body(&keys.public)
        ),
    );
    passes(
        check(&app, &either, &[]),
        &["policy either: passed (authority ours satisfied)"],
    );
    // As the controller has it: another key signed nothing here.
    let errors = denied(check(&app, &fixture("cip-key.yaml"), &[]));
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].starts_with(&format!(
            "signature key validation failed for authority authority-0 for {host}/demo/app:v1: no matching signatures: {host}/demo/app:sha256-"
        )),
        "{errors:?}"
    );
    // verify-attestation --policy is the same check.
    assert_eq!(
        denied(check_with(
            "verify-attestation",
            &app,
            &fixture("cip-key.yaml"),
            &[]
        )),
        errors
    );
    // Static authorities.
    passes(
        check(&app, &fixture("cip-static-pass.yaml"), &[]),
        &["policy image-policy-static-pass: passed (authority authority-0 satisfied)"],
    );
    assert_eq!(
        denied(check(&app, &fixture("cip-static-fail.yaml"), &[])),
        ["disallowed by static policy: "]
    );
    // No policy matches: the controller denies.
    let other_glob = ours.replace("**demo**", "other.example/**");
    assert_eq!(
        denied(check(&app, &other_glob, &[])),
        [format!("{host}/demo/app:v1 is uncovered by policy")]
    );

    // source.oci: the signatures live in another repository.
    let key_authority = format!(
        "  - name: signed-elsewhere\n    key:\n      data: |\n        -----BEGIN PUBLIC KEY-----\n        {}\n        -----END PUBLIC KEY-----\n",
        pem_body(&keys.public)
    );
    let unsigned = format!("registry:{host}/demo/unsigned:v1");
    let errors = denied(check(
        &unsigned,
        &policy_doc("p", "**", &key_authority),
        &[],
    ));
    assert_eq!(
        errors,
        [format!("signature key validation failed for authority signed-elsewhere for {host}/demo/unsigned:v1: no signatures found in the .sig tag (the default signatureFormat; bundles need signatureFormat: bundle)")]
    );
    let sourced = format!("{key_authority}    source:\n    - oci: {host}/sigs/app\n");
    passes(
        check(&unsigned, &policy_doc("p", "**", &sourced), &[]),
        &["policy p: passed (authority signed-elsewhere satisfied)"],
    );
    // signatureFormat: bundle is for keyless authorities, as in the controller.
    let bundle = format!("{key_authority}    signatureFormat: bundle\n");
    let error = fail(check(&app, &policy_doc("p", "**", &bundle), &[]));
    assert!(
        error.ends_with("spec.authorities[0]: when using the new bundle format, the authority must be keyless\n"),
        "{error}"
    );

    // Rego over the SBOM attestation: deny a package the image has.
    let sbom_policy = |denied_package: &str, warning: &str| {
        format!(
            "{key_authority}    attestations:\n    - name: sbom\n      predicateType: spdxjson\n      policy:\n        type: rego\n        data: |\n          package sigstore\n          found := {{p.name | p := input.predicate.packages[_]; p.name == \"{denied_package}\"}}\n          isCompliant[response] {{\n            response := {{\"result\": count(found) == 0, \"warning\": \"{warning}\", \"error\": sprintf(\"denied packages: %s\", [concat(\", \", found)])}}\n          }}\n"
        )
    };
    let out = check(
        &app,
        &policy_doc("sbom", "**", &sbom_policy("log4j-core", "")),
        &[],
    );
    // The short predicate type is the controller's deprecated form: a warning.
    let said = stderr(&out);
    assert!(out.status.success(), "{said}");
    assert_eq!(
        tester(&out),
        json!({"warnings": ["attestation sbom: the short predicate type \"spdxjson\" is deprecated; the controller reads it as https://spdx.dev/Document"]})
    );
    assert!(
        said.contains("policy sbom: passed (authority signed-elsewhere satisfied)"),
        "{said}"
    );
    assert_eq!(
        denied_with_warnings(check(&app, &policy_doc("sbom", "**", &sbom_policy("libjq1", "")), &[])),
        ["failed evaluating rego policy for type sbom: policy is not compliant for query 'isCompliant = data.sigstore.isCompliant' with errors: denied packages: libjq1"]
    );
    // A compliant result with a warning fails, as in the controller…
    assert_eq!(
        denied_with_warnings(check(
            &app,
            &policy_doc("sbom", "**", &sbom_policy("log4j-core", "stale base image")),
            &[]
        )),
        ["warning: stale base image"]
    );
    // …unless the policy is in warn mode: then everything is a warning.
    let warn_mode = policy_doc("sbom", "**", &sbom_policy("libjq1", ""))
        .replace("spec:\n", "spec:\n  mode: warn\n");
    let out = check(&app, &warn_mode, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        tester(&out)["warnings"][1],
        "failed evaluating rego policy for type sbom: policy is not compliant for query 'isCompliant = data.sigstore.isCompliant' with errors: denied packages: libjq1"
    );
    // An attestation of a type nobody attached.
    let errors = denied_with_warnings(check(
        &app,
        &policy_doc(
            "sbom",
            "**",
            &sbom_policy("x", "").replace(
                "predicateType: spdxjson",
                "predicateType: https://cyclonedx.org/bom",
            ),
        ),
        &[],
    ));
    assert_eq!(
        errors,
        ["no matching attestations with type https://cyclonedx.org/bom, checked the following predicateTypes: \"https://spdx.dev/Document\""]
    );

    // The spec-level policy over what the authorities matched.
    let counted = |n: usize| {
        format!(
            "{}  policy:\n    type: rego\n    data: |\n      package sigstore\n      default isCompliant = false\n      isCompliant {{\n        count(input.authorityMatches[\"signed-elsewhere\"].signatures) == {n}\n      }}\n",
            policy_doc("counted", "**", &key_authority)
        )
    };
    passes(
        check(&app, &counted(1), &[]),
        &["policy counted: passed (authority signed-elsewhere satisfied)"],
    );
    assert_eq!(
        denied(check(&app, &counted(2), &[])),
        ["failed evaluating rego policy for type ClusterImagePolicy: policy is not compliant for query 'isCompliant = data.sigstore.isCompliant'"]
    );

    // Several documents in one stream: every matching one applies.
    passes(
        check(
            &app,
            &format!("{ours}---\n{}", fixture("cip-static-pass.yaml")),
            &[],
        ),
        &[
            "policy image-policy-key: passed (authority authority-0 satisfied)",
            "policy image-policy-static-pass: passed (authority authority-0 satisfied)",
        ],
    );

    // Bad policies and bad use: one line each, never a pass.
    for (policy, extra, expected) in [
        ("spec: [", vec![], "not YAML"),
        (&*ours.replace("  authorities:", "  colour: blue\n  authorities:"), vec![], "unknown field `colour`"),
        (&*fixture("invalid-missing-issuer.yaml"), vec![], "missing field(s): spec.authorities[0].keyless.identities[0].issuer, spec.authorities[0].keyless.identities[0].issuerRegExp"),
        (&*fixture("cip-keyless-with-identities.yaml").replace(".*kubernetes.default.*", "(unclosed"), vec![], "the regular expression does not compile"),
        (&*fixture("custom-key-attestation-sbom-spdxjson.yaml"), vec![], "CUE policies are not supported"),
        (&*ours, vec!["--key", &*keys.public], "a ClusterImagePolicy names its own keys and identities"),
    ] {
        let out = check(&app, policy, &extra);
        let error = fail(out);
        assert!(error.contains(expected), "{expected}: {error}");
        assert_eq!(error.trim_end().lines().count(), 1, "{error}");
    }
}

/// Denied, whatever the warnings: the errors.
fn denied_with_warnings(out: Output) -> Vec<String> {
    let json = tester(&out);
    let said = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(
        said.lines()
            .last()
            .unwrap()
            .starts_with("tallyman: error: ")
            && said.contains("denied by the ClusterImagePolicy"),
        "{said}"
    );
    json["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn the_release_pipelines_policy_keyless_with_sbom_and_provenance() {
    let sigstore = Sigstore::start();
    let registry = Registry::start(Auth::Anonymous, false);
    let host = registry.host();
    let layout = support::small_layout();
    registry.push(layout.path(), "bookworm", "octo-org/app:v1");
    registry.push(layout.path(), "bookworm", "octo-org/forked:v2");
    let app = format!("registry:{host}/octo-org/app:v1");
    let forked = format!("registry:{host}/octo-org/forked:v2");
    let signing = sigstore.signing("v1");
    let keyless = |args: &[&str], env: &[(&str, &str)]| {
        let mut cmd = support::command();
        cmd.args(args)
            .args(&signing)
            .env("SOURCE_DATE_EPOCH", "1700000000");
        for (name, value) in env {
            cmd.env(name, value);
        }
        ok(cmd.output().unwrap());
    };
    // What the release workflow makes (GitHub's variables for the
    // stand-in's workflow run, whose token the stand-in issues).
    let workflow = "octo-org/octo-repo/.github/workflows/release.yml@refs/heads/main";
    let github = [
        ("GITHUB_ACTIONS", "true"),
        ("GITHUB_SERVER_URL", "https://github.com"),
        ("GITHUB_REPOSITORY", "octo-org/octo-repo"),
        ("GITHUB_WORKFLOW_REF", workflow),
        ("GITHUB_REF", "refs/heads/main"),
        ("GITHUB_SHA", "0123456789abcdef0123456789abcdef01234567"),
        ("GITHUB_EVENT_NAME", "push"),
        ("GITHUB_REPOSITORY_ID", "2000002"),
        ("GITHUB_REPOSITORY_OWNER_ID", "1000001"),
        ("RUNNER_ENVIRONMENT", "github-hosted"),
        ("GITHUB_RUN_ID", "4242424242"),
        ("GITHUB_RUN_ATTEMPT", "1"),
    ];
    keyless(&["sign", &app], &[]);
    keyless(&["attest", &app, "--type", "spdxjson", "--attach"], &[]);
    keyless(
        &["attest", &app, "--type", "slsaprovenance1", "--attach"],
        &github,
    );
    // Someone else's signature and SBOM (a token for another identity).
    let mallory = sigstore.mint("aud=sigstore&email=mallory@example.com");
    let mut as_mallory = signing.clone();
    as_mallory[1] = mallory;
    for args in [vec!["sign", &*forked], vec!["attest", &*forked, "--attach"]] {
        let mut all = args.clone();
        all.extend(as_mallory.iter().map(String::as_str));
        ok(tallyman(&all, None));
    }

    // The release policy, with the stand-in as GitHub's issuer and the
    // test registry as ghcr.io.
    let release = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/policies/release-policy.yaml"),
    )
    .unwrap()
    .replace("https://token.actions.githubusercontent.com", &sigstore.url)
    .replace("ghcr.io", &host);
    assert!(release.contains(IDENTITY));
    let root = sigstore.file("trusted_root.json");
    passes(
        check(&app, &release, &["--trusted-root", &root]),
        &[
            "policy release-signature: passed (authority release-workflow satisfied)",
            "policy release-attestations: passed (authority release-workflow satisfied)",
        ],
    );
    let errors = denied(check(&forked, &release, &["--trusted-root", &root]));
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(
        errors[0].starts_with(&format!("signature keyless validation failed for authority release-workflow for {host}/octo-org/forked:v2: no matching signatures: ")),
        "{errors:?}"
    );
    assert!(errors[0].contains("mallory@example.com"), "{errors:?}");
    assert!(
        errors[1].starts_with(&format!("attestation keyless validation failed for authority release-workflow for {host}/octo-org/forked:v2: no matching attestations: ")),
        "{errors:?}"
    );
    // The provenance must name another builder: denied by its Rego.
    let other_builder = release.replacen(
        "builder.id == \"https://github.com/octo-org/octo-repo/.github/workflows/release.yml@refs/heads/main\"",
        "builder.id == \"https://github.com/octo-org/octo-repo/.github/workflows/nightly.yml@refs/heads/main\"",
        1,
    );
    assert_eq!(
        denied(check(&app, &other_builder, &["--trusted-root", &root])),
        ["failed evaluating rego policy for type provenance: policy is not compliant for query 'isCompliant = data.sigstore.isCompliant'"]
    );
    // The controller's keyless fixtures, their in-cluster identities (the
    // Kubernetes service account's token) replaced by the stand-in's
    // issuer and the release workflow; they look in cosign 2's tags.
    for target in [
        "demo/keyless:v1",
        "demo/keyless-unsigned:v1",
        "policy-controller/demo:v1",
    ] {
        registry.push(layout.path(), "bookworm", target);
    }
    let demo = format!("registry:{host}/demo/keyless:v1");
    keyless(&["sign", &demo, "--attach-format", "legacy"], &[]);
    let elsewhere = format!("registry:{host}/policy-controller/demo:v1");
    keyless(&["sign", &elsewhere, "--attach-format", "legacy"], &[]);
    let dir = tempfile::tempdir().unwrap();
    let custom = dir.path().join("custom.json");
    let attest_custom = |data: &str| {
        std::fs::write(&custom, json!({"Data": data}).to_string()).unwrap();
        let custom_arg = custom.display().to_string();
        keyless(
            &[
                "attest",
                &demo,
                "--type",
                "custom",
                "--predicate",
                &custom_arg,
                "--attach",
                "--attach-format",
                "legacy",
            ],
            &[],
        );
    };
    attest_custom("something else");
    let ours = |name: &str| {
        fixture(name)
            .replace(".*kubernetes.default.*", r"^http://127\.0\.0\.1:[0-9]+$")
            .replace(
                ".*kubernetes.securenamespace.*",
                r"^http://127\.0\.0\.1:[0-9]+$",
            )
            .replace(
                ".*kubernetes.io/namespaces/default/serviceaccounts/default",
                "octo-org/octo-repo/[.]github/workflows/release[.]yml@refs/heads/main$",
            )
            .replace("registry.local:5000", &host)
    };
    let trusted = ["--trusted-root", &*root];
    passes(
        check(&demo, &ours("cip-keyless-with-identities.yaml"), &trusted),
        &["policy image-policy-keyless-with-identities: passed (authority authority-0 satisfied)"],
    );
    let errors = denied(check(
        &demo,
        &ours("cip-keyless-with-identities-mismatch.yaml"),
        &trusted,
    ));
    assert!(
        errors[0].starts_with(&format!("signature keyless validation failed for authority authority-0 for {host}/demo/keyless:v1: no matching signatures: ")),
        "{errors:?}"
    );
    let unsigned = format!("registry:{host}/demo/keyless-unsigned:v1");
    passes(
        check(&unsigned, &ours("cip-keyless-with-source.yaml"), &trusted),
        &["policy image-policy-keyless-source: passed (authority authority-0 satisfied)"],
    );
    assert!(denied(check(&unsigned, &ours("cip-keyless-with-identities.yaml"), &trusted))[0]
        .ends_with("no signatures found in the .sig tag (the default signatureFormat; bundles need signatureFormat: bundle)"));
    // The controller's Rego attestation policy: the custom predicate must
    // say "foobar e2e test". Only another statement is attached: denied by
    // its Rego; then one that says it: passed (any verified one will do).
    let rego = ours("cip-keyless-with-attestations-rego.yaml");
    assert_eq!(
        denied(check(&demo, &rego, &trusted)),
        ["failed evaluating rego policy for type custom-match-predicate: policy is not compliant for query 'isCompliant = data.sigstore.isCompliant'"]
    );
    attest_custom("foobar e2e test");
    passes(
        check(&demo, &rego, &trusted),
        &["policy image-policy-keyless-with-attestations-rego: passed (authority attestation satisfied)"],
    );

    // The controller's keyless warn-mode policy (its cluster's identities):
    // reported as a warning, not enforced.
    let warn = fixture("cip-keyless-warn.yaml").replace("**demo**", "**");
    let out = check(&app, &warn, &["--trusted-root", &root]);
    assert!(out.status.success(), "{}", stderr(&out));
    let said = tester(&out);
    assert!(said["errors"].is_null(), "{said}");
    assert!(
        said["warnings"][0]
            .as_str()
            .unwrap()
            .starts_with(&format!("signature keyless validation failed for authority authority-0 for {host}/octo-org/app:v1: ")),
        "{said}"
    );
    assert!(
        stderr(&out)
            .contains("policy image-policy-keyless-warn: failed: no authority is satisfied"),
        "{}",
        stderr(&out)
    );
}
