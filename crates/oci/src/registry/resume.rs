//! A blob download that survives a dropped connection. When the body ends
//! before its `Content-Length`, or the connection breaks, the rest is asked
//! for with `Range: bytes=<received>-` (as containerd does) and the stream
//! goes on where it stopped, so the digest computed over it by the reader is
//! the digest of the whole blob. A registry that ignores the range (200
//! instead of 206) is read past what was already received. After
//! [`RESUMES`] resumed requests the read fails with what happened — a
//! truncated transfer, not a digest mismatch.

use std::io::{self, Read};
use std::sync::Arc;
use std::time::Duration;

use super::client::Client;

/// Resumed requests one blob may take.
pub const RESUMES: u32 = 5;

/// The body of a blob GET, resumed with range requests when cut short.
pub struct Resuming {
    client: Arc<Client>,
    /// The blob's API path (`blobs/sha256:…`) and its name in messages.
    path: String,
    what: String,
    body: Box<dyn Read + Send>,
    /// Bytes delivered so far.
    received: u64,
    /// The whole blob's length, when the registry said it.
    total: Option<u64>,
    resumes: u32,
}

impl Resuming {
    pub fn new(
        client: Arc<Client>,
        path: String,
        what: String,
        response: ureq::http::Response<ureq::Body>,
    ) -> Resuming {
        let total = content_length(&response);
        Resuming {
            client,
            path,
            what,
            body: Box::new(response.into_body().into_reader()),
            received: 0,
            total,
            resumes: 0,
        }
    }

    /// Asks for the rest after `problem` cut the transfer.
    fn resume(&mut self, problem: String) -> io::Result<()> {
        if self.resumes == RESUMES {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                format!(
                    "{}: {problem}; gave up after {RESUMES} resumed requests",
                    self.what
                ),
            ));
        }
        self.resumes += 1;
        std::thread::sleep(Duration::from_millis(100) * self.resumes);
        let response = self
            .client
            .get_range(&self.path, self.received)
            .map_err(|e| io::Error::other(format!("{}: {problem}; resuming: {e}", self.what)))?;
        let status = response.status().as_u16();
        let skip = match status {
            206 => {
                let starts = response
                    .headers()
                    .get("content-range")
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.strip_prefix("bytes "))
                    .and_then(|v| v.split('-').next())
                    .and_then(|v| v.parse::<u64>().ok());
                if starts != Some(self.received) {
                    return Err(io::Error::other(format!(
                        "{}: {problem}; the registry resumed at another offset than {}",
                        self.what, self.received
                    )));
                }
                0
            }
            200 => self.received, // the range was ignored: skip what we have
            // Nothing from there on (a break right after the last byte of a
            // blob of unknown length): the end; the digest says if it was.
            416 if self.total.is_none() => {
                self.body = Box::new(io::empty());
                return Ok(());
            }
            _ => {
                return Err(io::Error::other(format!(
                    "{}: {problem}; resuming: HTTP {status}",
                    self.what
                )))
            }
        };
        self.body = Box::new(response.into_body().into_reader());
        let skipped = io::copy(&mut (&mut self.body).take(skip), &mut io::sink())?;
        if skipped < skip {
            return self.resume(format!("{problem}, then again while skipping"));
        }
        Ok(())
    }
}

fn content_length(response: &ureq::http::Response<ureq::Body>) -> Option<u64> {
    response
        .headers()
        .get("content-length")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
}

impl Read for Resuming {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        loop {
            let problem = match self.body.read(buf) {
                Ok(0) => match self.total {
                    Some(total) if self.received < total => format!(
                        "the connection closed after {} of {total} bytes",
                        self.received
                    ),
                    _ => return Ok(0),
                },
                Ok(n) => {
                    self.received += n as u64;
                    return Ok(n);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => match self.total {
                    Some(total) => format!(
                        "the transfer broke after {} of {total} bytes ({e})",
                        self.received
                    ),
                    None => format!("the transfer broke after {} bytes ({e})", self.received),
                },
            };
            self.resume(problem)?;
        }
    }
}
