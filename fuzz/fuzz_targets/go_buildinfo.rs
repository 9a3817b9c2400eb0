#![no_main]
//! Go build information: the layer reader's search of an ELF executable
//! for it (the input after an ELF header), and the Go cataloger over a
//! window that starts with the magic and goes on with the input.
use libfuzzer_sys::fuzz_target;
use tallyman_catalogers::golang::{buildinfo, GoCataloger};
use tallyman_catalogers::{Cataloger, Environment, ImageFiles};

fuzz_target!(|data: &[u8]| {
    let mut elf = b"\x7fELF".to_vec();
    elf.resize(16, 0);
    elf.extend_from_slice(data);
    let found = tallyman::layer::sniff::find_window(&elf[..], &[buildinfo::SNIFF]);
    let mut window = buildinfo::MAGIC.to_vec();
    window.extend_from_slice(data);
    let mut files = ImageFiles::new();
    files.insert_file("usr/bin/tool", window.into(), 0);
    if let Ok(Some(sniffed)) = found {
        files.insert_file("usr/bin/found", sniffed.into(), 0);
    }
    let _ = GoCataloger.catalog(&files, &Environment::default());
});
