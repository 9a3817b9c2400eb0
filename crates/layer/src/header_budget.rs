//! Bounds what the tar reader buffers for one entry's metadata.
//!
//! The `tar` crate reads a PAX extended header, a GNU long name or long link
//! and a GNU sparse map whole into memory before it yields the entry they
//! describe, however large the header claims to be: a layer with an 8 GiB
//! PAX record would cost 8 GiB of RAM. The crate has no limit of its own, so
//! the stream under it is metered here: every byte the tar reader takes
//! between two yielded entries counts against [`Limits::max_header_size`],
//! except the payload of the entry last yielded (file data is streamed, never
//! buffered whole, and is bounded by the layer limit instead). Going over
//! fails the read with [`HeaderTooLarge`].
//!
//! An archive read with seeks (an image tarball being indexed) never reads a
//! payload: every byte read is header, and seeks just move the position.
//!
//! [`Limits::max_header_size`]: crate::layer::Limits::max_header_size

use std::cell::Cell;
use std::io::{self, Read, Seek, SeekFrom};
use std::rc::Rc;

/// The error a metered stream returns once one entry's headers go over budget.
#[derive(Debug)]
pub struct HeaderTooLarge {
    pub limit: u64,
}

impl std::fmt::Display for HeaderTooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "an entry's tar headers (PAX records, GNU long names, sparse maps) exceed {} bytes",
            self.limit
        )
    }
}

impl std::error::Error for HeaderTooLarge {}

#[derive(Clone, Copy, Default)]
struct Meter {
    /// Bytes read so far.
    position: u64,
    /// Reads before this position are the last entry's payload: not metered.
    payload_end: u64,
    /// Metered bytes since the last yielded entry.
    used: u64,
}

/// The reader handed to the tar crate.
pub struct MeteredReader<R> {
    inner: R,
    meter: Rc<Cell<Meter>>,
    limit: u64,
}

/// The walker's side of a [`MeteredReader`]: told of each yielded entry.
pub struct Budget {
    meter: Rc<Cell<Meter>>,
}

/// Wraps `inner` so at most `limit` bytes of headers are read per entry.
pub fn metered<R: Read>(inner: R, limit: u64) -> (MeteredReader<R>, Budget) {
    let meter = Rc::new(Cell::new(Meter::default()));
    let reader = MeteredReader {
        inner,
        meter: Rc::clone(&meter),
        limit,
    };
    (reader, Budget { meter })
}

impl Budget {
    /// Called when the tar reader yields an entry whose payload takes
    /// `payload` bytes of the stream (before padding to 512-byte blocks);
    /// the stream position is then at the payload's start.
    pub fn entry_yielded(&self, payload: u64) {
        let mut meter = self.meter.get();
        meter.payload_end = meter
            .position
            .saturating_add(payload.saturating_add(511) & !511);
        meter.used = 0;
        self.meter.set(meter);
    }
}

impl<R: Read> Read for MeteredReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut meter = self.meter.get();
        let start = meter.position;
        meter.position += n as u64;
        let free = meter.payload_end.clamp(start, meter.position) - start;
        meter.used += n as u64 - free;
        self.meter.set(meter);
        if meter.used > self.limit {
            return Err(io::Error::other(HeaderTooLarge { limit: self.limit }));
        }
        Ok(n)
    }
}

impl<R: Seek> Seek for MeteredReader<R> {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        let position = self.inner.seek(to)?;
        let mut meter = self.meter.get();
        meter.position = position;
        self.meter.set(meter);
        Ok(position)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walk(tar: &[u8], limit: u64) -> io::Result<Vec<(String, Vec<u8>)>> {
        let (reader, budget) = metered(tar, limit);
        let mut archive = tar::Archive::new(reader);
        let mut out = Vec::new();
        for entry in archive.entries()? {
            let mut entry = entry?;
            budget.entry_yielded(entry.size());
            let name = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
            let mut data = Vec::new();
            entry.read_to_end(&mut data)?;
            out.push((name, data));
        }
        Ok(out)
    }

    fn pax_tar(record_len: usize) -> Vec<u8> {
        let mut builder = tar::Builder::new(Vec::new());
        let value = "x".repeat(record_len);
        builder
            .append_pax_extensions([("comment", value.as_bytes())])
            .unwrap();
        let mut header = tar::Header::new_ustar();
        header.set_size(4);
        header.set_mode(0o644);
        builder
            .append_data(&mut header, "etc/a", &b"data"[..])
            .unwrap();
        // Big payloads never count: 3 MiB of file data under a 64 KiB budget.
        let mut header = tar::Header::new_ustar();
        header.set_size(3 << 20);
        builder
            .append_data(&mut header, "big", io::repeat(7).take(3 << 20))
            .unwrap();
        builder.into_inner().unwrap()
    }

    #[test]
    fn payloads_are_free_headers_are_metered() {
        let entries = walk(&pax_tar(1000), 64 << 10).unwrap();
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0], ("etc/a".to_owned(), b"data".to_vec()));
        assert_eq!(entries[1].1.len(), 3 << 20);

        let error = walk(&pax_tar(100 << 10), 64 << 10).unwrap_err();
        let inner = error.get_ref().unwrap();
        assert_eq!(
            inner.to_string(),
            "an entry's tar headers (PAX records, GNU long names, sparse maps) exceed 65536 bytes"
        );
    }

    #[test]
    fn skipped_payloads_are_free_too() {
        let tar = pax_tar(10);
        let (reader, budget) = metered(&tar[..], 4096);
        let mut archive = tar::Archive::new(reader);
        let mut count = 0;
        for entry in archive.entries().unwrap() {
            budget.entry_yielded(entry.unwrap().size());
            count += 1;
        }
        assert_eq!(count, 2);
    }

    #[test]
    fn long_gnu_names_are_metered() {
        let mut builder = tar::Builder::new(Vec::new());
        let mut header = tar::Header::new_gnu();
        header.set_size(1);
        let name = format!("{}/file", "d".repeat(20_000));
        builder.append_data(&mut header, &name, &b"z"[..]).unwrap();
        let tar = builder.into_inner().unwrap();
        assert_eq!(walk(&tar, 64 << 10).unwrap()[0].0, name);
        assert!(walk(&tar, 8 << 10).is_err());
    }
}
