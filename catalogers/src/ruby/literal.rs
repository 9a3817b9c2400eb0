//! Ruby literals as RubyGems writes them into installed gemspecs and people
//! write them in Gemfiles: strings (`"…"` with `String#dump`'s escapes,
//! `'…'`, `%q{…}` and its other delimiters), `.freeze` after a string,
//! symbols, arrays, hashes with `=>`, `nil`, `true`, `false` and numbers.
//! Anything else (a method call, string interpolation, a constant) is not a
//! literal: the reader says so and the caller skips the statement. Nothing
//! is ever evaluated.

/// A literal value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Str(String),
    Symbol(String),
    List(Vec<Value>),
    Hash(Vec<(Value, Value)>),
    /// `nil`, `true`, `false` or a number.
    Other,
}

impl Value {
    /// The text of a string or symbol.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) | Value::Symbol(s) => Some(s),
            _ => None,
        }
    }

    /// A string as a one-item list, a list's strings (others skipped).
    pub fn strings(&self) -> Vec<String> {
        match self {
            Value::List(items) => items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect(),
            other => other.as_str().map(str::to_owned).into_iter().collect(),
        }
    }
}

/// How deep arrays and hashes may nest before the reader gives up.
const MAX_DEPTH: usize = 16;

/// A cursor over one line of Ruby source.
pub struct Reader<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Reader<'a> {
    pub fn new(text: &'a str) -> Reader<'a> {
        Reader { text, at: 0 }
    }

    /// What has not been read yet.
    pub fn rest(&self) -> &'a str {
        &self.text[self.at..]
    }

    pub fn skip_spaces(&mut self) {
        let rest = self.rest();
        self.at += rest.len() - rest.trim_start().len();
    }

    /// Consumes `token` (after spaces) when it comes next.
    pub fn eat(&mut self, token: &str) -> bool {
        self.skip_spaces();
        if self.rest().starts_with(token) {
            self.at += token.len();
            true
        } else {
            false
        }
    }

    /// Reads one literal, or `None` (the cursor then stands anywhere).
    pub fn value(&mut self) -> Option<Value> {
        self.value_at(0)
    }

    fn value_at(&mut self, depth: usize) -> Option<Value> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.skip_spaces();
        let rest = self.rest();
        let first = rest.chars().next()?;
        let value = match first {
            '"' => {
                self.at += 1;
                Value::Str(self.double_quoted()?)
            }
            '\'' => {
                self.at += 1;
                Value::Str(self.single_quoted()?)
            }
            '%' => self.percent()?,
            ':' if rest.starts_with(":\"") => {
                self.at += 2;
                Value::Symbol(self.double_quoted()?)
            }
            ':' => {
                self.at += 1;
                Value::Symbol(self.word()?)
            }
            '[' => {
                self.at += 1;
                Value::List(self.list(']', depth)?)
            }
            '{' => {
                self.at += 1;
                self.hash(depth)?
            }
            c if c.is_ascii_digit() || c == '-' => {
                self.at += 1;
                self.word();
                Value::Other
            }
            _ => match self.word()?.as_str() {
                "nil" | "true" | "false" => Value::Other,
                _ => return None,
            },
        };
        // `"rack".freeze`: the same string.
        if matches!(value, Value::Str(_)) && self.rest().starts_with(".freeze") {
            self.at += ".freeze".len();
        }
        Some(value)
    }

    /// Letters, digits, `_`, `?`, `!`, `=` (a bare word or a symbol's name).
    fn word(&mut self) -> Option<String> {
        let rest = self.rest();
        let len = rest
            .find(|c: char| !(c.is_alphanumeric() || matches!(c, '_' | '?' | '!' | '=' | '.')))
            .unwrap_or(rest.len());
        if len == 0 {
            return None;
        }
        self.at += len;
        Some(rest[..len].to_owned())
    }

    fn list(&mut self, close: char, depth: usize) -> Option<Vec<Value>> {
        let mut items = Vec::new();
        loop {
            self.skip_spaces();
            if self.rest().starts_with(close) {
                self.at += 1;
                return Some(items);
            }
            items.push(self.value_at(depth + 1)?);
            self.skip_spaces();
            if !self.eat(",") && !self.rest().starts_with(close) {
                return None;
            }
        }
    }

    fn hash(&mut self, depth: usize) -> Option<Value> {
        let mut pairs = Vec::new();
        loop {
            self.skip_spaces();
            if self.rest().starts_with('}') {
                self.at += 1;
                return Some(Value::Hash(pairs));
            }
            let key = self.value_at(depth + 1)?;
            if !self.eat("=>") {
                return None;
            }
            let value = self.value_at(depth + 1)?;
            pairs.push((key, value));
            if !self.eat(",") && !self.rest().trim_start().starts_with('}') {
                return None;
            }
        }
    }

    /// `%q{…}`, `%Q(…)`, `%w[…]`, `%i[…]` and their other delimiters.
    fn percent(&mut self) -> Option<Value> {
        let mut chars = self.rest().chars().skip(1);
        let first = chars.next()?;
        // `%q{…}` names its kind; a bare `%{…}` is `%Q{…}`.
        let (kind, open, prefix) = if first.is_ascii_alphabetic() {
            (first, chars.next()?, 2)
        } else {
            ('Q', first, 1)
        };
        if open.is_alphanumeric() || open.is_whitespace() {
            return None;
        }
        let close = match open {
            '{' => '}',
            '<' => '>',
            '(' => ')',
            '[' => ']',
            other => other,
        };
        self.at += prefix + open.len_utf8();
        let body = self.delimited(open, close)?;
        match kind {
            'q' | 'Q' => Some(Value::Str(body)),
            'w' => Some(Value::List(
                body.split_whitespace()
                    .map(|w| Value::Str(w.to_owned()))
                    .collect(),
            )),
            'i' => Some(Value::List(
                body.split_whitespace()
                    .map(|w| Value::Symbol(w.to_owned()))
                    .collect(),
            )),
            _ => None,
        }
    }

    /// The text up to the `close` matching an already read `open` (nested
    /// pairs counted); `\` escapes only the delimiters and itself.
    fn delimited(&mut self, open: char, close: char) -> Option<String> {
        let mut out = String::new();
        let mut depth = 0usize;
        let mut chars = self.rest().char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => {
                    let (_, next) = chars.next()?;
                    if next != open && next != close && next != '\\' {
                        out.push('\\');
                    }
                    out.push(next);
                }
                c if c == close && depth == 0 => {
                    self.at += i + c.len_utf8();
                    return Some(out);
                }
                c => {
                    if c == close {
                        depth -= 1;
                    } else if c == open && open != close {
                        depth += 1;
                    }
                    out.push(c);
                }
            }
        }
        None
    }

    fn single_quoted(&mut self) -> Option<String> {
        let mut out = String::new();
        let mut chars = self.rest().char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => {
                    let (_, next) = chars.next()?;
                    if next != '\'' && next != '\\' {
                        out.push('\\');
                    }
                    out.push(next);
                }
                '\'' => {
                    self.at += i + 1;
                    return Some(out);
                }
                c => out.push(c),
            }
        }
        None
    }

    /// A double-quoted string after its `"`: the escapes `String#dump`
    /// writes (`\n`, `\"`, `\#`, `\u00E9`, `\u{1F600}`, `\xE9`, octal);
    /// an unescaped `#{` is interpolation, not a literal.
    fn double_quoted(&mut self) -> Option<String> {
        let rest = self.rest();
        let bytes = rest.as_bytes();
        let mut out: Vec<u8> = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'"' => {
                    self.at += i + 1;
                    return Some(String::from_utf8_lossy(&out).into_owned());
                }
                b'#' if matches!(bytes.get(i + 1), Some(b'{' | b'$' | b'@')) => return None,
                b'\\' => {
                    let escape = *bytes.get(i + 1)?;
                    i += 2;
                    match escape {
                        b'n' => out.push(b'\n'),
                        b't' => out.push(b'\t'),
                        b'r' => out.push(b'\r'),
                        b'e' => out.push(0x1b),
                        b's' => out.push(b' '),
                        b'a' => out.push(0x07),
                        b'b' => out.push(0x08),
                        b'f' => out.push(0x0c),
                        b'v' => out.push(0x0b),
                        b'u' if bytes.get(i) == Some(&b'{') => {
                            let end = i + rest[i..].find('}')?;
                            for code in rest[i + 1..end].split_whitespace() {
                                push_char(&mut out, u32::from_str_radix(code, 16).ok()?)?;
                            }
                            i = end + 1;
                        }
                        b'u' => {
                            let hex = rest.get(i..i + 4)?;
                            push_char(&mut out, u32::from_str_radix(hex, 16).ok()?)?;
                            i += 4;
                        }
                        b'x' => {
                            let len = bytes[i..]
                                .iter()
                                .take(2)
                                .take_while(|b| b.is_ascii_hexdigit())
                                .count();
                            let hex = rest.get(i..i + len).filter(|h| !h.is_empty())?;
                            out.push(u8::from_str_radix(hex, 16).ok()?);
                            i += len;
                        }
                        b'0'..=b'7' => {
                            let len = 1 + bytes[i..]
                                .iter()
                                .take(2)
                                .take_while(|b| (b'0'..=b'7').contains(b))
                                .count();
                            let octal = rest.get(i - 1..i - 1 + len)?;
                            out.push((u32::from_str_radix(octal, 8).ok()? & 0xff) as u8);
                            i += len - 1;
                        }
                        other => out.push(other),
                    }
                }
                b => {
                    out.push(b);
                    i += 1;
                }
            }
        }
        None
    }
}

fn push_char(out: &mut Vec<u8>, code: u32) -> Option<()> {
    let c = char::from_u32(code)?;
    let mut buffer = [0u8; 4];
    out.extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
    Some(())
}

/// `line` without a trailing `# comment` (a `#` outside any string).
pub fn strip_comment(line: &str) -> &str {
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        if escaped {
            escaped = false;
            continue;
        }
        match (quote, c) {
            (Some(_), '\\') => escaped = true,
            (Some(q), c) if c == q => quote = None,
            (None, '"' | '\'') => quote = Some(c),
            (None, '#') => return &line[..i],
            _ => {}
        }
    }
    line
}

#[cfg(test)]
mod tests {
    use super::{strip_comment, Reader, Value};

    fn read(text: &str) -> Option<Value> {
        Reader::new(text).value()
    }

    fn s(text: &str) -> Value {
        Value::Str(text.to_owned())
    }

    #[test]
    fn strings_as_rubygems_dumps_them() {
        assert_eq!(read(r#""rack".freeze"#), Some(s("rack")));
        assert_eq!(
            read(r#""Nokogiri (\u92F8) makes\nit \"easy\"".freeze"#),
            Some(s("Nokogiri (\u{92F8}) makes\nit \"easy\""))
        );
        assert_eq!(read(r#""Andr\u00E9 \u{1F600}""#), Some(s("André 😀")));
        assert_eq!(read(r#""caf\xC3\xA9 \101""#), Some(s("café A")));
        assert_eq!(
            read(r#""\#{not interpolated}""#),
            Some(s("#{not interpolated}"))
        );
        assert_eq!(read(r##""#{interpolated}""##), None);
        assert_eq!(read("'it\\'s'"), Some(s("it's")));
        assert_eq!(read("%q{rack}"), Some(s("rack")));
        assert_eq!(read("%q<rack-test>.freeze"), Some(s("rack-test")));
        assert_eq!(read("%q(a (b) c)"), Some(s("a (b) c")));
        assert_eq!(read("\"unterminated"), None);
    }

    #[test]
    fn lists_hashes_and_symbols() {
        assert_eq!(
            read(r#"["~> 2.2".freeze, ">= 2.2.4"]"#),
            Some(Value::List(vec![s("~> 2.2"), s(">= 2.2.4")]))
        );
        assert_eq!(
            read(r#"{ "homepage_uri" => "https://x", "a" => "b" }"#),
            Some(Value::Hash(vec![
                (s("homepage_uri"), s("https://x")),
                (s("a"), s("b"))
            ]))
        );
        assert_eq!(
            read("[:development, :test]"),
            Some(Value::List(vec![
                Value::Symbol("development".into()),
                Value::Symbol("test".into())
            ]))
        );
        assert_eq!(
            read("%i[development test]").unwrap().strings(),
            ["development", "test"]
        );
        assert_eq!(read("Gem::Requirement.new(\">= 0\")"), None);
        assert_eq!(read("nil"), Some(Value::Other));
        let deep = format!("{}1{}", "[".repeat(100), "]".repeat(100));
        assert_eq!(read(&deep), None);
    }

    #[test]
    fn comments_outside_strings() {
        assert_eq!(strip_comment("gem 'a' # note"), "gem 'a' ");
        assert_eq!(strip_comment("gem \"a#b\""), "gem \"a#b\"");
    }
}
