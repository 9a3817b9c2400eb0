//! Go's build information (`debug/buildinfo`): a 32-byte header behind the
//! magic `\xff Go buildinf:` at a 16-byte aligned offset of the binary's
//! data; since Go 1.18 (flag bit 2) followed inline by the Go version and
//! the module information as varint-prefixed strings. The module text is
//! framed by 16-byte sentinels; its lines are `path`, `mod`, `dep`, `=>`
//! (replacing the line before) and `build KEY=VALUE`.

use crate::sniff::{Sniff, Target, WindowLength};

pub const MAGIC: &[u8] = b"\xff Go buildinf:";
const HEADER: usize = 32;
const FLAG_INLINE: u8 = 0x2;

/// What the layer reader keeps of a Go binary: the header and both strings.
pub const SNIFF: Sniff = Sniff {
    name: "go-buildinfo",
    magic: MAGIC,
    align: 16,
    within: u64::MAX,
    max_window: 1 << 20,
    length: window_length,
    target: Target::Executables,
    max_windows: 1,
};

fn window_length(window: &[u8]) -> WindowLength {
    if window.len() < HEADER {
        return WindowLength::NeedMore;
    }
    if !matches!(window[14], 4 | 8) {
        return WindowLength::Reject;
    }
    if window[15] & FLAG_INLINE == 0 {
        return WindowLength::Total(HEADER); // before Go 1.18: nothing inline
    }
    let mut at = HEADER;
    for string in 0..2 {
        // The second length can be read only once the first string is in.
        if string == 1 && at > window.len() {
            return WindowLength::NeedMore;
        }
        match varint(&window[at..]) {
            // A length near u64::MAX must not wrap: no window is that long.
            Varint::Value(length, used) => match usize::try_from(length)
                .ok()
                .and_then(|length| length.checked_add(used))
                .and_then(|length| at.checked_add(length))
            {
                Some(end) => at = end,
                None => return WindowLength::Reject,
            },
            Varint::Short => return WindowLength::NeedMore,
            Varint::Bad => return WindowLength::Reject,
        }
    }
    WindowLength::Total(at)
}

enum Varint {
    Value(u64, usize),
    Short,
    Bad,
}

fn varint(bytes: &[u8]) -> Varint {
    let mut value: u64 = 0;
    for (i, &b) in bytes.iter().enumerate().take(10) {
        value |= u64::from(b & 0x7f) << (7 * i);
        if b & 0x80 == 0 {
            return Varint::Value(value, i + 1);
        }
    }
    if bytes.len() < 10 {
        Varint::Short
    } else {
        Varint::Bad
    }
}

/// A module: path, version (may be `(devel)`), `h1:` sum.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Module {
    pub path: String,
    pub version: String,
    pub sum: Option<String>,
}

/// The build information of one binary.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BuildInfo {
    pub go_version: String,
    /// The main package's import path (`path` line).
    pub path: Option<String>,
    pub main: Option<Module>,
    /// Dependencies as built (a replacement stands for what it replaced).
    pub deps: Vec<Module>,
    pub settings: Vec<(String, String)>,
}

/// Why a window holds no build information.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreadable {
    /// Go before 1.18: the strings are not inline.
    Old,
    Corrupt(&'static str),
}

/// Parses a window [`SNIFF`] kept.
pub fn parse(window: &[u8]) -> Result<BuildInfo, Unreadable> {
    if window.len() < HEADER || !window.starts_with(MAGIC) {
        return Err(Unreadable::Corrupt("the header is cut short"));
    }
    if window[15] & FLAG_INLINE == 0 {
        return Err(Unreadable::Old);
    }
    let mut at = HEADER;
    let mut strings = Vec::new();
    for _ in 0..2 {
        let Varint::Value(length, used) = varint(&window[at..]) else {
            return Err(Unreadable::Corrupt("a length is cut short"));
        };
        let start = at + used;
        let end = start
            .checked_add(length as usize)
            .filter(|&end| end <= window.len())
            .ok_or(Unreadable::Corrupt("a string runs past the end"))?;
        strings.push(&window[start..end]);
        at = end;
    }
    // The module text sits between two 16-byte binary sentinels.
    let bytes = strings[1];
    let modinfo = if bytes.len() >= 33 && bytes[bytes.len() - 17] == b'\n' {
        String::from_utf8_lossy(&bytes[16..bytes.len() - 16])
    } else {
        Default::default()
    };
    let mut info = BuildInfo {
        go_version: String::from_utf8_lossy(strings[0])
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_owned(),
        ..BuildInfo::default()
    };
    // Where a `=>` line's replacement goes: the main module or a dependency.
    let mut last_dep: Option<usize> = None;
    for line in modinfo.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        let module = || Module {
            path: fields.get(1).copied().unwrap_or_default().to_owned(),
            version: fields.get(2).copied().unwrap_or_default().to_owned(),
            sum: fields
                .get(3)
                .map(|s| (*s).to_owned())
                .filter(|s| !s.is_empty()),
        };
        match fields[0] {
            "path" => info.path = fields.get(1).map(|p| (*p).to_owned()),
            "mod" => {
                info.main = Some(module());
                last_dep = None;
            }
            "dep" => {
                info.deps.push(module());
                last_dep = Some(info.deps.len() - 1);
            }
            "=>" => match last_dep {
                Some(index) => info.deps[index] = module(),
                None => {
                    if let Some(main) = &mut info.main {
                        *main = module();
                    }
                }
            },
            "build" => {
                if let Some((key, value)) = fields.get(1).and_then(|kv| kv.split_once('=')) {
                    info.settings.push((key.to_owned(), value.to_owned()));
                }
            }
            _ => {}
        }
    }
    Ok(info)
}

#[cfg(test)]
pub(crate) fn encode(version: &str, modinfo: &str) -> Vec<u8> {
    let mut window = MAGIC.to_vec();
    window.extend_from_slice(&[8, FLAG_INLINE]);
    window.resize(HEADER, 0);
    let framed = format!("{}{modinfo}{}", "0".repeat(16), "1".repeat(16));
    for text in [version, framed.as_str()] {
        let mut n = text.len();
        loop {
            let byte = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                window.push(byte);
                break;
            }
            window.push(byte | 0x80);
        }
        window.extend_from_slice(text.as_bytes());
    }
    window
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_and_module_lines() {
        let modinfo = "path\texample.com/tool\nmod\texample.com/tool\t(devel)\t\ndep\tgolang.org/x/sys\tv0.20.0\th1:abc=\ndep\texample.com/lib\tv1.0.0\t\n=>\t../lib\t(devel)\t\nbuild\tGOOS=linux\nbuild\t-tags=netgo\n";
        let window = encode("go1.22.5 X:boringcrypto", modinfo);
        assert_eq!(window_length(&window[..20]), WindowLength::NeedMore);
        assert_eq!(window_length(&window[..40]), WindowLength::NeedMore);
        assert_eq!(
            window_length(&window[..60]),
            WindowLength::Total(window.len())
        );
        assert_eq!(window_length(&window), WindowLength::Total(window.len()));
        let info = parse(&window).unwrap();
        assert_eq!(info.go_version, "go1.22.5");
        assert_eq!(info.path.as_deref(), Some("example.com/tool"));
        assert_eq!(info.main.as_ref().unwrap().version, "(devel)");
        assert_eq!(info.deps.len(), 2);
        assert_eq!(info.deps[0].sum.as_deref(), Some("h1:abc="));
        assert_eq!(info.deps[1].path, "../lib", "the replacement is reported");
        assert_eq!(
            info.settings,
            [
                ("GOOS".to_owned(), "linux".to_owned()),
                ("-tags".to_owned(), "netgo".to_owned())
            ]
        );
        let mut old = window[..HEADER].to_vec();
        old[15] = 0;
        assert_eq!(window_length(&old), WindowLength::Total(HEADER));
        assert_eq!(parse(&old), Err(Unreadable::Old));
        let mut bad = window.clone();
        bad[14] = 3;
        assert_eq!(window_length(&bad), WindowLength::Reject);
        assert!(parse(&window[..window.len() - 5]).is_err());
        // A length of u64::MAX (ten varint bytes) is refused, not wrapped
        // (the fuzzer's find: `used + length` overflowed).
        let mut huge = window[..HEADER].to_vec();
        huge.extend_from_slice(&[0xff; 9]);
        huge.push(0x01);
        assert_eq!(window_length(&huge), WindowLength::Reject);
    }
}
