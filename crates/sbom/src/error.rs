//! What goes wrong writing a document or reading one back ([`Error`]).

tallyman_oci::error_enum! {
    /// An error of this crate.
    #[derive(Debug, thiserror::Error)]
    #[non_exhaustive]
    pub enum Error {
        /// A tallyman json document of several platform images (`--platform
        /// all`) where one image's document is needed.
        #[error("a tallyman json document of {count} platform images; one platform's is needed")]
        PlatformImages { count: usize },
        #[error(transparent)]
        Json(#[from] serde_json::Error),
        #[error(transparent)]
        Io(#[from] std::io::Error),
    }
}
