//! Keyless signing: `sign`, `attest` and `sign-blob` without a key.
//!
//! This machine cannot reach Fulcio, Rekor, a timestamp authority or an
//! OIDC provider, so these tests start a local Sigstore instance in their
//! place (tests/it/support/sigstore_standin.py: an OIDC issuer, a Fulcio CA
//! with embedded SCTs, Rekor v1 and v2 logs over real Merkle trees, an RFC
//! 3161 TSA, and its trusted_root.json and signing configs). The stand-in
//! proves nothing: every bundle tallyman signs is verified by
//! sigstore-python (tests/it/support/sigstore_check.py, configured with the
//! stand-in's trust root) as well as by tallyman, and each must fail both
//! when the identity, the issuer or the signed bytes change.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output};

use base64::Engine;
use serde_json::{json, Value};

use crate::attest::{fail, referrers_index, skopeo_raw};
use crate::support;
use support::registry::{Auth, Registry};
use support::{ok, stderr};

pub(crate) const IDENTITY: &str =
    "https://github.com/octo-org/octo-repo/.github/workflows/release.yml@refs/heads/main";

/// A running stand-in and the files it wrote.
pub(crate) struct Sigstore {
    child: Child,
    dir: tempfile::TempDir,
    pub(crate) url: String,
}

impl Sigstore {
    pub(crate) fn start() -> Sigstore {
        let dir = tempfile::tempdir().unwrap();
        let script =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/support/sigstore_standin.py");
        let child = Command::new("python3")
            .arg(script)
            .arg(dir.path())
            .spawn()
            .expect("python3 with cryptography and asn1crypto (test.sh installs them)");
        // Held before waiting, so a stand-in that never starts is stopped.
        let mut sigstore = Sigstore {
            child,
            dir,
            url: String::new(),
        };
        let url_file = sigstore.dir.path().join("url");
        for _ in 0..300 {
            if let Ok(url) = std::fs::read_to_string(&url_file) {
                sigstore.url = url.trim().to_owned();
                return sigstore;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        panic!("the Sigstore stand-in did not start");
    }

    pub(crate) fn file(&self, name: &str) -> String {
        self.dir.path().join(name).display().to_string()
    }

    /// The flags of a keyless signing against the stand-in, with the
    /// signing config `config` (v1: Rekor v1; v2: Rekor v2 and the TSA).
    pub(crate) fn signing(&self, config: &str) -> Vec<String> {
        vec![
            "--identity-token".into(),
            format!("@{}", self.file("token")),
            "--signing-config".into(),
            self.file(&format!("signing_config_{config}.json")),
            "--trusted-root".into(),
            self.file("trusted_root.json"),
        ]
    }

    /// The flags of a keyless verification of the stand-in's identity.
    pub(crate) fn verifying(&self, identity: &str) -> Vec<String> {
        vec![
            "--certificate-identity".into(),
            identity.into(),
            "--certificate-oidc-issuer".into(),
            self.url.clone(),
            "--trusted-root".into(),
            self.file("trusted_root.json"),
        ]
    }

    fn fault(&self, name: &str) {
        let out = Command::new("curl")
            .args(["-sf", "-XPOST", &format!("{}/control", self.url)])
            .args(["-d", &format!("{{\"fault\":\"{name}\"}}")])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
    }

    pub(crate) fn mint(&self, query: &str) -> String {
        let out = Command::new("curl")
            .args(["-sf", &format!("{}/mint?{query}", self.url)])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        String::from_utf8(out.stdout).unwrap().trim().to_owned()
    }

    /// sigstore-python's verdict on `bundle`: `what` is `--dsse`, or
    /// `--artifact FILE`.
    pub(crate) fn python_verifies(&self, bundle: &Path, identity: &str, what: &[&str]) -> bool {
        self.python_verifies_as(bundle, identity, &self.url, what)
    }

    /// sigstore-python's verdict for a signer `identity` of `issuer`.
    fn python_verifies_as(
        &self,
        bundle: &Path,
        identity: &str,
        issuer: &str,
        what: &[&str],
    ) -> bool {
        let script =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/support/sigstore_check.py");
        let out = Command::new("python3")
            .arg(script)
            .arg(self.file("trusted_root.json"))
            .arg(bundle)
            .args(["--identity", identity, "--issuer", issuer])
            .args(what)
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(
            out.status.success() == said.trim_end().ends_with("OK"),
            "sigstore-python: {said}{}",
            stderr(&out)
        );
        out.status.success()
    }
}

impl Drop for Sigstore {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn tallyman(args: &[String]) -> Output {
    support::command()
        .args(args)
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .env_remove("SIGSTORE_ID_TOKEN")
        .env_remove("GITHUB_ACTIONS")
        .output()
        .unwrap()
}

fn args(words: &[&str], more: &[String]) -> Vec<String> {
    words
        .iter()
        .map(|w| (*w).to_owned())
        .chain(more.iter().cloned())
        .collect()
}

/// The bundle of the one referrer of `digest` in the tag schema.
fn referrer_bundle(registry: &Registry, repository: &str, digest: &str, dir: &Path) -> PathBuf {
    let index = referrers_index(registry, repository, digest);
    let entries = index["manifests"].as_array().unwrap();
    assert_eq!(entries.len(), 1, "{index}");
    let referrer = skopeo_raw(&format!(
        "{}/{repository}@{}",
        registry.host(),
        entries[0]["digest"].as_str().unwrap()
    ));
    let path = dir.join("referrer.sigstore.json");
    std::fs::copy(
        registry.blob_data(referrer["layers"][0]["digest"].as_str().unwrap()),
        &path,
    )
    .unwrap();
    path
}

#[test]
fn keyless_signatures_verify_with_sigstore_python_and_with_tallyman() {
    let sigstore = Sigstore::start();
    let registry = Registry::start(Auth::Anonymous, false);
    registry.push(
        support::small_layout().path(),
        "bookworm",
        "keyless/debian:bookworm",
    );
    let host = registry.host();
    let image = format!("registry:{host}/keyless/debian:bookworm");
    let digest = support::scan_json(&image, &[])["source"]["manifestDigest"]
        .as_str()
        .unwrap()
        .to_owned();
    let dir = tempfile::tempdir().unwrap();

    // cosign 3's form, logged in Rekor v1.
    let signed = ok(tallyman(&args(&["sign", &image], &sigstore.signing("v1"))));
    assert!(
        stderr(&signed).starts_with(&format!(
            "tallyman: signing keyless as repo:octo-org/octo-repo:ref:refs/heads/main (issuer {}) with Fulcio {0}, Rekor v1 {0}\n",
            sigstore.url
        )),
        "{}",
        stderr(&signed)
    );
    let bundle = referrer_bundle(&registry, "keyless/debian", &digest, dir.path());
    let parsed: Value = serde_json::from_slice(&std::fs::read(&bundle).unwrap()).unwrap();
    assert!(parsed["verificationMaterial"]["certificate"]["rawBytes"].is_string());
    assert_eq!(
        parsed["verificationMaterial"]["tlogEntries"][0]["kindVersion"]["kind"],
        "dsse"
    );
    assert!(sigstore.python_verifies(&bundle, IDENTITY, &["--dsse"]));
    assert!(!sigstore.python_verifies(&bundle, "https://github.com/someone/else", &["--dsse"]));

    // cosign 2's form: the certificate and the Rekor entry in annotations;
    // the token from SIGSTORE_ID_TOKEN, as GitLab CI's id_tokens give it.
    let token = std::fs::read_to_string(sigstore.file("token")).unwrap();
    ok(support::command()
        .args(["sign", &image, "--attach-format", "legacy", "-a", "run=1"])
        .args(&sigstore.signing("v1")[2..])
        .env("SIGSTORE_ID_TOKEN", token.trim())
        .output()
        .unwrap());
    let sig = skopeo_raw(&format!(
        "{host}/keyless/debian:{}.sig",
        digest.replace(':', "-")
    ));
    let annotations = &sig["layers"][0]["annotations"];
    assert!(annotations["dev.sigstore.cosign/certificate"]
        .as_str()
        .unwrap()
        .starts_with("-----BEGIN CERTIFICATE-----\n"));
    assert_eq!(annotations["dev.sigstore.cosign/chain"], "");
    let rekor: Value =
        serde_json::from_str(annotations["dev.sigstore.cosign/bundle"].as_str().unwrap()).unwrap();
    assert!(rekor["SignedEntryTimestamp"].is_string());
    assert!(rekor["Payload"]["integratedTime"].is_i64());

    // tallyman verify: both, with cosign's certificate claims.
    let verified = ok(tallyman(&args(
        &["verify", &image],
        &sigstore.verifying(IDENTITY),
    )));
    let said = stderr(&verified);
    assert!(said.contains("  - The cosign claims were validated\n  - Existence of the claims in the transparency log was verified offline\n  - The code-signing certificate was verified using trusted certificate authority certificates\n"), "{said}");
    let claims: Vec<Value> = serde_json::from_slice(&verified.stdout).unwrap();
    assert_eq!(claims.len(), 2, "{claims:?}");
    for claim in &claims {
        assert_eq!(
            claim["critical"]["image"]["docker-manifest-digest"],
            digest.as_str()
        );
        assert_eq!(claim["optional"]["Subject"], IDENTITY);
        assert_eq!(claim["optional"]["Issuer"], sigstore.url.as_str());
        assert_eq!(claim["optional"]["githubWorkflowTrigger"], "push");
        assert_eq!(
            claim["optional"]["1.3.6.1.4.1.57264.1.5"],
            "octo-org/octo-repo"
        );
        assert_eq!(claim["optional"]["githubWorkflowRef"], "refs/heads/main");
    }
    assert_eq!(
        claims[0]["critical"]["type"],
        "https://sigstore.dev/cosign/sign/v1"
    );
    assert_eq!(
        claims[1]["critical"]["type"],
        "cosign container image signature"
    );
    assert_eq!(claims[1]["optional"]["run"], "1");
    assert_eq!(claims[1]["optional"]["Bundle"], rekor);

    // Another identity, another issuer: refused, one line each signature.
    let refused = fail(tallyman(&args(
        &["verify", &image],
        &sigstore.verifying("https://github.com/someone/else"),
    )));
    assert_eq!(
        refused.matches("identity check failed").count(),
        2,
        "{refused}"
    );
    let mut other_issuer = sigstore.verifying(IDENTITY);
    other_issuer[3] = "https://token.actions.githubusercontent.com".into();
    let refused = fail(tallyman(&args(&["verify", &image], &other_issuer)));
    assert_eq!(
        refused.matches("issuer check failed").count(),
        2,
        "{refused}"
    );

    // Rekor v2 (with the TSA) cannot be written as cosign 2's annotations.
    let v2_legacy = fail(tallyman(&args(
        &["sign", &image, "--attach-format", "legacy"],
        &sigstore.signing("v2"),
    )));
    assert!(v2_legacy.contains("carry a Rekor v1 entry"), "{v2_legacy}");

    // attest keyless, Rekor v2 and a timestamp; verify-attestation and sigstore-python agree.
    let attestation = dir.path().join("attestation.sigstore.json");
    ok(tallyman(&args(
        &[
            "attest",
            &image,
            "--attach",
            "--bundle",
            &attestation.display().to_string(),
        ],
        &sigstore.signing("v2"),
    )));
    assert!(sigstore.python_verifies(&attestation, IDENTITY, &["--dsse"]));
    let policy = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/policies/deny-packages.rego");
    let predicate = ok(tallyman(&args(
        &[
            "verify-attestation",
            &image,
            "--policy",
            &policy.display().to_string(),
        ],
        &sigstore.verifying(IDENTITY),
    )));
    assert!(
        stderr(&predicate).contains("allowed 1 verified attestation"),
        "{}",
        stderr(&predicate)
    );
    let sbom: Value = serde_json::from_slice(&predicate.stdout).unwrap();
    assert_eq!(sbom["spdxVersion"], "SPDX-2.3");

    // sign-blob with GitHub Actions' ambient credentials, Rekor v2 and the TSA.
    let file = dir.path().join("release.tar");
    std::fs::write(&file, b"the release\n").unwrap();
    let blob_bundle = dir.path().join("release.sigstore.json");
    let request_token = std::fs::read_to_string(sigstore.file("gha_request_token")).unwrap();
    let out = support::command()
        .args(["sign-blob", &file.display().to_string(), "--bundle"])
        .arg(&blob_bundle)
        .args(["--signing-config", &sigstore.file("signing_config_v2.json")])
        .args(["--trusted-root", &sigstore.file("trusted_root.json")])
        .env_remove("SIGSTORE_ID_TOKEN")
        .env("GITHUB_ACTIONS", "true")
        .env(
            "ACTIONS_ID_TOKEN_REQUEST_URL",
            format!("{}/gha/token?api-version=2.0", sigstore.url),
        )
        .env("ACTIONS_ID_TOKEN_REQUEST_TOKEN", request_token.trim())
        .output()
        .unwrap();
    ok(out);
    let file_arg = file.display().to_string();
    assert!(sigstore.python_verifies(&blob_bundle, IDENTITY, &["--artifact", &file_arg]));
    let blob_verify = args(
        &[
            "verify-blob",
            &file_arg,
            "--bundle",
            &blob_bundle.display().to_string(),
        ],
        &sigstore.verifying(IDENTITY),
    );
    ok(tallyman(&blob_verify));
    assert!(!sigstore.python_verifies_as(
        &blob_bundle,
        IDENTITY,
        "https://token.actions.githubusercontent.com",
        &["--artifact", &file_arg]
    ));
    // The log entry or the timestamp changed: both verifiers refuse it.
    let original: Value = serde_json::from_slice(&std::fs::read(&blob_bundle).unwrap()).unwrap();
    let b64 = base64::engine::general_purpose::STANDARD;
    // The logged entry (Rekor v2's hashedrekord) says another digest was signed.
    let mut moved = original.clone();
    let body = &mut moved["verificationMaterial"]["tlogEntries"][0]["canonicalizedBody"];
    let mut entry: Value =
        serde_json::from_slice(&b64.decode(body.as_str().unwrap()).unwrap()).unwrap();
    entry["spec"]["hashedRekordV002"]["data"]["digest"] = json!(b64.encode([7u8; 32]));
    *body = json!(b64.encode(entry.to_string()));
    let mut forged = original;
    let timestamp = &mut forged["verificationMaterial"]["timestampVerificationData"]
        ["rfc3161Timestamps"][0]["signedTimestamp"];
    let mut der = b64.decode(timestamp.as_str().unwrap()).unwrap();
    let last = der.len() - 1;
    der[last] ^= 1;
    *timestamp = json!(b64.encode(der));
    for (what, tampered) in [("log entry", moved), ("timestamp", forged)] {
        let path = dir
            .path()
            .join(format!("tampered-{}.json", what.replace(' ', "-")));
        std::fs::write(&path, tampered.to_string()).unwrap();
        assert!(
            !sigstore.python_verifies(&path, IDENTITY, &["--artifact", &file_arg]),
            "{what}"
        );
        let mut tampered_verify = blob_verify.clone();
        tampered_verify[3] = path.display().to_string();
        fail(tallyman(&tampered_verify));
    }
    std::fs::write(&file, b"another release\n").unwrap();
    assert!(!sigstore.python_verifies(&blob_bundle, IDENTITY, &["--artifact", &file_arg]));
    fail(tallyman(&blob_verify));
}

#[test]
fn keyless_failures_are_one_line_and_attach_nothing() {
    let sigstore = Sigstore::start();
    let registry = Registry::start(Auth::Anonymous, false);
    registry.push(
        support::small_layout().path(),
        "bookworm",
        "refused/debian:bookworm",
    );
    let image = format!("registry:{}/refused/debian:bookworm", registry.host());
    let digest = support::scan_json(&image, &[])["source"]["manifestDigest"]
        .as_str()
        .unwrap()
        .to_owned();
    let one_line = |out: Output, wanted: &str| {
        let said = fail(out);
        let errors: Vec<&str> = said
            .lines()
            .filter(|l| l.starts_with("tallyman: error:"))
            .collect();
        assert_eq!(errors.len(), 1, "{said}");
        assert!(errors[0].contains(wanted), "{said}");
    };
    for (fault, config, wanted) in [
        ("fulcio-foreign-chain", "v1", "certificate chain"),
        ("rekor-bad-proof", "v1", "inclusion proof"),
        ("rekor-bad-proof", "v2", "inclusion proof"),
        ("tsa-bad", "v2", "TSA"),
    ] {
        sigstore.fault(fault);
        one_line(
            tallyman(&args(&["sign", &image], &sigstore.signing(config))),
            wanted,
        );
    }
    sigstore.fault("none");
    let with_token = |token: &str| {
        let mut signing = sigstore.signing("v1");
        signing[1] = token.to_owned();
        tallyman(&args(&["sign", &image], &signing))
    };
    one_line(
        with_token(&sigstore.mint("aud=other")),
        "is for the audience \"other\", not \"sigstore\"",
    );
    one_line(
        with_token(&sigstore.mint("aud=sigstore&exp_in=-60")),
        "expired at",
    );
    one_line(with_token("not-a-jwt"), "not an OIDC identity token");
    let unreachable = sigstore.dir.path().join("unreachable.json");
    std::fs::write(
        &unreachable,
        std::fs::read_to_string(sigstore.file("signing_config_v1.json"))
            .unwrap()
            .replace(
                &sigstore.url,
                &format!("http://127.0.0.1:{}", support::registry::free_port()),
            ),
    )
    .unwrap();
    let mut signing = sigstore.signing("v1");
    signing[3] = unreachable.display().to_string();
    one_line(tallyman(&args(&["sign", &image], &signing)), "Fulcio");
    // Nothing was attached by any of them.
    assert!(registry
        .tag_schema_digests("refused/debian", &digest)
        .is_empty());
    let sig = Command::new("skopeo")
        .args(["inspect", "--raw", "--tls-verify=false"])
        .arg(format!(
            "docker://{}/refused/debian:{}.sig",
            registry.host(),
            digest.replace(':', "-")
        ))
        .output()
        .unwrap();
    assert!(!sig.status.success());
}
