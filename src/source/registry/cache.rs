//! `--cache-dir`: blobs kept by digest (`DIR/blobs/sha256/<hex>`), written
//! while they stream through and kept only once their sha256 is verified, so
//! a rescan reads them from disk instead of the network.

use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use sha2::{Digest, Sha256};

fn path_for(dir: &Path, digest: &str) -> Option<PathBuf> {
    let hex = digest.strip_prefix("sha256:")?;
    Some(dir.join("blobs/sha256").join(hex))
}

/// The cached blob, if there is one.
pub fn open_cached(
    dir: Option<&Path>,
    digest: &str,
) -> Result<Option<Box<dyn Read + Send + 'static>>> {
    let Some(path) = dir.and_then(|d| path_for(d, digest)) else {
        return Ok(None);
    };
    match File::open(&path) {
        Ok(file) => Ok(Some(Box::new(file))),
        Err(_) => Ok(None),
    }
}

/// Tees `body` into the cache when a cache directory is set.
pub fn wrap<'a>(
    dir: Option<&Path>,
    digest: &str,
    body: Box<dyn Read + Send + 'a>,
) -> Result<Box<dyn Read + Send + 'a>> {
    let Some(path) = dir.and_then(|d| path_for(d, digest)) else {
        return Ok(body);
    };
    let parent = path.parent().context("cache path")?;
    std::fs::create_dir_all(parent)
        .with_context(|| format!("--cache-dir {}: cannot create", parent.display()))?;
    let partial = path.with_extension("partial");
    let file = File::create(&partial)
        .with_context(|| format!("--cache-dir: cannot write {}", partial.display()))?;
    Ok(Box::new(Tee {
        body,
        file: Some(file),
        hasher: Sha256::new(),
        partial,
        path,
        expected: digest.to_owned(),
    }))
}

struct Tee<'a> {
    body: Box<dyn Read + Send + 'a>,
    file: Option<File>,
    hasher: Sha256,
    partial: PathBuf,
    path: PathBuf,
    expected: String,
}

impl Read for Tee<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.body.read(buf)?;
        if let Some(file) = &mut self.file {
            if n == 0 {
                let verified = format!("sha256:{}", hex::encode(self.hasher.clone().finalize()))
                    == self.expected;
                self.file = None;
                if verified {
                    std::fs::rename(&self.partial, &self.path)?;
                }
            } else {
                file.write_all(&buf[..n])?;
                self.hasher.update(&buf[..n]);
            }
        }
        Ok(n)
    }
}

impl Drop for Tee<'_> {
    fn drop(&mut self) {
        // Not read to the end (an error, or an unverified blob): never keep it.
        let _ = std::fs::remove_file(&self.partial);
    }
}
