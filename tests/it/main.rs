//! The integration tests: one binary, so that a machine without the test
//! tools gets one line naming the setup command instead of a failure per
//! test. Each module runs the built `tallyman` (through
//! [`support::command`]) against real images, registries and validators.

mod attest;
mod bad_input;
mod cache;
mod cache_damage;
mod cluster_policy;
mod completion;
mod concurrent_attach;
mod conformance;
mod copy;
mod diff;
mod durability;
mod fleet;
mod formats;
mod fuzz;
mod hostile;
mod keyless;
mod layers;
mod minimum_elements;
mod policy;
mod provenance;
mod registry;
mod release;
mod sbom_download;
mod scan_debian;
mod scan_go;
mod scan_java;
mod scan_node;
mod scan_polyglot;
mod scan_python;
mod scan_rpm;
mod scan_runtimes;
mod scan_rust;
mod sign;
mod small_image;
mod sources;
mod support;
mod transfer;

/// What the tests run besides tallyman, each installed by `test.sh`.
const TOOLS: &[&str] = &[
    "debootstrap",
    "umoci",
    "skopeo",
    "dpkg-query",
    "qemu-img",
    "debugfs",
    "unzip",
    "docker-registry",
    "htpasswd",
    "openssl",
    "time",
    "npm",
    "python3",
    "pyspdxtools",
    "cargo-fuzz",
    "cargo-auditable",
    "go",
    "script",
    "curl",
    "man",
    "setpriv",
    "readelf",
    "objcopy",
    "musl-gcc",
    "rust-audit-info",
    "nm",
];

/// Before any test: every tool is there, or one line says how to get them.
#[allow(unsafe_code)] // ctor runs it before main: nothing else is running yet.
#[ctor::ctor(unsafe)]
fn check_setup() {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let missing: Vec<&str> = TOOLS
        .iter()
        .copied()
        .filter(|tool| {
            !std::env::split_paths(&path)
                .chain([std::path::PathBuf::from("/usr/sbin")])
                .any(|dir| dir.join(tool).is_file())
        })
        .collect();
    if !missing.is_empty() {
        eprintln!(
            "tallyman tests: {} not installed; run `bash test.sh` as root, which installs what the tests need and runs them all",
            missing.join(", ")
        );
        std::process::exit(1);
    }
}
