#![no_main]
//! `tallyman diff`'s document reader over an arbitrary file, then the diff
//! of what it read against itself with one version bumped, in every output
//! (version orderings and license terms included).
use libfuzzer_sys::fuzz_target;
use tallyman::sbom::diff::render::DiffFormat;
use tallyman::sbom::diff::{diff, document};

fuzz_target!(|data: &[u8]| {
    let Ok(side) = document::from_bytes("fuzz", data) else {
        return;
    };
    let mut other = side.clone();
    if let (Some(first), Some(last)) = (side.packages.first(), other.packages.last_mut()) {
        last.version = first.version.clone();
    }
    let result = diff(side, other);
    for format in [DiffFormat::Table, DiffFormat::Json, DiffFormat::Markdown] {
        let _ = format.render(&result, Some(80));
    }
});
