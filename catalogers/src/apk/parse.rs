//! Parser for apk's installed database (`lib/apk/db/installed`).
//!
//! Records are separated by blank lines; each line is `K:value` with a
//! one-letter key. `F:` opens a directory, `R:` names a file in it, `a:`/`M:`
//! give the owner and mode of the last file/directory and `Z:` its checksum.
//! Lines are split on `\n` with no length limit (syft lost whole databases to
//! a 64 KB scanner limit). A record that is not well-formed (a line without a
//! key, or no `P:`/`V:`) is skipped and reported; the rest are kept.

use base64::Engine;

use crate::model::{FileDigest, OwnedFile};

/// One package record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApkRecord {
    pub line: usize,
    pub name: String,
    pub version: String,
    pub arch: Option<String>,
    pub origin: Option<String>,
    pub license: Option<String>,
    pub maintainer: Option<String>,
    pub url: Option<String>,
    pub description: Option<String>,
    pub size: Option<u64>,
    pub installed_size: Option<u64>,
    pub depends: Vec<String>,
    pub provides: Vec<String>,
    pub checksum: Option<String>,
    pub commit: Option<String>,
    pub files: Vec<OwnedFile>,
}

/// A record that was skipped, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadRecord {
    pub line: usize,
    pub reason: String,
}

/// Parses the whole database.
pub fn parse_installed(data: &[u8]) -> (Vec<ApkRecord>, Vec<BadRecord>) {
    let text = String::from_utf8_lossy(data);
    let mut records = Vec::new();
    let mut bad = Vec::new();
    let mut current = Builder::default();
    for (index, line) in text.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.is_empty() {
            current.finish(&mut records, &mut bad);
            continue;
        }
        current.line(index + 1, line);
    }
    current.finish(&mut records, &mut bad);
    (records, bad)
}

#[derive(Default)]
struct Builder {
    record: ApkRecord,
    started: bool,
    problem: Option<BadRecord>,
    dir: String,
    /// Index in `files` of the entry the next `a:`/`M:`/`Z:` line describes.
    last: Option<usize>,
}

impl Builder {
    fn line(&mut self, number: usize, line: &str) {
        if !self.started {
            self.started = true;
            self.record.line = number;
        }
        if self.problem.is_some() {
            return;
        }
        let Some((key, value)) = line.split_once(':').filter(|(k, _)| k.chars().count() == 1)
        else {
            let shown: String = line.chars().take(40).collect();
            self.problem = Some(BadRecord {
                line: number,
                reason: format!("{shown:?} is not a \"K:value\" line"),
            });
            return;
        };
        let r = &mut self.record;
        let text = || Some(value.to_owned()).filter(|v| !v.is_empty());
        match key {
            "P" => r.name = value.to_owned(),
            "V" => r.version = value.to_owned(),
            "A" => r.arch = text(),
            "o" => r.origin = text(),
            "L" => r.license = text(),
            "m" => r.maintainer = text(),
            "U" => r.url = text(),
            "T" => r.description = text(),
            "S" => r.size = value.parse().ok(),
            "I" => r.installed_size = value.parse().ok(),
            "D" => r.depends = value.split_whitespace().map(str::to_owned).collect(),
            "p" => r.provides = value.split_whitespace().map(str::to_owned).collect(),
            "C" => r.checksum = text(),
            "c" => r.commit = text(),
            "F" => {
                self.dir = value.trim_matches('/').to_owned();
                r.files.push(OwnedFile {
                    path: format!("/{}", self.dir),
                    ..OwnedFile::default()
                });
                self.last = Some(r.files.len() - 1);
            }
            "R" => {
                let path = if self.dir.is_empty() {
                    format!("/{value}")
                } else {
                    format!("/{}/{value}", self.dir)
                };
                r.files.push(OwnedFile {
                    path,
                    ..OwnedFile::default()
                });
                self.last = Some(r.files.len() - 1);
            }
            "a" | "M" => {
                if let Some(file) = self.last.and_then(|i| r.files.get_mut(i)) {
                    let mut parts = value.splitn(3, ':');
                    file.uid = parts.next().map(str::to_owned);
                    file.gid = parts.next().map(str::to_owned);
                    file.mode = parts.next().map(str::to_owned);
                }
            }
            "Z" => {
                if let Some(file) = self.last.and_then(|i| r.files.get_mut(i)) {
                    file.digest = q1_digest(value);
                }
            }
            _ => {}
        }
    }

    fn finish(&mut self, records: &mut Vec<ApkRecord>, bad: &mut Vec<BadRecord>) {
        let builder = std::mem::take(self);
        if !builder.started {
            return;
        }
        if let Some(problem) = builder.problem {
            bad.push(problem);
        } else if builder.record.name.is_empty() || builder.record.version.is_empty() {
            bad.push(BadRecord {
                line: builder.record.line,
                reason: "record has no P: (name) or V: (version)".to_owned(),
            });
        } else {
            records.push(builder.record);
        }
    }
}

/// apk's `Q1<base64 sha1>` checksum as a hex sha1 digest.
pub fn q1_digest(value: &str) -> Option<FileDigest> {
    let encoded = value.strip_prefix("Q1")?;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .ok()?;
    (bytes.len() == 20).then(|| FileDigest {
        algorithm: "sha1",
        value: bytes.iter().map(|b| format!("{b:02x}")).collect(),
    })
}

/// The name an apk dependency or provide names, without its version
/// constraint (`so:libc.musl-x86_64.so.1=1`, `musl>=1.2`, `cmd:sh=1.36`).
pub fn constraint_name(entry: &str) -> &str {
    let end = entry.find(['=', '<', '>', '~']).unwrap_or(entry.len());
    &entry[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_do_not_break_parsing() {
        let provides: Vec<String> = (0..20_000).map(|i| format!("cmd:c{i}=1")).collect();
        let db = format!("P:big\nV:1\np:{}\n\nP:after\nV:2\n", provides.join(" "));
        assert!(db.len() > 200_000);
        let (records, bad) = parse_installed(db.as_bytes());
        assert!(bad.is_empty());
        assert_eq!(records.len(), 2);
        assert_eq!(records[0].provides.len(), 20_000);
        assert_eq!(records[1].name, "after");
    }

    #[test]
    fn malformed_records_are_skipped() {
        let (records, bad) =
            parse_installed(b"P:a\nV:1\n\nP:b\ngarbage line\nV:2\n\nV:3\n\nP:c\nV:4\n");
        let names: Vec<_> = records.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["a", "c"]);
        assert_eq!(bad.len(), 2);
        assert_eq!(bad[0].line, 5);
        assert_eq!(bad[1].reason, "record has no P: (name) or V: (version)");
    }

    #[test]
    fn constraints_are_stripped() {
        assert_eq!(constraint_name("musl>=1.2.3_git20230424"), "musl");
        assert_eq!(
            constraint_name("so:libc.musl-x86_64.so.1=1"),
            "so:libc.musl-x86_64.so.1"
        );
        assert_eq!(constraint_name("/bin/sh"), "/bin/sh");
    }

    #[test]
    fn q1_checksums_become_hex_sha1() {
        let d = q1_digest("Q1Kja2+POZKxEkUOZqwSjC6kmaED4=").unwrap();
        assert_eq!(d.algorithm, "sha1");
        assert_eq!(d.value, "2a36b6f8f3992b112450e66ac128c2ea499a103e");
    }
}
