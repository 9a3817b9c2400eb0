//! Searching executables for the windows catalogers sniff for
//! ([`tallyman_catalogers::Sniff`]) while their bytes stream past: nothing
//! but the window is kept, so a 1 GiB binary costs a 64 KiB read buffer.
//! The magic is found with `memchr::memmem` at offsets aligned as the sniff
//! says, across read boundaries.

use std::io::{self, Read};

use memchr::memmem::Finder;
use tallyman_catalogers::sniff::ELF_MAGIC;
use tallyman_catalogers::{Sniff, WindowLength};

const BLOCK: usize = 64 * 1024;

/// The first window `sniffs` find in an executable read from `reader`;
/// `None` when it is no ELF file or holds none. Reads to the end only while
/// searching.
pub fn find_window(mut reader: impl Read, sniffs: &[Sniff]) -> io::Result<Option<Vec<u8>>> {
    let mut buffer = vec![0u8; BLOCK];
    let mut filled = fill(&mut reader, &mut buffer[..])?;
    if !buffer[..filled].starts_with(ELF_MAGIC) {
        return Ok(None);
    }
    let finders: Vec<Finder<'_>> = sniffs.iter().map(|s| Finder::new(s.magic)).collect();
    let keep = sniffs.iter().map(|s| s.magic.len()).max().unwrap_or(1) - 1;
    // `base`: the file offset of buffer[0].
    let mut base: u64 = 0;
    loop {
        let chunk = &buffer[..filled];
        for (sniff, finder) in sniffs.iter().zip(&finders) {
            if base >= sniff.within {
                continue; // past where this magic counts: not searched
            }
            for at in finder.find_iter(chunk) {
                let offset = base + at as u64;
                if offset % sniff.align != 0 || offset >= sniff.within {
                    continue;
                }
                match take_window(sniff, &chunk[at..], &mut reader)? {
                    Some(window) => return Ok(Some(window)),
                    None => continue,
                }
            }
        }
        if filled < buffer.len() {
            return Ok(None); // the end of the file
        }
        // Keep the tail that could start a magic, then read on.
        let tail = filled.saturating_sub(keep);
        buffer.copy_within(tail..filled, 0);
        base += tail as u64;
        let kept = filled - tail;
        filled = kept + fill(&mut reader, &mut buffer[kept..])?;
        if filled == kept {
            return Ok(None);
        }
    }
}

/// The window starting at `start` (what the buffer holds of it), read on
/// from `reader` as the sniff's length asks; `None` when rejected or over
/// its limit.
fn take_window(sniff: &Sniff, start: &[u8], reader: &mut impl Read) -> io::Result<Option<Vec<u8>>> {
    let mut window = start.to_vec();
    loop {
        match (sniff.length)(&window) {
            WindowLength::Reject => return Ok(None),
            WindowLength::Total(n) if n > sniff.max_window => return Ok(None),
            WindowLength::Total(n) if n <= window.len() => {
                window.truncate(n);
                return Ok(Some(window));
            }
            WindowLength::Total(_) | WindowLength::NeedMore => {
                if window.len() >= sniff.max_window {
                    return Ok(None);
                }
                let want = (sniff.max_window - window.len()).min(BLOCK);
                let before = window.len();
                window.resize(before + want, 0);
                let got = fill(reader, &mut window[before..])?;
                window.truncate(before + got);
                if got == 0 {
                    return Ok(None); // the file ended inside the window
                }
            }
        }
    }
}

/// Reads until `buffer` is full or the input ends; returns the bytes read.
fn fill(reader: &mut impl Read, buffer: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buffer.len() {
        match reader.read(&mut buffer[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
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
    };

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
}
