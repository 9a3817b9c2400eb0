#![no_main]
//! The php-composer cataloger and its installed.json and composer.lock parsers over arbitrary bytes.
use libfuzzer_sys::fuzz_target;
use tallyman_catalogers::php::parse::{parse_installed, parse_lock};
use tallyman_catalogers::{Cataloger, Environment, ImageFiles};

fuzz_target!(|data: &[u8]| {
    let mut files = ImageFiles::new();
    files.insert_file(
        "app/vendor/composer/installed.json",
        data.to_vec().into(),
        0,
    );
    files.insert_file("srv/composer.lock", data.to_vec().into(), 0);
    let env = Environment {
        include_dev: true,
        ..Environment::default()
    };
    let _ = tallyman_catalogers::php::ComposerCataloger.catalog(&files, &env);
    let _ = parse_installed(data);
    let _ = parse_lock(data);
});
