//! A signed, attested, multi-platform image in a test registry, with an
//! attachment in every place cosign, BuildKit and oras put them: the index
//! (the small Debian image for linux/amd64, a one-package linux/arm64 image,
//! and BuildKit's SPDX attestation manifest for amd64), a cosign `.sig` of
//! the index (a real ECDSA signature made with openssl) and a `.sbom` tag, a
//! CycloneDX SBOM referrer of the index with a signature referrer of its
//! own (tag schema, as a client on a registry without the referrers API
//! writes them), a tallyman bundle attestation of the amd64 image and a
//! legacy `.att` attestation of the arm64 image.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{json, Value};

use super::oci::{sha256, stanza, write_image, write_index_blob, Blob, Layer};
use super::registry::Registry;

pub struct Attached {
    pub repository: String,
    pub index: String,
    pub amd64: String,
    pub arm64: String,
    pub buildkit_attestation: String,
    pub sig: String,
    pub sbom_tag: String,
    pub sbom_referrer: String,
    pub referrer_signature: String,
    pub bundle_referrer: String,
    pub legacy_att: String,
    /// The SPDX and CycloneDX documents attached (exact bytes).
    pub spdx: Vec<u8>,
    pub cyclonedx: Vec<u8>,
    /// The SLSA v1 provenance predicate BuildKit's manifest carries beside
    /// the SPDX one (BuildKit's documented example).
    pub provenance: Value,
    /// The cosign key pair of the attestations, and the openssl key of the signature.
    pub public_key: PathBuf,
    pub signature_key: PathBuf,
    _dir: tempfile::TempDir,
}

fn run(cmd: &mut Command) -> Vec<u8> {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{cmd:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn put_json(registry: &Registry, repository: &str, reference: &str, value: &Value) -> String {
    registry.put_manifest(repository, reference, &serde_json::to_vec(value).unwrap())
}

fn empty_config(registry: &Registry, repository: &str) -> Value {
    let digest = registry.put_blob(repository, b"{}");
    json!({"mediaType": "application/vnd.oci.empty.v1+json", "digest": digest, "size": 2})
}

fn layer(registry: &Registry, repository: &str, media_type: &str, bytes: &[u8]) -> Value {
    let digest = registry.put_blob(repository, bytes);
    json!({"mediaType": media_type, "digest": digest, "size": bytes.len()})
}

/// Writes the tag schema's index for `subject` listing `entries`.
fn tag_schema(registry: &Registry, repository: &str, subject: &str, entries: Vec<Value>) {
    put_json(
        registry,
        repository,
        &subject.replace(':', "-"),
        &json!({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json", "manifests": entries}),
    );
}

/// Pushes a referrer manifest of `subject` and lists it in the tag schema
/// (after what is there); returns its digest.
fn referrer(
    registry: &Registry,
    repository: &str,
    subject: &Value,
    artifact_type: &str,
    content: &[u8],
) -> String {
    let manifest = json!({
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "artifactType": artifact_type,
        "config": empty_config(registry, repository),
        "layers": [layer(registry, repository, artifact_type, content)],
        "subject": subject,
        "annotations": {"org.opencontainers.image.created": "2024-01-02T03:04:05Z"},
    });
    let bytes = serde_json::to_vec(&manifest).unwrap();
    let digest = registry.put_manifest(repository, &sha256(&bytes), &bytes);
    tag_schema(
        registry,
        repository,
        subject["digest"].as_str().unwrap(),
        vec![json!({
            "mediaType": "application/vnd.oci.image.manifest.v1+json",
            "digest": digest,
            "size": bytes.len(),
            "artifactType": artifact_type,
            "annotations": manifest["annotations"],
        })],
    );
    digest
}

/// Builds and pushes the image to `repository:v1` with all its attachments.
pub fn attached_image(registry: &Registry, repository: &str) -> Attached {
    let dir = super::small_layout();
    let layout = dir.path();
    let small_index: Value =
        serde_json::from_slice(&std::fs::read(layout.join("index.json")).unwrap()).unwrap();
    let mut amd = small_index["manifests"][0].clone();
    amd.as_object_mut().unwrap().remove("annotations");
    amd["platform"] = json!({"os": "linux", "architecture": "amd64"});
    let arm = write_image(
        layout,
        "arm64",
        vec![Blob::gzip(
            Layer::new()
                .file("var/lib/dpkg/status", stanza("on-arm64", "1.0").as_bytes())
                .tar(),
        )],
    );
    let amd64 = amd["digest"].as_str().unwrap().to_owned();
    let arm64 = arm["digest"].as_str().unwrap().to_owned();
    let small = Path::new(env!("CARGO_MANIFEST_DIR")).join(super::SMALL_IMAGE);
    let sbom = |format: &str| {
        run(super::command()
            .args(["scan", small.to_str().unwrap(), "-o", format])
            .env("SOURCE_DATE_EPOCH", "1700000000"))
    };
    let spdx = sbom("spdx-json");
    let cyclonedx = sbom("cyclonedx-json");

    // BuildKit's attestation manifest for amd64: an in-toto statement layer.
    let statement = serde_json::to_vec(&json!({
        "_type": "https://in-toto.io/Statement/v0.1",
        "predicateType": "https://spdx.dev/Document",
        "subject": [{"name": "pkg:docker/test@v1?platform=linux%2Famd64", "digest": {"sha256": amd64.trim_start_matches("sha256:")}}],
        "predicate": serde_json::from_slice::<Value>(&spdx).unwrap(),
    }))
    .unwrap();
    let statement_digest = super::oci::write_blob(layout, &statement);
    // And its provenance (BuildKit's own documented mode=min example, with
    // this image as the subject).
    let example: Value = serde_json::from_slice(
        &std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/slsa/buildkit-slsa-v1-min.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let provenance = example["predicate"].clone();
    let provenance_statement = serde_json::to_vec(&json!({
        "_type": "https://in-toto.io/Statement/v1",
        "predicateType": "https://slsa.dev/provenance/v1",
        "subject": [{"name": "pkg:docker/test@v1?platform=linux%2Famd64", "digest": {"sha256": amd64.trim_start_matches("sha256:")}}],
        "predicate": provenance,
    }))
    .unwrap();
    let provenance_digest = super::oci::write_blob(layout, &provenance_statement);
    let config = br#"{"architecture":"unknown","os":"unknown","config":{},"rootfs":{"type":"layers","diff_ids":[]}}"#;
    let config_digest = super::oci::write_blob(layout, config);
    let attestation = serde_json::to_vec(&json!({
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": config_digest, "size": config.len()},
        "layers": [{
            "mediaType": "application/vnd.in-toto+json",
            "digest": statement_digest,
            "size": statement.len(),
            "annotations": {"in-toto.io/predicate-type": "https://spdx.dev/Document"},
        }, {
            "mediaType": "application/vnd.in-toto+json",
            "digest": provenance_digest,
            "size": provenance_statement.len(),
            "annotations": {"in-toto.io/predicate-type": "https://slsa.dev/provenance/v1"},
        }],
    }))
    .unwrap();
    let buildkit_attestation = super::oci::write_blob(layout, &attestation);
    let index = write_index_blob(
        layout,
        vec![
            amd,
            arm,
            json!({
                "mediaType": "application/vnd.oci.image.manifest.v1+json",
                "digest": buildkit_attestation,
                "size": attestation.len(),
                "platform": {"os": "unknown", "architecture": "unknown"},
                "annotations": {
                    "vnd.docker.reference.digest": amd64,
                    "vnd.docker.reference.type": "attestation-manifest",
                },
            }),
        ],
    );

    // Push every blob, then the manifests by digest, then the index by tag.
    let blob_path = |digest: &str| {
        layout
            .join("blobs/sha256")
            .join(digest.trim_start_matches("sha256:"))
    };
    for entry in std::fs::read_dir(layout.join("blobs/sha256")).unwrap() {
        registry.put_blob(repository, &std::fs::read(entry.unwrap().path()).unwrap());
    }
    for digest in [&amd64, &arm64, &buildkit_attestation] {
        registry.put_manifest(
            repository,
            digest,
            &std::fs::read(blob_path(digest)).unwrap(),
        );
    }
    let index_digest = index["digest"].as_str().unwrap().to_owned();
    registry.put_manifest(
        repository,
        "v1",
        &std::fs::read(blob_path(&index_digest)).unwrap(),
    );

    // cosign's .sig of the index, signed for real with an openssl key.
    let keys = tempfile::tempdir().unwrap();
    let signature_key = keys.path().join("sig.pem");
    run(Command::new("openssl")
        .args([
            "ecparam",
            "-name",
            "prime256v1",
            "-genkey",
            "-noout",
            "-out",
        ])
        .arg(&signature_key));
    let payload = serde_json::to_vec(&json!({
        "critical": {
            "identity": {"docker-reference": format!("{}/{repository}", registry.host())},
            "image": {"docker-manifest-digest": index_digest},
            "type": "cosign container image signature",
        },
        "optional": null,
    }))
    .unwrap();
    let payload_file = keys.path().join("payload.json");
    std::fs::write(&payload_file, &payload).unwrap();
    let signature = run(Command::new("openssl")
        .args(["dgst", "-sha256", "-sign"])
        .arg(&signature_key)
        .arg(&payload_file));
    let mut sig_layer = layer(
        registry,
        repository,
        "application/vnd.dev.cosign.simplesigning.v1+json",
        &payload,
    );
    sig_layer["annotations"] = json!({"dev.cosignproject.cosign/signature": base64::Engine::encode(&base64::engine::general_purpose::STANDARD, &signature)});
    let cosign_config = |layers: &[&Value]| {
        let diff_ids: Vec<&Value> = layers.iter().map(|l| &l["digest"]).collect();
        let bytes = serde_json::to_vec(&json!({"architecture": "", "os": "", "rootfs": {"type": "layers", "diff_ids": diff_ids}, "config": {}})).unwrap();
        let digest = registry.put_blob(repository, &bytes);
        json!({"mediaType": "application/vnd.oci.image.config.v1+json", "digest": digest, "size": bytes.len()})
    };
    let tag = |suffix: &str| format!("{}.{suffix}", index_digest.replace(':', "-"));
    let sig = put_json(
        registry,
        repository,
        &tag("sig"),
        &json!({
            "schemaVersion": 2,
            "mediaType": "application/vnd.oci.image.manifest.v1+json",
            "config": cosign_config(&[&sig_layer]),
            "layers": [sig_layer],
        }),
    );
    // cosign attach sbom's .sbom tag.
    let sbom_layer = layer(registry, repository, "text/spdx+json", &spdx);
    let sbom_tag = put_json(
        registry,
        repository,
        &tag("sbom"),
        &json!({
            "schemaVersion": 2,
            "mediaType": "application/vnd.oci.image.manifest.v1+json",
            "config": cosign_config(&[&sbom_layer]),
            "layers": [sbom_layer],
        }),
    );
    // A CycloneDX SBOM referrer of the index, and a signature referrer of that.
    let index_descriptor = json!({"mediaType": "application/vnd.oci.image.index.v1+json", "digest": index_digest, "size": index["size"]});
    let sbom_referrer = referrer(
        registry,
        repository,
        &index_descriptor,
        "application/vnd.cyclonedx+json",
        &cyclonedx,
    );
    let sbom_referrer_size = registry
        .request(
            "GET",
            &format!("/v2/{repository}/manifests/{sbom_referrer}"),
            None,
            b"",
        )
        .2
        .len();
    let referrer_signature = referrer(
        registry,
        repository,
        &json!({"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": sbom_referrer, "size": sbom_referrer_size}),
        "application/vnd.example.signature+json",
        b"{\"signed\":true}",
    );

    // tallyman's attestations: a bundle of amd64, a legacy .att of arm64.
    let cosign_keys = keys.path().join("cosign");
    run(super::command()
        .args(["generate-key-pair", "--output-key-prefix"])
        .arg(&cosign_keys)
        .env("COSIGN_PASSWORD", "pw"));
    let image = format!("registry:{}/{repository}:v1", registry.host());
    let private = format!("{}.key", cosign_keys.display());
    let attest = |extra: &[&str]| {
        run(super::command()
            .args(["attest", &image, "--key", &private, "--attach", "-q"])
            .args(extra)
            .env("COSIGN_PASSWORD", "pw")
            .env("SOURCE_DATE_EPOCH", "1700000000"));
    };
    attest(&["--platform", "linux/amd64"]);
    attest(&[
        "--platform",
        "linux/arm64",
        "--attach-format",
        "legacy",
        "--type",
        "cyclonedx",
    ]);
    let bundle_referrer = registry
        .tag_schema_digests(repository, &amd64)
        .pop()
        .unwrap();
    let (_, headers, _) = registry.request(
        "HEAD",
        &format!("/v2/{repository}/manifests/{}.att", arm64.replace(':', "-")),
        None,
        b"",
    );
    let legacy_att = headers
        .iter()
        .find(|(k, _)| k == "docker-content-digest")
        .unwrap()
        .1
        .clone();
    Attached {
        repository: repository.to_owned(),
        index: index_digest,
        amd64,
        arm64,
        buildkit_attestation,
        provenance,
        sig,
        sbom_tag,
        sbom_referrer,
        referrer_signature,
        bundle_referrer,
        legacy_att,
        spdx,
        cyclonedx,
        public_key: PathBuf::from(format!("{}.pub", cosign_keys.display())),
        signature_key,
        _dir: keys,
    }
}
