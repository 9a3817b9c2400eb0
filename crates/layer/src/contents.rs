//! [`LayerContents`]: what one layer holds, as much as a scan needs.
//!
//! Kept in full: the wanted files' bytes and every symbolic and hard link.
//! Everything else — every other path, the whiteouts, the opaque directories —
//! is kept only as a 64-bit fingerprint of its path (8 bytes each, sorted),
//! which is enough to answer "does this layer replace or hide that path?" when
//! layers are stacked, without holding the layer's file tree in memory.
//!
//! A path's fingerprint is chained component by component, so a path and all
//! of its ancestors are fingerprinted in one pass over its bytes: work stays
//! linear in the length of the names, however deep a hostile layer nests
//! them. [`LayerContents::memory`] is what the layer costs to keep, checked
//! by the reader against its limit.

use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;

/// How many warnings one layer reports before summing the rest up.
const MAX_WARNINGS: usize = 20;

/// Fingerprints kept unsorted before the set is compacted (sorted and
/// deduplicated) to bound repeats of the same ancestors.
const COMPACT_AFTER: usize = 1 << 16;

/// A path this layer holds that the view needs.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Item {
    /// A wanted regular file and its bytes.
    File(#[serde(with = "shared_bytes")] Arc<[u8]>),
    /// A symbolic link and its target as stored.
    Symlink(String),
    /// A wanted hard link whose target's bytes are not (yet) known; its target path.
    Hardlink(String),
}

/// Fingerprints of paths, sorted for binary search.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
struct PathSet {
    #[serde(with = "packed_u64s")]
    hashes: Vec<u64>,
    /// How many of `hashes` (from the start) are sorted and distinct.
    compacted: usize,
}

/// File contents as one byte string in the layer cache (not a sequence of
/// numbers, which is slow to read back).
mod shared_bytes {
    use std::sync::Arc;

    pub fn serialize<S: serde::Serializer>(
        bytes: &Arc<[u8]>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(bytes)
    }

    pub fn deserialize<'de, D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Arc<[u8]>, D::Error> {
        let bytes: serde_bytes::ByteBuf = serde::Deserialize::deserialize(deserializer)?;
        Ok(Arc::from(bytes.into_vec()))
    }
}

/// Path fingerprints as one little-endian byte string in the layer cache.
mod packed_u64s {
    pub fn serialize<S: serde::Serializer>(
        values: &[u64],
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let bytes: Vec<u8> = values.iter().flat_map(|v| v.to_le_bytes()).collect();
        serializer.serialize_bytes(&bytes)
    }

    pub fn deserialize<'de, D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<u64>, D::Error> {
        let bytes: serde_bytes::ByteBuf = serde::Deserialize::deserialize(deserializer)?;
        if bytes.len() % 8 != 0 {
            return Err(serde::de::Error::custom(
                "path fingerprints are not whole u64s",
            ));
        }
        Ok(bytes
            .chunks_exact(8)
            .map(|chunk| u64::from_le_bytes(chunk.try_into().unwrap_or_default()))
            .collect())
    }
}

impl PathSet {
    fn insert(&mut self, fingerprint: u64) {
        self.hashes.push(fingerprint);
        if self.hashes.len() - self.compacted >= COMPACT_AFTER.max(self.compacted) {
            self.finish();
        }
    }

    fn finish(&mut self) {
        self.hashes.sort_unstable();
        self.hashes.dedup();
        self.compacted = self.hashes.len();
    }

    fn contains(&self, fingerprint: u64) -> bool {
        debug_assert_eq!(self.compacted, self.hashes.len());
        self.hashes.binary_search(&fingerprint).is_ok()
    }

    fn len(&self) -> usize {
        self.hashes.len()
    }
}

/// Fingerprints of `path` and each of its ancestors, shortest first (the
/// last one is the path's own).
fn fingerprints(path: &str) -> impl Iterator<Item = u64> + '_ {
    path.split('/').scan(0u64, |print, component| {
        *print = chain(*print, component);
        Some(*print)
    })
}

/// The fingerprint of `name` in the directory fingerprinted `parent`.
fn chain(parent: u64, name: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    parent.hash(&mut hasher);
    name.hash(&mut hasher);
    hasher.finish()
}

fn fingerprint(path: &str) -> u64 {
    fingerprints(path).last().unwrap_or_default()
}

/// The parts of one layer that matter to a scan.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct LayerContents {
    /// Wanted files and all links, by path (no leading `/`).
    pub items: BTreeMap<String, Item>,
    /// sha1 (hex) of files read with a digest-only selection, by path.
    pub digests: BTreeMap<String, String>,
    /// Problems met while reading, each naming the entry.
    pub warnings: Vec<String>,
    /// Number of tar entries (or directory entries) read.
    pub entry_count: u64,
    /// Uncompressed bytes read.
    pub uncompressed_size: u64,
    /// Whether the uncompressed bytes were checked against the diff id.
    pub diff_id_verified: bool,
    /// Every path, and the directories each implies.
    entries: PathSet,
    /// Paths that are not directories.
    nondirs: PathSet,
    /// Paths deleted from the layers below (`.wh.NAME`).
    whiteouts: PathSet,
    /// Directories whose lower contents are hidden (`.wh..wh..opq`).
    opaque_dirs: PathSet,
    /// Whether the root itself is opaque (every lower layer hidden).
    opaque_root: bool,
    /// Bytes held by `items` and `digests`.
    kept_bytes: u64,
    /// The parent directory of the last path noted, and its fingerprint.
    last_parent: (String, u64),
    suppressed_warnings: usize,
}

impl LayerContents {
    /// Records a directory entry.
    pub fn add_dir(&mut self, path: &str) {
        self.note_path(path);
    }

    /// Records a non-directory entry that is not kept (device, fifo, unwanted file).
    pub fn add_other(&mut self, path: &str) {
        let print = self.note_path(path);
        self.nondirs.insert(print);
    }

    /// Records a wanted file with its bytes.
    pub fn add_file(&mut self, path: &str, content: Arc<[u8]>) {
        self.add_other(path);
        self.kept_bytes += (path.len() + content.len()) as u64;
        self.items.insert(path.to_owned(), Item::File(content));
    }

    /// Records the sha1 of a file (digest-only reads).
    pub fn add_digest(&mut self, path: &str, sha1: String) {
        self.add_other(path);
        self.kept_bytes += (path.len() + sha1.len()) as u64;
        self.digests.insert(path.to_owned(), sha1);
    }

    /// Records a symbolic link.
    pub fn add_symlink(&mut self, path: &str, target: &str) {
        self.add_other(path);
        self.kept_bytes += (path.len() + target.len()) as u64;
        self.items
            .insert(path.to_owned(), Item::Symlink(target.to_owned()));
    }

    /// Records a wanted hard link: its target's bytes when this layer already
    /// kept them, otherwise the target path, to be fetched by a later pass.
    pub fn add_hardlink(&mut self, path: &str, target: &str) {
        self.add_other(path);
        self.kept_bytes += (path.len() + target.len()) as u64;
        let item = match self.items.get(target) {
            Some(Item::File(content)) => Item::File(content.clone()),
            _ => Item::Hardlink(target.to_owned()),
        };
        self.items.insert(path.to_owned(), item);
    }

    /// Records `.wh.NAME` for `path` (= parent/NAME).
    pub fn add_whiteout(&mut self, path: &str) {
        self.whiteouts.insert(fingerprint(path));
    }

    /// Records `.wh..wh..opq` in `dir`.
    pub fn add_opaque_dir(&mut self, dir: &str) {
        if dir.is_empty() {
            self.opaque_root = true;
        } else {
            self.opaque_dirs.insert(fingerprint(dir));
        }
    }

    /// Bytes this layer takes to keep: kept files and links, and 8 bytes per
    /// fingerprint.
    pub fn memory(&self) -> u64 {
        let prints =
            self.entries.len() + self.nondirs.len() + self.whiteouts.len() + self.opaque_dirs.len();
        self.kept_bytes + 8 * prints as u64
    }

    /// Adds a warning, keeping at most a few per layer.
    pub fn warn(&mut self, message: String) {
        if self.warnings.len() < MAX_WARNINGS {
            self.warnings.push(message);
        } else {
            self.suppressed_warnings += 1;
        }
    }

    /// Seals the path fingerprints; call once after the last entry.
    pub fn finish(&mut self, layer_name: &str) {
        self.entries.finish();
        self.nondirs.finish();
        self.whiteouts.finish();
        self.opaque_dirs.finish();
        self.last_parent = Default::default();
        if self.suppressed_warnings > 0 {
            self.warnings.push(format!(
                "layer {layer_name}: {} more warnings like these",
                self.suppressed_warnings
            ));
            self.suppressed_warnings = 0;
        }
    }

    /// Hard links whose target this layer did not keep.
    pub fn unresolved_hardlinks(&self) -> impl Iterator<Item = (&str, &str)> {
        self.items.iter().filter_map(|(path, item)| match item {
            Item::Hardlink(target) => Some((path.as_str(), target.as_str())),
            _ => None,
        })
    }

    /// Adds the files a later pass kept, resolving hard links that pointed at them.
    pub fn merge_files(&mut self, later: LayerContents) {
        for (path, item) in later.items {
            if let Item::File(content) = item {
                self.items.entry(path).or_insert(Item::File(content));
            }
        }
        let resolved: Vec<(String, Arc<[u8]>)> = self
            .unresolved_hardlinks()
            .filter_map(|(path, target)| match self.items.get(target) {
                Some(Item::File(content)) => Some((path.to_owned(), content.clone())),
                _ => None,
            })
            .collect();
        for (path, content) in resolved {
            self.items.insert(path, Item::File(content));
        }
    }

    /// Whether this layer, stacked on lower ones, hides their entry at `path`:
    /// it has its own entry there (of any kind), deletes it or an ancestor with
    /// a whiteout, makes an ancestor opaque, or replaces an ancestor directory
    /// with a non-directory.
    pub fn hides(&self, path: &str) -> bool {
        if self.opaque_root {
            return true;
        }
        let prints: Vec<u64> = fingerprints(path).collect();
        let Some((&own, ancestors)) = prints.split_last() else {
            return false;
        };
        self.entries.contains(own)
            || self.whiteouts.contains(own)
            || ancestors.iter().any(|&ancestor| {
                self.whiteouts.contains(ancestor)
                    || self.opaque_dirs.contains(ancestor)
                    || self.nondirs.contains(ancestor)
            })
    }

    /// Fingerprints `path` and, once per run of siblings, its ancestors (a
    /// file implies its parent directories exist in this layer); returns the
    /// path's fingerprint.
    fn note_path(&mut self, path: &str) -> u64 {
        self.entry_count += 1;
        let (parent, name) = path.rsplit_once('/').unwrap_or(("", path));
        if parent == self.last_parent.0 {
            let print = chain(self.last_parent.1, name);
            self.entries.insert(print);
            return print;
        }
        let mut parent_print = 0;
        let mut print = 0;
        for ancestor in fingerprints(path) {
            parent_print = print;
            print = ancestor;
            self.entries.insert(ancestor);
        }
        self.last_parent = (parent.to_owned(), parent_print);
        print
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finished(build: impl FnOnce(&mut LayerContents)) -> LayerContents {
        let mut layer = LayerContents::default();
        build(&mut layer);
        layer.finish("test");
        layer
    }

    #[test]
    fn whiteouts_hide_the_path_and_everything_below() {
        let l = finished(|l| l.add_whiteout("var/lib/dpkg"));
        assert!(l.hides("var/lib/dpkg"));
        assert!(l.hides("var/lib/dpkg/status"));
        assert!(!l.hides("var/lib/dpkgx/status"));
    }

    #[test]
    fn opaque_dirs_hide_only_contents() {
        let l = finished(|l| l.add_opaque_dir("etc"));
        assert!(l.hides("etc/os-release"));
        assert!(!l.hides("etc"));
        let root = finished(|l| l.add_opaque_dir(""));
        assert!(root.hides("anything/at/all"));
    }

    #[test]
    fn a_file_replacing_a_directory_hides_its_contents() {
        let l = finished(|l| l.add_other("var/lib/dpkg"));
        assert!(l.hides("var/lib/dpkg/status"));
        let dir = finished(|l| l.add_dir("var/lib/dpkg"));
        assert!(
            !dir.hides("var/lib/dpkg/status"),
            "a directory merges with the one below"
        );
        assert!(
            dir.hides("var/lib/dpkg"),
            "but replaces a file or link at that path"
        );
    }

    #[test]
    fn implied_parent_directories_replace_lower_links() {
        let l = finished(|l| l.add_file("var/lib/dpkg/status", Arc::from(&b""[..])));
        assert!(l.hides("var/lib/dpkg"));
        assert!(l.hides("var/lib"));
        assert!(!l.hides("var/lib/dpkg/available"));
    }

    #[test]
    fn siblings_and_deep_paths_fingerprint_as_whole_paths_do() {
        let deep = "d/".repeat(2000) + "f";
        let l = finished(|l| {
            l.add_other("usr/bin/a");
            l.add_other("usr/bin/b");
            l.add_dir("usr/lib");
            l.add_other("top");
            l.add_other(&deep);
        });
        for path in ["usr/bin/a", "usr/bin/b", "usr/lib", "usr", "top", &deep] {
            assert!(l.hides(path), "{path}");
        }
        assert!(l.hides("usr/bin/a/below"), "a file replaced the directory");
        assert!(!l.hides("usr/lib/below"), "a directory merges");
        assert!(!l.hides("usr/bin/c"));
        assert_eq!(l.entry_count, 5);
    }

    #[test]
    fn hardlinks_take_the_bytes_of_kept_targets() {
        let mut l = LayerContents::default();
        l.add_file("a", Arc::from(&b"x"[..]));
        l.add_hardlink("b", "a");
        l.add_hardlink("c", "unkept");
        assert_eq!(l.items["b"], Item::File(Arc::from(&b"x"[..])));
        assert_eq!(
            l.unresolved_hardlinks().collect::<Vec<_>>(),
            [("c", "unkept")]
        );
        let mut later = LayerContents::default();
        later.add_file("unkept", Arc::from(&b"y"[..]));
        l.merge_files(later);
        assert_eq!(l.items["c"], Item::File(Arc::from(&b"y"[..])));
    }
}
