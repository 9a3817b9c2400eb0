//! What Debian's `/usr/share/doc/PACKAGE/copyright` says: licenses and
//! copyright notices.
//!
//! - Licenses come from machine-readable files (DEP-5, with a `Format:`
//!   header) only: the values of their `License:` fields (`none` and empty
//!   values dropped) and the `/usr/share/common-licenses/NAME` files they
//!   refer to, sorted and deduplicated — the same reading syft gives, so
//!   results compare. Free-form files give no license rather than a guess.
//! - Copyright notices come from both kinds, in file order, deduplicated:
//!   in a DEP-5 file the value of every `Copyright:` field, one line of it
//!   per notice (continuation lines included, the ` .` blank-line marker
//!   left out); in a free-form file every line that starts with `Copyright`
//!   followed by `(C)`, `(c)`, `©`, `:` or a year, trimmed (a leading `*`,
//!   `-` or `#` list or comment marker too, as files quoting source headers
//!   have them), but not a license's template (`Copyright (C) <year> …`).
//!   A notice inside prose (`GCC is Copyright (C) …`) is not taken.

use std::collections::HashSet;

const COMMON_LICENSES: &str = "/usr/share/common-licenses/";

/// What a copyright file says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CopyrightFile {
    /// The license names a DEP-5 file declares; `None` for a free-form file.
    pub licenses: Option<Vec<String>>,
    /// The copyright notices, in file order, each once.
    pub notices: Vec<String>,
}

/// Reads a copyright file (see the module comment for what is taken).
pub fn parse_copyright(data: &[u8]) -> CopyrightFile {
    let text = String::from_utf8_lossy(data);
    if is_dep5(&text) {
        CopyrightFile {
            licenses: Some(licenses(&text)),
            notices: dep5_notices(&text),
        }
    } else {
        CopyrightFile {
            licenses: None,
            notices: free_form_notices(&text),
        }
    }
}

/// The license names a DEP-5 copyright file declares, or `None` when the file
/// is not machine-readable.
pub fn dep5_licenses(data: &[u8]) -> Option<Vec<String>> {
    let text = String::from_utf8_lossy(data);
    is_dep5(&text).then(|| licenses(&text))
}

/// A `Format:` field in the first paragraph.
fn is_dep5(text: &str) -> bool {
    let first_paragraph = text.split("\n\n").next().unwrap_or_default();
    first_paragraph
        .lines()
        .any(|line| field_value(line, "format").is_some())
}

fn licenses(text: &str) -> Vec<String> {
    let mut names: Vec<String> = text
        .lines()
        .filter_map(|line| field_value(line, "license"))
        .filter(|value| !value.is_empty() && !value.eq_ignore_ascii_case("none"))
        .map(str::to_owned)
        .collect();
    let mut rest = text;
    while let Some(at) = rest.find(COMMON_LICENSES) {
        rest = &rest[at + COMMON_LICENSES.len()..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '+'))
            .collect();
        let name = name.trim_end_matches('.');
        if !name.is_empty() {
            names.push(name.to_owned());
        }
    }
    names.sort();
    names.dedup();
    names
}

/// Every line of every `Copyright:` field's value.
fn dep5_notices(text: &str) -> Vec<String> {
    let mut notices = Notices::default();
    let mut in_copyright = false;
    for line in text.lines() {
        if line.trim().is_empty() {
            in_copyright = false; // a paragraph ends
        } else if line.starts_with([' ', '\t']) {
            let value = line.trim();
            if in_copyright && value != "." {
                notices.add(value);
            }
        } else if line.starts_with('#') {
            // a comment line: no field starts or ends
        } else if let Some(value) = field_value(line, "copyright") {
            in_copyright = true;
            notices.add(value);
        } else {
            in_copyright = false;
        }
    }
    notices.list
}

/// Lines that start with a copyright notice.
fn free_form_notices(text: &str) -> Vec<String> {
    let mut notices = Notices::default();
    for line in text.lines() {
        let line = line.trim().trim_start_matches(['*', '-', '#']).trim_start();
        if is_notice(line) {
            notices.add(line.trim_end());
        }
    }
    notices.list
}

/// `Copyright` then `(C)`, `(c)`, `©`, `:` or a year, then something.
fn is_notice(line: &str) -> bool {
    let Some(word) = line
        .get(..9)
        .filter(|w| w.eq_ignore_ascii_case("copyright"))
    else {
        return false;
    };
    let rest = line[word.len()..].trim_start();
    let stated = ["(C)", "(c)", "©", ":"]
        .iter()
        .find_map(|marker| rest.strip_prefix(marker))
        .map(str::trim)
        .filter(|holder| !holder.is_empty())
        .is_some()
        || rest.starts_with(|c: char| c.is_ascii_digit());
    let lower = rest.to_ascii_lowercase();
    stated && !lower.contains("<year>") && !lower.contains("yyyy")
}

/// Notices in the order first seen, each once.
#[derive(Default)]
struct Notices {
    list: Vec<String>,
    seen: HashSet<String>,
}

impl Notices {
    fn add(&mut self, notice: &str) {
        if !notice.is_empty() && self.seen.insert(notice.to_owned()) {
            self.list.push(notice.to_owned());
        }
    }
}

fn field_value<'a>(line: &'a str, field: &str) -> Option<&'a str> {
    let (name, value) = line.split_once(':')?;
    name.eq_ignore_ascii_case(field).then(|| value.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn liblzma5_dep5_gives_syfts_list() {
        let names = dep5_licenses(include_bytes!("testdata/copyright-liblzma5-dep5")).unwrap();
        assert_eq!(
            names,
            [
                "Autoconf",
                "GPL-2",
                "GPL-2+",
                "GPL-3",
                "LGPL-2",
                "LGPL-2.1",
                "LGPL-2.1+",
                "PD",
                "PD-debian",
                "config-h",
                "noderivs",
                "permissive-fsf",
                "permissive-nowarranty",
                "probably-PD"
            ]
        );
    }

    #[test]
    fn free_form_copyright_gives_no_license() {
        assert_eq!(
            dep5_licenses(include_bytes!("testdata/copyright-libc6-nondep5")),
            None
        );
    }

    fn notices(data: &[u8]) -> Vec<String> {
        parse_copyright(data).notices
    }

    #[test]
    fn dep5_notices_are_every_copyright_line() {
        let file = parse_copyright(include_bytes!("testdata/copyright-liblzma5-dep5"));
        assert_eq!(file.licenses.as_ref().map(Vec::len), Some(14));
        // 40 distinct lines of 19 Copyright fields, in file order; a wrapped
        // notice stays two lines.
        assert_eq!(file.notices.len(), 40);
        assert_eq!(
            file.notices[..3],
            [
                "2006-2012, Lasse Collin",
                "1999-2008, Igor Pavlov",
                "2006, Ville Koskinen"
            ]
        );
        assert_eq!(
            file.notices[32..34],
            [
                "© 1994, 1995, 1996, 1999, 2000, 2001, 2002, 2004, 2005,",
                "2006, 2007, 2008, 2009, 2010 Free Software Foundation, Inc."
            ]
        );
        assert_eq!(file.notices[39], "2009-2012, Jonathan Nieder");
        // "2009-2010, Lasse Collin" is stated for three paragraphs: once.
        let lasse = file
            .notices
            .iter()
            .filter(|n| *n == "2009-2010, Lasse Collin");
        assert_eq!(lasse.count(), 1);

        // Values only on continuation lines, the same notice in two files.
        assert_eq!(
            notices(include_bytes!("testdata/copyright-libacl1-dep5")),
            [
                "Copyright © 2000-2008 Silicon Graphics, Inc.",
                "Copyright © 1999-2001,2007-2009 Andreas Gruenbacher",
                "Copyright © 2001-2002 Silicon Graphics, Inc.",
                "Copyright © 1999-2003,2007,2009,2011 Andreas Gruenbacher",
            ]
        );
        // Tab-indented continuation lines; the ` .` marker is no notice. The
        // file puts its license text in the field: it is taken as stated.
        let hostname = notices(include_bytes!("testdata/copyright-hostname-dep5"));
        assert_eq!(
            hostname[..5],
            [
                "Copyright (C) 2009 Michael Meskes <meskes@debian.org>",
                "Copyright (C) 2004-2005 Graham Wilson <graham@debian.org>",
                "Copyright (C) 1997 Bernd Eckenfels",
                "Copyright (C) 1997 Peter Tobias <tobias@et-inf.fho-emden.de>",
                "Copyright (C) 1996 Free Software Foundation, Inc.",
            ]
        );
        assert_eq!(
            hostname[5],
            "This program is free software; you can redistribute it and/or modify"
        );
        assert!(!hostname.iter().any(|n| n == "."));
    }

    #[test]
    fn free_form_notices_are_lines_starting_with_copyright() {
        assert_eq!(
            notices(include_bytes!("testdata/copyright-base-files-nondep5")),
            ["Copyright (C) 1995-2011 Software in the Public Interest."]
        );
        // "libsemanage is Copyright © 2004-2007 Tresys …" is prose: left out.
        assert_eq!(
            notices(include_bytes!("testdata/copyright-libsemanage2-nondep5")),
            ["Copyright © 2005 Red Hat, Inc."]
        );
        assert_eq!(
            notices(include_bytes!("testdata/copyright-libselinux1-nondep5")),
            ["Copyright: 2004 Red Hat, Inc., James Morris <jmorris@redhat.com>"]
        );
        let libc = notices(include_bytes!("testdata/copyright-libc6-nondep5"));
        assert_eq!(libc.len(), 16);
        assert_eq!(
            libc[..3],
            [
                "Copyright (C) 1991-2015 Free Software Foundation, Inc.",
                "Copyright (C) 1991 Regents of the University of California.",
                "Copyright (c) 2010, Oracle America, Inc.",
            ]
        );
        assert_eq!(
            libc[15],
            "Copyright 2001 by Stephen L. Moshier <moshier@na-net.ornl.gov>"
        );
        // Headings, prose, list markers, templates.
        let text = "Copyright:\ncopyright notice\nCopyrighted 1990\n * Copyright (c) 2002 A\n# Copyright 2003 B\n    Copyright (C) <year>  <name of author>\nCopyright [yyyy] [name]\nCOPYRIGHT (C) 1999 C\nCopyright ©\n";
        assert_eq!(
            notices(text.as_bytes()),
            [
                "Copyright (c) 2002 A",
                "Copyright 2003 B",
                "COPYRIGHT (C) 1999 C"
            ]
        );
        assert!(notices("Copyrigh\u{e9}".as_bytes()).is_empty());
        assert!(notices(b"\xff\xfe").is_empty());
    }
}
