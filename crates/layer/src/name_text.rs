//! Entry names as text, one to one. Tar names and link targets are bytes,
//! while the view, the selection globs and the catalogers work on `str`.
//! Lossy UTF-8 would turn `caf\xe9` and `caf\xff` both into `caf\u{fffd}`, so
//! a whiteout of one would delete the other and a hostile image could hide
//! what a container sees. Here valid UTF-8 stays as it is and every other
//! byte `b` becomes the private-use char U+F700+`b`; a name that already
//! holds such a char has each of that char's bytes escaped the same way, so
//! no two names ever share a text. Documents and messages show escaped
//! bytes as U+FFFD ([`shown`]), as syft and trivy do.

use std::borrow::Cow;

/// Escaped bytes are 0x80..=0xFF (ASCII is always valid UTF-8).
const ESCAPES: std::ops::RangeInclusive<char> = '\u{F780}'..='\u{F7FF}';

/// The text for a name's bytes: the same bytes when they are UTF-8 without
/// escape chars, else with every invalid byte (and every byte of an escape
/// char) escaped.
pub fn name_text(raw: &[u8]) -> Cow<'_, str> {
    if let Ok(text) = std::str::from_utf8(raw) {
        // Escape chars are encoded as EF 9E xx or EF 9F xx.
        if !raw.contains(&0xEF) || !text.contains(|c| ESCAPES.contains(&c)) {
            return Cow::Borrowed(text);
        }
    }
    let mut text = String::with_capacity(raw.len() + 8);
    // U+F700..=U+F7FF are all chars (no surrogates), so the fallback is
    // never taken.
    let escape = |text: &mut String, bytes: &[u8]| {
        text.extend(
            bytes
                .iter()
                .map(|&b| char::from_u32(0xF700 + u32::from(b)).unwrap_or('\u{fffd}')),
        );
    };
    for chunk in raw.utf8_chunks() {
        for c in chunk.valid().chars() {
            if ESCAPES.contains(&c) {
                escape(&mut text, c.encode_utf8(&mut [0; 4]).as_bytes());
            } else {
                text.push(c);
            }
        }
        escape(&mut text, chunk.invalid());
    }
    Cow::Owned(text)
}

/// A name's text as documents and messages show it: escaped bytes as U+FFFD.
pub fn shown(text: &str) -> Cow<'_, str> {
    if !text.contains(|c| ESCAPES.contains(&c)) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| if ESCAPES.contains(&c) { '\u{fffd}' } else { c })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_names_are_kept_as_they_are() {
        assert!(matches!(
            name_text(b"usr/lib/caf\xc3\xa9"),
            Cow::Borrowed("usr/lib/caf\u{e9}")
        ));
    }

    #[test]
    fn different_bytes_never_share_a_text() {
        let names: [&[u8]; 6] = [
            b"caf\xe9",
            b"caf\xff",
            b"caf\xef\xbf\xbd",     // a real U+FFFD
            b"caf\xef\x9f\xa9",     // a real U+F7E9, the escape of \xe9
            b"caf\xef\x9f",         // a cut-off char
            b"caf\xe9\xef\x9f\xa9", // both
        ];
        let texts: Vec<String> = names.iter().map(|n| name_text(n).into_owned()).collect();
        for (i, a) in texts.iter().enumerate() {
            for b in &texts[i + 1..] {
                assert_ne!(a, b);
            }
        }
        assert_eq!(texts[0], "caf\u{f7e9}");
        assert_eq!(texts[3], "caf\u{f7ef}\u{f79f}\u{f7a9}");
    }

    #[test]
    fn escaped_bytes_are_shown_as_replacement_chars() {
        assert_eq!(shown(&name_text(b"caf\xe9/x")), "caf\u{fffd}/x");
        assert!(matches!(shown("plain"), Cow::Borrowed("plain")));
    }
}
