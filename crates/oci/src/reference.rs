//! Image references, by Docker's rules: `alpine` is
//! `docker.io/library/alpine:latest` (served by `registry-1.docker.io`),
//! `host:port/repo:tag`, `repo@sha256:…`, and tag and digest together (the
//! digest wins and is checked).
//!
//! Parsed here, by the distribution project's grammar (`reference.go`),
//! rather than with oci-spec's `Reference`: its regular expression compiles
//! to 4.4 MiB of heap that then stays for the whole scan (measured with
//! heaptrack on the large benchmark image), a twentieth of the memory budget
//! spent on reading one argument.

use std::fmt;

use crate::digest::Digest;
use crate::error::{Context, Result};
use crate::fail;

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
        let invalid = |why: &str| format!("{text:?} is not a valid image reference: {why}");
        let (rest, digest) = match text.split_once('@') {
            Some((rest, digest)) => (
                rest,
                Some(Digest::parse(digest).with_context(|| invalid("bad digest"))?),
            ),
            None => (text, None),
        };
        // A tag follows the last ':' that comes after the last '/'.
        let (name, tag) = match rest.rsplit_once(':') {
            Some((name, tag)) if !tag.contains('/') => (name, Some(tag)),
            _ => (rest, None),
        };
        if let Some(tag) = tag {
            if !is_tag(tag) {
                fail!("{}", invalid("bad tag"));
            }
        }
        if name.len() > 255 {
            fail!("{}", invalid("the name is longer than 255 characters"));
        }
        let (registry, repository) = match name.split_once('/') {
            Some((first, path)) if first.contains(['.', ':']) || first == "localhost" => {
                if !is_domain(first) {
                    fail!("{}", invalid("bad registry host"));
                }
                (first.to_owned(), path.to_owned())
            }
            _ => ("docker.io".to_owned(), name.to_owned()),
        };
        if repository.is_empty() || !repository.split('/').all(is_path_component) {
            fail!(
                "{}",
                invalid("a repository is lowercase letters, digits and separators (. _ __ -)")
            );
        }
        let repository = if registry == "docker.io" && !repository.contains('/') {
            format!("library/{repository}")
        } else {
            repository
        };
        let tag = match (tag, &digest) {
            (Some(tag), _) => Some(tag.to_owned()),
            (None, None) => Some("latest".to_owned()),
            (None, Some(_)) => None,
        };
        Ok(ImageReference {
            registry,
            repository,
            tag,
            digest,
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

/// `[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*`.
fn is_path_component(part: &str) -> bool {
    let bytes = part.as_bytes();
    let alnum = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    if !bytes.first().is_some_and(alnum) || !bytes.last().is_some_and(alnum) {
        return false;
    }
    let mut i = 0;
    while i < bytes.len() {
        if alnum(&bytes[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && !alnum(&bytes[i]) {
            i += 1;
        }
        let separator = &part[start..i];
        let dashes = separator.bytes().all(|b| b == b'-');
        if !(matches!(separator, "." | "_" | "__") || dashes) {
            return false;
        }
    }
    true
}

/// `host[:port]`: DNS labels of letters, digits and inner dashes, an IPv4
/// address, or a bracketed IPv6 address.
fn is_domain(domain: &str) -> bool {
    let (host, port) = match domain.rsplit_once(':') {
        Some((host, port)) if !port.contains(']') => (host, Some(port)),
        _ => (domain, None),
    };
    if port.is_some_and(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit())) {
        return false;
    }
    if let Some(ip) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        return ip.parse::<std::net::Ipv6Addr>().is_ok();
    }
    !host.is_empty()
        && host.split('.').all(|label| {
            let b = label.as_bytes();
            !b.is_empty()
                && b[0].is_ascii_alphanumeric()
                && b[b.len() - 1].is_ascii_alphanumeric()
                && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-')
        })
}

/// `[\w][\w.-]{0,127}` (ASCII word characters).
fn is_tag(tag: &str) -> bool {
    let word = |b: &u8| b.is_ascii_alphanumeric() || *b == b'_';
    let b = tag.as_bytes();
    !b.is_empty()
        && b.len() <= 128
        && word(&b[0])
        && b.iter().all(|c| word(c) || *c == b'.' || *c == b'-')
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
        let r = ImageReference::parse("team/app").unwrap();
        assert_eq!(r.to_string(), "docker.io/team/app:latest");
        let r = ImageReference::parse(&format!("app@{digest}")).unwrap();
        assert_eq!((r.tag, r.repository.as_str()), (None, "library/app"));
        let r = ImageReference::parse("[::1]:5000/a/b_c/d-e:v1.2-rc_3").unwrap();
        assert_eq!(
            (r.registry.as_str(), r.repository.as_str()),
            ("[::1]:5000", "a/b_c/d-e")
        );
        assert!(r.is_loopback());
        let r = ImageReference::parse("localhost/x").unwrap();
        assert_eq!(r.registry, "localhost");
        for bad in [
            "Upper/case",
            "a//b",
            "a/b-",
            "a/.b",
            "host:5000/a:",
            "a:-tag",
            "a@sha256:abc",
            "ho_st.io/a",
            "host:50x0/a",
            "",
            "a/b:t/c",
        ] {
            assert!(ImageReference::parse(bad).is_err(), "{bad}");
        }
        assert!(ImageReference::parse(&format!("a:{}", "t".repeat(129))).is_err());
        assert!(ImageReference::parse("localhost:5000/x")
            .unwrap()
            .is_loopback());
    }
}
