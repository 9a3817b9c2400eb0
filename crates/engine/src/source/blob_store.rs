//! Where an image's blobs live: files in a directory (OCI layout on disk) or
//! members of a tar file (oci-archive, docker-archive), read in place.
//!
//! A tar file is indexed once (member name → offset and size, symlinks between
//! members followed) and each member is then opened with its own file handle
//! at its offset, so layers can be read in parallel straight out of the
//! archive without extracting anything.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use tallyman_layer::{clean_path, metered, HeaderTooLarge, Limits};
use tallyman_oci::manifest::MAX_JSON_SIZE;
use tallyman_oci::{fail, Compression, Digest};

use crate::error::{Context, Error, Result};

/// Fails with a hint when the file is a gzip or zstd stream (a compressed
/// tarball cannot be read in place).
pub fn refuse_compressed(path: &Path) -> Result<()> {
    let mut magic = [0u8; 4];
    let n = File::open(path)
        .and_then(|mut f| f.read(&mut magic))
        .unwrap_or(0);
    if Compression::sniff(&magic[..n]) != Compression::None {
        fail!(
            "{}: the archive is compressed; decompress it first (e.g. gunzip or zstd -d)",
            path.display()
        );
    }
    Ok(())
}

/// Whether the file starts with a ustar/GNU/PAX tar header (`ustar` magic at offset 257).
pub fn looks_like_tar(path: &Path) -> bool {
    let mut header = [0u8; 512];
    File::open(path)
        .and_then(|mut f| f.read_exact(&mut header))
        .is_ok_and(|()| &header[257..262] == b"ustar")
}

/// Read access to the named members of an image store.
pub trait BlobStore: Send + Sync {
    /// Opens the member at `name` (a path inside the layout or archive).
    fn open(&self, name: &str) -> Result<Box<dyn Read + Send + '_>>;

    /// Whether a member exists.
    fn contains(&self, name: &str) -> bool;

    /// After reading `name` failed: whether a cached copy was to blame
    /// (damaged, or replaced while read). Then it is set aside (removed when
    /// damaged), a warning is kept for [`BlobStore::warnings`], and the next
    /// [`BlobStore::open`] of `name` fetches it from where it came from.
    fn retry_uncached(&self, _name: &str) -> bool {
        false
    }

    /// What went wrong with the store's cache so far (never an error).
    fn warnings(&self) -> Vec<String> {
        Vec::new()
    }

    /// The member holding the blob with this digest (`blobs/sha256/<hex>`
    /// in a layout).
    fn blob_member(&self, digest: &Digest) -> String {
        digest.blob_path()
    }

    /// Reads a small member (JSON) whole, refusing anything over `MAX_JSON_SIZE`.
    fn read_small(&self, name: &str) -> Result<Vec<u8>> {
        let mut data = Vec::new();
        self.open(name)?
            .take(MAX_JSON_SIZE + 1)
            .read_to_end(&mut data)
            .with_context(|| format!("reading {name}"))?;
        if data.len() as u64 > MAX_JSON_SIZE {
            fail!("{name} is larger than {MAX_JSON_SIZE} bytes; not an image manifest");
        }
        Ok(data)
    }
}

/// Members are files under a directory.
pub struct DirStore {
    root: PathBuf,
}

impl DirStore {
    pub fn new(root: &Path) -> Self {
        DirStore {
            root: root.to_owned(),
        }
    }

    fn path(&self, name: &str) -> Result<PathBuf> {
        let clean = clean_path(name.as_bytes())
            .filter(|p| !p.is_empty())
            .with_context(|| format!("{name:?} is not a path inside {}", self.root.display()))?;
        Ok(self.root.join(clean))
    }
}

impl BlobStore for DirStore {
    fn open(&self, name: &str) -> Result<Box<dyn Read + Send + '_>> {
        let path = self.path(name)?;
        let file = File::open(&path).with_context(|| format!("{}: cannot open", path.display()))?;
        Ok(Box::new(file))
    }

    fn contains(&self, name: &str) -> bool {
        self.path(name).is_ok_and(|p| p.is_file())
    }
}

/// Members are entries of an uncompressed tar file.
pub struct TarStore {
    path: PathBuf,
    members: HashMap<String, (u64, u64)>,
    links: HashMap<String, String>,
}

impl TarStore {
    /// Indexes the tar file at `path`.
    pub fn open(path: &Path) -> Result<TarStore> {
        let file = File::open(path).with_context(|| format!("{}: cannot open", path.display()))?;
        refuse_compressed(path)?;
        if !looks_like_tar(path) {
            fail!("{}: not a tar archive", path.display());
        }
        (&file).seek(SeekFrom::Start(0))?;
        let file_len = file.metadata()?.len();
        // Members' bytes are skipped by seeking, so only headers are read:
        // bounded as a layer's are, by the default --max-header-size.
        let (reader, budget) = metered(BufReader::new(file), Limits::default().max_header_size);
        let mut archive = tar::Archive::new(reader);
        let mut members = HashMap::new();
        let mut links = HashMap::new();
        let entries = archive
            .entries_with_seek()
            .with_context(|| format!("{}: not a tar archive", path.display()))?;
        for entry in entries {
            let entry = entry.map_err(|error| {
                match error
                    .get_ref()
                    .and_then(|e| e.downcast_ref::<HeaderTooLarge>())
                {
                    Some(too_large) => Error::Message(format!(
                        "{}: a member's tar headers (PAX records, GNU long names) exceed {} bytes; refused as hostile",
                        path.display(),
                        too_large.limit
                    )),
                    None => Error::Message(format!(
                        "{}: truncated or corrupt tar archive: {error}",
                        path.display()
                    )),
                }
            })?;
            budget.entry_yielded(0);
            let Some(name) = clean_path(&entry.path_bytes()) else {
                continue;
            };
            match entry.header().entry_type() {
                tar::EntryType::Regular | tar::EntryType::Continuous => {
                    let (offset, size) = (entry.raw_file_position(), entry.size());
                    // Seeking past the end is no error: check the bytes are there.
                    if offset.saturating_add(size) > file_len {
                        fail!(
                            "{}: truncated or corrupt tar archive: {name} ends past the end of the file",
                            path.display()
                        );
                    }
                    members.insert(name, (offset, size));
                }
                tar::EntryType::Symlink | tar::EntryType::Link => {
                    if let Some(target) = entry.link_name_bytes() {
                        let target = String::from_utf8_lossy(&target).into_owned();
                        let resolved = if entry.header().entry_type() == tar::EntryType::Symlink {
                            let dir = name.rsplit_once('/').map_or("", |(d, _)| d);
                            clean_path(format!("{dir}/{target}").as_bytes())
                        } else {
                            clean_path(target.as_bytes())
                        };
                        if let Some(resolved) = resolved {
                            links.insert(name, resolved);
                        }
                    }
                }
                _ => {}
            }
        }
        Ok(TarStore {
            path: path.to_owned(),
            members,
            links,
        })
    }

    fn locate(&self, name: &str) -> Option<(u64, u64)> {
        let mut name = clean_path(name.as_bytes())?;
        for _ in 0..16 {
            if let Some(&found) = self.members.get(&name) {
                return Some(found);
            }
            name = self.links.get(&name)?.clone();
        }
        None
    }
}

impl BlobStore for TarStore {
    fn open(&self, name: &str) -> Result<Box<dyn Read + Send + '_>> {
        let (offset, size) = self
            .locate(name)
            .with_context(|| format!("{}: has no member {name}", self.path.display()))?;
        let mut file = File::open(&self.path)
            .with_context(|| format!("{}: cannot open", self.path.display()))?;
        file.seek(SeekFrom::Start(offset))?;
        let member = file.take(size);
        Ok(Box::new(ExactSize {
            inner: member,
            left: size,
            what: format!("{}: member {name}", self.path.display()),
        }))
    }

    fn contains(&self, name: &str) -> bool {
        self.locate(name).is_some()
    }
}

/// Fails with UnexpectedEof when the underlying file ends before the size its
/// tar header promised (a truncated archive).
struct ExactSize<R> {
    inner: R,
    left: u64,
    what: String,
}

impl<R: Read> Read for ExactSize<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 && self.left > 0 && !buf.is_empty() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                format!("{} is truncated ({} bytes missing)", self.what, self.left),
            ));
        }
        self.left -= n as u64;
        Ok(n)
    }
}
