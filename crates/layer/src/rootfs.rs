//! `dir:PATH`: a root filesystem on disk (an unpacked image, a build
//! directory), read as a single layer.
//!
//! The walk never follows links: a symlink is recorded with its target and
//! resolved later inside the image's view, so a link to `/etc/passwd` means
//! the image's file, never the host's. Wanted files are opened with
//! `O_NOFOLLOW` for the same reason. What the walk keeps is bounded by
//! [`Limits::max_layer_memory`], as for a layer.

use std::fs::OpenOptions;
use std::io::Read;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::sync::Arc;

use tallyman_catalogers::sniff;

use crate::contents::LayerContents;
use crate::error::Result;
use crate::limits::Limits;
use crate::name_text::name_text;
use crate::selection::Selection;
use crate::sniff::find_windows;
use crate::stream::check_memory;

/// Reads the wanted files and every link under `root`.
pub fn read_rootfs(root: &Path, selection: &Selection, limits: &Limits) -> Result<LayerContents> {
    let mut contents = LayerContents::default();
    let name = root.display().to_string();
    let walker = walkdir::WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .min_depth(1);
    for entry in walker {
        check_memory(&name, &contents, limits)?;
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                contents.warn(format!("{name}: {error}; skipped"));
                continue;
            }
        };
        let Ok(relative) = entry.path().strip_prefix(root) else {
            continue;
        };
        let path = name_text(relative.as_os_str().as_bytes()).into_owned();
        let kind = entry.file_type();
        if kind.is_dir() {
            contents.add_dir(&path);
        } else if kind.is_symlink() {
            match std::fs::read_link(entry.path()) {
                Ok(target) => {
                    contents.add_symlink(&path, &name_text(target.as_os_str().as_bytes()));
                }
                Err(error) => {
                    contents.warn(format!("{}: {error}; skipped", entry.path().display()));
                }
            }
        } else if kind.is_file() && selection.matches(&path) {
            let limit = Limits::for_kept_file(selection.reduction(&path));
            match read_file(entry.path(), limits.value(limit)) {
                Ok(Some(content)) => {
                    contents.add_file(&path, Arc::from(selection.keep(&path, content)));
                }
                Ok(None) => {
                    contents.warn(format!(
                        "{}: over the {} byte {}; skipped",
                        entry.path().display(),
                        limits.value(limit),
                        limits.name(limit)
                    ));
                    contents.add_other(&path);
                }
                Err(error) => {
                    contents.warn(format!("{}: {error}; skipped", entry.path().display()));
                }
            }
        } else if kind.is_file() {
            let sniffs = selection.sniffs_for(&path, executable(&entry));
            let windows = if sniffs.is_empty() {
                Ok(Vec::new())
            } else {
                open_nofollow(entry.path()).and_then(|file| find_windows(file, &sniffs))
            };
            match windows {
                Ok(windows) if windows.is_empty() => contents.add_other(&path),
                Ok(windows) => contents.add_file(&path, Arc::from(sniff::frame(&windows))),
                Err(error) => {
                    contents.warn(format!("{}: {error}; skipped", entry.path().display()));
                    contents.add_other(&path);
                }
            }
        } else {
            contents.add_other(&path);
        }
    }
    check_memory(&name, &contents, limits)?;
    contents.finish(&name);
    Ok(contents)
}

/// Whether any execute bit is set.
fn executable(entry: &walkdir::DirEntry) -> bool {
    use std::os::unix::fs::PermissionsExt;
    entry
        .metadata()
        .is_ok_and(|m| m.permissions().mode() & 0o111 != 0)
}

/// Opens a file for reading, refusing to follow a link at its last
/// component (the walk records links; it never reads through them).
fn open_nofollow(path: &Path) -> std::io::Result<std::fs::File> {
    OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW)
        .open(path)
}

fn read_file(path: &Path, limit: u64) -> std::io::Result<Option<Vec<u8>>> {
    let file = open_nofollow(path)?;
    let mut content = Vec::new();
    file.take(limit + 1).read_to_end(&mut content)?;
    if content.len() as u64 > limit {
        return Ok(None);
    }
    Ok(Some(content))
}
