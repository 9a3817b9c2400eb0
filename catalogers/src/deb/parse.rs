//! Parser for dpkg's control-file format (the `status` database, `status.d/*`
//! files of distroless images, opkg's `status`).
//!
//! A database is paragraphs ("stanzas") separated by blank lines; each line is
//! `Field: value` or a continuation line starting with a space or tab. A stanza
//! with a line that is neither is skipped whole and reported, the rest are kept.
//! Input need not be UTF-8 (maintainer names in Latin-1 exist); it is read lossily.

/// One paragraph: its first line number (1-based) and its fields in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stanza {
    pub line: usize,
    fields: Vec<(String, String)>,
}

impl Stanza {
    /// A field's value (first line, then continuation lines joined by `\n`);
    /// field names compare case-insensitively, as dpkg does.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(field, _)| field.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// A field's value with surrounding whitespace removed; `None` when empty.
    pub fn text(&self, name: &str) -> Option<String> {
        let value = self.get(name)?.trim();
        (!value.is_empty()).then(|| value.to_owned())
    }
}

/// Why a stanza was dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadStanza {
    pub line: usize,
    pub reason: String,
}

/// Splits a control file into stanzas, skipping malformed ones.
pub fn parse_stanzas(data: &[u8]) -> (Vec<Stanza>, Vec<BadStanza>) {
    let text = String::from_utf8_lossy(data);
    let mut stanzas = Vec::new();
    let mut bad = Vec::new();
    let mut current = Stanza::default();
    let mut broken: Option<BadStanza> = None;

    let mut finish = |current: &mut Stanza, broken: &mut Option<BadStanza>| {
        let stanza = std::mem::take(current);
        match broken.take() {
            Some(problem) => bad.push(problem),
            None if !stanza.fields.is_empty() => stanzas.push(stanza),
            None => {}
        }
    };

    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        if line.trim().is_empty() {
            finish(&mut current, &mut broken);
            continue;
        }
        if current.fields.is_empty() && broken.is_none() {
            current.line = number;
        }
        if broken.is_some() {
            continue;
        }
        if line.starts_with([' ', '\t']) {
            match current.fields.last_mut() {
                Some((_, value)) => {
                    value.push('\n');
                    value.push_str(line.trim());
                }
                None => {
                    broken = Some(BadStanza {
                        line: number,
                        reason: "continuation line before any field".to_owned(),
                    });
                }
            }
            continue;
        }
        match line.split_once(':') {
            Some((name, value)) if !name.is_empty() && !name.contains(char::is_whitespace) => {
                current
                    .fields
                    .push((name.to_owned(), value.trim().to_owned()));
            }
            _ => {
                let shown: String = line.chars().take(40).collect();
                broken = Some(BadStanza {
                    line: number,
                    reason: format!("{shown:?} is not a \"Field: value\" line"),
                });
            }
        }
    }
    finish(&mut current, &mut broken);
    (stanzas, bad)
}

/// Splits a relationship field (`Depends`, `Provides`, …) into its
/// comma-separated entries, trimmed, empty ones dropped.
pub fn split_relations(value: Option<&str>) -> Vec<String> {
    value
        .unwrap_or_default()
        .split(',')
        .map(|entry| entry.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|entry| !entry.is_empty())
        .collect()
}

/// The package names an entry such as `default-mta | mail-transport-agent`
/// or `libc6:any (>= 2.36) [amd64] <!nocheck>` can be satisfied by.
pub fn alternative_names(entry: &str) -> Vec<String> {
    entry
        .split('|')
        .filter_map(|alternative| {
            let name = alternative
                .split(['(', '[', '<'])
                .next()
                .unwrap_or_default()
                .trim();
            let name = name.split(':').next().unwrap_or_default();
            (!name.is_empty()).then(|| name.to_owned())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn continuation_lines_join_the_field() {
        let (stanzas, bad) =
            parse_stanzas(b"Package: a\nDepends: b,\n c [i386]\nDescription: short\n long\n .\n");
        assert!(bad.is_empty());
        assert_eq!(stanzas[0].get("depends"), Some("b,\nc [i386]"));
        assert_eq!(
            split_relations(stanzas[0].get("Depends")),
            ["b", "c [i386]"]
        );
    }

    #[test]
    fn garbage_stanza_is_skipped_and_reported() {
        let (stanzas, bad) = parse_stanzas(
            b"Package: a\nVersion: 1\n\nPackage: b\nthis is garbage\nVersion: 2\n\nPackage: c\n",
        );
        let names: Vec<_> = stanzas.iter().map(|s| s.get("Package").unwrap()).collect();
        assert_eq!(names, ["a", "c"]);
        assert_eq!(bad.len(), 1);
        assert_eq!(bad[0].line, 5);
    }

    #[test]
    fn alternatives_lose_versions_arches_and_profiles() {
        assert_eq!(
            alternative_names("libc6:any (>= 2.36) [amd64] <!nocheck> | musl"),
            ["libc6", "musl"]
        );
    }
}
