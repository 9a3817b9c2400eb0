//! What goes wrong reading a layer ([`Error`]): a limit reached, a stream
//! that is truncated or corrupt, bytes that do not have their digest.
//! Each names the layer (or the archive or directory) it is about.

use tallyman_oci::Mismatch;

use crate::limits::Limit;

tallyman_oci::error_enum! {
    /// An error of this crate.
    #[derive(Debug, thiserror::Error)]
    #[non_exhaustive]
    pub enum Error {
        /// A limit that protects the scan was reached.
        #[error("{subject}: {}", exceeded(*limit, *value, name))]
        Limit {
            /// The layer (`layer sha256:…`), archive or directory.
            subject: String,
            limit: Limit,
            value: u64,
            /// How the caller's users name the limit ([`crate::Limits::names`]).
            name: &'static str,
        },
        /// Bytes that do not have the digest they must have.
        #[error("{subject}: {what} {mismatch}")]
        Mismatch {
            subject: String,
            /// `blob` or `uncompressed content (diff id)`.
            what: &'static str,
            mismatch: Mismatch,
        },
        #[error(transparent)]
        Oci(#[from] tallyman_oci::Error),
        #[error(transparent)]
        Io(#[from] std::io::Error),
        /// A path pattern that does not compile.
        #[error(transparent)]
        Pattern(#[from] globset::Error),
    }
}

/// What reaching `limit` means.
fn exceeded(limit: Limit, value: u64, name: &str) -> String {
    match limit {
        Limit::LayerSize => format!(
            "uncompressed size exceeds the {value} byte {name} (a decompression bomb, or raise the limit)"
        ),
        Limit::HeaderSize => format!(
            "an entry's tar headers (PAX records, GNU long names, sparse maps) exceed the {value} byte {name} (a hostile layer, or raise the limit)"
        ),
        Limit::LayerMemory => format!(
            "keeping its files, links and paths takes more than the {value} byte {name} (a hostile layer, or raise the limit)"
        ),
        Limit::FileSize | Limit::ArchiveSize => format!("a file is over the {value} byte {name}"),
    }
}

impl Error {
    /// The limit reached, wherever it is in the chain.
    pub fn limit(&self) -> Option<Limit> {
        match self {
            Error::Limit { limit, .. } => Some(*limit),
            Error::Context { source, .. } => source.limit(),
            _ => None,
        }
    }
}
