//! The sigstore-conformance suite's `bundle-verify` cases (every one copied
//! into tests/fixtures; see its SOURCE.md), each run through `tallyman
//! verify-blob` as the suite's client protocol describes: the case's
//! artifact (else `a.txt`), its key (else the default identity and issuer,
//! or the case's), its trust root (else the embedded public-good one). A
//! `_fail` case must fail with one line; every other case must verify.

use crate::support;

use std::path::Path;

const IDENTITY: &str = "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main";
const ISSUER: &str = "https://token.actions.githubusercontent.com";

#[test]
fn every_bundle_verify_case_gives_the_expected_verdict() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/sigstore-conformance/bundle-verify");
    let mut cases: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert_eq!(cases.len(), 70, "every case of the suite is here");
    let mut wrong = Vec::new();
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let artifact = Some(case.join("artifact"))
            .filter(|p| p.exists())
            .unwrap_or_else(|| root.join("a.txt"));
        let mut cmd = support::command();
        cmd.arg("verify-blob")
            .arg(&artifact)
            .arg("--bundle")
            .arg(case.join("bundle.sigstore.json"));
        if case.join("key.pub").exists() {
            cmd.arg("--key").arg(case.join("key.pub"));
        } else {
            let read = |file: &str, default: &str| {
                std::fs::read_to_string(case.join(file))
                    .map(|s| s.trim().to_owned())
                    .unwrap_or_else(|_| default.to_owned())
            };
            cmd.args(["--certificate-identity", &read("identity", IDENTITY)]);
            cmd.args(["--certificate-oidc-issuer", &read("issuer", ISSUER)]);
        }
        if case.join("trusted_root.json").exists() {
            cmd.arg("--trusted-root")
                .arg(case.join("trusted_root.json"));
        }
        let out = cmd.output().unwrap();
        let said = support::stderr(&out);
        let ok = if name.ends_with("_fail") {
            out.status.code() == Some(1)
                && said.starts_with("tallyman: error: ")
                && said.lines().count() == 1
        } else {
            out.status.success() && said.starts_with("tallyman: verified ")
        };
        if !ok {
            wrong.push(format!("{name}: {said}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
