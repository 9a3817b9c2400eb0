//! The runtimes image (testdata/build-runtimes-image.sh): language runtimes
//! and servers installed as official images install them, outside dpkg;
//! Debian's Ruby and PHP with their gems; a Composer project; a Bundler
//! lockfile of an application with nothing installed; the .NET Core runtime,
//! a deps.json and a NuGet lock file; a conda environment. Compared with what
//! each ecosystem's own tool lists, written beside the image in
//! runtimes.truth/*.tsv by testdata/runtimes/truth.py: RubyGems' and
//! Bundler's own readers, `composer show`, `dotnet --list-runtimes` and the
//! .NET files' records, rattler's reading of conda-meta, each runtime's own
//! `--version`; and dpkg-query and `go version -m` here. Exactly those
//! packages, each once: a binary dpkg owns (Debian's ruby3.1, php8.2,
//! libcrypto) is no binary package nor evidence of one, and the lockfiles
//! inside Debian's gems (typeprof's VS Code extension's package-lock.json,
//! typeprof's and rbs's Gemfile.locks: issue #26.7) add nothing.
//! Development packages (the Gemfile's development group, Composer's
//! require-dev) are reported with `--include-dev` only, marked `dev`. The
//! document counts layers from 0: the base is 0, apt's layer 1, the
//! runtimes 2, the applications 3, the dropped-in files 4.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde_json::Value;

use crate::scan_go::go_version_m;
use crate::support::{dpkg_installed, image_built_by, packages_in, scan_json};

/// The image, its final root filesystem, its ground truth and its scan.
struct Runtimes {
    layout: PathBuf,
    rootfs: PathBuf,
    truth: PathBuf,
    doc: Value,
}

/// Built once (testdata/build-runtimes-image.sh caches it) and scanned once
/// for all the tests here.
fn runtimes() -> &'static Runtimes {
    static IMAGE: OnceLock<Runtimes> = OnceLock::new();
    IMAGE.get_or_init(|| {
        let (layout, rootfs) = image_built_by("build-runtimes-image.sh", "runtimes");
        let truth = layout.with_file_name("runtimes.truth");
        let doc = scan_json(&format!("oci-dir:{}", layout.display()), &[]);
        Runtimes {
            layout,
            rootfs,
            truth,
            doc,
        }
    })
}

/// The image as a scan SOURCE.
pub(crate) fn runtimes_source() -> String {
    format!("oci-dir:{}", runtimes().layout.display())
}

/// The image scanned with `--include-dev`, once.
fn with_dev() -> &'static Value {
    static DOC: OnceLock<Value> = OnceLock::new();
    DOC.get_or_init(|| {
        let layout = &runtimes().layout;
        scan_json(&format!("oci-dir:{}", layout.display()), &["--include-dev"])
    })
}

/// The rows of `runtimes.truth/NAME`, each a map from the header's names.
fn truth(name: &str) -> Vec<BTreeMap<String, String>> {
    let path = runtimes().truth.join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut lines = text.lines();
    let header: Vec<String> = lines
        .next()
        .unwrap()
        .split('\t')
        .map(str::to_owned)
        .collect();
    let rows: Vec<BTreeMap<String, String>> = lines
        .map(|line| {
            let fields: Vec<String> = line.split('\t').map(str::to_owned).collect();
            assert_eq!(fields.len(), header.len(), "{name}: {line}");
            header.iter().cloned().zip(fields).collect()
        })
        .collect();
    assert!(!rows.is_empty(), "{name} is empty");
    rows
}

fn text(value: &Value) -> String {
    value.as_str().unwrap_or_default().to_owned()
}

fn flag(value: &Value) -> bool {
    value.as_bool().unwrap_or(false)
}

/// Where a package's record is: its first location.
fn record(p: &Value) -> String {
    text(&p["locations"][0]["path"])
}

fn of_type<'a>(doc: &'a Value, kind: &'a str) -> impl Iterator<Item = &'a Value> {
    doc["packages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(move |p| p["type"] == kind)
}

/// (record, name, version, purl) of each package of `kind` in `doc`, and
/// how many there are (more than the set's size: one was listed twice).
fn identities(doc: &Value, kind: &str) -> (BTreeSet<(String, String, String, String)>, usize) {
    let found: Vec<_> = of_type(doc, kind)
        .map(|p| {
            (
                record(p),
                text(&p["name"]),
                text(&p["version"]),
                text(&p["purl"]),
            )
        })
        .collect();
    let count = found.len();
    (found.into_iter().collect(), count)
}

fn row_identity(row: &BTreeMap<String, String>) -> (String, String, String, String) {
    (
        row["path"].clone(),
        row["name"].clone(),
        row["version"].clone(),
        row["purl"].clone(),
    )
}

/// `found` is `want`; else a message with only the differences.
#[track_caller]
fn assert_same<T: Ord + std::fmt::Debug>(found: &BTreeSet<T>, want: &BTreeSet<T>, what: &str) {
    let missing: Vec<&T> = want.difference(found).collect();
    let extra: Vec<&T> = found.difference(want).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{what}: {} missing: {missing:#?}\n{} not in the ground truth: {extra:#?}",
        missing.len(),
        extra.len()
    );
}

/// Every path dpkg records as installed by a package (its `.list` files).
fn dpkg_owned(rootfs: &Path) -> BTreeSet<String> {
    let mut owned = BTreeSet::new();
    for entry in std::fs::read_dir(rootfs.join("var/lib/dpkg/info")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "list") {
            owned.extend(
                std::fs::read_to_string(&path)
                    .unwrap()
                    .lines()
                    .map(str::to_owned),
            );
        }
    }
    owned
}

/// Development packages (a `dev` column of "true") only with `--include-dev`.
fn wanted(rows: &[BTreeMap<String, String>], dev: bool) -> Vec<&BTreeMap<String, String>> {
    rows.iter()
        .filter(|r| dev || r.get("dev").is_none_or(|d| d == "false"))
        .collect()
}

#[test]
fn the_gems_rubygems_and_bundler_read() {
    let installed = truth("gems.tsv");
    let locked = truth("gemfile-lock.tsv");
    for (doc, dev) in [(&runtimes().doc, false), (with_dev(), true)] {
        let want: BTreeSet<_> = installed
            .iter()
            .chain(wanted(&locked, dev))
            .map(row_identity)
            .collect();
        let (found, count) = identities(doc, "gem");
        assert_same(&found, &want, &format!("gems (--include-dev: {dev})"));
        assert_eq!(count, want.len(), "a gem listed twice");

        // Ruby's default gems are marked so, and the lockfile's development
        // and test gems as Bundler's groups say.
        let by_identity: BTreeMap<_, &Value> = of_type(doc, "gem")
            .map(|p| ((record(p), text(&p["name"]), text(&p["version"])), p))
            .collect();
        let package = |row: &BTreeMap<String, String>| {
            by_identity[&(
                row["path"].clone(),
                row["name"].clone(),
                row["version"].clone(),
            )]
        };
        for row in &installed {
            let p = package(row);
            let default = flag(&p["metadata"]["default"]);
            assert_eq!(default, row["default"] == "true", "{row:?}");
            assert!(!flag(&p["metadata"]["dev"]), "{row:?}");
            assert_eq!(p["layer"], 1, "{row:?}");
        }
        for row in wanted(&locked, dev) {
            let p = package(row);
            assert_eq!(flag(&p["metadata"]["dev"]), row["dev"] == "true", "{row:?}");
            assert_eq!(p["layer"], 3, "{row:?}");
        }
    }

    // What the image is known to hold, so that the truth cannot be empty
    // or thin: Debian's arch-specific nokogiri and json beside Ruby's own
    // default json, rake both bundled with Ruby and from Debian (two
    // gemspecs, so two packages at two records), and the application's
    // rspec only for development.
    let arch_gems = "/usr/lib/x86_64-linux-gnu/rubygems-integration/3.1.0/specifications";
    assert!(installed
        .iter()
        .any(|r| r["path"] == format!("{arch_gems}/nokogiri-1.13.10.gemspec")));
    assert!(installed
        .iter()
        .any(|r| r["name"] == "json" && r["default"] == "true"));
    assert!(installed
        .iter()
        .any(|r| r["name"] == "json" && r["path"].starts_with(arch_gems)));
    assert_eq!(installed.iter().filter(|r| r["name"] == "rake").count(), 2);
    assert!(locked
        .iter()
        .any(|r| r["name"] == "rspec-mocks" && r["dev"] == "true"));
    assert!(locked
        .iter()
        .any(|r| r["name"] == "concurrent-ruby" && r["dev"] == "false"));
    assert!(locked.iter().all(|r| r["path"] == "/srv/app/Gemfile.lock"));
}

#[test]
fn the_php_packages_composer_installed() {
    let rows = truth("composer.tsv");
    for (doc, dev) in [(&runtimes().doc, false), (with_dev(), true)] {
        let want: BTreeSet<_> = wanted(&rows, dev).into_iter().map(row_identity).collect();
        let (found, count) = identities(doc, "php-composer");
        assert_same(
            &found,
            &want,
            &format!("Composer packages (--include-dev: {dev})"),
        );
        // Installed, and locked in composer.lock beside: one package each.
        assert_eq!(count, want.len(), "a Composer package listed twice");
        for row in wanted(&rows, dev) {
            let p = of_type(doc, "php-composer")
                .find(|p| p["name"] == row["name"].as_str())
                .unwrap();
            assert_eq!(flag(&p["metadata"]["dev"]), row["dev"] == "true", "{row:?}");
            assert_eq!(p["layer"], 3);
        }
    }
    assert_eq!(rows.len(), 7);
    assert!(rows
        .iter()
        .any(|r| r["name"] == "doctrine/instantiator" && r["dev"] == "true"));
    assert!(rows
        .iter()
        .any(|r| r["name"] == "psr/container" && r["dev"] == "false"));
}

/// `--include-dev` adds the development packages and changes nothing else.
#[test]
fn include_dev_adds_only_development_packages() {
    let identity = |p: &Value| {
        (
            text(&p["type"]),
            record(p),
            text(&p["name"]),
            text(&p["version"]),
        )
    };
    let plain: BTreeSet<_> = runtimes().doc["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(identity)
        .collect();
    let (dev, rest): (Vec<&Value>, Vec<&Value>) = with_dev()["packages"]
        .as_array()
        .unwrap()
        .iter()
        .partition(|p| flag(&p["metadata"]["dev"]));
    assert_eq!(
        rest.into_iter().map(identity).collect::<BTreeSet<_>>(),
        plain
    );
    let dev: BTreeSet<(String, String)> = dev
        .into_iter()
        .map(|p| (text(&p["type"]), text(&p["name"])))
        .collect();
    let mut want: BTreeSet<(String, String)> = BTreeSet::new();
    for (file, kind) in [
        ("gemfile-lock.tsv", "gem"),
        ("composer.tsv", "php-composer"),
    ] {
        want.extend(
            truth(file)
                .iter()
                .filter(|r| r["dev"] == "true")
                .map(|r| (kind.to_owned(), r["name"].clone())),
        );
    }
    assert_same(&dev, &want, "development packages");
}

#[test]
fn the_dotnet_runtime_deps_json_and_lock_file() {
    let doc = &runtimes().doc;
    let rows = truth("dotnet.tsv");
    let (runtimes_rows, files_rows): (Vec<_>, Vec<_>) =
        rows.iter().partition(|r| r["kind"] == "runtime");

    // The shared runtime `dotnet --list-runtimes` lists, once: named by its
    // directory, not a NuGet package (no purl), and not its ~190 assemblies
    // nor its own Microsoft.NETCore.App.deps.json's entries.
    let shared: BTreeSet<(String, String, String, String)> = of_type(doc, "dotnet")
        .filter(|p| p["metadata"]["kind"] == "runtime")
        .map(|p| {
            (
                text(&p["metadata"]["path"]),
                text(&p["name"]),
                text(&p["version"]),
                text(&p["purl"]),
            )
        })
        .collect();
    let want: BTreeSet<_> = runtimes_rows.iter().map(|r| row_identity(r)).collect();
    assert_same(&shared, &want, ".NET shared runtimes");
    assert!(want.contains(&(
        "/usr/share/dotnet/shared/Microsoft.NETCore.App/3.1.23".into(),
        "Microsoft.NETCore.App".into(),
        "3.1.23".into(),
        String::new()
    )));

    // Every library of the deps.json (its project too) and every package
    // of the lock file, where each was found.
    let libraries: BTreeSet<_> = of_type(doc, "dotnet")
        .filter(|p| p["metadata"]["kind"] != "runtime")
        .map(|p| {
            (
                record(p),
                text(&p["name"]),
                text(&p["version"]),
                text(&p["purl"]),
            )
        })
        .collect();
    let want: BTreeSet<_> = files_rows.iter().map(|r| row_identity(r)).collect();
    assert_same(&libraries, &want, ".NET libraries");
    assert_eq!(
        of_type(doc, "dotnet").count(),
        rows.len(),
        "a .NET package listed twice"
    );
    for row in files_rows
        .iter()
        .filter(|r| r["path"].ends_with(".deps.json"))
    {
        let p = of_type(doc, "dotnet")
            .find(|p| record(p) == row["path"] && p["name"] == row["name"].as_str())
            .unwrap();
        assert_eq!(text(&p["metadata"]["kind"]), row["kind"], "{row:?}");
        assert_eq!(p["layer"], 4);
    }
    assert!(files_rows
        .iter()
        .any(|r| r["name"] == "Python.Runtime" && r["kind"] == "project"));
    assert_eq!(
        files_rows
            .iter()
            .filter(|r| r["path"] == "/src/Python.Runtime/packages.lock.json")
            .count(),
        9
    );
}

#[test]
fn the_conda_environment_rattler_installed() {
    let doc = &runtimes().doc;
    let rows = truth("conda.tsv");
    let found: BTreeSet<(String, String, String)> = of_type(doc, "conda")
        .map(|p| (record(p), text(&p["name"]), text(&p["version"])))
        .collect();
    let want: BTreeSet<_> = rows
        .iter()
        .map(|r| (r["path"].clone(), r["name"].clone(), r["version"].clone()))
        .collect();
    assert_same(&found, &want, "conda packages");
    assert_eq!(
        of_type(doc, "conda").count(),
        rows.len(),
        "a conda package listed twice"
    );
    for row in &rows {
        let p = of_type(doc, "conda")
            .find(|p| record(p) == row["path"])
            .unwrap();
        let m = &p["metadata"];
        assert_eq!(text(&m["build"]), row["build"], "{row:?}");
        assert_eq!(text(&m["subdir"]), row["subdir"], "{row:?}");
        assert_eq!(text(&m["channel"]), row["channel"], "{row:?}");
        assert_eq!(text(&m["environment"]), "/opt/conda", "{row:?}");
        // No purl: syft writes none for conda packages, nor does tallyman.
        assert_eq!(p["purl"], Value::Null, "{row:?}");
        assert_eq!(p["layer"], 4);
    }
    assert!(rows.iter().any(|r| r["name"] == "_libgcc_mutex"));
    assert!(rows.iter().any(|r| r["subdir"] == "noarch"));
}

/// A runtime as the tests compare it: name, version, purl, its first
/// location (the executable) and all of them (the files that said so).
type Runtime = (String, String, String, String, BTreeSet<String>);

#[test]
fn each_runtime_installed_outside_dpkg_and_no_other() {
    let rt = runtimes();
    let rows = truth("binaries.tsv");

    // The truth holds every runtime the script placed.
    let names: BTreeSet<&str> = rows.iter().map(|r| r["name"].as_str()).collect();
    let placed: BTreeSet<&str> = [
        "node",
        "python",
        "php-cli",
        "go",
        "java/jre",
        "nginx",
        "redis",
        "postgresql",
        "memcached",
        "busybox",
        "curl",
        "openssl",
        "haproxy",
    ]
    .into_iter()
    .collect();
    assert_eq!(names, placed);

    // Debian's redis build carries its version without the build host and
    // id that `make` stamps upstream (`7.0.15<host>-<id>`, what the redis
    // image holds: catalogers' binary::tests::redis_by_its_build_id); no
    // rule tells it from redis's command table versions, so neither syft
    // nor tallyman reports it. Said here, not hidden.
    let (missed, rows): (Vec<_>, Vec<_>) = rows.into_iter().partition(|r| r["name"] == "redis");
    assert_eq!(missed.len(), 1);
    assert!(of_type(&rt.doc, "binary").all(|p| p["name"] != "redis"));

    let found: BTreeSet<Runtime> = of_type(&rt.doc, "binary")
        .map(|p| {
            let locations = p["locations"].as_array().unwrap();
            (
                text(&p["name"]),
                text(&p["version"]),
                text(&p["purl"]),
                record(p),
                locations.iter().map(|l| text(&l["path"])).collect(),
            )
        })
        .collect();
    let want: BTreeSet<Runtime> = rows
        .iter()
        .map(|r| {
            let locations: Vec<String> = r["locations"].split(',').map(str::to_owned).collect();
            (
                r["name"].clone(),
                r["version"].clone(),
                r["purl"].clone(),
                locations[0].clone(),
                locations.into_iter().collect(),
            )
        })
        .collect();
    assert_same(&found, &want, "runtimes");
    assert_eq!(
        of_type(&rt.doc, "binary").count(),
        rows.len(),
        "a runtime listed twice"
    );

    // What dpkg owns is the deb's: Debian's ruby3.1 and libruby, php8.2
    // (the very bytes of /usr/local/bin/php), perl, the libcrypto.so.3 that
    // /usr/local/lib holds a copy of: no binary package, and no evidence of one.
    let owned = dpkg_owned(&rt.rootfs);
    assert!(owned.contains("/usr/bin/ruby3.1") && owned.contains("/usr/bin/php8.2"));
    assert!(owned.contains("/usr/lib/x86_64-linux-gnu/libcrypto.so.3"));
    for p in of_type(&rt.doc, "binary") {
        for location in p["locations"].as_array().unwrap() {
            assert!(
                !owned.contains(&text(&location["path"])),
                "{} {} at {}, which dpkg owns",
                p["name"],
                p["version"],
                location["path"]
            );
        }
        assert_eq!(p["layer"], 2, "{}", p["name"]);
    }
}

#[test]
fn the_go_toolchain_binaries_modules() {
    let rt = runtimes();
    let mut modules = 0;
    for binary in ["/usr/local/go/bin/go", "/usr/local/go/bin/gofmt"] {
        let want = go_version_m(&rt.rootfs.join(binary.trim_start_matches('/')));
        assert!(!want.is_empty(), "{binary}");
        assert_eq!(packages_in(&rt.doc, "go-module", binary), want, "{binary}");
        modules += want.len();
    }
    assert_eq!(of_type(&rt.doc, "go-module").count(), modules);
}

/// The JRE's own archive, jrt-fs.jar: its manifest names its version
/// (`Implementation-Version: 25.0.2`), though its title ("Java Runtime
/// Environment") is no artifact name.
#[test]
fn the_jres_own_archive() {
    let found: BTreeSet<(String, String, String)> = of_type(&runtimes().doc, "java-archive")
        .map(|p| (record(p), text(&p["name"]), text(&p["version"])))
        .collect();
    let want: BTreeSet<(String, String, String)> = truth("jars.tsv")
        .iter()
        .map(|r| (r["path"].clone(), r["name"].clone(), r["version"].clone()))
        .collect();
    assert_same(&found, &want, "Java archives");
    assert_eq!(of_type(&runtimes().doc, "java-archive").count(), want.len());
}

#[test]
fn nothing_else_and_nothing_from_inside_debians_gems() {
    let rt = runtimes();
    let doc = &rt.doc;
    let packages = doc["packages"].as_array().unwrap();

    // Debian: exactly what dpkg lists.
    let debs: BTreeSet<(String, String, String)> = of_type(doc, "deb")
        .map(|p| (text(&p["name"]), text(&p["version"]), text(&p["arch"])))
        .collect();
    let dpkg = dpkg_installed(&rt.rootfs);
    assert_same(&debs, &dpkg, "debs");
    assert_eq!(of_type(doc, "deb").count(), dpkg.len());
    let dpkg_tsv: BTreeSet<(String, String, String)> = truth("dpkg.tsv")
        .iter()
        .map(|r| (r["name"].clone(), r["version"].clone(), r["arch"].clone()))
        .collect();
    assert_eq!(dpkg_tsv, dpkg);

    // The lockfiles Debian's libruby3.1 ships inside gems are in the image,
    // and none of them is read as a project: no npm package at all, no
    // package found under a gem's directory.
    let gems = "usr/lib/ruby/gems/3.1.0/gems";
    for file in [
        "typeprof-0.21.2/vscode/package-lock.json",
        "typeprof-0.21.2/vscode/package.json",
        "typeprof-0.21.2/Gemfile.lock",
        "rbs-2.1.0/steep/Gemfile.lock",
    ] {
        assert!(rt.rootfs.join(gems).join(file).is_file(), "{file}");
    }
    assert_eq!(of_type(doc, "npm").count(), 0);
    for p in packages {
        for location in p["locations"].as_array().unwrap() {
            assert!(
                !text(&location["path"]).starts_with(&format!("/{gems}/")),
                "{} {} from {}",
                p["type"],
                p["name"],
                location["path"]
            );
        }
    }

    // Every package is of a kind the tests here account for, and no
    // cataloger warned.
    let accounted = [
        "deb",
        "gem",
        "php-composer",
        "dotnet",
        "conda",
        "binary",
        "go-module",
        "java-archive",
    ];
    let others: Vec<String> = packages
        .iter()
        .filter(|p| !accounted.contains(&p["type"].as_str().unwrap()))
        .map(|p| {
            format!(
                "{} {} {} at {}",
                p["type"],
                p["name"],
                p["version"],
                record(p)
            )
        })
        .collect();
    assert_eq!(others, Vec::<String>::new());
    assert_eq!(doc["warnings"], serde_json::json!([]));
}

/// Debian's packages that ship gems contain them: a `contains` edge from
/// the deb whose file list (`/var/lib/dpkg/info/*.list`) holds the gemspec
/// to the gem, for exactly those gems (Ruby's own default and bundled gems
/// are libruby3.1's). The binary and its evidence never are a deb's (tested
/// above), so no edge reaches a `binary` package.
#[test]
fn debian_packages_contain_the_gems_they_ship() {
    let rt = runtimes();
    let mut owner_of: BTreeMap<String, String> = BTreeMap::new();
    for entry in std::fs::read_dir(rt.rootfs.join("var/lib/dpkg/info")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "list") {
            let stem = path.file_stem().unwrap().to_string_lossy();
            let deb = stem.split(':').next().unwrap().to_owned();
            for line in std::fs::read_to_string(&path).unwrap().lines() {
                owner_of.insert(line.to_owned(), deb.clone());
            }
        }
    }
    let want: BTreeSet<(String, String)> = of_type(&rt.doc, "gem")
        .filter_map(|p| Some((owner_of.get(&record(p))?.clone(), text(&p["name"]))))
        .collect();
    assert!(
        want.contains(&("ruby-rack".into(), "rack".into())),
        "{want:?}"
    );
    assert!(
        want.contains(&("libruby3.1".into(), "rake".into())),
        "{want:?}"
    );
    // By id: a deb, a gem and a binary may share a name (openssl, zlib).
    let by_id: BTreeMap<String, &Value> = rt.doc["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (text(&p["id"]), p))
        .collect();
    let found: BTreeSet<(String, String)> = rt.doc["relationships"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["type"] == "contains")
        .map(|r| (by_id[&text(&r["from"])], by_id[&text(&r["to"])]))
        .filter(|(_, to)| to["type"] == "gem")
        .map(|(from, to)| {
            assert_eq!(from["type"], "deb");
            (text(&from["name"]), text(&to["name"]))
        })
        .collect();
    assert_same(&found, &want, "debs containing gems");
}

/// The image's final root filesystem scanned as a directory finds the same
/// packages of every new ecosystem (`dir:` has no layers: all are layer 0).
#[test]
fn a_dir_scan_of_the_root_filesystem_finds_the_same() {
    let rt = runtimes();
    let dir = scan_json(&format!("dir:{}", rt.rootfs.display()), &[]);
    for kind in ["gem", "php-composer", "dotnet", "conda", "binary"] {
        let (from_dir, _) = identities(&dir, kind);
        let (from_image, _) = identities(&rt.doc, kind);
        assert_same(
            &from_dir,
            &from_image,
            &format!("{kind} (dir: against the image)"),
        );
        assert!(!from_image.is_empty(), "{kind}");
    }
}

/// The layer cache keeps what the new catalogers read (the sniffed windows
/// of the runtimes among it): a warm rescan writes the very document a
/// cold scan wrote. `--scope all-layers` reports the same packages of every
/// new ecosystem (no layer here removes one), none of them deleted.
#[test]
fn cached_rescans_and_all_layers_agree() {
    let source = runtimes_source();
    let home = tempfile::tempdir().unwrap();
    let run = || {
        let out = crate::support::ok(
            crate::support::with_cache(home.path())
                .args(["scan", &source, "-o", "json"])
                .output()
                .unwrap(),
        );
        serde_json::from_slice::<Value>(&out.stdout).unwrap()
    };
    let (cold, warm) = (run(), run());
    assert_eq!(cold["packages"], runtimes().doc["packages"]);
    assert_eq!(warm, cold);

    let all = scan_json(&source, &["--scope", "all-layers"]);
    for kind in ["gem", "php-composer", "dotnet", "conda", "binary"] {
        let (found, _) = identities(&all, kind);
        let (want, _) = identities(&runtimes().doc, kind);
        assert_same(&found, &want, &format!("{kind} (all-layers)"));
        assert!(
            of_type(&all, kind).all(|p| p.get("deletedInLayer").is_none()),
            "{kind}"
        );
    }
}
