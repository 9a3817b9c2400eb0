//! Reads one layer blob as a single stream: digest check, decompression chosen
//! by magic bytes (gzip, zstd or none), tar walk, selection of wanted files.
//!
//! Nothing is written to disk. Unwanted entries are skipped without being
//! copied (the tar reader discards their data as it advances); wanted files
//! over [`Limits::max_file_size`] are skipped with a warning; a layer whose
//! uncompressed stream exceeds [`Limits::max_layer_size`] is an error, and so
//! is an entry whose headers exceed [`Limits::max_header_size`]. Entry
//! names are cleaned before use: a leading `/` or `./` is dropped, and a name
//! that climbs out of the root with `..` is skipped with a warning.

use std::io::{self, BufRead, BufReader, Read, Seek};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::Arc;
use std::thread::ScopedJoinHandle;

use sha1::Digest as _;
use tallyman_catalogers::sniff;
use tallyman_oci::{Compression, Digest, Hasher};
use tar::EntryType;

use crate::contents::LayerContents;
use crate::error::{Context, Error, Result};
use crate::gzip::GzipReader;
use crate::header_budget::{metered, HeaderTooLarge};
use crate::inflate;
use crate::limits::{Limit, Limits};
use crate::name_text::name_text;
use crate::selection::Selection;
use crate::sniff::find_windows;

const WHITEOUT_PREFIX: &str = ".wh.";
const OPAQUE_WHITEOUT: &str = ".wh..wh..opq";
const READ_BUFFER: usize = 256 * 1024;
/// Longest entry name or link target kept (Linux's PATH_MAX): nothing longer
/// can exist in a container's file system.
const MAX_PATH: usize = 4096;
/// Longest entry name quoted whole in a warning.
const SHOWN_NAME: usize = 200;

/// The digests a blob must have.
#[derive(Debug, Clone, Default)]
pub struct BlobCheck {
    /// Of the bytes as stored (the descriptor digest), always checked.
    pub digest: Option<Digest>,
    /// Of the uncompressed tar (the config's diff id).
    pub diff_id: Option<Digest>,
    /// Check `diff_id` even when that means hashing inflated bytes (a
    /// compressed blob). An uncompressed blob's diff id is always checked:
    /// its bytes are the tar, so that costs at most the blob's own hash.
    pub verify_diff_id: bool,
}

/// Reads a layer blob and returns what the scan needs of it.
/// `name` identifies the layer in messages (its diff id, usually).
///
/// The blob's digest is computed on a thread fed copies of the bytes as
/// stored. When the diff id is checked, the decoder and the diff id's
/// hasher get a thread each ([`inflate::spawn`]), so that the
/// decompression of a big layer (the critical path of most scans) does
/// nothing else; otherwise this thread inflates and walks
/// ([`inflate::inline`]). An uncompressed blob whose digest is its diff id
/// is hashed once.
pub fn read_layer(
    name: &str,
    blob: impl Read + Send,
    check: &BlobCheck,
    selection: &Selection,
    limits: &Limits,
) -> Result<LayerContents> {
    std::thread::scope(|scope| {
        let raw = HashingReader::new(blob, check.digest.as_ref().map(|d| spawn_hasher(scope, d)));
        read_layer_hashed(name, raw, check, selection, limits)
    })
}

/// Chunks in flight to a hashing thread (each up to a read buffer).
const HASH_QUEUE: usize = 16;

/// A hashing thread, fed copies of the bytes that pass. Its buffers come
/// back to be filled again: a fresh 256 KiB allocation per read would cost
/// an mmap, a munmap and the page faults of every byte hashed.
struct PipedHasher<'scope> {
    chunks: SyncSender<Vec<u8>>,
    spare: Receiver<Vec<u8>>,
    thread: ScopedJoinHandle<'scope, Hasher>,
}

fn spawn_hasher<'scope>(
    scope: &'scope std::thread::Scope<'scope, '_>,
    digest: &Digest,
) -> PipedHasher<'scope> {
    let (chunks, filled) = sync_channel::<Vec<u8>>(HASH_QUEUE);
    let (emptied, spare) = sync_channel::<Vec<u8>>(HASH_QUEUE + 2);
    let mut hasher = digest.hasher();
    let thread = scope.spawn(move || {
        for chunk in filled {
            hasher.update(&chunk);
            // A full return queue only means one buffer is dropped.
            let _ = emptied.try_send(chunk);
        }
        hasher
    });
    PipedHasher {
        chunks,
        spare,
        thread,
    }
}

fn read_layer_hashed<R: Read + Send>(
    name: &str,
    mut raw: HashingReader<'_, R>,
    check: &BlobCheck,
    selection: &Selection,
    limits: &Limits,
) -> Result<LayerContents> {
    // `diff_digest`: the inflated bytes' digest, when the diff id needs a
    // hash of its own (not when the blob's covers it, nor when unchecked).
    let (mut contents, diff_digest) = {
        let mut buffered = BufReader::with_capacity(READ_BUFFER, &mut raw);
        let compression = Compression::sniff(
            buffered
                .fill_buf()
                .with_context(|| format!("layer {name}: reading the blob"))?,
        );
        // An uncompressed blob whose digest is its diff id: one hash covers both.
        let same_bytes = compression == Compression::None && check.digest == check.diff_id;
        let verify_diff_id =
            check.diff_id.is_some() && (check.verify_diff_id || compression == Compression::None);
        let hash_diff_id = verify_diff_id && !same_bytes;
        let decoder: Box<dyn Read + Send + '_> = match compression {
            Compression::Gzip => Box::new(GzipReader::new(buffered)),
            Compression::Zstd => Box::new(
                zstd::stream::read::Decoder::with_buffer(buffered)
                    .with_context(|| format!("layer {name}: starting zstd decompression"))?,
            ),
            Compression::None => Box::new(buffered),
        };
        let (walked, inflated) = match check.diff_id.as_ref().filter(|_| hash_diff_id) {
            // The diff id's SHA-256 gets a thread, and so does the decoder.
            Some(diff_id) => std::thread::scope(|scope| {
                let (mut tar_stream, inflating) =
                    inflate::spawn(scope, decoder, limits.max_layer_size, diff_id);
                let walked = walk_whole(name, &mut tar_stream, selection, limits);
                drop(tar_stream);
                (walked, inflating.join())
            }),
            // Nothing else wants the bytes: they are inflated where they are read.
            None => {
                let mut tar_stream = inflate::inline(decoder, limits.max_layer_size);
                let walked = walk_whole(name, &mut tar_stream, selection, limits);
                (walked, Some(tar_stream.inflated()))
            }
        };
        let inflated = inflated.ok_or_else(|| {
            Error::Message(format!("layer {name}: the decompression thread failed"))
        })?;
        let over_limit = inflated.count > limits.max_layer_size;
        let contents = match walked {
            Ok(contents) => contents,
            Err(error) => {
                let error = explain(error, name, compression, limits, over_limit);
                // A corrupted blob usually breaks the decoder first; when the
                // bytes do not match their digest, that is the error to report.
                if let Some(want) = &check.digest {
                    if io::copy(&mut raw, &mut io::sink()).is_ok() {
                        if let Err(mismatch) = verify(name, "blob", want, raw.finish()) {
                            return Err(Error::Message(format!(
                                "{mismatch} (decoding failed too: {})",
                                tallyman_oci::report(&error)
                            )));
                        }
                    }
                }
                return Err(error);
            }
        };
        let mut contents = contents;
        contents.uncompressed_size = inflated.count;
        contents.diff_id_verified = verify_diff_id;
        (contents, inflated.digest)
    };
    io::copy(&mut raw, &mut io::sink())
        .with_context(|| format!("layer {name}: reading the blob"))?;
    // The blob first: when the stored bytes are wrong, that is the cause.
    if let Some(want) = &check.digest {
        verify(name, "blob", want, raw.finish())?;
    }
    if let (Some(want), Some(got)) = (&check.diff_id, diff_digest) {
        verify(name, "uncompressed content (diff id)", want, Some(got))?;
    }
    contents.finish(name);
    Ok(contents)
}

/// [`walk_tar`], then the rest of the stream: what follows the tar's end
/// marker is read too, so digests cover every byte and a stream truncated
/// after the marker is still caught.
fn walk_whole(
    name: &str,
    mut stream: impl BufRead + Seek,
    selection: &Selection,
    limits: &Limits,
) -> Result<LayerContents> {
    let contents = walk_tar(name, &mut stream, selection, limits)?;
    io::copy(&mut stream, &mut io::sink())?;
    Ok(contents)
}

fn walk_tar(
    name: &str,
    stream: impl Read + Seek,
    selection: &Selection,
    limits: &Limits,
) -> Result<LayerContents> {
    let mut contents = LayerContents::default();
    let (stream, budget) = metered(stream, limits.max_header_size);
    let mut archive = tar::Archive::new(stream);
    for entry in archive.entries_with_seek()? {
        check_memory(name, &contents, limits)?;
        let mut entry = entry?;
        budget.entry_yielded(match entry.header().entry_type() {
            // The crate reports a sparse file's logical size; its stored
            // payload is the header's size.
            EntryType::GNUSparse => entry.header().entry_size().unwrap_or(0),
            _ => entry.size(),
        });
        let raw_path = entry.path_bytes();
        let shown = shown_name(&raw_path);
        if raw_path.len() > MAX_PATH {
            contents.warn(format!(
                "layer {name}: entry {shown:?} has a name of {} bytes, over PATH_MAX ({MAX_PATH}); skipped",
                raw_path.len()
            ));
            continue;
        }
        let Some(path) = clean_path(&raw_path) else {
            contents.warn(format!(
                "layer {name}: entry {shown:?} leads outside the image root; skipped"
            ));
            continue;
        };
        let kind = entry.header().entry_type();
        if path.is_empty() {
            continue;
        }
        let (parent, base) = match path.rsplit_once('/') {
            Some((parent, base)) => (parent, base),
            None => ("", path.as_str()),
        };
        if base == OPAQUE_WHITEOUT {
            contents.add_opaque_dir(parent);
            continue;
        }
        if let Some(deleted) = base.strip_prefix(WHITEOUT_PREFIX) {
            if deleted.is_empty() || deleted == "." || deleted == ".." {
                contents.warn(format!(
                    "layer {name}: whiteout {shown:?} names no file; ignored"
                ));
            } else if parent.is_empty() {
                contents.add_whiteout(deleted);
            } else {
                contents.add_whiteout(&format!("{parent}/{deleted}"));
            }
            continue;
        }
        match kind {
            EntryType::Directory => contents.add_dir(&path),
            EntryType::Symlink => {
                match entry.link_name_bytes() {
                    // PATH_MAX bounds the target's bytes, as for names and
                    // hard links (escaping makes the text longer).
                    Some(target) if target.len() > MAX_PATH => contents.warn(format!(
                        "layer {name}: symlink {shown:?} has a target of {} bytes, over PATH_MAX ({MAX_PATH}); skipped",
                        target.len()
                    )),
                    Some(target) if !target.is_empty() => {
                        contents.add_symlink(&path, &name_text(&target));
                    }
                    _ => contents.warn(format!(
                        "layer {name}: symlink {shown:?} has no target; skipped"
                    )),
                }
            }
            EntryType::Link => {
                let target = entry
                    .link_name_bytes()
                    .filter(|t| t.len() <= MAX_PATH)
                    .and_then(|t| clean_path(&t));
                match target {
                    Some(target) if selection.matches(&path) => {
                        contents.add_hardlink(&path, &target);
                    }
                    Some(_) => contents.add_other(&path),
                    None => contents.warn(format!(
                        "layer {name}: hard link {shown:?} points outside the image root; skipped"
                    )),
                }
            }
            EntryType::Regular | EntryType::Continuous | EntryType::GNUSparse
                if selection.digest_only() && selection.matches(&path) =>
            {
                let mut hasher = sha1::Sha1::new();
                io::copy(&mut entry, &mut DigestWriter(&mut hasher))?;
                contents.add_digest(&path, hex::encode(hasher.finalize()));
            }
            EntryType::Regular | EntryType::Continuous | EntryType::GNUSparse
                if selection.matches(&path) =>
            {
                let size = entry.size();
                let limit = Limits::for_kept_file(selection.reduction(&path));
                if size > limits.value(limit) {
                    contents.warn(format!(
                        "layer {name}: /{path} is {size} bytes, over the {} byte {}; skipped",
                        limits.value(limit),
                        limits.name(limit)
                    ));
                    contents.add_other(&path);
                    continue;
                }
                let mut content = Vec::with_capacity(size as usize);
                entry.by_ref().take(size).read_to_end(&mut content)?;
                contents.add_file(&path, Arc::from(selection.keep(&path, content)));
            }
            EntryType::Regular | EntryType::Continuous => {
                let executable = entry.header().mode().is_ok_and(|mode| mode & 0o111 != 0);
                let sniffs = selection.sniffs_for(&path, executable);
                let windows = if sniffs.is_empty() {
                    Vec::new()
                } else {
                    find_windows(&mut entry, &sniffs)?
                };
                if windows.is_empty() {
                    contents.add_other(&path);
                } else {
                    contents.add_file(&path, Arc::from(sniff::frame(&windows)));
                }
            }
            EntryType::XGlobalHeader
            | EntryType::XHeader
            | EntryType::GNULongName
            | EntryType::GNULongLink => {}
            _ => contents.add_other(&path),
        }
    }
    check_memory(name, &contents, limits)?;
    Ok(contents)
}

/// Fails once what a layer keeps outgrows [`Limits::max_layer_memory`];
/// `name` names the layer (or directory) in the message.
pub(crate) fn check_memory(name: &str, contents: &LayerContents, limits: &Limits) -> Result<()> {
    if contents.memory() > limits.max_layer_memory {
        return Err(limit_error(name, Limit::LayerMemory, limits));
    }
    Ok(())
}

/// The error of reaching `limit` in layer `name`.
fn limit_error(name: &str, limit: Limit, limits: &Limits) -> Error {
    Error::Limit {
        subject: format!("layer {name}"),
        limit,
        value: limits.value(limit),
        name: limits.name(limit),
    }
}

/// An entry name for a message: lossy UTF-8, cut short when long.
fn shown_name(raw: &[u8]) -> String {
    let text = String::from_utf8_lossy(raw);
    match text.char_indices().nth(SHOWN_NAME) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.into_owned(),
    }
}

/// An entry name in the view's form, or `None` when `..` would climb above the
/// root. Leading `/` and `./`, repeated and trailing slashes are dropped;
/// bytes that are not UTF-8 are escaped one to one ([`name_text`]).
pub fn clean_path(raw: &[u8]) -> Option<String> {
    let text = name_text(raw);
    let mut parts: Vec<&str> = Vec::new();
    for component in text.split('/') {
        match component {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

fn verify(name: &str, what: &'static str, want: &Digest, got: Option<Digest>) -> Result<()> {
    match got {
        Some(got) => want.check(got).map_err(|mismatch| Error::Mismatch {
            subject: format!("layer {name}"),
            what,
            mismatch,
        }),
        None => Err(Error::Message(format!(
            "layer {name}: the {what} digest could not be computed"
        ))),
    }
}

/// Turns decoder and reader errors into one line that names the layer.
fn explain(
    error: Error,
    name: &str,
    compression: Compression,
    limits: &Limits,
    over_limit: bool,
) -> Error {
    let compression = compression.name();
    if over_limit {
        return limit_error(name, Limit::LayerSize, limits);
    }
    if let Error::Io(io) = &error {
        if io
            .get_ref()
            .is_some_and(|e| e.downcast_ref::<HeaderTooLarge>().is_some())
        {
            return limit_error(name, Limit::HeaderSize, limits);
        }
        // The tar crate reports a short entry as `Other` "unexpected EOF …".
        let message = if io.kind() == io::ErrorKind::UnexpectedEof
            || io.to_string().contains("unexpected EOF")
        {
            format!("layer {name}: truncated {compression} tar stream ({io})")
        } else {
            format!("layer {name}: corrupt {compression} tar stream: {io}")
        };
        return Error::Message(message);
    }
    Error::Context {
        context: format!("layer {name}: reading the {compression} tar stream"),
        source: Box::new(error),
    }
}

/// Feeds written bytes to a hasher.
struct DigestWriter<'a, D>(&'a mut D);

impl<D: sha1::Digest> io::Write for DigestWriter<'_, D> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Hands copies of what passes through it to a hashing thread, when given one.
struct HashingReader<'scope, R> {
    inner: R,
    piped: Option<PipedHasher<'scope>>,
}

impl<'scope, R> HashingReader<'scope, R> {
    fn new(inner: R, piped: Option<PipedHasher<'scope>>) -> Self {
        HashingReader { inner, piped }
    }

    /// The digest of everything read (`None` when not hashing).
    fn finish(&mut self) -> Option<Digest> {
        let piped = self.piped.take()?;
        drop(piped.chunks);
        piped.thread.join().ok().map(Hasher::finish)
    }
}

impl<R: Read> Read for HashingReader<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if let Some(piped) = &self.piped {
            if n > 0 {
                let mut chunk = piped.spare.try_recv().unwrap_or_default();
                chunk.clear();
                chunk.extend_from_slice(&buf[..n]);
                if piped.chunks.send(chunk).is_err() {
                    return Err(io::Error::other("the hashing thread stopped"));
                }
            }
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use std::os::unix::ffi::OsStrExt;

    use super::*;
    use crate::Item;

    #[test]
    fn clean_path_keeps_inside_the_root() {
        assert_eq!(
            clean_path(b"./var/lib/dpkg/").as_deref(),
            Some("var/lib/dpkg")
        );
        assert_eq!(clean_path(b"/etc//passwd").as_deref(), Some("etc/passwd"));
        assert_eq!(clean_path(b"a/../b").as_deref(), Some("b"));
        assert_eq!(clean_path(b"../../etc/passwd"), None);
        assert_eq!(clean_path(b"a/../../etc"), None);
    }

    #[test]
    fn path_max_bounds_a_symlink_targets_bytes_not_its_escaped_text() {
        let mut tar = tar::Builder::new(Vec::new());
        for (name, target) in [("latin1", vec![0xe9; 2000]), ("long", vec![b'a'; 4097])] {
            let mut header = tar::Header::new_gnu();
            header.set_entry_type(EntryType::Symlink);
            header.set_size(0);
            tar.append_link(&mut header, name, std::ffi::OsStr::from_bytes(&target))
                .unwrap();
        }
        let layer = tar.into_inner().unwrap();
        let contents = read_layer(
            "test",
            &layer[..],
            &BlobCheck::default(),
            &Selection::new(Vec::<String>::new()).unwrap(),
            &Limits::default(),
        )
        .unwrap();
        assert_eq!(
            contents.items.get("latin1"),
            Some(&Item::Symlink("\u{f7e9}".repeat(2000)))
        );
        assert!(!contents.items.contains_key("long"));
        assert_eq!(
            contents.warnings,
            ["layer test: symlink \"long\" has a target of 4097 bytes, over PATH_MAX (4096); skipped"]
        );
    }
}
