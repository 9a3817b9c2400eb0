#![no_main]
//! The binary classifiers over what a scan could keep: windows that start
//! with each sniff's magic and go on with the input, framed at a path each
//! of the sniff's globs names; the windows the layer reader's search finds
//! in the input; and the input kept whole (a release file the cataloger's
//! pattern names, a binary some other pattern made the reader keep).
use std::collections::BTreeMap;

use libfuzzer_sys::fuzz_target;
use tallyman_catalogers::binary::BinaryCataloger;
use tallyman_catalogers::sniff::{frame, Target};
use tallyman_catalogers::{Cataloger, Environment, ImageFiles};

/// A path `glob` names: `**/` a directory, `*` and `?` letters, a class
/// its first member.
fn example(glob: &str) -> String {
    let mut out = String::from("opt/x/");
    let mut chars = glob.trim_start_matches("**/").chars();
    while let Some(c) = chars.next() {
        match c {
            '*' => out.push('x'),
            '?' => out.push('a'),
            '[' => {
                out.extend(chars.next());
                for c in chars.by_ref() {
                    if c == ']' {
                        break;
                    }
                }
            }
            c => out.push(c),
        }
    }
    out
}

fuzz_target!(|data: &[u8]| {
    let sniffs = BinaryCataloger.sniffs();
    let mut windows: BTreeMap<String, Vec<Vec<u8>>> = BTreeMap::new();
    for sniff in sniffs {
        let Target::Paths(globs) = sniff.target else {
            continue;
        };
        for glob in globs {
            let mut window = sniff.magic.to_vec();
            window.extend_from_slice(data);
            windows.entry(example(glob)).or_default().push(window);
        }
    }
    let all: Vec<&_> = sniffs.iter().collect();
    let found = tallyman::layer::find_windows(data, &all).unwrap_or_default();
    let mut files = ImageFiles::new();
    for (path, windows) in &windows {
        files.insert_file(path, frame(windows).into(), 0);
        if !found.is_empty() {
            files.insert_file(&format!("srv/{path}"), frame(&found).into(), 1);
        }
    }
    for path in [
        "usr/lib/erlang/releases/25/OTP_VERSION",
        "usr/lib/erlang/erts-13.1.5/bin/beam.smp",
        "usr/local/bin/node",
    ] {
        files.insert_file(path, data.into(), 2);
    }
    files.insert_symlink("usr/lib/libpython3.11.so.1.0", "../../opt/x/libpythonx.sox");
    files.insert_symlink("usr/lib/libruby.so.3.1", "/srv/opt/x/librubyx.sox");
    let _ = BinaryCataloger.catalog(&files, &Environment::default());
});
