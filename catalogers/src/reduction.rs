//! Files a cataloger wants kept reduced rather than whole: the layer reader
//! reads such a file (bounded by the archive size limit instead of the file
//! size limit), hands its bytes to the [`Reduction`], and keeps only what
//! that returns. A Java archive's zip directory is at its end, so the
//! archive must be read whole, but the cataloger needs only its metadata:
//! a layer of jars then costs their metadata in memory, not their bytes.

/// A reduction a cataloger declares ([`crate::Cataloger::reductions`]).
#[derive(Debug, Clone, Copy)]
pub struct Reduction {
    /// Names the reduction in cache keys.
    pub name: &'static str,
    /// Whether the wanted file at this path is reduced.
    pub applies: fn(&str) -> bool,
    /// What to keep of the file's bytes.
    pub reduce: fn(&[u8]) -> Vec<u8>,
}
