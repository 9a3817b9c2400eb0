#![no_main]
//! The layer reader (gzip/zstd/plain detection, tar walk, selection,
//! whiteouts, Java archives reduced as they are read) over an arbitrary
//! blob, then stacking it on itself.
use libfuzzer_sys::fuzz_target;
use tallyman::catalogers::Cataloger;
use tallyman::layer::{read_layer, BlobCheck, Limits, Selection, Squasher};

fuzz_target!(|data: &[u8]| {
    let selection = Selection::new([
        "var/lib/dpkg/status",
        "**/package.json",
        "etc/os-release",
        "**/*.jar",
    ])
    .expect("patterns")
    .with_reductions(tallyman::catalogers::java::JavaCataloger.reductions().to_vec());
    let limits = Limits {
        max_file_size: 1 << 20,
        max_archive_size: 1 << 20,
        max_layer_size: 64 << 20,
        max_header_size: 64 << 10,
        max_layer_memory: 64 << 20,
        ..Limits::default()
    };
    if let Ok(layer) = read_layer("fuzz", data, &BlobCheck::default(), &selection, &limits) {
        let mut squasher = Squasher::new();
        squasher.apply(&layer, 0);
        squasher.apply(&layer, 1);
        let _ = squasher.view().read("var/lib/dpkg/status");
    }
});
