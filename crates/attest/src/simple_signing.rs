//! cosign's image-signature payload (the "simple signing" format of
//! containers/image, as cosign 2 signs it): which repository and which
//! manifest digest the signature is about, with the signer's optional
//! annotations (`cosign sign -a key=value`).
//!
//! ```json
//! {"critical":{"identity":{"docker-reference":"registry/repo"},
//!  "image":{"docker-manifest-digest":"sha256:…"},
//!  "type":"cosign container image signature"},"optional":null}
//! ```
//!
//! Written as cosign writes it (Go's field order, `optional` null when there
//! are no annotations, map keys sorted); read leniently, checked strictly:
//! the type must be cosign's and the digest the image's.

use std::collections::BTreeMap;

use crate::error::{Context, Result};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use tallyman_oci::{fail, Digest};

/// The `critical.type` of a cosign image signature.
pub const SIGNATURE_TYPE: &str = "cosign container image signature";
/// The media type of the payload (a `.sig` layer's).
pub const MEDIA_TYPE: &str = "application/vnd.dev.cosign.simplesigning.v1+json";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Payload {
    pub critical: Critical,
    #[serde(default)]
    pub optional: Option<Map<String, Value>>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Critical {
    pub identity: IdentityClaim,
    pub image: ImageClaim,
    #[serde(rename = "type")]
    pub kind: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IdentityClaim {
    #[serde(rename = "docker-reference")]
    pub docker_reference: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ImageClaim {
    #[serde(rename = "docker-manifest-digest")]
    pub docker_manifest_digest: String,
}

/// The payload signing `digest` in `repository`, with `annotations`.
pub fn build(
    repository: &str,
    digest: &Digest,
    annotations: &BTreeMap<String, String>,
) -> Result<Vec<u8>> {
    let payload = Payload {
        critical: Critical {
            identity: IdentityClaim {
                docker_reference: repository.to_owned(),
            },
            image: ImageClaim {
                docker_manifest_digest: digest.to_string(),
            },
            kind: SIGNATURE_TYPE.to_owned(),
        },
        optional: (!annotations.is_empty()).then(|| {
            annotations
                .iter()
                .map(|(k, v)| (k.clone(), Value::String(v.clone())))
                .collect()
        }),
    };
    Ok(serde_json::to_vec(&payload)?)
}

/// Parses a payload and checks the claims cosign checks: cosign's type and
/// the image's manifest digest.
pub fn check(payload: &[u8], digest: &Digest) -> Result<Payload> {
    let parsed: Payload =
        serde_json::from_slice(payload).context("the payload is not a cosign signature payload")?;
    if parsed.critical.kind != SIGNATURE_TYPE {
        fail!(
            "claims check failed: the payload's type is {:?}, not {SIGNATURE_TYPE:?}",
            parsed.critical.kind
        );
    }
    let signed = &parsed.critical.image.docker_manifest_digest;
    if !signed.eq_ignore_ascii_case(&digest.to_string()) {
        fail!("digest check failed: the signature is about {signed}, not {digest}");
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digest() -> Digest {
        Digest::sha256(b"manifest")
    }

    #[test]
    fn written_as_cosign_writes_it() {
        let payload = build("127.0.0.1:5000/app", &digest(), &BTreeMap::new()).unwrap();
        assert_eq!(
            String::from_utf8(payload).unwrap(),
            format!(
                r#"{{"critical":{{"identity":{{"docker-reference":"127.0.0.1:5000/app"}},"image":{{"docker-manifest-digest":"{}"}},"type":"cosign container image signature"}},"optional":null}}"#,
                digest()
            )
        );
        let annotations = BTreeMap::from([
            ("z".to_owned(), "last".to_owned()),
            ("a".to_owned(), "first".to_owned()),
        ]);
        let payload = build("r/app", &digest(), &annotations).unwrap();
        assert!(String::from_utf8(payload)
            .unwrap()
            .ends_with(r#""optional":{"a":"first","z":"last"}}"#));
    }

    #[test]
    fn the_type_and_digest_are_checked() {
        let payload = build("r/app", &digest(), &BTreeMap::new()).unwrap();
        assert_eq!(
            check(&payload, &digest())
                .unwrap()
                .critical
                .identity
                .docker_reference,
            "r/app"
        );
        let other = Digest::sha256(b"other");
        let err = tallyman_oci::report(&check(&payload, &other).unwrap_err());
        assert!(err.starts_with("digest check failed"), "{err}");
        let foreign = String::from_utf8(payload)
            .unwrap()
            .replace(SIGNATURE_TYPE, "atomic container signature");
        let err = tallyman_oci::report(&check(foreign.as_bytes(), &digest()).unwrap_err());
        assert!(err.starts_with("claims check failed"), "{err}");
        assert!(check(b"{}", &digest()).is_err());
    }
}
