//! Outputs are never half-written (issue #31): on a full filesystem a scan
//! fails with one line and the old file stays byte for byte; SIGINT and
//! SIGTERM at any moment leave the old file or the complete new one, never a
//! fragment or a temporary file, and exit 130 / 143; `.partial-*` files a
//! killed run left in a cache are swept by the next run.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{ExitStatus, Stdio};
use std::time::{Duration, Instant, SystemTime};

use crate::support::{command, images, stderr, with_cache, Mount, SMALL_IMAGE};

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_full_filesystem_keeps_the_old_document() {
    let base = tempfile::tempdir().unwrap();
    let dir = base.path().join("full");
    std::fs::create_dir(&dir).unwrap();
    let _mount = Mount::tmpfs(&dir, "size=64k");
    let target = dir.join("out.json");
    let old = b"{\"the\": \"previous document\"}\n";
    std::fs::write(&target, old).unwrap();
    // Fill the rest of the filesystem.
    let mut fill = File::create(dir.join("fill")).unwrap();
    let chunk = [0u8; 4096];
    let mut filled = 0;
    while fill
        .write_all(&chunk)
        .and_then(|()| fill.sync_all())
        .is_ok()
    {
        filled += chunk.len();
        assert!(filled <= 64 * 1024, "the tmpfs takes more than its size");
    }
    drop(fill);

    let output = command()
        .args(["scan", SMALL_IMAGE, "-o"])
        .arg(format!("spdx-json={}", target.display()))
        .output()
        .unwrap();
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    // One line: the target, what it is, the problem.
    assert_eq!(err.lines().count(), 1, "{err}");
    let prefix = format!(
        "tallyman: error: {}: cannot write the spdx-json",
        target.display()
    );
    assert!(err.starts_with(&prefix), "{err}");
    assert!(
        err.ends_with(" document: No space left on device (os error 28)\n"),
        "{err}"
    );
    assert_eq!(std::fs::read(&target).unwrap(), old);
    assert_eq!(names(&dir), ["fill", "out.json"]);
}

/// Several outputs, the second on the full filesystem: the first is
/// written whole, the second keeps its old bytes, nothing else is left.
#[test]
fn each_output_is_whole_or_untouched() {
    let base = tempfile::tempdir().unwrap();
    let full = base.path().join("full");
    std::fs::create_dir(&full).unwrap();
    let _mount = Mount::tmpfs(&full, "size=16k");
    let fine = base.path().join("first.json");
    let stuck = full.join("second.json");
    std::fs::write(&fine, b"old first").unwrap();
    std::fs::write(&stuck, b"old second").unwrap();
    let mut fill = File::create(full.join("fill")).unwrap();
    while fill
        .write_all(&[0u8; 4096])
        .and_then(|()| fill.sync_all())
        .is_ok()
    {}
    drop(fill);
    let output = command()
        .args(["scan", SMALL_IMAGE, "-o"])
        .arg(format!("json={}", fine.display()))
        .arg("-o")
        .arg(format!("cyclonedx-json={}", stuck.display()))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        stderr(&output).contains(&format!("{}: cannot write", stuck.display())),
        "{}",
        stderr(&output)
    );
    let first: serde_json::Value = serde_json::from_slice(&std::fs::read(&fine).unwrap())
        .expect("the first output is a whole document");
    assert!(first["packages"].as_array().is_some_and(|p| !p.is_empty()));
    assert_eq!(std::fs::read(&stuck).unwrap(), b"old second");
    assert_eq!(names(&full), ["fill", "second.json"]);
    assert_eq!(names(base.path()), ["first.json", "full"]);
}

const SIGINT: i32 = 2;
const SIGTERM: i32 = 15;

fn send(pid: u32, signal: i32) {
    #[allow(unsafe_code)] // kill(2) of our own child, by its pid.
    let sent = unsafe { libc::kill(pid as libc::pid_t, signal) };
    assert_eq!(sent, 0, "kill {pid}");
}

/// Whether the process has its SIGINT and SIGTERM handlers installed
/// (`SigCgt` in /proc: bits 1 and 14).
fn catches_signals(pid: u32) -> bool {
    let Ok(status) = std::fs::read_to_string(format!("/proc/{pid}/status")) else {
        return false;
    };
    status
        .lines()
        .find_map(|line| line.strip_prefix("SigCgt:"))
        .and_then(|mask| u64::from_str_radix(mask.trim(), 16).ok())
        .is_some_and(|mask| mask & 0x4002 == 0x4002)
}

/// When to send the signal, counted from when the handlers are in place.
#[derive(Debug, Clone, Copy)]
enum Moment {
    /// No signal: the scan runs to its end.
    Never,
    After(Duration),
    /// As soon as the output's temporary file shows in the directory.
    TemporarySeen,
}

const OLD: &[u8] = b"the old document, which must survive\n";

/// The scan of the debian-node layout into DIR/out.json (which holds
/// [`OLD`]), signalled at `moment`; returns how it ended and whether the
/// temporary file was seen before the signal.
fn signalled_scan(source: &str, signal: i32, moment: Moment) -> (ExitStatus, String, bool) {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.json");
    std::fs::write(&target, OLD).unwrap();
    let mut child = command()
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .args(["scan", source, "-o"])
        .arg(format!("spdx-json={}", target.display()))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    let started = Instant::now();
    while !catches_signals(pid) {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "tallyman never installed its signal handlers"
        );
        std::thread::sleep(Duration::from_micros(200));
    }
    let mut seen = false;
    match moment {
        Moment::Never => {}
        Moment::After(delay) => std::thread::sleep(delay),
        Moment::TemporarySeen => {
            while child.try_wait().unwrap().is_none() {
                let listed = std::fs::read_dir(dir.path()).unwrap();
                if listed
                    .flatten()
                    .any(|e| e.file_name().to_string_lossy().starts_with(".out.json.tmp"))
                {
                    seen = true;
                    break;
                }
            }
        }
    }
    if !matches!(moment, Moment::Never) && child.try_wait().unwrap().is_none() {
        send(pid, signal);
    }
    let output = child.wait_with_output().unwrap();
    let err = stderr(&output);
    let after = std::fs::read(&target).unwrap();
    let left = names(dir.path());
    assert_eq!(left, ["out.json"], "{moment:?}: a temporary file was left");
    let code = output.status.code();
    if code == Some(0) {
        assert_ne!(after, OLD, "{moment:?}: success without the new document");
    } else {
        assert_eq!(code, Some(128 + signal), "{moment:?}: {err}");
        assert_eq!(
            err.lines().last(),
            Some("tallyman: interrupted"),
            "{moment:?}: {err}"
        );
        assert_eq!(
            err.matches("tallyman: interrupted").count(),
            1,
            "{moment:?}: {err}"
        );
    }
    let outcome = if after == OLD {
        String::from("old")
    } else {
        String::from_utf8(after).expect("the new document is UTF-8")
    };
    (output.status, outcome, seen)
}

/// SIGINT or SIGTERM at moments through a scan of the debian-node image:
/// each time the target holds the old bytes or exactly the document an
/// uninterrupted scan writes, and nothing else is in the directory.
fn signals_leave_old_or_whole(signal: i32) {
    let layout = images().join("debian-node.oci");
    let source = format!("oci-dir:{}", layout.display());
    // The whole document, and how long a scan takes here.
    let (status, whole, _) = signalled_scan(&source, signal, Moment::Never);
    assert!(status.success(), "the reference scan failed");
    let parsed: serde_json::Value = serde_json::from_str(&whole).expect("a JSON document");
    assert_eq!(parsed["spdxVersion"], "SPDX-2.3");
    assert!(parsed["packages"].as_array().is_some_and(|p| p.len() > 100));
    let began = Instant::now();
    let (status, again, _) = signalled_scan(&source, signal, Moment::Never);
    let took = began.elapsed();
    assert!(status.success());
    assert_eq!(
        again, whole,
        "SOURCE_DATE_EPOCH makes the document reproducible"
    );

    let mut moments: Vec<Moment> = [0.0, 0.05, 0.3, 0.6, 0.85, 0.95, 1.0]
        .iter()
        .map(|f| Moment::After(took.mul_f64(*f)))
        .collect();
    moments.extend([Moment::TemporarySeen; 4]);
    let (mut kept_old, mut interrupted, mut caught_writing) = (0, 0, 0);
    for moment in moments {
        let (status, outcome, seen) = signalled_scan(&source, signal, moment);
        // Never printed whole: a document is a megabyte.
        let described = match outcome.as_str() {
            "old" => "the old bytes".to_owned(),
            text if text == whole => "the whole new document".to_owned(),
            text => format!(
                "{} bytes that are not the new document (valid JSON: {})",
                text.len(),
                serde_json::from_str::<serde_json::Value>(text).is_ok()
            ),
        };
        if status.success() {
            assert_eq!(
                described, "the whole new document",
                "{moment:?}: a finished scan"
            );
        } else {
            // Interrupted: before the rename (the old bytes) or after it
            // (the new document, complete), never anything between.
            interrupted += 1;
            assert!(
                outcome == "old" || outcome == whole,
                "{moment:?}: an interrupted scan left {described}"
            );
        }
        if outcome == "old" {
            kept_old += 1;
            caught_writing += usize::from(seen);
        }
    }
    // The first moments come long before the document is written.
    assert!(
        kept_old >= 3,
        "{kept_old} interrupted before the document was written"
    );
    eprintln!(
        "signal {signal}: {interrupted} of 11 interrupted, {kept_old} kept the old bytes ({caught_writing} signalled while the temporary file existed)"
    );
}

#[test]
fn sigint_leaves_the_old_or_the_whole_document() {
    signals_leave_old_or_whole(SIGINT);
}

#[test]
fn sigterm_leaves_the_old_or_the_whole_document() {
    signals_leave_old_or_whole(SIGTERM);
}

/// `.partial-*` files older than an hour in a cache directory (a killed
/// run's) are removed by the next run that uses the cache; younger ones
/// (another run's, still being written) and other files are kept.
#[test]
fn stale_partials_are_swept_from_the_cache() {
    let home = tempfile::tempdir().unwrap();
    let cache = home.path().join("cache");
    let blobs = cache.join("blobs/sha256");
    let layers = cache.join("layers/ab");
    std::fs::create_dir_all(&blobs).unwrap();
    std::fs::create_dir_all(&layers).unwrap();
    let two_hours_ago = SystemTime::now() - Duration::from_secs(2 * 3600);
    let make = |path: PathBuf, modified: SystemTime| {
        let file = File::create(path).unwrap();
        file.set_modified(modified).unwrap();
    };
    make(blobs.join(".partial-123-0"), two_hours_ago);
    make(layers.join(".partial-123-1"), two_hours_ago);
    make(blobs.join(".partial-456-0"), SystemTime::now());
    make(blobs.join("0000"), two_hours_ago);
    let output = with_cache(home.path())
        .args(["scan", SMALL_IMAGE, "-o", "json", "--cache-dir"])
        .arg(&cache)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(names(&blobs), [".partial-456-0", "0000"]);
    assert!(
        !names(&layers).iter().any(|n| n.starts_with(".partial-")),
        "{:?}",
        names(&layers)
    );
    // The scan's own entries were written (and no temporary of them left).
    let entries: Vec<String> = walk(&cache.join("layers"))
        .into_iter()
        .filter(|n| n.contains(".partial-") || n.contains(".tmp-"))
        .collect();
    assert!(entries.is_empty(), "{entries:?}");
    assert!(!walk(&cache.join("layers")).is_empty());
}

/// Every file under `dir` (names relative to it).
fn walk(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(dir).min_depth(1) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            found.push(
                entry
                    .path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
            );
        }
    }
    found
}
