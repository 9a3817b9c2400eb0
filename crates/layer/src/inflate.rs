//! Decompression on a thread of its own, handing whole buffers downstream.
//!
//! A layer's decompression is the longest serial chain of a scan: a big
//! layer's inflate takes most of the wall time while the other core runs out
//! of work. So the decoder runs alone on a thread ([`spawn`]) and fills
//! buffers of [`CHUNK`] bytes; when the diff id is checked, a second thread
//! hashes each buffer and passes it on; the tar walk reads them through
//! [`ChunkReader`]. Buffers are moved, never copied, and come back to the
//! decoder to be filled again; entries the walk skips are seeked past, never
//! copied out (forward seeks only). The decoder also enforces
//! [`crate::Limits::max_layer_size`]: the count of inflated bytes is its own.

use std::io::{self, BufRead, Read, Seek, SeekFrom};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::thread::{Scope, ScopedJoinHandle};

use tallyman_oci::{Digest, Hasher};

/// Bytes per buffer handed downstream.
const CHUNK: usize = 128 * 1024;
/// Buffers in flight on each link (memory: links × `QUEUE` × [`CHUNK`]).
const QUEUE: usize = 4;

/// A filled buffer and how much of it holds data, or the decoder's error.
type Message = io::Result<(Vec<u8>, usize)>;

/// The threads of one layer's decompression.
pub(crate) struct Inflating<'scope> {
    decoder: ScopedJoinHandle<'scope, u64>,
    hasher: Option<ScopedJoinHandle<'scope, Hasher>>,
}

/// What decompression found once its threads are done.
pub(crate) struct Inflated {
    /// Bytes inflated (more than the limit when it stopped there).
    pub count: u64,
    /// The digest of every inflated byte, when asked for.
    pub digest: Option<Digest>,
}

/// Starts `decoder` on a thread of `scope`; the bytes arrive through the
/// returned reader, hashed on the way with a hasher for `diff_id`'s algorithm
/// when given. An inflated stream over `limit` bytes ends in an error.
pub(crate) fn spawn<'scope>(
    scope: &'scope Scope<'scope, '_>,
    mut decoder: impl Read + Send + 'scope,
    limit: u64,
    diff_id: Option<&Digest>,
) -> (ChunkReader, Inflating<'scope>) {
    let (spare_tx, spare_rx) = sync_channel::<Vec<u8>>(2 * QUEUE + 2);
    let (inflated_tx, inflated_rx) = sync_channel::<Message>(QUEUE);
    let decoder = scope.spawn(move || {
        let mut count = 0u64;
        loop {
            let mut buffer = spare_rx.try_recv().unwrap_or_else(|_| vec![0; CHUNK]);
            let (filled, error) = fill(&mut decoder, &mut buffer);
            count += filled as u64;
            let error = error
                .or_else(|| (count > limit).then(|| io::Error::other("layer size limit exceeded")));
            if filled > 0 && inflated_tx.send(Ok((buffer, filled))).is_err() {
                return count; // the reader stopped early
            }
            if let Some(error) = error {
                let _ = inflated_tx.send(Err(error));
                return count;
            }
            if filled < CHUNK {
                return count; // end of stream
            }
        }
    });
    let (hasher, delivered) = match diff_id {
        None => (None, inflated_rx),
        Some(digest) => {
            let (hashed_tx, hashed_rx) = sync_channel::<Message>(QUEUE);
            let mut hasher = digest.hasher();
            let thread = scope.spawn(move || {
                for message in inflated_rx {
                    if let Ok((buffer, len)) = &message {
                        hasher.update(&buffer[..*len]);
                    }
                    if hashed_tx.send(message).is_err() {
                        break;
                    }
                }
                hasher
            });
            (Some(thread), hashed_rx)
        }
    };
    let reader = ChunkReader {
        incoming: delivered,
        spare: spare_tx,
        current: Vec::new(),
        position: 0,
        len: 0,
        before: 0,
        failed: false,
    };
    (reader, Inflating { decoder, hasher })
}

/// Reads into `buffer` until it is full or the stream ends: the bytes read,
/// and the error that stopped it early, if one did.
fn fill(decoder: &mut impl Read, buffer: &mut [u8]) -> (usize, Option<io::Error>) {
    let mut filled = 0;
    while filled < buffer.len() {
        match decoder.read(&mut buffer[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return (filled, Some(e)),
        }
    }
    (filled, None)
}

impl Inflating<'_> {
    /// Waits for the threads (drop the reader first, unless it read to the
    /// end). `None` when one of them panicked.
    pub(crate) fn join(self) -> Option<Inflated> {
        let count = self.decoder.join().ok()?;
        let digest = match self.hasher {
            Some(hasher) => Some(hasher.join().ok()?.finish()),
            None => None,
        };
        Some(Inflated { count, digest })
    }
}

/// The inflated bytes, buffer by buffer, as the tar walk reads them.
pub(crate) struct ChunkReader {
    incoming: Receiver<Message>,
    spare: SyncSender<Vec<u8>>,
    current: Vec<u8>,
    position: usize,
    len: usize,
    /// Bytes in the buffers before `current`.
    before: u64,
    /// An error was returned: nothing after it is data.
    failed: bool,
}

impl BufRead for ChunkReader {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.position == self.len {
            if self.failed {
                return Err(io::Error::other("decompression failed"));
            }
            match self.incoming.recv() {
                Ok(Ok((buffer, len))) => {
                    let used = std::mem::replace(&mut self.current, buffer);
                    if !used.is_empty() {
                        // A full return queue only means one buffer is dropped.
                        let _ = self.spare.try_send(used);
                    }
                    self.before += self.len as u64;
                    self.position = 0;
                    self.len = len;
                }
                Ok(Err(error)) => {
                    self.failed = true;
                    return Err(error);
                }
                // The decoder is done: the end of the stream.
                Err(_) => return Ok(&[]),
            }
        }
        Ok(&self.current[self.position..self.len])
    }

    fn consume(&mut self, amount: usize) {
        self.position = (self.position + amount).min(self.len);
    }
}

/// Forward seeks only (`SeekFrom::Current` of zero or more bytes): the tar
/// reader skips what the walk does not read. A seek past the end of the
/// stream is an error, as reading past it would be.
impl Seek for ChunkReader {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        let SeekFrom::Current(ahead) = to else {
            return Err(io::Error::new(
                io::ErrorKind::Unsupported,
                "an inflated stream is only read forward",
            ));
        };
        let mut ahead = u64::try_from(ahead).map_err(|_| {
            io::Error::new(
                io::ErrorKind::Unsupported,
                "an inflated stream is only read forward",
            )
        })?;
        while ahead > 0 {
            let available = self.fill_buf()?.len();
            if available == 0 {
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "the stream ends inside an entry",
                ));
            }
            let step = usize::try_from(ahead).map_or(available, |a| a.min(available));
            self.consume(step);
            ahead -= step as u64;
        }
        Ok(self.before + self.position as u64)
    }
}

impl Read for ChunkReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Yields `data` in reads of `step` bytes, then `error` if given.
    struct Stepped {
        data: Vec<u8>,
        at: usize,
        step: usize,
        error: bool,
    }

    impl Read for Stepped {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if self.at == self.data.len() {
                return if self.error {
                    Err(io::Error::new(io::ErrorKind::InvalidData, "bad block"))
                } else {
                    Ok(0)
                };
            }
            let n = self.step.min(buf.len()).min(self.data.len() - self.at);
            buf[..n].copy_from_slice(&self.data[self.at..self.at + n]);
            self.at += n;
            Ok(n)
        }
    }

    fn stepped(len: usize, step: usize, error: bool) -> Stepped {
        let data = (0..len).map(|i| (i * 7 % 251) as u8).collect();
        Stepped {
            data,
            at: 0,
            step,
            error,
        }
    }

    fn run(source: Stepped, limit: u64, hash: bool) -> (io::Result<Vec<u8>>, Inflated) {
        let want = Digest::sha256(&source.data);
        std::thread::scope(|scope| {
            let (mut reader, inflating) = spawn(scope, source, limit, hash.then_some(&want));
            let mut out = Vec::new();
            let read = reader.read_to_end(&mut out).map(|_| out);
            drop(reader);
            (read, inflating.join().unwrap())
        })
    }

    #[test]
    fn every_byte_arrives_in_order_and_is_hashed() {
        for (len, step) in [
            (0, 1),
            (1, 1),
            (CHUNK, 4096),
            (CHUNK + 1, 100_000),
            (5 * CHUNK + 17, 333),
        ] {
            let source = stepped(len, step, false);
            let data = source.data.clone();
            let (read, inflated) = run(source, u64::MAX, true);
            assert_eq!(read.unwrap(), data, "len {len}");
            assert_eq!(inflated.count, len as u64);
            assert_eq!(inflated.digest, Some(Digest::sha256(&data)));
        }
    }

    #[test]
    fn a_decoder_error_follows_the_bytes_before_it() {
        let source = stepped(CHUNK + 10, 5000, true);
        let data = source.data.clone();
        std::thread::scope(|scope| {
            let (mut reader, inflating) = spawn(scope, source, u64::MAX, None);
            let mut out = vec![0; data.len()];
            reader.read_exact(&mut out).unwrap();
            assert_eq!(out, data);
            let error = reader.read(&mut [0; 10]).unwrap_err();
            assert_eq!(error.to_string(), "bad block");
            assert!(reader.read(&mut [0; 10]).is_err(), "an error is final");
            drop(reader);
            assert_eq!(inflating.join().unwrap().count, data.len() as u64);
        });
    }

    #[test]
    fn seeks_skip_forward_within_and_across_buffers() {
        let source = stepped(3 * CHUNK, 1000, false);
        let data = source.data.clone();
        std::thread::scope(|scope| {
            let (mut reader, inflating) = spawn(scope, source, u64::MAX, None);
            let mut byte = [0; 1];
            for at in [0, 10, CHUNK - 1, CHUNK, 2 * CHUNK + 5, 3 * CHUNK - 1] {
                let here = reader.stream_position().unwrap();
                let position = reader.seek(SeekFrom::Current((at as u64 - here) as i64));
                assert_eq!(position.unwrap(), at as u64);
                reader.read_exact(&mut byte).unwrap();
                assert_eq!(byte[0], data[at], "at {at}");
            }
            assert!(reader.seek(SeekFrom::Current(-1)).is_err());
            assert!(reader.seek(SeekFrom::Start(0)).is_err());
            let past = reader.seek(SeekFrom::Current(1)).unwrap_err();
            assert_eq!(past.kind(), io::ErrorKind::UnexpectedEof);
            drop(reader);
            inflating.join().unwrap();
        });
    }

    #[test]
    fn the_size_limit_stops_the_decoder() {
        let (read, inflated) = run(stepped(3 * CHUNK, CHUNK, false), CHUNK as u64 + 1, false);
        assert_eq!(read.unwrap_err().to_string(), "layer size limit exceeded");
        assert_eq!(inflated.count, 2 * CHUNK as u64);
    }

    #[test]
    fn a_reader_that_stops_early_stops_the_threads() {
        let source = stepped(40 * CHUNK, CHUNK, false);
        std::thread::scope(|scope| {
            let want = Digest::sha256(b"");
            let (mut reader, inflating) = spawn(scope, source, u64::MAX, Some(&want));
            reader.read_exact(&mut [0; 10]).unwrap();
            drop(reader);
            assert!(inflating.join().unwrap().count < 40 * CHUNK as u64);
        });
    }
}
