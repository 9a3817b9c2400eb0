//! A layer's inflated bytes as the tar walk reads them, buffer by buffer.
//!
//! When the diff id is checked, the decoder runs alone on a thread
//! ([`spawn`]): a big layer's inflate is the longest serial chain of a
//! scan, and the SHA-256 of its output takes a core of its own; the decoder
//! fills buffers of [`CHUNK`] bytes, a second thread hashes each and passes
//! it on, and the buffers are moved, never copied, and come back to the
//! decoder to be refilled. When nothing else is done with the bytes, the
//! decoder runs on the walk's own thread ([`inline`]): handing them to
//! another core would cost more than it saves (measured: +4% CPU). Either
//! way the walk reads through one [`ChunkReader`] and seeks past what it
//! skips (forward only), so skipped entries are never copied out, and the
//! count of inflated bytes is checked against
//! [`crate::Limits::max_layer_size`].

use std::io::{self, BufRead, Read, Seek, SeekFrom};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::thread::{Scope, ScopedJoinHandle};

use tallyman_oci::{Digest, Hasher};

/// Bytes per buffer.
const CHUNK: usize = 128 * 1024;
/// Buffers in flight on each link between threads (memory: links ×
/// `QUEUE` × [`CHUNK`]).
const QUEUE: usize = 4;

/// A filled buffer and how much of it holds data, or the decoder's error.
type Message = io::Result<(Vec<u8>, usize)>;

/// The threads of one layer's decompression.
pub(crate) struct Inflating<'scope> {
    decoder: ScopedJoinHandle<'scope, u64>,
    hasher: ScopedJoinHandle<'scope, Hasher>,
}

/// What decompression found once it is done.
pub(crate) struct Inflated {
    /// Bytes inflated (more than the limit when it stopped there).
    pub count: u64,
    /// The digest of every inflated byte, when it was hashed.
    pub digest: Option<Digest>,
}

fn over_limit() -> io::Error {
    io::Error::other("layer size limit exceeded")
}

/// Starts `decoder` on a thread of `scope` and a hasher for `diff_id`'s
/// algorithm on another; the bytes arrive through the returned reader. An
/// inflated stream over `limit` bytes ends in an error.
pub(crate) fn spawn<'scope>(
    scope: &'scope Scope<'scope, '_>,
    mut decoder: impl Read + Send + 'scope,
    limit: u64,
    diff_id: &Digest,
) -> (ChunkReader<'scope>, Inflating<'scope>) {
    let (spare_tx, spare_rx) = sync_channel::<Vec<u8>>(2 * QUEUE + 2);
    let (inflated_tx, inflated_rx) = sync_channel::<Message>(QUEUE);
    let decoder = scope.spawn(move || {
        let mut count = 0u64;
        loop {
            let mut buffer = spare_rx.try_recv().unwrap_or_else(|_| vec![0; CHUNK]);
            let (filled, error) = fill(&mut decoder, &mut buffer);
            count += filled as u64;
            let error = error.or_else(|| (count > limit).then(over_limit));
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
    let (hashed_tx, hashed_rx) = sync_channel::<Message>(QUEUE);
    let mut hasher = diff_id.hasher();
    let hasher = scope.spawn(move || {
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
    let reader = ChunkReader::new(Source::Threaded {
        incoming: hashed_rx,
        spare: spare_tx,
    });
    (reader, Inflating { decoder, hasher })
}

/// Reads `decoder` on the caller's thread. An inflated stream over `limit`
/// bytes ends in an error.
pub(crate) fn inline<'a>(decoder: impl Read + Send + 'a, limit: u64) -> ChunkReader<'a> {
    ChunkReader::new(Source::Inline {
        decoder: Box::new(decoder),
        limit,
        pending: None,
    })
}

/// Reads into `buffer` until it is full or the stream ends: the bytes read,
/// and the error that stopped it early, if one did.
pub(crate) fn fill(decoder: &mut impl Read, buffer: &mut [u8]) -> (usize, Option<io::Error>) {
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
        let digest = self.hasher.join().ok()?.finish();
        Some(Inflated {
            count,
            digest: Some(digest),
        })
    }
}

/// Where a [`ChunkReader`]'s buffers come from.
enum Source<'a> {
    /// Filled on the decoder's thread, hashed on the way.
    Threaded {
        incoming: Receiver<Message>,
        spare: SyncSender<Vec<u8>>,
    },
    /// Filled here, from the decoder.
    Inline {
        decoder: Box<dyn Read + Send + 'a>,
        limit: u64,
        /// An error that came after bytes still to be read.
        pending: Option<io::Error>,
    },
}

/// The inflated bytes, buffer by buffer, as the tar walk reads them.
pub(crate) struct ChunkReader<'a> {
    source: Source<'a>,
    current: Vec<u8>,
    position: usize,
    len: usize,
    /// Bytes in the buffers before `current`.
    before: u64,
    /// An error was returned: nothing after it is data.
    failed: bool,
}

impl<'a> ChunkReader<'a> {
    fn new(source: Source<'a>) -> Self {
        ChunkReader {
            source,
            current: Vec::new(),
            position: 0,
            len: 0,
            before: 0,
            failed: false,
        }
    }

    /// What an [`inline`] reader inflated: every byte its buffers received
    /// (a threaded reader's decoder may have gone further: see
    /// [`Inflating::join`]).
    pub(crate) fn inflated(&self) -> Inflated {
        Inflated {
            count: self.before + self.len as u64,
            digest: None,
        }
    }

    /// Makes the next buffer current; `Ok(false)` at the end of the stream.
    fn next_buffer(&mut self) -> io::Result<bool> {
        self.before += self.len as u64;
        self.position = 0;
        self.len = 0;
        match &mut self.source {
            Source::Threaded { incoming, spare } => match incoming.recv() {
                Ok(Ok((buffer, len))) => {
                    let used = std::mem::replace(&mut self.current, buffer);
                    if !used.is_empty() {
                        // A full return queue only means one buffer is dropped.
                        let _ = spare.try_send(used);
                    }
                    self.len = len;
                    Ok(true)
                }
                Ok(Err(error)) => Err(error),
                // The decoder is done: the end of the stream.
                Err(_) => Ok(false),
            },
            Source::Inline {
                decoder,
                limit,
                pending,
            } => {
                if let Some(error) = pending.take() {
                    return Err(error);
                }
                if self.current.is_empty() {
                    self.current = vec![0; CHUNK];
                }
                let (filled, error) = fill(decoder, &mut self.current);
                self.len = filled;
                let count = self.before + filled as u64;
                let error = error.or_else(|| (count > *limit).then(over_limit));
                match error {
                    Some(error) if filled == 0 => Err(error),
                    Some(error) => {
                        *pending = Some(error);
                        Ok(true)
                    }
                    None => Ok(filled > 0),
                }
            }
        }
    }
}

impl BufRead for ChunkReader<'_> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.position == self.len {
            if self.failed {
                return Err(io::Error::other("decompression failed"));
            }
            if let Err(error) = self.next_buffer() {
                self.failed = true;
                return Err(error);
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
impl Seek for ChunkReader<'_> {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        let backwards = || {
            io::Error::new(
                io::ErrorKind::Unsupported,
                "an inflated stream is only read forward",
            )
        };
        let SeekFrom::Current(ahead) = to else {
            return Err(backwards());
        };
        let mut ahead = u64::try_from(ahead).map_err(|_| backwards())?;
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

impl Read for ChunkReader<'_> {
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

    /// Runs `check` on a reader of `source`, threaded (hashing) and inline;
    /// returns what each inflated.
    fn both(
        make: impl Fn() -> Stepped,
        limit: u64,
        check: impl Fn(&mut ChunkReader<'_>, &[u8]),
    ) -> [Inflated; 2] {
        let source = make();
        let data = source.data.clone();
        let threaded = std::thread::scope(|scope| {
            let (mut reader, inflating) =
                spawn(scope, source, limit, &Digest::sha256(b"any sha256"));
            check(&mut reader, &data);
            drop(reader);
            inflating.join().unwrap()
        });
        let mut reader = inline(make(), limit);
        check(&mut reader, &data);
        [threaded, reader.inflated()]
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
            let [threaded, inline] = both(
                || stepped(len, step, false),
                u64::MAX,
                |reader, data| {
                    let mut out = Vec::new();
                    reader.read_to_end(&mut out).unwrap();
                    assert_eq!(out, data, "len {len}");
                },
            );
            let data = stepped(len, step, false).data;
            assert_eq!(threaded.count, len as u64);
            assert_eq!(threaded.digest, Some(Digest::sha256(&data)));
            assert_eq!(inline.count, len as u64);
            assert_eq!(inline.digest, None);
        }
    }

    #[test]
    fn a_decoder_error_follows_the_bytes_before_it() {
        let counts = both(
            || stepped(CHUNK + 10, 5000, true),
            u64::MAX,
            |reader, data| {
                let mut out = vec![0; data.len()];
                reader.read_exact(&mut out).unwrap();
                assert_eq!(out, data);
                let error = reader.read(&mut [0; 10]).unwrap_err();
                assert_eq!(error.to_string(), "bad block");
                assert!(reader.read(&mut [0; 10]).is_err(), "an error is final");
            },
        );
        assert!(counts.iter().all(|c| c.count == CHUNK as u64 + 10));
    }

    #[test]
    fn seeks_skip_forward_within_and_across_buffers() {
        both(
            || stepped(3 * CHUNK, 1000, false),
            u64::MAX,
            |reader, data| {
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
            },
        );
    }

    #[test]
    fn the_size_limit_stops_the_decoder() {
        let counts = both(
            || stepped(3 * CHUNK, CHUNK, false),
            CHUNK as u64 + 1,
            |reader, _| {
                let error = reader.read_to_end(&mut Vec::new()).unwrap_err();
                assert_eq!(error.to_string(), "layer size limit exceeded");
            },
        );
        assert!(counts.iter().all(|c| c.count == 2 * CHUNK as u64));
    }

    #[test]
    fn a_reader_that_stops_early_stops_the_threads() {
        let [threaded, _] = both(
            || stepped(40 * CHUNK, CHUNK, false),
            u64::MAX,
            |reader, _| reader.read_exact(&mut [0; 10]).unwrap(),
        );
        assert!(threaded.count < 40 * CHUNK as u64);
    }
}
