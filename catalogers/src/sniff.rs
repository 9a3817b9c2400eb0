//! Content sniffing: what a cataloger wants out of files too big to keep,
//! found as their bytes stream past. Go's build information lives inside
//! every Go binary, anywhere in the image; a Python interpreter's version
//! is a string inside `python3.X` and `libpython3.X.so`.
//!
//! A [`Sniff`] names a magic string found at an aligned offset of a file and
//! says how long the window that starts there is; which files it searches
//! is its [`Target`]: every ELF executable no pattern names, or the files
//! whose path matches its globs. The layer reader keeps only the windows,
//! [`frame`]d together, which then stand in the view at the file's path
//! ([`windows`] reads them back).

/// A window to keep out of files as they stream past.
#[derive(Debug, Clone, Copy)]
pub struct Sniff {
    /// Names the sniff in cache keys.
    pub name: &'static str,
    pub magic: &'static [u8],
    /// The magic counts only at file offsets that are multiples of this.
    pub align: u64,
    /// ... and only at offsets below this (`u64::MAX`: anywhere).
    pub within: u64,
    /// The most a window may take; a longer one is not kept.
    pub max_window: usize,
    /// How long the window starting at the magic is, given its first bytes.
    pub length: fn(&[u8]) -> WindowLength,
    /// Which files are searched.
    pub target: Target,
    /// How many windows one file may give (the first found). Sniffs of
    /// [`Target::Executables`] share one: a binary is Go's or Rust's.
    pub max_windows: usize,
}

/// The files a [`Sniff`] searches.
#[derive(Debug, Clone, Copy)]
pub enum Target {
    /// Every ELF executable (any execute bit) that no pattern names.
    Executables,
    /// Files (executable or not, ELF or not) whose path matches one of these
    /// rooted globs (`**/libpython*.so*`), unless a pattern names them.
    Paths(&'static [&'static str]),
}

/// What a kept file holds when it is sniffed windows, not the file's bytes.
pub const FRAMED_MAGIC: &[u8] = b"\0tallyman sniffed windows\n";

/// The windows sniffed out of one file, as the layer reader keeps them:
/// [`FRAMED_MAGIC`], then each window as its length (u32, little endian)
/// and its bytes.
pub fn frame(windows: &[Vec<u8>]) -> Vec<u8> {
    let size = FRAMED_MAGIC.len() + windows.iter().map(|w| 4 + w.len()).sum::<usize>();
    let mut framed = Vec::with_capacity(size);
    framed.extend_from_slice(FRAMED_MAGIC);
    for window in windows {
        framed.extend_from_slice(&(window.len() as u32).to_le_bytes());
        framed.extend_from_slice(window);
    }
    framed
}

/// The windows a kept file holds (none when it is a file's own bytes, or
/// the framing is cut short).
pub fn windows(content: &[u8]) -> Windows<'_> {
    Windows {
        rest: content.strip_prefix(FRAMED_MAGIC).unwrap_or_default(),
    }
}

/// Iterator of [`windows`].
pub struct Windows<'a> {
    rest: &'a [u8],
}

impl<'a> Iterator for Windows<'a> {
    type Item = &'a [u8];

    fn next(&mut self) -> Option<&'a [u8]> {
        let (length, rest) = self.rest.split_first_chunk::<4>()?;
        let length = u32::from_le_bytes(*length) as usize;
        let window = rest.get(..length)?;
        self.rest = &rest[length..];
        Some(window)
    }
}

/// What a sniff's [`Sniff::length`] says of a window's first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WindowLength {
    /// Give me more bytes.
    NeedMore,
    /// The window is this many bytes from the magic on.
    Total(usize),
    /// Not a real occurrence: keep searching.
    Reject,
}

/// `\x7fELF`: only ELF executables are searched.
pub const ELF_MAGIC: &[u8] = b"\x7fELF";

/// `UPX!`, the magic of the header UPX writes right after a packed ELF
/// file's program headers (in the first KiB): such a file's build
/// information is compressed inside it and cannot be read.
pub const UPX_MAGIC: &[u8] = b"UPX!";

/// Finds UPX-packed executables; the window is the magic and the packer's
/// `l_lsize`, `l_version` and `l_format` (8 bytes).
pub const UPX: Sniff = Sniff {
    name: "upx",
    magic: UPX_MAGIC,
    align: 4,
    within: 1024,
    max_window: 8,
    length: upx_length,
    target: Target::Executables,
    max_windows: 1,
};

fn upx_length(window: &[u8]) -> WindowLength {
    match window.get(6) {
        None => WindowLength::NeedMore,
        // UPX's header versions run from 1 to 14 so far.
        Some(1..=32) => WindowLength::Total(8),
        Some(_) => WindowLength::Reject,
    }
}
