//! Blobs, the content-addressed pieces of an image: the [`Digest`] that names
//! one and the [`Compression`] its bytes are in.
//!
//! Every digest read from an index, a manifest, a config, a reference or a
//! registry is parsed once into a [`Digest`] (algorithm `sha256` or `sha512`,
//! the exact number of lowercase hex digits) and refused otherwise, so nothing
//! downstream handles unchecked digest text. The type owns everything done
//! with one: formatting (`sha256:<hex>`), the short form tables show, the
//! path of the blob in a layout, streaming hashing and verification.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha2::{Digest as _, Sha256, Sha512};

/// A hash algorithm images use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Algorithm {
    Sha256,
    Sha512,
}

impl Algorithm {
    pub fn name(self) -> &'static str {
        match self {
            Algorithm::Sha256 => "sha256",
            Algorithm::Sha512 => "sha512",
        }
    }

    /// How many hex digits a digest of this algorithm has.
    fn hex_len(self) -> usize {
        match self {
            Algorithm::Sha256 => 64,
            Algorithm::Sha512 => 128,
        }
    }
}

/// A checked content digest: `sha256:<64 hex>` or `sha512:<128 hex>`.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Digest {
    algorithm: Algorithm,
    /// Lowercase hex, exactly [`Algorithm::hex_len`] digits.
    hex: Box<str>,
}

/// Why a text is not a digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigestError {
    /// The text, cut short when long (it came from an untrusted file).
    shown: String,
    reason: &'static str,
}

impl fmt::Display for DigestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} is not a digest ({})", self.shown, self.reason)
    }
}

impl std::error::Error for DigestError {}

/// Longest part of a malformed digest quoted in a message.
const SHOWN_CHARS: usize = 80;

impl Digest {
    /// Parses `algorithm:hex`, refusing other algorithms, other lengths and
    /// anything but lowercase hex (as the OCI image spec requires).
    pub fn parse(text: &str) -> Result<Digest, DigestError> {
        let refuse = |reason| DigestError {
            shown: match text.char_indices().nth(SHOWN_CHARS) {
                Some((cut, _)) => format!("{}…", &text[..cut]),
                None => text.to_owned(),
            },
            reason,
        };
        let (algorithm, hex) = text
            .split_once(':')
            .ok_or_else(|| refuse("no algorithm: expected sha256:<hex>"))?;
        let algorithm = match algorithm {
            "sha256" => Algorithm::Sha256,
            "sha512" => Algorithm::Sha512,
            _ => return Err(refuse("the algorithm is neither sha256 nor sha512")),
        };
        if !hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
            return Err(refuse("not lowercase hex"));
        }
        if hex.len() != algorithm.hex_len() {
            return Err(refuse(match algorithm {
                Algorithm::Sha256 => "a sha256 digest has 64 hex digits",
                Algorithm::Sha512 => "a sha512 digest has 128 hex digits",
            }));
        }
        Ok(Digest {
            algorithm,
            hex: hex.into(),
        })
    }

    /// The sha256 digest of `bytes`.
    pub fn sha256(bytes: &[u8]) -> Digest {
        let mut hasher = Hasher::new(Algorithm::Sha256);
        hasher.update(bytes);
        hasher.finish()
    }

    pub fn algorithm(&self) -> Algorithm {
        self.algorithm
    }

    /// The hex digits alone.
    pub fn hex(&self) -> &str {
        &self.hex
    }

    /// The first 12 hex digits, as `docker images` shows ids.
    pub fn short(&self) -> &str {
        &self.hex[..12]
    }

    /// `<alg>-<hex>`: the digest where a colon may not stand (the tags of
    /// cosign and the referrers tag schema, file names).
    pub fn dashed(&self) -> String {
        format!("{}-{}", self.algorithm.name(), self.hex)
    }

    /// Where the blob lives in an OCI image layout: `blobs/<alg>/<hex>`.
    pub fn blob_path(&self) -> String {
        format!("blobs/{}/{}", self.algorithm.name(), self.hex)
    }

    /// A hasher of this digest's algorithm, to check streamed bytes.
    pub fn hasher(&self) -> Hasher {
        Hasher::new(self.algorithm)
    }

    /// Checks `bytes` against this digest.
    pub fn verify(&self, bytes: &[u8]) -> Result<(), Mismatch> {
        let mut hasher = self.hasher();
        hasher.update(bytes);
        self.check(hasher.finish())
    }

    /// Checks a computed digest against this one.
    pub fn check(&self, got: Digest) -> Result<(), Mismatch> {
        if &got == self {
            Ok(())
        } else {
            Err(Mismatch {
                expected: self.clone(),
                got,
            })
        }
    }
}

impl fmt::Display for Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.algorithm.name(), self.hex)
    }
}

impl fmt::Debug for Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl FromStr for Digest {
    type Err = DigestError;

    fn from_str(text: &str) -> Result<Digest, DigestError> {
        Digest::parse(text)
    }
}

impl TryFrom<&oci_spec::image::Digest> for Digest {
    type Error = DigestError;

    fn try_from(digest: &oci_spec::image::Digest) -> Result<Digest, DigestError> {
        Digest::parse(digest.as_ref())
    }
}

impl Serialize for Digest {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Digest {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Digest, D::Error> {
        let text = String::deserialize(deserializer)?;
        Digest::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// Bytes that do not have the digest they should.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    pub expected: Digest,
    pub got: Digest,
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "digest mismatch: expected {}, got {}",
            self.expected, self.got
        )
    }
}

impl std::error::Error for Mismatch {}

/// Computes a [`Digest`] over bytes fed in pieces.
#[derive(Clone)]
pub enum Hasher {
    Sha256(Sha256),
    Sha512(Sha512),
}

impl Hasher {
    pub fn new(algorithm: Algorithm) -> Hasher {
        match algorithm {
            Algorithm::Sha256 => Hasher::Sha256(Sha256::new()),
            Algorithm::Sha512 => Hasher::Sha512(Sha512::new()),
        }
    }

    pub fn update(&mut self, bytes: &[u8]) {
        match self {
            Hasher::Sha256(h) => h.update(bytes),
            Hasher::Sha512(h) => h.update(bytes),
        }
    }

    pub fn finish(self) -> Digest {
        let (algorithm, hex) = match self {
            Hasher::Sha256(h) => (Algorithm::Sha256, hex::encode(h.finalize())),
            Hasher::Sha512(h) => (Algorithm::Sha512, hex::encode(h.finalize())),
        };
        Digest {
            algorithm,
            hex: hex.into(),
        }
    }
}

/// Bytes written are hashed (`io::copy(&mut reader, &mut hasher)`).
impl std::io::Write for Hasher {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.update(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// How a blob's bytes are compressed, told by their first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    Gzip,
    Zstd,
    None,
}

impl Compression {
    /// The compression whose magic number `start` begins with.
    pub fn sniff(start: &[u8]) -> Compression {
        if start.starts_with(&[0x1f, 0x8b]) {
            Compression::Gzip
        } else if start.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
            Compression::Zstd
        } else {
            Compression::None
        }
    }

    /// `gzip`, `zstd` or `uncompressed`, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Compression::Gzip => "gzip",
            Compression::Zstd => "zstd",
            Compression::None => "uncompressed",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EMPTY_SHA256: &str =
        "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    #[test]
    fn parses_and_formats() {
        let digest = Digest::parse(EMPTY_SHA256).unwrap();
        assert_eq!(digest.to_string(), EMPTY_SHA256);
        assert_eq!(digest.short(), "e3b0c44298fc");
        assert_eq!(digest.blob_path(), format!("blobs/sha256/{}", digest.hex()));
        assert_eq!(Digest::sha256(b""), digest);
        assert!(digest.verify(b"").is_ok());
        let mismatch = digest.verify(b"x").unwrap_err();
        assert!(mismatch.to_string().starts_with(&format!(
            "digest mismatch: expected {EMPTY_SHA256}, got sha256:2d711642"
        )));
        let sha512 = format!("sha512:{}", "0".repeat(128));
        assert_eq!(Digest::parse(&sha512).unwrap().to_string(), sha512);
    }

    #[test]
    fn refuses_what_is_not_a_digest() {
        let cases = [
            ("e3b0", "no algorithm: expected sha256:<hex>"),
            ("md5:abc", "the algorithm is neither sha256 nor sha512"),
            ("sha256:a", "a sha256 digest has 64 hex digits"),
            ("sha256:", "a sha256 digest has 64 hex digits"),
            (
                &EMPTY_SHA256.to_uppercase().replace("SHA", "sha"),
                "not lowercase hex",
            ),
            (&format!("sha256:a{}", "é".repeat(40)), "not lowercase hex"),
            (
                &format!("sha512:{}", "0".repeat(64)),
                "a sha512 digest has 128 hex digits",
            ),
        ];
        for (text, reason) in cases {
            let error = Digest::parse(text).unwrap_err();
            assert_eq!(error.reason, reason, "{text}");
        }
        let long = format!("sha256:{}", "é".repeat(1000));
        let message = Digest::parse(&long).unwrap_err().to_string();
        assert!(message.chars().count() < 150, "{message}");
    }

    #[test]
    fn sniffs_compression() {
        assert_eq!(Compression::sniff(&[0x1f, 0x8b, 8]), Compression::Gzip);
        assert_eq!(
            Compression::sniff(&[0x28, 0xb5, 0x2f, 0xfd]),
            Compression::Zstd
        );
        assert_eq!(Compression::sniff(b"usr/"), Compression::None);
        assert_eq!(Compression::sniff(&[0x1f]), Compression::None);
    }
}
