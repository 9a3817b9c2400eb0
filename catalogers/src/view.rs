//! [`ImageFiles`]: the read-only view of an image's files that catalogers see.
//!
//! It holds only the files some cataloger asked for (their content and the
//! layer each came from) plus every symbolic link of the image, so that a
//! lookup such as `var/lib/dpkg/status` follows `/var/lib/dpkg -> /opt/dpkg`
//! the way the kernel would inside the container: links are resolved against
//! the image root (never the host), `..` stops at the root, and a chain of more
//! than [`MAX_LINK_HOPS`] links is treated as a loop. Paths are stored without
//! a leading `/`.

use std::collections::BTreeMap;
use std::sync::Arc;

pub use crate::model::LayerIndex;

/// How many symbolic links one lookup may follow before it is called a loop
/// (the same bound as Linux's `MAXSYMLINKS`).
pub const MAX_LINK_HOPS: usize = 40;

#[derive(Debug, Clone)]
enum Node {
    File {
        content: Arc<[u8]>,
        layer: LayerIndex,
    },
    Symlink {
        target: String,
    },
}

/// A file found by a lookup.
#[derive(Debug, Clone, Copy)]
pub struct FileRef<'a> {
    /// The file's real path, after following links, without a leading `/`.
    pub path: &'a str,
    pub content: &'a [u8],
    pub layer: LayerIndex,
}

impl FileRef<'_> {
    /// The path with a leading `/`, as documents show it.
    pub fn absolute_path(&self) -> String {
        format!("/{}", self.path)
    }

    /// Where a package found in this file stands: its path and layer.
    pub fn location(&self) -> crate::model::Location {
        crate::model::Location {
            path: self.absolute_path(),
            layer: self.layer,
        }
    }
}

/// The files of an image that catalogers asked for, and its symlinks.
#[derive(Debug, Clone, Default)]
pub struct ImageFiles {
    nodes: BTreeMap<String, Node>,
}

impl ImageFiles {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds (or replaces) a regular file. `path` is normalised (no leading `/`).
    pub fn insert_file(&mut self, path: &str, content: Arc<[u8]>, layer: LayerIndex) {
        self.nodes
            .insert(normalize(path), Node::File { content, layer });
    }

    /// Adds (or replaces) a symbolic link whose target is as stored in the image
    /// (absolute, or relative to the link's directory).
    pub fn insert_symlink(&mut self, path: &str, target: &str) {
        self.nodes.insert(
            normalize(path),
            Node::Symlink {
                target: target.to_owned(),
            },
        );
    }

    /// Removes every entry for which `hidden` returns true; returns their paths.
    pub fn remove_where(&mut self, mut hidden: impl FnMut(&str) -> bool) -> Vec<String> {
        let mut removed = Vec::new();
        self.nodes.retain(|path, _| {
            let hide = hidden(path);
            if hide {
                removed.push(path.clone());
            }
            !hide
        });
        removed
    }

    /// Number of files and links held.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// Reads a file, following symbolic links in every component.
    pub fn read(&self, path: &str) -> Option<FileRef<'_>> {
        let real = self.resolve(path)?;
        let (path, node) = self.nodes.get_key_value(real.as_str())?;
        match node {
            Node::File { content, layer } => Some(FileRef {
                path,
                content,
                layer: *layer,
            }),
            Node::Symlink { .. } => None,
        }
    }

    /// The real path of `path` inside the image after following every link,
    /// or `None` when a link chain loops. The result need not exist.
    pub fn resolve(&self, path: &str) -> Option<String> {
        let mut pending: Vec<String> = components(path).rev().map(str::to_owned).collect();
        let mut resolved: Vec<String> = Vec::new();
        let mut hops = 0;
        while let Some(component) = pending.pop() {
            match component.as_str() {
                "" | "." => continue,
                ".." => {
                    resolved.pop();
                    continue;
                }
                _ => {}
            }
            resolved.push(component);
            let candidate = resolved.join("/");
            if let Some(Node::Symlink { target }) = self.nodes.get(&candidate) {
                hops += 1;
                if hops > MAX_LINK_HOPS {
                    return None;
                }
                resolved.pop();
                if target.starts_with('/') {
                    resolved.clear();
                }
                pending.extend(components(target).rev().map(str::to_owned));
            }
        }
        Some(resolved.join("/"))
    }

    /// Whether `path` itself (not following a final link) is a symbolic link.
    pub fn is_symlink(&self, path: &str) -> bool {
        matches!(self.nodes.get(&normalize(path)), Some(Node::Symlink { .. }))
    }

    /// A view of this one's symbolic links alone: enough to [`Self::resolve`]
    /// paths, without keeping any file's bytes.
    pub fn links_only(&self) -> ImageFiles {
        let mut links = ImageFiles::new();
        for (path, target) in self.symlinks() {
            links.insert_symlink(path, target);
        }
        links
    }

    /// Every symbolic link: its path and its target as stored.
    pub fn symlinks(&self) -> impl Iterator<Item = (&str, &str)> {
        self.nodes.iter().filter_map(|(path, node)| match node {
            Node::Symlink { target } => Some((path.as_str(), target.as_str())),
            Node::File { .. } => None,
        })
    }

    /// Every regular file held, in path order.
    pub fn files(&self) -> impl Iterator<Item = FileRef<'_>> {
        self.nodes.iter().filter_map(|(path, node)| match node {
            Node::File { content, layer } => Some(FileRef {
                path,
                content,
                layer: *layer,
            }),
            Node::Symlink { .. } => None,
        })
    }

    /// The regular files directly inside directory `dir` (links in `dir` itself
    /// are followed; entries that are links to files are followed too), in name order.
    pub fn list_dir(&self, dir: &str) -> Vec<FileRef<'_>> {
        let Some(real_dir) = self.resolve(dir) else {
            return Vec::new();
        };
        let prefix = if real_dir.is_empty() {
            String::new()
        } else {
            format!("{real_dir}/")
        };
        let mut out = Vec::new();
        for (path, _) in self.nodes.range(prefix.clone()..) {
            let Some(name) = path.strip_prefix(&prefix) else {
                break;
            };
            if name.is_empty() || name.contains('/') {
                continue;
            }
            if let Some(file) = self.read(path) {
                out.push(file);
            }
        }
        out
    }
}

fn components(path: &str) -> impl DoubleEndedIterator<Item = &str> {
    path.split('/').filter(|c| !c.is_empty() && *c != ".")
}

/// A path in the view's form: components joined by `/`, no leading `/`, no `.`.
pub fn normalize(path: &str) -> String {
    components(path).collect::<Vec<_>>().join("/")
}

/// `base/relative` as an absolute path, `..` applied lexically (a record's
/// relative path to the files it lists: RECORD, Composer's install path);
/// a `relative` that starts with `/` stands alone.
pub fn absolute(base: &str, relative: &str) -> String {
    let mut parts: Vec<&str> = if relative.starts_with('/') {
        Vec::new()
    } else {
        components(base).collect()
    };
    for part in components(relative) {
        if part == ".." {
            parts.pop();
        } else {
            parts.push(part);
        }
    }
    format!("/{}", parts.join("/"))
}

/// Test support: a view of every file and link under a directory on disk,
/// all in layer 0, for cataloger tests over the fixtures.
#[cfg(test)]
pub(crate) fn from_dir(root: &std::path::Path) -> ImageFiles {
    fn walk(files: &mut ImageFiles, root: &std::path::Path, dir: &std::path::Path) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let rel = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let meta = std::fs::symlink_metadata(&path).unwrap();
            if meta.file_type().is_symlink() {
                let target = std::fs::read_link(&path).unwrap();
                files.insert_symlink(&rel, &target.to_string_lossy());
            } else if meta.is_dir() {
                walk(files, root, &path);
            } else {
                files.insert_file(&rel, std::fs::read(&path).unwrap().into(), 0);
            }
        }
    }
    let mut files = ImageFiles::new();
    walk(&mut files, root, root);
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_joins_lexically() {
        let site = "/usr/lib/python3/dist-packages";
        assert_eq!(absolute(site, "../../../bin/flask"), "/usr/bin/flask");
        assert_eq!(
            absolute(site, "./six.py"),
            "/usr/lib/python3/dist-packages/six.py"
        );
        assert_eq!(absolute(site, "/etc/x.conf"), "/etc/x.conf");
        assert_eq!(absolute("/a", "../../.."), "/");
    }

    fn view() -> ImageFiles {
        let mut v = ImageFiles::new();
        v.insert_file("opt/dpkg/status", Arc::from(&b"db"[..]), 1);
        v.insert_symlink("var/lib/dpkg", "/opt/dpkg");
        v.insert_file("usr/lib/os-release", Arc::from(&b"ID=debian"[..]), 0);
        v.insert_symlink("etc/os-release", "../usr/lib/os-release");
        v.insert_symlink("loop/a", "b");
        v.insert_symlink("loop/b", "a");
        v.insert_symlink("escape", "../../../../../usr/lib/os-release");
        v
    }

    #[test]
    fn follows_absolute_and_relative_links() {
        let v = view();
        let f = v.read("/var/lib/dpkg/status").unwrap();
        assert_eq!(
            (f.path, f.content, f.layer),
            ("opt/dpkg/status", &b"db"[..], 1)
        );
        assert_eq!(v.read("etc/os-release").unwrap().path, "usr/lib/os-release");
    }

    #[test]
    fn dotdot_stops_at_the_root() {
        assert_eq!(view().read("escape").unwrap().path, "usr/lib/os-release");
        assert_eq!(view().resolve("../../etc/../..").unwrap(), "");
    }

    #[test]
    fn loops_are_detected() {
        assert!(view().read("loop/a").is_none());
        assert!(view().resolve("loop/a/x").is_none());
    }

    #[test]
    fn list_dir_follows_the_directory_link() {
        let v = view();
        let names: Vec<_> = v.list_dir("var/lib/dpkg").iter().map(|f| f.path).collect();
        assert_eq!(names, ["opt/dpkg/status"]);
    }
}
