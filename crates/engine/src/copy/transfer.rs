//! Carrying out a [`Plan`]: the blobs first, several at a time, each
//! skipped when the destination has it, mounted from the source repository
//! when both are in one registry, else streamed from the source's response
//! into the destination's upload (no temporary file; the destination checks
//! the digest); then the manifests in the plan's order, byte for byte.

use std::io::Read;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use crate::error::{Context, Error, Result};

use super::plan::{BlobItem, Plan, Push};
use tallyman_oci::registry::{referrers, Repository};

/// Blobs in flight at once.
const PARALLEL_BLOBS: usize = 4;
/// Tries per blob (a stream cannot be replayed, so a failed upload is
/// retried from a new download).
const BLOB_ATTEMPTS: u32 = 3;

/// What a copy did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Copied {
    pub manifests: usize,
    pub blobs_uploaded: usize,
    pub bytes_uploaded: u64,
    pub blobs_mounted: usize,
    pub blobs_present: usize,
}

/// Copies everything `plan` lists from `source` to `destination`;
/// `on_bytes` hears of every chunk of blob bytes moved.
pub fn execute(
    plan: &Plan,
    source: &Repository,
    destination: &Repository,
    on_bytes: &(dyn Fn(u64) + Sync),
) -> Result<Copied> {
    let same_registry = source.registry() == destination.registry();
    let next = AtomicUsize::new(0);
    let copied = Mutex::new(Copied::default());
    let failure: Mutex<Option<Error>> = Mutex::new(None);
    std::thread::scope(|scope| {
        for _ in 0..PARALLEL_BLOBS.min(plan.blobs.len()) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(blob) = plan.blobs.get(i) else { break };
                if failure.lock().map_or(true, |f| f.is_some()) {
                    break;
                }
                match copy_blob(blob, source, destination, same_registry, on_bytes) {
                    Ok(outcome) => {
                        if let Ok(mut copied) = copied.lock() {
                            match outcome {
                                Outcome::Present => copied.blobs_present += 1,
                                Outcome::Mounted => copied.blobs_mounted += 1,
                                Outcome::Uploaded => {
                                    copied.blobs_uploaded += 1;
                                    copied.bytes_uploaded += blob.size;
                                }
                            }
                        }
                    }
                    Err(error) => {
                        if let Ok(mut failure) = failure.lock() {
                            failure.get_or_insert(error);
                        }
                        break;
                    }
                }
            });
        }
    });
    if let Some(error) = failure
        .into_inner()
        .map_err(|_| Error::Message("copy: a worker panicked".to_owned()))?
    {
        return Err(error);
    }
    let mut copied = copied
        .into_inner()
        .map_err(|_| Error::Message("copy: a worker panicked".to_owned()))?;
    for item in &plan.manifests {
        let manifest = &item.manifest;
        let pushed = match &item.push {
            Push::Tag(tag) => destination
                .put_manifest(tag, &manifest.media_type, &manifest.bytes)
                .map(drop),
            Push::Digest => destination
                .put_manifest(
                    &manifest.digest.to_string(),
                    &manifest.media_type,
                    &manifest.bytes,
                )
                .map(drop),
            Push::Referrer(subject) => {
                referrers::push(destination, subject, &manifest.bytes, &manifest.media_type)
                    .map(drop)
            }
        };
        pushed.with_context(|| {
            format!(
                "copy of the {} {} to {}",
                item.what,
                manifest.digest,
                destination.name()
            )
        })?;
        copied.manifests += 1;
    }
    Ok(copied)
}

enum Outcome {
    Present,
    Mounted,
    Uploaded,
}

fn copy_blob(
    blob: &BlobItem,
    source: &Repository,
    destination: &Repository,
    same_registry: bool,
    on_bytes: &(dyn Fn(u64) + Sync),
) -> Result<Outcome> {
    let context = || {
        format!(
            "copy of blob {} (of the {}) from {} to {}",
            blob.digest,
            blob.what,
            source.name(),
            destination.name()
        )
    };
    if destination.has_blob(&blob.digest).with_context(context)? {
        on_bytes(blob.size);
        return Ok(Outcome::Present);
    }
    if same_registry
        && source.path() != destination.path()
        && destination
            .mount_blob(&blob.digest, source.path())
            .with_context(context)?
    {
        on_bytes(blob.size);
        return Ok(Outcome::Mounted);
    }
    let mut attempt = 1;
    loop {
        let stream = source.open_blob(&blob.digest).and_then(|body| {
            let mut counted = Counted {
                inner: body,
                on_bytes,
            };
            destination.upload_stream(&blob.digest, blob.size, &mut counted)
        });
        match stream {
            Ok(()) => return Ok(Outcome::Uploaded),
            Err(error) if attempt >= BLOB_ATTEMPTS => return Err(error).context(context()),
            Err(_) => attempt += 1,
        }
    }
}

/// A reader that reports how many bytes went through it.
struct Counted<'a> {
    inner: Box<dyn Read + Send>,
    on_bytes: &'a (dyn Fn(u64) + Sync),
}

impl Read for Counted<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        (self.on_bytes)(n as u64);
        Ok(n)
    }
}
