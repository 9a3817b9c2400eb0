#![no_main]
//! The apk cataloger over an arbitrary installed database.
use libfuzzer_sys::fuzz_target;
use tallyman_catalogers::{Cataloger, Environment, ImageFiles};

fuzz_target!(|data: &[u8]| {
    let mut files = ImageFiles::new();
    files.insert_file("lib/apk/db/installed", data.to_vec().into(), 0);
    let _ = tallyman_catalogers::apk::ApkCataloger.catalog(&files, &Environment::default());
});
