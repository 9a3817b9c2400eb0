#![no_main]
//! The conda cataloger over arbitrary bytes: the input stands as two
//! records of one environment (so a parsed `depends` can name the other),
//! and as a record of an environment at the root.
use libfuzzer_sys::fuzz_target;
use tallyman_catalogers::{Cataloger, Environment, ImageFiles};

fuzz_target!(|data: &[u8]| {
    let mut files = ImageFiles::new();
    for path in [
        "opt/conda/conda-meta/a-1-0.json",
        "opt/conda/conda-meta/b-1-0.json",
        "conda-meta/c-1-0.json",
    ] {
        files.insert_file(path, data.to_vec().into(), 0);
    }
    let _ = tallyman_catalogers::conda::CondaCataloger.catalog(&files, &Environment::default());
});
