//! `registry:REF` (or a bare reference): an image pulled over the OCI
//! distribution API, each layer's bytes streamed straight into the layer
//! readers — no temporary files. Manifests and indexes (OCI and Docker
//! schema 2) are checked against their digests; a digest in the reference
//! pins the manifest. With a blob cache directory, verified blobs are kept
//! by digest so a rescan does not download them again.

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Mutex;

use oci_spec::image::{Descriptor, DescriptorBuilder, ImageIndex, MediaType};
use tallyman_oci::manifest::{
    described_platforms, descriptor_digest, pick_from_index, IndexSummary, INDEX_TYPES,
    MANIFEST_TYPES, SCHEMA1_TYPES,
};
use tallyman_oci::registry::{read_limited, RegistryOptions, Repository};
use tallyman_oci::{fail, Digest, ImageReference, Platform};

use super::blob_cache::{self, CacheWarnings, FileId};
use crate::error::{Context, Error, Result};
use crate::source::blob_store::BlobStore;
use crate::source::manifest::{image_from_descriptor, Resolved};

/// Blobs of one repository, fetched on demand.
pub struct RegistryStore {
    repository: Repository,
    /// Manifests already fetched, by digest (they are not under /blobs/).
    known: Mutex<HashMap<Digest, Vec<u8>>>,
    cache_dir: Option<PathBuf>,
    /// What went wrong with the blob cache (never an error: see [`blob_cache`]).
    cache_warnings: CacheWarnings,
    /// Blobs read from the cache, and from which file.
    served: Mutex<HashMap<Digest, FileId>>,
    /// Blobs whose cached copy failed a read: fetched from the registry.
    bypass: Mutex<HashSet<Digest>>,
    what: String,
}

/// The platforms of the index `reference` names; `None` for one image.
pub fn index_of(
    reference: &ImageReference,
    options: &RegistryOptions,
) -> Result<Option<IndexSummary>> {
    let what = reference.to_string();
    let repository = Repository::connect(reference, options)?;
    let manifest = match &reference.digest {
        Some(pinned) => repository.manifest_by_digest(pinned)?,
        None => repository.require_manifest(&reference.manifest_reference())?,
    };
    if !INDEX_TYPES.contains(&manifest.media_type.as_str()) {
        return Ok(None);
    }
    let index: ImageIndex = serde_json::from_slice(&manifest.bytes)
        .with_context(|| format!("{what}: not a valid OCI index or manifest list"))?;
    let entries: Vec<&Descriptor> = index.manifests().iter().collect();
    Ok(Some(IndexSummary {
        digest: Some(manifest.digest),
        platforms: described_platforms(&entries),
    }))
}

/// Resolves a reference to one image and a store to read its blobs from.
pub fn resolve(
    reference: &ImageReference,
    platform: Option<&Platform>,
    options: &RegistryOptions,
    blob_cache: Option<&Path>,
) -> Result<(Resolved, RegistryStore)> {
    let what = reference.to_string();
    let store = RegistryStore {
        repository: Repository::connect(reference, options)?,
        known: Mutex::new(HashMap::new()),
        cache_dir: blob_cache.map(Path::to_owned),
        cache_warnings: CacheWarnings::default(),
        served: Mutex::default(),
        bypass: Mutex::default(),
        what: what.clone(),
    };
    let wanted = reference.manifest_reference();
    let (mut bytes, mut media_type, mut digest) = store.fetch_manifest(&wanted)?;
    if let Some(pinned) = &reference.digest {
        if pinned.verify(&bytes).is_err() {
            fail!("{what}: the registry returned manifest {digest}, not the pinned {pinned}");
        }
        digest = pinned.clone();
    }
    if INDEX_TYPES.contains(&media_type.as_str()) {
        let chosen = pick_from_index(&bytes, platform, &what)?;
        let chosen_digest = descriptor_digest(&chosen, &what, "the index's manifests[].digest")?;
        (bytes, media_type, digest) = store.fetch_manifest(&chosen_digest.to_string())?;
        if chosen_digest.verify(&bytes).is_err() {
            fail!("{what}: manifest {chosen_digest} has digest {digest}");
        }
        digest = chosen_digest;
    }
    if SCHEMA1_TYPES.contains(&media_type.as_str()) {
        fail!("{what}: Docker schema 1 manifests are not supported; push the image again with a current client");
    }
    if !MANIFEST_TYPES.contains(&media_type.as_str()) {
        fail!("{what}: unsupported manifest media type {media_type:?}");
    }
    let descriptor: Descriptor = DescriptorBuilder::default()
        .media_type(MediaType::from(media_type.as_str()))
        .digest(
            oci_spec::image::Digest::from_str(&digest.to_string())
                .map_err(|e| Error::Message(format!("{what}: digest {digest}: {e}")))?,
        )
        .size(bytes.len() as u64)
        .build()
        .map_err(|e| Error::Message(format!("{what}: {e}")))?;
    store
        .known
        .lock()
        .map_err(|_| Error::Message(format!("{what}: manifest cache poisoned")))?
        .insert(digest.clone(), bytes);
    let mut resolved = image_from_descriptor(&store, &descriptor, &what)?;
    resolved.info.name = format!("{}@{digest}", reference.name());
    resolved.info.tags = reference
        .tag
        .as_ref()
        .map(|tag| format!("{}:{tag}", reference.name()))
        .into_iter()
        .collect();
    Ok((resolved, store))
}

impl RegistryStore {
    /// GETs a manifest or index: (bytes, media type, sha256 digest of the bytes).
    fn fetch_manifest(&self, reference: &str) -> Result<(Vec<u8>, String, Digest)> {
        let manifest = self.repository.require_manifest(reference)?;
        Ok((manifest.bytes, manifest.media_type, manifest.digest))
    }
}

impl BlobStore for RegistryStore {
    /// Members are digests (as [`BlobStore::blob_member`] names them here).
    fn open(&self, member: &str) -> Result<Box<dyn Read + Send + '_>> {
        let digest = Digest::parse(member)?;
        let bypassed = lock(&self.bypass).contains(&digest);
        if !bypassed {
            if let Some((cached, id)) = blob_cache::open_cached(self.cache_dir.as_deref(), &digest)
            {
                lock(&self.served).insert(digest, id);
                return Ok(cached);
            }
        }
        let body = self.repository.open_blob(&digest)?;
        Ok(blob_cache::wrap(
            self.cache_dir.as_deref(),
            &digest,
            body,
            &self.cache_warnings,
        ))
    }

    fn retry_uncached(&self, member: &str) -> bool {
        let Ok(digest) = Digest::parse(member) else {
            return false;
        };
        let Some(opened) = lock(&self.served).remove(&digest) else {
            return false; // not read from the cache
        };
        match blob_cache::blame(self.cache_dir.as_deref(), &digest, opened) {
            Some(warning) => {
                self.cache_warnings.once(warning);
                lock(&self.bypass).insert(digest);
                true
            }
            None => false,
        }
    }

    fn warnings(&self) -> Vec<String> {
        self.cache_warnings.take()
    }

    fn contains(&self, _digest: &str) -> bool {
        true // asked on demand; a missing blob fails with the registry's 404
    }

    fn blob_member(&self, digest: &Digest) -> String {
        digest.to_string()
    }

    fn read_small(&self, member: &str) -> Result<Vec<u8>> {
        let digest = Digest::parse(member)?;
        if let Some(bytes) = self.known.lock().ok().and_then(|k| k.get(&digest).cloned()) {
            return Ok(bytes);
        }
        let what = format!("blob {digest}");
        let read =
            || -> Result<Vec<u8>> { Ok(read_limited(self.open(member)?, &self.what, &what)?) };
        let first = read();
        // A damaged cached copy is replaced by the registry's.
        let sound = matches!(&first, Ok(bytes) if digest.verify(bytes).is_ok());
        if !sound && self.retry_uncached(member) {
            return read();
        }
        first
    }
}

/// A lock that a panicked holder did not spoil (the sets stay consistent).
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}
