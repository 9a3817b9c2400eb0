//! Content sniffing: what a cataloger wants out of executables that no path
//! pattern names (Go's build information lives inside every Go binary).
//!
//! A [`Sniff`] names a magic string found at an aligned offset of an ELF
//! executable and says how long the window that starts there is; the layer
//! reader searches executables for it as their bytes stream past and keeps
//! only that window, which then stands in the view at the executable's path.

/// A window to keep out of executables.
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
};

fn upx_length(window: &[u8]) -> WindowLength {
    match window.get(6) {
        None => WindowLength::NeedMore,
        // UPX's header versions run from 1 to 14 so far.
        Some(1..=32) => WindowLength::Total(8),
        Some(_) => WindowLength::Reject,
    }
}
