//! The small image committed in testdata/ (the README's first command scans
//! it): concrete values, and a golden file pinning the whole json document.

use crate::support;

use support::package;

const IMAGE: &str = "testdata/images/debian-bookworm-dpkg.oci.tar";

fn scan(args: &[&str]) -> std::process::Output {
    support::tallyman(args)
}

#[test]
fn small_image_values() {
    let out = scan(&["scan", IMAGE, "-o", "json", "--scope", "all-layers"]);
    assert!(out.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["source"]["kind"], "oci-archive");
    assert_eq!(
        doc["source"]["name"],
        "testdata/images/debian-bookworm-dpkg.oci.tar:bookworm"
    );
    assert_eq!(doc["source"]["layers"].as_array().unwrap().len(), 3);
    assert_eq!(
        doc["packages"].as_array().unwrap().len(),
        91,
        "90 installed + jq, deleted"
    );
    let jq = package(&doc, "jq");
    assert_eq!(
        (
            jq["version"].as_str(),
            jq["layer"].as_u64(),
            jq["deletedInLayer"].as_u64()
        ),
        (Some("1.6-2.1+deb12u2"), Some(1), Some(2))
    );
    let libjq = package(&doc, "libjq1");
    assert_eq!(
        libjq["purl"],
        "pkg:deb/debian/libjq1@1.6-2.1%2Bdeb12u2?arch=amd64&distro=debian-12&upstream=jq"
    );
    assert_eq!(libjq["layer"], 1);
    let spdx: Vec<&str> = libjq["licenses"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|l| l["spdx"].as_str())
        .collect();
    assert_eq!(
        spdx,
        [
            "CC-BY-3.0",
            "MIT",
            "GPL-2.0-only",
            "GPL-2.0-or-later",
            "MIT"
        ]
    );
    let dpkg = package(&doc, "dpkg");
    assert_eq!(dpkg["layer"], 0);
    assert_eq!(
        dpkg["supplier"],
        "Dpkg Developers <debian-dpkg@lists.debian.org>"
    );
}

#[test]
fn small_image_matches_its_golden_json() {
    let out = scan(&["scan", IMAGE, "-o", "json"]);
    assert!(out.status.success());
    support::assert_golden("debian-bookworm-dpkg.json", &out.stdout);
}

/// What a terminal shows of `tallyman ARGS`.
fn on_a_terminal(args: &str) -> String {
    let out = support::on_a_terminal(args);
    assert!(out.status.success(), "{}", support::stderr(&out));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn progress_shows_on_a_terminal_only() {
    let command = format!("scan {IMAGE} -o json=/dev/null");
    let shown = on_a_terminal(&command);
    assert!(shown.contains("reading layers 1/3"), "{shown:?}");
    assert!(
        shown.contains("✔ read 3 layers (409.27 KiB), found 90 packages\r\n"),
        "{shown:?}"
    );
    assert_eq!(on_a_terminal(&format!("{command} -q")), "", "-q: nothing");
    let piped = scan(&["scan", IMAGE, "-o", "json=/dev/null"]);
    assert!(piped.status.success());
    assert_eq!(
        support::stderr(&piped),
        "",
        "stderr is no terminal: nothing"
    );
}

#[test]
fn a_reader_that_goes_away_is_no_error() {
    // `tallyman scan … | head`: the document is larger than a pipe holds.
    let mut child = support::command()
        .args(["scan", IMAGE, "-o", "json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(support::stderr(&out), "");
    assert!(out.status.success());
}

#[test]
fn verify_diff_ids_checks_every_layer_and_says_so() {
    let verified = |extra: &[&str]| -> Vec<serde_json::Value> {
        let mut args = vec!["scan", IMAGE, "-o", "json"];
        args.extend_from_slice(extra);
        let out = scan(&args);
        assert!(out.status.success(), "{}", support::stderr(&out));
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        doc["source"]["layers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["diffIDVerified"].clone())
            .collect()
    };
    // The committed image's layers are gzip: checked only when asked.
    assert_eq!(verified(&[]), [false, false, false]);
    assert_eq!(verified(&["--verify-diff-ids"]), [true, true, true]);
}
