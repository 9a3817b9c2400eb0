//! Stacks layers into the view a container sees, one layer at a time.
//!
//! Applying a layer first removes from the view everything the layer hides
//! (its own entries at the same paths, whiteouts, opaque directories,
//! directories replaced by files), then adds the layer's wanted files and
//! links. Work is proportional to what the view holds (wanted files and
//! links), not to the size of the layers. After each layer the caller can take
//! the view as it stands, which is how a package's introducing layer and the
//! `all-layers` scope are found.

use tallyman_catalogers::{ImageFiles, LayerIndex};

use crate::contents::{Item, LayerContents};

/// The view built so far.
#[derive(Debug, Default)]
pub struct Squasher {
    view: ImageFiles,
}

impl Squasher {
    pub fn new() -> Self {
        Self::default()
    }

    /// Stacks `layer` (whose index is `index`) on the view; returns the paths
    /// it changed (removed, replaced or added).
    pub fn apply(&mut self, layer: &LayerContents, index: LayerIndex) -> Vec<String> {
        let mut changed = self.view.remove_where(|path| layer.hides(path));
        for (path, item) in &layer.items {
            match item {
                Item::File(content) => self.view.insert_file(path, content.clone(), index),
                Item::Symlink(target) => self.view.insert_symlink(path, target),
                Item::Hardlink(_) => continue,
            }
            changed.push(path.clone());
        }
        changed
    }

    /// The view after the layers applied so far.
    pub fn view(&self) -> &ImageFiles {
        &self.view
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    fn layer(build: impl FnOnce(&mut LayerContents)) -> LayerContents {
        let mut l = LayerContents::default();
        build(&mut l);
        l.finish("test");
        l
    }

    fn bytes(s: &str) -> Arc<[u8]> {
        Arc::from(s.as_bytes())
    }

    #[test]
    fn later_files_replace_earlier_and_whiteouts_delete() {
        let mut s = Squasher::new();
        s.apply(
            &layer(|l| {
                l.add_file("var/lib/dpkg/status", bytes("one"));
                l.add_file("var/lib/dpkg/info/jq.md5sums", bytes("m"));
            }),
            0,
        );
        s.apply(
            &layer(|l| {
                l.add_file("var/lib/dpkg/status", bytes("two"));
                l.add_whiteout("var/lib/dpkg/info/jq.md5sums");
            }),
            1,
        );
        let status = s.view().read("var/lib/dpkg/status").unwrap();
        assert_eq!((status.content, status.layer), (&b"two"[..], 1));
        assert!(s.view().read("var/lib/dpkg/info/jq.md5sums").is_none());
    }

    #[test]
    fn opaque_directory_hides_lower_contents_but_keeps_its_own() {
        let mut s = Squasher::new();
        s.apply(&layer(|l| l.add_file("etc/a", bytes("a"))), 0);
        s.apply(
            &layer(|l| {
                l.add_opaque_dir("etc");
                l.add_file("etc/b", bytes("b"));
            }),
            1,
        );
        assert!(s.view().read("etc/a").is_none());
        assert_eq!(s.view().read("etc/b").unwrap().content, b"b");
    }

    #[test]
    fn directory_replaced_by_a_file_and_back() {
        let mut s = Squasher::new();
        s.apply(&layer(|l| l.add_file("var/lib/dpkg/status", bytes("s"))), 0);
        assert_eq!(
            s.apply(&layer(|l| l.add_other("var/lib/dpkg")), 1),
            ["var/lib/dpkg/status"]
        );
        assert!(s.view().read("var/lib/dpkg/status").is_none());
        s.apply(&layer(|l| l.add_file("var/lib/dpkg/status", bytes("t"))), 2);
        assert_eq!(s.view().read("var/lib/dpkg/status").unwrap().layer, 2);
    }

    #[test]
    fn a_directory_replaces_a_lower_symlink() {
        let mut s = Squasher::new();
        s.apply(
            &layer(|l| {
                l.add_symlink("var/lib/dpkg", "/opt/dpkg");
                l.add_file("opt/dpkg/status", bytes("linked"));
            }),
            0,
        );
        assert_eq!(
            s.view().read("var/lib/dpkg/status").unwrap().content,
            b"linked"
        );
        s.apply(&layer(|l| l.add_dir("var/lib/dpkg")), 1);
        assert!(s.view().read("var/lib/dpkg/status").is_none());
    }

    #[test]
    fn unrelated_layers_change_nothing() {
        let mut s = Squasher::new();
        s.apply(&layer(|l| l.add_file("etc/os-release", bytes("ID=x"))), 0);
        assert!(s.apply(&layer(|l| l.add_other("usr/bin/jq")), 1).is_empty());
    }
}
