//! .NET runtimes: the shared frameworks installed beside a `dotnet` host
//! (`usr/share/dotnet/shared/Microsoft.NETCore.App/8.0.3/`, and
//! `Microsoft.AspNetCore.App`, `Microsoft.WindowsDesktop.App` the same
//! way), and the CPEs syft declares for a runtime wherever it is named.
//!
//! A shared framework is found by its small files: `.version` (the source
//! commit, then the version, one a line, as the shared-framework SDK writes
//! it) and `<framework>.deps.json`, which describes the framework's own
//! assemblies and is not an application. One package per framework
//! directory: the framework's name and the directory's version — what
//! `dotnet --list-runtimes` prints — with the `.version` line standing in
//! when the directory is not named by a version.
//!
//! CPEs follow syft (`runtimeCPEs`): the `.NET` runtime is
//! `cpe:2.3:a:microsoft:.net:<v>` (`.net_core` before 5.0), ASP.NET Core
//! `cpe:2.3:a:microsoft:asp.net_core:<v>`; each version field must be a
//! number (a preview has no CPE), and a lone major gets `.0`.

use crate::model::{DotNetMetadata, Location, Metadata, Package, PackageType};
use crate::view::FileRef;

/// Which runtime a name denotes, as syft tells them apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// The .NET (Core) runtime.
    Net,
    AspNetCore,
}

/// The runtime `name` denotes, if any: the shared frameworks themselves,
/// their runtime packs (`Microsoft.NETCore.App.Runtime.linux-x64`, a
/// self-contained app's `runtimepack.…`) and the old
/// `runtime.<rid>.Microsoft.NETCore.App` packages.
pub fn family(name: &str) -> Option<Family> {
    let name = name.to_ascii_lowercase();
    let denotes = |app: &str| {
        name == app
            || name.starts_with(&format!("runtimepack.{app}.runtime"))
            || name.starts_with(&format!("{app}.runtime"))
            || (name.starts_with("runtime") && name.ends_with(app))
    };
    if denotes("microsoft.aspnetcore.app") {
        Some(Family::AspNetCore)
    } else if denotes("microsoft.netcore.app") {
        Some(Family::Net)
    } else {
        None
    }
}

/// The CPEs syft declares for runtime `name` at `version` (none for a
/// name that is no runtime, or a version that is not all numbers).
pub fn cpes(name: &str, version: &str) -> Vec<String> {
    let Some(family) = family(name) else {
        return Vec::new();
    };
    let Ok(mut fields) = version
        .split('.')
        .map(|f| f.parse::<u64>())
        .collect::<Result<Vec<u64>, _>>()
    else {
        return Vec::new();
    };
    if fields.len() == 1 {
        fields.push(0);
    }
    let product = match family {
        Family::AspNetCore => "asp.net_core",
        Family::Net if fields[0] < 5 => ".net_core",
        Family::Net => ".net",
    };
    let version: Vec<String> = fields.iter().map(u64::to_string).collect();
    vec![format!(
        "cpe:2.3:a:microsoft:{product}:{}:*:*:*:*:*:*:*",
        version.join(".")
    )]
}

/// A file of a shared framework's directory: `(directory, framework,
/// version directory, file name)`, for `…/shared/Microsoft.*.App/<v>/`'s
/// `.version` and `Microsoft.*.App.deps.json`.
pub fn shared_framework_file(path: &str) -> Option<(&str, &str, &str, &str)> {
    let (dir, file) = path.rsplit_once('/')?;
    let (parent, version) = dir.rsplit_once('/')?;
    let (shared, framework) = parent.rsplit_once('/').unwrap_or(("", parent));
    let shared = shared.rsplit('/').next().unwrap_or(shared);
    let is_framework = framework.len() > "Microsoft..App".len()
        && framework.starts_with("Microsoft.")
        && framework.ends_with(".App");
    let own_file = file == ".version"
        || file
            .strip_suffix(".deps.json")
            .is_some_and(|stem| stem == framework);
    (shared == "shared" && is_framework && own_file && !version.is_empty())
        .then_some((dir, framework, version, file))
}

/// The files found of one shared framework directory.
#[derive(Debug, Default)]
pub struct SharedFramework<'a> {
    pub version_file: Option<FileRef<'a>>,
    pub deps_json: Option<FileRef<'a>>,
}

/// The package of the framework `name` in directory `dir` (view form), or
/// a warning when no version can be told.
pub fn package(
    dir: &str,
    name: &str,
    version_dir: &str,
    found: &SharedFramework<'_>,
) -> Result<Package, String> {
    let stamped = found.version_file.and_then(|f| {
        String::from_utf8_lossy(f.content)
            .lines()
            .nth(1)
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    });
    let version = if version_dir.starts_with(|c: char| c.is_ascii_digit()) {
        version_dir.to_owned()
    } else if let Some(stamped) = stamped {
        stamped
    } else {
        return Err(format!(
            "/{dir}: a {name} runtime whose version neither its directory nor a .version file tells; skipped"
        ));
    };
    let locations: Vec<Location> = [found.version_file, found.deps_json]
        .into_iter()
        .flatten()
        .map(|f| f.location())
        .collect();
    let Some(first) = locations.first().cloned() else {
        return Err(format!("/{dir}: no file of the {name} runtime; skipped"));
    };
    let mut package = Package::bare(
        PackageType::DotNet,
        name.to_owned(),
        version.clone(),
        None,
        first,
        Metadata::DotNet(DotNetMetadata {
            kind: "runtime".to_owned(),
            path: Some(format!("/{dir}")),
            ..DotNetMetadata::default()
        }),
    );
    package.locations = locations;
    package.cpes = cpes(name, &version);
    Ok(package)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families_as_syft_names_them() {
        for (name, want) in [
            ("Microsoft.NETCore.App", Some(Family::Net)),
            ("Microsoft.NETCore.App.Runtime.linux-x64", Some(Family::Net)),
            (
                "runtimepack.Microsoft.NETCore.App.Runtime.win-x64",
                Some(Family::Net),
            ),
            ("runtime.linux-x64.Microsoft.NETCore.App", Some(Family::Net)),
            ("Microsoft.AspNetCore.App", Some(Family::AspNetCore)),
            (
                "runtimepack.Microsoft.AspNetCore.App.Runtime.linux-x64",
                Some(Family::AspNetCore),
            ),
            ("Microsoft.WindowsDesktop.App", None),
            ("Microsoft.NETCore.Platforms", None),
            ("Microsoft.NETCore.App.Ref", None),
        ] {
            assert_eq!(family(name), want, "{name}");
        }
    }

    #[test]
    fn cpes_as_syft_declares_them() {
        assert_eq!(
            cpes("Microsoft.NETCore.App", "8.0.3"),
            ["cpe:2.3:a:microsoft:.net:8.0.3:*:*:*:*:*:*:*"]
        );
        assert_eq!(
            cpes("Microsoft.NETCore.App", "3.1.23"),
            ["cpe:2.3:a:microsoft:.net_core:3.1.23:*:*:*:*:*:*:*"]
        );
        assert_eq!(
            cpes("Microsoft.AspNetCore.App", "2.1.30"),
            ["cpe:2.3:a:microsoft:asp.net_core:2.1.30:*:*:*:*:*:*:*"]
        );
        assert_eq!(
            cpes("Microsoft.NETCore.App", "8"),
            ["cpe:2.3:a:microsoft:.net:8.0:*:*:*:*:*:*:*"]
        );
        assert_eq!(
            cpes("Microsoft.NETCore.App", "08.00.03"),
            ["cpe:2.3:a:microsoft:.net:8.0.3:*:*:*:*:*:*:*"]
        );
        assert!(cpes("Microsoft.NETCore.App", "9.0.0-preview.1.24080.9").is_empty());
        assert!(cpes("Microsoft.NETCore.App", "").is_empty());
        assert!(cpes("Newtonsoft.Json", "13.0.3").is_empty());
    }

    #[test]
    fn shared_framework_files() {
        assert_eq!(
            shared_framework_file("usr/share/dotnet/shared/Microsoft.NETCore.App/8.0.3/.version"),
            Some((
                "usr/share/dotnet/shared/Microsoft.NETCore.App/8.0.3",
                "Microsoft.NETCore.App",
                "8.0.3",
                ".version"
            ))
        );
        assert!(shared_framework_file(
            "shared/Microsoft.AspNetCore.App/8.0.3/Microsoft.AspNetCore.App.deps.json"
        )
        .is_some());
        for other in [
            "usr/share/dotnet/shared/Microsoft.NETCore.App/8.0.3/Other.deps.json",
            "app/shared/AnyBaseLib/AnyBaseLib.deps.json",
            "usr/share/dotnet/packs/Microsoft.NETCore.App.Ref/8.0.3/.version",
            "usr/share/dotnet/shared/Microsoft..App/8.0.3/.version",
            ".version",
        ] {
            assert_eq!(shared_framework_file(other), None, "{other}");
        }
    }
}
