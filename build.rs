//! The `tallyman` binary's link arguments: relative relocations packed
//! (DT_RELR) wherever that costs no portability. The ~67,000 relocations
//! (aws-lc, regorus and the sigstore crates) then take 30 KB instead of
//! 1.6–1.9 MB, which no longer has to be read in at every start (1.8 MiB
//! less resident memory on the glibc build's warm rescan of the large
//! benchmark image). A static musl binary applies them itself with musl
//! 1.2.4 or later, which Rust's own musl targets ship from Rust 1.93 (1.2.5;
//! before, 1.2.3): a musl build cross-compiled with such a Rust packs them.
//! A glibc binary then needs glibc 2.36 to start, so it packs them only when
//! built natively on a glibc that new: `cargo install` on Ubuntu 22.04 or
//! RHEL 9 makes a binary that starts there. A build on a musl system (Alpine)
//! links that system's musl, of whatever version, and packs nothing.

use std::env;
use std::path::Path;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let var = |name: &str| env::var(name).unwrap_or_default();
    let native = var("TARGET") == var("HOST");
    let target_env = var("CARGO_CFG_TARGET_ENV");
    let pack = var("CARGO_CFG_TARGET_OS") == "linux"
        && match target_env.as_str() {
            "musl" => !native && rustc_minor().is_some_and(|minor| minor >= 93),
            "gnu" => native && host_glibc().is_some_and(|v| v >= (2, 36)),
            _ => false,
        };
    if pack {
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
    if target_env == "musl" && !native {
        musl_compiler(&var("TARGET"));
    }
}

/// The minor version of the Rust compiler building this (`rustc 1.95.0 …`).
fn rustc_minor() -> Option<u32> {
    let rustc = env::var_os("RUSTC")?;
    let out = Command::new(rustc).arg("--version").output().ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    let version = text.split_whitespace().nth(1)?;
    version.split('.').nth(1)?.parse().ok()
}

/// A static musl build made on a glibc system compiles its C parts (aws-lc,
/// zstd, SQLite, mimalloc) with the `cc` crate, which, unless told which
/// compiler to use, takes the prefix of the configured linker or else looks
/// for `<arch>-linux-musl-gcc` (or `musl-gcc`), and otherwise quietly uses
/// the system's `cc` with glibc's headers: the build then ends in a page of
/// undefined symbols at the last link, or worse, links. Say what is missing
/// instead, before that link.
fn musl_compiler(target: &str) {
    let variable = format!("CC_{}", target.replace('-', "_"));
    let given = [
        variable.clone(),
        format!("CC_{target}"),
        "TARGET_CC".to_owned(),
        "CC".to_owned(),
        "CROSS_COMPILE".to_owned(),
    ];
    if given.iter().any(|name| env::var_os(name).is_some()) {
        return;
    }
    let arch = target.split('-').next().unwrap_or_default();
    let musl_gcc = format!("{arch}-linux-musl-gcc");
    if let Some(linker) = env::var_os("RUSTC_LINKER") {
        let name = Path::new(&linker).file_name().unwrap_or_default();
        if !name.to_string_lossy().contains("musl") {
            println!(
                "cargo::error=building for {target}: the linker {} makes the cc crate compile aws-lc, zstd and SQLite with glibc's headers; set {variable}={musl_gcc}",
                Path::new(&linker).display()
            );
        }
        return;
    }
    let mut compilers = vec![musl_gcc];
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
