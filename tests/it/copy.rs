//! `tallyman copy`: a signed, attested, multi-platform image with an
//! attachment in every place (support::attached) copied between two real
//! registries — the second with basic auth — keeps every manifest digest,
//! so signatures and attestations still verify at the destination.

use crate::support;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;
use support::attached::{attached_image, Attached};
use support::registry::{Auth, Registry};
use support::{ok, stderr};

fn tallyman(args: &[&str], auth_file: Option<&Path>) -> Output {
    let mut cmd = support::command();
    cmd.args(args);
    if let Some(file) = auth_file {
        cmd.env("REGISTRY_AUTH_FILE", file);
    }
    cmd.output().unwrap()
}

/// An auth file (containers' auth.json) with the registry's login.
fn auth_file(registry: &Registry, dir: &Path) -> std::path::PathBuf {
    let (user, password) = registry.creds.clone().unwrap();
    let auth = base64::Engine::encode(
        &base64::engine::general_purpose::STANDARD,
        format!("{user}:{password}"),
    );
    let file = dir.join("auth.json");
    std::fs::write(
        &file,
        serde_json::to_vec(&serde_json::json!({"auths": {registry.host(): {"auth": auth}}}))
            .unwrap(),
    )
    .unwrap();
    file
}

/// The digest a registry holds under `reference` (a tag or digest), if any.
fn digest_of(registry: &Registry, repository: &str, reference: &str) -> Option<String> {
    let mut cmd = Command::new("skopeo");
    cmd.args(["inspect", "--raw", "--tls-verify=false"]);
    if let Some((user, password)) = &registry.creds {
        cmd.arg(format!("--creds={user}:{password}"));
    }
    let separator = if reference.starts_with("sha256:") {
        '@'
    } else {
        ':'
    };
    let out = cmd
        .arg(format!(
            "docker://{}/{repository}{separator}{reference}",
            registry.host()
        ))
        .output()
        .unwrap();
    out.status
        .success()
        .then(|| support::oci::sha256(&out.stdout))
}

/// The digests listed in the tag-schema index of `subject`.
fn listed(registry: &Registry, repository: &str, subject: &str) -> BTreeSet<String> {
    registry
        .tag_schema_digests(repository, subject)
        .into_iter()
        .collect()
}

fn tag(digest: &str, suffix: &str) -> String {
    format!("{}.{suffix}", digest.replace(':', "-"))
}

/// Every manifest of the fixture and where the destination must hold it.
fn every_manifest(a: &Attached) -> Vec<(String, String)> {
    vec![
        ("v1".to_owned(), a.index.clone()),
        (a.amd64.clone(), a.amd64.clone()),
        (a.arm64.clone(), a.arm64.clone()),
        (
            a.buildkit_attestation.clone(),
            a.buildkit_attestation.clone(),
        ),
        (tag(&a.index, "sig"), a.sig.clone()),
        (tag(&a.index, "sbom"), a.sbom_tag.clone()),
        (tag(&a.arm64, "att"), a.legacy_att.clone()),
        (a.sbom_referrer.clone(), a.sbom_referrer.clone()),
        (a.referrer_signature.clone(), a.referrer_signature.clone()),
        (a.bundle_referrer.clone(), a.bundle_referrer.clone()),
    ]
}

#[test]
fn copy_between_registries_keeps_every_digest_and_signature() {
    let source = Registry::start(Auth::Anonymous, false);
    let destination = Registry::start(
        Auth::Basic {
            user: "bob",
            password: "builder",
        },
        false,
    );
    let dir = tempfile::tempdir().unwrap();
    let auth = auth_file(&destination, dir.path());
    let a = attached_image(&source, "app/multi");
    let src = format!("registry:{}/app/multi:v1", source.host());
    let dst = format!("registry:{}/mirror/multi", destination.host());

    // --dry-run lists every manifest and blob, and copies nothing.
    let plan =
        String::from_utf8(ok(tallyman(&["copy", &src, &dst, "--dry-run"], Some(&auth))).stdout)
            .unwrap();
    let planned: BTreeSet<String> = plan
        .lines()
        .filter(|l| l.starts_with("manifest "))
        .map(|l| l.split(' ').nth(1).unwrap().to_owned())
        .collect();
    let expected: BTreeSet<String> = every_manifest(&a).into_iter().map(|(_, d)| d).collect();
    assert_eq!(planned, expected, "{plan}");
    assert_eq!(expected.len(), 10);
    assert!(
        plan.contains(&format!(
            "manifest {} application/vnd.oci.image.index.v1+json -> tag v1 (image)",
            a.index
        )),
        "{plan}"
    );
    assert!(plan.contains(&format!("-> referrer of {} (referrer (application/vnd.example.signature+json) of referrer (application/vnd.cyclonedx+json) of image)", a.sbom_referrer)), "{plan}");
    assert!(
        plan.contains(&format!(
            "-> tag {} (att of linux/arm64 image)",
            tag(&a.arm64, "att")
        )),
        "{plan}"
    );
    assert!(
        plan.trim_end()
            .ends_with(&format!("to {}/mirror/multi", destination.host())),
        "{plan}"
    );
    assert_eq!(digest_of(&destination, "mirror/multi", "v1"), None);

    // Without the destination's login: one line naming the registry.
    let err = stderr(&tallyman(&["copy", &src, &dst], None));
    assert!(
        err.contains(&format!(
            "registry {}: requires a login (basic auth)",
            destination.host()
        )),
        "{err}"
    );

    // The copy: every manifest under the same reference with the same digest.
    let copied = ok(tallyman(&["copy", &src, &dst], Some(&auth)));
    let said = stderr(&copied);
    assert!(
        said.starts_with(&format!(
            "tallyman: copied 10 manifests and 19 blobs to {}/mirror/multi (",
            destination.host()
        )),
        "{said}"
    );
    assert!(said.contains("; 0 mounted, 0 already there)"), "{said}");
    for (reference, digest) in every_manifest(&a) {
        assert_eq!(
            digest_of(&destination, "mirror/multi", &reference).as_deref(),
            Some(digest.as_str()),
            "{reference}"
        );
    }
    // The referrers are listed at the destination as at the source.
    assert_eq!(
        listed(&destination, "mirror/multi", &a.index),
        [a.sbom_referrer.clone()].into()
    );
    assert_eq!(
        listed(&destination, "mirror/multi", &a.sbom_referrer),
        [a.referrer_signature.clone()].into()
    );
    assert_eq!(
        listed(&destination, "mirror/multi", &a.amd64),
        [a.bundle_referrer.clone()].into()
    );

    // Attestations verify against the destination, in both forms.
    let public = a.public_key.display().to_string();
    for (platform, kind, place) in [
        ("linux/amd64", "spdxjson", a.bundle_referrer.clone()),
        ("linux/arm64", "cyclonedx", tag(&a.arm64, "att")),
    ] {
        let out = ok(tallyman(
            &[
                "verify-attestation",
                &format!("{dst}:v1"),
                "--key",
                &public,
                "--platform",
                platform,
                "--type",
                kind,
            ],
            Some(&auth),
        ));
        assert!(stderr(&out).contains(&place), "{}", stderr(&out));
    }
    // The cosign signature's payload still verifies with its key.
    let sig: Value = serde_json::from_slice(
        &destination
            .request(
                "GET",
                &format!("/v2/mirror/multi/manifests/{}", tag(&a.index, "sig")),
                None,
                b"",
            )
            .2,
    )
    .unwrap();
    let layer = &sig["layers"][0];
    let payload = destination
        .request(
            "GET",
            &format!(
                "/v2/mirror/multi/blobs/{}",
                layer["digest"].as_str().unwrap()
            ),
            None,
            b"",
        )
        .2;
    let signature = base64::Engine::decode(
        &base64::engine::general_purpose::STANDARD,
        layer["annotations"]["dev.cosignproject.cosign/signature"]
            .as_str()
            .unwrap(),
    )
    .unwrap();
    std::fs::write(dir.path().join("payload"), &payload).unwrap();
    std::fs::write(dir.path().join("signature"), &signature).unwrap();
    let public_pem = dir.path().join("sig.pub");
    assert!(Command::new("openssl")
        .args(["ec", "-pubout", "-in"])
        .arg(&a.signature_key)
        .arg("-out")
        .arg(&public_pem)
        .output()
        .unwrap()
        .status
        .success());
    let verified = Command::new("openssl")
        .args(["dgst", "-sha256", "-verify"])
        .arg(&public_pem)
        .arg("-signature")
        .arg(dir.path().join("signature"))
        .arg(dir.path().join("payload"))
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&verified.stdout), "Verified OK\n");
    assert!(payload
        .windows(a.index.len())
        .any(|w| w == a.index.as_bytes()));

    // A damaged blob at the source is refused by the destination: one line
    // naming the blob, what it belongs to and both registries.
    let arm: Value = serde_json::from_slice(
        &source
            .request(
                "GET",
                &format!("/v2/app/multi/manifests/{}", a.arm64),
                None,
                b"",
            )
            .2,
    )
    .unwrap();
    let layer = arm["layers"][0]["digest"].as_str().unwrap().to_owned();
    support::corrupt(&source.blob_data(&layer));
    let out = tallyman(
        &[
            "copy",
            &src,
            &format!("registry:{}/damaged/multi", destination.host()),
        ],
        Some(&auth),
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.starts_with(&format!(
            "tallyman: error: copy of blob {layer} (of the linux/arm64 image) from {}/app/multi to {}/damaged/multi: registry {}: upload of blob {layer}: HTTP 400",
            source.host(),
            destination.host(),
            destination.host()
        )),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1);
    assert_eq!(
        digest_of(&destination, "damaged/multi", "v1"),
        None,
        "no manifest pushed"
    );

    // A second copy finds everything there.
    let again = stderr(&ok(tallyman(&["copy", &src, &dst], Some(&auth))));
    assert!(again.contains("(0 B uploaded; 0 mounted, "), "{again}");
    assert!(!again.contains(" 0 already there"), "{again}");
}

#[test]
fn copy_within_a_registry_mounts_and_selects() {
    let registry = Registry::start(Auth::Anonymous, false);
    let a = attached_image(&registry, "app/multi");
    let src = format!("registry:{}/app/multi:v1", registry.host());

    // Same registry: blobs are mounted, not uploaded; a new tag is given.
    let out = stderr(&ok(tallyman(
        &[
            "copy",
            &src,
            &format!("registry:{}/team/multi:stable", registry.host()),
            "-q",
        ],
        None,
    )));
    assert_eq!(out, "", "-q says nothing");
    assert_eq!(
        digest_of(&registry, "team/multi", "stable"),
        Some(a.index.clone())
    );
    assert_eq!(digest_of(&registry, "team/multi", "v1"), None);
    let out = stderr(&ok(tallyman(
        &[
            "copy",
            &src,
            &format!("registry:{}/team/again", registry.host()),
        ],
        None,
    )));
    assert!(out.contains("(0 B uploaded; "), "{out}");
    assert!(!out.contains("; 0 mounted"), "{out}");

    // On a terminal, a bar over the blob bytes; -q: nothing.
    let shown = support::on_a_terminal(&format!(
        "copy {src} registry:{}/term/multi",
        registry.host()
    ));
    let shown = String::from_utf8_lossy(&shown.stdout);
    assert!(shown.contains(" copying "), "{shown:?}");
    assert!(
        shown.contains("tallyman: copied 10 manifests and 19 blobs"),
        "{shown:?}"
    );

    // --platform: that image alone, with its own attachments only.
    ok(tallyman(
        &[
            "copy",
            &src,
            &format!("registry:{}/arm/only", registry.host()),
            "--platform",
            "linux/arm64",
        ],
        None,
    ));
    assert_eq!(
        digest_of(&registry, "arm/only", "v1"),
        Some(a.arm64.clone())
    );
    assert_eq!(
        digest_of(&registry, "arm/only", &tag(&a.arm64, "att")),
        Some(a.legacy_att.clone())
    );
    assert_eq!(digest_of(&registry, "arm/only", &a.amd64), None);
    assert_eq!(
        digest_of(&registry, "arm/only", &tag(&a.index, "sig")),
        None
    );

    // --only sig,referrers: the attachments, not the image.
    ok(tallyman(
        &[
            "copy",
            &src,
            &format!("registry:{}/sigs/only", registry.host()),
            "--only",
            "sig,referrers",
        ],
        None,
    ));
    assert_eq!(digest_of(&registry, "sigs/only", "v1"), None);
    assert_eq!(
        digest_of(&registry, "sigs/only", &tag(&a.index, "sig")),
        Some(a.sig.clone())
    );
    assert_eq!(
        digest_of(&registry, "sigs/only", &tag(&a.index, "sbom")),
        None
    );
    assert_eq!(
        digest_of(&registry, "sigs/only", &tag(&a.arm64, "att")),
        None
    );
    assert_eq!(
        listed(&registry, "sigs/only", &a.index),
        [a.sbom_referrer.clone()].into()
    );
    assert_eq!(
        listed(&registry, "sigs/only", &a.amd64),
        [a.bundle_referrer.clone()].into()
    );

    // Bad input: one line each.
    let err = stderr(&tallyman(
        &["copy", &src, "testdata/images/debian-bookworm-dpkg.oci.tar"],
        None,
    ));
    assert!(
        err.contains("the destination of a copy must be a registry image"),
        "{err}"
    );
    let err = stderr(&tallyman(
        &[
            "copy",
            &format!("registry:{}/app/none:v1", registry.host()),
            &format!("registry:{}/x/y", registry.host()),
        ],
        None,
    ));
    assert_eq!(
        err,
        format!(
            "tallyman: error: registry {}: manifest v1 not found in app/none\n",
            registry.host()
        )
    );
    let err = stderr(&tallyman(
        &["copy", &src, "registry:x/y", "--only", "sigs"],
        None,
    ));
    assert!(
        err.contains("\"sigs\" is not an attachment kind (sig, att, sbom, referrers)"),
        "{err}"
    );
}
