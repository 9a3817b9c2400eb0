//! The policy controller's image globs: `*` is any run of characters but
//! `/` (so it spans a tag's `:` and a digest's `@`), `**` is anything; the
//! bare globs `*` and `*/*` mean Docker Hub's `index.docker.io/library/*`
//! and `index.docker.io/*/*`. A glob is matched against the image's full
//! name as go-containerregistry writes it (`index.docker.io/library/x:latest`,
//! `registry/repo@sha256:…`), the way the controller's `policy-tester`
//! matches the reference it is given.

use regex::Regex;
use tallyman_oci::ImageReference;

/// A compiled glob.
#[derive(Debug, Clone)]
pub struct Glob {
    pub text: String,
    pattern: Regex,
}

impl Glob {
    /// Compiles `text`; `None` for what the controller calls an invalid
    /// glob (a character outside `a-zA-Z0-9-_:/*.@`).
    pub fn compile(text: &str) -> Option<Glob> {
        let expanded = match text {
            "*/*" => "index.docker.io/*/*",
            "*" => "index.docker.io/library/*",
            other => other,
        };
        let allowed = |c: char| c.is_ascii_alphanumeric() || "-_:/*.@".contains(c);
        if expanded.is_empty() || !expanded.chars().all(allowed) {
            return None;
        }
        let mut pattern = String::from("^");
        let mut rest = expanded;
        while let Some(c) = rest.chars().next() {
            if let Some(after) = rest.strip_prefix("**") {
                pattern.push_str(".*");
                rest = after;
                continue;
            }
            match c {
                '*' => pattern.push_str("[^/]*"),
                '.' => pattern.push_str(r"\."),
                other => pattern.push(other),
            }
            rest = &rest[c.len_utf8()..];
        }
        pattern.push('$');
        Some(Glob {
            text: text.to_owned(),
            pattern: Regex::new(&pattern).ok()?,
        })
    }

    /// Whether the image's full name matches.
    pub fn matches(&self, full_name: &str) -> bool {
        self.pattern.is_match(full_name)
    }
}

/// The image's full name as go-containerregistry's `Reference.Name()`
/// writes it: Docker Hub as `index.docker.io` (with `library/` for
/// single names), then `:tag` (`latest` when none) or `@digest` (a digest
/// wins over a tag).
pub fn full_name(reference: &ImageReference) -> String {
    let registry = match reference.registry.as_str() {
        "docker.io" => "index.docker.io",
        other => other,
    };
    let name = format!("{registry}/{}", reference.repository);
    match (&reference.digest, &reference.tag) {
        (Some(digest), _) => format!("{name}@{digest}"),
        (None, Some(tag)) => format!("{name}:{tag}"),
        (None, None) => format!("{name}:latest"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(text: &str) -> String {
        full_name(&ImageReference::parse(text).unwrap())
    }

    /// The policy controller's own cases (pkg/apis/glob/glob_test.go).
    #[test]
    fn the_controllers_glob_cases() {
        let foo = name("foo");
        assert_eq!(foo, "index.docker.io/library/foo:latest");
        for glob in [
            "index.docker.io/library/foo:latest",
            "index.docker.io/library/*",
            "index.docker.io/*/*",
            "**",
            "*",
        ] {
            assert!(Glob::compile(glob).unwrap().matches(&foo), "{glob}");
        }
        let ghcr = name("ghcr.io/foo");
        assert!(Glob::compile("ghcr.io/**").unwrap().matches(&ghcr));
        assert!(!Glob::compile("ghcr.io/*/*").unwrap().matches(&ghcr));
        assert!(!Glob::compile("ghcr.io/**")
            .unwrap()
            .matches(&name("ghcrxio/foo")));
        let digest = "cgr.dev/chainguard/static@sha256:a9650a15060275287ebf4530b34020b8d998bd2de9aea00d113c332d8c41eb0b";
        assert!(Glob::compile("cgr.dev/chainguard/static*")
            .unwrap()
            .matches(&name(digest)));
        assert!(Glob::compile(digest).unwrap().matches(&name(digest)));
        // No wildcard: neither the tag nor the digest form.
        assert!(!Glob::compile("ghcr.io/foo/bar")
            .unwrap()
            .matches(&name("ghcr.io/foo/bar")));
        assert!(Glob::compile("[").is_none());
        assert!(Glob::compile("a?b").is_none());
    }
}
