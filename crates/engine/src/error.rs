//! What goes wrong in a scan, a copy or an attestation workflow
//! ([`Error`]): the errors of the crates below, carried as they are (so a
//! caller can still tell a registry's 404 from a layer limit), and the
//! engine's own.

tallyman_oci::error_enum! {
    /// An error of this crate.
    #[derive(Debug, thiserror::Error)]
    #[non_exhaustive]
    pub enum Error {
        #[error(transparent)]
        Oci(#[from] tallyman_oci::Error),
        #[error(transparent)]
        Layer(#[from] tallyman_layer::Error),
        #[error(transparent)]
        Sbom(#[from] tallyman_sbom::Error),
        #[error(transparent)]
        Attest(#[from] tallyman_attest::Error),
        #[error(transparent)]
        Io(#[from] std::io::Error),
        #[error(transparent)]
        Json(#[from] serde_json::Error),
    }
}

impl From<tallyman_oci::DigestError> for Error {
    fn from(error: tallyman_oci::DigestError) -> Error {
        Error::Oci(error.into())
    }
}

impl From<tallyman_oci::atomic_file::WriteError> for Error {
    fn from(error: tallyman_oci::atomic_file::WriteError) -> Error {
        Error::Oci(error.into())
    }
}

impl From<tallyman_oci::Mismatch> for Error {
    fn from(error: tallyman_oci::Mismatch) -> Error {
        Error::Oci(error.into())
    }
}
