//! Searching files for the windows catalogers sniff for
//! ([`tallyman_catalogers::Sniff`]) while their bytes stream past: nothing
//! but the windows is kept, so a 1 GiB binary costs a 64 KiB read buffer.
//! Each magic is found with `memchr::memmem` at offsets aligned as its sniff
//! says, across read boundaries. Sniffs of executables search only ELF
//! files and share one window (a binary is Go's or Rust's); a sniff of paths
//! keeps up to its `max_windows`. Reading stops once every sniff has what
//! it may keep.

use std::io::{self, Read};

use memchr::memmem::Finder;
use tallyman_catalogers::sniff::{Target, ELF_MAGIC};
use tallyman_catalogers::{Sniff, WindowLength};

const BLOCK: usize = 64 * 1024;

/// The windows `sniffs` find in a file read from `reader`, in file order
/// (empty when none). Reads to the end only while searching.
pub fn find_windows(mut reader: impl Read, sniffs: &[&Sniff]) -> io::Result<Vec<Vec<u8>>> {
    let mut buffer = vec![0u8; BLOCK];
    let mut filled = fill(&mut reader, &mut buffer[..])?;
    let mut eof = filled < buffer.len();
    let elf = buffer[..filled].starts_with(ELF_MAGIC);
    // Executable sniffs only for ELF files.
    let sniffs: Vec<&Sniff> = sniffs
        .iter()
        .copied()
        .filter(|s| elf || matches!(s.target, Target::Paths(_)))
        .collect();
    let mut windows = Vec::new();
    if sniffs.is_empty() {
        return Ok(windows);
    }
    let finders: Vec<Finder<'_>> = sniffs.iter().map(|s| Finder::new(s.magic)).collect();
    let keep = sniffs.iter().map(|s| s.magic.len()).max().unwrap_or(1) - 1;
    let mut kept = Kept::new(sniffs.len());
    // `base`: the file offset of buffer[0].
    let mut base: u64 = 0;
    loop {
        let chunk = &buffer[..filled];
        // Every magic in the chunk that still counts, in file order.
        let mut hits: Vec<(usize, usize)> = Vec::new();
        for (i, (sniff, finder)) in sniffs.iter().zip(&finders).enumerate() {
            if base >= sniff.within || kept.full(i, sniff) {
                continue;
            }
            hits.extend(
                finder
                    .find_iter(chunk)
                    .filter(|&at| {
                        let offset = base + at as u64;
                        offset % sniff.align == 0 && offset < sniff.within
                    })
                    .map(|at| (at, i)),
            );
        }
        hits.sort_unstable();
        // What the next read keeps: the tail a magic may straddle, or a
        // window that needs more bytes than the buffer holds yet.
        let mut carry_from = if eof {
            filled
        } else {
            filled.saturating_sub(keep)
        };
        let mut past = 0;
        for (at, i) in hits {
            if at < past || kept.full(i, sniffs[i]) {
                continue;
            }
            match judge(sniffs[i], &chunk[at..], eof) {
                Judged::Window(n) => {
                    windows.push(chunk[at..at + n].to_vec());
                    past = at + n;
                    kept.add(i, sniffs[i]);
                }
                Judged::Not => {}
                Judged::NeedMore => {
                    // Searched again from here once more bytes are in.
                    carry_from = carry_from.min(at);
                    break;
                }
            }
        }
        let done = sniffs.iter().enumerate().all(|(i, s)| kept.full(i, s));
        if done || eof {
            return Ok(windows);
        }
        buffer.copy_within(carry_from..filled, 0);
        base += carry_from as u64;
        let carried = filled - carry_from;
        if carried == buffer.len() {
            // A window longer than the buffer (within its sniff's limit).
            buffer.resize(carried + BLOCK, 0);
        }
        let got = fill(&mut reader, &mut buffer[carried..])?;
        filled = carried + got;
        eof = filled < buffer.len();
    }
}

/// How many windows each sniff, and the executable sniffs together, kept.
struct Kept {
    by_sniff: Vec<usize>,
    executable: bool,
}

impl Kept {
    fn new(sniffs: usize) -> Kept {
        Kept {
            by_sniff: vec![0; sniffs],
            executable: false,
        }
    }

    /// Whether sniff `i` may keep no more.
    fn full(&self, i: usize, sniff: &Sniff) -> bool {
        match sniff.target {
            Target::Executables => self.executable,
            Target::Paths(_) => self.by_sniff[i] >= sniff.max_windows,
        }
    }

    fn add(&mut self, i: usize, sniff: &Sniff) {
        self.by_sniff[i] += 1;
        self.executable |= matches!(sniff.target, Target::Executables);
    }
}

/// What a magic found starts.
enum Judged {
    /// A window of this many bytes.
    Window(usize),
    /// Nothing: a false start, too long, or cut by the end of the file.
    Not,
    /// Undecided until more of the file is read.
    NeedMore,
}

/// Judges the window that `start` (the bytes from the magic on, as far as
/// they are read) begins; `eof`: no more bytes follow `start`.
fn judge(sniff: &Sniff, start: &[u8], eof: bool) -> Judged {
    let seen = &start[..start.len().min(sniff.max_window)];
    match (sniff.length)(seen) {
        WindowLength::Reject => Judged::Not,
        WindowLength::Total(n) if n > sniff.max_window => Judged::Not,
        WindowLength::Total(n) if n <= seen.len() => Judged::Window(n),
        WindowLength::Total(_) | WindowLength::NeedMore => {
            if eof || seen.len() >= sniff.max_window {
                Judged::Not
            } else {
                Judged::NeedMore
            }
        }
    }
}

/// Reads until `buffer` is full or the input ends; returns the bytes read.
fn fill(reader: &mut impl Read, buffer: &mut [u8]) -> io::Result<usize> {
    match crate::inflate::fill(reader, buffer) {
        (_, Some(error)) => Err(error),
        (filled, None) => Ok(filled),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 14-byte magic (as long as Go's), then a length byte and the data.
    const MAGIC: &[u8] = b"MAGIC-MAGIC-MA";

    fn length(window: &[u8]) -> WindowLength {
        match window.get(MAGIC.len()) {
            None => WindowLength::NeedMore,
            Some(0) => WindowLength::Reject,
            Some(&n) => WindowLength::Total(MAGIC.len() + 1 + n as usize),
        }
    }

    fn window(n: u8, data: &[u8]) -> Vec<u8> {
        let mut window = MAGIC.to_vec();
        window.push(n);
        window.extend_from_slice(data);
        window
    }

    const SNIFF: Sniff = Sniff {
        name: "test",
        magic: MAGIC,
        align: 16,
        within: u64::MAX,
        max_window: 1000,
        length,
        target: Target::Executables,
        max_windows: 1,
    };

    /// The first window, as the executable sniffs keep one.
    fn find_window(file: &[u8], sniffs: &[Sniff]) -> io::Result<Option<Vec<u8>>> {
        let sniffs: Vec<&Sniff> = sniffs.iter().collect();
        Ok(find_windows(file, &sniffs)?.into_iter().next())
    }

    fn elf_with(parts: &[(usize, &[u8])], size: usize) -> Vec<u8> {
        let mut file = vec![b'.'; size];
        file[..4].copy_from_slice(ELF_MAGIC);
        for (at, bytes) in parts {
            file[*at..at + bytes.len()].copy_from_slice(bytes);
        }
        file
    }

    #[test]
    fn aligned_windows_across_reads() {
        // Unaligned and rejected occurrences first; the real one's magic
        // straddles the second read (which starts 13 bytes before 64 KiB,
        // the tail kept from the first), and its data the third.
        let real = window(6, b"window");
        let at = 2 * BLOCK - 16;
        let file = elf_with(
            &[(33, &window(3, b"abc")), (48, &window(0, b"")), (at, &real)],
            3 * BLOCK,
        );
        assert_eq!(find_window(&file[..], &[SNIFF]).unwrap(), Some(real));
    }

    #[test]
    fn nothing_kept_from_other_files() {
        let mut not_elf = elf_with(&[(64, &window(1, b"x"))], 1000);
        not_elf[0] = b'#';
        assert_eq!(find_window(&not_elf[..], &[SNIFF]).unwrap(), None);
        let cut = elf_with(&[(960, &window(0x60, b""))], 1000);
        assert_eq!(
            find_window(&cut[..], &[SNIFF]).unwrap(),
            None,
            "ends inside"
        );
        assert_eq!(find_window(&b"\x7fEL"[..], &[SNIFF]).unwrap(), None);
    }

    #[test]
    fn a_magic_counts_only_within_its_range() {
        let near = Sniff {
            within: 64,
            ..SNIFF
        };
        let early = elf_with(&[(48, &window(1, b"x"))], 1000);
        assert_eq!(
            find_window(&early[..], &[near]).unwrap(),
            Some(window(1, b"x"))
        );
        let late = elf_with(&[(64, &window(1, b"x"))], 1000);
        assert_eq!(find_window(&late[..], &[near]).unwrap(), None);
    }

    #[test]
    fn path_sniffs_keep_several_windows_of_any_file_beside_an_executables() {
        let versions = Sniff {
            name: "versions",
            magic: b"\0v",
            align: 1,
            max_window: 16,
            length: |w| match w.iter().skip(2).position(|&b| b == 0) {
                Some(end) if end > 0 => WindowLength::Total(end + 3),
                Some(_) => WindowLength::Reject,
                None => WindowLength::NeedMore,
            },
            target: Target::Paths(&["**/tool"]),
            max_windows: 2,
            ..SNIFF
        };
        // Not ELF: only the path sniff searches it; the third is past its
        // two; the second straddles the first read.
        let mut text = vec![b'.'; 3 * BLOCK];
        for (at, version) in [
            (10, &b"\0v1.2\0"[..]),
            (BLOCK - 3, b"\0v3.4.5\0"),
            (BLOCK + 40, b"\0v9\0"),
        ] {
            text[at..at + version.len()].copy_from_slice(version);
        }
        assert_eq!(
            find_windows(&text[..], &[&versions, &SNIFF]).unwrap(),
            [b"\0v1.2\0".to_vec(), b"\0v3.4.5\0".to_vec()]
        );
        // An ELF file gives both kinds, in file order.
        let elf = elf_with(&[(32, &window(1, b"x")), (100, b"\0v7\0")], 1000);
        assert_eq!(
            find_windows(&elf[..], &[&versions, &SNIFF]).unwrap(),
            [window(1, b"x"), b"\0v7\0".to_vec()]
        );
    }
}
