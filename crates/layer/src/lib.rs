//! Image layers: read each one once as a stream, keep only what catalogers
//! asked for, then stack them into the view a container would see.
//!
//! - [`Selection`]: which paths to keep (one compiled glob set plus exact
//!   paths), the windows to sniff out of executables and the files to keep
//!   reduced, as the catalogers declared them.
//! - [`LayerContents`]: what one layer holds for us — wanted files, every
//!   link, the whiteouts, and compact fingerprints of every other path
//!   (enough to know what a layer hides below it without keeping its file
//!   tree).
//! - [`read_layer`]: blob bytes → digest checks → gzip/zstd/plain by magic
//!   bytes → tar walk → [`LayerContents`], within [`Limits`]; [`read_rootfs`]
//!   does the same for a root filesystem on disk.
//! - [`LayerCache`]: what each layer held, kept on disk by its digest.
//! - [`Squasher`]: applies layers in order (whiteouts, opaque directories,
//!   replaced paths) to build [`tallyman_catalogers::ImageFiles`].
//!
//! Nothing here knows where a layer's bytes come from (a file, an archive
//! member, a registry): the caller hands over a reader and the digests the
//! bytes must have.

pub mod cache;
mod contents;
mod error;
mod gzip;
mod header_budget;
mod inflate;
mod limits;
pub mod name_text;
mod rootfs;
mod selection;
mod sniff;
mod squash;
mod stream;

pub use cache::LayerCache;
pub use contents::{Item, LayerContents};
pub use error::{Error, Result};
pub use header_budget::{metered, Budget, HeaderTooLarge, MeteredReader};
pub use limits::{Limit, Limits};
pub use rootfs::read_rootfs;
pub use selection::{escape, literal_prefix, Selection};
pub use sniff::find_windows;
pub use squash::Squasher;
pub use stream::{clean_path, read_layer, BlobCheck};
