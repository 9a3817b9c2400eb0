//! The blob cache: registry blobs kept by digest (`DIR/blobs/sha256/<hex>`), written
//! while they stream through and kept only once their sha256 is verified, so
//! a rescan reads them from disk instead of the network. The temporary
//! files are [`atomic_file`]'s cache partials: a signal removes them, and
//! ones a killed run left are swept by the next run that uses the cache.
//!
//! The cache never fails a scan: a directory that cannot be created or
//! written costs one warning and the blob streams on uncached; a cached blob
//! that no longer matches its digest (damaged on disk) is removed (when it
//! can be), named in a warning, and fetched again from the registry
//! ([`blame`]).

use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tallyman_layer::cache::{remove_damaged, unwritable};
use tallyman_oci::atomic_file::{self, AtomicFile};
use tallyman_oci::{Digest, Hasher};

fn path_for(dir: &Path, digest: &Digest) -> PathBuf {
    dir.join(digest.blob_path())
}

/// Warnings about a cache, each kept once, for the scan to report.
#[derive(Debug, Default)]
pub struct CacheWarnings(Mutex<Vec<String>>);

impl CacheWarnings {
    /// Keeps `warning` unless the same text is already kept.
    pub fn once(&self, warning: String) {
        let mut kept = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if !kept.contains(&warning) {
            kept.push(warning);
        }
    }

    /// The warnings kept so far, which are then forgotten.
    pub fn take(&self) -> Vec<String> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

/// Which file a cached blob was read from (device and inode): a read that
/// failed is blamed on the cache only if that file is still the one there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileId(u64, u64);

fn file_id(metadata: &std::fs::Metadata) -> FileId {
    use std::os::unix::fs::MetadataExt;
    FileId(metadata.dev(), metadata.ino())
}

/// The cached blob, if there is one, and which file it is.
pub fn open_cached(
    dir: Option<&Path>,
    digest: &Digest,
) -> Option<(Box<dyn Read + Send + 'static>, FileId)> {
    let file = File::open(path_for(dir?, digest)).ok()?;
    let id = file_id(&file.metadata().ok()?);
    Some((Box::new(file), id))
}

/// After a read of the cached copy `opened` of `digest` failed: the warning
/// to give when the cache is to blame — the copy does not hash to its digest
/// (it is then removed) or was replaced while it was read — and `None` when
/// the same, sound copy is still there (the read failed for another reason).
pub fn blame(dir: Option<&Path>, digest: &Digest, opened: FileId) -> Option<String> {
    let path = path_for(dir?, digest);
    let Ok(mut file) = File::open(&path) else {
        return Some(format!(
            "cached blob {} went away while it was read; fetched again",
            path.display()
        ));
    };
    if file.metadata().map(|m| file_id(&m)).ok() != Some(opened) {
        return Some(format!(
            "cached blob {} was replaced while it was read; fetched again",
            path.display()
        ));
    }
    let mut hasher = digest.hasher();
    let problem = match std::io::copy(&mut file, &mut hasher) {
        Err(e) => format!("cannot be read ({e})"),
        Ok(_) => match digest.check(hasher.finish()) {
            Ok(()) => return None,
            Err(mismatch) => format!("is damaged ({mismatch})"),
        },
    };
    Some(format!(
        "cached blob {} {problem}; {}, fetched again",
        path.display(),
        remove_damaged(&path)
    ))
}

/// Tees `body` into the cache when a cache directory is set: into a
/// temporary file of its own beside the blob's place, renamed into place
/// once the last byte has been read and the digest checked, so concurrent
/// scans never share a half-written file. A cache that cannot be written
/// adds a warning to `warnings` and leaves `body` uncached.
pub fn wrap<'a>(
    dir: Option<&Path>,
    digest: &Digest,
    body: Box<dyn Read + Send + 'a>,
    warnings: &'a CacheWarnings,
) -> Box<dyn Read + Send + 'a> {
    let Some(dir) = dir else {
        return body;
    };
    atomic_file::remove_stale_partials(dir);
    let path = path_for(dir, digest);
    let created = match path.parent().map_or(Ok(()), std::fs::create_dir_all) {
        Err(e) => Err(e.to_string()),
        Ok(()) => atomic_file::Options::new()
            .cache()
            .create(&path)
            .map_err(|e| e.cause().to_string()),
    };
    match created {
        Ok(file) => Box::new(Tee {
            body,
            file: Some(file),
            hasher: digest.hasher(),
            expected: digest.clone(),
            dir: dir.to_owned(),
            warnings,
        }),
        Err(e) => {
            warnings.once(unwritable(dir, &e));
            body
        }
    }
}

struct Tee<'a> {
    body: Box<dyn Read + Send + 'a>,
    /// Dropped (and so deleted) unless the blob was read whole and verified,
    /// or once writing it failed.
    file: Option<AtomicFile>,
    hasher: Hasher,
    expected: Digest,
    dir: PathBuf,
    warnings: &'a CacheWarnings,
}

impl Read for Tee<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.body.read(buf)?;
        if n > 0 {
            if let Some(file) = &mut self.file {
                if let Err(e) = file.write_all(&buf[..n]) {
                    self.file = None; // the partial file goes with it
                    self.warnings.once(unwritable(&self.dir, &e));
                } else {
                    self.hasher.update(&buf[..n]);
                }
            }
        } else if let Some(file) = self.file.take() {
            let got = std::mem::replace(&mut self.hasher, self.expected.hasher()).finish();
            if got == self.expected {
                if let Err(e) = file.commit() {
                    self.warnings.once(unwritable(&self.dir, e.cause()));
                }
            }
        }
        Ok(n)
    }
}
