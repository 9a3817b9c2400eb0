#![no_main]
//! What is sniffed out of executables: the layer reader's search of an ELF
//! file (the input after an ELF header) for Go's build information and
//! cargo auditable's zlib stream, and the Go and Rust catalogers over
//! windows that start with their magic and go on with the input.
use libfuzzer_sys::fuzz_target;
use tallyman_catalogers::golang::{buildinfo, GoCataloger};
use tallyman_catalogers::rust::{RustCataloger, SNIFFS};
use tallyman_catalogers::sniff::frame;
use tallyman_catalogers::{Cataloger, Environment, ImageFiles};

fuzz_target!(|data: &[u8]| {
    let mut elf = b"\x7fELF".to_vec();
    elf.resize(16, 0);
    elf.extend_from_slice(data);
    let mut sniffs = vec![buildinfo::SNIFF, tallyman_catalogers::sniff::UPX];
    sniffs.extend_from_slice(&SNIFFS);
    let sniffs: Vec<&_> = sniffs.iter().collect();
    let found = tallyman::layer::find_windows(&elf[..], &sniffs);
    let mut files = ImageFiles::new();
    for (path, magic) in [
        ("usr/bin/go", buildinfo::MAGIC),
        ("usr/bin/rust", SNIFFS[2].magic),
    ] {
        let mut window = magic.to_vec();
        window.extend_from_slice(data);
        files.insert_file(path, frame(&[window]).into(), 0);
    }
    if let Ok(windows) = found {
        files.insert_file("usr/bin/found", frame(&windows).into(), 0);
    }
    let env = Environment::default();
    let _ = GoCataloger.catalog(&files, &env);
    let _ = RustCataloger.catalog(&files, &env);
});
