//! Files written whole or not at all: every file tallyman writes (documents,
//! attestations, bundles, keys, `scan-many`'s directory and index,
//! downloaded SBOMs, cache entries and cached blobs) goes through
//! [`AtomicFile`]. The bytes go to a temporary file of its own beside the
//! target (`.NAME.tmp-<pid>-<n>`; `.partial-<pid>-<n>` in caches), which is
//! flushed, fsynced and renamed over the target only once complete, and the
//! directory fsynced after the rename; on any failure the temporary file is
//! removed and whatever the target held before is untouched. The error names
//! the target and the problem ([`WriteError`]).
//!
//! Live temporary files are listed in one process-wide registry, so a
//! signal handler can remove them all ([`interrupt`]) before the process
//! exits; after that no temporary file is created and none is renamed.
//! A process that dies without running it (SIGKILL, a power cut) may leave a
//! temporary behind: cache directories are swept of `.partial-*` files older
//! than an hour by the next run that uses them ([`remove_stale_partials`]).
//!
//! Cache files ([`Options::cache`]) skip the fsyncs: a lost entry only costs a
//! re-read, and a cached blob is checked against its digest when read. A
//! target that exists and is not a regular file (`/dev/stdout`, a FIFO) is
//! written in place, as it cannot be replaced; a symbolic link to a file is
//! followed, so the file it names is replaced and the link stays.

use std::collections::BTreeSet;
use std::ffi::OsString;
use std::fmt;
use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, SystemTime};

/// The prefix of cache temporaries, which [`remove_stale_partials`] sweeps.
pub const PARTIAL_PREFIX: &str = ".partial-";

/// How old a `.partial-*` file must be for [`remove_stale_partials`] to
/// take it for a dead process's (one being written is touched by every write).
pub const STALE_AFTER: Duration = Duration::from_secs(3600);

/// A file that could not be written: the target as the caller named it and
/// what went wrong (the `source`), e.g. `out.json: cannot write the
/// document` caused by `No space left on device (os error 28)`.
#[derive(Debug)]
pub struct WriteError {
    path: PathBuf,
    what: Option<String>,
    source: io::Error,
}

impl WriteError {
    fn new(path: &Path, source: io::Error) -> WriteError {
        WriteError {
            path: path.to_owned(),
            what: None,
            source,
        }
    }

    /// Says what the file is (`the index`, `SBOM document`) in the message.
    #[must_use]
    pub fn about(mut self, what: impl Into<String>) -> WriteError {
        self.what = Some(what.into());
        self
    }

    /// The target that was not written.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// What went wrong underneath (`No space left on device (os error 28)`).
    pub fn cause(&self) -> &io::Error {
        &self.source
    }

    /// The kind of the underlying failure (`StorageFull`, `PermissionDenied`, `Interrupted`).
    pub fn kind(&self) -> io::ErrorKind {
        self.source.kind()
    }
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: cannot write", self.path.display())?;
        match &self.what {
            Some(what) => write!(f, " the {what}"),
            None => Ok(()),
        }
    }
}

impl std::error::Error for WriteError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

impl From<WriteError> for io::Error {
    fn from(error: WriteError) -> io::Error {
        io::Error::new(error.kind(), error)
    }
}

/// The temporary files being written in this process, and whether
/// [`interrupt`] has run.
#[derive(Debug)]
struct Registry {
    state: Mutex<Live>,
}

#[derive(Debug)]
struct Live {
    stopped: bool,
    paths: BTreeSet<PathBuf>,
}

impl Registry {
    const fn new() -> Registry {
        Registry {
            state: Mutex::new(Live {
                stopped: false,
                paths: BTreeSet::new(),
            }),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Live> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Removes every live temporary file and refuses any new one (or rename)
    /// from now on; returns how many were removed.
    fn interrupt(&self) -> usize {
        let mut live = self.lock();
        live.stopped = true;
        let paths = std::mem::take(&mut live.paths);
        paths
            .iter()
            .filter(|path| std::fs::remove_file(path).is_ok())
            .count()
    }
}

static REGISTRY: Registry = Registry::new();

/// Numbers the temporary files of this process.
static NEXT: AtomicU64 = AtomicU64::new(0);

/// Removes every temporary file this process is writing and makes every
/// later [`AtomicFile`] fail (nothing is created or renamed any more): what
/// a SIGINT/SIGTERM handler calls before it exits. Returns how many were
/// removed.
pub fn interrupt() -> usize {
    REGISTRY.interrupt()
}

fn interrupted() -> io::Error {
    io::Error::new(io::ErrorKind::Interrupted, "interrupted")
}

/// How an [`AtomicFile`] is written.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    mode: Option<u32>,
    cache: bool,
}

impl Options {
    /// A user's file: fsynced, with the permissions of the file it replaces
    /// (or the default ones, under the umask).
    pub fn new() -> Options {
        Options::default()
    }

    /// Created with these permission bits (under the umask), e.g. `0o600`
    /// for a private key, whatever the replaced file had.
    #[must_use]
    pub fn mode(mut self, mode: u32) -> Options {
        self.mode = Some(mode);
        self
    }

    /// A cache entry: the temporary is named `.partial-<pid>-<n>` and nothing
    /// is fsynced.
    #[must_use]
    pub fn cache(mut self) -> Options {
        self.cache = true;
        self
    }

    /// Starts writing `target`.
    pub fn create(self, target: &Path) -> Result<AtomicFile, WriteError> {
        AtomicFile::start(target, self, &REGISTRY)
    }

    /// Writes `target` whole with what `fill` writes; if `fill` fails, the
    /// target is untouched and its error is the cause of the one returned.
    pub fn write_with(
        self,
        target: &Path,
        fill: impl FnOnce(&mut AtomicFile) -> io::Result<()>,
    ) -> Result<(), WriteError> {
        let mut file = self.create(target)?;
        match fill(&mut file) {
            Ok(()) => file.commit(),
            Err(error) => Err(WriteError::new(target, error)),
        }
    }

    /// Writes `bytes` as the whole of `target`.
    pub fn write(self, target: &Path, bytes: &[u8]) -> Result<(), WriteError> {
        self.write_with(target, |file| file.write_all(bytes))
    }
}

/// Writes `bytes` as the whole of `target` (a user's file: [`Options::new`]).
pub fn write(target: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    Options::new().write(target, bytes)
}

/// A file being written: [`Write`] into it, then [`AtomicFile::commit`].
/// Dropped uncommitted, its temporary file is removed and the target is as
/// it was.
#[derive(Debug)]
pub struct AtomicFile {
    /// The target as the caller named it (for messages).
    shown: PathBuf,
    /// Where the file goes: the target, or the file a link to it names.
    target: PathBuf,
    /// `None` when the target is written in place (not a regular file).
    temporary: Option<PathBuf>,
    file: Option<File>,
    durable: bool,
    registry: &'static Registry,
}

impl AtomicFile {
    /// Starts writing `target` ([`Options::new`]).
    pub fn create(target: &Path) -> Result<AtomicFile, WriteError> {
        Options::new().create(target)
    }

    fn start(
        shown: &Path,
        options: Options,
        registry: &'static Registry,
    ) -> Result<AtomicFile, WriteError> {
        let fail = |error| WriteError::new(shown, error);
        let existing = std::fs::metadata(shown).ok();
        let mut file = AtomicFile {
            shown: shown.to_owned(),
            target: shown.to_owned(),
            temporary: None,
            file: None,
            durable: !options.cache,
            registry,
        };
        if let Some(meta) = existing.as_ref() {
            let kind = meta.file_type();
            if !kind.is_file() && !kind.is_dir() {
                // A device or FIFO cannot be replaced: written in place.
                let opened = OpenOptions::new()
                    .write(true)
                    .truncate(true)
                    .open(shown)
                    .map_err(fail)?;
                file.file = Some(opened);
                file.durable = false;
                return Ok(file);
            }
            let link = std::fs::symlink_metadata(shown).map_err(fail)?;
            if link.file_type().is_symlink() {
                file.target = std::fs::canonicalize(shown).map_err(fail)?;
            }
        }
        let dir = parent(&file.target);
        let name = file.target.file_name().ok_or_else(|| {
            fail(io::Error::new(
                io::ErrorKind::InvalidInput,
                "not a file name",
            ))
        })?;
        let mode = options.mode.unwrap_or(0o666);
        let mut live = registry.lock();
        if live.stopped {
            return Err(fail(interrupted()));
        }
        let opened = loop {
            let n = NEXT.fetch_add(1, Ordering::Relaxed);
            let temporary = dir.join(temporary_name(name, options.cache, n));
            match OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(mode)
                .open(&temporary)
            {
                Ok(opened) => {
                    live.paths.insert(temporary.clone());
                    break (opened, temporary);
                }
                // A dead process's, whose pid this one has now.
                Err(error) if error.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(error) => return Err(fail(error)),
            }
        };
        drop(live);
        let (opened, temporary) = opened;
        file.temporary = Some(temporary);
        file.file = Some(opened);
        if let (None, Some(meta)) = (options.mode, existing.filter(|m| m.is_file())) {
            if let Some(opened) = &file.file {
                opened.set_permissions(meta.permissions()).map_err(fail)?;
            }
        }
        Ok(file)
    }

    /// The target as the caller named it.
    pub fn path(&self) -> &Path {
        &self.shown
    }

    /// Flushes and fsyncs what was written, renames it over the target and
    /// fsyncs the directory. On failure nothing of it is left.
    pub fn commit(mut self) -> Result<(), WriteError> {
        let result = self.finish();
        result.map_err(|error| WriteError::new(&self.shown, error))
    }

    fn finish(&mut self) -> io::Result<()> {
        if let Some(mut file) = self.file.take() {
            file.flush()?;
            if self.durable {
                file.sync_all()?;
            }
        }
        let Some(temporary) = self.temporary.clone() else {
            return Ok(());
        };
        {
            // Renamed under the registry's lock: a signal handler removes
            // the temporary either before (and this fails) or not at all.
            let mut live = self.registry.lock();
            if live.stopped {
                return Err(interrupted());
            }
            std::fs::rename(&temporary, &self.target)?;
            live.paths.remove(&temporary);
            self.temporary = None;
        }
        if self.durable {
            sync_dir(parent(&self.target))?;
        }
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.file {
            Some(file) => file.write(buf),
            None => Err(io::Error::other("the file is already complete")),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.file {
            Some(file) => file.flush(),
            None => Ok(()),
        }
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        drop(self.file.take());
        if let Some(temporary) = self.temporary.take() {
            let mut live = self.registry.lock();
            if live.paths.remove(&temporary) {
                let _ = std::fs::remove_file(&temporary);
            }
        }
    }
}

/// The directory a file is in (`.` for a bare name).
fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// `.NAME.tmp-<pid>-<n>` (the name cut to 200 bytes, so the temporary's
/// stays within NAME_MAX), or `.partial-<pid>-<n>` for a cache file.
fn temporary_name(name: &std::ffi::OsStr, cache: bool, n: u64) -> OsString {
    let pid = std::process::id();
    if cache {
        return format!("{PARTIAL_PREFIX}{pid}-{n}").into();
    }
    let name = name.as_bytes();
    let mut bytes = b".".to_vec();
    bytes.extend_from_slice(&name[..name.len().min(200)]);
    bytes.extend_from_slice(format!(".tmp-{pid}-{n}").as_bytes());
    OsString::from_vec(bytes)
}

/// fsyncs a directory, so a rename in it survives a crash (filesystems
/// that cannot sync a directory are not an error).
fn sync_dir(dir: &Path) -> io::Result<()> {
    match File::open(dir).and_then(|d| d.sync_all()) {
        Err(error)
            if matches!(
                error.kind(),
                io::ErrorKind::InvalidInput | io::ErrorKind::Unsupported
            ) =>
        {
            Ok(())
        }
        other => other,
    }
}

/// Removes the `.partial-*` files older than [`STALE_AFTER`] in `root` and
/// in its directories two levels down (a cache's `blobs/sha256/` and
/// `layers/ab/`): what killed runs left. Each root is swept once per
/// process; failures are ignored (another run may be sweeping too).
/// Returns how many files were removed.
pub fn remove_stale_partials(root: &Path) -> usize {
    static SWEPT: Mutex<BTreeSet<PathBuf>> = Mutex::new(BTreeSet::new());
    let first = SWEPT
        .lock()
        .map(|mut swept| swept.insert(root.to_owned()))
        .unwrap_or(false);
    if !first {
        return 0;
    }
    sweep(root, 2, SystemTime::now())
}

fn sweep(dir: &Path, depth: u32, now: SystemTime) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            if depth > 0 {
                removed += sweep(&entry.path(), depth - 1, now);
            }
            continue;
        }
        if !kind.is_file()
            || !entry
                .file_name()
                .as_bytes()
                .starts_with(PARTIAL_PREFIX.as_bytes())
        {
            continue;
        }
        let stale = entry
            .metadata()
            .and_then(|meta| meta.modified())
            .ok()
            .and_then(|modified| now.duration_since(modified).ok())
            .is_some_and(|age| age > STALE_AFTER);
        if stale && std::fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

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
    fn writes_whole_and_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.json");
        write(&target, b"first").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"first");
        write(&target, b"second, longer").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"second, longer");
        assert_eq!(names(dir.path()), ["out.json"]);
    }

    /// A writer that fails half-way: the old file stays byte for byte, no
    /// temporary is left, and the error names the target and the cause.
    #[test]
    fn a_failure_half_way_leaves_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.json");
        std::fs::write(&target, b"the old document").unwrap();
        let mut seen_temporary = Vec::new();
        let error = Options::new()
            .write_with(&target, |file| {
                file.write_all(b"{\"half\": ")?;
                seen_temporary = names(dir.path());
                Err(io::Error::new(
                    io::ErrorKind::StorageFull,
                    "No space left on device",
                ))
            })
            .unwrap_err()
            .about("spdx-json document");
        let pid = std::process::id();
        assert_eq!(seen_temporary.len(), 2, "{seen_temporary:?}");
        assert!(
            seen_temporary[0].starts_with(&format!(".out.json.tmp-{pid}-")),
            "{seen_temporary:?}"
        );
        assert_eq!(std::fs::read(&target).unwrap(), b"the old document");
        assert_eq!(names(dir.path()), ["out.json"]);
        assert_eq!(error.kind(), io::ErrorKind::StorageFull);
        assert_eq!(error.path(), target);
        assert_eq!(
            crate::report(&error),
            format!(
                "{}: cannot write the spdx-json document: No space left on device",
                target.display()
            )
        );
    }

    #[test]
    fn dropped_uncommitted_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("new.json");
        let mut file = AtomicFile::create(&target).unwrap();
        file.write_all(b"partial").unwrap();
        assert_eq!(names(dir.path()).len(), 1);
        drop(file);
        assert!(names(dir.path()).is_empty());
    }

    #[test]
    fn a_missing_directory_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("no/such/out.json");
        let error = write(&target, b"x").unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::NotFound);
        assert_eq!(
            error.to_string(),
            format!("{}: cannot write", target.display())
        );
    }

    #[test]
    fn a_directory_is_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out");
        std::fs::create_dir(&target).unwrap();
        std::fs::write(target.join("kept"), b"k").unwrap();
        assert!(write(&target, b"x").is_err());
        assert_eq!(names(&target), ["kept"]);
        assert_eq!(names(dir.path()), ["out"]);
    }

    #[test]
    fn modes_links_and_devices() {
        let dir = tempfile::tempdir().unwrap();
        // An explicit mode, whatever the old file had.
        let key = dir.path().join("cosign.key");
        std::fs::write(&key, b"old").unwrap();
        std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o644)).unwrap();
        Options::new().mode(0o600).write(&key, b"secret").unwrap();
        let mode = std::fs::metadata(&key).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        // Without one, the replaced file's.
        let shared = dir.path().join("shared.json");
        std::fs::write(&shared, b"old").unwrap();
        std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o640)).unwrap();
        write(&shared, b"new").unwrap();
        let mode = std::fs::metadata(&shared).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
        // A link to a file: the file is replaced, the link stays.
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink("shared.json", &link).unwrap();
        write(&link, b"through the link").unwrap();
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read(&shared).unwrap(), b"through the link");
        // A device is written in place, never replaced.
        write(Path::new("/dev/null"), b"gone").unwrap();
        let null = std::fs::metadata("/dev/null").unwrap();
        assert!(!null.is_file());
        assert_eq!(
            names(dir.path()),
            ["cosign.key", "link.json", "shared.json"]
        );
    }

    #[test]
    fn cache_files_are_partials() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("entry");
        let mut file = Options::new().cache().create(&target).unwrap();
        file.write_all(b"cached").unwrap();
        let during = names(dir.path());
        assert_eq!(during.len(), 1);
        assert!(
            during[0].starts_with(&format!(".partial-{}-", std::process::id())),
            "{during:?}"
        );
        file.commit().unwrap();
        assert_eq!(names(dir.path()), ["entry"]);
        assert_eq!(std::fs::read(&target).unwrap(), b"cached");
    }

    /// After an interrupt, live temporaries are gone, the target untouched,
    /// and nothing new is created or renamed.
    #[test]
    fn interrupt_removes_and_refuses() {
        let registry: &'static Registry = Box::leak(Box::new(Registry::new()));
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.json");
        std::fs::write(&target, b"old").unwrap();
        let mut one = AtomicFile::start(&target, Options::new(), registry).unwrap();
        let mut two = AtomicFile::start(&target, Options::new(), registry).unwrap();
        one.write_all(b"new one").unwrap();
        two.write_all(b"new two").unwrap();
        assert_eq!(names(dir.path()).len(), 3);
        assert_eq!(registry.interrupt(), 2);
        assert_eq!(names(dir.path()), ["out.json"]);
        let error = one.commit().unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::Interrupted);
        drop(two);
        let error = AtomicFile::start(&target, Options::new(), registry).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::Interrupted);
        assert_eq!(std::fs::read(&target).unwrap(), b"old");
        assert_eq!(names(dir.path()), ["out.json"]);
    }

    #[test]
    fn stale_partials_are_swept() {
        let root = tempfile::tempdir().unwrap();
        let blobs = root.path().join("blobs/sha256");
        std::fs::create_dir_all(&blobs).unwrap();
        let old = SystemTime::now() - Duration::from_secs(2 * 3600);
        let make = |path: &Path, modified: SystemTime| {
            let file = File::create(path).unwrap();
            file.set_modified(modified).unwrap();
        };
        make(&blobs.join(".partial-1-0"), old);
        make(&blobs.join(".partial-2-0"), SystemTime::now());
        make(&blobs.join("abcd"), old);
        make(&root.path().join(".partial-3-0"), old);
        let deep = root.path().join("a/b/c");
        std::fs::create_dir_all(&deep).unwrap();
        make(&deep.join(".partial-4-0"), old);
        assert_eq!(remove_stale_partials(root.path()), 2);
        assert_eq!(names(&blobs), [".partial-2-0", "abcd"]);
        assert_eq!(names(root.path()), ["a", "blobs"]);
        assert_eq!(
            names(&deep),
            [".partial-4-0"],
            "three levels down: not a cache's"
        );
        // Once per process.
        make(&blobs.join(".partial-5-0"), old);
        assert_eq!(remove_stale_partials(root.path()), 0);
    }
}
