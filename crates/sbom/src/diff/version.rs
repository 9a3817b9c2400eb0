//! Each ecosystem's own version ordering, so a diff can say whether a
//! package went up or down: dpkg (`debversion`), rpm's `rpmvercmp`
//! (`rpm-version`), PEP 440 (`pep440_rs`), semver for npm and Cargo, Go
//! module versions (semver after the `v`, pseudo-versions included),
//! RubyGems' (the gem cataloger's `Gem::Version`), and apk's, Composer's
//! and NuGet's, written here from their own rules (apk-tools'
//! `apk_version_compare`, Composer's `VersionParser` stabilities, NuGet's
//! `SemanticVersion`: no crate has them). Anything else, or a version its
//! ecosystem cannot parse, has no order: the diff says "changed" without a
//! direction rather than guess.

use std::cmp::Ordering;
use std::str::FromStr;

use tallyman_catalogers::ruby::version::Version as GemVersion;

/// Compares two versions of a package whose purl type is `purl_type`;
/// `None` when that ecosystem has no ordering here or either does not parse.
pub fn compare(purl_type: &str, a: &str, b: &str) -> Option<Ordering> {
    match purl_type {
        "deb" => Some(
            debversion::Version::from_str(a)
                .ok()?
                .cmp(&debversion::Version::from_str(b).ok()?),
        ),
        "rpm" => Some(rpm_version::rpm_evr_compare(a, b)),
        "apk" => apk::compare(a, b),
        "pypi" => Some(
            pep440_rs::Version::from_str(a)
                .ok()?
                .cmp(&pep440_rs::Version::from_str(b).ok()?),
        ),
        "npm" | "cargo" => Some(semver_cmp(a, b)?),
        "golang" => Some(semver_cmp(a.strip_prefix('v')?, b.strip_prefix('v')?)?),
        "gem" => Some(GemVersion::parse(a)?.cmp(&GemVersion::parse(b)?)),
        "composer" => composer::compare(a, b),
        "nuget" => nuget::compare(a, b),
        _ => None,
    }
}

/// Composer's versions: `[v]1.2.3[.4][-stability[N]]`, stabilities ordered
/// dev < alpha < beta < RC < stable < patch; branches (`dev-main`,
/// `2.x-dev`) have no order.
mod composer {
    use std::cmp::Ordering;

    /// (numbers padded to four, stability rank, its number).
    fn parse(version: &str) -> Option<([u64; 4], u8, u64)> {
        let version = version.trim().trim_start_matches(['v', 'V']);
        let split = version
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(version.len());
        let (numbers, suffix) = version.split_at(split);
        let mut parts = [0u64; 4];
        for (i, part) in numbers.trim_end_matches('.').split('.').enumerate() {
            *parts.get_mut(i)? = part.parse().ok()?;
        }
        let suffix = suffix
            .trim_start_matches(['-', '.', '_', '+'])
            .to_ascii_lowercase();
        let letters: String = suffix
            .chars()
            .take_while(char::is_ascii_alphabetic)
            .collect();
        let number: u64 = suffix[letters.len()..]
            .trim_start_matches(['.', '-'])
            .parse()
            .unwrap_or(0);
        let rank = match letters.as_str() {
            "dev" => 0,
            "alpha" | "a" => 1,
            "beta" | "b" => 2,
            "rc" => 3,
            "" => 4,
            "patch" | "pl" | "p" => 5,
            _ => return None,
        };
        Some((parts, rank, number))
    }

    pub fn compare(a: &str, b: &str) -> Option<Ordering> {
        Some(parse(a)?.cmp(&parse(b)?))
    }
}

/// NuGet's versions: up to four numbers (missing ones 0), then SemVer 2
/// prerelease labels compared case-insensitively; build metadata ignored.
mod nuget {
    use std::cmp::Ordering;

    pub fn compare(a: &str, b: &str) -> Option<Ordering> {
        let (a_numbers, a_labels) = parse(a)?;
        let (b_numbers, b_labels) = parse(b)?;
        let order = a_numbers.cmp(&b_numbers);
        if order != Ordering::Equal {
            return Some(order);
        }
        Some(match (a_labels.is_empty(), b_labels.is_empty()) {
            (true, true) => Ordering::Equal,
            (true, false) => Ordering::Greater,
            (false, true) => Ordering::Less,
            (false, false) => labels(&a_labels, &b_labels),
        })
    }

    fn parse(version: &str) -> Option<([u64; 4], Vec<String>)> {
        let version = version.split('+').next()?.trim();
        let (numbers, release) = match version.split_once('-') {
            Some((numbers, release)) => (numbers, release),
            None => (version, ""),
        };
        let mut parts = [0u64; 4];
        for (i, part) in numbers.split('.').enumerate() {
            *parts.get_mut(i)? = part.parse().ok()?;
        }
        let labels = if release.is_empty() {
            Vec::new()
        } else {
            release.split('.').map(str::to_ascii_lowercase).collect()
        };
        Some((parts, labels))
    }

    /// SemVer 2's order of prerelease identifiers.
    fn labels(a: &[String], b: &[String]) -> Ordering {
        for (x, y) in a.iter().zip(b) {
            let order = match (x.parse::<u64>(), y.parse::<u64>()) {
                (Ok(x), Ok(y)) => x.cmp(&y),
                (Ok(_), Err(_)) => Ordering::Less,
                (Err(_), Ok(_)) => Ordering::Greater,
                (Err(_), Err(_)) => x.cmp(y),
            };
            if order != Ordering::Equal {
                return order;
            }
        }
        a.len().cmp(&b.len())
    }
}

/// Semver precedence (build metadata, such as Go's `+incompatible`, ignored).
fn semver_cmp(a: &str, b: &str) -> Option<Ordering> {
    let a = semver::Version::parse(a).ok()?;
    let b = semver::Version::parse(b).ok()?;
    Some(a.cmp_precedence(&b))
}

/// apk-tools' version ordering: `1.2.3[letter][_suffix[N]]…[-rN]`.
mod apk {
    use std::cmp::Ordering;

    /// apk's suffixes in order; those before `rc` inclusive sort before the
    /// bare version (pre-releases), the rest after it.
    const SUFFIXES: [&str; 9] = ["alpha", "beta", "pre", "rc", "cvs", "svn", "git", "hg", "p"];
    const PRE_RELEASES: usize = 4;

    /// One token; the variants are in apk's order of token kinds, which
    /// decides between two versions that agree up to where one goes on.
    #[derive(Debug, PartialEq, Eq, PartialOrd, Ord, Clone, Copy)]
    enum Kind {
        Digit,
        Letter,
        Suffix,
        SuffixNumber,
        Revision,
        End,
    }

    #[derive(Debug, Clone, Copy)]
    struct Token<'a> {
        kind: Kind,
        text: &'a str,
        /// A digit group after a dot that starts with 0 compares as a
        /// decimal fraction (text order), as apk does.
        fraction: bool,
    }

    fn tokens(version: &str) -> Option<Vec<Token<'_>>> {
        let bytes = version.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        let digits = |from: usize| {
            from + bytes[from..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count()
        };
        // Dot-separated numbers.
        loop {
            let end = digits(i);
            if end == i {
                return None;
            }
            let fraction = !out.is_empty() && bytes[i] == b'0';
            out.push(Token {
                kind: Kind::Digit,
                text: &version[i..end],
                fraction,
            });
            i = end;
            if bytes.get(i) == Some(&b'.') && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
                i += 1;
            } else {
                break;
            }
        }
        if bytes.get(i).is_some_and(u8::is_ascii_lowercase) {
            out.push(Token {
                kind: Kind::Letter,
                text: &version[i..i + 1],
                fraction: false,
            });
            i += 1;
        }
        while bytes.get(i) == Some(&b'_') {
            let start = i + 1;
            let end = start
                + bytes[start..]
                    .iter()
                    .take_while(|b| b.is_ascii_lowercase())
                    .count();
            let name = &version[start..end];
            if !SUFFIXES.contains(&name) {
                return None;
            }
            out.push(Token {
                kind: Kind::Suffix,
                text: name,
                fraction: false,
            });
            i = end;
            let number_end = digits(i);
            if number_end > i {
                out.push(Token {
                    kind: Kind::SuffixNumber,
                    text: &version[i..number_end],
                    fraction: false,
                });
                i = number_end;
            }
        }
        if version[i..].starts_with("-r") {
            let end = digits(i + 2);
            if end == i + 2 {
                return None;
            }
            out.push(Token {
                kind: Kind::Revision,
                text: &version[i + 2..end],
                fraction: false,
            });
            i = end;
        }
        (i == bytes.len()).then_some(out)
    }

    fn numeric(a: &str, b: &str) -> Ordering {
        let a = a.trim_start_matches('0');
        let b = b.trim_start_matches('0');
        a.len().cmp(&b.len()).then_with(|| a.cmp(b))
    }

    fn suffix_rank(name: &str) -> usize {
        SUFFIXES.iter().position(|s| *s == name).unwrap_or(0)
    }

    fn values(a: &Token<'_>, b: &Token<'_>) -> Ordering {
        match a.kind {
            Kind::Digit if a.fraction || b.fraction => a.text.cmp(b.text),
            Kind::Digit | Kind::SuffixNumber | Kind::Revision => numeric(a.text, b.text),
            Kind::Letter => a.text.cmp(b.text),
            Kind::Suffix => suffix_rank(a.text).cmp(&suffix_rank(b.text)),
            Kind::End => Ordering::Equal,
        }
    }

    pub fn compare(a: &str, b: &str) -> Option<Ordering> {
        let a = tokens(a)?;
        let b = tokens(b)?;
        let end = Token {
            kind: Kind::End,
            text: "",
            fraction: false,
        };
        let mut i = 0;
        loop {
            let x = a.get(i).copied().unwrap_or(end);
            let y = b.get(i).copied().unwrap_or(end);
            if x.kind == Kind::End && y.kind == Kind::End {
                return Some(Ordering::Equal);
            }
            if x.kind == y.kind {
                i += 1;
                match values(&x, &y) {
                    Ordering::Equal => continue,
                    order => return Some(order),
                }
            }
            // Equal so far and one goes on: it is newer, unless what it goes
            // on with is a pre-release suffix.
            let pre = |t: &Token<'_>| t.kind == Kind::Suffix && suffix_rank(t.text) < PRE_RELEASES;
            if pre(&x) {
                return Some(Ordering::Less);
            }
            if pre(&y) {
                return Some(Ordering::Greater);
            }
            return Some(if x.kind > y.kind {
                Ordering::Less
            } else {
                Ordering::Greater
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::compare;
    use std::cmp::Ordering::{Equal, Greater, Less};

    fn check(purl_type: &str, cases: &[(&str, &str, std::cmp::Ordering)]) {
        for (a, b, expected) in cases {
            assert_eq!(
                compare(purl_type, a, b),
                Some(*expected),
                "{purl_type} {a} vs {b}"
            );
            assert_eq!(
                compare(purl_type, b, a),
                Some(expected.reverse()),
                "{purl_type} {b} vs {a}"
            );
        }
    }

    #[test]
    fn dpkg() {
        check(
            "deb",
            &[
                ("2.36-9+deb12u4", "2.36-9+deb12u10", Less),
                ("1.0~rc1-1", "1.0-1", Less),
                ("1:0.9-1", "2.0-1", Greater),
                ("2024a-0+deb12u1", "2025b-0+deb12u1", Less),
                ("1.0-1", "1.0-1", Equal),
            ],
        );
    }

    #[test]
    fn rpm() {
        check(
            "rpm",
            &[
                ("1.2.3-4.el9", "1.2.3-5.el9", Less),
                ("1:1.0-1", "9.9-1", Greater),
                ("1.0~rc1-1", "1.0-1", Less),
                ("1.0^git1-1", "1.0-1", Greater),
            ],
        );
    }

    #[test]
    fn apk() {
        check(
            "apk",
            &[
                ("1.2.3-r0", "1.2.3-r1", Less),
                ("1.2.3-r9", "1.2.3-r10", Less),
                ("1.2", "1.2.1", Less),
                ("1.2_rc1", "1.2", Less),
                ("1.2_alpha2", "1.2_beta1", Less),
                ("1.2_p1", "1.2", Greater),
                ("1.2a", "1.2b", Less),
                ("1.2a", "1.2.1", Less),
                ("3.5.4-r0", "3.5.4-r0", Equal),
                ("1.01", "1.1", Less),
                ("2.41_git20240101-r0", "2.41-r0", Greater),
            ],
        );
        assert_eq!(compare("apk", "1.2-x", "1.2"), None);
    }

    #[test]
    fn pep440() {
        check(
            "pypi",
            &[
                ("1.0rc1", "1.0", Less),
                ("1.0.post1", "1.0", Greater),
                ("1.0.dev0", "1.0a1", Less),
                ("2!0.1", "9.9", Greater),
                ("1.0", "1.0.0", Equal),
            ],
        );
    }

    #[test]
    fn semver_and_go() {
        check(
            "npm",
            &[("1.2.3", "1.10.0", Less), ("2.0.0-rc.1", "2.0.0", Less)],
        );
        check("cargo", &[("0.9.9", "0.10.0", Less)]);
        check(
            "golang",
            &[
                ("v1.2.3", "v1.10.0", Less),
                (
                    "v0.0.0-20190101000000-abcdefabcdef",
                    "v0.0.0-20200101000000-abcdefabcdef",
                    Less,
                ),
                ("v2.0.0+incompatible", "v2.0.1+incompatible", Less),
                ("v0.1.0", "v0.0.0-20240101000000-abcdefabcdef", Greater),
            ],
        );
        assert_eq!(compare("golang", "(devel)", "v1.0.0"), None);
        assert_eq!(compare("maven", "1.0", "2.0"), None);
    }

    #[test]
    fn rubygems() {
        check(
            "gem",
            &[
                ("1.2.3", "1.10.0", Less),
                ("3.0.0.rc1", "3.0.0", Less),
                ("3.0.0.beta2", "3.0.0.rc1", Less),
                ("1.0", "1.0.0", Equal),
                ("1.15.5", "1.15.6.pre", Less),
                ("1.15.6.pre", "1.15.6", Less),
            ],
        );
        assert_eq!(compare("gem", "1.0 beta", "1.0"), None);
    }

    #[test]
    fn composer() {
        check(
            "composer",
            &[
                ("v1.2.3", "1.2.10", Less),
                ("2.0.0-RC1", "2.0.0", Less),
                ("2.0.0-beta2", "2.0.0-RC1", Less),
                ("6.4.0", "6.4.0.0", Equal),
                ("1.0.0-p1", "1.0.0", Greater),
                ("3.0.0-dev", "3.0.0-alpha1", Less),
            ],
        );
        assert_eq!(compare("composer", "dev-main", "1.0.0"), None);
    }

    #[test]
    fn nuget() {
        check(
            "nuget",
            &[
                ("8.0.1", "8.0.10", Less),
                ("4.700.22.11601", "4.700.22.11602", Less),
                ("6.0.0-preview.7.21377.19", "6.0.0", Less),
                ("1.0.0-alpha.2", "1.0.0-alpha.10", Less),
                ("1.0.0-Beta", "1.0.0-alpha", Greater),
                ("13.0.3", "13.0.3+build.5", Equal),
            ],
        );
    }
}
