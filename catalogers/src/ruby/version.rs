//! RubyGems versions and requirements, compared the way `Gem::Version` and
//! `Gem::Requirement` compare them: a version is a list of numeric and
//! alphabetic segments (`1.0.0.rc1` is `1 0 0 rc 1`; a `-` stands for
//! `.pre.`), trailing zeros do not count (`1.0` equals `1`), a letter segment
//! sorts before any number (a prerelease), and `~> 1.2.3` means `>= 1.2.3`
//! with the release below `1.3`.

use std::cmp::Ordering;

/// One segment of a version: digits (kept as text without leading zeros,
/// so no number is too long) or letters.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    Number(String),
    Letters(String),
}

impl Segment {
    fn is_zero(&self) -> bool {
        matches!(self, Segment::Number(n) if n.is_empty())
    }
}

fn compare_segment(left: &Segment, right: &Segment) -> Ordering {
    match (left, right) {
        (Segment::Number(a), Segment::Number(b)) => a.len().cmp(&b.len()).then_with(|| a.cmp(b)),
        (Segment::Letters(a), Segment::Letters(b)) => a.cmp(b),
        (Segment::Letters(_), Segment::Number(_)) => Ordering::Less,
        (Segment::Number(_), Segment::Letters(_)) => Ordering::Greater,
    }
}

/// A parsed `Gem::Version`.
#[derive(Debug, Clone)]
pub struct Version {
    /// The version as RubyGems keeps it (`-` already `.pre.`).
    text: String,
    segments: Vec<Segment>,
    canonical: Vec<Segment>,
}

impl Version {
    /// Parses a version the way `Gem::Version.new` accepts it; `None` for
    /// text RubyGems calls malformed. An empty version is `0`.
    pub fn parse(text: &str) -> Option<Version> {
        let text = text.trim();
        let text = if text.is_empty() { "0" } else { text };
        if !is_correct(text) {
            return None;
        }
        let text = text.replace('-', ".pre.");
        let canonical = partition(&canonical_text(&text));
        Some(Version {
            segments: partition(&text),
            canonical,
            text,
        })
    }

    /// Whether it holds a letter (`1.0.rc1`).
    pub fn is_prerelease(&self) -> bool {
        self.text.chars().any(|c| c.is_ascii_alphabetic())
    }

    /// The version without its prerelease part (`1.2.0.rc1` → `1.2.0`).
    fn release(&self) -> Version {
        if !self.is_prerelease() {
            return self.clone();
        }
        from_segments(release_segments(&self.segments))
    }

    /// The upper bound of `~>`: the release segments without the last one,
    /// the new last one incremented (`1.2.3` → `1.3`, `1` → `2`).
    fn bump(&self) -> Version {
        let mut segments = release_segments(&self.segments);
        if segments.len() > 1 {
            segments.pop();
        }
        if let Some(Segment::Number(last)) = segments.last_mut() {
            *last = increment(last);
        }
        from_segments(segments)
    }
}

impl PartialEq for Version {
    fn eq(&self, other: &Version) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Version {}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Version) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Version {
    fn cmp(&self, other: &Version) -> Ordering {
        let (left, right) = (&self.canonical, &other.canonical);
        for (a, b) in left.iter().zip(right) {
            let order = compare_segment(a, b);
            if order != Ordering::Equal {
                return order;
            }
        }
        // The longer one's extra segments: zeros change nothing, letters
        // make it smaller (a prerelease), other numbers larger.
        let (rest, sign) = if left.len() > right.len() {
            (&left[right.len()..], Ordering::Greater)
        } else {
            (&right[left.len()..], Ordering::Less)
        };
        for segment in rest {
            match segment {
                Segment::Letters(_) => return sign.reverse(),
                s if !s.is_zero() => return sign,
                _ => {}
            }
        }
        Ordering::Equal
    }
}

/// RubyGems' `VERSION_PATTERN`, anchored: digits, then `.`-separated
/// alphanumeric segments, then an optional `-`-introduced suffix.
fn is_correct(text: &str) -> bool {
    let (main, suffix) = match text.split_once('-') {
        Some((main, suffix)) => (main, Some(suffix)),
        None => (text, None),
    };
    let mut parts = main.split('.');
    let first_ok = parts
        .next()
        .is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    let rest_ok = parts.all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric()));
    let suffix_ok = suffix.is_none_or(|s| {
        s.split('.')
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
    });
    first_ok && rest_ok && suffix_ok
}

/// `Gem::Version#canonical_segments`' text: trailing zero segments dropped,
/// and in a prerelease the zeros just before the first letters.
fn canonical_text(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut text = text.to_owned();
    // The longest tail of `.` and `0`, cut where the byte before it is a
    // letter or a dot.
    let tail = bytes.len()
        - bytes
            .iter()
            .rev()
            .take_while(|b| matches!(b, b'.' | b'0'))
            .count();
    if let Some(cut) = (tail.max(1)..bytes.len())
        .find(|&i| bytes[i - 1].is_ascii_alphabetic() || bytes[i - 1] == b'.')
    {
        text.truncate(cut);
    }
    if text.bytes().any(|b| b.is_ascii_alphabetic()) {
        let bytes = text.as_bytes();
        let found = (0..bytes.len()).find_map(|start| {
            if start > 0 && bytes[start - 1] != b'.' {
                return None;
            }
            let run = bytes[start..]
                .iter()
                .take_while(|b| matches!(b, b'0' | b'.'))
                .count();
            let next = bytes.get(start + run)?;
            (run > 0 && next.is_ascii_alphabetic()).then_some((start, run))
        });
        if let Some((start, run)) = found {
            text.replace_range(start..start + run, "");
        }
    }
    text
}

/// The digit and letter runs of `text`, in order.
fn partition(text: &str) -> Vec<Segment> {
    let mut segments = Vec::new();
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        let run = |pred: fn(&u8) -> bool| bytes[at..].iter().take_while(|b| pred(b)).count();
        if b.is_ascii_digit() {
            let len = run(u8::is_ascii_digit);
            let digits = text[at..at + len].trim_start_matches('0').to_owned();
            segments.push(Segment::Number(digits));
            at += len;
        } else if b.is_ascii_alphabetic() {
            let len = run(u8::is_ascii_alphabetic);
            segments.push(Segment::Letters(text[at..at + len].to_owned()));
            at += len;
        } else {
            at += 1;
        }
    }
    segments
}

/// The segments before the first letters.
fn release_segments(segments: &[Segment]) -> Vec<Segment> {
    segments
        .iter()
        .take_while(|s| matches!(s, Segment::Number(_)))
        .cloned()
        .collect()
}

fn from_segments(segments: Vec<Segment>) -> Version {
    let text = segments
        .iter()
        .map(|s| match s {
            Segment::Number(n) if n.is_empty() => "0",
            Segment::Number(n) | Segment::Letters(n) => n.as_str(),
        })
        .collect::<Vec<_>>()
        .join(".");
    Version {
        canonical: partition(&canonical_text(&text)),
        segments,
        text,
    }
}

/// A decimal number's text plus one (`""` is zero).
fn increment(digits: &str) -> String {
    let mut out: Vec<u8> = digits.bytes().collect();
    for byte in out.iter_mut().rev() {
        if *byte == b'9' {
            *byte = b'0';
        } else {
            *byte += 1;
            return String::from_utf8_lossy(&out).into_owned();
        }
    }
    out.insert(0, b'1');
    String::from_utf8_lossy(&out).into_owned()
}

/// A requirement operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Eq,
    Ne,
    Gt,
    Lt,
    Ge,
    Le,
    Pessimistic,
}

/// A `Gem::Requirement`: every constraint must hold.
#[derive(Debug, Clone)]
pub struct Requirement {
    constraints: Vec<(Op, Version)>,
}

impl Requirement {
    /// Parses constraints such as `~> 1.0`, `>= 2.2.4`, `1.0` (meaning
    /// `= 1.0`); none at all is `>= 0`. `None` when one is ill-formed.
    pub fn parse<'a>(constraints: impl IntoIterator<Item = &'a str>) -> Option<Requirement> {
        let mut parsed = Vec::new();
        for constraint in constraints {
            let constraint = constraint.trim();
            let (op, rest) = [
                ("~>", Op::Pessimistic),
                (">=", Op::Ge),
                ("<=", Op::Le),
                ("!=", Op::Ne),
                ("=", Op::Eq),
                (">", Op::Gt),
                ("<", Op::Lt),
            ]
            .iter()
            .find_map(|(text, op)| constraint.strip_prefix(text).map(|rest| (*op, rest)))
            .unwrap_or((Op::Eq, constraint));
            let rest = rest.trim();
            if rest.is_empty() {
                return None;
            }
            parsed.push((op, Version::parse(rest)?));
        }
        Some(Requirement {
            constraints: parsed,
        })
    }

    /// Whether `version` meets every constraint.
    pub fn is_satisfied_by(&self, version: &Version) -> bool {
        self.constraints.iter().all(|(op, wanted)| match op {
            Op::Eq => version == wanted,
            Op::Ne => version != wanted,
            Op::Gt => version > wanted,
            Op::Lt => version < wanted,
            Op::Ge => version >= wanted,
            Op::Le => version <= wanted,
            Op::Pessimistic => version >= wanted && version.release() < wanted.bump(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{Requirement, Version};

    fn v(text: &str) -> Version {
        Version::parse(text).unwrap()
    }

    #[test]
    fn ordering_as_rubygems_orders() {
        // Each pair as `Gem::Version.new(a) <=> Gem::Version.new(b)` answers.
        for (lower, higher) in [
            ("1.0", "1.0.1"),
            ("1.9", "1.10"),
            ("1.0.0.rc1", "1.0.0"),
            ("1.0.a", "1.0.b"),
            ("1.0.a10", "1.0.b1"),
            ("2.2.3", "2.2.22"),
            ("0.0.5", "0.1"),
            ("1-beta", "1"),
            ("8.2.0.alpha", "8.2.0"),
            ("3.2020.0512", "3.2020.512.1"),
        ] {
            assert!(v(lower) < v(higher), "{lower} < {higher}");
        }
        for (a, b) in [
            ("1.0", "1"),
            ("1.0.0", "1.0"),
            ("1.0.a", "1.a"),
            ("01", "1"),
        ] {
            assert_eq!(v(a), v(b), "{a} == {b}");
        }
        assert!(Version::parse("junk").is_none());
        assert!(Version::parse("1..2").is_none());
        assert_eq!(v(""), v("0"));
    }

    #[test]
    fn requirements_as_rubygems_checks_them() {
        let yes = |req: &[&str], version: &str| {
            Requirement::parse(req.iter().copied())
                .unwrap()
                .is_satisfied_by(&v(version))
        };
        assert!(yes(&["~> 2.8.0"], "2.8.1"));
        assert!(!yes(&["~> 2.8.0"], "2.9.0"));
        assert!(yes(&["~> 1.4"], "1.6.0"));
        assert!(!yes(&["~> 1.4"], "2.0"));
        assert!(yes(&["~> 2.2", ">= 2.2.4"], "2.2.22"));
        assert!(!yes(&["~> 2.2", ">= 2.2.4"], "2.2.3"));
        assert!(yes(&["= 3.0.5"], "3.0.5"));
        assert!(yes(&["3.0.5"], "3.0.5.0"));
        assert!(!yes(&["!= 1.11.0"], "1.11.0"));
        assert!(yes(&[">= 0"], "0.0.1"));
        assert!(yes(&[], "9"));
        assert!(yes(&["< 3", "> 1"], "2.9"));
        assert!(!yes(&["<= 1.0"], "1.0.1"));
        // `~>` compares the release: a prerelease of the bound is below it.
        assert!(yes(&["~> 1.0"], "1.9.rc1"));
        assert!(!yes(&["~> 5.0.0"], "5.0.0.rc1"));
        assert!(Requirement::parse([">= nope"]).is_none());
        assert!(Requirement::parse(["~>"]).is_none());
    }
}
