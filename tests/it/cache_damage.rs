//! Caches never fail a scan (issue #31): a cached registry blob or layer
//! entry damaged on disk (truncated, flipped, overwritten) is removed, named
//! in one warning and read again, and the document is byte for byte the one
//! an uncached scan writes; a cache directory that cannot be written
//! (read-only, full, not a directory, not ours to write) costs one warning
//! and the scan goes on uncached — for layout and registry scans alike.

use crate::support;

use std::path::{Path, PathBuf};
use std::process::Output;

use support::registry::{Auth, Registry};
use support::{first_layer_digest, small_layout, stderr, Mount};

/// A scan of `source` to SPDX on stdout, reproducible (`SOURCE_DATE_EPOCH`),
/// with `extra` arguments.
fn scan(source: &str, extra: &[&str]) -> Output {
    support::command()
        .args(["scan", source, "-o", "spdx-json"])
        .args(extra)
        .env_remove("TALLYMAN_NO_CACHE")
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .output()
        .unwrap()
}

/// The warning lines of a run.
fn warnings(out: &Output) -> Vec<String> {
    stderr(out)
        .lines()
        .filter(|l| l.starts_with("tallyman: warning: "))
        .map(str::to_owned)
        .collect()
}

/// The three ways a cached file is found damaged.
const DAMAGES: [&str; 3] = ["truncated", "flipped", "overwritten"];

fn damage(path: &Path, how: &str) {
    let bytes = std::fs::read(path).unwrap();
    let damaged = match how {
        "truncated" => bytes[..bytes.len() / 2].to_vec(),
        "flipped" => {
            let mut flipped = bytes;
            let middle = flipped.len() / 2;
            flipped[middle] ^= 0x10;
            flipped
        }
        _ => (0..bytes.len()).map(|i| (i * 131 % 251) as u8).collect(),
    };
    std::fs::write(path, damaged).unwrap();
}

/// The files under `dir`, recursively.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(walkdir::DirEntry::into_path)
        .collect();
    found.sort();
    found
}

#[test]
fn a_damaged_cached_blob_is_fetched_again() {
    let registry = Registry::start(Auth::Anonymous, false);
    let layout = small_layout();
    registry.push(layout.path(), "bookworm", "damage/debian:bookworm");
    let source = format!("registry:{}/damage/debian:bookworm", registry.host());
    let uncached = support::ok(scan(&source, &["--no-cache"]));
    let cache = tempfile::tempdir().unwrap();
    let cache_arg = ["--cache-dir", cache.path().to_str().unwrap()];
    support::ok(scan(&source, &cache_arg));
    let hex = first_layer_digest(layout.path()).replace("sha256:", "");
    let blob = cache.path().join("blobs/sha256").join(&hex);
    let sound = std::fs::read(&blob).unwrap();
    for how in DAMAGES {
        damage(&blob, how);
        // Without its layer cache entries the layer is read, from the blob.
        std::fs::remove_dir_all(cache.path().join("layers")).unwrap();
        let out = scan(&source, &cache_arg);
        assert!(out.status.success(), "{how}: {}", stderr(&out));
        assert_eq!(out.stdout, uncached.stdout, "{how}: the uncached document");
        let warned = warnings(&out);
        assert_eq!(warned.len(), 1, "{how}: {warned:?}");
        assert!(
            warned[0].starts_with(&format!(
                "tallyman: warning: cached blob {} is damaged (",
                blob.display()
            )) && warned[0].ends_with("); removed, fetched again"),
            "{how}: {}",
            warned[0]
        );
        assert_eq!(std::fs::read(&blob).unwrap(), sound, "{how}: cached again");
        // The warning was the scan's, not the layer's: the entries the scan
        // cached carry no trace of it.
        let again = scan(&source, &cache_arg);
        assert_eq!(again.stdout, uncached.stdout, "{how}");
        assert_eq!(warnings(&again), Vec::<String>::new(), "{how}");
    }
}

#[test]
fn a_damaged_cached_blob_in_a_read_only_cache_is_fetched_anyway() {
    let registry = Registry::start(Auth::Anonymous, false);
    let layout = small_layout();
    registry.push(layout.path(), "bookworm", "frozen/debian:bookworm");
    let source = format!("registry:{}/frozen/debian:bookworm", registry.host());
    let uncached = support::ok(scan(&source, &["--no-cache"]));
    let cache = tempfile::tempdir().unwrap();
    let _mount = Mount::tmpfs(cache.path(), "size=16m");
    let cache_arg = ["--cache-dir", cache.path().to_str().unwrap()];
    support::ok(scan(&source, &cache_arg));
    let hex = first_layer_digest(layout.path()).replace("sha256:", "");
    let blob = cache.path().join("blobs/sha256").join(&hex);
    damage(&blob, "flipped");
    std::fs::remove_dir_all(cache.path().join("layers")).unwrap();
    let remount = std::process::Command::new("mount")
        .args(["-o", "remount,ro"])
        .arg(cache.path())
        .status()
        .unwrap();
    assert!(remount.success());
    let out = scan(&source, &cache_arg);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(out.stdout, uncached.stdout, "the uncached document");
    let mut warned = warnings(&out);
    warned.sort();
    assert_eq!(warned.len(), 2, "{warned:?}");
    assert_eq!(
        warned[0],
        format!(
            "tallyman: warning: cache {}: cannot be written (Read-only file system (os error 30)); going on without it",
            cache.path().display()
        )
    );
    assert!(
        warned[1].starts_with(&format!(
            "tallyman: warning: cached blob {} is damaged (",
            blob.display()
        )) && warned[1]
            .ends_with("); not removed (Read-only file system (os error 30)), fetched again"),
        "{}",
        warned[1]
    );
}

#[test]
fn a_damaged_layer_cache_entry_is_read_again() {
    let layout = small_layout();
    let source = format!("oci-dir:{}", layout.path().display());
    let uncached = support::ok(scan(&source, &["--no-cache"]));
    let cache = tempfile::tempdir().unwrap();
    let cache_arg = ["--cache-dir", cache.path().to_str().unwrap()];
    support::ok(scan(&source, &cache_arg));
    let entries = files(&cache.path().join("layers"));
    assert_eq!(entries.len(), 3, "one entry per layer");
    for how in DAMAGES {
        for entry in &entries {
            damage(entry, how);
            let damaged = std::fs::read(entry).unwrap();
            let out = scan(&source, &cache_arg);
            assert!(out.status.success(), "{how}: {}", stderr(&out));
            assert_eq!(out.stdout, uncached.stdout, "{how}: the uncached document");
            assert_eq!(
                warnings(&out),
                [format!(
                    "tallyman: warning: layer cache entry {} is damaged; removed, the layer is read again",
                    entry.display()
                )],
                "{how}"
            );
            assert_ne!(std::fs::read(entry).unwrap(), damaged, "{how}: rewritten");
        }
    }
}

/// A scan as `nobody` (uid 65534), who may read the image but not write
/// the cache directory (root's, mode 755).
fn scan_as_nobody(source: &str, cache_dir: &Path) -> Output {
    support::wrapped(&[
        "setpriv".as_ref(),
        "--reuid=65534".as_ref(),
        "--regid=65534".as_ref(),
        "--clear-groups".as_ref(),
    ])
    .args(["scan", source, "-o", "spdx-json", "--cache-dir"])
    .arg(cache_dir)
    .env_remove("TALLYMAN_NO_CACHE")
    .env("SOURCE_DATE_EPOCH", "1700000000")
    .output()
    .unwrap()
}

#[test]
fn a_cache_directory_one_may_not_write_costs_one_warning() {
    let registry = Registry::start(Auth::Anonymous, false);
    let layout = small_layout();
    registry.push(layout.path(), "bookworm", "denied/debian:bookworm");
    // The layout readable by nobody; the cache directory writable by root only.
    let chmod = |mode: &str, path: &Path| {
        let status = std::process::Command::new("chmod")
            .args(["-R", mode])
            .arg(path)
            .status()
            .unwrap();
        assert!(status.success());
    };
    chmod("a+rX", layout.path());
    let work = tempfile::tempdir().unwrap();
    chmod("755", work.path());
    let cache_dir = work.path().join("cache");
    std::fs::create_dir(&cache_dir).unwrap();
    chmod("755", &cache_dir);
    for source in [
        format!("oci-dir:{}", layout.path().display()),
        format!("registry:{}/denied/debian:bookworm", registry.host()),
    ] {
        let uncached = support::ok(scan(&source, &["--no-cache"]));
        let out = scan_as_nobody(&source, &cache_dir);
        assert!(out.status.success(), "{source}: {}", stderr(&out));
        assert_eq!(
            out.stdout, uncached.stdout,
            "{source}: the uncached document"
        );
        assert_eq!(
            warnings(&out),
            [format!(
                "tallyman: warning: cache {}: cannot be written (Permission denied (os error 13)); going on without it",
                cache_dir.display()
            )],
            "{source}"
        );
        assert_eq!(files(&cache_dir), Vec::<PathBuf>::new(), "{source}");
    }
}

#[test]
fn an_unwritable_cache_costs_one_warning() {
    let registry = Registry::start(Auth::Anonymous, false);
    let layout = small_layout();
    registry.push(layout.path(), "bookworm", "unwritable/debian:bookworm");
    let sources = [
        format!("oci-dir:{}", layout.path().display()),
        format!("registry:{}/unwritable/debian:bookworm", registry.host()),
    ];
    let work = tempfile::tempdir().unwrap();
    for source in &sources {
        let uncached = support::ok(scan(source, &["--no-cache"]));
        for (case, cause) in [
            ("read-only", "Read-only file system (os error 30)"),
            ("full", "No space left on device (os error 28)"),
            ("not-a-directory", "Not a directory (os error 20)"),
        ] {
            let dir = work.path().join(case);
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).unwrap();
            let (_mount, cache_dir) = match case {
                "read-only" => (Some(Mount::tmpfs(&dir, "ro,size=1m")), dir.clone()),
                // Room for a few small files, not for a layer blob.
                "full" => (Some(Mount::tmpfs(&dir, "size=64k")), dir.clone()),
                _ => {
                    std::fs::write(dir.join("file"), b"not a directory").unwrap();
                    (None, dir.join("file"))
                }
            };
            let out = scan(source, &["--cache-dir", cache_dir.to_str().unwrap()]);
            assert!(out.status.success(), "{source} {case}: {}", stderr(&out));
            assert_eq!(
                out.stdout, uncached.stdout,
                "{source} {case}: the uncached document"
            );
            assert_eq!(
                warnings(&out),
                [format!(
                    "tallyman: warning: cache {}: cannot be written ({cause}); going on without it",
                    cache_dir.display()
                )],
                "{source} {case}"
            );
            let partials: Vec<PathBuf> = match case {
                "not-a-directory" => Vec::new(),
                _ => files(&cache_dir)
                    .into_iter()
                    .filter(|f| f.to_string_lossy().contains(".partial-"))
                    .collect(),
            };
            assert_eq!(partials, Vec::<PathBuf>::new(), "{source} {case}");
        }
    }
}
