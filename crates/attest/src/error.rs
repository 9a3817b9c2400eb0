//! What goes wrong signing and verifying ([`Error`]). A verification that
//! fails says which check failed (the signature, the subject's digest, the
//! predicate type, the certificate's identity, the log entry), naming the
//! attestation's place; the variants a program words in its own terms
//! ([`Error::UnknownPredicateType`], [`Error::SignedWithKey`],
//! [`Error::SignedKeyless`]) carry what it needs.

tallyman_oci::error_enum! {
    /// An error of this crate.
    #[derive(Debug, thiserror::Error)]
    #[non_exhaustive]
    pub enum Error {
        /// A predicate type that is neither a short name nor a URI.
        #[error("unknown predicate type {0:?} (spdxjson, cyclonedx, slsaprovenance, custom, or a predicate type URI)")]
        UnknownPredicateType(String),
        /// Something signed with a key, asked to be verified keyless.
        #[error("{0}; verify it with the public key")]
        SignedWithKey(&'static str),
        /// Something signed keyless, asked to be verified with a key.
        #[error("{0}; verify it by the certificate's identity and issuer")]
        SignedKeyless(&'static str),
        /// Keyless signing found no identity token anywhere.
        #[error("keyless signing needs an OIDC identity token: give one, set SIGSTORE_ID_TOKEN, or run in GitHub Actions with `permissions: id-token: write`")]
        NoIdentityToken,
        /// The identity token given (not from the environment) is no JWT.
        #[error("the identity token given is not an OIDC identity token ({0})")]
        GivenTokenMalformed(String),
        /// The key's password could not be had (the caller's error).
        #[error(transparent)]
        Password(Box<dyn std::error::Error + Send + Sync>),
        #[error(transparent)]
        Oci(#[from] tallyman_oci::Error),
        #[error(transparent)]
        Json(#[from] serde_json::Error),
        #[error(transparent)]
        Io(#[from] std::io::Error),
        #[error(transparent)]
        Base64(#[from] base64::DecodeError),
        #[error(transparent)]
        Utf8(#[from] std::str::Utf8Error),
    }
}
