//! Every cargo-fuzz target of fuzz/, run for a short fixed time through
//! fuzz/smoke.sh for 10 s each (SECONDS_EACH; the script's own default is
//! 30 s, the release run an hour), so the README's test command
//! fuzzes too. A crash fails its test and leaves the input in
//! fuzz/artifacts/TARGET/; fixed, it becomes a unit test of the parser.

use std::path::Path;
use std::process::Command;

fn fuzz(target: &str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let installed = Command::new("cargo")
        .args(["fuzz", "--version"])
        .output()
        .is_ok_and(|out| out.status.success());
    assert!(
        installed,
        "cargo-fuzz is not installed: cargo install cargo-fuzz --locked (.ci/run does)"
    );
    // 10 s each keeps the 17 targets (one test thread of two, the longest
    // chain of the test run) inside the CI budget.
    let output = Command::new("bash")
        .arg(root.join("fuzz/smoke.sh"))
        .arg(target)
        .env("SECONDS_EACH", "10")
        .output()
        .expect("running fuzz/smoke.sh");
    let log = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{log}");
    // libFuzzer's last line: "Done N runs in S second(s)".
    let runs: u64 = log
        .split("Done ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no run count in: {log}"));
    assert!(runs > 100, "{target} ran only {runs} inputs: {log}");
}

/// The targets tested below: every `[[bin]]` of fuzz/Cargo.toml.
const TARGETS: [&str; 17] = [
    "dpkg_status",
    "apk_installed",
    "npm_files",
    "layer_reader",
    "image_json",
    "image_reference",
    "attestation",
    "python_dist",
    "executable_sniffs",
    "rpm_database",
    "java_archive",
    "sbom_document",
    "binary_classifiers",
    "dotnet_files",
    "conda_files",
    "ruby_files",
    "composer_files",
];

#[test]
fn every_target_has_a_test() {
    let manifest =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/Cargo.toml"))
            .unwrap();
    let mut bins: Vec<&str> = manifest
        .lines()
        .filter_map(|l| l.strip_prefix("name = \""))
        .filter_map(|l| l.strip_suffix('"'))
        .filter(|name| *name != "tallyman-fuzz")
        .collect();
    bins.sort();
    let mut tested = TARGETS.to_vec();
    tested.sort();
    assert_eq!(bins, tested);
}

#[test]
fn dpkg_status() {
    fuzz("dpkg_status");
}

#[test]
fn apk_installed() {
    fuzz("apk_installed");
}

#[test]
fn npm_files() {
    fuzz("npm_files");
}

#[test]
fn layer_reader() {
    fuzz("layer_reader");
}

#[test]
fn image_json() {
    fuzz("image_json");
}

#[test]
fn image_reference() {
    fuzz("image_reference");
}

#[test]
fn attestation() {
    fuzz("attestation");
}

#[test]
fn python_dist() {
    fuzz("python_dist");
}

#[test]
fn executable_sniffs() {
    fuzz("executable_sniffs");
}

#[test]
fn rpm_database() {
    fuzz("rpm_database");
}

#[test]
fn java_archive() {
    fuzz("java_archive");
}

#[test]
fn sbom_document() {
    fuzz("sbom_document");
}

#[test]
fn binary_classifiers() {
    fuzz("binary_classifiers");
}

#[test]
fn dotnet_files() {
    fuzz("dotnet_files");
}

#[test]
fn conda_files() {
    fuzz("conda_files");
}

#[test]
fn ruby_files() {
    fuzz("ruby_files");
}

#[test]
fn composer_files() {
    fuzz("composer_files");
}
