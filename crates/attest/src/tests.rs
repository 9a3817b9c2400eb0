//! The cosign fixtures (tests/fixtures/cosign/README.md says what each must
//! give): envelopes made by cosign's tooling verify or fail as cosign's own
//! tests expect, and our attestations verify with our verifier.

use std::path::PathBuf;

use tallyman_oci::Digest;

use super::*;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/cosign")
        .join(name)
}

fn read(name: &str) -> Vec<u8> {
    std::fs::read(fixture(name)).unwrap()
}

fn envelope(name: &str) -> dsse::Envelope {
    dsse::parse(&read(name)).unwrap()
}

fn blob_digest() -> Digest {
    Digest::sha256(&read("cosign-vba_test-blob.txt"))
}

const SLSA: &str = "https://slsa.dev/provenance/v0.2";

#[test]
fn cosign_blob_attestations_verify_as_cosign_says() {
    let key = keys::load_verifying_key(&fixture("cosign-vba_test-pubkey.pub")).unwrap();
    let digest = blob_digest();
    assert!(digest.to_string().starts_with("sha256:658781cd"));
    let ok = |name: &str, kind: &str| verify(&envelope(name), &key, kind, &digest);
    let predicate = ok(
        "cosign-vba_test-blobSLSAProvenanceSignature.dsse.json",
        SLSA,
    )
    .unwrap();
    assert!(predicate.contains("\"builder\""));
    assert!(ok(
        "cosign-vba_test-dssePredicateMultipleSubjects.dsse.json",
        SLSA
    )
    .is_ok());

    let custom = "https://cosign.sigstore.dev/attestation/v1";
    let err = ok(
        "cosign-vba_test-blobSLSAProvenanceSignature.dsse.json",
        custom,
    )
    .unwrap_err();
    assert!(
        tallyman_oci::report(&err).starts_with("predicate type check failed"),
        "{err:?}"
    );
    for (name, why) in [
        (
            "cosign-vba_test-dssePredicateMultipleSubjectsInvalid.dsse.json",
            "subject check failed",
        ),
        (
            "cosign-vba_test-dssePredicateEmptySubject.dsse.json",
            "subject check failed: no subject has digest",
        ),
        (
            "cosign-vba_test-dssePredicateMissingSha256.dsse.json",
            "subject check failed",
        ),
    ] {
        let err = ok(name, SLSA).unwrap_err();
        assert!(
            tallyman_oci::report(&err).starts_with(why),
            "{name}: {err:?}"
        );
    }
}

#[test]
fn self_made_cyclonedx_vectors_in_both_shapes() {
    let key =
        keys::load_verifying_key(&fixture("cosign-keys_test-pemsigstorekey.derived.pub")).unwrap();
    for name in [
        "selfmade-cyclonedx.v2style.dsse.json",
        "selfmade-cyclonedx.v3style.dsse.json",
    ] {
        let parsed = envelope(name);
        let payload = dsse::verify(&parsed, &key).unwrap();
        assert_eq!(payload, read("selfmade-cyclonedx.statement.json"), "{name}");
        assert_eq!(
            dsse::pae(&parsed.payload_type, &payload),
            read("selfmade-cyclonedx.pae.bin")
        );
        verify(&parsed, &key, "https://cyclonedx.org/bom", &blob_digest()).unwrap();
    }
}

#[test]
fn raw_signatures_are_not_der_and_are_rejected() {
    // The DSSE spec's vector signs with a raw r||s signature: cosign-style
    // (DER) verifiers reject it; any key will do to show that.
    let key = keys::load_verifying_key(&fixture("cosign-vba_test-pubkey.pub")).unwrap();
    let envelope = dsse::parse(&read("dsse-spec-hello-world.json")).unwrap();
    let err = dsse::verify(&envelope, &key).unwrap_err();
    assert!(
        tallyman_oci::report(&err).starts_with("signature check failed"),
        "{err:?}"
    );
}

#[test]
fn our_attestations_verify_and_tampering_fails() {
    let key = keys::load_signing_key(&fixture("cosign-keys_test-pemsigstorekey.key"), || {
        Ok::<_, Error>("hello".into())
    })
    .unwrap();
    let subject = Subject {
        name: "example".into(),
        digest: Digest::parse(&format!("sha256:{}", "ab".repeat(32))).unwrap(),
    };
    let sbom = br#"{"spdxVersion":"SPDX-2.3","name":"x","packages":[]}"#;
    let envelope = attest(&key, &subject, "https://spdx.dev/Document", sbom).unwrap();
    let predicate = verify(
        &envelope,
        key.verifying_key(),
        "https://spdx.dev/Document",
        &subject.digest,
    )
    .unwrap();
    assert_eq!(
        predicate.as_bytes(),
        sbom,
        "the predicate comes back exactly"
    );
    let mut tampered = envelope.clone();
    let payload = &envelope.payload;
    tampered.payload =
        format!("{}A", &payload[..payload.len() - 4]) + &payload[payload.len() - 3..];
    let err = verify(
        &tampered,
        key.verifying_key(),
        "https://spdx.dev/Document",
        &subject.digest,
    )
    .unwrap_err();
    assert!(
        tallyman_oci::report(&err).starts_with("signature check failed"),
        "{err:?}"
    );
}
