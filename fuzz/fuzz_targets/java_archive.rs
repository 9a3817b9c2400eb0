#![no_main]
//! Any bytes as a Java archive: reduced as the layer reader reduces one
//! (zip directory, nested archives, inflate budget), then catalogued.
use libfuzzer_sys::fuzz_target;
use tallyman_catalogers::java::JavaCataloger;
use tallyman_catalogers::java::archive::reduce;
use tallyman_catalogers::{Cataloger, Environment, ImageFiles};

fuzz_target!(|data: &[u8]| {
    let mut files = ImageFiles::new();
    let kept = reduce(data);
    files.insert_file("app/app-1.0.jar", kept.into(), 0);
    let _ = JavaCataloger.catalog(&files, &Environment::default());
});
