//! The per-layer result cache: what a layer held for a scan (its
//! [`LayerContents`]), kept on disk by the layer's digest so that layers seen
//! before — shared base layers, a rescan — are not read (or downloaded)
//! again. Whiteouts and links are part of the cached contents and are
//! re-applied when the layers are stacked.
//!
//! The key covers everything the contents depend on: the layer digest, the
//! selected patterns, the file size limits, the catalogers' versions and the
//! tallyman build (its version and the SHA-256 of its executable, so a
//! rebuilt binary never reads another build's entries, while one release
//! installed on many machines shares them through a cache repository; the
//! hash is remembered in the cache directory by the executable's size and
//! mtime, so it is computed once per installed binary). Entries are bincode,
//! zstd-compressed ([`encode`], [`decode`]: the same bytes as a cache
//! repository's entries), written through [`atomic_file`] (a temporary file
//! of its own in the entry's directory, renamed into place), so concurrent
//! scans sharing a cache never see a half-written entry; a damaged or
//! unreadable entry is a miss, never an error. A cache directory is swept of
//! the `.partial-*` files killed runs left when a scan first uses it.

use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex, OnceLock};

use sha2::{Digest as _, Sha256};

use tallyman_oci::{atomic_file, Digest};

use crate::contents::LayerContents;
use crate::limits::{Limit, Limits};
use crate::selection::Selection;

/// Bumped whenever [`LayerContents`] changes shape or meaning.
const FORMAT: u32 = 9;

/// A directory of cached layer contents, and the keys of its entries
/// (with no directory — `--no-cache` beside a cache repository — only the
/// keys: nothing is kept).
#[derive(Debug, Clone)]
pub struct LayerCache {
    dir: Option<PathBuf>,
    /// The catalogers' `name@version`s, part of every key.
    catalogers: String,
}

impl LayerCache {
    pub fn new(dir: Option<PathBuf>, catalogers: String) -> LayerCache {
        if let Some(dir) = &dir {
            atomic_file::remove_stale_partials(dir);
        }
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

    /// The key of a layer's entry (hex): what its contents depend on.
    pub fn key(&self, layer: &Digest, selection: &Selection, limits: &Limits) -> String {
        let mut hasher = Sha256::new();
        hasher.update(format!(
            "{FORMAT}\0{}\0{}\0",
            build_id(self.dir.as_deref()),
            self.catalogers
        ));
        // The limits that shape what is kept, and their names (warnings
        // about files over them are part of the contents).
        hasher.update(format!(
            "{layer}\0{}\0{}\0{}\0{}\0",
            limits.max_file_size,
            limits.max_archive_size,
            limits.name(Limit::FileSize),
            limits.name(Limit::ArchiveSize)
        ));
        for pattern in selection.patterns() {
            hasher.update(pattern.as_bytes());
            hasher.update([0]);
        }
        for sniff in selection.sniffs() {
            hasher.update(format!("sniff:{}\0", sniff.name));
        }
        for reduction in selection.reductions() {
            hasher.update(format!("reduce:{}\0", reduction.name));
        }
        hex::encode(hasher.finalize())
    }

    /// Where the entry with this [`LayerCache::key`] lives (none without a directory).
    fn path(&self, key: &str) -> Option<PathBuf> {
        let dir = self.dir.as_ref()?;
        Some(dir.join("layers").join(key.get(..2)?).join(key))
    }

    /// The cached contents of the layer whose entry has this key, if any.
    /// An entry that cannot be read or decoded (damaged on disk) is removed
    /// and named in the `Err` warning; the layer is then read again.
    pub fn load(&self, key: &str) -> Result<Option<LayerContents>, String> {
        let Some(path) = self.path(key) else {
            return Ok(None);
        };
        let problem = match std::fs::read(&path) {
            // No entry (also when the cache "directory" is a file: the
            // write that fails on it is what warns).
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
                ) =>
            {
                return Ok(None)
            }
            // Not ours to read: one warning for the directory, not each entry.
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                let dir = self.dir.as_deref().unwrap_or(&path);
                return Err(format!(
                    "cache {}: cannot be read ({e}); going on without it",
                    dir.display()
                ));
            }
            Err(e) => format!("cannot be read ({e})"),
            Ok(bytes) => match decode(&bytes, u64::MAX) {
                Some(contents) => return Ok(Some(contents)),
                None => "is damaged".to_owned(),
            },
        };
        Err(format!(
            "layer cache entry {} {problem}; {}, the layer is read again",
            path.display(),
            remove_damaged(&path)
        ))
    }

    /// Keeps an entry ([`encode`]d here, or as a cache repository gave it)
    /// under its key. A failure only costs the next scan a re-read; the
    /// `Err` is a warning naming the cache (the same for every entry).
    pub fn store(&self, key: &str, encoded: &[u8]) -> Result<(), String> {
        let (Some(path), Some(dir)) = (self.path(key), self.dir.as_ref()) else {
            return Ok(());
        };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| unwritable(dir, &e))?;
        }
        atomic_file::Options::new()
            .cache()
            .write(&path, encoded)
            .map_err(|e| unwritable(dir, e.cause()))
    }
}

/// The warning for a cache directory that cannot be written: the same text
/// from the layer cache and the registry blob cache, so a scan gives it once.
pub fn unwritable(dir: &Path, cause: &dyn std::fmt::Display) -> String {
    format!(
        "cache {}: cannot be written ({cause}); going on without it",
        dir.display()
    )
}

/// Removes a damaged cache file; says how that went, for its warning.
pub fn remove_damaged(path: &Path) -> String {
    match std::fs::remove_file(path) {
        Ok(()) => "removed".to_owned(),
        Err(e) => format!("not removed ({e})"),
    }
}

/// Layers being read in this process, by entry key: concurrent scans
/// (`scan-many`, `--platform all`) that meet one layer read it once — the
/// second waits for the first, then finds its entry.
static IN_FLIGHT: (Mutex<BTreeSet<String>>, Condvar) =
    (Mutex::new(BTreeSet::new()), Condvar::new());

/// Holds a layer's key while it is read (see [`LayerCache::claim`]).
pub struct Claim(String);

impl Drop for Claim {
    fn drop(&mut self) {
        let (keys, released) = &IN_FLIGHT;
        if let Ok(mut keys) = keys.lock() {
            keys.remove(&self.0);
        }
        released.notify_all();
    }
}

impl LayerCache {
    /// Waits until no other scan of this process is reading the layer with
    /// this entry key, then claims it until the claim is dropped.
    pub fn claim(key: &str) -> Claim {
        let (keys, released) = &IN_FLIGHT;
        let mut held = keys.lock().unwrap_or_else(|e| e.into_inner());
        while held.contains(key) {
            held = released.wait(held).unwrap_or_else(|e| e.into_inner());
        }
        held.insert(key.to_owned());
        Claim(key.to_owned())
    }
}

/// A layer's contents as an entry: bincode, zstd-compressed (streamed: the
/// uncompressed bincode is never held whole).
pub fn encode(contents: &LayerContents) -> Option<Vec<u8>> {
    let mut encoder = zstd::Encoder::new(Vec::new(), 3).ok()?;
    // zstd's checksum: a damaged entry fails to decode instead of decoding
    // into other contents.
    encoder.include_checksum(true).ok()?;
    bincode::serialize_into(&mut encoder, contents).ok()?;
    encoder.finish().ok()
}

/// An entry's contents; `None` when it is damaged or inflates past
/// `max_size` bytes (an entry from a registry is not trusted to be small).
pub fn decode(bytes: &[u8], max_size: u64) -> Option<LayerContents> {
    let mut raw = Vec::new();
    zstd::Decoder::new(bytes)
        .ok()?
        .take(max_size.saturating_add(1))
        .read_to_end(&mut raw)
        .ok()?;
    if raw.len() as u64 > max_size {
        return None;
    }
    bincode::deserialize(&raw).ok()
}

/// This build: the version and the SHA-256 of the executable, remembered
/// in `cache_dir` by the executable's size and modification time.
fn build_id(cache_dir: Option<&Path>) -> &'static str {
    static ID: OnceLock<String> = OnceLock::new();
    ID.get_or_init(|| {
        let exe = std::env::current_exe().ok();
        let stamp = exe.as_ref().and_then(|exe| {
            let m = std::fs::metadata(exe).ok()?;
            let modified = m
                .modified()
                .ok()?
                .duration_since(std::time::UNIX_EPOCH)
                .ok()?
                .as_nanos();
            Some(format!("{}-{modified}", m.len()))
        });
        let remembered = stamp
            .as_ref()
            .zip(cache_dir)
            .map(|(stamp, dir)| dir.join("builds").join(stamp));
        if let Some(hash) = remembered
            .as_ref()
            .and_then(|path| std::fs::read_to_string(path).ok())
            .filter(|hash| hash.len() == 64)
        {
            return format!("{}:{hash}", env!("CARGO_PKG_VERSION"));
        }
        let hash = exe
            .and_then(|exe| {
                let mut file = std::fs::File::open(exe).ok()?;
                let mut hasher = Sha256::new();
                std::io::copy(&mut file, &mut hasher).ok()?;
                Some(hex::encode(hasher.finalize()))
            })
            .unwrap_or_default();
        if let Some(path) = remembered.filter(|_| !hash.is_empty()) {
            if let Some(parent) = path.parent() {
                let _ = std::fs::create_dir_all(parent);
            }
            let _ = atomic_file::Options::new()
                .cache()
                .write(&path, hash.as_bytes());
        }
        format!("{}:{hash}", env!("CARGO_PKG_VERSION"))
    })
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    #[test]
    fn round_trip_and_keys() {
        let dir = tempfile::tempdir().unwrap();
        let cache = LayerCache::new(Some(dir.path().to_owned()), "dpkg@1".into());
        let selection = Selection::new(["var/lib/dpkg/status"]).unwrap();
        let limits = Limits::default();
        let mut contents = LayerContents::default();
        contents.add_file("var/lib/dpkg/status", Arc::from(&b"Package: a\n"[..]));
        contents.add_whiteout("etc/gone");
        contents.finish("test");
        let aa = Digest::parse(&format!("sha256:{}", "a".repeat(64))).unwrap();
        let bb = Digest::parse(&format!("sha256:{}", "b".repeat(64))).unwrap();
        let key = |layer, selection| cache.key(layer, selection, &limits);
        let absent = |key: &str| matches!(cache.load(key), Ok(None));
        assert!(absent(&key(&aa, &selection)));
        cache
            .store(&key(&aa, &selection), &encode(&contents).unwrap())
            .unwrap();
        let loaded = cache.load(&key(&aa, &selection)).unwrap().unwrap();
        assert_eq!(loaded.items, contents.items);
        assert!(loaded.hides("etc/gone/x"));
        assert!(loaded.hides("var/lib/dpkg/status"));
        let other = Selection::new(["lib/apk/db/installed"]).unwrap();
        assert!(
            absent(&key(&aa, &other)),
            "the patterns are part of the key"
        );
        assert!(absent(&key(&bb, &selection)));
        // A damaged entry is removed, and the warning names it.
        let path = cache.path(&key(&aa, &selection)).unwrap();
        let mut bytes = std::fs::read(&path).unwrap();
        let middle = bytes.len() / 2;
        bytes[middle] ^= 1;
        std::fs::write(&path, bytes).unwrap();
        assert_eq!(
            cache.load(&key(&aa, &selection)).err(),
            Some(format!(
                "layer cache entry {} is damaged; removed, the layer is read again",
                path.display()
            ))
        );
        assert!(!path.exists());
    }
}
