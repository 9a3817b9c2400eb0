#![no_main]
//! The npm cataloger and every lockfile parser over arbitrary bytes.
use libfuzzer_sys::fuzz_target;
use tallyman_catalogers::npm::lockfile::{parse_package_lock, parse_pnpm_lock, parse_yarn_lock};
use tallyman_catalogers::{Cataloger, Environment, ImageFiles};

fuzz_target!(|data: &[u8]| {
    let mut files = ImageFiles::new();
    files.insert_file("app/package.json", data.to_vec().into(), 0);
    files.insert_file("app/package-lock.json", data.to_vec().into(), 0);
    files.insert_file("app/node_modules/x/package.json", data.to_vec().into(), 0);
    let _ = tallyman_catalogers::npm::NpmCataloger.catalog(&files, &Environment::default());
    let _ = parse_package_lock(data);
    let _ = parse_yarn_lock(data);
    let _ = parse_pnpm_lock(data);
});
