//! Shared helpers of the integration tests: the real test images (built once
//! by testdata/build-images.sh), running the built binary, ground truth from
//! dpkg itself, and a small OCI layout writer for hand-made hostile images.
#![allow(dead_code)]

pub mod attached;
pub mod oci;
pub mod registry;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Mutex, OnceLock};

use serde_json::Value;

/// Runs `testdata/SCRIPT` once per test run (each script caches its
/// images under target/testdata and serialises concurrent builds); returns
/// that directory.
pub fn built_by(script: &str) -> PathBuf {
    // One flag per script, so that different scripts build at once.
    static SCRIPTS: Mutex<BTreeMap<String, Arc<OnceLock<()>>>> = Mutex::new(BTreeMap::new());
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = root.join("target/testdata");
    let once = SCRIPTS
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .entry(script.to_owned())
        .or_default()
        .clone();
    once.get_or_init(|| {
        let status = Command::new("bash")
            .arg(root.join("testdata").join(script))
            .env("TALLYMAN_TESTDATA", &out)
            .status()
            .unwrap_or_else(|e| panic!("running testdata/{script}: {e}"));
        assert!(status.success(), "testdata/{script} failed");
    });
    out
}

/// The directory holding the images of testdata/build-images.sh.
pub fn images() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| built_by("build-images.sh"))
}

/// The OCI layout (`NAME.oci`) and final root filesystem (`NAME.rootfs`)
/// of the image testdata/SCRIPT builds.
pub fn image_built_by(script: &str, name: &str) -> (PathBuf, PathBuf) {
    let out = built_by(script);
    (
        out.join(format!("{name}.oci")),
        out.join(format!("{name}.rootfs")),
    )
}

/// The polyglot image (testdata/build-polyglot-image.sh).
pub fn polyglot() -> (PathBuf, PathBuf) {
    image_built_by("build-polyglot-image.sh", "polyglot")
}

const BINARY: &str = env!("CARGO_BIN_EXE_tallyman");

/// The one way tests run the built `tallyman`: from the repository root,
/// without the layer cache and without the caller's SOURCE_DATE_EPOCH,
/// COSIGN_PASSWORD or registry credentials; a test sets on the returned
/// command what it needs.
pub fn command() -> Command {
    with_defaults(Command::new(BINARY))
}

/// [`command`] run under a wrapper, e.g. `/usr/bin/time -f %M -o FILE`.
pub fn wrapped(wrapper: &[&std::ffi::OsStr]) -> Command {
    let mut command = Command::new(wrapper[0]);
    command.args(&wrapper[1..]).arg(BINARY);
    with_defaults(command)
}

/// `tallyman ARGS` (shell words) on a terminal, which util-linux `script`
/// gives it; its output is what the terminal showed.
pub fn on_a_terminal(args: &str) -> Output {
    let mut command = Command::new("script");
    command.args(["-qec", &format!("{BINARY} {args}"), "/dev/null"]);
    with_defaults(command)
        .output()
        .expect("script (util-linux)")
}

fn with_defaults(mut command: Command) -> Command {
    command
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("TALLYMAN_NO_CACHE", "1")
        .env_remove("SOURCE_DATE_EPOCH")
        .env_remove("COSIGN_PASSWORD")
        .env_remove("TALLYMAN_REGISTRY_PASSWORD")
        .env_remove("DOCKER_CONFIG")
        .env_remove("REGISTRY_AUTH_FILE");
    command
}

/// Runs the built `tallyman` binary ([`command`]) to its end.
pub fn tallyman<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    command().args(args).output().expect("running tallyman")
}

/// A `tallyman` command with the layer cache on, in `cache_home` (as
/// `XDG_CACHE_HOME`), where [`command`] turns it off.
pub fn with_cache(cache_home: &Path) -> Command {
    let mut command = command();
    command
        .env_remove("TALLYMAN_NO_CACHE")
        .env("XDG_CACHE_HOME", cache_home);
    command
}

/// `output` of a run that must have succeeded (else its stderr is the message).
pub fn ok(output: Output) -> Output {
    assert!(output.status.success(), "{}", stderr(&output));
    output
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// `tallyman scan SOURCE -o json` (plus `extra` arguments), which must succeed.
pub fn scan_json(source: &str, extra: &[&str]) -> Value {
    let mut args = vec!["scan", source, "-o", "json"];
    args.extend_from_slice(extra);
    let output = tallyman(&args);
    assert!(
        output.status.success(),
        "scan {source} failed: {}",
        stderr(&output)
    );
    serde_json::from_slice(&output.stdout).expect("json output")
}

/// Runs a scan expected to fail; returns its stderr after checking the exit
/// code is 1 and the message is one line.
pub fn scan_error(args: &[&str]) -> String {
    let output = tallyman(args);
    assert_eq!(
        output.status.code(),
        Some(1),
        "expected failure, got: {}",
        stderr(&output)
    );
    assert!(
        output.stdout.is_empty(),
        "a failed scan must print no document"
    );
    let err = stderr(&output);
    let errors: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with("tallyman: error:"))
        .collect();
    assert_eq!(errors.len(), 1, "one error line expected: {err}");
    errors[0].to_owned()
}

/// Every relationship of type `kind` (`depends-on`, `contains`) in a
/// document as (from, to) package names, sorted.
pub fn edges_by_name(doc: &Value, kind: &str) -> Vec<(String, String)> {
    let names: BTreeMap<&str, &str> = doc["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["id"].as_str().unwrap(), p["name"].as_str().unwrap()))
        .collect();
    let name = |id: &Value| names[id.as_str().unwrap()].to_owned();
    let mut edges: Vec<(String, String)> = doc["relationships"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["type"] == kind)
        .map(|r| (name(&r["from"]), name(&r["to"])))
        .collect();
    edges.sort();
    edges
}

/// (name, version, arch) of each package in a document.
pub fn packages(doc: &Value) -> BTreeSet<(String, String, String)> {
    doc["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["name"].as_str().unwrap().to_owned(),
                p["version"].as_str().unwrap().to_owned(),
                p["arch"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

/// (name, version) of the packages of `kind` whose record is at `path` (a
/// binary, for Go modules and Rust crates).
pub fn packages_in(doc: &Value, kind: &str, path: &str) -> BTreeSet<(String, String)> {
    doc["packages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["type"] == kind && p["locations"][0]["path"] == path)
        .map(|p| {
            (
                p["name"].as_str().unwrap().to_owned(),
                p["version"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// The package named `name` in a document.
pub fn package<'a>(doc: &'a Value, name: &str) -> &'a Value {
    doc["packages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == name)
        .unwrap_or_else(|| panic!("no package {name}"))
}

/// What dpkg itself says is installed in a root filesystem: the ground truth.
pub fn dpkg_installed(rootfs: &Path) -> BTreeSet<(String, String, String)> {
    let output = Command::new("dpkg-query")
        .arg(format!(
            "--admindir={}",
            rootfs.join("var/lib/dpkg").display()
        ))
        .args([
            "-W",
            "-f",
            "${db:Status-Abbrev}\t${Package}\t${Version}\t${Architecture}\n",
        ])
        .output()
        .expect("running dpkg-query");
    assert!(output.status.success());
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .filter(|l| l.starts_with("ii"))
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f[1].to_owned(), f[2].to_owned(), f[3].to_owned())
        })
        .collect()
}

/// A peer binary (syft, trivy) from testdata/fetch-peers.sh, fetched on first use.
pub fn peer(name: &str) -> PathBuf {
    static FETCHED: OnceLock<PathBuf> = OnceLock::new();
    let dir = FETCHED.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let out = root.join("target/peers");
        let status = Command::new("bash")
            .arg(root.join("testdata/fetch-peers.sh"))
            .env("TALLYMAN_PEERS", &out)
            .status()
            .expect("running testdata/fetch-peers.sh");
        assert!(status.success(), "testdata/fetch-peers.sh failed");
        out
    });
    dir.join(name)
}

/// Runs tallyman with SOURCE_DATE_EPOCH set, so documents are reproducible.
pub fn tallyman_reproducible<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    command()
        .args(args)
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .output()
        .expect("running tallyman")
}

/// The small image committed in testdata/, as an archive path.
pub const SMALL_IMAGE: &str = "testdata/images/debian-bookworm-dpkg.oci.tar";

/// The small image unpacked into an OCI layout directory (skopeo pushes
/// from layouts; some tests damage blobs in it).
pub fn small_layout() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let archive = Path::new(env!("CARGO_MANIFEST_DIR")).join(SMALL_IMAGE);
    let status = Command::new("tar")
        .arg("-xf")
        .arg(&archive)
        .arg("-C")
        .arg(dir.path())
        .status()
        .unwrap();
    assert!(status.success());
    dir
}

/// Compares `document` with the golden file `testdata/golden/NAME.snap`, an
/// insta snapshot: `cargo insta review` (or INSTA_UPDATE=always) accepts a
/// change after reading its diff.
pub fn assert_golden(name: &str, document: &[u8]) {
    let text = std::str::from_utf8(document).expect("documents are UTF-8");
    insta::with_settings!({
        snapshot_path => Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/golden"),
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::assert_snapshot!(name, text);
    });
}

/// The blob digest of the first (base) layer of the only image in a layout.
pub fn first_layer_digest(layout: &Path) -> String {
    first_layer(layout).0
}

/// The diff id (the layer's identity in messages and documents) of the
/// first layer of the only image in a layout.
pub fn first_layer_diff_id(layout: &Path) -> String {
    first_layer(layout).1
}

/// (blob digest, diff id) of the first layer of the only image in a layout.
fn first_layer(layout: &Path) -> (String, String) {
    let blob = |digest: &str| {
        layout
            .join("blobs/sha256")
            .join(digest.trim_start_matches("sha256:"))
    };
    let index: Value =
        serde_json::from_slice(&std::fs::read(layout.join("index.json")).unwrap()).unwrap();
    let manifest: Value = serde_json::from_slice(
        &std::fs::read(blob(index["manifests"][0]["digest"].as_str().unwrap())).unwrap(),
    )
    .unwrap();
    let config: Value = serde_json::from_slice(
        &std::fs::read(blob(manifest["config"]["digest"].as_str().unwrap())).unwrap(),
    )
    .unwrap();
    (
        manifest["layers"][0]["digest"].as_str().unwrap().to_owned(),
        config["rootfs"]["diff_ids"][0].as_str().unwrap().to_owned(),
    )
}

/// Flips bytes in the middle of a file, keeping its size.
pub fn corrupt(path: &Path) {
    let mut bytes = std::fs::read(path).unwrap();
    let middle = bytes.len() / 2;
    for b in &mut bytes[middle..middle + 64] {
        *b ^= 0xa5;
    }
    std::fs::write(path, bytes).unwrap();
}

/// A tmpfs mounted for one test with mount `options` (`size=64k`,
/// `ro,size=1m`), unmounted when dropped (also when the test fails).
pub struct Mount(PathBuf);

impl Mount {
    pub fn tmpfs(dir: &Path, options: &str) -> Mount {
        let status = Command::new("mount")
            .args(["-t", "tmpfs", "-o", options, "tmpfs"])
            .arg(dir)
            .status()
            .expect("mount (the tests run as root)");
        assert!(status.success(), "mount -t tmpfs {}", dir.display());
        Mount(dir.to_owned())
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}
