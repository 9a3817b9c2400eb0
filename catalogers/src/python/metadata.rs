//! The files of an installed distribution: core metadata (`METADATA`,
//! `PKG-INFO`: RFC 822-style headers, continuation lines indented, the body
//! after the first blank line), `RECORD` (CSV: path, `sha256=<urlsafe
//! base64>`, size) and setuptools' `installed-files.txt` (one path a line).

use base64::Engine as _;

/// The headers of a core-metadata file, in order; a header may repeat
/// (`Classifier`, `Requires-Dist`, `License-File`).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct CoreMetadata {
    headers: Vec<(String, String)>,
}

impl CoreMetadata {
    /// Parses the header block; `None` when it names no distribution.
    pub fn parse(text: &str) -> Option<CoreMetadata> {
        let mut headers: Vec<(String, String)> = Vec::new();
        for line in text.lines() {
            if line.trim().is_empty() {
                break; // the description body follows
            }
            if line.starts_with([' ', '\t']) {
                if let Some((_, value)) = headers.last_mut() {
                    value.push('\n');
                    value.push_str(line.trim());
                }
                continue;
            }
            let Some((key, value)) = line.split_once(':') else {
                return None; // not a metadata file
            };
            headers.push((key.trim().to_owned(), value.trim().to_owned()));
        }
        let metadata = CoreMetadata { headers };
        metadata.get("Name").filter(|n| !n.is_empty())?;
        Some(metadata)
    }

    /// The first value of a header (names compare case-insensitively).
    pub fn get(&self, key: &str) -> Option<&str> {
        self.values(key).next()
    }

    /// Every value of a header.
    pub fn all<'a>(&'a self, key: &'static str) -> impl Iterator<Item = &'a str> + 'a {
        self.values(key)
    }

    fn values<'a, 'k>(&'a self, key: &'k str) -> impl Iterator<Item = &'a str> + use<'a, 'k> {
        self.headers
            .iter()
            .filter(move |(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty() && *v != "UNKNOWN")
    }
}

/// One line of a RECORD file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordEntry {
    /// As written: relative to the site-packages directory.
    pub path: String,
    /// Lowercase hex of the sha256, when recorded.
    pub sha256: Option<String>,
}

/// The entries of a RECORD file; lines that are not three CSV fields led by
/// a path are counted in the second value.
pub fn parse_record(text: &str) -> (Vec<RecordEntry>, usize) {
    let mut entries = Vec::new();
    let mut bad = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let fields = split_csv(line);
        // path, hash, size: three fields, the path never empty.
        let Some(path) = fields
            .first()
            .filter(|p| !p.is_empty() && fields.len() == 3)
        else {
            bad += 1;
            continue;
        };
        let sha256 = fields
            .get(1)
            .and_then(|hash| hash.strip_prefix("sha256="))
            .and_then(|b64| {
                base64::engine::general_purpose::URL_SAFE_NO_PAD
                    .decode(b64.trim_end_matches('='))
                    .ok()
            })
            .filter(|bytes| bytes.len() == 32)
            .map(|bytes| bytes.iter().map(|b| format!("{b:02x}")).collect());
        entries.push(RecordEntry {
            path: path.clone(),
            sha256,
        });
    }
    (entries, bad)
}

/// Fields of one CSV line (double quotes group, `""` is a quote).
fn split_csv(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                push(&mut fields, '"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(String::new()),
            (c, _) => push(&mut fields, c),
        }
    }
    fields
}

fn push(fields: &mut [String], c: char) {
    if let Some(field) = fields.last_mut() {
        field.push(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_continue_and_repeat() {
        let text = "Metadata-Version: 2.1\nName: x\nVersion: 1\nLicense: line one\n        line two\nClassifier: A\nClassifier: B\nAuthor: UNKNOWN\n\nBody: not a header\n";
        let m = CoreMetadata::parse(text).unwrap();
        assert_eq!(m.get("license"), Some("line one\nline two"));
        assert_eq!(m.all("Classifier").collect::<Vec<_>>(), ["A", "B"]);
        assert_eq!(m.get("Author"), None);
        assert_eq!(m.get("Body"), None);
        assert!(CoreMetadata::parse("garbage without colon\n").is_none());
        assert!(CoreMetadata::parse("Version: 1\n").is_none());
    }

    #[test]
    fn record_lines() {
        let (entries, bad) = parse_record(
            "six.py,sha256=o9Db-I4WRx5Xa_iYRbLaQ4ZS4wsFDT8KKPagYhCunjQ,34549\n\"a,b.py\",,\n,,\n<<<<<<< HEAD\n",
        );
        assert_eq!(bad, 2);
        assert_eq!(entries[0].path, "six.py");
        assert_eq!(
            entries[0].sha256.as_deref(),
            Some("a3d0dbf88e16471e576bf89845b2da438652e30b050d3f0a28f6a06210ae9e34")
        );
        assert_eq!(entries[1].path, "a,b.py");
        assert_eq!(entries[1].sha256, None);
    }
}
