//! Keys, attestations and verification end to end: cosign-format key pairs,
//! attestations of real images verified by tallyman and by securesystemslib,
//! each kind of tampering failing with its own message, cosign's key and
//! envelope fixtures, and attestations attached to a real registry the way
//! cosign stores them.

use crate::support;

use std::path::Path;
use std::process::{Command, Output};

use base64::Engine;
use serde_json::Value;
use support::registry::{Auth, Registry};
use support::{ok, stderr};

const SMALL: &str = "testdata/images/debian-bookworm-dpkg.oci.tar";

pub(crate) fn tallyman(args: &[&str], password: Option<&str>) -> Output {
    let mut cmd = support::command();
    cmd.args(args).env("SOURCE_DATE_EPOCH", "1700000000");
    if let Some(password) = password {
        cmd.env("COSIGN_PASSWORD", password);
    }
    cmd.output().unwrap()
}

pub(crate) fn fail(out: Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(1),
        "expected failure: {}",
        stderr(&out)
    );
    assert!(out.stdout.is_empty());
    stderr(&out)
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/cosign")
        .join(name)
        .display()
        .to_string()
}

pub(crate) struct Keys {
    _dir: tempfile::TempDir,
    pub(crate) private: String,
    pub(crate) public: String,
}

pub(crate) fn key_pair() -> Keys {
    let dir = tempfile::tempdir().unwrap();
    let prefix = dir.path().join("cosign").display().to_string();
    ok(tallyman(
        &["generate-key-pair", "--output-key-prefix", &prefix],
        Some("s3cret"),
    ));
    Keys {
        private: format!("{prefix}.key"),
        public: format!("{prefix}.pub"),
        _dir: dir,
    }
}

pub(crate) fn python_verifies(envelope: &Path, public: &str) -> bool {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/support/verify_dsse.py");
    let out = Command::new("python3")
        .arg(script)
        .arg(envelope)
        .arg(public)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        said.starts_with("verified") || said.starts_with("not verified"),
        "securesystemslib: {said}{}",
        stderr(&out)
    );
    out.status.success()
}

#[test]
fn generated_keys_are_cosigns_format_and_not_overwritten() {
    let keys = key_pair();
    let private = std::fs::read_to_string(&keys.private).unwrap();
    assert!(private.starts_with("-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n"));
    let body: String = private
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .collect();
    let json: Value = serde_json::from_slice(
        &base64::engine::general_purpose::STANDARD
            .decode(body)
            .unwrap(),
    )
    .unwrap();
    assert_eq!(json["kdf"]["name"], "scrypt");
    assert_eq!(
        json["kdf"]["params"],
        serde_json::json!({"N": 65536, "r": 8, "p": 1})
    );
    assert_eq!(json["cipher"]["name"], "nacl/secretbox");
    assert!(std::fs::read_to_string(&keys.public)
        .unwrap()
        .starts_with("-----BEGIN PUBLIC KEY-----\n"));
    let mode = std::os::unix::fs::PermissionsExt::mode(
        &std::fs::metadata(&keys.private).unwrap().permissions(),
    );
    assert_eq!(mode & 0o777, 0o600);
    let prefix = keys.private.trim_end_matches(".key");
    let err = fail(tallyman(
        &["generate-key-pair", "--output-key-prefix", prefix],
        Some("x"),
    ));
    assert!(
        err.contains("cosign.key: already exists; use --force to overwrite"),
        "{err}"
    );
    ok(tallyman(
        &[
            "generate-key-pair",
            "--output-key-prefix",
            prefix,
            "--force",
        ],
        Some("x"),
    ));
    let err = fail(tallyman(
        &[
            "generate-key-pair",
            "--output-key-prefix",
            prefix,
            "--force",
        ],
        None,
    ));
    assert!(err.contains("set COSIGN_PASSWORD"), "{err}");
}

#[test]
fn attest_and_verify_a_real_image_and_every_tampering_fails() {
    let keys = key_pair();
    let dir = tempfile::tempdir().unwrap();
    let envelope = dir.path().join("att.json");
    let envelope_arg = envelope.display().to_string();
    ok(tallyman(
        &["attest", SMALL, "--key", &keys.private, "-o", &envelope_arg],
        Some("s3cret"),
    ));
    let sbom = ok(tallyman(&["scan", SMALL, "-o", "spdx-json"], None)).stdout;

    let verified = ok(tallyman(
        &[
            "verify-attestation",
            SMALL,
            "--key",
            &keys.public,
            "--envelope",
            &envelope_arg,
        ],
        None,
    ))
    .stdout;
    assert!(
        verified == sbom,
        "the verified predicate is the SBOM, byte for byte"
    );
    assert!(
        python_verifies(&envelope, &keys.public),
        "securesystemslib verifies it too"
    );

    // The statement is what cosign writes.
    let outer: Value = serde_json::from_slice(&std::fs::read(&envelope).unwrap()).unwrap();
    assert_eq!(outer["payloadType"], "application/vnd.in-toto+json");
    assert_eq!(outer["signatures"][0]["keyid"], "");
    let statement: Value = serde_json::from_slice(
        &base64::engine::general_purpose::STANDARD
            .decode(outer["payload"].as_str().unwrap())
            .unwrap(),
    )
    .unwrap();
    assert_eq!(statement["_type"], "https://in-toto.io/Statement/v0.1");
    assert_eq!(statement["predicateType"], "https://spdx.dev/Document");
    let scanned: Value =
        serde_json::from_slice(&ok(tallyman(&["scan", SMALL, "-o", "json"], None)).stdout).unwrap();
    let digest = scanned["source"]["manifestDigest"].as_str().unwrap();
    assert_eq!(
        statement["subject"],
        serde_json::json!([{"name": "debian-bookworm-dpkg.oci.tar", "digest": {"sha256": digest.trim_start_matches("sha256:")}}])
    );
    assert_eq!(statement["predicate"]["spdxVersion"], "SPDX-2.3");

    let verify = |file: &Path, key: &str, source: &str, kind: &str| {
        fail(tallyman(
            &[
                "verify-attestation",
                source,
                "--key",
                key,
                "--envelope",
                &file.display().to_string(),
                "--type",
                kind,
            ],
            None,
        ))
    };
    let flipped = |field: &str| {
        let mut value = outer.clone();
        let text = value[field]
            .as_str()
            .map(str::to_owned)
            .unwrap_or_else(|| value["signatures"][0]["sig"].as_str().unwrap().to_owned());
        let mut bytes = base64::engine::general_purpose::STANDARD
            .decode(&text)
            .unwrap();
        let at = bytes.len() / 2;
        bytes[at] ^= 0x01;
        let encoded = base64::engine::general_purpose::STANDARD.encode(bytes);
        if field == "payload" {
            value["payload"] = Value::String(encoded);
        } else {
            value["signatures"][0]["sig"] = Value::String(encoded);
        }
        let path = dir.path().join(format!("{field}.json"));
        std::fs::write(&path, serde_json::to_vec(&value).unwrap()).unwrap();
        path
    };
    let bad_payload = flipped("payload");
    let err = verify(&bad_payload, &keys.public, SMALL, "spdxjson");
    assert!(
        err.contains("signature check failed: no signature verifies"),
        "{err}"
    );
    assert!(!python_verifies(&bad_payload, &keys.public));
    let bad_signature = flipped("sig");
    let err = verify(&bad_signature, &keys.public, SMALL, "spdxjson");
    assert!(err.contains("signature check failed"), "{err}");
    assert!(!python_verifies(&bad_signature, &keys.public));
    let other = key_pair();
    let err = verify(&envelope, &other.public, SMALL, "spdxjson");
    assert!(err.contains("signature check failed"), "{err}");
    let other_image = format!(
        "oci-dir:{}",
        support::images().join("alpine-node.oci").display()
    );
    let err = verify(&envelope, &keys.public, &other_image, "spdxjson");
    assert!(
        err.contains("subject check failed: no subject has digest sha256:"),
        "{err}"
    );
    let err = verify(&envelope, &keys.public, SMALL, "cyclonedx");
    assert!(err.contains("predicate type check failed: the attestation is https://spdx.dev/Document, not https://cyclonedx.org/bom"), "{err}");
}

#[test]
fn cosign_key_fixtures_load_or_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    for (key, password) in [
        ("cosign-keys_test-pemsigstorekey.key", "hello"),
        ("cosign-keys_test-pemcosignkey.key", "hello"),
        (
            "sigstore-rs-cosign_generated_encrypted_empty_private.key",
            "",
        ),
        ("sigstore-rs-ecdsa_encrypted_private.key", "123"),
        (
            "sigstore-rs-ECDSA_P256_ASN1_ENCRYPTED_PRIVATE_PEM.key",
            "password",
        ),
    ] {
        let out = dir.path().join(format!("{key}.att"));
        ok(tallyman(
            &[
                "attest",
                SMALL,
                "--key",
                &fixture(key),
                "-o",
                &out.display().to_string(),
            ],
            Some(password),
        ));
        let public = fixture(&key.replace(".key", ".derived.pub"));
        ok(tallyman(
            &[
                "verify-attestation",
                SMALL,
                "--key",
                &public,
                "--envelope",
                &out.display().to_string(),
            ],
            None,
        ));
        assert!(python_verifies(&out, &public), "{key}");
    }
    let err = fail(tallyman(
        &[
            "attest",
            SMALL,
            "--key",
            &fixture("cosign-keys_test-pemcosigneckey.key"),
        ],
        Some("hello"),
    ));
    assert!(err.contains("SEC1"), "{err}");
    let err = fail(tallyman(
        &[
            "attest",
            SMALL,
            "--key",
            &fixture("cosign-keys_test-pemsigstorekey.key"),
        ],
        Some("wrong"),
    ));
    assert!(err.contains("wrong password"), "{err}");
}

#[test]
fn cosign_blob_envelopes_verify_as_cosign_says() {
    let blob = fixture("cosign-vba_test-blob.txt");
    let key = fixture("cosign-vba_test-pubkey.pub");
    let run = |envelope: &str, kind: &str| {
        tallyman(
            &[
                "verify-attestation",
                "--blob",
                &blob,
                "--envelope",
                &fixture(envelope),
                "--key",
                &key,
                "--type",
                kind,
            ],
            None,
        )
    };
    let printed = ok(run(
        "cosign-vba_test-blobSLSAProvenanceSignature.dsse.json",
        "slsaprovenance",
    ))
    .stdout;
    let predicate: Value = serde_json::from_slice(&printed).unwrap();
    assert_eq!(predicate["builder"]["id"], "2");
    ok(run(
        "cosign-vba_test-dssePredicateMultipleSubjects.dsse.json",
        "slsaprovenance",
    ));
    assert!(fail(run(
        "cosign-vba_test-blobSLSAProvenanceSignature.dsse.json",
        "custom"
    ))
    .contains("predicate type check failed"));
    for envelope in [
        "cosign-vba_test-dssePredicateMultipleSubjectsInvalid.dsse.json",
        "cosign-vba_test-dssePredicateEmptySubject.dsse.json",
        "cosign-vba_test-dssePredicateMissingSha256.dsse.json",
    ] {
        assert!(
            fail(run(envelope, "slsaprovenance")).contains("subject check failed"),
            "{envelope}"
        );
    }
}

pub(crate) fn skopeo_raw(reference: &str) -> Value {
    let out = Command::new("skopeo")
        .args([
            "inspect",
            "--raw",
            "--tls-verify=false",
            &format!("docker://{reference}"),
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "skopeo inspect: {}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn attach_to_a_registry_as_cosign_2_did() {
    let registry = Registry::start(Auth::Anonymous, false);
    let layout = support::small_layout();
    registry.push(layout.path(), "bookworm", "signed/debian:bookworm");
    let image = format!("registry:{}/signed/debian:bookworm", registry.host());
    let keys = key_pair();
    let attached = ok(tallyman(
        &[
            "attest",
            &image,
            "--key",
            &keys.private,
            "--attach",
            "--attach-format",
            "legacy",
        ],
        Some("s3cret"),
    ));

    let scanned: Value =
        serde_json::from_slice(&ok(tallyman(&["scan", &image, "-o", "json"], None)).stdout)
            .unwrap();
    let digest = scanned["source"]["manifestDigest"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        stderr(&attached),
        format!(
            "tallyman: attached to {}/signed/debian:sha256-{}.att\n",
            registry.host(),
            digest.trim_start_matches("sha256:")
        )
    );
    let tag = format!(
        "{}/signed/debian:sha256-{}.att",
        registry.host(),
        digest.trim_start_matches("sha256:")
    );
    let manifest = skopeo_raw(&tag);
    assert_eq!(
        manifest["mediaType"],
        "application/vnd.oci.image.manifest.v1+json"
    );
    let layers = manifest["layers"].as_array().unwrap();
    assert_eq!(layers.len(), 1);
    assert_eq!(
        layers[0]["mediaType"],
        "application/vnd.dsse.envelope.v1+json"
    );
    assert_eq!(
        layers[0]["annotations"]["dev.cosignproject.cosign/signature"],
        ""
    );
    assert_eq!(
        layers[0]["annotations"]["predicateType"],
        "https://spdx.dev/Document"
    );

    let sbom = ok(tallyman(&["scan", &image, "-o", "spdx-json"], None)).stdout;
    let verified = ok(tallyman(
        &["verify-attestation", &image, "--key", &keys.public],
        None,
    ))
    .stdout;
    assert!(
        verified == sbom,
        "verify-attestation prints the attested SBOM"
    );
    let statement_subject_name = {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.json");
        ok(tallyman(
            &[
                "attest",
                &image,
                "--key",
                &keys.private,
                "-o",
                &file.display().to_string(),
            ],
            Some("s3cret"),
        ));
        let outer: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
        let payload = base64::engine::general_purpose::STANDARD
            .decode(outer["payload"].as_str().unwrap())
            .unwrap();
        serde_json::from_slice::<Value>(&payload).unwrap()["subject"][0]["name"].clone()
    };
    assert_eq!(
        statement_subject_name,
        format!("{}/signed/debian", registry.host())
    );

    // A second predicate type is added beside the first.
    ok(tallyman(
        &[
            "attest",
            &image,
            "--key",
            &keys.private,
            "--type",
            "cyclonedx",
            "--attach",
            "--attach-format",
            "legacy",
        ],
        Some("s3cret"),
    ));
    let layers = skopeo_raw(&tag)["layers"].as_array().unwrap().clone();
    let types: Vec<&str> = layers
        .iter()
        .map(|l| l["annotations"]["predicateType"].as_str().unwrap())
        .collect();
    assert_eq!(
        types,
        ["https://spdx.dev/Document", "https://cyclonedx.org/bom"]
    );
    let cdx = ok(tallyman(
        &[
            "verify-attestation",
            &image,
            "--key",
            &keys.public,
            "--type",
            "cyclonedx",
        ],
        None,
    ))
    .stdout;
    let cdx: Value = serde_json::from_slice(&cdx).unwrap();
    assert_eq!(cdx["bomFormat"], "CycloneDX");
    assert!(!cdx["components"].as_array().unwrap().is_empty());

    // --replace drops the earlier SPDX attestation, keeps the CycloneDX one.
    let quiet = ok(tallyman(
        &[
            "attest",
            &image,
            "--key",
            &keys.private,
            "--attach",
            "--attach-format=legacy",
            "--replace",
            "-q",
        ],
        Some("s3cret"),
    ));
    assert_eq!(stderr(&quiet), "", "-q: no note");
    let mut types: Vec<String> = skopeo_raw(&tag)["layers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            l["annotations"]["predicateType"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    // The new SPDX attestation is byte for byte the old one (a fixed
    // SOURCE_DATE_EPOCH, deterministic ECDSA): one of each, in any order.
    types.sort();
    assert_eq!(
        types,
        ["https://cyclonedx.org/bom", "https://spdx.dev/Document"]
    );

    // An image with no attestations says so.
    registry.push(layout.path(), "bookworm", "unsigned/debian:bookworm");
    let err = fail(tallyman(
        &[
            "verify-attestation",
            &format!("registry:{}/unsigned/debian:bookworm", registry.host()),
            "--key",
            &keys.public,
        ],
        None,
    ));
    assert!(
        err.contains("no attestations: the registry has no sha256-"),
        "{err}"
    );
    assert!(
        err.contains("no referrers API; looked for the tag sha256-"),
        "{err}"
    );
}

/// The referrer manifests listed under the tag schema's `sha256-<hex>` tag.
pub(crate) fn referrers_index(registry: &Registry, repository: &str, digest: &str) -> Value {
    skopeo_raw(&format!(
        "{}/{repository}:{}",
        registry.host(),
        digest.replace(':', "-")
    ))
}

/// base64(sha256(SubjectPublicKeyInfo DER)) of a PEM public key.
fn key_hint(public: &str) -> String {
    let pem = std::fs::read_to_string(public).unwrap();
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    let der = base64::engine::general_purpose::STANDARD
        .decode(body)
        .unwrap();
    let hex = support::oci::sha256(&der);
    let bytes: Vec<u8> = (0..32)
        .map(|i| u8::from_str_radix(&hex["sha256:".len() + 2 * i..][..2], 16).unwrap())
        .collect();
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[test]
fn attach_as_cosign_3_does_and_verify_from_every_place() {
    let registry = Registry::start(Auth::Anonymous, false);
    let layout = support::small_layout();
    registry.push(layout.path(), "bookworm", "bundled/debian:bookworm");
    let image = format!("registry:{}/bundled/debian:bookworm", registry.host());
    let keys = key_pair();
    let dir = tempfile::tempdir().unwrap();
    let bundle_file = dir.path().join("att.sigstore.json");
    let attached = ok(tallyman(
        &[
            "attest",
            &image,
            "--key",
            &keys.private,
            "--attach",
            "--bundle",
            &bundle_file.display().to_string(),
        ],
        Some("s3cret"),
    ));
    let scanned = support::scan_json(&image, &[]);
    let digest = scanned["source"]["manifestDigest"].as_str().unwrap();
    let image_manifest = skopeo_raw(&format!("{}/bundled/debian:bookworm", registry.host()));

    // The tag schema's index lists one bundle, with cosign's annotations.
    let index = referrers_index(&registry, "bundled/debian", digest);
    assert_eq!(
        index["mediaType"],
        "application/vnd.oci.image.index.v1+json"
    );
    let entries = index["manifests"].as_array().unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(
        entries[0]["artifactType"],
        "application/vnd.dev.sigstore.bundle.v0.3+json"
    );
    assert_eq!(
        entries[0]["annotations"],
        serde_json::json!({
            "dev.sigstore.bundle.content": "dsse-envelope",
            "dev.sigstore.bundle.predicateType": "https://spdx.dev/Document",
            "org.opencontainers.image.created": "2023-11-14T22:13:20Z",
        })
    );
    let referrer_digest = entries[0]["digest"].as_str().unwrap().to_owned();
    assert_eq!(
        stderr(&attached),
        format!(
            "tallyman: attached to {}/bundled/debian@{referrer_digest} (a referrer, listed under the tag {})\n",
            registry.host(),
            digest.replace(':', "-")
        )
    );

    // The referrer manifest: empty config, one bundle layer, the image as subject.
    let referrer = skopeo_raw(&format!(
        "{}/bundled/debian@{referrer_digest}",
        registry.host()
    ));
    assert_eq!(
        referrer["mediaType"],
        "application/vnd.oci.image.manifest.v1+json"
    );
    assert_eq!(
        referrer["artifactType"],
        "application/vnd.dev.sigstore.bundle.v0.3+json"
    );
    assert_eq!(
        referrer["config"],
        serde_json::json!({
            "mediaType": "application/vnd.oci.empty.v1+json",
            "digest": "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
            "size": 2,
        })
    );
    assert_eq!(referrer["subject"]["digest"], digest);
    assert_eq!(
        referrer["subject"]["mediaType"],
        image_manifest["mediaType"]
    );
    assert_eq!(referrer["annotations"], entries[0]["annotations"]);
    let layers = referrer["layers"].as_array().unwrap();
    assert_eq!(layers.len(), 1);
    assert_eq!(
        layers[0]["mediaType"],
        "application/vnd.dev.sigstore.bundle.v0.3+json"
    );
    // The bundle stored is the one --bundle wrote: the key's hint, the
    // envelope in cosign 3's shape, no transparency-log entry.
    let stored = std::fs::read(registry.blob_data(layers[0]["digest"].as_str().unwrap())).unwrap();
    assert_eq!(stored, std::fs::read(&bundle_file).unwrap());
    let bundle: Value = serde_json::from_slice(&stored).unwrap();
    assert_eq!(
        bundle["mediaType"],
        "application/vnd.dev.sigstore.bundle.v0.3+json"
    );
    assert_eq!(
        bundle["verificationMaterial"],
        serde_json::json!({"publicKey": {"hint": key_hint(&keys.public)}})
    );
    assert_eq!(
        bundle["dsseEnvelope"]["payloadType"],
        "application/vnd.in-toto+json"
    );
    let signatures = bundle["dsseEnvelope"]["signatures"].as_array().unwrap();
    assert_eq!(signatures.len(), 1);
    assert_eq!(
        signatures[0]
            .as_object()
            .unwrap()
            .keys()
            .collect::<Vec<_>>(),
        ["sig"]
    );

    // verify-attestation finds it and prints the SBOM; the bundle file
    // verifies on its own too.
    let sbom = ok(tallyman(&["scan", &image, "-o", "spdx-json"], None)).stdout;
    let verified = ok(tallyman(
        &["verify-attestation", &image, "--key", &keys.public],
        None,
    ));
    assert!(verified.stdout == sbom, "the attested SBOM is printed");
    assert!(stderr(&verified).contains(&format!(
        "verified {}/bundled/debian@{referrer_digest}",
        registry.host()
    )));
    let from_file = ok(tallyman(
        &[
            "verify-attestation",
            &image,
            "--key",
            &keys.public,
            "--bundle",
            &bundle_file.display().to_string(),
        ],
        None,
    ));
    assert!(from_file.stdout == sbom);

    // A second bundle joins the index; the first is kept. A legacy .att
    // attestation beside them is found too.
    ok(tallyman(
        &[
            "attest",
            &image,
            "--key",
            &keys.private,
            "--attach",
            "--type",
            "cyclonedx",
            "-q",
        ],
        Some("s3cret"),
    ));
    ok(tallyman(
        &[
            "attest",
            &image,
            "--key",
            &keys.private,
            "--attach",
            "--attach-format",
            "legacy",
            "--type",
            "cyclonedx",
            "-q",
        ],
        Some("s3cret"),
    ));
    let index = referrers_index(&registry, "bundled/debian", digest);
    let types: Vec<&str> = index["manifests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            e["annotations"]["dev.sigstore.bundle.predicateType"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert_eq!(
        types,
        ["https://spdx.dev/Document", "https://cyclonedx.org/bom"]
    );
    assert_eq!(index["manifests"][0]["digest"], referrer_digest.as_str());
    let cdx = ok(tallyman(
        &[
            "verify-attestation",
            &image,
            "--key",
            &keys.public,
            "--type",
            "cyclonedx",
        ],
        None,
    ));
    let doc: Value = serde_json::from_slice(&cdx.stdout).unwrap();
    assert_eq!(doc["bomFormat"], "CycloneDX");
    assert!(stderr(&cdx).contains("verified"), "{}", stderr(&cdx));

    // Another key verifies nothing, and says what it tried in each place.
    let other = key_pair();
    let err = fail(tallyman(
        &["verify-attestation", &image, "--key", &other.public],
        None,
    ));
    assert!(
        err.contains(&format!(
            "sha256-{}.att (layer 1): ",
            &digest["sha256:".len()..]
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "@{referrer_digest} (a referrer, listed under the tag"
        )),
        "{err}"
    );
    assert!(err.contains("signature check failed"), "{err}");

    // Referrers are never removed.
    let err = fail(tallyman(
        &[
            "attest",
            &image,
            "--key",
            &keys.private,
            "--attach",
            "--replace",
        ],
        Some("s3cret"),
    ));
    assert!(
        err.contains("--replace needs --attach-format legacy"),
        "{err}"
    );
}

fn conformance(case: &str, file: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/sigstore-conformance/bundle-verify")
        .join(case)
        .join(file)
        .display()
        .to_string()
}

#[test]
fn sigstore_bundles_signed_with_a_key_have_their_log_entries_checked() {
    let artifact = conformance("", "a.txt");
    let verify_blob = |file: &str, key: &str, bundle: &str, root: Option<&str>| {
        let mut args = vec!["verify-blob", file, "--key", key, "--bundle", bundle];
        args.extend(root.map(|r| ["--trusted-root", r]).into_iter().flatten());
        tallyman(&args, None)
    };
    let happy = conformance("managed-key-happy-path", "bundle.sigstore.json");
    let happy_key = conformance("managed-key-happy-path", "key.pub");
    let said = stderr(&ok(verify_blob(&artifact, &happy_key, &happy, None)));
    assert_eq!(
        said,
        format!("tallyman: verified {happy}; transparency log checked against the embedded public-good Sigstore trust root\n")
    );
    // A bundle logged elsewhere verifies against its own trust root only.
    let own = conformance("managed-key-and-trusted-root", "bundle.sigstore.json");
    let own_key = conformance("managed-key-and-trusted-root", "key.pub");
    let own_root = conformance("managed-key-and-trusted-root", "trusted_root.json");
    let said = stderr(&ok(verify_blob(&artifact, &own_key, &own, Some(&own_root))));
    assert!(
        said.ends_with(&format!("transparency log checked against {own_root}\n")),
        "{said}"
    );
    let err = fail(verify_blob(&artifact, &own_key, &own, None));
    assert!(err.contains("verification failed"), "{err}");
    // A signed entry timestamp that is not Rekor's fails, though the
    // signature over the file is good.
    let dir = tempfile::tempdir().unwrap();
    let mut bundle: Value = serde_json::from_slice(&std::fs::read(&happy).unwrap()).unwrap();
    let entry = &mut bundle["verificationMaterial"]["tlogEntries"][0];
    entry["inclusionPromise"]["signedEntryTimestamp"] =
        Value::String(base64::engine::general_purpose::STANDARD.encode(b"not rekor's signature"));
    let tampered = dir.path().join("tampered.json");
    std::fs::write(&tampered, serde_json::to_vec(&bundle).unwrap()).unwrap();
    let err = fail(verify_blob(
        &artifact,
        &happy_key,
        tampered.to_str().unwrap(),
        None,
    ));
    assert!(err.contains("inclusion promise"), "{err}");
    // Another key, another file: refused.
    let keys = key_pair();
    assert!(
        fail(verify_blob(&artifact, &keys.public, &happy, None)).contains("verification failed")
    );
    assert!(
        fail(verify_blob(&keys.public, &happy_key, &happy, None)).contains("verification failed")
    );
    // cosign 3's keyless OCI attestation bundle is no key's.
    let err = fail(tallyman(
        &[
            "verify-attestation",
            "--blob",
            &artifact,
            "--bundle",
            &fixture("bundles/oci-attestation.sigstore.json"),
            "--key",
            &keys.public,
        ],
        None,
    ));
    assert!(
        err.contains("the bundle is signed with a certificate (keyless), not a key"),
        "{err}"
    );
    // And keyless verification of a key-signed bundle says to use the key.
    let err = fail(tallyman(
        &[
            "verify-blob",
            &artifact,
            "--bundle",
            &happy,
            "--certificate-identity",
            "x",
            "--certificate-oidc-issuer",
            "y",
        ],
        None,
    ));
    assert!(
        err.contains("signed with a key, not a certificate; verify it with --key"),
        "{err}"
    );
    let err = fail(tallyman(
        &[
            "verify-blob",
            &artifact,
            "--bundle",
            &happy,
            "--certificate-identity",
            "x",
        ],
        None,
    ));
    assert!(
        err.contains(
            "needs both --certificate-identity[-regexp] and --certificate-oidc-issuer[-regexp]"
        ),
        "{err}"
    );
}

#[test]
fn the_referrers_api_is_used_where_the_registry_has_it() {
    let registry = Registry::start(Auth::Anonymous, false);
    let api = support::registry::ReferrersApi::start(registry.port);
    let plain = Registry::start(Auth::Anonymous, false);
    let layout = support::small_layout();
    registry.push(layout.path(), "bookworm", "api/debian:bookworm");
    let through_api = format!("registry:{}/api/debian:bookworm", api.host());
    let keys = key_pair();
    let attached = ok(tallyman(
        &["attest", &through_api, "--key", &keys.private, "--attach"],
        Some("s3cret"),
    ));
    assert!(
        stderr(&attached).ends_with("(a referrer, listed by the registry's referrers API)\n"),
        "{}",
        stderr(&attached)
    );
    let digest = support::scan_json(&through_api, &[])["source"]["manifestDigest"]
        .as_str()
        .unwrap()
        .to_owned();
    let fallback = format!("/v2/api/debian/manifests/{}", digest.replace(':', "-"));
    assert_eq!(
        registry.request("GET", &fallback, None, b"").0,
        404,
        "no tag-schema tag"
    );
    let verified = ok(tallyman(
        &["verify-attestation", &through_api, "--key", &keys.public],
        None,
    ));
    assert!(
        stderr(&verified).contains("(a referrer, listed by the registry's referrers API)"),
        "{}",
        stderr(&verified)
    );
    // The same registry without the API has no way to find it.
    let direct = format!("registry:{}/api/debian:bookworm", registry.host());
    assert!(fail(tallyman(
        &["verify-attestation", &direct, "--key", &keys.public],
        None
    ))
    .contains("no attestations"));

    // Copied to a registry without the API, it is listed in the tag schema;
    // copied back through the API, the API lists it.
    let copied = format!("registry:{}/copied/debian", plain.host());
    ok(tallyman(&["copy", &through_api, &copied, "-q"], None));
    let from_plain = ok(tallyman(
        &[
            "verify-attestation",
            &format!("{copied}:bookworm"),
            "--key",
            &keys.public,
        ],
        None,
    ));
    assert!(
        stderr(&from_plain).contains(&format!(
            "listed under the tag {}",
            digest.replace(':', "-")
        )),
        "{}",
        stderr(&from_plain)
    );
    let back = format!("registry:{}/back/debian", api.host());
    ok(tallyman(
        &["copy", &format!("{copied}:bookworm"), &back, "-q"],
        None,
    ));
    assert_eq!(
        registry
            .request(
                "GET",
                &format!("/v2/back/debian/manifests/{}", digest.replace(':', "-")),
                None,
                b""
            )
            .0,
        404
    );
    let verified = ok(tallyman(
        &[
            "verify-attestation",
            &format!("{back}:bookworm"),
            "--key",
            &keys.public,
        ],
        None,
    ));
    assert!(
        stderr(&verified).contains("referrers API"),
        "{}",
        stderr(&verified)
    );
}

/// go-containerregistry's `empty.Image`, byte for byte: the image cosign's
/// keyless OCI attestation fixture is about (its digest is the subject).
fn push_ggcr_empty_image(registry: &Registry, repository: &str) -> String {
    let config = br#"{"architecture":"","created":"0001-01-01T00:00:00Z","os":"","rootfs":{"type":"layers","diff_ids":null},"config":{}}"#;
    let config_digest = registry.put_blob(repository, config);
    let manifest = format!(
        r#"{{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{{"mediaType":"application/vnd.docker.container.image.v1+json","size":{},"digest":"{config_digest}"}},"layers":[]}}"#,
        config.len()
    );
    registry.put_manifest(repository, "v1", manifest.as_bytes())
}

#[test]
fn keyless_attestations_verify_from_a_registry_in_both_forms() {
    let registry = Registry::start(Auth::Anonymous, false);
    let bundle_bytes = std::fs::read(fixture("bundles/oci-attestation.sigstore.json")).unwrap();
    let bundle: Value = serde_json::from_slice(&bundle_bytes).unwrap();
    let root = fixture("bundles/trusted_root_pgi.json");
    let predicate_type = "https://cosign.sigstore.dev/attestation/v1";

    // cosign 3's form: the bundle as a referrer of the image.
    let digest = push_ggcr_empty_image(&registry, "keyless/bundle");
    assert_eq!(
        digest,
        "sha256:732112270d7e59418a8c080b134b24cabd67d250d0d0147a97ed95ba5c280aa4"
    );
    // Its config says "diff_ids": null; it scans as an image with no layers.
    let scanned = support::scan_json(
        &format!("registry:{}/keyless/bundle:v1", registry.host()),
        &[],
    );
    assert_eq!(scanned["source"]["manifestDigest"], digest.as_str());
    assert_eq!(scanned["packages"].as_array().unwrap().len(), 0);
    let empty = registry.put_blob("keyless/bundle", b"{}");
    let layer = registry.put_blob("keyless/bundle", &bundle_bytes);
    let referrer = serde_json::to_vec(&serde_json::json!({
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "artifactType": "application/vnd.dev.sigstore.bundle.v0.3+json",
        "config": {"mediaType": "application/vnd.oci.empty.v1+json", "digest": empty, "size": 2},
        "layers": [{"mediaType": "application/vnd.dev.sigstore.bundle.v0.3+json", "digest": layer, "size": bundle_bytes.len()}],
        "subject": {"mediaType": "application/vnd.docker.distribution.manifest.v2+json", "digest": digest, "size": 209},
        "annotations": {"dev.sigstore.bundle.content": "dsse-envelope", "dev.sigstore.bundle.predicateType": predicate_type},
    }))
    .unwrap();
    let referrer_digest = registry.put_manifest(
        "keyless/bundle",
        &support::oci::sha256(&referrer),
        &referrer,
    );
    registry.put_manifest(
        "keyless/bundle",
        &digest.replace(':', "-"),
        &serde_json::to_vec(&serde_json::json!({
            "schemaVersion": 2,
            "mediaType": "application/vnd.oci.image.index.v1+json",
            "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": referrer_digest, "size": referrer.len(), "artifactType": "application/vnd.dev.sigstore.bundle.v0.3+json"}],
        }))
        .unwrap(),
    );

    // cosign 2's form: the envelope as a .att layer, the certificate and
    // the Rekor entry in its annotations.
    let legacy_digest = push_ggcr_empty_image(&registry, "keyless/legacy");
    let envelope = serde_json::to_vec(&bundle["dsseEnvelope"]).unwrap();
    let envelope_digest = registry.put_blob("keyless/legacy", &envelope);
    let entry = &bundle["verificationMaterial"]["tlogEntries"][0];
    let der = base64::engine::general_purpose::STANDARD
        .decode(
            bundle["verificationMaterial"]["certificate"]["rawBytes"]
                .as_str()
                .unwrap(),
        )
        .unwrap();
    let pem = format!(
        "-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n",
        base64::engine::general_purpose::STANDARD.encode(der)
    );
    let log_id = hex::encode(
        base64::engine::general_purpose::STANDARD
            .decode(entry["logId"]["keyId"].as_str().unwrap())
            .unwrap(),
    );
    let rekor = serde_json::json!({
        "SignedEntryTimestamp": entry["inclusionPromise"]["signedEntryTimestamp"],
        "Payload": {
            "body": entry["canonicalizedBody"],
            "integratedTime": entry["integratedTime"].as_str().unwrap().parse::<i64>().unwrap(),
            "logIndex": entry["logIndex"].as_str().unwrap().parse::<i64>().unwrap(),
            "logID": log_id,
        },
    });
    let config = registry.put_blob("keyless/legacy", b"{\"architecture\":\"\",\"os\":\"\",\"config\":{},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}");
    let att = serde_json::to_vec(&serde_json::json!({
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": config, "size": 73},
        "layers": [{
            "mediaType": "application/vnd.dsse.envelope.v1+json",
            "digest": envelope_digest,
            "size": envelope.len(),
            "annotations": {
                "dev.cosignproject.cosign/signature": "",
                "dev.sigstore.cosign/certificate": pem,
                "dev.sigstore.cosign/chain": "",
                "dev.sigstore.cosign/bundle": rekor.to_string(),
                "predicateType": predicate_type,
            },
        }],
    }))
    .unwrap();
    registry.put_manifest(
        "keyless/legacy",
        &format!("{}.att", legacy_digest.replace(':', "-")),
        &att,
    );

    for (repository, place) in [
        ("keyless/bundle", format!("@{referrer_digest} (a referrer, listed under the tag ")),
        ("keyless/legacy", ":sha256-732112270d7e59418a8c080b134b24cabd67d250d0d0147a97ed95ba5c280aa4.att (layer 1)".to_owned()),
    ] {
        let image = format!("registry:{}/{repository}:v1", registry.host());
        let keyless = |identity: &[&str], issuer: &[&str], kind: &str| {
            let mut args = vec!["verify-attestation", &image, "--type", kind, "--trusted-root", &root];
            args.extend(identity);
            args.extend(issuer);
            tallyman(&args, None)
        };
        let exact_identity = ["--certificate-identity", "cody@soyland.com"];
        let exact_issuer = ["--certificate-oidc-issuer", "https://github.com/login/oauth"];
        let out = ok(keyless(&exact_identity, &exact_issuer, "custom"));
        let predicate: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(predicate["Data"], "{\"foo\": \"bar\"}\n", "{repository}");
        assert_eq!(predicate["Timestamp"], "2025-02-28T19:18:11Z");
        let said = stderr(&out);
        assert!(said.contains(&place), "{repository}: {said}");
        assert!(
            said.ends_with(&format!(", signed by cody@soyland.com (issuer https://github.com/login/oauth); transparency log checked against {root}\n")),
            "{repository}: {said}"
        );
        // The embedded public-good trust root has that instance's keys too.
        let embedded = stderr(&ok(tallyman(
            &["verify-attestation", &image, "--type", "custom", "--certificate-identity", "cody@soyland.com", "--certificate-oidc-issuer", "https://github.com/login/oauth"],
            None,
        )));
        assert!(embedded.ends_with("checked against the embedded public-good Sigstore trust root\n"), "{embedded}");
        // The regexp forms, unanchored as cosign's.
        ok(keyless(
            &["--certificate-identity-regexp", "@soyland\\.com$"],
            &["--certificate-oidc-issuer-regexp", "github"],
            "custom",
        ));
        // Another identity or issuer is refused, saying who did sign.
        let err = fail(keyless(&["--certificate-identity", "someone@example.com"], &exact_issuer, "custom"));
        assert!(
            err.contains("identity check failed: signed by \"cody@soyland.com\", not \"someone@example.com\""),
            "{repository}: {err}"
        );
        let err = fail(keyless(&exact_identity, &["--certificate-oidc-issuer-regexp", "^https://accounts\\.google\\.com$"], "custom"));
        assert!(err.contains("issuer check failed: issued by \"https://github.com/login/oauth\""), "{err}");
        // The wrong predicate type; a key where there is a certificate.
        let err = fail(keyless(&exact_identity, &exact_issuer, "spdxjson"));
        assert!(err.contains("predicate type check failed"), "{err}");
        let keys = key_pair();
        let err = fail(tallyman(&["verify-attestation", &image, "--type", "custom", "--key", &keys.public], None));
        assert!(err.contains("signed with a certificate (keyless), not a key"), "{repository}: {err}");
    }
}

#[test]
fn spdx3_and_cyclonedx16_attestations_verify_and_diff_reads_them() {
    let keys = key_pair();
    let dir = tempfile::tempdir().unwrap();
    for (kind, predicate_type, format) in [
        ("spdx3json", "https://spdx.dev/Document/v3", "spdx-json@3.0"),
        (
            "cyclonedx",
            "https://cyclonedx.org/bom",
            "cyclonedx-json@1.6",
        ),
    ] {
        let envelope = dir.path().join(format!("{kind}.json"));
        let envelope_arg = envelope.display().to_string();
        ok(tallyman(
            &[
                "attest",
                SMALL,
                "--key",
                &keys.private,
                "--type",
                kind,
                "-o",
                &envelope_arg,
            ],
            Some("s3cret"),
        ));
        assert!(
            python_verifies(&envelope, &keys.public),
            "{kind}: securesystemslib"
        );
        let outer: Value = serde_json::from_slice(&std::fs::read(&envelope).unwrap()).unwrap();
        let statement: Value = serde_json::from_slice(
            &base64::engine::general_purpose::STANDARD
                .decode(outer["payload"].as_str().unwrap())
                .unwrap(),
        )
        .unwrap();
        assert_eq!(statement["predicateType"], predicate_type);
        let sbom = ok(tallyman(&["scan", SMALL, "-o", format], None)).stdout;
        let verified = ok(tallyman(
            &[
                "verify-attestation",
                SMALL,
                "--key",
                &keys.public,
                "--envelope",
                &envelope_arg,
                "--type",
                kind,
            ],
            None,
        ))
        .stdout;
        let sbom: Value = serde_json::from_slice(&sbom).unwrap();
        let verified: Value = serde_json::from_slice(&verified).unwrap();
        assert_eq!(verified, sbom, "{kind}: the verified predicate is the SBOM");
        // diff reads the attested document as a side: the image against its
        // own SBOM differs in nothing.
        let predicate = dir.path().join(format!("{kind}.predicate.json"));
        std::fs::write(&predicate, serde_json::to_vec(&verified).unwrap()).unwrap();
        let out = ok(tallyman(
            &[
                "diff",
                SMALL,
                &predicate.display().to_string(),
                "-o",
                "json",
            ],
            None,
        ));
        let diff: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(diff["to"]["kind"], format, "{kind}: {diff}");
        for change in ["added", "removed", "changed"] {
            assert_eq!(diff["summary"][change], 0, "{kind}: {diff}");
        }
    }
}
