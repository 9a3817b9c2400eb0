#![no_main]
//! The Python cataloger over an arbitrary distribution: the input, split at
//! its first NUL, is a dist-info's METADATA and RECORD; every line of the
//! METADATA also stands as a `Requires-Dist` of a second distribution that
//! the first can satisfy, so markers and extras are parsed and evaluated.
//! The whole input also stands as each kind of lockfile of a project with
//! no environment.
use libfuzzer_sys::fuzz_target;
use tallyman_catalogers::{Cataloger, Environment, ImageFiles};

fuzz_target!(|data: &[u8]| {
    let (metadata, record) = match data.iter().position(|&b| b == 0) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &[][..]),
    };
    let site = "venv/lib/python3.11/site-packages";
    let mut dependant = b"Metadata-Version: 2.1\nName: dependant\nVersion: 1\n".to_vec();
    for line in metadata.split(|&b| b == b'\n') {
        dependant.extend_from_slice(b"Requires-Dist: ");
        dependant.extend_from_slice(line);
        dependant.push(b'\n');
    }
    let mut files = ImageFiles::new();
    files.insert_file(
        &format!("{site}/x-1.dist-info/METADATA"),
        metadata.to_vec().into(),
        0,
    );
    files.insert_file(
        &format!("{site}/x-1.dist-info/RECORD"),
        record.to_vec().into(),
        0,
    );
    files.insert_file(
        &format!("{site}/dependant-1.dist-info/METADATA"),
        dependant.into(),
        0,
    );
    files.insert_file(
        "usr/lib/python3/dist-packages/x.egg-info",
        data.to_vec().into(),
        0,
    );
    for lock in [
        "poetry.lock",
        "pdm.lock",
        "uv.lock",
        "Pipfile.lock",
        "requirements-dev.txt",
    ] {
        files.insert_file(&format!("srv/{lock}"), data.to_vec().into(), 0);
    }
    let env = Environment {
        include_dev: true,
        ..Environment::default()
    };
    let _ = tallyman_catalogers::python::PythonCataloger.catalog(&files, &env);
});
