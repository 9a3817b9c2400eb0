//! An RPM header as the database stores it: a count of index entries and
//! the data length (both big-endian), the 16-byte index entries (tag,
//! type, offset, count), then the data. Every entry is checked against the
//! blob before it is read: its type known, its offset aligned and inside the
//! data, its elements inside the data (a string array's `count` strings each
//! end with a NUL before the data ends).
//!
//! Region tags (a header's immutable region, and entries appended after it
//! by rpm itself, the "dribble") are not verified as rpm does: entries are
//! read in order, a later entry for a tag replacing an earlier one, which is
//! what the dribble means.

use std::collections::HashMap;

/// Tags this cataloger reads (rpm's `rpmtag.h`).
pub mod tag {
    pub const NAME: i32 = 1000;
    pub const VERSION: i32 = 1001;
    pub const RELEASE: i32 = 1002;
    pub const EPOCH: i32 = 1003;
    pub const SUMMARY: i32 = 1004;
    pub const SIZE: i32 = 1009;
    pub const VENDOR: i32 = 1011;
    pub const LICENSE: i32 = 1014;
    pub const PACKAGER: i32 = 1015;
    pub const URL: i32 = 1020;
    pub const ARCH: i32 = 1022;
    pub const OLDFILENAMES: i32 = 1027;
    pub const FILEDIGESTS: i32 = 1035;
    pub const FILEFLAGS: i32 = 1037;
    pub const SOURCERPM: i32 = 1044;
    pub const PROVIDENAME: i32 = 1047;
    pub const REQUIRENAME: i32 = 1049;
    pub const DIRINDEXES: i32 = 1116;
    pub const BASENAMES: i32 = 1117;
    pub const DIRNAMES: i32 = 1118;
    pub const LONGSIZE: i32 = 5009;
    pub const FILEDIGESTALGO: i32 = 5011;
    pub const MODULARITYLABEL: i32 = 5096;
}

/// The most index entries a header may declare (rpm's own limit is
/// 0x00ffffff; real headers hold a few hundred).
const MAX_ENTRIES: usize = 1 << 16;
/// Region tags (`HEADERIMAGE`, `HEADERSIGNATURES`, `HEADERIMMUTABLE`) and the
/// i18n table: structure, not data.
const FIRST_DATA_TAG: i32 = 100;

#[derive(Debug, Clone, Copy)]
struct Entry {
    kind: u32,
    offset: usize,
    count: usize,
}

/// A parsed header: the blob and its checked index.
#[derive(Debug)]
pub struct Header<'a> {
    data: &'a [u8],
    entries: HashMap<i32, Entry>,
}

fn be32(bytes: &[u8], at: usize) -> Option<u32> {
    let b = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
}

impl<'a> Header<'a> {
    /// Parses `blob`; the error says what is wrong with it.
    pub fn parse(blob: &'a [u8]) -> Result<Header<'a>, &'static str> {
        let count = be32(blob, 0).ok_or("shorter than its 8-byte preamble")? as usize;
        let length = be32(blob, 4).ok_or("shorter than its 8-byte preamble")? as usize;
        if count == 0 || count > MAX_ENTRIES {
            return Err("an impossible number of index entries");
        }
        let start = 8 + count * 16;
        let data = start
            .checked_add(length)
            .and_then(|end| blob.get(start..end))
            .ok_or("its index or data runs past its end")?;
        let mut entries = HashMap::new();
        for i in 0..count {
            let at = 8 + i * 16;
            let field = |n: usize| be32(blob, at + 4 * n).unwrap_or(0);
            let (tag, kind, offset, elements) = (field(0) as i32, field(1), field(2), field(3));
            if tag < FIRST_DATA_TAG {
                continue;
            }
            let entry = Entry {
                kind,
                offset: offset as usize,
                count: elements as usize,
            };
            check(data, entry)?;
            entries.insert(tag, entry);
        }
        Ok(Header { data, entries })
    }

    /// A `STRING` (or the first of an `I18NSTRING` / `STRING_ARRAY`).
    pub fn string(&self, tag: i32) -> Option<&'a str> {
        self.strings(tag).and_then(|mut s| s.next())
    }

    /// The strings of a string-typed entry.
    pub fn strings(&self, tag: i32) -> Option<impl Iterator<Item = &'a str> + 'a> {
        let entry = *self.entries.get(&tag)?;
        if !matches!(entry.kind, STRING | STRING_ARRAY | I18NSTRING) {
            return None;
        }
        let count = if entry.kind == STRING { 1 } else { entry.count };
        let data: &'a [u8] = self.data;
        Some(
            data[entry.offset..]
                .split(|b| *b == 0)
                .take(count)
                .map(|s| std::str::from_utf8(s).unwrap_or_default()),
        )
    }

    /// The numbers of an `INT8`/`INT16`/`INT32`/`INT64` entry, widened.
    pub fn numbers(&self, tag: i32) -> Option<Vec<u64>> {
        let entry = *self.entries.get(&tag)?;
        // Not NULL (no width), CHAR or BIN.
        let width = width(entry.kind).filter(|_| (INT8..=INT64).contains(&entry.kind))?;
        let bytes = &self.data[entry.offset..entry.offset + width * entry.count];
        Some(
            bytes
                .chunks_exact(width)
                .map(|c| c.iter().fold(0u64, |n, b| (n << 8) | u64::from(*b)))
                .collect(),
        )
    }

    /// The first number of a numeric entry.
    pub fn number(&self, tag: i32) -> Option<u64> {
        self.numbers(tag)?.first().copied()
    }
}

const NULL: u32 = 0;
const CHAR: u32 = 1;
const INT8: u32 = 2;
const INT16: u32 = 3;
const INT32: u32 = 4;
const INT64: u32 = 5;
const STRING: u32 = 6;
const BIN: u32 = 7;
const STRING_ARRAY: u32 = 8;
const I18NSTRING: u32 = 9;

/// Bytes per element of a fixed-width type.
fn width(kind: u32) -> Option<usize> {
    match kind {
        NULL => Some(0),
        CHAR | INT8 | BIN => Some(1),
        INT16 => Some(2),
        INT32 => Some(4),
        INT64 => Some(8),
        _ => None,
    }
}

/// Whether `entry`'s elements lie inside `data`.
fn check(data: &[u8], entry: Entry) -> Result<(), &'static str> {
    if entry.offset > data.len() {
        return Err("an entry's offset is past the data");
    }
    match entry.kind {
        STRING | STRING_ARRAY | I18NSTRING => {
            let count = if entry.kind == STRING { 1 } else { entry.count };
            let nuls = data[entry.offset..].iter().filter(|b| **b == 0).take(count);
            if nuls.count() < count {
                return Err("a string entry runs past the data");
            }
        }
        kind => {
            let width = width(kind).ok_or("an entry of an unknown type")?;
            if width > 1 && entry.offset % width != 0 {
                return Err("a misaligned numeric entry");
            }
            let end = width
                .checked_mul(entry.count)
                .and_then(|n| n.checked_add(entry.offset));
            if end.is_none_or(|end| end > data.len()) {
                return Err("a numeric entry runs past the data");
            }
        }
    }
    Ok(())
}

#[cfg(test)]
pub mod build {
    //! Writes headers for tests (and the fuzz corpus): entries in order.

    /// A tag's value.
    pub enum Value<'a> {
        Str(&'a str),
        Strs(&'a [&'a str]),
        Int32(&'a [u32]),
    }

    /// A header blob holding `entries`.
    pub fn header(entries: &[(i32, Value<'_>)]) -> Vec<u8> {
        let mut index = Vec::new();
        let mut data: Vec<u8> = Vec::new();
        for (tag, value) in entries {
            let (kind, count) = match value {
                Value::Str(_) => (6u32, 1u32),
                Value::Strs(s) => (8, s.len() as u32),
                Value::Int32(n) => {
                    while data.len() % 4 != 0 {
                        data.push(0);
                    }
                    (4, n.len() as u32)
                }
            };
            let offset = data.len() as u32;
            match value {
                Value::Str(s) => {
                    data.extend_from_slice(s.as_bytes());
                    data.push(0);
                }
                Value::Strs(list) => {
                    for s in *list {
                        data.extend_from_slice(s.as_bytes());
                        data.push(0);
                    }
                }
                Value::Int32(list) => {
                    for n in *list {
                        data.extend_from_slice(&n.to_be_bytes());
                    }
                }
            }
            for field in [*tag as u32, kind, offset, count] {
                index.extend_from_slice(&field.to_be_bytes());
            }
        }
        let mut blob = (entries.len() as u32).to_be_bytes().to_vec();
        blob.extend_from_slice(&(data.len() as u32).to_be_bytes());
        blob.extend_from_slice(&index);
        blob.extend_from_slice(&data);
        blob
    }
}

#[cfg(test)]
mod tests {
    use super::build::{header, Value};
    use super::*;

    #[test]
    fn strings_and_numbers() {
        let blob = header(&[
            (tag::NAME, Value::Str("bash")),
            (tag::BASENAMES, Value::Strs(&["bash", "sh"])),
            (tag::SIZE, Value::Int32(&[7_000_000])),
        ]);
        let h = Header::parse(&blob).unwrap();
        assert_eq!(h.string(tag::NAME), Some("bash"));
        assert_eq!(
            h.strings(tag::BASENAMES).unwrap().collect::<Vec<_>>(),
            ["bash", "sh"]
        );
        assert_eq!(h.number(tag::SIZE), Some(7_000_000));
        assert_eq!(h.string(tag::SIZE), None);
        assert_eq!(h.number(tag::NAME), None);
        assert_eq!(h.string(tag::VERSION), None);
    }

    #[test]
    fn entries_outside_the_blob_are_refused() {
        let good = header(&[(tag::NAME, Value::Str("bash"))]);
        for cut in 0..good.len() {
            assert!(Header::parse(&good[..cut]).is_err(), "cut at {cut}");
        }
        // A string array claiming more strings than the data holds.
        let mut lying = header(&[(tag::BASENAMES, Value::Strs(&["a", "b"]))]);
        lying[8 + 15] = 3;
        assert_eq!(
            Header::parse(&lying).unwrap_err(),
            "a string entry runs past the data"
        );
        // An int32 array whose count overflows.
        let mut huge = header(&[(tag::SIZE, Value::Int32(&[1]))]);
        huge[8 + 12..8 + 16].copy_from_slice(&u32::MAX.to_be_bytes());
        assert!(Header::parse(&huge).is_err());
        // A NULL-typed entry has no numbers (found by fuzzing: a width of
        // zero once made a chunked read panic).
        let mut null = header(&[(tag::SIZE, Value::Int32(&[1]))]);
        null[8 + 7] = 0;
        assert_eq!(Header::parse(&null).unwrap().numbers(tag::SIZE), None);
        // An unknown type.
        let mut odd = header(&[(tag::NAME, Value::Str("x"))]);
        odd[8 + 7] = 42;
        assert!(Header::parse(&odd).is_err());
        assert!(Header::parse(&[0, 1, 0, 0, 0, 0, 0, 0]).is_err());
    }
}
