//! The `tallyman` binary's link arguments: relative relocations packed
//! (DT_RELR) wherever that costs no portability. The ~67,000 relocations
//! (aws-lc, regorus and the sigstore crates) then take 30 KB instead of
//! 1.6–1.9 MB, which no longer has to be read in at every start (1.8 MiB
//! less resident memory on the glibc build's warm rescan of the large
//! benchmark image). A static musl binary applies them itself (musl 1.2.4+,
//! and Rust's musl targets ship 1.2.5), so it always packs them. A glibc
//! binary then needs glibc 2.36 to start, so it packs them only when built
//! natively on a glibc that new: `cargo install` on Ubuntu 22.04 or RHEL 9
//! makes a binary that starts there.

use std::env;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let var = |name: &str| env::var(name).unwrap_or_default();
    let pack = var("CARGO_CFG_TARGET_OS") == "linux"
        && match var("CARGO_CFG_TARGET_ENV").as_str() {
            "musl" => true,
            "gnu" => var("TARGET") == var("HOST") && host_glibc().is_some_and(|v| v >= (2, 36)),
            _ => false,
        };
    if pack {
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
    if var("CARGO_CFG_TARGET_ENV") == "musl" {
        musl_compiler(&var("TARGET"));
    }
}

/// A static musl build compiles its C parts (aws-lc, zstd, SQLite,
/// mimalloc) with the `cc` crate, which looks for `<arch>-linux-musl-gcc`
/// (or `musl-gcc`) unless told which compiler to use, and otherwise quietly
/// uses the system's `cc` with glibc's headers: the build then ends in a
/// page of undefined symbols at the last link, or worse, links. Say what is
/// missing instead, before that link.
fn musl_compiler(target: &str) {
    let given = [
        format!("CC_{}", target.replace('-', "_")),
        format!("CC_{target}"),
        "TARGET_CC".to_owned(),
        "CC".to_owned(),
    ];
    if given.iter().any(|name| env::var_os(name).is_some()) {
        return;
    }
    let arch = target.split('-').next().unwrap_or_default();
    let mut compilers = vec![format!("{arch}-linux-musl-gcc")];
    if arch == "x86_64" {
        compilers.push("musl-gcc".to_owned());
    }
    let path = env::var_os("PATH").unwrap_or_default();
    let found = compilers
        .iter()
        .any(|cc| env::split_paths(&path).any(|dir| dir.join(cc).is_file()));
    if !found {
        let hint = if arch == "x86_64" {
            "apt-get install musl-tools".to_owned()
        } else {
            let debian = match arch {
                "aarch64" => "arm64",
                other => other,
            };
            format!("apt-get install gcc-{arch}-linux-gnu musl-dev:{debian} (after dpkg --add-architecture {debian})")
        };
        println!(
            "cargo::error=building for {target} needs a C compiler for musl ({}) for aws-lc, zstd and SQLite: {hint}",
            compilers.join(" or ")
        );
    }
}

/// The build machine's glibc version, as `getconf GNU_LIBC_VERSION` says it
/// (`glibc 2.36`).
fn host_glibc() -> Option<(u32, u32)> {
    let out = Command::new("getconf")
        .arg("GNU_LIBC_VERSION")
        .output()
        .ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    let (major, minor) = text.trim().strip_prefix("glibc ")?.split_once('.')?;
    let minor = minor.split('.').next()?;
    Some((major.parse().ok()?, minor.parse().ok()?))
}
