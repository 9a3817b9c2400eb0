#![no_main]
//! DSSE envelopes, in-toto statements and Sigstore bundles: parsing and
//! verification with a fixed key, cosign's image-signature payload, cosign 2
//! layer annotations carried into a bundle, and cosign private key files
//! with a fixed password.
use libfuzzer_sys::fuzz_target;
use tallyman::attest::{bundle, dsse, keys, legacy, simple_signing, verify};
use tallyman::oci::Digest;

const PUBLIC: &str = "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEsc4c9MSfPgGmpDLPbWQHhbPi8HM/\n3LkNwKzoVQoLsk3MoK8ShxWLK5srwOgoqP3Oy6HLIuxqJJgMfySjUJgJrw==\n-----END PUBLIC KEY-----\n";

fuzz_target!(|data: &[u8]| {
    use p256::pkcs8::DecodePublicKey;
    if let Ok(key) = p256::ecdsa::VerifyingKey::from_public_key_pem(PUBLIC) {
        let digest = Digest::sha256(b"");
        let _ = simple_signing::check(data, &digest);
        if let Ok(envelope) = dsse::parse(data) {
            let _ = verify(&envelope, &key, "https://spdx.dev/Document", &digest);
        }
        if let Ok(bundle) = bundle::parse(data) {
            let _ = bundle.verify_message(b"", &key);
            if let Ok(envelope) = bundle.envelope() {
                let _ = verify(envelope, &key, "https://spdx.dev/Document", &digest);
            }
        }
    }
    if let Ok(serde_json::Value::Object(annotations)) = serde_json::from_slice(data) {
        // The same bytes as an attestation layer and as a signature layer.
        for kind in [legacy::Kind::Attestation, legacy::Kind::Signature] {
            let layer = legacy::Layer {
                kind,
                content: data.to_vec(),
                annotations: annotations.clone(),
            };
            if let Ok(Some(bundle)) = layer.keyless_bundle() {
                let _ = bundle::parse(&bundle);
            }
            let _ = layer.signature();
        }
    }
    let _ = keys::signing_key_from_pem(data, "fuzz", || {
        Ok::<_, tallyman::attest::Error>("password".to_owned())
    });
});
