//! What a scan reports while it runs, for a person watching a terminal: the
//! layers to read and their size, bytes read as they stream, layers done and
//! packages found. The library only calls these; the command line draws them.

/// Receives a scan's progress; every method has a do-nothing default.
pub trait Progress: Send + Sync {
    /// The layers about to be read: how many, and their stored size in all
    /// (0 when unknown, as for a `dir:` source).
    fn start(&self, _layers: usize, _bytes: u64) {}
    /// `n` more stored bytes of some layer were read.
    fn bytes(&self, _n: u64) {}
    /// One more layer was read (or taken from the layer cache).
    fn layer_done(&self) {}
    /// Cataloging ended with `count` packages.
    fn packages(&self, _count: usize) {}
}

/// Reports nothing.
pub struct Silent;

impl Progress for Silent {}

/// Counts the bytes read through it for a [`Progress`].
pub struct Counted<'a, R> {
    pub inner: R,
    pub progress: &'a dyn Progress,
}

impl<R: std::io::Read> std::io::Read for Counted<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.progress.bytes(n as u64);
        Ok(n)
    }
}
