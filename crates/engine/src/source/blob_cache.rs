//! The blob cache: registry blobs kept by digest (`DIR/blobs/sha256/<hex>`), written
//! while they stream through and kept only once their sha256 is verified, so
//! a rescan reads them from disk instead of the network. The temporary
//! files are [`atomic_file`]'s cache partials: a signal removes them, and
//! ones a killed run left are swept by the next run that uses the cache.

use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use crate::error::{Context, Result};

use tallyman_oci::atomic_file::{self, AtomicFile};
use tallyman_oci::{Digest, Hasher};

fn path_for(dir: &Path, digest: &Digest) -> PathBuf {
    dir.join(digest.blob_path())
}

/// The cached blob, if there is one.
pub fn open_cached(dir: Option<&Path>, digest: &Digest) -> Option<Box<dyn Read + Send + 'static>> {
    let file = File::open(path_for(dir?, digest)).ok()?;
    Some(Box::new(file))
}

/// Tees `body` into the cache when a cache directory is set: into a
/// temporary file of its own beside the blob's place, renamed into place
/// once the last byte has been read and the digest checked, so concurrent
/// scans never share a half-written file.
pub fn wrap<'a>(
    dir: Option<&Path>,
    digest: &Digest,
    body: Box<dyn Read + Send + 'a>,
) -> Result<Box<dyn Read + Send + 'a>> {
    let Some(dir) = dir else {
        return Ok(body);
    };
    atomic_file::remove_stale_partials(dir);
    let path = path_for(dir, digest);
    let parent = path.parent().context("cache path")?;
    std::fs::create_dir_all(parent)
        .with_context(|| format!("{}: cannot create the blob cache", parent.display()))?;
    let file = atomic_file::Options::new()
        .cache()
        .create(&path)
        .map_err(|e| tallyman_oci::Error::from(e.about("cached blob")))?;
    Ok(Box::new(Tee {
        body,
        file: Some(file),
        hasher: digest.hasher(),
        expected: digest.clone(),
    }))
}

struct Tee<'a> {
    body: Box<dyn Read + Send + 'a>,
    /// Dropped (and so deleted) unless the blob was read whole and verified.
    file: Option<AtomicFile>,
    hasher: Hasher,
    expected: Digest,
}

impl Read for Tee<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.body.read(buf)?;
        if n > 0 {
            if let Some(file) = &mut self.file {
                file.write_all(&buf[..n])?;
                self.hasher.update(&buf[..n]);
            }
        } else if let Some(file) = self.file.take() {
            let got = std::mem::replace(&mut self.hasher, self.expected.hasher()).finish();
            if got == self.expected {
                file.commit()?;
            }
        }
        Ok(n)
    }
}
