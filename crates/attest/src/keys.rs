//! cosign's key files, read and written the way `cosign generate-key-pair`
//! does: an ECDSA P-256 key as PKCS#8, encrypted in a PEM block labelled
//! `ENCRYPTED SIGSTORE PRIVATE KEY` (or the older `ENCRYPTED COSIGN PRIVATE
//! KEY`) whose body is go-securesystemslib's JSON — scrypt (N of 32768, 65536
//! or 131072; r=8, p=1) derives the key for a NaCl secretbox. Plain PKCS#8
//! PEM private keys and `PUBLIC KEY` (SubjectPublicKeyInfo) PEM public keys
//! are read too. A SEC1 key inside the encryption is refused, as cosign does.

use std::path::Path;

use crate::error::{Context, Error, Result};
use base64::Engine;
use crypto_secretbox::aead::{Aead, KeyInit};
use crypto_secretbox::XSalsa20Poly1305;
use p256::ecdsa::{SigningKey, VerifyingKey};
use p256::pkcs8::der::pem::{self, LineEnding};
use p256::pkcs8::{DecodePrivateKey, DecodePublicKey, EncodePrivateKey, EncodePublicKey};
use rand_core::{OsRng, RngCore};
use serde::{Deserialize, Serialize};
use tallyman_oci::fail;

/// The PEM label cosign writes today.
pub const ENCRYPTED_LABEL: &str = "ENCRYPTED SIGSTORE PRIVATE KEY";
/// The label older cosign versions wrote.
const LEGACY_ENCRYPTED_LABEL: &str = "ENCRYPTED COSIGN PRIVATE KEY";
/// scrypt's N when generating, as cosign.
const GENERATE_LOG_N: u8 = 16;

#[derive(Serialize, Deserialize)]
struct EncryptedKey {
    kdf: Kdf,
    cipher: Cipher,
    ciphertext: String,
}

#[derive(Serialize, Deserialize)]
struct Kdf {
    name: String,
    params: ScryptParams,
    salt: String,
}

#[derive(Serialize, Deserialize)]
struct ScryptParams {
    #[serde(rename = "N")]
    n: u64,
    r: u32,
    p: u32,
}

#[derive(Serialize, Deserialize)]
struct Cipher {
    name: String,
    nonce: String,
}

fn b64() -> base64::engine::GeneralPurpose {
    base64::engine::general_purpose::STANDARD
}

/// Reads a private key file; `password` is asked only for encrypted keys.
pub fn load_signing_key<E: Into<Box<dyn std::error::Error + Send + Sync>>>(
    path: &Path,
    password: impl FnOnce() -> std::result::Result<String, E>,
) -> Result<SigningKey> {
    let text =
        std::fs::read(path).with_context(|| format!("{}: cannot read the key", path.display()))?;
    signing_key_from_pem(&text, &path.display().to_string(), password)
}

/// Parses a private key file's contents; `shown` names the file in errors.
pub fn signing_key_from_pem<E: Into<Box<dyn std::error::Error + Send + Sync>>>(
    text: &[u8],
    shown: &str,
    password: impl FnOnce() -> std::result::Result<String, E>,
) -> Result<SigningKey> {
    let (label, body) = pem::decode_vec(text)
        .map_err(|e| Error::Message(format!("{shown}: not a PEM key file ({e})")))?;
    match label {
        ENCRYPTED_LABEL | LEGACY_ENCRYPTED_LABEL => {
            let password = password().map_err(|e| Error::Password(e.into()))?;
            let der = decrypt(&body, &password).with_context(|| shown.to_owned())?;
            pkcs8_signing_key(&der).with_context(|| shown.to_owned())
        }
        "PRIVATE KEY" => pkcs8_signing_key(&body).with_context(|| shown.to_owned()),
        "EC PRIVATE KEY" => fail!("{shown}: SEC1 \"EC PRIVATE KEY\" files are not accepted (as in cosign); convert with `openssl pkcs8 -topk8`"),
        other => fail!("{shown}: a {other:?} PEM block is not a private key"),
    }
}

fn pkcs8_signing_key(der: &[u8]) -> Result<SigningKey> {
    match SigningKey::from_pkcs8_der(der) {
        Ok(key) => Ok(key),
        Err(_) if p256::SecretKey::from_sec1_der(der).is_ok() => {
            fail!("the key is SEC1 (\"EC PRIVATE KEY\") inside, not PKCS#8; cosign rejects it too (x509: failed to parse private key)")
        }
        Err(e) => fail!("not a PKCS#8 ECDSA P-256 private key ({e})"),
    }
}

/// Reads a `PUBLIC KEY` PEM file.
pub fn load_verifying_key(path: &Path) -> Result<VerifyingKey> {
    let shown = path.display();
    let text =
        std::fs::read_to_string(path).with_context(|| format!("{shown}: cannot read the key"))?;
    VerifyingKey::from_public_key_pem(text.trim())
        .map_err(|e| Error::Message(format!("{shown}: not a PEM ECDSA P-256 public key ({e})")))
}

/// Opens go-securesystemslib's encrypted JSON with `password`.
fn decrypt(body: &[u8], password: &str) -> Result<Vec<u8>> {
    let key: EncryptedKey =
        serde_json::from_slice(body).context("the encrypted key is not cosign's JSON")?;
    if key.kdf.name != "scrypt" || key.cipher.name != "nacl/secretbox" {
        fail!(
            "unsupported key encryption {}/{}",
            key.kdf.name,
            key.cipher.name
        );
    }
    let log_n = match key.kdf.params.n {
        32768 => 15,
        65536 => 16,
        131072 => 17,
        n => fail!("unsupported scrypt N={n} (cosign uses 32768, 65536 or 131072)"),
    };
    if key.kdf.params.r != 8 || key.kdf.params.p != 1 {
        fail!(
            "unsupported scrypt parameters r={} p={}",
            key.kdf.params.r,
            key.kdf.params.p
        );
    }
    let salt = b64().decode(&key.kdf.salt).context("salt is not base64")?;
    let nonce = b64()
        .decode(&key.cipher.nonce)
        .context("nonce is not base64")?;
    let ciphertext = b64()
        .decode(&key.ciphertext)
        .context("ciphertext is not base64")?;
    if nonce.len() != 24 {
        fail!("the nonce is {} bytes, not 24", nonce.len());
    }
    let secret = scrypt_key(password, &salt, log_n)?;
    let cipher = XSalsa20Poly1305::new(secret.as_slice().into());
    cipher
        .decrypt(nonce.as_slice().into(), ciphertext.as_slice())
        .map_err(|_| Error::Message("wrong password (the key does not decrypt)".to_owned()))
}

fn scrypt_key(password: &str, salt: &[u8], log_n: u8) -> Result<[u8; 32]> {
    let params = scrypt::Params::new(log_n, 8, 1, 32)
        .map_err(|e| Error::Message(format!("scrypt parameters: {e}")))?;
    let mut out = [0u8; 32];
    scrypt::scrypt(password.as_bytes(), salt, &params, &mut out)
        .map_err(|e| Error::Message(format!("scrypt: {e}")))?;
    Ok(out)
}

/// A new key pair as cosign writes it: (encrypted private key PEM, public key PEM).
pub fn generate_key_pair(password: &str) -> Result<(String, String)> {
    let key = SigningKey::random(&mut OsRng);
    let der = key
        .to_pkcs8_der()
        .map_err(|e| Error::Message(format!("encoding the key: {e}")))?;
    let private = encrypt(der.as_bytes(), password, GENERATE_LOG_N)?;
    let public = key
        .verifying_key()
        .to_public_key_pem(LineEnding::LF)
        .map_err(|e| Error::Message(format!("encoding the public key: {e}")))?;
    Ok((private, public))
}

fn encrypt(der: &[u8], password: &str, log_n: u8) -> Result<String> {
    let mut salt = [0u8; 32];
    let mut nonce = [0u8; 24];
    OsRng.fill_bytes(&mut salt);
    OsRng.fill_bytes(&mut nonce);
    let secret = scrypt_key(password, &salt, log_n)?;
    let cipher = XSalsa20Poly1305::new(secret.as_slice().into());
    let ciphertext = cipher
        .encrypt(nonce.as_slice().into(), der)
        .map_err(|_| Error::Message("encrypting the key failed".to_owned()))?;
    let json = serde_json::to_vec(&EncryptedKey {
        kdf: Kdf {
            name: "scrypt".to_owned(),
            params: ScryptParams {
                n: 1 << log_n,
                r: 8,
                p: 1,
            },
            salt: b64().encode(salt),
        },
        cipher: Cipher {
            name: "nacl/secretbox".to_owned(),
            nonce: b64().encode(nonce),
        },
        ciphertext: b64().encode(ciphertext),
    })?;
    pem::encode_string(ENCRYPTED_LABEL, LineEnding::LF, &json)
        .map_err(|e| Error::Message(format!("PEM: {e}")))
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    fn fixture(name: &str) -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures/cosign")
            .join(name)
    }

    fn public_pem(key: &SigningKey) -> String {
        key.verifying_key()
            .to_public_key_pem(LineEnding::LF)
            .unwrap()
    }

    #[test]
    fn cosign_keys_load_with_their_passwords() {
        for (key, password, public) in [
            (
                "cosign-keys_test-pemsigstorekey.key",
                "hello",
                Some("cosign-keys_test-pemsigstorekey.derived.pub"),
            ),
            (
                "cosign-keys_test-pemcosignkey.key",
                "hello",
                Some("cosign-keys_test-pemcosignkey.derived.pub"),
            ),
            (
                "sigstore-rs-cosign_generated_encrypted_empty_private.key",
                "",
                Some("sigstore-rs-cosign_generated_encrypted_empty_private.derived.pub"),
            ),
            (
                "sigstore-rs-ecdsa_encrypted_private.key",
                "123",
                Some("sigstore-rs-ecdsa_encrypted_private.derived.pub"),
            ),
            (
                "sigstore-rs-ECDSA_P256_ASN1_ENCRYPTED_PRIVATE_PEM.key",
                "password",
                Some("sigstore-rs-ECDSA_P256_ASN1_ENCRYPTED_PRIVATE_PEM.derived.pub"),
            ),
        ] {
            let loaded = load_signing_key(&fixture(key), || Ok::<_, Error>(password.to_owned()))
                .unwrap_or_else(|e| panic!("{key}: {e:?}"));
            if let Some(public) = public {
                let want = load_verifying_key(&fixture(public)).unwrap();
                assert_eq!(loaded.verifying_key(), &want, "{key}");
                assert_eq!(
                    public_pem(&loaded).trim(),
                    std::fs::read_to_string(fixture(public)).unwrap().trim()
                );
            }
        }
    }

    #[test]
    fn sec1_inside_is_refused_like_cosign() {
        let err = load_signing_key(&fixture("cosign-keys_test-pemcosigneckey.key"), || {
            Ok::<_, Error>("hello".to_owned())
        })
        .unwrap_err();
        assert!(tallyman_oci::report(&err).contains("SEC1"), "{err:?}");
    }

    #[test]
    fn wrong_password_is_a_clear_error() {
        let err = load_signing_key(&fixture("cosign-keys_test-pemsigstorekey.key"), || {
            Ok::<_, Error>("wrong".to_owned())
        })
        .unwrap_err();
        assert!(
            tallyman_oci::report(&err).ends_with("wrong password (the key does not decrypt)"),
            "{err:?}"
        );
    }

    #[test]
    fn generated_keys_round_trip() {
        let (private, public) = generate_key_pair("pw").unwrap();
        assert!(private.starts_with("-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n"));
        assert!(public.starts_with("-----BEGIN PUBLIC KEY-----\n"));
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("k"), &private).unwrap();
        std::fs::write(dir.path().join("p"), &public).unwrap();
        let key =
            load_signing_key(&dir.path().join("k"), || Ok::<_, Error>("pw".to_owned())).unwrap();
        assert_eq!(
            key.verifying_key(),
            &load_verifying_key(&dir.path().join("p")).unwrap()
        );
        let (_, body) = pem::decode_vec(private.as_bytes()).unwrap();
        let json: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(
            json["kdf"]["params"],
            serde_json::json!({"N": 65536, "r": 8, "p": 1})
        );
    }
}
