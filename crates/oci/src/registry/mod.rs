//! A client of the OCI distribution API: one [`Repository`] of a registry,
//! reached over HTTPS (plain HTTP only for loopback hosts and registries
//! allowed it), with the credentials of the auth files docker, podman and
//! skopeo write. It reads and writes manifests and blobs, mounts blobs
//! across repositories, lists tags and a registry's catalog ([`listing`]),
//! and keeps OCI 1.1 referrers lists ([`referrers`]: the API where the
//! registry has it, else the tag schema).

mod client;
mod credentials;
pub mod listing;
pub mod referrers;
mod repository;
mod resume;
pub mod shared_tag;

pub use client::ClientOptions;
pub use credentials::Credentials;
pub use referrers::{Listing, Referrer};
pub use repository::{read_limited, Artifact, ArtifactLayer, Manifest, Repository};

/// How to reach a registry.
#[derive(Debug, Clone, Default)]
pub struct RegistryOptions {
    pub client: ClientOptions,
    /// An explicit login (else the auth files are searched).
    pub credentials: Option<Credentials>,
}
