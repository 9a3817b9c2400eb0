//! `Requires-Dist` values (PEP 508): the distribution's name, the extras it
//! asks of it, and the environment marker that says when it applies,
//! evaluated for the environment the distribution is installed in.

use std::collections::BTreeSet;

/// One requirement of a distribution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Requirement {
    /// As written (compare with [`normalize`]).
    pub name: String,
    /// Extras asked of the required distribution (`name[a,b]`).
    pub extras: Vec<String>,
    /// The marker after `;`, if any.
    pub marker: Option<String>,
}

/// PEP 503's normalised name: lowercase, runs of `-`, `_`, `.` as one `-`.
pub fn normalize(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut separator = false;
    for c in name.trim().chars() {
        if matches!(c, '-' | '_' | '.') {
            separator = true;
        } else {
            if separator && !out.is_empty() {
                out.push('-');
            }
            separator = false;
            out.extend(c.to_lowercase());
        }
    }
    out
}

impl Requirement {
    /// Parses a `Requires-Dist` value; `None` when it names nothing.
    pub fn parse(text: &str) -> Option<Requirement> {
        let (spec, marker) = match text.split_once(';') {
            Some((spec, marker)) => (spec, Some(marker.trim().to_owned())),
            None => (text, None),
        };
        let spec = spec.trim();
        let name_end = spec
            .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
            .unwrap_or(spec.len());
        let name = &spec[..name_end];
        if name.is_empty() {
            return None;
        }
        let rest = spec[name_end..].trim_start();
        let extras = match rest.strip_prefix('[').and_then(|r| r.split_once(']')) {
            Some((extras, _)) => extras
                .split(',')
                .map(str::trim)
                .filter(|e| !e.is_empty())
                .map(normalize)
                .collect(),
            None => Vec::new(),
        };
        Some(Requirement {
            name: name.to_owned(),
            extras,
            marker: marker.filter(|m| !m.is_empty()),
        })
    }

    /// Whether the requirement applies in `env` with `extras` requested of
    /// the distribution that states it. A marker that cannot be read applies.
    pub fn applies(&self, env: &MarkerEnv, extras: &BTreeSet<String>) -> bool {
        match &self.marker {
            None => true,
            Some(marker) => Marker::new(marker, env, extras).evaluate().unwrap_or(true),
        }
    }
}

/// What markers are evaluated against: a CPython on Linux.
#[derive(Debug, Clone, Default)]
pub struct MarkerEnv {
    /// `3.11` when the environment's path names it; unknown otherwise, and
    /// then every comparison with it holds.
    pub python_version: Option<String>,
}

/// How deeply a marker's parentheses may nest: real markers nest once or
/// twice; a hostile METADATA's thousands would overflow the stack of the
/// recursive descent.
const MAX_NESTING: usize = 32;

/// A recursive-descent evaluator over the marker's tokens.
struct Marker<'a> {
    tokens: Vec<Token>,
    at: usize,
    /// Parentheses open at this point.
    depth: usize,
    env: &'a MarkerEnv,
    extras: &'a BTreeSet<String>,
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Word(String),
    Text(String),
    Op(String),
    Open,
    Close,
}

fn tokenize(marker: &str) -> Option<Vec<Token>> {
    let mut tokens = Vec::new();
    let mut chars = marker.chars().peekable();
    while let Some(&c) = chars.peek() {
        match c {
            ' ' | '\t' => {
                chars.next();
            }
            '(' | ')' => {
                chars.next();
                tokens.push(if c == '(' { Token::Open } else { Token::Close });
            }
            '\'' | '"' => {
                chars.next();
                let text: String = chars.by_ref().take_while(|&d| d != c).collect();
                tokens.push(Token::Text(text));
            }
            '=' | '!' | '<' | '>' | '~' => {
                let mut op = String::new();
                while let Some(&d) = chars.peek() {
                    if !matches!(d, '=' | '!' | '<' | '>' | '~') {
                        break;
                    }
                    op.push(d);
                    chars.next();
                }
                tokens.push(Token::Op(op));
            }
            _ if c.is_ascii_alphanumeric() || c == '_' || c == '.' => {
                let mut word = String::new();
                while let Some(&d) = chars.peek() {
                    if !(d.is_ascii_alphanumeric() || d == '_' || d == '.') {
                        break;
                    }
                    word.push(d);
                    chars.next();
                }
                tokens.push(Token::Word(word));
            }
            _ => return None,
        }
    }
    Some(tokens)
}

impl<'a> Marker<'a> {
    fn new(marker: &str, env: &'a MarkerEnv, extras: &'a BTreeSet<String>) -> Marker<'a> {
        Marker {
            tokens: tokenize(marker).unwrap_or_default(),
            at: 0,
            depth: 0,
            env,
            extras,
        }
    }

    fn evaluate(mut self) -> Option<bool> {
        if self.tokens.is_empty() {
            return None;
        }
        let value = self.or()?;
        (self.at == self.tokens.len()).then_some(value)
    }

    fn peek_word(&self, word: &str) -> bool {
        matches!(self.tokens.get(self.at), Some(Token::Word(w)) if w == word)
    }

    fn or(&mut self) -> Option<bool> {
        let mut value = self.and()?;
        while self.peek_word("or") {
            self.at += 1;
            value |= self.and()?;
        }
        Some(value)
    }

    fn and(&mut self) -> Option<bool> {
        let mut value = self.atom()?;
        while self.peek_word("and") {
            self.at += 1;
            value &= self.atom()?;
        }
        Some(value)
    }

    fn atom(&mut self) -> Option<bool> {
        if self.tokens.get(self.at) == Some(&Token::Open) {
            if self.depth == MAX_NESTING {
                return None;
            }
            self.at += 1;
            self.depth += 1;
            let value = self.or()?;
            self.depth -= 1;
            if self.tokens.get(self.at) != Some(&Token::Close) {
                return None;
            }
            self.at += 1;
            return Some(value);
        }
        let left = self.operand()?;
        let op = match self.tokens.get(self.at)? {
            Token::Op(op) => op.clone(),
            Token::Word(w) if w == "in" => "in".to_owned(),
            Token::Word(w) if w == "not" => {
                self.at += 1;
                if !self.peek_word("in") {
                    return None;
                }
                "not in".to_owned()
            }
            _ => return None,
        };
        self.at += 1;
        let right = self.operand()?;
        Some(self.compare(left, &op, right))
    }

    /// A variable's value (`None` when unknown) or a literal, and whether it
    /// is a version.
    fn operand(&mut self) -> Option<Operand> {
        let token = self.tokens.get(self.at)?.clone();
        self.at += 1;
        Some(match token {
            Token::Text(text) => Operand::Literal(text),
            Token::Word(name) => Operand::Variable(name),
            _ => return None,
        })
    }

    fn value(&self, name: &str) -> Option<String> {
        Some(
            match name {
                "python_version" => return self.env.python_version.clone(),
                "python_full_version" | "implementation_version" => {
                    return self.env.python_version.clone()
                }
                "sys_platform" => "linux",
                "platform_system" => "Linux",
                "os_name" => "posix",
                "implementation_name" => "cpython",
                "platform_python_implementation" => "CPython",
                _ => return None,
            }
            .to_owned(),
        )
    }

    fn compare(&self, left: Operand, op: &str, right: Operand) -> bool {
        // `extra == "name"`: whether that extra was requested.
        if let (Operand::Variable(v), Operand::Literal(extra))
        | (Operand::Literal(extra), Operand::Variable(v)) = (&left, &right)
        {
            if v == "extra" {
                let requested = self.extras.contains(&normalize(extra));
                return if op == "!=" { !requested } else { requested };
            }
        }
        let resolve = |operand: &Operand| match operand {
            Operand::Literal(text) => Some(text.clone()),
            Operand::Variable(name) => self.value(name),
        };
        let (Some(l), Some(r)) = (resolve(&left), resolve(&right)) else {
            return true; // unknown here: the requirement counts
        };
        let versions = [&left, &right]
            .iter()
            .any(|o| matches!(o, Operand::Variable(n) if n.ends_with("_version")));
        match op {
            "in" => r.contains(&l),
            "not in" => !r.contains(&l),
            _ if versions => compare_versions(&l, op, &r),
            "==" | "===" => l == r,
            "!=" => l != r,
            _ => true,
        }
    }
}

enum Operand {
    Literal(String),
    Variable(String),
}

/// `3.10` against `3.9` by release numbers; `~=` is "at least, same prefix".
fn compare_versions(left: &str, op: &str, right: &str) -> bool {
    let numbers = |v: &str| -> Vec<u64> {
        v.split('.')
            .map(|p| {
                p.chars()
                    .take_while(char::is_ascii_digit)
                    .collect::<String>()
            })
            .map(|p| p.parse().unwrap_or(0))
            .collect()
    };
    let (l, r) = (numbers(left), numbers(right));
    let width = l.len().max(r.len());
    let pad = |mut v: Vec<u64>| {
        v.resize(width, 0);
        v
    };
    let ordering = pad(l.clone()).cmp(&pad(r.clone()));
    use std::cmp::Ordering::*;
    match op {
        "==" | "===" => {
            // `python_version == "3.11"` also holds for 3.11.4.
            l.len() >= r.len() && l[..r.len()] == r[..] || ordering == Equal
        }
        "!=" => !(l.len() >= r.len() && l[..r.len()] == r[..]),
        "<" => ordering == Less,
        "<=" => ordering != Greater,
        ">" => ordering == Greater,
        ">=" => ordering != Less,
        "~=" => {
            let prefix = r.len().saturating_sub(1).max(1);
            ordering != Less && l.len() >= prefix && l[..prefix] == r[..prefix]
        }
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env() -> MarkerEnv {
        MarkerEnv {
            python_version: Some("3.11".to_owned()),
        }
    }

    #[test]
    fn names_extras_markers() {
        let r = Requirement::parse("soupsieve (>1.2)").unwrap();
        assert_eq!((r.name.as_str(), r.marker), ("soupsieve", None));
        let r = Requirement::parse("PySocks!=1.5.7,>=1.5.6; extra == \"socks\"").unwrap();
        assert_eq!(r.name, "PySocks");
        assert_eq!(r.marker.as_deref(), Some("extra == \"socks\""));
        let r = Requirement::parse("uvicorn[standard] >=0.12 ; extra == 'all'").unwrap();
        assert_eq!(r.extras, ["standard"]);
        assert_eq!(normalize("Flask_SQLAlchemy"), "flask-sqlalchemy");
        assert_eq!(normalize("zope.interface"), "zope-interface");
        assert!(Requirement::parse(" ; extra == 'x'").is_none());
    }

    #[test]
    fn deeply_nested_markers_are_unreadable_not_a_stack_overflow() {
        let extras = BTreeSet::new();
        let nested = |depth: usize| {
            format!(
                "{}python_version >= '3'{}",
                "(".repeat(depth),
                ")".repeat(depth)
            )
        };
        assert_eq!(
            Marker::new(&nested(MAX_NESTING), &env(), &extras).evaluate(),
            Some(true)
        );
        assert_eq!(
            Marker::new(&nested(MAX_NESTING + 1), &env(), &extras).evaluate(),
            None
        );
        assert_eq!(
            Marker::new(&nested(200_000), &env(), &extras).evaluate(),
            None
        );
    }

    #[test]
    fn markers_for_cpython_311_on_linux() {
        let none = BTreeSet::new();
        let socks: BTreeSet<String> = ["socks".to_owned()].into();
        let applies = |text: &str, extras: &BTreeSet<String>| {
            Requirement::parse(text).unwrap().applies(&env(), extras)
        };
        assert!(!applies("PySocks; extra == \"socks\"", &none));
        assert!(applies("PySocks; extra == \"socks\"", &socks));
        assert!(applies(
            "importlib-metadata>=3.6; python_version < \"3.12\"",
            &none
        ));
        assert!(!applies(
            "importlib-metadata>=3.6; python_version < \"3.10\"",
            &none
        ));
        assert!(applies("typing-extensions; python_version >= '3.8'", &none));
        assert!(!applies(
            "pywin32; sys_platform == \"win32\" and platform_python_implementation != \"PyPy\"",
            &none
        ));
        assert!(applies(
            "x; (sys_platform == 'linux' or sys_platform == 'darwin') and python_version ~= '3.9'",
            &none
        ));
        assert!(!applies(
            "greenlet; platform_machine == 'x' and extra == 'asyncio'",
            &none
        ));
        assert!(applies("colorama; os_name == \"posix\"", &none));
        assert!(!applies("colorama; platform_system == \"Windows\"", &none));
        assert!(applies("x; 'linux' in sys_platform", &none));
        assert!(
            applies("x; this is not a marker", &none),
            "unreadable: counts"
        );
        let unknown = MarkerEnv::default();
        assert!(Requirement::parse("x; python_version < '3.8'")
            .unwrap()
            .applies(&unknown, &none));
    }
}
