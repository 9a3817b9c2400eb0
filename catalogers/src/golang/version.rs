//! The version of a main module built as `(devel)`, found the way syft
//! finds it (`golang.main-module-version` at its defaults): first a
//! version the linker stamped into the binary with `-ldflags -X`, else a
//! pseudo-version from the VCS stamp (`vcs.revision` and `vcs.time`).
//!
//! The linker flags count only when the variable belongs to the main
//! module (or is `main.…`): a key whose last element ends in `ver`,
//! `Ver`, `version`, `Version` (`main.version`, `app.ver`, `gitVersion`,
//! `BuildVersion`, `TiDBReleaseVersion`), then one ending in `tag`/`Tag`,
//! with a value that starts like `1.2.3` (a `kustomize/v4.5.7` value gives
//! `v4.5.7`). The first such key in the flags wins; the version keeps a
//! `-suffix` of letters, digits, `-` and `_` and always starts with `v`.
//! The pseudo-version is Go's form for a module with no tag:
//! `v0.0.0-<UTC yyyymmddhhmmss of vcs.time>-<first 12 characters of
//! vcs.revision>`.

use regex::Regex;

use super::buildinfo::BuildInfo;

/// What follows the module prefix in syft's two ldflags patterns, in
/// order: a version-named key, then a tag-named one. Go's `\d`, `\w` and
/// `\S` are ASCII-only, so the classes are spelt out.
const KEY_PATTERNS: [&str; 2] = [
    r"\.[a-zA-Z0-9]*([rR]elease)?([gG]it)?([bB]uild)?[vV]er(sion)?=([^\t\n\f\r ]+/)*(?P<version>v?[0-9]+.[0-9]+.[0-9]+[-0-9A-Za-z_]*)",
    r"\.[a-zA-Z0-9]*([tT]ag)=([^\t\n\f\r ]+/)*(?P<version>v?[0-9]+.[0-9]+.[0-9]+[-0-9A-Za-z_]*)",
];

/// Module paths longer than this are not real ones (Go allows far less);
/// no pattern is built for them.
const MAX_MODULE_PATH: usize = 4096;

/// The version to report for a `(devel)` main module `module`, or `None`.
pub fn devel_version(info: &BuildInfo, module: &str) -> Option<String> {
    let setting = |key: &str| {
        info.settings
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    };
    if let Some(version) = setting("-ldflags").and_then(|flags| from_ldflags(flags, module)) {
        return Some(version);
    }
    let revision = setting("vcs.revision")?;
    let time = setting("vcs.time")?;
    Some(pseudo_version(revision, time))
}

/// The version `-X` stamped for `module` (or `main`) in `ldflags`.
pub fn from_ldflags(ldflags: &str, module: &str) -> Option<String> {
    if ldflags.is_empty() || module.len() > MAX_MODULE_PATH {
        return None;
    }
    let owner = format!(r"(main|{}/[^\t\n\f\r ]*)", regex::escape(module));
    for pattern in KEY_PATTERNS {
        let Ok(regex) = Regex::new(&format!("{owner}{pattern}")) else {
            continue;
        };
        if let Some(version) = regex
            .captures(ldflags)
            .and_then(|c| c.name("version"))
            .map(|m| m.as_str())
        {
            return Some(if version.starts_with('v') {
                version.to_owned()
            } else {
                format!("v{version}")
            });
        }
    }
    None
}

/// Go's pseudo-version of an untagged commit: `v0.0.0-<time>-<revision>`,
/// the time in UTC (Go's zero time when `time` is not RFC 3339).
pub fn pseudo_version(revision: &str, time: &str) -> String {
    let revision = revision.get(..12).unwrap_or(revision);
    let stamp = utc_stamp(time).unwrap_or_else(|| "00010101000000".to_owned());
    format!("v0.0.0-{stamp}-{revision}")
}

/// `2025-02-05T06:13:48Z` (RFC 3339, any offset, optional fraction) as
/// `20250205061348` in UTC.
fn utc_stamp(time: &str) -> Option<String> {
    let bytes = time.as_bytes();
    let number = |range: std::ops::Range<usize>| -> Option<i64> {
        let digits = bytes.get(range)?;
        if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        std::str::from_utf8(digits).ok()?.parse().ok()
    };
    let separators = [(4, b'-'), (7, b'-'), (13, b':'), (16, b':')];
    if separators.iter().any(|&(at, c)| bytes.get(at) != Some(&c))
        || !matches!(bytes.get(10), Some(b'T' | b't'))
    {
        return None;
    }
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let (hour, minute, second) = (number(11..13)?, number(14..16)?, number(17..19)?);
    if !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let mut rest = &time[19..];
    if let Some(fraction) = rest.strip_prefix('.') {
        let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        rest = &fraction[digits..];
    }
    let offset_minutes = match rest.as_bytes() {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2]
            if [h1, h2, m1, m2].iter().all(|b| b.is_ascii_digit()) =>
        {
            let hours = i64::from((h1 - b'0') * 10 + (h2 - b'0'));
            let minutes = i64::from((m1 - b'0') * 10 + (m2 - b'0'));
            let total = hours * 60 + minutes;
            if *sign == b'-' {
                -total
            } else {
                total
            }
        }
        _ => return None,
    };
    let seconds = days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second
        - offset_minutes * 60;
    let (days, second_of_day) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    let (year, month, day) = civil_from_days(days);
    if !(0..=9999).contains(&year) {
        return None;
    }
    Some(format!(
        "{year:04}{month:02}{day:02}{:02}{:02}{:02}",
        second_of_day / 3600,
        second_of_day % 3600 / 60,
        second_of_day % 60
    ))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date of a day count since 1970-01-01 (the inverse of [`days_from_civil`]).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}
