//! The per-layer result cache: what a layer held for a scan (its
//! [`LayerContents`]), kept on disk by the layer's digest so that layers seen
//! before — shared base layers, a rescan — are not read (or downloaded)
//! again. Whiteouts and links are part of the cached contents and are
//! re-applied when the layers are stacked.
//!
//! The key covers everything the contents depend on: the layer digest, the
//! selected patterns, the file size limit, the catalogers' versions and the
//! tallyman build (its version and the executable's size and mtime, so a
//! rebuilt binary never reads another build's entries). Entries are bincode,
//! zstd-compressed, written to a temporary file of its own in the entry's
//! directory and renamed into place, so concurrent scans sharing a cache
//! never see a half-written entry; a damaged or unreadable entry is a miss,
//! never an error.

use std::io::Write;
use std::path::PathBuf;
use std::sync::OnceLock;

use sha2::{Digest as _, Sha256};

use crate::blob::Digest;
use crate::layer::contents::LayerContents;
use crate::layer::selection::Selection;
use crate::layer::stream::Limits;

/// Bumped whenever [`LayerContents`] changes shape or meaning.
const FORMAT: u32 = 7;

/// A directory of cached layer contents.
#[derive(Debug, Clone)]
pub struct LayerCache {
    dir: PathBuf,
    /// The catalogers' `name@version`s, part of every key.
    catalogers: String,
}

impl LayerCache {
    pub fn new(dir: PathBuf, catalogers: String) -> LayerCache {
        LayerCache { dir, catalogers }
    }

    /// The user's cache directory for tallyman: `$XDG_CACHE_HOME/tallyman`
    /// or `~/.cache/tallyman`.
    pub fn default_dir() -> Option<PathBuf> {
        std::env::var_os("XDG_CACHE_HOME")
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
            .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cache")))
            .map(|base| base.join("tallyman"))
    }

    fn path(&self, layer: &Digest, selection: &Selection, limits: &Limits) -> PathBuf {
        let mut hasher = Sha256::new();
        hasher.update(format!("{FORMAT}\0{}\0{}\0", build_id(), self.catalogers));
        hasher.update(format!(
            "{layer}\0{}\0{}\0",
            limits.max_file_size, limits.max_archive_size
        ));
        for pattern in selection.patterns() {
            hasher.update(pattern.as_bytes());
            hasher.update([0]);
        }
        for sniff in selection.sniffs() {
            hasher.update(format!("sniff:{}\0", sniff.name));
        }
        let key = hex::encode(hasher.finalize());
        self.dir.join("layers").join(&key[..2]).join(&key)
    }

    /// The cached contents of a layer, if any.
    pub fn load(
        &self,
        layer: &Digest,
        selection: &Selection,
        limits: &Limits,
    ) -> Option<LayerContents> {
        let bytes = std::fs::read(self.path(layer, selection, limits)).ok()?;
        let raw = zstd::decode_all(bytes.as_slice()).ok()?;
        bincode::deserialize(&raw).ok()
    }

    /// Keeps a layer's contents; failures only cost the next scan a re-read.
    pub fn store(
        &self,
        layer: &Digest,
        selection: &Selection,
        limits: &Limits,
        contents: &LayerContents,
    ) {
        let path = self.path(layer, selection, limits);
        let write = || -> std::io::Result<()> {
            let raw = bincode::serialize(contents).map_err(std::io::Error::other)?;
            let compressed = zstd::encode_all(raw.as_slice(), 3)?;
            let parent = path
                .parent()
                .ok_or_else(|| std::io::Error::other("cache path"))?;
            std::fs::create_dir_all(parent)?;
            let mut temporary = tempfile::NamedTempFile::with_prefix_in(".partial-", parent)?;
            temporary.write_all(&compressed)?;
            temporary.persist(&path).map_err(|e| e.error)?;
            Ok(())
        };
        let _ = write();
    }
}

/// This build: the version and the executable's size and modification time.
fn build_id() -> &'static str {
    static ID: OnceLock<String> = OnceLock::new();
    ID.get_or_init(|| {
        let exe = std::env::current_exe()
            .and_then(std::fs::metadata)
            .map(|m| {
                let modified = m
                    .modified()
                    .ok()
                    .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                    .map_or(0, |d| d.as_nanos());
                format!("{}:{modified}", m.len())
            })
            .unwrap_or_default();
        format!("{}:{exe}", crate::VERSION)
    })
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    #[test]
    fn round_trip_and_keys() {
        let dir = tempfile::tempdir().unwrap();
        let cache = LayerCache::new(dir.path().to_owned(), "dpkg@1".into());
        let selection = Selection::new(["var/lib/dpkg/status"]).unwrap();
        let limits = Limits::default();
        let mut contents = LayerContents::default();
        contents.add_file("var/lib/dpkg/status", Arc::from(&b"Package: a\n"[..]));
        contents.add_whiteout("etc/gone");
        contents.finish("test");
        let aa = Digest::parse(&format!("sha256:{}", "a".repeat(64))).unwrap();
        let bb = Digest::parse(&format!("sha256:{}", "b".repeat(64))).unwrap();
        assert!(cache.load(&aa, &selection, &limits).is_none());
        cache.store(&aa, &selection, &limits, &contents);
        let loaded = cache.load(&aa, &selection, &limits).unwrap();
        assert_eq!(loaded.items, contents.items);
        assert!(loaded.hides("etc/gone/x"));
        assert!(loaded.hides("var/lib/dpkg/status"));
        let other = Selection::new(["lib/apk/db/installed"]).unwrap();
        assert!(
            cache.load(&aa, &other, &limits).is_none(),
            "the patterns are part of the key"
        );
        assert!(cache.load(&bb, &selection, &limits).is_none());
    }
}
