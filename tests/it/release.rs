//! The release (#32): the static binary starts in root filesystems other
//! than this machine's (Debian 11's, Alpine's); release/build.sh makes
//! archives whose SHA256SUMS, SBOMs and signatures check out; tallyman's own
//! image is reproducible, lists the crates its binary records, scans from
//! inside, and is attested and signed in a registry.
//!
//! release/build.sh runs once, on the suite's own binary (`--prebuilt`:
//! test.sh builds the suite for x86_64-unknown-linux-musl through cargo
//! auditable), so nothing is compiled twice; a bare `cargo test` on the
//! host's target has the script build the static binary in a target
//! directory of its own. Everything the tests make is under
//! `CARGO_TARGET_TMPDIR/release`, emptied when the first test starts.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use serde_json::Value;

use crate::support::registry::{Auth, Registry};
use crate::support::{self, ok, stderr, tallyman, SMALL_IMAGE};

const TARGET: &str = "x86_64-unknown-linux-musl";
const VERSION: &str = env!("CARGO_PKG_VERSION");

/// `CARGO_TARGET_TMPDIR/release/NAME`; the directory is emptied once per run.
fn work(name: &str) -> PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("release");
        if dir.exists() {
            std::fs::remove_dir_all(&dir).unwrap();
        }
        std::fs::create_dir_all(&dir).unwrap();
        dir
    })
    .join(name)
}

/// The last commit's date, which the release is dated by.
fn epoch() -> String {
    let out = run(Command::new("git")
        .args(["log", "-1", "--format=%ct"])
        .current_dir(env!("CARGO_MANIFEST_DIR")));
    stdout(&out).trim().to_owned()
}

/// The key pair the release is signed with (password `s3cret`).
fn keys() -> &'static (String, String) {
    static KEYS: OnceLock<(String, String)> = OnceLock::new();
    KEYS.get_or_init(|| {
        let prefix = work("cosign").display().to_string();
        ok(tallyman_with_password(&[
            "generate-key-pair",
            "--output-key-prefix",
            &prefix,
        ]));
        (format!("{prefix}.key"), format!("{prefix}.pub"))
    })
}

fn tallyman_with_password(args: &[&str]) -> Output {
    let mut command = support::command();
    command.args(args).env("COSIGN_PASSWORD", "s3cret");
    command.output().unwrap()
}

/// release/build.sh's output directory, after one run.
fn dist() -> &'static Path {
    static DIST: OnceLock<PathBuf> = OnceLock::new();
    DIST.get_or_init(|| {
        let dir = work("dist");
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut script = Command::new("bash");
        script
            .arg(root.join("release/build.sh"))
            .args(["--target", TARGET, "--key", &keys().0])
            .arg("--out")
            .arg(&dir)
            .env("COSIGN_PASSWORD", "s3cret")
            .env("SOURCE_DATE_EPOCH", epoch());
        let suite = Path::new(env!("CARGO_BIN_EXE_tallyman"));
        if is_static(suite) {
            script.arg("--prebuilt").arg(suite);
        } else {
            // The outer cargo holds the suite's target directory.
            script
                .args(["--profile", "dev"])
                .env("CARGO_TARGET_DIR", root.join("target/release-test"));
        }
        let out = script.output().unwrap();
        assert!(out.status.success(), "release/build.sh: {}", stderr(&out));
        dir
    })
}

fn dist_file(name: &str) -> PathBuf {
    dist().join(name)
}

fn name() -> String {
    format!("tallyman-{VERSION}-{TARGET}")
}

fn run(command: &mut Command) -> Output {
    let out = command.output().unwrap();
    assert!(
        out.status.success(),
        "{command:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        stderr(&out)
    );
    out
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The release's file `name` unpacked (tar, gzipped or not) into `dir`,
/// once.
fn unpack(dir: &'static OnceLock<PathBuf>, name: &str) -> &'static Path {
    dir.get_or_init(|| {
        let dir = work(&format!("{name}.d"));
        std::fs::create_dir(&dir).unwrap();
        run(Command::new("tar")
            .arg("-xf")
            .arg(dist_file(name))
            .arg("-C")
            .arg(&dir));
        dir
    })
}

/// The archive's contents.
fn unpacked() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    unpack(&DIR, &format!("{}.tar.gz", name()))
}

fn released_binary() -> PathBuf {
    unpacked().join(name()).join("tallyman")
}

/// Whether `binary` is a static executable: no program interpreter, no
/// shared libraries, so no C library of the system it runs on matters.
fn is_static(binary: &Path) -> bool {
    let headers = stdout(&run(Command::new("readelf").arg("-lW").arg(binary)));
    let dynamic = stdout(&run(Command::new("readelf").arg("-dW").arg(binary)));
    !headers.contains("program interpreter") && !dynamic.contains("(NEEDED)")
}

/// Runs `tallyman scan small.oci.tar -o json --no-cache` inside `root` (a
/// root filesystem with a shell), from a directory of its own, and gives
/// the document.
fn scan_in_root(root: &Path) -> Value {
    let work = tempfile::tempdir_in(root.join("tmp")).unwrap();
    std::fs::copy(released_binary(), work.path().join("tallyman")).unwrap();
    let small = Path::new(env!("CARGO_MANIFEST_DIR")).join(SMALL_IMAGE);
    std::fs::copy(small, work.path().join("small.oci.tar")).unwrap();
    let inside = Path::new("/").join(work.path().strip_prefix(root).unwrap());
    let out = run(Command::new("/usr/sbin/chroot")
        .arg(root)
        .args(["/bin/sh", "-c"])
        .arg(format!(
            "cd {} && ./tallyman scan small.oci.tar -o json --no-cache",
            inside.display()
        ))
        .env_clear()
        .env("PATH", "/usr/bin:/bin"));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The small image's packages as the suite's own binary finds them.
fn small_packages() -> Value {
    let doc = support::scan_json(SMALL_IMAGE, &[]);
    assert_eq!(doc["packages"].as_array().unwrap().len(), 90);
    doc["packages"].clone()
}

#[test]
fn the_static_binary_scans_in_debian_11_and_alpine() {
    assert!(is_static(&released_binary()));
    let expected = small_packages();

    let bullseye = support::built_by("build-old-roots.sh").join("bullseye.rootfs");
    let release = std::fs::read_to_string(bullseye.join("etc/debian_version")).unwrap();
    assert!(release.starts_with("11."), "{release}");
    let doc = scan_in_root(&bullseye);
    assert_eq!(doc["packages"], expected);
    assert_eq!(doc["source"]["name"], "small.oci.tar:bookworm");

    // Alpine's own root filesystem, copied: its musl, no glibc at all.
    let alpine = tempfile::tempdir().unwrap();
    run(Command::new("cp")
        .arg("-a")
        .arg(support::images().join("alpine.rootfs.cache/."))
        .arg(alpine.path()));
    assert!(alpine.path().join("lib/ld-musl-x86_64.so.1").exists());
    assert!(!alpine.path().join("lib/x86_64-linux-gnu").exists());
    let doc = scan_in_root(alpine.path());
    assert_eq!(doc["packages"], expected);
}

/// `(name, version)` of the crates an SBOM lists (`pkg:cargo/` purls).
fn crates_in_spdx(doc: &Value) -> Crates {
    doc["packages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| {
            p["externalRefs"].as_array().is_some_and(|refs| {
                refs.iter().any(|r| {
                    r["referenceLocator"]
                        .as_str()
                        .is_some_and(|l| l.starts_with("pkg:cargo/"))
                })
            })
        })
        .map(|p| {
            (
                p["name"].as_str().unwrap().to_owned(),
                p["versionInfo"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

type Crates = BTreeSet<(String, String)>;

/// What cargo compiles into `tallyman` for the target: `cargo tree`'s
/// normal and build dependencies (lines `name vVERSION …`).
fn compiled_crates() -> Crates {
    let out = run(Command::new("cargo")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["tree", "--locked", "--offline", "-p", "tallyman-cli"])
        .args(["--target", TARGET, "-e", "normal,build", "--prefix", "none"])
        .args(["--format", "{p}"]));
    stdout(&out)
        .lines()
        .map(|line| {
            let mut words = line.split_whitespace();
            let name = words.next().unwrap().to_owned();
            let version = words.next().unwrap().trim_start_matches('v').to_owned();
            (name, version)
        })
        .collect()
}

/// The crates the released binary records (cargo auditable, read back by
/// rust-audit-info), after checking them against the ground truth:
/// - every crate cargo compiles into `tallyman` for the target (`cargo
///   tree`, normal and build dependencies) is recorded;
/// - what is recorded besides is exactly what `cargo metadata`'s resolve
///   adds: optional dependencies named only in weak features (`dep?/feat`),
///   which cargo lists though it does not build them (rust-lang/cargo#10801)
///   and cargo auditable records from that list (this explains the extra
///   crates by the list they were copied from; that none of them is built
///   shows in the suite's binary, which has its symbols: none is theirs);
/// - Cargo.lock pins every one of them at the version recorded.
fn recorded_crates() -> &'static Crates {
    static CRATES: OnceLock<Crates> = OnceLock::new();
    CRATES.get_or_init(|| {
        let root = env!("CARGO_MANIFEST_DIR");
        let compiled = compiled_crates();
        assert!(compiled.len() > 300, "{}", compiled.len());

        let recorded = crate::scan_polyglot::rust_audit_info(&released_binary());
        let missing: Vec<_> = compiled.difference(&recorded).collect();
        assert!(missing.is_empty(), "compiled in, not recorded: {missing:?}");

        let extra: Crates = recorded.difference(&compiled).cloned().collect();
        assert_eq!(extra, resolve_only(), "recorded, not compiled in");
        let symbols = run(Command::new("nm")
            .args(["--demangle", "--defined-only"])
            .arg(env!("CARGO_BIN_EXE_tallyman")));
        let symbols = stdout(&symbols);
        assert!(
            symbols.contains(" tallyman_layer::"),
            "no symbols to look at"
        );
        for (name, _) in &extra {
            let path = format!("{}::", name.replace('-', "_"));
            let found = [' ', '<', '&']
                .iter()
                .any(|before| symbols.contains(&format!("{before}{path}")));
            assert!(!found, "{name} is compiled in after all");
        }

        let lock = std::fs::read_to_string(Path::new(root).join("Cargo.lock")).unwrap();
        for (name, version) in &recorded {
            let entry = format!("name = \"{name}\"\nversion = \"{version}\"\n");
            assert!(
                lock.contains(&entry),
                "{name} {version} is not in Cargo.lock"
            );
        }
        recorded
    })
}

/// What `cargo metadata`'s resolve reaches from tallyman-cli through normal
/// and build dependencies for the target, less what `cargo tree` (cargo's
/// feature resolver: what is built) lists.
fn resolve_only() -> Crates {
    let root = env!("CARGO_MANIFEST_DIR");
    let out = run(Command::new("cargo")
        .current_dir(root)
        .args(["metadata", "--locked", "--offline", "--format-version", "1"])
        .args(["--filter-platform", TARGET]));
    let metadata: Value = serde_json::from_slice(&out.stdout).unwrap();
    let nodes: std::collections::BTreeMap<&str, &Value> = metadata["resolve"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (n["id"].as_str().unwrap(), n))
        .collect();
    let package = |id: &str| {
        let p = metadata["packages"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["id"] == id)
            .unwrap();
        (
            p["name"].as_str().unwrap().to_owned(),
            p["version"].as_str().unwrap().to_owned(),
        )
    };
    let start = nodes
        .keys()
        .find(|id| package(id).0 == "tallyman-cli")
        .copied()
        .unwrap();
    let mut seen = BTreeSet::from([start]);
    let mut queue = vec![start];
    while let Some(id) = queue.pop() {
        for dep in nodes[id]["deps"].as_array().unwrap() {
            let built = dep["dep_kinds"]
                .as_array()
                .unwrap()
                .iter()
                .any(|k| k["kind"].is_null() || k["kind"] == "build");
            let to = dep["pkg"].as_str().unwrap();
            if built && seen.insert(to) {
                queue.push(to);
            }
        }
    }
    let reached: Crates = seen.into_iter().map(package).collect();
    reached.difference(&compiled_crates()).cloned().collect()
}

#[test]
fn release_artifacts_check_out() {
    let dist = dist();
    let name = name();
    let public = &keys().1;
    let mut files: Vec<String> = std::fs::read_dir(dist)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    files.sort();
    let image = format!("tallyman-{VERSION}-image");
    let mut expected = vec![
        "SHA256SUMS".to_owned(),
        "SHA256SUMS.sigstore.json".to_owned(),
        format!("{image}.oci.tar"),
        format!("{image}.oci.tar.sigstore.json"),
        format!("{image}.spdx.json"),
        format!("{image}.spdx.json.sigstore.json"),
        format!("{name}.debug"),
        format!("{name}.spdx.json"),
        format!("{name}.spdx.json.sigstore.json"),
        format!("{name}.tar.gz"),
        format!("{name}.tar.gz.sigstore.json"),
    ];
    expected.sort();
    assert_eq!(files, expected);

    // SHA256SUMS covers every artifact and verifies; a changed byte fails it.
    let sums = std::fs::read_to_string(dist_file("SHA256SUMS")).unwrap();
    assert_eq!(sums.lines().count(), 5, "{sums}");
    let checked = run(Command::new("sha256sum")
        .arg("-c")
        .arg("SHA256SUMS")
        .current_dir(dist));
    assert_eq!(stdout(&checked).matches(": OK").count(), 5);

    // The archive: the binary, completions, man pages, README and licence.
    let listing = run(Command::new("tar")
        .arg("-tzvf")
        .arg(dist_file(&format!("{name}.tar.gz"))));
    let listing = stdout(&listing);
    for member in [
        "tallyman",
        "completions/tallyman.bash",
        "completions/_tallyman",
        "completions/tallyman.fish",
        "man/man1/tallyman.1",
        "man/man1/tallyman-scan.1",
        "man/man1/tallyman-verify-blob.1",
        "man/man1/tallyman-sbom-download.1",
        "README.md",
        "LICENSE",
    ] {
        assert!(
            listing.contains(&format!(" {name}/{member}\n")),
            "{member} not in\n{listing}"
        );
    }
    assert!(listing.lines().all(|l| l.contains(" 0/0 ")), "{listing}");
    let bash =
        std::fs::read_to_string(unpacked().join(&name).join("completions/tallyman.bash")).unwrap();
    assert!(bash.contains("complete -F _tallyman"), "{bash}");

    // Debug info and symbols split off: the binary keeps cargo auditable's
    // record and a link to the .debug file, which holds the line tables.
    let sections = stdout(&run(Command::new("readelf")
        .arg("-SW")
        .arg(released_binary())));
    assert!(!sections.contains(".debug_line"), "{sections}");
    assert!(sections.contains(".gnu_debuglink"), "{sections}");
    assert!(sections.contains(".dep-v0"), "{sections}");
    let debug = stdout(&run(Command::new("readelf")
        .arg("-SW")
        .arg(dist_file(&format!("{name}.debug")))));
    assert!(debug.contains(".debug_line"), "{debug}");
    let version = run(Command::new(released_binary()).arg("--version"));
    assert_eq!(stdout(&version), format!("tallyman {VERSION}\n"));

    // The archive's SBOM lists the crates the binary records.
    let sbom: Value =
        serde_json::from_slice(&std::fs::read(dist_file(&format!("{name}.spdx.json"))).unwrap())
            .unwrap();
    assert_eq!(&crates_in_spdx(&sbom), recorded_crates());
    assert_eq!(sbom["name"], name.as_str());

    // Every signature verifies, by tallyman and by securesystemslib; a
    // file that is not the one signed, or a signature changed by one bit,
    // fails both.
    let signed = [
        "SHA256SUMS".to_owned(),
        format!("{image}.oci.tar"),
        format!("{image}.spdx.json"),
        format!("{name}.spdx.json"),
        format!("{name}.tar.gz"),
    ];
    for file in &signed {
        let bundle = dist_file(&format!("{file}.sigstore.json"));
        assert!(verify_blob(&dist_file(file), &bundle, public), "{file}");
        assert!(
            securesystemslib_verifies(&dist_file(file), &bundle, public),
            "{file}"
        );
    }
    let other = dist_file(&format!("{name}.debug"));
    let bundle = dist_file("SHA256SUMS.sigstore.json");
    assert!(!verify_blob(&other, &bundle, public));
    assert!(!securesystemslib_verifies(&other, &bundle, public));
    let mut altered: Value = serde_json::from_slice(&std::fs::read(&bundle).unwrap()).unwrap();
    let signature = altered["messageSignature"]["signature"].as_str().unwrap();
    let mut bytes =
        base64::Engine::decode(&base64::engine::general_purpose::STANDARD, signature).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    altered["messageSignature"]["signature"] =
        base64::Engine::encode(&base64::engine::general_purpose::STANDARD, &bytes).into();
    let altered_bundle = work("altered.sigstore.json");
    std::fs::write(&altered_bundle, altered.to_string()).unwrap();
    let sums = dist_file("SHA256SUMS");
    assert!(!verify_blob(&sums, &altered_bundle, public));
    assert!(!securesystemslib_verifies(&sums, &altered_bundle, public));
}

fn verify_blob(file: &Path, bundle: &Path, public: &str) -> bool {
    tallyman([
        "verify-blob".as_ref(),
        file.as_os_str(),
        "--bundle".as_ref(),
        bundle.as_os_str(),
        "--key".as_ref(),
        public.as_ref(),
    ])
    .status
    .success()
}

fn securesystemslib_verifies(file: &Path, bundle: &Path, public: &str) -> bool {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/support/verify_blob.py");
    let out = Command::new("python3")
        .arg(script)
        .arg(file)
        .arg(bundle)
        .arg(public)
        .output()
        .unwrap();
    let said = stdout(&out);
    assert!(
        said.starts_with("verified") || said.starts_with("not verified"),
        "securesystemslib: {said}{}",
        stderr(&out)
    );
    out.status.success()
}

/// The image layout release/build.sh wrote, unpacked from its archive.
fn image_layout() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    unpack(&DIR, &format!("tallyman-{VERSION}-image.oci.tar"))
}

fn manifest_digest(layout: &Path) -> String {
    let index: Value =
        serde_json::from_slice(&std::fs::read(layout.join("index.json")).unwrap()).unwrap();
    let manifests = index["manifests"].as_array().unwrap();
    assert_eq!(manifests.len(), 1, "{index}");
    assert_eq!(
        manifests[0]["annotations"]["org.opencontainers.image.ref.name"],
        VERSION
    );
    manifests[0]["digest"].as_str().unwrap().to_owned()
}

#[test]
fn the_image_is_reproducible_lists_its_crates_and_scans_from_inside() {
    let layout = image_layout();
    let digest = manifest_digest(layout);

    // Built again from the same binary and epoch (and this machine's
    // ca-certificates), with another umask: the same digest.
    let again = tempfile::tempdir().unwrap();
    run(Command::new("bash")
        .arg("-c")
        .arg("umask 002 && exec bash \"$0\" \"$@\"")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("release/image.sh"))
        .arg(released_binary())
        .arg(again.path().join("image"))
        .arg(VERSION)
        .env("SOURCE_DATE_EPOCH", epoch()));
    assert_eq!(manifest_digest(&again.path().join("image")), digest);

    // tallyman scanning itself: the crates its binary records, and the CA
    // certificates' Debian package at the version this machine has.
    let source = format!("oci-dir:{}:{VERSION}", layout.display());
    let doc = support::scan_json(&source, &[]);
    let crates = support::packages_in(&doc, "rust-crate", "/usr/local/bin/tallyman");
    assert_eq!(&crates, recorded_crates());
    let certs = run(Command::new("dpkg-query").args(["-W", "-f", "${Version}", "ca-certificates"]));
    let deb = support::package(&doc, "ca-certificates");
    assert_eq!(deb["type"], "deb");
    assert_eq!(deb["version"], stdout(&certs).as_str());
    let others: Vec<&Value> = doc["packages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["type"] != "rust-crate" && p["name"] != "ca-certificates")
        .collect();
    assert!(others.is_empty(), "{others:?}");
    // The release's SBOM of the image says the same.
    let sbom: Value = serde_json::from_slice(
        &std::fs::read(dist_file(&format!("tallyman-{VERSION}-image.spdx.json"))).unwrap(),
    )
    .unwrap();
    assert_eq!(&crates_in_spdx(&sbom), recorded_crates());

    // Unpacked as a runtime would, and run as its user, with its
    // environment: it scans an image mounted at /work, caching in its home.
    let unpacked = tempfile::tempdir().unwrap();
    let bundle = unpacked.path().join("bundle");
    run(Command::new("umoci")
        .args(["unpack", "--image"])
        .arg(format!("{}:{VERSION}", layout.display()))
        .arg(&bundle));
    let rootfs = bundle.join("rootfs");
    let config: Value =
        serde_json::from_slice(&std::fs::read(bundle.join("config.json")).unwrap()).unwrap();
    assert_eq!(config["process"]["user"]["uid"], 65532);
    assert_eq!(config["process"]["cwd"], "/work");
    let env: Vec<&str> = config["process"]["env"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap())
        .collect();
    assert!(env.contains(&"HOME=/home/nonroot"), "{env:?}");
    assert_eq!(
        config["process"]["args"],
        serde_json::json!(["/usr/local/bin/tallyman", "--help"])
    );
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(SMALL_IMAGE),
        rootfs.join("work/small.oci.tar"),
    )
    .unwrap();
    let mut inside = Command::new("/usr/sbin/chroot");
    inside
        .arg("--userspec=65532:65532")
        .arg(&rootfs)
        .args([
            "/usr/local/bin/tallyman",
            "scan",
            "/work/small.oci.tar",
            "-o",
            "json",
        ])
        .env_clear();
    for pair in &env {
        let (key, value) = pair.split_once('=').unwrap();
        inside.env(key, value);
    }
    let out = run(&mut inside);
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["packages"], small_packages());
    let cache = rootfs.join("home/nonroot/.cache/tallyman");
    assert!(cache.is_dir(), "no layer cache in the image user's home");
}

#[test]
fn the_image_is_attested_and_signed_in_a_registry() {
    let (private, public) = keys();
    let registry = Registry::start(Auth::Anonymous, false);
    let reference = format!("tallyman/tallyman:{VERSION}");
    registry.push(image_layout(), VERSION, &reference);
    let image = format!("registry:{}/{reference}", registry.host());
    ok(tallyman_with_password(&[
        "attest", &image, "--key", private, "--attach",
    ]));
    ok(tallyman_with_password(&["sign", &image, "--key", private]));
    ok(tallyman(["verify", &image, "--key", public]));
    let sbom = ok(tallyman([
        "verify-attestation",
        &image,
        "--key",
        public,
        "--type",
        "spdxjson",
    ]));
    let sbom: Value = serde_json::from_slice(&sbom.stdout).unwrap();
    assert_eq!(&crates_in_spdx(&sbom), recorded_crates());
}
