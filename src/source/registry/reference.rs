//! Image references, by Docker's rules: `alpine` is
//! `docker.io/library/alpine:latest` (served by `registry-1.docker.io`),
//! `host:port/repo:tag`, `repo@sha256:…`, and tag and digest together (the
//! digest wins and is checked). Parsing is oci-spec's `Reference`.

use std::fmt;

use anyhow::{anyhow, Context, Result};
use oci_spec::distribution::Reference;

use crate::blob::Digest;

/// A parsed image reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageReference {
    /// The registry as named (`docker.io`, `127.0.0.1:5000`).
    pub registry: String,
    pub repository: String,
    pub tag: Option<String>,
    pub digest: Option<Digest>,
}

impl ImageReference {
    pub fn parse(text: &str) -> Result<ImageReference> {
        let parsed: Reference = text
            .parse()
            .map_err(|e| anyhow!("{text:?} is not a valid image reference: {e}"))?;
        Ok(ImageReference {
            registry: parsed.registry().to_owned(),
            repository: parsed.repository().to_owned(),
            tag: parsed.tag().map(str::to_owned),
            digest: parsed
                .digest()
                .map(Digest::parse)
                .transpose()
                .with_context(|| format!("{text:?} is not a valid image reference"))?,
        })
    }

    /// The host the distribution API is served from.
    pub fn api_host(&self) -> &str {
        match self.registry.as_str() {
            "docker.io" | "index.docker.io" => "registry-1.docker.io",
            other => other,
        }
    }

    /// What to ask the manifests endpoint for: the digest if pinned, else the tag.
    pub fn manifest_reference(&self) -> String {
        match (&self.digest, &self.tag) {
            (Some(digest), _) => digest.to_string(),
            (None, Some(tag)) => tag.clone(),
            (None, None) => "latest".to_owned(),
        }
    }

    /// `registry/repository`.
    pub fn name(&self) -> String {
        format!("{}/{}", self.registry, self.repository)
    }

    /// Whether the registry is this machine (plain HTTP is allowed there).
    pub fn is_loopback(&self) -> bool {
        let host = self
            .registry
            .rsplit_once(':')
            .map_or(self.registry.as_str(), |(h, port)| {
                if port.chars().all(|c| c.is_ascii_digit()) {
                    h
                } else {
                    self.registry.as_str()
                }
            });
        let host = host.trim_start_matches('[').trim_end_matches(']');
        host == "localhost"
            || host
                .parse::<std::net::IpAddr>()
                .is_ok_and(|ip| ip.is_loopback())
    }
}

impl fmt::Display for ImageReference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.name())?;
        if let Some(tag) = &self.tag {
            write!(f, ":{tag}")?;
        }
        if let Some(digest) = &self.digest {
            write!(f, "@{digest}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docker_rules() {
        let r = ImageReference::parse("alpine").unwrap();
        assert_eq!(r.to_string(), "docker.io/library/alpine:latest");
        assert_eq!(r.api_host(), "registry-1.docker.io");
        let r = ImageReference::parse("127.0.0.1:5000/team/app:1.2").unwrap();
        assert_eq!(
            (r.registry.as_str(), r.repository.as_str(), r.tag.as_deref()),
            ("127.0.0.1:5000", "team/app", Some("1.2"))
        );
        assert!(r.is_loopback());
        let digest = format!("sha256:{}", "a".repeat(64));
        let r = ImageReference::parse(&format!("ghcr.io/o/r:v1@{digest}")).unwrap();
        assert_eq!(r.manifest_reference(), digest);
        assert!(!r.is_loopback());
        assert!(ImageReference::parse("not a reference!").is_err());
        assert!(ImageReference::parse("localhost:5000/x")
            .unwrap()
            .is_loopback());
    }
}
