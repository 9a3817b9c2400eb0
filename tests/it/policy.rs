//! `verify-attestation --policy`: the example policies of examples/policies
//! against attestations attached in a real registry — the small Debian
//! image (compliant), an image with the xz backdoor's liblzma5, an old libc6
//! and an AGPL npm package (violating every package and license rule), and
//! the compliant image attested long ago (a stale SBOM).

use crate::support;

use std::path::Path;
use std::process::Output;

use support::oci::{stanza, write_layout, Blob, Layer};
use support::registry::{Auth, Registry};
use support::{ok, stderr};

fn tallyman(args: &[&str], epoch: Option<&str>) -> Output {
    let mut cmd = support::command();
    cmd.args(args).env("COSIGN_PASSWORD", "pw");
    if let Some(epoch) = epoch {
        cmd.env("SOURCE_DATE_EPOCH", epoch);
    }
    cmd.output().unwrap()
}

fn example(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/policies")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn example_policies_allow_the_compliant_image_and_deny_the_violating_ones() {
    let registry = Registry::start(Auth::Anonymous, false);
    let small = support::small_layout();
    registry.push(small.path(), "bookworm", "good/debian:v1");
    registry.push(small.path(), "bookworm", "stale/debian:v1");
    let bad = tempfile::tempdir().unwrap();
    let status = stanza("liblzma5", "5.6.1-1") + &stanza("libc6", "2.31-13+deb11u5");
    write_layout(
        bad.path(),
        "v1",
        vec![Blob::gzip(
            Layer::new()
                .file("etc/os-release", b"ID=debian\nVERSION_ID=\"13\"\n")
                .file("var/lib/dpkg/status", status.as_bytes())
                .file(
                    "app/node_modules/mongo-ish/package.json",
                    br#"{"name": "mongo-ish", "version": "1.0.0", "license": "AGPL-3.0-only"}"#,
                )
                .tar(),
        )],
    );
    registry.push(bad.path(), "v1", "bad/app:v1");

    let keys = tempfile::tempdir().unwrap();
    let prefix = keys.path().join("cosign").display().to_string();
    ok(tallyman(
        &["generate-key-pair", "--output-key-prefix", &prefix],
        None,
    ));
    let (private, public) = (format!("{prefix}.key"), format!("{prefix}.pub"));
    let image = |repo: &str| format!("registry:{}/{repo}:v1", registry.host());
    for (repo, epoch) in [
        ("good/debian", None),
        ("bad/app", None),
        ("stale/debian", Some("1700000000")),
    ] {
        ok(tallyman(
            &["attest", &image(repo), "--key", &private, "--attach", "-q"],
            epoch,
        ));
    }
    let verify = |repo: &str, policies: &[&str]| {
        let mut args = vec![
            "verify-attestation".to_owned(),
            image(repo),
            "--key".to_owned(),
            public.clone(),
        ];
        for policy in policies {
            args.push("--policy".to_owned());
            args.push(example(policy));
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        tallyman(&args, None)
    };
    let denied = |repo: &str, policy: &str| {
        let out = verify(repo, &[policy]);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{repo} {policy}: {}",
            stderr(&out)
        );
        assert!(out.stdout.is_empty(), "nothing printed when denied");
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{err}");
        let prefix = format!(
            "tallyman: error: policy {} denied {}/{repo}@sha256:",
            example(policy),
            registry.host()
        );
        assert!(err.starts_with(&prefix), "{err}");
        err.split_once(" is not true: ")
            .map(|(_, r)| r.trim_end().to_owned())
            .unwrap_or_else(|| panic!("{err}"))
    };

    // The compliant image passes all four at once, and its SBOM is printed.
    let all = [
        "deny-packages.rego",
        "deny-licenses.rego",
        "version-floors.rego",
        "sbom-freshness.rego",
    ];
    let out = ok(verify("good/debian", &all));
    let sbom: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(sbom["packages"].as_array().unwrap().len(), 91);
    let said = stderr(&out);
    for policy in all {
        assert!(
            said.contains(&format!(
                "tallyman: policy {} allowed 1 verified attestation\n",
                example(policy)
            )),
            "{said}"
        );
    }

    // The violating image is denied by each rule, saying which package and why.
    assert_eq!(
        denied("bad/app", "deny-packages.rego"),
        "liblzma5 5.6.1-1 is denied: CVE-2024-3094, the xz backdoor"
    );
    assert_eq!(
        denied("bad/app", "deny-licenses.rego"),
        "mongo-ish 1.0.0 is under AGPL-3.0-only"
    );
    assert_eq!(
        denied("bad/app", "version-floors.rego"),
        "libc6 2.31-13+deb11u5 is older than 2.36-9+deb12u4"
    );
    ok(verify("bad/app", &["sbom-freshness.rego"]));
    // The stale SBOM is denied by the policy controller's convention.
    let stale = denied("stale/debian", "sbom-freshness.rego");
    assert!(
        stale.starts_with("the SBOM was made ")
            && stale.ends_with("(2023-11-14T22:13:20Z), more than 30"),
        "{stale}"
    );
    ok(verify(
        "stale/debian",
        &["deny-packages.rego", "version-floors.rego"],
    ));

    // A CUE policy is refused before anything is fetched.
    let cue = keys.path().join("policy.cue");
    std::fs::write(&cue, "predicateType: \"https://spdx.dev/Document\"\n").unwrap();
    let out = tallyman(
        &[
            "verify-attestation",
            &image("good/debian"),
            "--key",
            &public,
            "--policy",
            cue.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(
            "CUE policies are not supported (there is no CUE engine for Rust); write it in Rego"
        ),
        "{}",
        stderr(&out)
    );
}
