//! `tallyman sign` / `verify` with a cosign key, against a real registry:
//! cosign 3's bundle referrer (an in-toto statement of
//! `https://sigstore.dev/cosign/sign/v1` about the digest) and cosign 2's
//! `.sig` tag (the simple-signing payload), shaped field by field as cosign
//! writes them, each signature checked independently (securesystemslib for
//! the DSSE envelope, the `cryptography` package for the payload's ECDSA
//! signature); verify prints cosign's claims and refuses what does not
//! verify; copy carries both to another repository.

use std::path::Path;
use std::process::Command;

use base64::Engine;
use serde_json::{json, Value};

use crate::attest::{key_pair, python_verifies, referrers_index, skopeo_raw, tallyman};
use crate::support;
use support::registry::{Auth, Registry};
use support::{ok, stderr};

/// Verifies an ECDSA P-256 signature (DER, over SHA-256 of `payload`) with
/// the `cryptography` package, not tallyman.
fn cryptography_verifies(payload: &[u8], signature_b64: &str, public: &str) -> bool {
    let dir = tempfile::tempdir().unwrap();
    let payload_file = dir.path().join("payload");
    std::fs::write(&payload_file, payload).unwrap();
    let out = Command::new("python3")
        .arg("-c")
        .arg(
            "import base64,sys\n\
             from cryptography.hazmat.primitives import hashes, serialization\n\
             from cryptography.hazmat.primitives.asymmetric import ec\n\
             key = serialization.load_pem_public_key(open(sys.argv[3], 'rb').read())\n\
             key.verify(base64.b64decode(sys.argv[2]), open(sys.argv[1], 'rb').read(), ec.ECDSA(hashes.SHA256()))\n\
             print('verified')",
        )
        .arg(&payload_file)
        .arg(signature_b64)
        .arg(public)
        .output()
        .unwrap();
    out.status.success() && String::from_utf8_lossy(&out.stdout).trim() == "verified"
}

fn verify(image: &str, public: &str, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["verify", image, "--key", public];
    args.extend_from_slice(extra);
    tallyman(&args, None)
}

fn claims(out: &std::process::Output) -> Vec<Value> {
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn sign_and_verify_with_a_key_in_both_places() {
    let registry = Registry::start(Auth::Anonymous, false);
    let layout = support::small_layout();
    registry.push(layout.path(), "bookworm", "signed/debian:bookworm");
    let host = registry.host();
    let image = format!("registry:{host}/signed/debian:bookworm");
    let digest = support::scan_json(&image, &[])["source"]["manifestDigest"]
        .as_str()
        .unwrap()
        .to_owned();
    let keys = key_pair();
    let other = key_pair();

    // Nothing signed yet: one line, exit 1.
    let none = crate::attest::fail(verify(&image, &keys.public, &[]));
    assert!(none.contains("no signatures found for"), "{none}");

    // cosign 3's form: a bundle referrer of a v1 statement about the digest.
    let signed = ok(tallyman(
        &["sign", &image, "--key", &keys.private, "-a", "env=prod"],
        Some("s3cret"),
    ));
    assert!(
        stderr(&signed).starts_with(&format!(
            "tallyman: signed {digest}: attached to {host}/signed/debian@sha256:"
        )),
        "{}",
        stderr(&signed)
    );
    let index = referrers_index(&registry, "signed/debian", &digest);
    let entries = index["manifests"].as_array().unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(
        entries[0]["annotations"]["dev.sigstore.bundle.predicateType"],
        "https://sigstore.dev/cosign/sign/v1"
    );
    let referrer = skopeo_raw(&format!(
        "{host}/signed/debian@{}",
        entries[0]["digest"].as_str().unwrap()
    ));
    assert_eq!(referrer["subject"]["digest"], digest.as_str());
    let bundle: Value = serde_json::from_slice(
        &std::fs::read(registry.blob_data(referrer["layers"][0]["digest"].as_str().unwrap()))
            .unwrap(),
    )
    .unwrap();
    assert_eq!(
        bundle["mediaType"],
        "application/vnd.dev.sigstore.bundle.v0.3+json"
    );
    let envelope = &bundle["dsseEnvelope"];
    let statement: Value = serde_json::from_slice(
        &base64::engine::general_purpose::STANDARD
            .decode(envelope["payload"].as_str().unwrap())
            .unwrap(),
    )
    .unwrap();
    assert_eq!(
        statement,
        json!({
            "_type": "https://in-toto.io/Statement/v1",
            "subject": [{"digest": {"sha256": &digest["sha256:".len()..]}, "annotations": {"env": "prod"}}],
            "predicateType": "https://sigstore.dev/cosign/sign/v1",
            "predicate": {},
        })
    );
    let dir = tempfile::tempdir().unwrap();
    let envelope_file = dir.path().join("envelope.json");
    // A bundle's envelope names no keyid (cosign 3's shape); securesystemslib
    // wants one, and the signature covers none.
    let mut keyed = envelope.clone();
    keyed["signatures"][0]["keyid"] = json!("");
    std::fs::write(&envelope_file, keyed.to_string()).unwrap();
    assert!(python_verifies(&envelope_file, &keys.public));
    assert!(!python_verifies(&envelope_file, &other.public));

    // cosign 2's form: the simple-signing payload in the .sig tag.
    ok(tallyman(
        &[
            "sign",
            &image,
            "--key",
            &keys.private,
            "--attach-format",
            "legacy",
        ],
        Some("s3cret"),
    ));
    let sig_tag = format!("{host}/signed/debian:{}.sig", digest.replace(':', "-"));
    let sig = skopeo_raw(&sig_tag);
    assert_eq!(
        sig["mediaType"],
        "application/vnd.oci.image.manifest.v1+json"
    );
    assert_eq!(
        sig["config"]["mediaType"],
        "application/vnd.oci.image.config.v1+json"
    );
    let layers = sig["layers"].as_array().unwrap();
    assert_eq!(layers.len(), 1);
    assert_eq!(
        layers[0]["mediaType"],
        "application/vnd.dev.cosign.simplesigning.v1+json"
    );
    let payload = std::fs::read(registry.blob_data(layers[0]["digest"].as_str().unwrap())).unwrap();
    assert_eq!(
        String::from_utf8(payload.clone()).unwrap(),
        format!(
            r#"{{"critical":{{"identity":{{"docker-reference":"{host}/signed/debian"}},"image":{{"docker-manifest-digest":"{digest}"}},"type":"cosign container image signature"}},"optional":null}}"#
        )
    );
    let config: Value = serde_json::from_slice(
        &std::fs::read(registry.blob_data(sig["config"]["digest"].as_str().unwrap())).unwrap(),
    )
    .unwrap();
    assert_eq!(config["rootfs"]["diff_ids"], json!([layers[0]["digest"]]));
    assert_eq!(config["history"].as_array().unwrap().len(), 1);
    let signature = layers[0]["annotations"]["dev.cosignproject.cosign/signature"]
        .as_str()
        .unwrap();
    assert!(cryptography_verifies(&payload, signature, &keys.public));
    assert!(!cryptography_verifies(&payload, signature, &other.public));
    assert!(!cryptography_verifies(b"{}", signature, &keys.public));

    // A second legacy signature, by another key: appended, not replacing.
    ok(tallyman(
        &[
            "sign",
            &image,
            "--key",
            &other.private,
            "--attach-format",
            "legacy",
        ],
        Some("s3cret"),
    ));
    assert_eq!(skopeo_raw(&sig_tag)["layers"].as_array().unwrap().len(), 2);

    // verify: both of the key's signatures, the other key's refused.
    let verified = ok(verify(&image, &keys.public, &[]));
    let said = stderr(&verified);
    assert!(
        said.contains(&format!(
            "Verification for {host}/signed/debian:bookworm --\nThe following checks were performed on each of these signatures:\n  - The cosign claims were validated\n  - The signatures were verified against the specified public key\n"
        )),
        "{said}"
    );
    assert!(
        said.contains(&format!(
            "rejected {host}/signed/debian:{}.sig (layer 2): signature check failed",
            digest.replace(':', "-")
        )),
        "{said}"
    );
    assert_eq!(
        claims(&verified),
        vec![
            json!({
                "critical": {
                    "identity": {"docker-reference": format!("{host}/signed/debian:bookworm")},
                    "image": {"docker-manifest-digest": digest},
                    "type": "https://sigstore.dev/cosign/sign/v1",
                },
                "optional": {"env": "prod"},
            }),
            json!({
                "critical": {
                    "identity": {"docker-reference": format!("{host}/signed/debian")},
                    "image": {"docker-manifest-digest": digest},
                    "type": "cosign container image signature",
                },
                "optional": null,
            }),
        ]
    );

    // -a: only the signature that carries the annotation.
    let annotated = ok(verify(&image, &keys.public, &["-a", "env=prod"]));
    assert_eq!(claims(&annotated).len(), 1);
    assert!(stderr(&annotated).contains("  - The specified annotations were verified.\n"));
    assert!(stderr(&annotated).contains("annotation check failed: env is null, not \"prod\""));

    // A key that signed nothing here: every signature refused, one line each.
    let stranger = key_pair();
    let refused = crate::attest::fail(verify(&image, &stranger.public, &[]));
    assert!(refused.contains("no matching signatures for"), "{refused}");
    assert_eq!(
        refused.matches("signature check failed").count(),
        3,
        "{refused}"
    );

    // copy carries the referrer and the .sig tag; they verify there.
    let copy_to = format!("registry:{host}/copied/debian:bookworm");
    ok(tallyman(&["copy", &image, &copy_to], None));
    let copied = ok(verify(&copy_to, &keys.public, &[]));
    assert_eq!(claims(&copied).len(), 2);
}

#[test]
fn signing_needs_a_registry_image_and_a_usable_key() {
    let keys = key_pair();
    let small = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("testdata/images/debian-bookworm-dpkg.oci.tar")
        .display()
        .to_string();
    let out = crate::attest::fail(tallyman(
        &["sign", &small, "--key", &keys.private],
        Some("s3cret"),
    ));
    assert!(
        out.contains("give a registry image (registry:REF)"),
        "{out}"
    );
    let registry = Registry::start(Auth::Anonymous, false);
    let image = format!("registry:{}/nothing/here:latest", registry.host());
    let out = crate::attest::fail(tallyman(
        &["sign", &image, "--key", &keys.private],
        Some("wrong"),
    ));
    assert_eq!(out.lines().count(), 1, "{out}");
    // No token anywhere: keyless says what it needs.
    let out = crate::attest::fail(
        support::command()
            .args(["sign-blob", &small, "--bundle", &format!("{small}.bundle")])
            .env_remove("SIGSTORE_ID_TOKEN")
            .env_remove("GITHUB_ACTIONS")
            .output()
            .unwrap(),
    );
    assert!(
        out.contains("keyless signing needs an OIDC identity token"),
        "{out}"
    );
}

/// The digest a `signed sha256:…:` note names.
fn signed_digest(note: &str) -> String {
    let rest = note.split("signed ").nth(1).unwrap();
    rest[..rest.find(": attached").unwrap()].to_owned()
}

#[test]
fn sign_and_verify_every_platform_of_an_index() {
    let registry = Registry::start(Auth::Anonymous, false);
    registry.push(
        &crate::diff::out_dir().join("diff.oci"),
        "multi",
        "app/multi:1",
    );
    let image = format!("registry:{}/app/multi:1", registry.host());
    let index = crate::diff::oci_index_digest();
    let keys = key_pair();

    // Without --platform, what the tag names: the index's own digest.
    let signed = ok(tallyman(
        &["sign", &image, "--key", &keys.private],
        Some("s3cret"),
    ));
    assert_eq!(signed_digest(&stderr(&signed)), index);
    let named = claims(&ok(verify(&image, &keys.public, &[])));
    assert_eq!(named.len(), 1);
    assert_eq!(
        named[0]["critical"]["image"]["docker-manifest-digest"],
        index.as_str()
    );
    // The platforms are not signed yet.
    let unsigned = crate::attest::fail(verify(&image, &keys.public, &["--platform", "all"]));
    assert!(unsigned.contains("no signatures found for"), "{unsigned}");

    // --platform all: every platform's image and the index (cosign's --recursive).
    let all = ok(tallyman(
        &[
            "sign",
            &image,
            "--key",
            &keys.private,
            "--platform",
            "all",
            "--attach-format",
            "legacy",
        ],
        Some("s3cret"),
    ));
    let notes = stderr(&all);
    let lines: Vec<&str> = notes.lines().collect();
    assert_eq!(lines.len(), 3, "{notes}");
    let mut labels: Vec<&str> = lines
        .iter()
        .map(|l| l.split(": ").nth(1).unwrap())
        .collect();
    labels.sort();
    assert_eq!(labels, ["index", "linux/amd64", "linux/arm64"]);
    let arm = lines.iter().find(|l| l.contains("linux/arm64: ")).unwrap();
    let arm_digest = signed_digest(arm);
    assert_ne!(arm_digest, index);

    let one = claims(&ok(verify(
        &image,
        &keys.public,
        &["--platform", "linux/arm64"],
    )));
    assert_eq!(one.len(), 1);
    assert_eq!(
        one[0]["critical"]["image"]["docker-manifest-digest"],
        arm_digest.as_str()
    );
    // Every image: one legacy signature each, and the index's bundle too.
    let every = claims(&ok(verify(&image, &keys.public, &["--platform", "all"])));
    assert_eq!(every.len(), 4);
    let digests: std::collections::BTreeSet<&str> = every
        .iter()
        .map(|c| {
            c["critical"]["image"]["docker-manifest-digest"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert_eq!(digests.len(), 3);
    assert!(digests.contains(index.as_str()) && digests.contains(arm_digest.as_str()));
}
