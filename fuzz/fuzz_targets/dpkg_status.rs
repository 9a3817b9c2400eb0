#![no_main]
//! The dpkg cataloger over an arbitrary status file (and the same bytes as
//! a DEP-5 copyright file and an md5sums list).
use libfuzzer_sys::fuzz_target;
use tallyman_catalogers::{Cataloger, Environment, ImageFiles};

fuzz_target!(|data: &[u8]| {
    let mut files = ImageFiles::new();
    files.insert_file("var/lib/dpkg/status", data.to_vec().into(), 0);
    files.insert_file("var/lib/dpkg/info/a.md5sums", data.to_vec().into(), 0);
    files.insert_file("usr/share/doc/a/copyright", data.to_vec().into(), 0);
    let _ = tallyman_catalogers::deb::DpkgCataloger.catalog(&files, &Environment::default());
    let _ = tallyman_catalogers::deb::dep5_licenses(data);
});
