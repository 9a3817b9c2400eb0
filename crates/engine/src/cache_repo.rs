//! A layer cache shared through an OCI registry, as
//! BuildKit's `--cache-to type=registry` shares build caches: each entry of
//! the local layer cache is also a small artifact in one repository, tagged
//! by its key, so every runner that can reach the registry reuses what any
//! other read.
//!
//! An entry is an OCI image manifest (artifact type
//! [`ARTIFACT_TYPE`]) whose one layer is the entry's bytes exactly as the
//! local cache keeps them (bincode, zstd), pulled checked against its
//! digest and inflated within the layer memory limit. Whoever can push to the
//! repository can change SBOMs, so entries may be signed: with a private
//! cosign key every push carries a DSSE envelope over the entry's key and
//! content digest (the manifest annotation [`SIGNATURE_ANNOTATION`]), and
//! with a key (private or public) every entry read must carry one that
//! verifies; a public key alone reads and never pushes. An entry that is
//! missing, unsigned, tampered with or unreadable is skipped (a warning
//! says which) and the layer is read. Nothing here fails a scan: an
//! unreachable or read-only repository costs one warning.

use std::io::Read;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use p256::ecdsa::{SigningKey, VerifyingKey};
use serde_json::json;
use tallyman_attest::dsse;
use tallyman_attest::referrer::EMPTY_MEDIA_TYPE;
use tallyman_layer::cache::decode;
use tallyman_layer::LayerContents;
use tallyman_oci::registry::{RegistryOptions, Repository};
use tallyman_oci::{fail, report, Digest, ImageReference};

use crate::error::{Context, Error, Result};

/// The artifact type of a cache entry.
pub const ARTIFACT_TYPE: &str = "application/vnd.dev.tallyman.layer-cache.v1";
/// The media type of an entry's one layer.
const CONTENTS_TYPE: &str = "application/vnd.dev.tallyman.layer-contents.v1+zstd";
/// The annotation holding a signed entry's DSSE envelope.
pub const SIGNATURE_ANNOTATION: &str = "dev.tallyman.cache.signature";
/// The payload type of that envelope.
const PAYLOAD_TYPE: &str = "application/vnd.dev.tallyman.layer-cache+json";
const MANIFEST_TYPE: &str = "application/vnd.oci.image.manifest.v1+json";

/// How entries are signed and checked.
pub enum CacheKey {
    /// Entries are not signed, and read whether signed or not.
    None,
    /// Pushes are signed; entries read must verify with its public key.
    Sign(SigningKey),
    /// Entries read must verify; nothing is pushed.
    Verify(VerifyingKey),
}

/// A cache repository.
pub struct CacheRepo {
    repository: Repository,
    key: CacheKey,
    /// Set after a push fails: the others would fail alike.
    pushes_off: AtomicBool,
    /// Set after the repository could not be read: no more lookups.
    reads_off: AtomicBool,
    warnings: Mutex<Vec<String>>,
}

impl CacheRepo {
    /// Connects to `REGISTRY/REPO` (no tag) with the registry options.
    pub fn connect(name: &str, options: &RegistryOptions, key: CacheKey) -> Result<CacheRepo> {
        let reference = ImageReference::parse(name)?;
        if reference.digest.is_some() || name.rsplit('/').next().is_some_and(|l| l.contains(':')) {
            fail!("{name}: a repository, without a tag or digest");
        }
        Ok(CacheRepo {
            repository: Repository::connect(&reference, options)?,
            key,
            pushes_off: AtomicBool::new(false),
            reads_off: AtomicBool::new(false),
            warnings: Mutex::new(Vec::new()),
        })
    }

    /// `registry/repository`, for messages.
    pub fn name(&self) -> &str {
        self.repository.name()
    }

    /// What went wrong with the repository so far (each once).
    pub fn take_warnings(&self) -> Vec<String> {
        self.warnings
            .lock()
            .map(|mut w| std::mem::take(&mut *w))
            .unwrap_or_default()
    }

    fn warn(&self, text: String) {
        if let Ok(mut warnings) = self.warnings.lock() {
            if !warnings.contains(&text) {
                warnings.push(text);
            }
        }
    }

    fn tag(key: &str) -> String {
        format!("layer-{key}")
    }

    /// The entry `key` names, with its bytes (to keep in the local cache);
    /// `None` (and a warning where something is wrong) if there is none to use.
    /// `max_size` bounds the entry (the layer memory limit), and `size_limit`
    /// names that limit in a warning.
    pub fn load(
        &self,
        key: &str,
        max_size: u64,
        size_limit: &str,
    ) -> Option<(LayerContents, Vec<u8>)> {
        if self.reads_off.load(Ordering::Relaxed) {
            return None;
        }
        match self.fetch(key, max_size) {
            Ok(found) => found,
            Err(Fetch::Unusable(why)) => {
                let why = match why {
                    TOO_LARGE => format!("content larger than the {size_limit}"),
                    why => why.to_owned(),
                };
                self.warn(format!(
                    "cache repository {}: entry {}: {why}; the layer is read instead",
                    self.name(),
                    Self::tag(key)
                ));
                None
            }
            Err(Fetch::Failed(error)) => {
                // The repository itself failed: stop asking it (one warning).
                self.reads_off.store(true, Ordering::Relaxed);
                self.warn(format!(
                    "cache repository {}: cannot read entries ({}); layers are read instead",
                    self.name(),
                    report(&error)
                ));
                None
            }
        }
    }

    fn fetch(
        &self,
        key: &str,
        max_size: u64,
    ) -> std::result::Result<Option<(LayerContents, Vec<u8>)>, Fetch> {
        let Some(manifest) = self.repository.fetch_manifest(&Self::tag(key))? else {
            return Ok(None);
        };
        let parsed: serde_json::Value =
            serde_json::from_slice(&manifest.bytes).map_err(|_| Unusable("not a JSON manifest"))?;
        if parsed["artifactType"] != ARTIFACT_TYPE {
            return Err(Unusable("not a tallyman cache entry").into());
        }
        let layer = &parsed["layers"][0];
        let digest = layer["digest"]
            .as_str()
            .and_then(|d| Digest::parse(d).ok())
            .ok_or(Unusable("no content digest"))?;
        match &self.key {
            CacheKey::None => {}
            CacheKey::Sign(signing) => {
                check_signature(&parsed, key, &digest, signing.verifying_key())?;
            }
            CacheKey::Verify(verifying) => check_signature(&parsed, key, &digest, verifying)?,
        }
        let size = layer["size"].as_u64().ok_or(Unusable("no content size"))?;
        if size > max_size {
            return Err(Unusable(TOO_LARGE).into());
        }
        let mut bytes = Vec::new();
        self.repository
            .open_blob(&digest)?
            .take(size + 1)
            .read_to_end(&mut bytes)
            .context("reading the content")
            .map_err(Fetch::Failed)?;
        if digest.verify(&bytes).is_err() {
            return Err(Unusable("content does not match its digest").into());
        }
        let contents = decode(&bytes, max_size).ok_or(Unusable("content unreadable"))?;
        Ok(Some((contents, bytes)))
    }

    /// Pushes an entry (unless only verifying, or pushes already failed).
    pub fn store(&self, key: &str, encoded: &[u8], layer: &Digest) {
        if matches!(self.key, CacheKey::Verify(_)) || self.pushes_off.load(Ordering::Relaxed) {
            return;
        }
        if let Err(error) = self.push(key, encoded, layer) {
            self.pushes_off.store(true, Ordering::Relaxed);
            self.warn(format!(
                "cache repository {}: cannot push entries ({}); layers read here are not shared",
                self.name(),
                report(&error)
            ));
        }
    }

    fn push(&self, key: &str, encoded: &[u8], layer: &Digest) -> Result<()> {
        let config = self.repository.upload_blob(b"{}")?;
        let content = self.repository.upload_blob(encoded)?;
        let mut annotations = serde_json::Map::new();
        annotations.insert("dev.tallyman.cache.layer".into(), layer.to_string().into());
        annotations.insert("dev.tallyman.version".into(), crate::VERSION.into());
        if let CacheKey::Sign(signing) = &self.key {
            let payload = serde_json::to_vec(&json!({"key": key, "content": content.to_string()}))?;
            let envelope = dsse::sign(signing, PAYLOAD_TYPE, &payload);
            annotations.insert(
                SIGNATURE_ANNOTATION.into(),
                serde_json::to_string(&envelope)?.into(),
            );
        }
        let manifest = json!({
            "schemaVersion": 2,
            "mediaType": MANIFEST_TYPE,
            "artifactType": ARTIFACT_TYPE,
            "config": {"mediaType": EMPTY_MEDIA_TYPE, "digest": config, "size": 2},
            "layers": [{"mediaType": CONTENTS_TYPE, "digest": content, "size": encoded.len()}],
            "annotations": annotations,
        });
        self.repository.put_manifest(
            &Self::tag(key),
            MANIFEST_TYPE,
            &serde_json::to_vec(&manifest)?,
        )?;
        Ok(())
    }
}

/// Why an entry was not taken.
enum Fetch {
    /// It is there but not to be used (the repository works).
    Unusable(&'static str),
    /// The repository failed.
    Failed(Error),
}

/// An entry that is there but not to be used, and why.
struct Unusable(&'static str);

/// Why an entry larger than the layer memory limit is not used (worded
/// with the limit's name when warned about).
const TOO_LARGE: &str = "too large";

impl From<Unusable> for Fetch {
    fn from(unusable: Unusable) -> Fetch {
        Fetch::Unusable(unusable.0)
    }
}

impl<E: Into<Error>> From<E> for Fetch {
    fn from(error: E) -> Fetch {
        Fetch::Failed(error.into())
    }
}

/// The entry's envelope verifies with `key` and signs this key and content.
fn check_signature(
    manifest: &serde_json::Value,
    key: &str,
    content: &Digest,
    verifying: &VerifyingKey,
) -> std::result::Result<(), Unusable> {
    let envelope = manifest["annotations"][SIGNATURE_ANNOTATION]
        .as_str()
        .ok_or(Unusable("not signed"))?;
    let envelope =
        dsse::parse(envelope.as_bytes()).map_err(|_| Unusable("signature unreadable"))?;
    if envelope.payload_type != PAYLOAD_TYPE {
        return Err(Unusable("signature of another payload type"));
    }
    let payload =
        dsse::verify(&envelope, verifying).map_err(|_| Unusable("signature does not verify"))?;
    let signed: serde_json::Value =
        serde_json::from_slice(&payload).map_err(|_| Unusable("signature unreadable"))?;
    if signed["key"] != key || signed["content"] != content.to_string() {
        return Err(Unusable("signature is for another entry"));
    }
    Ok(())
}
