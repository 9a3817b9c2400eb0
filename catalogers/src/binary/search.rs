//! The layer reader's window search (`tallyman-layer`'s `find_windows`)
//! over bytes already in memory: for a file a cataloger's pattern made the
//! layer reader keep whole (so it was not sniffed), and for the tests,
//! which sniff real binaries the way a scan does. Same rules: every
//! aligned occurrence of each magic within its range, in file order; a
//! window the sniff's `length` accepts within its `max_window` and the
//! file; none overlapping an earlier one; at most `max_windows` per sniff.

use regex::bytes::Regex;

use crate::sniff::{Sniff, WindowLength};

/// The windows `sniffs` find in `bytes`, in file order.
pub fn find_windows(bytes: &[u8], sniffs: &[&Sniff]) -> Vec<Vec<u8>> {
    let mut hits: Vec<(usize, usize)> = Vec::new();
    for (index, sniff) in sniffs.iter().enumerate() {
        let Some(finder) = literal(sniff.magic) else {
            continue;
        };
        let mut from = 0;
        while let Some(found) = finder.find_at(bytes, from) {
            let at = found.start();
            from = at + 1;
            if at as u64 >= sniff.within {
                break;
            }
            if at as u64 % sniff.align.max(1) == 0 {
                hits.push((at, index));
            }
        }
    }
    hits.sort_unstable();
    let mut kept = vec![0usize; sniffs.len()];
    let mut windows = Vec::new();
    let mut past = 0;
    for (at, index) in hits {
        let sniff = sniffs[index];
        if at < past || kept[index] >= sniff.max_windows {
            continue;
        }
        let start = &bytes[at..];
        let seen = &start[..start.len().min(sniff.max_window)];
        // All there is to see is seen: undecided means no.
        if let WindowLength::Total(n) = (sniff.length)(seen) {
            if n <= seen.len() {
                windows.push(seen[..n].to_vec());
                past = at + n;
                kept[index] += 1;
            }
        }
    }
    windows
}

/// A finder of `magic` (regex's literal search is memchr's).
fn literal(magic: &[u8]) -> Option<Regex> {
    if magic.is_empty() {
        return None;
    }
    let escaped: String = magic.iter().map(|b| format!(r"\x{b:02x}")).collect();
    Regex::new(&format!("(?-u){escaped}")).ok()
}
