//! `tallyman sbom download`: SBOMs attached in each of the three places
//! (a referrer, cosign's `.sbom` tag, BuildKit's attestation manifest) are
//! found, picked by format and platform, and written out exactly.

use crate::support;

use std::process::Output;

use serde_json::Value;
use support::attached::attached_image;
use support::registry::{Auth, Registry};
use support::{ok, stderr};

fn tallyman(args: &[&str]) -> Output {
    support::command().args(args).output().unwrap()
}

#[test]
fn sboms_attached_in_each_place_are_found() {
    let registry = Registry::start(Auth::Anonymous, false);
    let a = attached_image(&registry, "app/multi");
    let image = format!("registry:{}/app/multi:v1", registry.host());
    let sbom_tag = format!("{}.sbom", a.index.replace(':', "-"));

    // The newest, most specific first: the CycloneDX referrer of the index.
    let out = ok(tallyman(&[
        "sbom",
        "download",
        &image,
        "--platform",
        "linux/amd64",
    ]));
    assert!(
        out.stdout == a.cyclonedx,
        "the referrer's document, byte for byte"
    );
    assert_eq!(
        stderr(&out),
        format!(
            "tallyman: CycloneDX SBOM from referrer {} of {}; 2 more attached (--output-dir DIR writes all, --type picks a format)\n",
            a.sbom_referrer, a.index
        )
    );
    // --type spdx: cosign's .sbom tag comes before BuildKit's attestation.
    let out = ok(tallyman(&[
        "sbom",
        "download",
        &image,
        "--platform",
        "linux/amd64",
        "--type",
        "spdx",
    ]));
    assert!(out.stdout == a.spdx, "cosign's layer, byte for byte");
    assert!(
        stderr(&out).starts_with(&format!(
            "tallyman: SPDX SBOM from cosign tag {sbom_tag}; 1 more"
        )),
        "{}",
        stderr(&out)
    );

    // --output-dir: all three, BuildKit's predicate equal to the SBOM it holds.
    let dir = tempfile::tempdir().unwrap();
    let out = ok(tallyman(&[
        "sbom",
        "download",
        &image,
        "--platform",
        "linux/amd64",
        "--output-dir",
        dir.path().to_str().unwrap(),
    ]));
    let said = stderr(&out);
    assert_eq!(said.lines().count(), 3, "{said}");
    assert!(
        said.contains(&format!(
            "(SPDX from BuildKit attestation manifest {})",
            a.buildkit_attestation
        )),
        "{said}"
    );
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    let names: Vec<&str> = files
        .iter()
        .map(|(n, _)| n.rsplit_once('-').unwrap().0)
        .collect();
    assert_eq!(
        names,
        ["cyclonedx-referrer", "spdx-buildkit", "spdx-cosign-tag"]
    );
    let spdx: Value = serde_json::from_slice(&a.spdx).unwrap();
    let documents: Vec<Value> = files
        .iter()
        .map(|(_, b)| serde_json::from_slice(b).unwrap())
        .collect();
    assert_eq!(documents[1], spdx, "BuildKit's predicate");
    assert_eq!(files[2].1, a.spdx, "the tag's document, byte for byte");
    assert_eq!(documents[0]["bomFormat"], "CycloneDX");
    let hex = support::oci::sha256(&a.cyclonedx);
    assert_eq!(
        files[0].0,
        format!("cyclonedx-referrer-{}.json", &hex["sha256:".len()..][..12])
    );

    // arm64 has no BuildKit attestation: the index's SPDX only.
    let out = ok(tallyman(&[
        "sbom",
        "download",
        &image,
        "--platform",
        "linux/arm64",
        "--type",
        "spdx",
        "-o",
        dir.path().join("arm.json").to_str().unwrap(),
    ]));
    assert!(out.stdout.is_empty());
    assert_eq!(std::fs::read(dir.path().join("arm.json")).unwrap(), a.spdx);
    assert_eq!(
        stderr(&out),
        format!("tallyman: SPDX SBOM from cosign tag {sbom_tag}\n")
    );

    // None of the kind asked for: one line naming where it looked and what it found.
    let out = tallyman(&[
        "sbom",
        "download",
        &image,
        "--platform",
        "linux/amd64",
        "--type",
        "syft",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.starts_with(&format!("tallyman: error: {}/app/multi:v1: no syft SBOM attached; looked in the referrers of {} (tag {}), the tag {}.sbom, ", registry.host(), a.amd64, a.amd64.replace(':', "-"), a.amd64.replace(':', "-"))), "{err}");
    assert!(
        err.contains(
            "BuildKit attestation manifests in the index (found only: CycloneDX in referrer"
        ),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1);

    // An image with nothing attached.
    let layout = support::small_layout();
    registry.push(layout.path(), "bookworm", "plain/debian:bookworm");
    let out = tallyman(&[
        "sbom",
        "download",
        &format!("registry:{}/plain/debian:bookworm", registry.host()),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(": no SBOM attached; looked in the referrers of sha256:"),
        "{}",
        stderr(&out)
    );
}
