//! Image layers: read each one once as a stream, keep only what catalogers
//! asked for, then stack them into the view a container would see.
//!
//! - [`selection`]: which paths to keep (one compiled glob set plus exact paths).
//! - [`contents`]: what one layer holds for us — wanted files, every link, the
//!   whiteouts, and compact fingerprints of every other path (enough to know
//!   what a layer hides below it without keeping its file tree).
//! - [`stream`]: blob bytes → digest check → gzip/zstd/plain by magic bytes →
//!   tar walk → [`LayerContents`]; [`header_budget`] bounds the tar headers
//!   buffered for one entry; [`name_text`] turns entry names into text one
//!   to one, whatever their bytes.
//! - [`sniff`]: the windows catalogers want out of executables (Go's build
//!   information), found as the bytes stream past.
//! - [`cache`]: what each layer held, kept on disk by its digest.
//! - [`squash`]: applies layers in order (whiteouts, opaque directories,
//!   replaced paths) to build [`tallyman_catalogers::ImageFiles`].

pub mod cache;
pub mod contents;
mod gzip;
pub(crate) mod header_budget;
pub mod name_text;
pub mod selection;
pub mod sniff;
pub mod squash;
pub mod stream;

pub use cache::LayerCache;
pub use contents::{Item, LayerContents};
pub use selection::Selection;
pub use squash::Squasher;
pub use stream::{read_layer, BlobCheck, Limits};
