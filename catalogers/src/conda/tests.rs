//! The conda cataloger over real records (`testdata/SOURCE.md`): part of a
//! miniforge environment conda 24.7.1 created, checked against the
//! environment's own `conda-meta/history`, and syft's fixtures (a
//! pixi/rattler environment's records and a damaged one).

use std::path::Path;

use super::CondaCataloger;
use crate::model::{Catalog, CondaMetadata, Metadata, Package};
use crate::view::{from_dir, ImageFiles};
use crate::{Cataloger, Environment};

fn testdata(dir: &str) -> ImageFiles {
    from_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("src/conda/testdata")
            .join(dir),
    )
}

fn catalog(files: &ImageFiles) -> Catalog {
    CondaCataloger.catalog(files, &Environment::default())
}

fn find<'a>(c: &'a Catalog, name: &str) -> &'a Package {
    c.packages
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("no package {name}"))
}

fn meta(p: &Package) -> &CondaMetadata {
    match &p.metadata {
        Metadata::Conda(m) => m,
        other => panic!("not conda metadata: {other:?}"),
    }
}

#[test]
fn a_miniforge_environment_as_its_history_has_it() {
    let files = testdata("miniforge");
    let c = catalog(&files);
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    assert_eq!(c.packages.len(), 10, "ten records; `history` is no record");

    // conda's own log of what it linked: `+channel/subdir::name-version-build`.
    let history = files.read("opt/conda/conda-meta/history").unwrap();
    let linked: Vec<String> = String::from_utf8_lossy(history.content)
        .lines()
        .filter_map(|l| l.strip_prefix('+'))
        .filter_map(|l| l.split_once("::"))
        .map(|(_, dist)| dist.to_owned())
        .collect();
    for p in &c.packages {
        let m = meta(p);
        let dist = format!("{}-{}-{}", p.name, p.version, m.build.as_deref().unwrap());
        assert!(linked.contains(&dist), "{dist} is not in the history");
        assert_eq!(m.environment, "/opt/conda");
        assert_eq!(p.purl, None, "syft writes no purl for conda packages");
        assert!(p.cpes.is_empty());
    }

    let openssl = find(&c, "openssl");
    assert_eq!(
        (openssl.version.as_str(), openssl.kind.as_str()),
        ("3.3.1", "conda")
    );
    assert_eq!(
        openssl.locations[0].path,
        "/opt/conda/conda-meta/openssl-3.3.1-hb9d3cd8_3.json"
    );
    assert_eq!(openssl.licenses[0].spdx.as_deref(), Some("Apache-2.0"));
    let m = meta(openssl);
    assert_eq!(m.build.as_deref(), Some("hb9d3cd8_3"));
    assert_eq!(m.build_number, Some(3));
    assert_eq!(
        m.channel.as_deref(),
        Some("https://conda.anaconda.org/conda-forge/linux-64")
    );
    assert_eq!(m.subdir.as_deref(), Some("linux-64"));
    assert_eq!(m.md5.as_deref(), Some("6c566a46baae794daf34775d41eb180a"));
    assert_eq!(
        m.sha256.as_deref(),
        Some("9e27441b273a7cf9071f6e88ba9ad565d926d8083b154c64a74b99fba167b137")
    );
    assert_eq!(openssl.files.len(), 158);
    let file = |p: &Package, path: &str| {
        p.files
            .iter()
            .find(|f| f.path == path)
            .and_then(|f| f.digest.as_ref())
            .map(|d| (d.algorithm, d.value.clone()))
            .unwrap_or_else(|| panic!("no digest for {path}"))
    };
    // A script conda rewrote on linking: the digest of the file as installed.
    assert_eq!(
        file(openssl, "/opt/conda/bin/c_rehash"),
        (
            "sha256",
            "48dfe36961e147e0fc4f80d40c24215645d84f02fa3e59ff1d61a07088240595".to_owned()
        )
    );
    assert_eq!(
        file(openssl, "/opt/conda/bin/openssl"),
        (
            "sha256",
            "8e148d2d9eb65de746d557975806d58093f23cdc6d3088e7ef81bdac2527c2be".to_owned()
        )
    );
    // A symbolic link's entry has the packaged digest only.
    assert_eq!(
        file(find(&c, "libzlib"), "/opt/conda/lib/libz.so.1").1,
        "5d487d1a584bd4dccfb9ed699f4cde96ef759c7fa7410f99c7bdb968a2745027"
    );
    // A Python package's dist-info is among its files (the Python
    // cataloger reports the same distribution from it).
    assert!(find(&c, "wheel").files.iter().any(
        |f| f.path == "/opt/conda/lib/python3.12/site-packages/wheel-0.44.0.dist-info/METADATA"
    ));
    assert_eq!(
        find(&c, "libgcc").licenses[0].spdx.as_deref(),
        Some("GPL-3.0-only WITH GCC-exception-3.1")
    );
    assert!(find(&c, "_libgcc_mutex").licenses.is_empty());

    // Edges by name within the environment; `__glibc` is virtual and
    // `python` (wheel's) is not among these records.
    assert_eq!(
        c.edges_by_name(),
        [
            ("_openmp_mutex", "_libgcc_mutex"),
            ("_openmp_mutex", "libgomp"),
            ("bzip2", "libgcc-ng"),
            ("libgcc", "_libgcc_mutex"),
            ("libgcc", "_openmp_mutex"),
            ("libgcc-ng", "libgcc"),
            ("libgomp", "_libgcc_mutex"),
            ("libzlib", "libgcc-ng"),
            ("openssl", "ca-certificates"),
            ("openssl", "libgcc-ng"),
        ]
    );
}

#[test]
fn syft_fixtures() {
    let c = catalog(&testdata("syft/conda-meta-python-c-etc"));
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    let got: Vec<(&str, &str, &str)> = c
        .packages
        .iter()
        .map(|p| {
            (
                p.name.as_str(),
                p.version.as_str(),
                p.licenses[0].value.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("jupyterlab", "4.4.3", "BSD-3-Clause"),
            ("zlib", "1.2.11", "Zlib")
        ]
    );
    let zlib = find(&c, "zlib");
    assert_eq!(zlib.arch.as_deref(), Some("arm64"));
    assert_eq!(
        zlib.locations[0].path,
        "/conda-meta/zlib-1.2.11-h90dfc92_1014.json"
    );
    let m = meta(zlib);
    assert_eq!(
        m.environment, "/",
        "conda-meta at the root: the root is the environment"
    );
    assert_eq!(m.build_number, Some(1014));
    assert_eq!(m.subdir.as_deref(), Some("osx-arm64"));
    let files: Vec<(&str, &str)> = zlib
        .files
        .iter()
        .map(|f| (f.path.as_str(), f.digest.as_ref().unwrap().value.as_str()))
        .collect();
    assert_eq!(
        files,
        [
            (
                "/include/zconf.h",
                "77304005ceb5f0d03ad4c37eb8386a10866e4ceeb204f7c3b6599834c7319541"
            ),
            (
                "/include/zlib.h",
                "4ddc82b4af931ab55f44d977bde81bfbc4151b5dcdccc03142831a301b5ec3c8"
            ),
            (
                "/lib/libz.a",
                "40c056a5d8155d9b3f42adfe35f7fc6e5fa15cc6588ffad0f09fe67517feada0"
            ),
            (
                "/lib/libz.dylib",
                "09e47dbc60aa970e153913fe84551ad7f5aa51c21907591340a0cc999adab859"
            ),
            (
                "/lib/pkgconfig/zlib.pc",
                "5b4eb6062f97875eaadb3b6c7cf8cfeff3808798ecbf2bfc095f18dcecc509bf"
            ),
        ]
    );
    // zlib depends on libzlib, jupyterlab on Python packages: none installed here.
    assert!(c.relationships.is_empty());

    let c = catalog(&testdata("syft/conda-meta-bad-json"));
    assert!(c.packages.is_empty());
    assert_eq!(c.warnings.len(), 1);
    assert!(c.warnings[0]
        .starts_with("/conda-meta/package-1.2.3-pyhd8ed1ab_0.json: not a conda-meta record ("));
}

#[test]
fn environments_are_kept_apart() {
    let libzlib =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(
            "src/conda/testdata/miniforge/opt/conda/conda-meta/libzlib-1.3.1-h4ab18f5_1.json",
        ))
        .unwrap();
    let libgcc_ng = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(
        "src/conda/testdata/miniforge/opt/conda/conda-meta/libgcc-ng-14.1.0-h69a702a_1.json",
    ))
    .unwrap();
    let mut files = ImageFiles::new();
    files.insert_file(
        "opt/conda/envs/app/conda-meta/libzlib-1.3.1-h4ab18f5_1.json",
        libzlib.clone().into(),
        2,
    );
    files.insert_file(
        "opt/conda/conda-meta/libgcc-ng-14.1.0-h69a702a_1.json",
        libgcc_ng.clone().into(),
        1,
    );
    files.insert_file(
        "opt/other/conda-meta/libzlib-1.3.1-h4ab18f5_1.json",
        libzlib.clone().into(),
        1,
    );
    files.insert_file(
        "opt/other/conda-meta/libgcc-ng-14.1.0-h69a702a_1.json",
        libgcc_ng.into(),
        1,
    );
    // Test data inside a Python package, and a conda-meta that is a file's name.
    files.insert_file(
        "usr/lib/python3/dist-packages/conda/tests/data/env/conda-meta/libzlib-1.3.1-h4ab18f5_1.json",
        libzlib.clone().into(),
        0,
    );
    files.insert_file("opt/notconda-meta/x.json", libzlib.into(), 0);
    let c = catalog(&files);
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    let found: Vec<(&str, &str, usize)> = c
        .packages
        .iter()
        .map(|p| {
            (
                p.name.as_str(),
                meta(p).environment.as_str(),
                p.locations[0].layer,
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("libgcc-ng", "/opt/conda", 1),
            ("libzlib", "/opt/conda/envs/app", 2),
            ("libgcc-ng", "/opt/other", 1),
            ("libzlib", "/opt/other", 1),
        ]
    );
    // Only /opt/other has libzlib's dependency installed beside it.
    let edges: Vec<(usize, usize)> = c.relationships.iter().map(|r| (r.from, r.to)).collect();
    assert_eq!(edges, [(3, 2)]);
    assert_eq!(
        c.packages[1].files[0].path,
        "/opt/conda/envs/app/lib/libz.so.1"
    );
}

#[test]
fn a_file_list_without_digests_and_no_files_when_not_wanted() {
    // The shape of a record written before conda kept `paths_data`.
    let record = br#"{
      "name": "zlib", "version": "1.2.11", "build": "h7b6447c_3", "build_number": 3,
      "channel": "https://repo.anaconda.com/pkgs/main", "subdir": "linux-64",
      "license": "zlib", "depends": ["libgcc-ng >=7.3.0"],
      "files": ["include/zconf.h", "include/zlib.h", "lib/libz.so.1.2.11", "include/zlib.h", ""]
    }"#;
    let mut files = ImageFiles::new();
    files.insert_file(
        "opt/conda/conda-meta/zlib-1.2.11-h7b6447c_3.json",
        record.to_vec().into(),
        0,
    );
    let c = catalog(&files);
    let zlib = &c.packages[0];
    let owned: Vec<(&str, bool)> = zlib
        .files
        .iter()
        .map(|f| (f.path.as_str(), f.digest.is_some()))
        .collect();
    assert_eq!(
        owned,
        [
            ("/opt/conda/include/zconf.h", false),
            ("/opt/conda/include/zlib.h", false),
            ("/opt/conda/lib/libz.so.1.2.11", false),
        ]
    );
    assert_eq!(zlib.licenses[0].spdx.as_deref(), Some("Zlib"));

    let env = Environment {
        without_owned_files: true,
        ..Environment::default()
    };
    assert!(CondaCataloger.catalog(&files, &env).packages[0]
        .files
        .is_empty());
}

#[test]
fn records_without_a_name_are_warnings() {
    let mut files = ImageFiles::new();
    files.insert_file(
        "opt/conda/conda-meta/a.json",
        br#"{"version": "1"}"#.to_vec().into(),
        0,
    );
    files.insert_file(
        "opt/conda/conda-meta/b.json",
        br#"{"name": 7}"#.to_vec().into(),
        0,
    );
    files.insert_file(
        "opt/conda/conda-meta/c.json",
        br#"{"name": "c", "depends": ["c >=1", "__unix"], "paths_data": {"paths": [{"_path": "bin/c", "sha256": "XYZ"}]}}"#
            .to_vec()
            .into(),
        0,
    );
    let c = catalog(&files);
    assert_eq!(c.warnings.len(), 2, "{:?}", c.warnings);
    assert_eq!(
        c.warnings[0],
        "/opt/conda/conda-meta/a.json: a conda-meta record without a package name; skipped"
    );
    assert!(c.warnings[1].starts_with("/opt/conda/conda-meta/b.json: not a conda-meta record ("));
    let pkg = &c.packages[0];
    assert_eq!((pkg.name.as_str(), pkg.version.as_str()), ("c", ""));
    assert_eq!(pkg.files[0].path, "/opt/conda/bin/c");
    assert_eq!(pkg.files[0].digest, None, "not a SHA-256 digest");
    assert!(c.relationships.is_empty(), "no edge to itself");
}
