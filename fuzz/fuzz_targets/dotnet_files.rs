#![no_main]
//! The .NET cataloger over arbitrary bytes: the input stands as an
//! application's deps.json, a project's packages.lock.json, and a shared
//! runtime's `.version` and own deps.json (in a directory named by a
//! version and in one that is not).
use libfuzzer_sys::fuzz_target;
use tallyman_catalogers::{Cataloger, Environment, ImageFiles};

fuzz_target!(|data: &[u8]| {
    let mut files = ImageFiles::new();
    for path in [
        "app/dotnetapp.deps.json",
        "src/packages.lock.json",
        "usr/share/dotnet/shared/Microsoft.NETCore.App/8.0.3/.version",
        "usr/share/dotnet/shared/Microsoft.NETCore.App/8.0.3/Microsoft.NETCore.App.deps.json",
        "usr/share/dotnet/shared/Microsoft.AspNetCore.App/current/.version",
    ] {
        files.insert_file(path, data.to_vec().into(), 0);
    }
    let _ = tallyman_catalogers::dotnet::DotNetCataloger.catalog(&files, &Environment::default());
});
