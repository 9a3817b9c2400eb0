#![no_main]
//! The gem cataloger and its gemspec, Gemfile.lock and Gemfile parsers over arbitrary bytes.
use libfuzzer_sys::fuzz_target;
use tallyman_catalogers::ruby::{gemfile, gemspec, lockfile};
use tallyman_catalogers::{Cataloger, Environment, ImageFiles};

fuzz_target!(|data: &[u8]| {
    let mut files = ImageFiles::new();
    files.insert_file(
        "usr/local/bundle/specifications/x-1.0.gemspec",
        data.to_vec().into(),
        0,
    );
    files.insert_file(
        "usr/local/bundle/specifications/default/y-1.0.gemspec",
        data.to_vec().into(),
        0,
    );
    files.insert_file("app/Gemfile.lock", data.to_vec().into(), 0);
    files.insert_file("app/Gemfile", data.to_vec().into(), 0);
    let env = Environment {
        include_dev: true,
        ..Environment::default()
    };
    let _ = tallyman_catalogers::ruby::GemCataloger.catalog(&files, &env);
    let text = String::from_utf8_lossy(data);
    let _ = gemspec::parse(&text);
    let _ = lockfile::parse(&text);
    let _ = gemfile::parse(&text).dev_only();
});
