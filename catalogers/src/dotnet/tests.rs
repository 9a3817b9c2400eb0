//! The .NET cataloger over real files (`testdata/SOURCE.md`): a game
//! server's bundled .NET 8 runtimes and plugins, the .NET Core 3.1 runtime
//! of the PyPI wheel `dotnetcore2`, syft's deps.json and lock fixtures, and
//! Ocelot's lock files. Where a `dotnet` host came with the runtimes, what
//! its `--list-runtimes` printed is the expectation.

use std::path::Path;

use super::DotNetCataloger;
use crate::model::{Catalog, Metadata, Package};
use crate::view::{from_dir, ImageFiles};
use crate::{Cataloger, Environment};

fn testdata(dir: &str) -> ImageFiles {
    from_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("src/dotnet/testdata")
            .join(dir),
    )
}

fn catalog(files: &ImageFiles) -> Catalog {
    DotNetCataloger.catalog(files, &Environment::default())
}

fn find<'a>(c: &'a Catalog, name: &str) -> &'a Package {
    c.packages
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("no package {name}"))
}

fn index(c: &Catalog, name: &str) -> usize {
    c.packages
        .iter()
        .position(|p| p.name == name)
        .unwrap_or_else(|| panic!("no package {name}"))
}

fn meta(p: &Package) -> &crate::model::DotNetMetadata {
    match &p.metadata {
        Metadata::DotNet(m) => m,
        other => panic!("not .NET metadata: {other:?}"),
    }
}

/// `(name, version)` of each line `dotnet --list-runtimes` printed.
fn listed_runtimes(file: &str) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("src/dotnet/testdata")
            .join(file),
    )
    .unwrap();
    let mut listed: Vec<(String, String)> = text
        .lines()
        .map(|l| {
            let mut words = l.split_whitespace();
            (
                words.next().unwrap().to_owned(),
                words.next().unwrap().to_owned(),
            )
        })
        .collect();
    listed.sort();
    listed
}

fn runtimes(c: &Catalog) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = c
        .packages
        .iter()
        .filter(|p| meta(p).kind == "runtime")
        .map(|p| (p.name.clone(), p.version.clone()))
        .collect();
    found.sort();
    found
}

#[test]
fn bundled_net8_runtimes_as_dotnet_lists_them() {
    let c = catalog(&testdata("cs2"));
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    assert_eq!(runtimes(&c), listed_runtimes("cs2.list-runtimes.txt"));

    let core = find(&c, "Microsoft.NETCore.App");
    assert_eq!(core.purl, None, "syft writes no purl for a runtime");
    assert_eq!(core.cpes, ["cpe:2.3:a:microsoft:.net:8.0.3:*:*:*:*:*:*:*"]);
    assert_eq!(
        core.locations[0].path,
        "/addons/counterstrikesharp/dotnet/shared/Microsoft.NETCore.App/8.0.3/.version"
    );
    assert_eq!(
        meta(core).path.as_deref(),
        Some("/addons/counterstrikesharp/dotnet/shared/Microsoft.NETCore.App/8.0.3")
    );
    let asp = find(&c, "Microsoft.AspNetCore.App");
    assert_eq!(
        asp.cpes,
        ["cpe:2.3:a:microsoft:asp.net_core:8.0.3:*:*:*:*:*:*:*"]
    );
    let asp_files: Vec<&str> = asp.locations.iter().map(|l| l.path.as_str()).collect();
    assert_eq!(
        asp_files,
        [
            "/addons/counterstrikesharp/dotnet/shared/Microsoft.AspNetCore.App/8.0.3/.version",
            "/addons/counterstrikesharp/dotnet/shared/Microsoft.AspNetCore.App/8.0.3/Microsoft.AspNetCore.App.deps.json"
        ]
    );
    // The framework's own deps.json describes the framework, not an application.
    assert!(!c
        .packages
        .iter()
        .any(|p| p.name.starts_with("Microsoft.AspNetCore.App.Runtime")));

    // Two applications (a plugin host API and a library under `shared/`,
    // which is no runtime), each depending on both runtimes.
    let apps: Vec<&str> = c
        .packages
        .iter()
        .filter(|p| p.application)
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(apps, ["CounterStrikeSharp.API", "AnyBaseLib"]);
    for app in &apps {
        for runtime in ["Microsoft.NETCore.App", "Microsoft.AspNetCore.App"] {
            assert!(
                c.edges_by_name().contains(&(*app, runtime)),
                "{app} -> {runtime}"
            );
        }
    }
}

#[test]
fn an_application_deps_json() {
    let c = catalog(&testdata("cs2/addons/counterstrikesharp/api"));
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    let app = &c.packages[0];
    assert_eq!(
        (
            app.name.as_str(),
            app.version.as_str(),
            app.purl.as_deref(),
            app.application
        ),
        (
            "CounterStrikeSharp.API",
            "1.0.342",
            Some("pkg:nuget/CounterStrikeSharp.API@1.0.342"),
            true
        )
    );
    assert_eq!(meta(app).kind, "project");
    assert_eq!(
        meta(app).target.as_deref(),
        Some(".NETCoreApp,Version=v8.0")
    );
    // 47 entries: the application, 38 packages that bring assemblies, and
    // 9 that bring none of their own or below them (a build task, stubs
    // of what .NET 8 provides), left out as syft leaves them out.
    assert_eq!(c.packages.len(), 39);
    for left_out in [
        "Microsoft.CSharp",
        "Microsoft.DotNet.ApiCompat.Task",
        "System.Text.Json",
        "System.Memory",
    ] {
        assert!(!c.packages.iter().any(|p| p.name == left_out), "{left_out}");
    }
    let plugins = find(&c, "McMaster.NETCore.Plugins");
    assert_eq!(
        plugins.purl.as_deref(),
        Some("pkg:nuget/McMaster.NETCore.Plugins@1.4.0")
    );
    assert_eq!(meta(plugins).kind, "package");
    assert_eq!(
        meta(plugins).sha512.as_deref(),
        Some("sha512-UKw5Z2/QHhkR7kiAJmqdCwVDMQV0lwsfj10+FG676r8DsJWIpxtachtEjE0qBs9WoK5GUQIqxgyFeYUSwuPszg==")
    );
    assert_eq!(
        meta(plugins).path.as_deref(),
        Some("mcmaster.netcore.plugins/1.4.0")
    );
    assert!(plugins.cpes.is_empty());
    assert_eq!(c.relationships.len(), 113);
    let edges = c.edges_by_name();
    assert!(edges.contains(&("CounterStrikeSharp.API", "McMaster.NETCore.Plugins")));
    assert!(edges.contains(&(
        "McMaster.NETCore.Plugins",
        "Microsoft.Extensions.DependencyModel"
    )));
}

#[test]
fn references_native_only_packages_and_left_out_stubs() {
    let c = catalog(&testdata("cs2/addons/counterstrikesharp/shared"));
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    assert_eq!(c.packages.len(), 12);
    assert!(find(&c, "AnyBaseLib").application);
    // An assembly reference: kept, with its type.
    let dapper = find(&c, "Dapper");
    assert_eq!(
        (dapper.version.as_str(), meta(dapper).kind.as_str()),
        ("2.0.0.0", "reference")
    );
    assert_eq!(meta(dapper).sha512, None);
    // Native libraries only (`runtimeTargets`): a package all the same.
    assert_eq!(find(&c, "SQLitePCLRaw.lib.e_sqlite3").version, "2.1.6");
    // An empty stub on .NET 8: left out, and SQLitePCLRaw.core's edge to it with it.
    assert!(!c.packages.iter().any(|p| p.name == "System.Memory"));
    let edges = c.edges_by_name();
    assert_eq!(edges.len(), 15);
    assert!(edges.contains(&("AnyBaseLib", "Dapper")));
    assert!(edges.contains(&(
        "SQLitePCLRaw.bundle_e_sqlite3",
        "SQLitePCLRaw.lib.e_sqlite3"
    )));
    assert!(!edges.iter().any(|(from, _)| *from == "SQLitePCLRaw.core"));
}

#[test]
fn the_runtime_of_the_dotnetcore2_wheel() {
    // Its directory holds the framework's deps.json and no .version.
    let c = catalog(&testdata("dotnetcore2"));
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    assert_eq!(
        runtimes(&c),
        listed_runtimes("dotnetcore2.list-runtimes.txt")
    );
    assert_eq!(
        c.packages.len(),
        1,
        "the runtime's deps.json is no application"
    );
    let runtime = &c.packages[0];
    assert_eq!(
        runtime.cpes,
        ["cpe:2.3:a:microsoft:.net_core:3.1.23:*:*:*:*:*:*:*"]
    );
    assert_eq!(
        runtime.locations[0].path,
        "/dotnetcore2/bin/shared/Microsoft.NETCore.App/3.1.23/Microsoft.NETCore.App.deps.json"
    );
    assert!(c.relationships.is_empty());
}

#[test]
fn syft_reference_assembly_fixture() {
    let c = catalog(&testdata("syft/deps-with-referenceassembly"));
    let got: Vec<(&str, &str)> = c
        .packages
        .iter()
        .map(|p| (p.name.as_str(), p.version.as_str()))
        .collect();
    assert_eq!(got, [("MyApp", "1.0.0"), ("Newtonsoft.Json", "13.0.3")]);
    assert_eq!(c.edges_by_name(), [("MyApp", "Newtonsoft.Json")]);
}

#[test]
fn project_references_are_left_out_and_passed_through() {
    let c = catalog(&testdata("syft/dir-example-1"));
    assert_eq!(c.packages.len(), 11);
    assert!(c.packages[0].application);
    assert!(!c.packages.iter().any(|p| p.name == "TestCommon"));
    let edges = c.edges_by_name();
    assert_eq!(edges.len(), 14);
    // TestLibrary -> TestCommon (a project) -> Serilog becomes TestLibrary -> Serilog.
    assert!(edges.contains(&("TestLibrary", "Serilog")));
    assert!(edges.contains(&("TestLibrary", "AWSSDK.Core")));
}

#[test]
fn self_contained_runtime_packs() {
    // The shape the SDK gives a self-contained application's deps.json.
    let deps = br#"{
      "runtimeTarget": {"name": ".NETCoreApp,Version=v8.0/linux-x64", "signature": ""},
      "targets": {
        ".NETCoreApp,Version=v8.0": {
          "dotnetapp/1.0.0": {"dependencies": {"Humanizer": "2.14.1"}, "runtime": {"dotnetapp.dll": {}}}
        },
        ".NETCoreApp,Version=v8.0/linux-x64": {
          "dotnetapp/1.0.0": {
            "dependencies": {
              "Humanizer": "2.14.1",
              "runtimepack.Microsoft.NETCore.App.Runtime.linux-x64": "8.0.14"
            },
            "runtime": {"dotnetapp.dll": {}}
          },
          "Humanizer/2.14.1": {"runtime": {"lib/net6.0/Humanizer.dll": {}}},
          "runtimepack.Microsoft.NETCore.App.Runtime.linux-x64/8.0.14": {
            "runtime": {"System.Private.CoreLib.dll": {}}
          }
        }
      },
      "libraries": {
        "dotnetapp/1.0.0": {"type": "project", "serviceable": false, "sha512": ""},
        "Humanizer/2.14.1": {"type": "package", "serviceable": true, "sha512": "sha512-x", "path": "humanizer/2.14.1"},
        "runtimepack.Microsoft.NETCore.App.Runtime.linux-x64/8.0.14": {"type": "runtimepack", "serviceable": false, "sha512": ""}
      }
    }"#;
    let mut files = ImageFiles::new();
    files.insert_file("app/dotnetapp.deps.json", deps.to_vec().into(), 3);
    let c = catalog(&files);
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    let pack = find(&c, "runtimepack.Microsoft.NETCore.App.Runtime.linux-x64");
    assert_eq!(meta(pack).kind, "runtimepack");
    assert_eq!(
        pack.purl.as_deref(),
        Some("pkg:nuget/runtimepack.Microsoft.NETCore.App.Runtime.linux-x64@8.0.14")
    );
    assert_eq!(pack.cpes, ["cpe:2.3:a:microsoft:.net:8.0.14:*:*:*:*:*:*:*"]);
    assert_eq!(
        meta(pack).target.as_deref(),
        Some(".NETCoreApp,Version=v8.0/linux-x64")
    );
    assert_eq!(meta(pack).sha512, None, "an empty hash is none");
    assert_eq!(pack.locations[0].layer, 3);
    assert_eq!(
        c.edges_by_name(),
        [
            ("dotnetapp", "Humanizer"),
            (
                "dotnetapp",
                "runtimepack.Microsoft.NETCore.App.Runtime.linux-x64"
            )
        ]
    );
}

#[test]
fn syft_lock_fixture() {
    let c = catalog(&testdata("syft/lock"));
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    let mut got: Vec<(&str, &str)> = c
        .packages
        .iter()
        .map(|p| (p.name.as_str(), p.version.as_str()))
        .collect();
    got.sort();
    assert_eq!(
        got,
        [
            ("AutoMapper", "13.0.1"),
            (
                "Microsoft.Extensions.DependencyInjection.Abstractions",
                "9.0.0"
            ),
            ("Microsoft.Extensions.Logging", "9.0.0"),
            ("Microsoft.Extensions.Options", "9.0.0"),
            ("Microsoft.Extensions.Primitives", "9.0.0"),
            ("System.Runtime.CompilerServices.Unsafe", "9.0.0"),
            ("bootstrap", "5.0.0"),
            ("log4net", "1.2.15"),
            ("log4net", "2.0.5"),
        ]
    );
    // syft's expected relationships, as (dependant, dependency).
    assert_eq!(
        c.edges_by_name(),
        [
            ("AutoMapper", "Microsoft.Extensions.Options"),
            (
                "Microsoft.Extensions.Logging",
                "Microsoft.Extensions.Options"
            ),
            (
                "Microsoft.Extensions.Options",
                "Microsoft.Extensions.DependencyInjection.Abstractions"
            ),
            (
                "Microsoft.Extensions.Options",
                "Microsoft.Extensions.Primitives"
            ),
            (
                "Microsoft.Extensions.Primitives",
                "System.Runtime.CompilerServices.Unsafe"
            ),
        ]
    );
    let automapper = find(&c, "AutoMapper");
    assert_eq!(
        automapper.purl.as_deref(),
        Some("pkg:nuget/AutoMapper@13.0.1")
    );
    assert_eq!(meta(automapper).kind, "Direct");
    assert_eq!(meta(automapper).target.as_deref(), Some("net8.0"));
    assert_eq!(
        meta(automapper).sha512.as_deref(),
        Some("sha512-/Fx1SbJ16qS7dU4i604Sle+U9VLX+WSNVJggk6MupKVkYvvBm4XqYaeFuf67diHefHKHs50uQIS2YEDFhPCakQ==")
    );
}

#[test]
fn a_lock_per_framework_and_project_references() {
    let c = catalog(&testdata("ocelot/src"));
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    // Three frameworks; what differs between them is a package of its own.
    let jsonpatch: Vec<(&str, &str)> = c
        .packages
        .iter()
        .filter(|p| p.name == "Microsoft.AspNetCore.JsonPatch")
        .map(|p| (p.version.as_str(), meta(p).target.as_deref().unwrap()))
        .collect();
    assert_eq!(
        jsonpatch,
        [
            ("10.0.10", "net10.0"),
            ("8.0.29", "net8.0"),
            ("9.0.18", "net9.0")
        ]
    );
    // Five packages locked alike for all three, four at a version each.
    assert_eq!(c.packages.len(), 5 + 4 * 3);
    // Each framework's edges go to what that framework locked: Bson asks
    // for Newtonsoft.Json 12.0.1 and gets the 13.0.3 locked.
    let at = |name: &str, version: &str| {
        c.packages
            .iter()
            .position(|p| p.name == name && p.version == version)
            .unwrap()
    };
    let pairs: Vec<(usize, usize)> = c.relationships.iter().map(|r| (r.from, r.to)).collect();
    assert!(pairs.contains(&(
        at("Newtonsoft.Json.Bson", "1.0.2"),
        at("Newtonsoft.Json", "13.0.3")
    )));
    for (mvc, patch) in [
        ("8.0.29", "8.0.29"),
        ("9.0.18", "9.0.18"),
        ("10.0.10", "10.0.10"),
    ] {
        assert!(pairs.contains(&(
            at("Microsoft.AspNetCore.Mvc.NewtonsoftJson", mvc),
            at("Microsoft.AspNetCore.JsonPatch", patch)
        )));
    }

    let c = catalog(&testdata("ocelot/testing"));
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    let ocelot = find(&c, "ocelot");
    assert_eq!(
        (
            ocelot.version.as_str(),
            meta(ocelot).kind.as_str(),
            ocelot.purl.as_deref()
        ),
        ("", "Project", Some("pkg:nuget/ocelot"))
    );
    assert_eq!(meta(ocelot).sha512, None);
    let from_ocelot = c
        .relationships
        .iter()
        .filter(|r| r.from == index(&c, "ocelot"))
        .count();
    // Five dependencies in each of three frameworks, three of them locked
    // at the same version everywhere.
    assert_eq!(from_ocelot, 3 + 2 * 3);
}

#[test]
fn locks_inside_installed_packages_are_not_projects() {
    let lock = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("src/dotnet/testdata/ocelot/src/packages.lock.json"),
    )
    .unwrap();
    let mut files = ImageFiles::new();
    files.insert_file(
        "root/.nuget/packages/ocelot/24.0.0/src/packages.lock.json",
        lock.clone().into(),
        0,
    );
    files.insert_file("app/node_modules/x/packages.lock.json", lock.into(), 0);
    let c = catalog(&files);
    assert!(c.packages.is_empty());
    assert!(c.warnings.is_empty());
}

#[test]
fn damaged_files_are_warnings() {
    let mut files = ImageFiles::new();
    files.insert_file("app/a.deps.json", b"{\"targets\": [".to_vec().into(), 0);
    files.insert_file("app/packages.lock.json", b"\x00\xff".to_vec().into(), 0);
    files.insert_file(
        "src/packages.lock.json",
        br#"{"version": 1, "dependencies": {"net8.0": {"A": {"type": "Direct", "resolved": "1.0.0", "contentHash": "not base64!"}}}}"#
            .to_vec()
            .into(),
        0,
    );
    files.insert_file(
        "opt/dotnet/shared/Microsoft.NETCore.App/current/.version",
        b"abc\n".to_vec().into(),
        0,
    );
    files.insert_file(
        "opt/dotnet/shared/Microsoft.NETCore.App/latest/.version",
        b"5535e31a712343a63f5d7d796cd874e563e5ac14\n8.0.0\n"
            .to_vec()
            .into(),
        0,
    );
    let c = catalog(&files);
    assert_eq!(c.warnings.len(), 4, "{:#?}", c.warnings);
    assert!(c.warnings[0].starts_with("/app/a.deps.json: not a readable deps.json"));
    assert!(c.warnings[1].starts_with("/app/packages.lock.json: not a readable packages.lock.json"));
    assert_eq!(
        c.warnings[2],
        "/src/packages.lock.json: 1 contentHash values are not base64 SHA-512 digests; left out"
    );
    assert_eq!(
        c.warnings[3],
        "/opt/dotnet/shared/Microsoft.NETCore.App/current: a Microsoft.NETCore.App runtime whose version neither its directory nor a .version file tells; skipped"
    );
    // The lock's package stays, without the hash; a runtime in a directory
    // not named by its version takes the .version's.
    assert_eq!(meta(find(&c, "A")).sha512, None);
    assert_eq!(find(&c, "Microsoft.NETCore.App").version, "8.0.0");
}

#[test]
fn patterns_name_the_files_read() {
    let mut builder = globset::GlobSetBuilder::new();
    for pattern in DotNetCataloger.patterns() {
        builder.add(
            globset::GlobBuilder::new(pattern)
                .literal_separator(true)
                .build()
                .unwrap(),
        );
    }
    let set = builder.build().unwrap();
    for wanted in [
        "app/dotnetapp.deps.json",
        "dotnetapp.deps.json",
        "usr/share/dotnet/shared/Microsoft.NETCore.App/8.0.3/Microsoft.NETCore.App.deps.json",
        "usr/share/dotnet/shared/Microsoft.AspNetCore.App/8.0.3/.version",
        "shared/Microsoft.NETCore.App/8.0.3/.version",
        "src/Api/packages.lock.json",
    ] {
        assert!(set.is_match(wanted), "{wanted}");
    }
    for unwanted in [
        "usr/share/dotnet/shared/Microsoft.NETCore.App/8.0.3/System.Runtime.dll",
        "usr/share/dotnet/shared/Microsoft.NETCore.App/8.0.3/x/.version",
        "usr/share/dotnet/sdk/8.0.100/.version",
        "app/dotnetapp.runtimeconfig.json",
    ] {
        assert!(!set.is_match(unwanted), "{unwanted}");
    }
}

#[test]
fn central_pins_and_names_spelt_otherwise() {
    let lock = br#"{
      "version": 2,
      "dependencies": {
        "net8.0": {
          "App.Core": {"type": "Project", "dependencies": {"newtonsoft.json": "[13.0.3, )"}},
          "Newtonsoft.Json": {
            "type": "CentralTransitive", "requested": "[13.0.3, )", "resolved": "13.0.3",
            "contentHash": "HrC5BXdl00IP9zeV+0Z848QWPAoCr9P3bDEZguI+gkLcBKAOxix/tLEAAHC+UvDNPv4a2d18lOReHMOagPa+zQ=="
          }
        }
      }
    }"#;
    let mut files = ImageFiles::new();
    files.insert_file("src/App/packages.lock.json", lock.to_vec().into(), 0);
    let c = catalog(&files);
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    assert_eq!(meta(find(&c, "Newtonsoft.Json")).kind, "CentralTransitive");
    assert_eq!(c.edges_by_name(), [("App.Core", "Newtonsoft.Json")]);
}

#[test]
fn passing_through_left_out_libraries_is_bounded() {
    // 200 project references that all depend on each other, each with a
    // package below it: every path from the application to a package
    // crosses the tangle.
    let n = 200;
    let mut targets = Vec::new();
    let mut libraries = Vec::new();
    let app_deps: Vec<String> = (0..n).map(|i| format!("\"p{i}\": \"1.0.0\"")).collect();
    targets.push(format!(
        "\"app/1.0.0\": {{\"dependencies\": {{{}}}, \"runtime\": {{\"app.dll\": {{}}}}}}",
        app_deps.join(",")
    ));
    libraries.push("\"app/1.0.0\": {\"type\": \"project\"}".to_owned());
    for i in 0..n {
        let mut deps: Vec<String> = (0..n)
            .filter(|&j| j != i)
            .map(|j| format!("\"p{j}\": \"1.0.0\""))
            .collect();
        deps.push(format!("\"lib{i}\": \"1.0.0\""));
        targets.push(format!(
            "\"p{i}/1.0.0\": {{\"dependencies\": {{{}}}, \"runtime\": {{\"p{i}.dll\": {{}}}}}}",
            deps.join(",")
        ));
        targets.push(format!(
            "\"lib{i}/1.0.0\": {{\"runtime\": {{\"lib/net8.0/lib{i}.dll\": {{}}}}}}"
        ));
        libraries.push(format!("\"p{i}/1.0.0\": {{\"type\": \"project\"}}"));
        libraries.push(format!(
            "\"lib{i}/1.0.0\": {{\"type\": \"package\", \"sha512\": \"sha512-x\"}}"
        ));
    }
    let deps = format!(
        "{{\"runtimeTarget\": {{\"name\": \"t\"}}, \"targets\": {{\"t\": {{{}}}}}, \"libraries\": {{{}}}}}",
        targets.join(","),
        libraries.join(",")
    );
    let mut files = ImageFiles::new();
    files.insert_file("app/app.deps.json", deps.into_bytes().into(), 0);
    let started = std::time::Instant::now();
    let c = catalog(&files);
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
    assert_eq!(c.packages.len(), 1 + n);
    assert_eq!(
        c.warnings,
        ["/app/app.deps.json: too many dependencies pass through left-out libraries; some edges are missing"]
    );
    // What was found before the budget ran out is kept.
    assert!(!c.relationships.is_empty());
}

#[test]
fn the_only_project_is_the_application_whatever_the_file_is_called() {
    // An assembly named otherwise than its project (`fsc.deps.json` of the
    // project `tool_fsc`).
    let deps = br#"{
      "runtimeTarget": {"name": ".NETCoreApp,Version=v8.0"},
      "targets": {".NETCoreApp,Version=v8.0": {
        "tool_fsc/1.0.0": {"dependencies": {"FSharp.Core": "8.0.400"}, "runtime": {"fsc.dll": {}}},
        "FSharp.Core/8.0.400": {"runtime": {"lib/netstandard2.1/FSharp.Core.dll": {}}}
      }},
      "libraries": {
        "tool_fsc/1.0.0": {"type": "project", "serviceable": false, "sha512": ""},
        "FSharp.Core/8.0.400": {"type": "package", "serviceable": true, "sha512": "sha512-x", "path": "fsharp.core/8.0.400"}
      }
    }"#;
    let mut files = ImageFiles::new();
    files.insert_file("usr/lib/fsc/fsc.deps.json", deps.to_vec().into(), 0);
    let c = catalog(&files);
    assert!(c.packages[0].application);
    assert_eq!(c.packages[0].name, "tool_fsc");
    assert_eq!(c.edges_by_name(), [("tool_fsc", "FSharp.Core")]);
}
