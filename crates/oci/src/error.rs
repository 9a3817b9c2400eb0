//! What goes wrong reading digests, platforms, references, manifests and
//! registries ([`Error`]), and the two macros every tallyman library crate
//! uses on its own error type: [`error_context!`](crate::error_context)
//! gives it anyhow's `context`/`with_context`, and [`fail!`](crate::fail)
//! returns early with a message, as anyhow's `bail!` does.
//!
//! Errors chain the way `std::error::Error` says: a [`Error::Context`]
//! displays only its own line and gives the error it wraps as its
//! `source()`, so a caller that prints the chain (`{:#}` of an
//! `anyhow::Error`, or [`report`]) prints each line once. Messages name
//! inputs (a registry, a digest, a file), never a command-line flag: the
//! variants a program words in its own terms ([`Error::CaCertificate`],
//! [`Error::HttpsOnly`], [`Error::PlatformSyntax`], [`Error::NoPlatform`])
//! carry what it needs.

use std::fmt;
use std::path::PathBuf;

use crate::digest::{DigestError, Mismatch};

/// A registry's answer with a status that means failure.
#[derive(Debug)]
pub struct Refusal {
    pub registry: String,
    pub repository: String,
    /// What was asked for (`manifest latest`, `blob sha256:…`).
    pub what: String,
    pub status: u16,
    /// Which credentials were sent (for 401 and 403).
    pub tried: String,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Refusal {
            registry,
            repository,
            what,
            status,
            tried,
        } = self;
        match status {
            401 | 403 => write!(
                f,
                "registry {registry}: access to {repository} denied (HTTP {status}); tried {tried}"
            ),
            404 => write!(f, "registry {registry}: {what} not found in {repository}"),
            _ => write!(f, "registry {registry}: {what}: HTTP {status}"),
        }
    }
}

impl Error {
    /// The HTTP status of a registry's refusal, wherever it is in the chain.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Status(refusal) => Some(refusal.status),
            Error::Context { source, .. } => source.status(),
            _ => None,
        }
    }
}

/// Every line of an error's chain, joined by `: ` (what `{:#}` of an
/// `anyhow::Error` prints).
pub fn report(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut next = error.source();
    while let Some(cause) = next {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        next = cause.source();
    }
    text
}

/// Declares a library crate's `Error` (thiserror) with the given variants
/// and the two every tallyman library shares — `Message(String)` (anything
/// else, in one line) and `Context { context, source }` (an error with a line
/// saying what was being done) — and, for it, the crate's `Result` alias and
/// a crate-private `Context` trait with anyhow's `context` and
/// `with_context` on results and options (an empty option becomes a
/// `Message`). The caller writes `#[derive(Debug, thiserror::Error)]` on
/// the enum (thiserror reads `#[error(transparent)]` only when its derive
/// comes from the same place as the variants).
#[macro_export]
macro_rules! error_enum {
    ($(#[$meta:meta])* pub enum Error { $($variants:tt)* }) => {
        $(#[$meta])*
        pub enum Error {
            $($variants)*
            /// Anything else, said in one line.
            #[error("{0}")]
            Message(String),
            /// `source`, with a line saying what was being done.
            #[error("{context}")]
            Context {
                context: String,
                #[source]
                source: Box<Error>,
            },
        }

        /// A result of this crate.
        pub type Result<T, E = Error> = std::result::Result<T, E>;

        /// anyhow's `context` and `with_context`, for this crate's [`Error`].
        pub(crate) trait Context<T> {
            fn context<C: std::fmt::Display>(self, context: C) -> Result<T>;
            fn with_context<C: std::fmt::Display, F: FnOnce() -> C>(self, context: F) -> Result<T>;
        }

        impl<T, E: Into<Error>> Context<T> for std::result::Result<T, E> {
            fn context<C: std::fmt::Display>(self, context: C) -> Result<T> {
                self.map_err(|error| Error::Context {
                    context: context.to_string(),
                    source: Box::new(error.into()),
                })
            }

            fn with_context<C: std::fmt::Display, F: FnOnce() -> C>(self, context: F) -> Result<T> {
                self.map_err(|error| Error::Context {
                    context: context().to_string(),
                    source: Box::new(error.into()),
                })
            }
        }

        impl<T> Context<T> for Option<T> {
            fn context<C: std::fmt::Display>(self, context: C) -> Result<T> {
                self.ok_or_else(|| Error::Message(context.to_string()))
            }

            fn with_context<C: std::fmt::Display, F: FnOnce() -> C>(self, context: F) -> Result<T> {
                self.ok_or_else(|| Error::Message(context().to_string()))
            }
        }
    };
}

/// Returns early with the calling crate's `Error::Message` of the formatted
/// text, as anyhow's `bail!` does.
// `crate` (not `$crate`) on purpose: the error is the calling crate's.
#[allow(clippy::crate_in_macro_def)]
#[macro_export]
macro_rules! fail {
    ($($arg:tt)*) => {
        return Err(crate::Error::Message(format!($($arg)*)).into())
    };
}

error_enum! {
    /// An error of this crate.
    #[derive(Debug, thiserror::Error)]
    #[non_exhaustive]
    pub enum Error {
        /// A text that should have been a digest is not one.
        #[error(transparent)]
        Digest(#[from] DigestError),
        /// Bytes that do not have the digest they must have.
        #[error(transparent)]
        Mismatch(#[from] Mismatch),
        /// A registry answered with a status that means failure.
        #[error("{0}")]
        Status(Box<Refusal>),
        /// A file of extra certificate authorities cannot be used.
        #[error("{}: {problem} (a certificate authority file)", path.display())]
        CaCertificate { path: PathBuf, problem: String },
        /// A registry that cannot be reached over HTTPS and may not be reached
        /// over plain HTTP.
        #[error("registry {registry}: cannot connect over HTTPS ({detail}); plain HTTP is only used for loopback hosts and registries allowed it")]
        HttpsOnly { registry: String, detail: String },
        /// A platform that is not `os/arch[/variant]`.
        #[error("{text:?}: expected OS/ARCH or OS/ARCH/VARIANT, e.g. linux/amd64")]
        PlatformSyntax { text: String },
        /// An index without an image for the platform asked for.
        #[error("{what}: no image for platform {wanted} (available: {})", available.join(", "))]
        NoPlatform {
            what: String,
            /// The platform asked for (`linux/arm64`).
            wanted: String,
            available: Vec<String>,
        },
        /// A file that could not be written (whole: the old one is kept).
        #[error(transparent)]
        Write(#[from] crate::atomic_file::WriteError),
        #[error(transparent)]
        Io(#[from] std::io::Error),
        #[error(transparent)]
        Json(#[from] serde_json::Error),
    }
}
