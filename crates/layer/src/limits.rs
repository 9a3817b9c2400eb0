//! The size limits that protect a scan from hostile or broken layers
//! ([`Limits`]), and how messages name each one ([`Limit`]).
//!
//! A library has no flags: a message says "the 1024 byte file size limit"
//! unless the caller says how its users set that limit ([`Limits::names`]);
//! the command line names them by their flags (`--max-file-size`).

use tallyman_catalogers::Reduction;

/// One of the limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Limit {
    /// Largest wanted file kept in memory.
    FileSize,
    /// Largest file read whole to be reduced (a Java archive).
    ArchiveSize,
    /// Largest uncompressed layer.
    LayerSize,
    /// Most tar header bytes (PAX records, GNU long names) of one entry.
    HeaderSize,
    /// Most memory one layer's kept files, links and paths may take.
    LayerMemory,
}

impl Limit {
    /// How a message names the limit when the caller does not say.
    pub fn default_name(self) -> &'static str {
        match self {
            Limit::FileSize => "file size limit",
            Limit::ArchiveSize => "archive size limit",
            Limit::LayerSize => "layer size limit",
            Limit::HeaderSize => "header size limit",
            Limit::LayerMemory => "layer memory limit",
        }
    }
}

/// Size limits of layer reading.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest wanted file kept in memory; bigger ones are skipped with a warning.
    pub max_file_size: u64,
    /// Largest file read whole to be reduced (a Java archive, whose zip
    /// directory is at its end); bigger ones are skipped with a warning.
    pub max_archive_size: u64,
    /// Largest uncompressed layer read; beyond it the scan fails.
    pub max_layer_size: u64,
    /// Most header bytes (PAX records, GNU long names, sparse maps) read for
    /// one tar entry; beyond it the scan fails.
    pub max_header_size: u64,
    /// Most memory kept for one layer ([`crate::LayerContents::memory`]:
    /// wanted files, links, path fingerprints); beyond it the scan fails.
    pub max_layer_memory: u64,
    /// How warnings and errors name each limit (default:
    /// [`Limit::default_name`]): as the caller's users set it.
    pub names: fn(Limit) -> &'static str,
}

impl Limits {
    /// The value of one limit.
    pub fn value(&self, limit: Limit) -> u64 {
        match limit {
            Limit::FileSize => self.max_file_size,
            Limit::ArchiveSize => self.max_archive_size,
            Limit::LayerSize => self.max_layer_size,
            Limit::HeaderSize => self.max_header_size,
            Limit::LayerMemory => self.max_layer_memory,
        }
    }

    /// How messages name one limit.
    pub fn name(&self, limit: Limit) -> &'static str {
        (self.names)(limit)
    }

    /// The limit that bounds a wanted file: the archive size for a file
    /// kept reduced, else the file size.
    pub fn for_kept_file(reduction: Option<&Reduction>) -> Limit {
        match reduction {
            Some(_) => Limit::ArchiveSize,
            None => Limit::FileSize,
        }
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_size: 64 << 20,
            max_archive_size: 256 << 20,
            max_layer_size: 64 << 30,
            max_header_size: 1 << 20,
            max_layer_memory: 1 << 30,
            names: Limit::default_name,
        }
    }
}
