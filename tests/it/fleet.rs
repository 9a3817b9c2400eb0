//! Fleet scale: a layer cache shared through a registry (`--cache-repo`,
//! signed with `--cache-key`) and `scan-many`, against Debian's
//! docker-registry, on the real images of testdata/build-diff-images.sh.

use crate::support;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;
use support::registry::{Auth, Registry};
use support::{built_by, ok, stderr};

fn diff_layout() -> PathBuf {
    built_by("build-diff-images.sh").join("diff.oci")
}

/// Runs tallyman with the layer cache in `cache_home`, reproducibly.
fn cached(args: &[&str], cache_home: &Path) -> Output {
    support::with_cache(cache_home)
        .args(args)
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .env("COSIGN_PASSWORD", "pw")
        .output()
        .unwrap()
}

/// `scan IMAGE -v -o json=/dev/null --cache-repo REPO [EXTRA]` in `cache_home`.
fn scan_with_repo(image: &str, repo: &str, extra: &[&str], cache_home: &Path) -> Output {
    let mut args = vec![
        "scan",
        "-v",
        image,
        "-o",
        "json=/dev/null",
        "--cache-repo",
        repo,
    ];
    args.extend_from_slice(extra);
    cached(&args, cache_home)
}

/// The `-v` line: (read, local, shared).
fn origins(out: &Output) -> (usize, usize, usize) {
    let err = stderr(out);
    let line = err
        .lines()
        .find(|l| l.contains(": layers: "))
        .unwrap_or_else(|| panic!("no layers line in {err}"));
    let numbers: Vec<usize> = line
        .rsplit(": layers: ")
        .next()
        .unwrap()
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect();
    (numbers[0], numbers[1], numbers[2])
}

fn warnings(out: &Output) -> Vec<String> {
    stderr(out)
        .lines()
        .filter(|l| l.starts_with("tallyman: warning: cache repository"))
        .map(str::to_owned)
        .collect()
}

#[test]
fn a_cache_repository_shares_layers_between_machines() {
    let registry = Registry::start(Auth::Anonymous, false);
    let repo = format!("{}/tallyman/cache", registry.host());
    let image = format!("oci-dir:{}:upgraded", diff_layout().display());
    let uncached = ok(support::tallyman_reproducible([
        "scan", "-q", &image, "-o", "json",
    ]))
    .stdout;

    // Two machines: separate, empty local caches; one cache repository.
    let (first_home, second_home) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let first = ok(cached(
        &["scan", "-v", &image, "-o", "json", "--cache-repo", &repo],
        first_home.path(),
    ));
    assert_eq!(origins(&first), (3, 0, 0));
    assert!(warnings(&first).is_empty(), "{}", stderr(&first));
    let second = ok(cached(
        &["scan", "-v", &image, "-o", "json", "--cache-repo", &repo],
        second_home.path(),
    ));
    assert_eq!(
        origins(&second),
        (0, 0, 3),
        "the second machine reads no layer"
    );
    assert_eq!(first.stdout, uncached);
    assert_eq!(second.stdout, uncached);
    // Entries pulled are kept locally: a third scan there asks nobody.
    let third = ok(cached(
        &["scan", "-v", &image, "-o", "json", "--cache-repo", &repo],
        second_home.path(),
    ));
    assert_eq!(origins(&third), (0, 3, 0));
    // The environment variable works as the flag does.
    let home = tempfile::tempdir().unwrap();
    let out = ok(support::command()
        .args(["scan", "-v", &image, "-o", "json=/dev/null"])
        .env_remove("TALLYMAN_NO_CACHE")
        .env("XDG_CACHE_HOME", home.path())
        .env("TALLYMAN_CACHE_REPO", &repo)
        .output()
        .unwrap());
    assert_eq!(origins(&out), (0, 0, 3));
    // Entries are artifacts of tallyman's type, tagged by key.
    let (_, _, tags) = registry.request("GET", "/v2/tallyman/cache/tags/list", None, b"");
    let tags: Value = serde_json::from_slice(&tags).unwrap();
    let tags = tags["tags"].as_array().unwrap();
    assert_eq!(tags.len(), 3);
    assert!(tags
        .iter()
        .all(|t| t.as_str().unwrap().starts_with("layer-") && t.as_str().unwrap().len() == 70));
}

#[test]
fn signed_entries_and_tampering() {
    let registry = Registry::start(Auth::Anonymous, false);
    let repo = format!("{}/signed/cache", registry.host());
    let image = format!("oci-dir:{}:upgraded", diff_layout().display());
    let keys = tempfile::tempdir().unwrap();
    let prefix = keys.path().join("cache").display().to_string();
    ok(cached(
        &["generate-key-pair", "--output-key-prefix", &prefix],
        keys.path(),
    ));
    let (private, public) = (format!("{prefix}.key"), format!("{prefix}.pub"));
    let uncached = ok(support::tallyman_reproducible([
        "scan", "-q", &image, "-o", "json",
    ]))
    .stdout;
    let scan = |key: &str| {
        let home = tempfile::tempdir().unwrap();
        cached(
            &[
                "scan",
                "-v",
                &image,
                "-o",
                "json",
                "--cache-repo",
                &repo,
                "--cache-key",
                key,
            ],
            home.path(),
        )
    };
    // A writer signs; a reader with only the public key verifies.
    assert_eq!(origins(&ok(scan(&private))), (3, 0, 0));
    let reader = ok(scan(&public));
    assert_eq!(origins(&reader), (0, 0, 3));
    assert_eq!(reader.stdout, uncached);

    // Tamper with one entry: point it at another entry's content.
    let (_, _, tags) = registry.request("GET", "/v2/signed/cache/tags/list", None, b"");
    let tags: Value = serde_json::from_slice(&tags).unwrap();
    let tags: Vec<&str> = tags["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    let manifest = |tag: &str| -> Value {
        let (_, _, body) = registry.request(
            "GET",
            &format!("/v2/signed/cache/manifests/{tag}"),
            None,
            b"",
        );
        serde_json::from_slice(&body).unwrap()
    };
    let mut tampered = manifest(tags[0]);
    tampered["layers"][0] = manifest(tags[1])["layers"][0].clone();
    registry.put_manifest(
        "signed/cache",
        tags[0],
        &serde_json::to_vec(&tampered).unwrap(),
    );
    let reader = ok(scan(&public));
    assert_eq!(
        origins(&reader),
        (1, 0, 2),
        "the tampered entry's layer is read"
    );
    assert_eq!(reader.stdout, uncached);
    let warned = warnings(&reader);
    assert_eq!(warned.len(), 1, "{warned:?}");
    assert_eq!(
        warned[0],
        format!("tallyman: warning: cache repository {repo}: entry {}: signature is for another entry; the layer is read instead", tags[0])
    );
    // An unsigned entry (a scan without the key pushed it) is not used by a
    // reader that wants signatures, and a public key never pushes.
    let unsigned_repo = format!("{}/unsigned/cache", registry.host());
    let home = tempfile::tempdir().unwrap();
    ok(scan_with_repo(&image, &unsigned_repo, &[], home.path()));
    let home = tempfile::tempdir().unwrap();
    let out = ok(scan_with_repo(
        &image,
        &unsigned_repo,
        &["--cache-key", &public],
        home.path(),
    ));
    assert_eq!(origins(&out), (3, 0, 0));
    assert!(
        warnings(&out)
            .iter()
            .all(|w| w.contains(": not signed; the layer is read instead")),
        "{}",
        stderr(&out)
    );
    let (_, _, body) = registry.request("GET", "/v2/verify-only/cache/tags/list", None, b"");
    let home = tempfile::tempdir().unwrap();
    let verify_only = format!("{}/verify-only/cache", registry.host());
    ok(scan_with_repo(
        &image,
        &verify_only,
        &["--cache-key", &public],
        home.path(),
    ));
    let (status, _, _) = registry.request("GET", "/v2/verify-only/cache/tags/list", None, b"");
    assert_eq!(
        status,
        404,
        "nothing pushed with a public key ({})",
        String::from_utf8_lossy(&body)
    );
}

#[test]
fn an_unusable_cache_repository_costs_a_warning() {
    let image = format!("oci-dir:{}:base", diff_layout().display());
    let expected = ok(support::tallyman_reproducible([
        "scan", "-q", &image, "-o", "json",
    ]))
    .stdout;
    // Nothing listens there.
    let home = tempfile::tempdir().unwrap();
    let port = support::registry::free_port();
    let out = ok(cached(
        &[
            "scan",
            "-v",
            &image,
            "-o",
            "json",
            "--cache-repo",
            &format!("127.0.0.1:{port}/cache"),
        ],
        home.path(),
    ));
    assert_eq!(out.stdout, expected);
    assert_eq!(origins(&out), (2, 0, 0));
    assert_eq!(warnings(&out).len(), 1, "{}", stderr(&out));
    // A registry that refuses us (basic auth, no credentials): read-only at best.
    let registry = Registry::start(
        Auth::Basic {
            user: "ci",
            password: "secret",
        },
        false,
    );
    let home = tempfile::tempdir().unwrap();
    let out = ok(cached(
        &[
            "scan",
            "-v",
            &image,
            "-o",
            "json",
            "--cache-repo",
            &format!("{}/cache", registry.host()),
        ],
        home.path(),
    ));
    assert_eq!(out.stdout, expected);
    assert_eq!(origins(&out), (2, 0, 0));
    let warned = warnings(&out);
    assert!(!warned.is_empty() && warned.len() <= 2, "{warned:?}");
    assert!(
        warned
            .iter()
            .all(|w| w.ends_with("layers are read instead") || w.contains("cannot push entries")),
        "{warned:?}"
    );
    // A bad cache key is an error: signed entries were asked for.
    let out = cached(
        &[
            "scan",
            &image,
            "--cache-repo",
            "127.0.0.1:1/x",
            "--cache-key",
            "/nonexistent.key",
        ],
        home.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("/nonexistent.key: cannot read the key"),
        "{}",
        stderr(&out)
    );
}

/// Ten images sharing the base image's two layers, each with a layer of
/// its own (an npm package), pushed as many/app:img0 … img9.
fn ten_images(registry: &Registry) -> Vec<String> {
    let work = tempfile::tempdir().unwrap();
    let layout = work.path().join("many.oci");
    let status = Command::new("cp")
        .arg("-a")
        .arg(diff_layout())
        .arg(&layout)
        .status()
        .unwrap();
    assert!(status.success());
    let mut references = Vec::new();
    for i in 0..10 {
        let root = work.path().join(format!("layer{i}"));
        let package = root.join(format!("app/node_modules/extra-{i}"));
        std::fs::create_dir_all(&package).unwrap();
        std::fs::write(
            package.join("package.json"),
            format!(r#"{{"name": "extra-{i}", "version": "1.0.{i}", "license": "MIT"}}"#),
        )
        .unwrap();
        let tar = work.path().join(format!("layer{i}.tar"));
        let status = Command::new("tar")
            .arg("-C")
            .arg(&root)
            .args(["--numeric-owner", "-cf"])
            .arg(&tar)
            .arg(".")
            .status()
            .unwrap();
        assert!(status.success());
        let out = Command::new("umoci")
            .args(["raw", "add-layer", "--image"])
            .arg(format!("{}:base", layout.display()))
            .args(["--tag", &format!("img{i}")])
            .arg(&tar)
            .output()
            .unwrap();
        assert!(out.status.success(), "umoci: {}", stderr(&out));
        registry.push(&layout, &format!("img{i}"), &format!("many/app:img{i}"));
        references.push(format!("registry:{}/many/app:img{i}", registry.host()));
    }
    references
}

#[test]
fn scan_many_images_sharing_layers() {
    let registry = Registry::start(Auth::Anonymous, false);
    let references = ten_images(&registry);
    let work = tempfile::tempdir().unwrap();
    let list = work.path().join("list.txt");
    let missing = format!("registry:{}/many/app:missing", registry.host());
    let mut text = String::from("# the fleet\n\n");
    for (i, reference) in references.iter().enumerate() {
        text.push_str(reference);
        text.push('\n');
        if i == 4 {
            text.push_str(&format!("{missing}\nnot a reference!!\n"));
        }
    }
    std::fs::write(&list, text).unwrap();
    let out_dir = work.path().join("sboms");
    let home = tempfile::tempdir().unwrap();
    let out = cached(
        &[
            "scan-many",
            "-v",
            "--from",
            list.to_str().unwrap(),
            "--output-dir",
            out_dir.to_str().unwrap(),
            "-o",
            "json",
            "--jobs",
            "3",
        ],
        home.path(),
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "tallyman: error: {missing}: registry {}: manifest missing not found in many/app",
            registry.host()
        )),
        "{err}"
    );
    assert!(
        err.contains("tallyman: error: not a reference!!: "),
        "{err}"
    );
    assert!(
        err.trim_end().ends_with(&format!(
            "tallyman: error: 2 of 12 images failed: {missing}, not a reference!!"
        )),
        "{err}"
    );
    // Every layer read once in all: the two shared ones and one per image.
    let read: usize = err
        .lines()
        .filter(|l| l.contains(": layers: "))
        .map(|l| {
            l.rsplit(": layers: ")
                .next()
                .unwrap()
                .split(' ')
                .next()
                .unwrap()
                .parse::<usize>()
                .unwrap()
        })
        .sum();
    assert_eq!(read, 12, "{err}");

    let index: Value =
        serde_json::from_slice(&std::fs::read(out_dir.join("index.json")).unwrap()).unwrap();
    let images = index["images"].as_array().unwrap();
    assert_eq!(images.len(), 12);
    assert_eq!(images[5]["reference"], missing.as_str());
    assert!(images[5]["error"]
        .as_str()
        .unwrap()
        .contains("manifest missing not found"));
    for (i, reference) in references.iter().enumerate() {
        let entry = images
            .iter()
            .find(|e| e["reference"] == reference.as_str())
            .unwrap();
        let digest = entry["digest"].as_str().unwrap();
        assert_eq!(
            entry["document"],
            format!("{}.json", digest.replace(':', "-"))
        );
        let document = std::fs::read(out_dir.join(entry["document"].as_str().unwrap())).unwrap();
        let alone = ok(support::tallyman_reproducible([
            "scan", "-q", reference, "-o", "json",
        ]))
        .stdout;
        assert_eq!(
            document, alone,
            "{reference}: scan-many's document is the single scan's"
        );
        let doc: Value = serde_json::from_slice(&document).unwrap();
        assert_eq!(doc["source"]["manifestDigest"], digest);
        assert!(doc["packages"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["name"] == format!("extra-{i}") && p["version"] == format!("1.0.{i}")));
    }
}

#[test]
fn shards_split_a_repository_s_tags() {
    let registry = Registry::start(Auth::Anonymous, false);
    let references = ten_images(&registry);
    let repo = format!("{}/many/app", registry.host());
    let mut seen = Vec::new();
    for shard in 0..3 {
        let work = tempfile::tempdir().unwrap();
        let home = tempfile::tempdir().unwrap();
        let out = ok(cached(
            &[
                "scan-many",
                "-q",
                "--all-tags",
                &repo,
                "--shard",
                &format!("{shard}/3"),
                "--output-dir",
                work.path().to_str().unwrap(),
                "-o",
                "spdx-json",
            ],
            home.path(),
        ));
        assert!(out.stdout.is_empty());
        let index: Value =
            serde_json::from_slice(&std::fs::read(work.path().join("index.json")).unwrap())
                .unwrap();
        assert_eq!(index["listed"], 10);
        assert_eq!(index["shard"], format!("{shard}/3"));
        for entry in index["images"].as_array().unwrap() {
            assert!(entry["document"].as_str().unwrap().ends_with(".spdx.json"));
            seen.push(entry["reference"].as_str().unwrap().to_owned());
        }
    }
    let unique: BTreeSet<&String> = seen.iter().collect();
    assert_eq!(unique.len(), seen.len(), "the shards are disjoint");
    assert_eq!(
        unique,
        references.iter().collect(),
        "and together they hold every tag"
    );
    // The whole registry through its catalog: cache entries pushed there
    // are listed too, and skipped as artifacts, not failed as images.
    let home = tempfile::tempdir().unwrap();
    let image = format!("oci-dir:{}:base", diff_layout().display());
    ok(cached(
        &[
            "scan",
            "-q",
            &image,
            "-o",
            "json=/dev/null",
            "--cache-repo",
            &format!("{}/tallyman/cache", registry.host()),
        ],
        home.path(),
    ));
    let work = tempfile::tempdir().unwrap();
    let out = ok(cached(
        &[
            "scan-many",
            "--catalog",
            &registry.host(),
            "--output-dir",
            work.path().to_str().unwrap(),
            "-o",
            "json",
            "--jobs",
            "2",
        ],
        home.path(),
    ));
    assert_eq!(
        stderr(&out).lines().last().unwrap(),
        format!(
            "tallyman: 10 of 10 images scanned into {} (2 listed tags that are not images skipped)",
            work.path().display()
        )
    );
    let index: Value =
        serde_json::from_slice(&std::fs::read(work.path().join("index.json")).unwrap()).unwrap();
    let skipped: Vec<&Value> = index["images"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e.get("skipped").is_some())
        .collect();
    assert_eq!(skipped.len(), 2);
    assert!(skipped.iter().all(|e| e["skipped"]
        == "an artifact of type application/vnd.dev.tallyman.layer-cache.v1, not an image"));
    // A shard outside 0..N is a usage error.
    let out = support::tallyman([
        "scan-many",
        "--all-tags",
        &repo,
        "--shard",
        "3/3",
        "--output-dir",
        "/tmp/x",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("\"3/3\" is not a shard I/N with 0 <= I < N"),
        "{}",
        stderr(&out)
    );
}
