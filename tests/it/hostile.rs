//! The adversarial corpus (testdata/hostile/make-corpus.py, described in
//! testdata/hostile/README.md), scanned by the built binary.
//!
//! Each scan runs under /usr/bin/time in a fresh working directory with an
//! empty HOME and TMPDIR, writing `-o json=sbom.json`. Every case must finish
//! within its time bound and peak RSS, give exactly the stated packages or
//! the stated one-line error, and leave nothing behind but `sbom.json` (and
//! not even that when the scan fails); the corpus directory is unchanged.

use crate::support;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

/// Past this, a scan counts as hung and is killed.
const HANG: Duration = Duration::from_secs(120);

/// One case of the corpus, generated into its own directory.
struct Case {
    dir: tempfile::TempDir,
    source: String,
}

fn case(name: &str) -> Case {
    let dir = tempfile::tempdir().unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/hostile/make-corpus.py");
    let status = Command::new("python3")
        .arg(&script)
        .arg(dir.path())
        .arg(name)
        .status()
        .expect("python3 (apt-get install python3)");
    assert!(status.success(), "make-corpus.py {name} failed");
    let source = format!(
        "oci-archive:{}",
        dir.path().join(format!("{name}.tar")).display()
    );
    Case { dir, source }
}

/// What one scan did.
struct Outcome {
    /// The document, when the scan succeeded.
    doc: Option<Value>,
    stderr: String,
    seconds: f64,
    rss_mib: u64,
}

impl Outcome {
    fn doc(&self) -> &Value {
        self.doc
            .as_ref()
            .unwrap_or_else(|| panic!("the scan failed: {}", self.stderr))
    }

    /// (name, version, type) of every package, sorted.
    fn packages(&self) -> Vec<(String, String, String)> {
        let mut found: Vec<_> = self.doc()["packages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                let text = |key: &str| p[key].as_str().unwrap().to_owned();
                (text("name"), text("version"), text("type"))
            })
            .collect();
        found.sort();
        found
    }

    /// The single error line of a failed scan.
    fn error(&self) -> &str {
        assert!(self.doc.is_none(), "the scan should have failed");
        let errors: Vec<&str> = self
            .stderr
            .lines()
            .filter(|l| l.starts_with("tallyman: error: "))
            .collect();
        assert_eq!(errors.len(), 1, "{}", self.stderr);
        errors[0]
    }

    fn within(&self, seconds: f64, rss_mib: u64) -> &Self {
        assert!(self.seconds < seconds, "took {:.1} s", self.seconds);
        assert!(self.rss_mib < rss_mib, "peak RSS {} MiB", self.rss_mib);
        self
    }
}

fn expect(list: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
    list.iter()
        .map(|(n, v, t)| (n.to_string(), v.to_string(), t.to_string()))
        .collect()
}

/// Every file and directory under `dir`, sorted.
fn listing(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .collect();
    found.sort();
    found
}

/// Scans the case with `extra` arguments (see the module comment).
fn scan(case: &Case, extra: &[&str]) -> Outcome {
    let work = tempfile::tempdir().unwrap();
    let (home, tmp) = (work.path().join("home"), work.path().join("tmp"));
    let run = work.path().join("run");
    for dir in [&home, &tmp, &run] {
        std::fs::create_dir(dir).unwrap();
    }
    let corpus_before = listing(case.dir.path());
    let time = work.path().join("time");
    let started = Instant::now();
    let mut child = support::wrapped(&[
        "/usr/bin/time".as_ref(),
        "-f".as_ref(),
        "%M".as_ref(),
        "-o".as_ref(),
        time.as_os_str(),
    ])
    .args(["scan", &case.source, "--no-cache", "-o", "json=sbom.json"])
    .args(extra)
    .current_dir(&run)
    .env("HOME", &home)
    .env("TMPDIR", &tmp)
    .env_remove("XDG_CACHE_HOME")
    .stdout(Stdio::piped())
    .stderr(Stdio::piped())
    .spawn()
    .expect("/usr/bin/time (apt-get install time)");
    // A hang fails the test instead of stalling the run.
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > HANG {
            // /usr/bin/time's child is tallyman; stop both.
            let _ = Command::new("pkill")
                .args(["-KILL", "-P", &child.id().to_string()])
                .status();
            let _ = child.kill();
            panic!("{} hung: still running after {HANG:?}", case.source);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().unwrap();
    let seconds = started.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let rss_kib: u64 = std::fs::read_to_string(&time)
        .unwrap()
        .lines()
        .last()
        .and_then(|l| l.trim().parse().ok())
        .unwrap_or_else(|| panic!("no RSS from /usr/bin/time: {stderr}"));
    let sbom = run.join("sbom.json");
    let doc = if output.status.success() {
        assert_eq!(
            listing(&run),
            std::slice::from_ref(&sbom),
            "only the output asked for"
        );
        Some(serde_json::from_slice(&std::fs::read(&sbom).unwrap()).unwrap())
    } else {
        assert_eq!(output.status.code(), Some(1), "{stderr}");
        assert!(listing(&run).is_empty(), "no partial document: {stderr}");
        None
    };
    assert!(listing(&home).is_empty() && listing(&tmp).is_empty());
    assert_eq!(listing(case.dir.path()), corpus_before);
    assert!(output.stdout.is_empty());
    assert!(!stderr.contains("panicked"), "{stderr}");
    Outcome {
        doc,
        stderr,
        seconds,
        rss_mib: rss_kib / 1024,
    }
}

#[test]
fn names_climbing_out_of_the_root_are_skipped_absolute_ones_kept_inside() {
    let case = case("escaping-names");
    let out = scan(&case, &[]);
    out.within(30.0, 100);
    assert_eq!(out.packages(), expect(&[("absolute", "1.0", "deb")]));
    assert_eq!(
        support::package(out.doc(), "absolute")["locations"][0]["path"],
        "/var/lib/dpkg/status"
    );
    for name in ["../../etc/passwd", "a/../../../escape-attempt"] {
        assert!(
            out.stderr.contains(&format!(
                "entry {name:?} leads outside the image root; skipped"
            )),
            "{}",
            out.stderr
        );
    }
    assert_eq!(
        out.doc()["distro"]["id"],
        "debian",
        "./etc/../etc/os-release"
    );
}

#[test]
fn symlink_chains_out_of_the_root_and_loops_stay_inside() {
    // The chain ends at /var/lib/dpkg — on this (Debian) host, a real
    // database a scanner following links on the host would report.
    let case = case("symlink-escape");
    let out = scan(&case, &[]);
    out.within(30.0, 100);
    assert_eq!(out.packages(), expect(&[]));
    assert_eq!(out.doc()["distro"]["versionId"], "12");
}

#[test]
fn hard_links_out_of_the_root_forward_and_to_nothing() {
    let case = case("hard-links");
    let out = scan(&case, &[]);
    out.within(30.0, 100);
    // status.d/early links to a file met later in the layer: read through.
    assert_eq!(out.packages(), expect(&[("later", "1", "deb")]));
    for warning in [
        "hard link \"var/lib/dpkg/status\" points outside the image root; skipped",
        "hard link /var/lib/dpkg/status.d/ghost points to /not/in/this/layer, which is not in the layer; skipped",
        // lib/apk/db/installed → /etc/os-release, read as an apk database.
        "/lib/apk/db/installed: line 1: skipped a record",
    ] {
        assert!(out.stderr.contains(warning), "{warning}\n{}", out.stderr);
    }
}

#[test]
fn whiteouts_of_the_root_of_nothing_and_on_files() {
    let case = case("whiteouts");
    let out = scan(&case, &[]);
    out.within(30.0, 100);
    assert_eq!(out.packages(), expect(&[("kept", "1", "deb")]));
    for name in [".wh.", ".wh..", "etc/.wh."] {
        assert!(
            out.stderr
                .contains(&format!("whiteout {name:?} names no file; ignored")),
            "{}",
            out.stderr
        );
    }
    assert_eq!(
        out.doc()["distro"]["id"],
        "debian",
        "an opaque marker in a file"
    );

    let case = self::case("opaque-root");
    let out = scan(&case, &[]);
    assert_eq!(out.packages(), expect(&[("only", "2", "deb")]));
    assert_eq!(out.doc()["packages"][0]["layer"], 1);
}

#[test]
fn a_directory_replaced_by_a_file_and_back() {
    let case = case("dir-file-flip");
    let out = scan(&case, &[]);
    out.within(30.0, 100);
    assert_eq!(out.packages(), expect(&[("back", "3", "deb")]));
    assert_eq!(out.doc()["packages"][0]["layer"], 2);

    let all = scan(&case, &["--scope", "all-layers"]);
    assert_eq!(
        all.packages(),
        expect(&[("back", "3", "deb"), ("first", "1", "deb")])
    );
}

#[test]
fn duplicate_entries_in_one_layer_the_last_wins() {
    let case = case("duplicate-entries");
    let out = scan(&case, &[]);
    out.within(30.0, 100);
    assert_eq!(out.packages(), expect(&[("three", "3", "deb")]));
}

#[test]
fn gzip_bomb_is_streamed_in_bounded_memory_and_capped_by_a_flag() {
    let case = case("gzip-bomb");
    let out = scan(&case, &[]);
    out.within(60.0, 100);
    assert_eq!(out.packages(), expect(&[]));
    assert!(
        out.stderr.contains(
            "/var/lib/dpkg/status is 3221225472 bytes, over the 67108864 byte --max-file-size; skipped"
        ),
        "{}",
        out.stderr
    );

    let capped = scan(&case, &["--max-layer-size", "1GiB"]);
    capped.within(60.0, 100);
    assert!(capped.error().ends_with(
        "uncompressed size exceeds the 1073741824 byte --max-layer-size (a decompression bomb, or raise the limit)"
    ), "{}", capped.stderr);
}

#[test]
fn a_100_mb_pax_header_is_refused_without_being_buffered() {
    let case = case("pax-header-100mb");
    let out = scan(&case, &[]);
    out.within(30.0, 60);
    assert!(out.error().ends_with(
        "an entry's tar headers (PAX records, GNU long names, sparse maps) exceed the 1048576 byte --max-header-size (a hostile layer, or raise the limit)"
    ), "{}", out.stderr);

    let raised = scan(&case, &["--max-header-size", "128MiB"]);
    raised.within(30.0, 400);
    assert_eq!(raised.packages(), expect(&[("behind-pax", "1", "deb")]));
}

#[test]
fn a_100_mb_gnu_long_name_is_refused_then_skipped_in_linear_time() {
    let case = case("gnu-long-name-100mb");
    let out = scan(&case, &[]);
    out.within(30.0, 60);
    assert!(
        out.error()
            .contains("exceed the 1048576 byte --max-header-size"),
        "{}",
        out.stderr
    );

    let raised = scan(&case, &["--max-header-size", "128MiB"]);
    raised.within(30.0, 600);
    assert_eq!(raised.packages(), expect(&[("behind-name", "1", "deb")]));
    assert!(
        raised
            .stderr
            .contains("has a name of 104857601 bytes, over PATH_MAX (4096); skipped"),
        "{}",
        raised.stderr
    );
}

#[test]
fn an_image_tarball_with_a_100_mb_pax_header_is_refused() {
    let case = case("archive-pax-header");
    let out = scan(&case, &[]);
    out.within(30.0, 60);
    assert!(out.error().ends_with(
        "archive-pax-header.tar: a member's tar headers (PAX records, GNU long names) exceed 1048576 bytes; refused as hostile"
    ), "{}", out.stderr);
}

#[test]
fn a_million_empty_files_in_bounded_time_and_memory() {
    let case = case("million-files");
    let out = scan(&case, &[]);
    // 8 bytes of fingerprint per path plus the program.
    out.within(60.0, 150);
    assert_eq!(out.packages(), expect(&[("survivor", "1", "deb")]));

    let capped = scan(&case, &["--max-layer-memory", "4MiB"]);
    assert!(capped.error().ends_with(
        "keeping its files, links and paths takes more than the 4194304 byte --max-layer-memory (a hostile layer, or raise the limit)"
    ), "{}", capped.stderr);
}

#[test]
fn a_truncated_gzip_layer_fails_the_scan() {
    let case = case("truncated-gzip");
    let out = scan(&case, &[]);
    out.within(30.0, 100);
    assert!(
        out.error().contains(": truncated gzip tar stream"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_blob_that_is_not_what_its_digest_names_fails_the_scan() {
    let case = case("digest-mismatch");
    let out = scan(&case, &[]);
    out.within(30.0, 100);
    assert!(
        out.error()
            .contains(": blob digest mismatch: expected sha256:"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("evil"));
}

#[test]
fn json_nested_10000_deep_is_refused_with_its_name() {
    for (name, what) in [
        ("nested-index", "index.json is not a valid OCI index"),
        ("nested-manifest", "is not a valid image manifest"),
        ("nested-config", "is not a valid image configuration"),
    ] {
        let case = case(name);
        let out = scan(&case, &[]);
        out.within(30.0, 100);
        assert!(out.error().contains(what), "{name}: {}", out.stderr);
    }
}

#[test]
fn a_50_mb_package_json_and_a_1_mb_dpkg_field() {
    let case = case("huge-package-json");
    let out = scan(&case, &[]);
    out.within(60.0, 400);
    assert_eq!(
        out.packages(),
        expect(&[("app", "1.0.0", "npm"), ("big", "1.0.0", "npm")])
    );

    let case = self::case("dpkg-huge-field");
    let out = scan(&case, &[]);
    out.within(30.0, 100);
    assert_eq!(
        out.packages(),
        expect(&[("after", "2", "deb"), ("wide", "1", "deb")])
    );
}

#[test]
fn names_and_contents_that_are_not_utf8_are_read_and_shown_lossily() {
    let case = case("non-utf8");
    let out = scan(&case, &[]);
    out.within(30.0, 100);
    assert_eq!(
        out.packages(),
        expect(&[
            ("app", "1.0.0", "npm"),
            ("cafe", "1.0.0", "npm"),
            ("latin1", "2", "deb")
        ])
    );
    let doc = out.doc();
    assert_eq!(
        support::package(doc, "latin1")["supplier"],
        "J\u{fffd}rgen \u{fffd}\u{fffd}"
    );
    assert_eq!(
        support::package(doc, "cafe")["locations"][0]["path"],
        "/app/node_modules/caf\u{fffd}/package.json"
    );
    assert!(
        out.stderr
            .contains("/app/node_modules/bad\u{fffd}name/package.json: skipped: not valid JSON"),
        "{}",
        out.stderr
    );
}

#[test]
fn names_that_lossy_utf8_would_confuse_stay_apart() {
    let case = case("non-utf8-collisions");
    let out = scan(&case, &[]);
    out.within(30.0, 100);
    // Lossy decoding would make the four directories one, and the whiteout
    // of caf\xff would then take all of them.
    assert_eq!(
        out.packages(),
        expect(&[
            ("app", "1.0.0", "npm"),
            ("latin1", "1.0.0", "npm"),
            ("private-use", "1.0.0", "npm"),
            ("replacement-char", "1.0.0", "npm"),
        ])
    );
    let doc = out.doc();
    for (name, path) in [
        ("latin1", "/app/node_modules/caf\u{fffd}/package.json"),
        // The real U+F7E9's three bytes are escaped, so shown as three U+FFFD.
        (
            "private-use",
            "/app/node_modules/caf\u{fffd}\u{fffd}\u{fffd}/package.json",
        ),
        (
            "replacement-char",
            "/app/node_modules/caf\u{fffd}/package.json",
        ),
    ] {
        assert_eq!(
            support::package(doc, name)["locations"][0]["path"],
            path,
            "{name}"
        );
    }
}

#[test]
fn a_damaged_record_is_skipped_and_the_rest_kept() {
    let case = case("damaged-records");
    let out = scan(&case, &[]);
    out.within(30.0, 100);
    assert_eq!(
        out.packages(),
        expect(&[
            ("app", "1.0.0", "npm"),
            ("busybox", "1.37.0-r0", "apk"),
            ("good-1", "1", "deb"),
            ("good-2", "2", "deb"),
            ("musl", "1.2.5-r0", "apk"),
            ("ok", "1.0.0", "npm"),
        ])
    );
    for warning in [
        "/var/lib/dpkg/status: line 7: skipped a stanza: \"no colon here\" is not a \"Field: value\" line",
        "/lib/apk/db/installed: line 5: skipped a record: record has no P: (name) or V: (version)",
        "/app/node_modules/broken/package.json: skipped: not valid JSON",
    ] {
        assert!(out.stderr.contains(warning), "{warning}\n{}", out.stderr);
    }
}

#[test]
fn a_diff_id_that_is_not_the_layers_content_fails_a_verifying_scan() {
    let case = case("diff-id-mismatch");
    let out = scan(&case, &["--verify-diff-ids"]);
    out.within(30.0, 100);
    // tallyman: error: layer CLAIMED: uncompressed content (diff id) digest
    // mismatch: expected CLAIMED, got ACTUAL
    let error = out.error();
    let digests: Vec<&str> = error
        .split([' ', ','])
        .filter(|word| word.starts_with("sha256:"))
        .map(|word| word.trim_end_matches(':'))
        .collect();
    assert!(
        error.contains(": uncompressed content (diff id) digest mismatch: expected sha256:"),
        "{error}"
    );
    assert_eq!(digests.len(), 3, "{error}");
    assert!(digests.iter().all(|d| d.len() == 71), "{error}");
    assert_eq!(
        digests[0], digests[1],
        "the layer is named by its config's diff id"
    );
    assert_ne!(digests[1], digests[2], "{error}");
    assert!(!out.stderr.contains("genuine"));
}

#[test]
fn an_unverified_diff_id_is_labelled_so_and_never_keys_the_cache() {
    let case = case("diff-id-mismatch");
    // Without --verify-diff-ids a gzip layer's diff id is not hashed: the
    // layer's real contents are reported, under the diff id the config
    // claims, marked unchecked in every document.
    let out = scan(&case, &[]);
    out.within(30.0, 100);
    assert_eq!(out.packages(), expect(&[("genuine", "1", "deb")]));
    let layer = &out.doc()["source"]["layers"][0];
    assert_eq!(layer["diffIDVerified"], false);
    // A verifying scan does not take the unverified scan's cached result.
    let cache = tempfile::tempdir().unwrap();
    let with_cache = |extra: &[&str]| {
        support::command()
            .args(["scan", &case.source, "-q", "-o", "json=/dev/null"])
            .arg("--cache-dir")
            .arg(cache.path())
            .args(extra)
            .env_remove("TALLYMAN_NO_CACHE")
            .output()
            .unwrap()
    };
    assert!(with_cache(&[]).status.success());
    let verifying = with_cache(&["--verify-diff-ids"]);
    assert_eq!(verifying.status.code(), Some(1));
    assert!(
        support::stderr(&verifying).contains("uncompressed content (diff id) digest mismatch"),
        "{}",
        support::stderr(&verifying)
    );
}

#[test]
fn a_non_ascii_diff_id_is_refused_in_every_format() {
    let case = case("non-ascii-diff-id");
    for format in ["table", "json", "spdx-json", "cyclonedx-json"] {
        let out = scan(&case, &["-o", format]);
        out.within(30.0, 100);
        let error = out.error();
        let claimed = format!("\"sha256:a{}\"", "é".repeat(40));
        assert_eq!(
            error,
            format!(
                "tallyman: error: {}: config {}: rootfs.diff_ids[0]: {claimed} is not a digest (not lowercase hex)",
                case.source.trim_start_matches("oci-archive:"),
                config_digest(&case)
            ),
            "{format}"
        );
    }
}

/// The config digest of a corpus case's single image.
fn config_digest(case: &Case) -> String {
    let path = case.source.trim_start_matches("oci-archive:");
    let mut archive = tar::Archive::new(std::fs::File::open(path).unwrap());
    let mut blobs = std::collections::HashMap::new();
    for entry in archive.entries().unwrap() {
        let mut entry = entry.unwrap();
        let name = entry.path().unwrap().display().to_string();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut entry, &mut bytes).unwrap();
        blobs.insert(name, bytes);
    }
    let json = |name: &str| -> Value { serde_json::from_slice(&blobs[name]).unwrap() };
    let manifest = json("index.json")["manifests"][0]["digest"]
        .as_str()
        .unwrap()
        .replace("sha256:", "blobs/sha256/");
    json(&manifest)["config"]["digest"]
        .as_str()
        .unwrap()
        .to_owned()
}
