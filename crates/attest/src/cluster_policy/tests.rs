//! The ClusterImagePolicy reader on the policy controller's own documents
//! (testdata/policy-controller/), and the Rego verdicts and messages.

use serde_json::json;

use super::rego::{compile, Verdict};
use super::*;

/// A fixture from `testdata/policy-controller/` (the policy controller's
/// own documents; see its SOURCE.md).
fn fixture(name: &str) -> (Result<Vec<ClusterPolicy>>, Vec<String>) {
    let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/policy-controller")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    let mut warnings = Vec::new();
    (load(&text, name, true, &mut warnings), warnings)
}

fn loaded(name: &str) -> ClusterPolicy {
    let (policies, _) = fixture(name);
    let mut policies = policies.unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(policies.len(), 1, "{name}");
    policies.remove(0)
}

fn refused(name: &str) -> String {
    match fixture(name).0 {
        Ok(_) => panic!("{name} was accepted"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn the_controllers_policies_that_can_be_checked_offline_load() {
    let key = loaded("cip-key.yaml");
    assert_eq!(key.name, "image-policy-key");
    assert_eq!(key.globs[0].text, "**demo**");
    assert_eq!(key.authorities[0].name, "authority-0");
    assert!(matches!(key.authorities[0].kind, AuthorityKind::Key(_)));
    assert!(!key.authorities[0].bundle_format);
    assert!(!key.warn);

    let keyless = loaded("cip-keyless-with-identities.yaml");
    let AuthorityKind::Keyless(identities) = &keyless.authorities[0].kind else {
        panic!("not keyless");
    };
    assert!(matches!(identities[0].issuer, Matcher::Pattern(_)));

    assert!(loaded("cip-keyless-warn.yaml").warn);
    assert!(matches!(
        loaded("cip-static-pass.yaml").authorities[0].kind,
        AuthorityKind::Static { pass: true, .. }
    ));
    assert!(matches!(
        loaded("cip-static-fail.yaml").authorities[0].kind,
        AuthorityKind::Static { pass: false, .. }
    ));
    let rego = loaded("cip-keyless-with-attestations-rego.yaml");
    let wanted = &rego.authorities[0].attestations[0];
    assert_eq!(wanted.name, "custom-match-predicate");
    assert_eq!(
        wanted.predicate_type,
        "https://cosign.sigstore.dev/attestation/v1"
    );
    assert!(wanted
        .policy
        .as_ref()
        .unwrap()
        .source
        .contains("foobar e2e test"));
    assert_eq!(
        loaded("cip-keyless-with-source.yaml").authorities[0].sources,
        ["registry.local:5000/policy-controller/demo"]
    );
    loaded("cip-key-no-rekor.yaml");
    loaded("cip-keyless-with-identities-mismatch.yaml");
    loaded("cip-public-keyless.yaml");
    // A TrustRoot reference: the trust root given stands in, and says so.
    let (tsa, warnings) = fixture("cip-key-tsa.yaml");
    tsa.unwrap();
    assert_eq!(
        warnings,
        ["spec.authorities[0]: trustRootRef my-sigstore-keys names the cluster's TrustRoot resource: the trust root given to tallyman stands in for it"]
    );
}

#[test]
fn what_cannot_be_honoured_offline_is_refused_by_name() {
    for (name, expected) in [
        (
            "custom-key-attestation-sbom-spdxjson.yaml",
            "spec.authorities[0].attestations[0].policy: CUE policies are not supported",
        ),
        (
            "keyless-attestation-sbom-spdxjson.yaml",
            "CUE policies are not supported",
        ),
        (
            "cip-keyless-with-trustroot-with-attestations.yaml",
            "CUE policies are not supported",
        ),
        (
            "e2e_test_cluster_image_policy_with_oci11_attestations.yaml",
            "CUE policies are not supported",
        ),
        (
            "cip-requires-two-signatures-and-two-attestations.yaml",
            "spec.authorities[0].attestations[0].policy: CUE policies are not supported",
        ),
        ("allow-only-pods.yaml", "spec.policy.includeTypeMeta"),
        (
            "cip-key-hash-algorithm.yaml",
            "spec.authorities[0].key.hashAlgorithm sha512 is not supported",
        ),
        (
            "cip-keyless-with-source-prefix-tag.yaml",
            "spec.authorities[0].source[0].tagPrefix is not supported",
        ),
        (
            "cip-policy-from-url.yaml",
            "spec.policy.remote: only inline policies",
        ),
        (
            "cip-config-file-policy-from-configmap.yaml",
            "spec.policy.configMapRef: only inline policies",
        ),
        (
            "v1beta1-valid-policy.yaml",
            "keyless.ca-cert is not supported",
        ),
    ] {
        let error = refused(name);
        assert!(error.contains(expected), "{name}: {error}");
        assert!(error.starts_with(&format!("{name}: policy ")), "{error}");
    }
}

/// The controller's invalid documents, with the message its webhook gives
/// (each file's `# ERROR:` line).
#[test]
fn the_controllers_invalid_documents_give_its_messages() {
    for name in [
        "invalid-invalid-authority.yaml",
        "invalid-missing-issuer.yaml",
        "invalid-v1beta1-invalid-glob.yaml",
        "invalid-valid-keyref-and-keylessref.yaml",
    ] {
        let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../testdata/policy-controller")
            .join(name);
        let text = std::fs::read_to_string(path).unwrap();
        let expected = text
            .lines()
            .find_map(|line| line.strip_prefix("# ERROR:"))
            .unwrap()
            .trim();
        let error = refused(name);
        assert!(error.contains(expected), "{name}: {error} lacks {expected}");
    }
}

#[test]
fn malformed_documents_are_one_line_each() {
    let mut warnings = Vec::new();
    let mut error = |text: &str| {
        load(text, "p.yaml", false, &mut warnings)
            .unwrap_err()
            .to_string()
    };
    assert!(error("a: [").starts_with("p.yaml: not YAML: "));
    let unknown = error(
        "apiVersion: policy.sigstore.dev/v1beta1\nkind: ClusterImagePolicy\nmetadata: {name: x}\nspec:\n  images: [{glob: '**'}]\n  authorities: [{static: {action: pass}}]\n  colour: blue\n",
    );
    assert!(
        unknown.starts_with(
            "p.yaml: document 1: not a ClusterImagePolicy: spec: unknown field `colour`"
        ),
        "{unknown}"
    );
    let regexp = error(
        "apiVersion: policy.sigstore.dev/v1beta1\nkind: ClusterImagePolicy\nmetadata: {name: x}\nspec:\n  images: [{glob: '**'}]\n  authorities: [{keyless: {identities: [{issuer: a, subjectRegExp: '(unclosed'}]}}]\n",
    );
    assert!(
        regexp.starts_with("p.yaml: policy x: invalid value: (unclosed: spec.authorities[0].keyless.identities[0].subjectRegExp: the regular expression does not compile"),
        "{regexp}"
    );
    assert_eq!(error(""), "p.yaml: no ClusterImagePolicy in the file");
    assert_eq!(
        error("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n"),
        "p.yaml: policy x: apiVersion is \"v1\", not policy.sigstore.dev/v1beta1 or policy.sigstore.dev/v1alpha1"
    );
    // Empty is unset, as in Go: not a pattern that matches everything.
    let empty = error(
        "apiVersion: policy.sigstore.dev/v1beta1\nkind: ClusterImagePolicy\nmetadata: {name: x}\nspec:\n  images: [{glob: '**'}]\n  authorities: [{keyless: {identities: [{issuer: a, subjectRegExp: ''}]}}]\n",
    );
    assert!(empty.ends_with("missing field(s): spec.authorities[0].keyless.identities[0].subject, spec.authorities[0].keyless.identities[0].subjectRegExp"), "{empty}");
    // A TrustRoot of the cluster needs a trust root file to stand in.
    let tsa = std::fs::read_to_string(
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../testdata/policy-controller/cip-key-tsa.yaml"),
    )
    .unwrap();
    assert!(error(&tsa).contains("spec.authorities[0]: trustRootRef my-sigstore-keys names a TrustRoot resource of the cluster"));
    // A key in the bundle format: the controller's refusal.
    let key = std::fs::read_to_string(
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../testdata/policy-controller/cip-key.yaml"),
    )
    .unwrap();
    assert!(key.contains("  - key:\n"));
    assert_eq!(
        error(&key.replace("  - key:\n", "  - signatureFormat: bundle\n    key:\n")),
        "p.yaml: policy image-policy-key: spec.authorities[0]: when using the new bundle format, the authority must be keyless"
    );
    for text in [&error("a: ["), &regexp, &unknown] {
        assert!(!text.contains('\n'), "{text}");
    }
}

#[test]
fn rego_verdicts_are_the_controllers() {
    // The policy compiled as a document's is, then evaluated.
    let evaluate = |name: &str, module: &str, input: &serde_json::Value| {
        compile(module)?.evaluate(name, input)
    };
    let input = json!({"predicateType": "x", "predicate": {"Data": "foobar e2e test"}});
    let boolean = "package sigstore\ndefault isCompliant = false\nisCompliant {\n  input.predicate.Data == \"foobar e2e test\"\n}\n";
    assert_eq!(evaluate("a", boolean, &input).unwrap(), Verdict::Compliant);
    assert_eq!(
        evaluate("a", boolean, &json!({"predicate": {"Data": "no"}})).unwrap(),
        Verdict::Failed(
            "failed evaluating rego policy for type a: policy is not compliant for query 'isCompliant = data.sigstore.isCompliant'".into()
        )
    );
    // The object form (cosign's rego package): result, warning, error.
    let objects = |result: &str, warning: &str, error: &str| {
        format!("package sigstore\nisCompliant[response] {{\n  response := {{\"result\": {result}, \"warning\": \"{warning}\", \"error\": \"{error}\"}}\n}}\n")
    };
    assert_eq!(
        evaluate("a", &objects("true", "", ""), &input).unwrap(),
        Verdict::Compliant
    );
    assert_eq!(
        evaluate("a", &objects("true", "old base image", ""), &input).unwrap(),
        Verdict::Warning("warning: old base image".into())
    );
    assert_eq!(
        evaluate("a", &objects("false", "", "bad package"), &input).unwrap(),
        Verdict::Failed("failed evaluating rego policy for type a: policy is not compliant for query 'isCompliant = data.sigstore.isCompliant' with errors: bad package".into())
    );
    // A result of the wrong type is cosign's parsing error, not a pass.
    assert_eq!(
        evaluate("a", &objects("true", "", "").replace("\"warning\": \"\"", "\"warning\": 5"), &input).unwrap(),
        Verdict::Failed("failed evaluating rego policy for type a: policy is not compliant for query 'isCompliant = data.sigstore.isCompliant' due to parsing errors: result must be a boolean, warning and error strings".into())
    );
    // Only Rego v0, as the controller compiles it; the error is one line.
    let v1 = "package sigstore\nisCompliant if input.predicateType == \"x\"\n";
    let error = compile(v1).unwrap_err().to_string();
    assert!(error.starts_with("not a valid Rego v0 policy"), "{error}");
    assert!(!error.contains('\n'), "{error}");
}
