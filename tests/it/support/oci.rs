//! Writes small OCI image layouts from hand-built layer tars, for tests of
//! whiteouts, links and hostile input that real packages cannot produce.

use std::io::Write;
use std::path::Path;

use flate2::write::GzEncoder;
use serde_json::json;
use sha2::{Digest, Sha256};

/// One layer tar, built entry by entry.
pub struct Layer {
    builder: tar::Builder<Vec<u8>>,
}

impl Default for Layer {
    fn default() -> Self {
        Layer::new()
    }
}

impl Layer {
    pub fn new() -> Layer {
        Layer {
            builder: tar::Builder::new(Vec::new()),
        }
    }

    fn header(kind: tar::EntryType, size: u64) -> tar::Header {
        let mut header = tar::Header::new_gnu();
        header.set_entry_type(kind);
        header.set_size(size);
        header.set_mode(if kind == tar::EntryType::Directory {
            0o755
        } else {
            0o644
        });
        header.set_mtime(1_700_000_000);
        header
    }

    /// A regular file. `path` is written as given (may be hostile).
    pub fn file(self, path: &str, content: &[u8]) -> Layer {
        self.file_with_mode(path, content, 0o644)
    }

    /// An executable (mode 0755).
    pub fn executable(self, path: &str, content: &[u8]) -> Layer {
        self.file_with_mode(path, content, 0o755)
    }

    fn file_with_mode(mut self, path: &str, content: &[u8], mode: u32) -> Layer {
        let mut header = Layer::header(tar::EntryType::Regular, content.len() as u64);
        header.set_mode(mode);
        set_raw_path(&mut header, path);
        header.set_cksum();
        self.builder.append(&header, content).unwrap();
        self
    }

    pub fn dir(mut self, path: &str) -> Layer {
        let mut header = Layer::header(tar::EntryType::Directory, 0);
        set_raw_path(&mut header, path);
        header.set_cksum();
        self.builder.append(&header, &[][..]).unwrap();
        self
    }

    pub fn symlink(mut self, path: &str, target: &str) -> Layer {
        let mut header = Layer::header(tar::EntryType::Symlink, 0);
        set_raw_path(&mut header, path);
        header.set_link_name(target).unwrap();
        header.set_cksum();
        self.builder.append(&header, &[][..]).unwrap();
        self
    }

    pub fn hardlink(mut self, path: &str, target: &str) -> Layer {
        let mut header = Layer::header(tar::EntryType::Link, 0);
        set_raw_path(&mut header, path);
        header.set_link_name(target).unwrap();
        header.set_cksum();
        self.builder.append(&header, &[][..]).unwrap();
        self
    }

    /// The uncompressed tar.
    pub fn tar(self) -> Vec<u8> {
        self.builder.into_inner().unwrap()
    }
}

/// Writes the name bytes straight into the header, bypassing the tar
/// crate's refusal of `..` and absolute paths (hostile archives have them).
fn set_raw_path(header: &mut tar::Header, path: &str) {
    let name = &mut header.as_old_mut().name;
    assert!(
        path.len() < name.len(),
        "test paths must fit the ustar name field"
    );
    name.fill(0);
    name[..path.len()].copy_from_slice(path.as_bytes());
}

pub fn gzip(data: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(data).unwrap();
    encoder.finish().unwrap()
}

pub fn sha256(data: &[u8]) -> String {
    format!("sha256:{}", hex::encode(Sha256::digest(data)))
}

pub fn write_blob(dir: &Path, data: &[u8]) -> String {
    let digest = sha256(data);
    let hex = digest.trim_start_matches("sha256:");
    std::fs::create_dir_all(dir.join("blobs/sha256")).unwrap();
    std::fs::write(dir.join("blobs/sha256").join(hex), data).unwrap();
    digest
}

/// A layer as stored: the blob bytes and the uncompressed tar they hold.
pub struct Blob {
    pub stored: Vec<u8>,
    pub tar: Vec<u8>,
    pub media_type: &'static str,
}

impl Blob {
    pub fn gzip(tar: Vec<u8>) -> Blob {
        Blob {
            stored: gzip(&tar),
            tar,
            media_type: "application/vnd.oci.image.layer.v1.tar+gzip",
        }
    }

    pub fn plain(tar: Vec<u8>) -> Blob {
        Blob {
            stored: tar.clone(),
            tar,
            media_type: "application/vnd.oci.image.layer.v1.tar",
        }
    }
}

/// Writes one image's blobs (layers, config for `arch`, manifest) into the
/// layout at `dir`; returns the manifest's descriptor.
pub fn write_image(dir: &Path, arch: &str, layers: Vec<Blob>) -> serde_json::Value {
    let mut diff_ids = Vec::new();
    let mut descriptors = Vec::new();
    for blob in &layers {
        diff_ids.push(sha256(&blob.tar));
        let digest = write_blob(dir, &blob.stored);
        descriptors.push(
            json!({"mediaType": blob.media_type, "digest": digest, "size": blob.stored.len()}),
        );
    }
    let config = json!({
        "architecture": arch, "os": "linux",
        "rootfs": {"type": "layers", "diff_ids": diff_ids},
        "config": {}
    });
    let config_bytes = serde_json::to_vec(&config).unwrap();
    let config_digest = write_blob(dir, &config_bytes);
    let manifest = json!({
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": config_digest, "size": config_bytes.len()},
        "layers": descriptors
    });
    let manifest_bytes = serde_json::to_vec(&manifest).unwrap();
    let manifest_digest = write_blob(dir, &manifest_bytes);
    json!({
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "digest": manifest_digest, "size": manifest_bytes.len(),
        "platform": {"os": "linux", "architecture": arch}
    })
}

/// Writes an index blob listing `manifests`; returns its descriptor.
pub fn write_index_blob(dir: &Path, manifests: Vec<serde_json::Value>) -> serde_json::Value {
    let index = json!({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json", "manifests": manifests});
    let bytes = serde_json::to_vec(&index).unwrap();
    let digest = write_blob(dir, &bytes);
    json!({"mediaType": "application/vnd.oci.image.index.v1+json", "digest": digest, "size": bytes.len()})
}

/// Writes `index.json` and `oci-layout`, tagging each descriptor.
pub fn write_top_index(dir: &Path, tagged: Vec<(Option<&str>, serde_json::Value)>) {
    let manifests: Vec<serde_json::Value> = tagged
        .into_iter()
        .map(|(tag, mut descriptor)| {
            if let Some(tag) = tag {
                descriptor["annotations"] = json!({"org.opencontainers.image.ref.name": tag});
            }
            descriptor
        })
        .collect();
    let index = json!({"schemaVersion": 2, "manifests": manifests});
    std::fs::write(dir.join("index.json"), serde_json::to_vec(&index).unwrap()).unwrap();
    std::fs::write(dir.join("oci-layout"), br#"{"imageLayoutVersion":"1.0.0"}"#).unwrap();
}

/// Writes an OCI layout at `dir` holding one amd64 image of `layers`, tagged
/// `tag`; returns the manifest digest.
pub fn write_layout(dir: &Path, tag: &str, layers: Vec<Blob>) -> String {
    let descriptor = write_image(dir, "amd64", layers);
    let digest = descriptor["digest"].as_str().unwrap().to_owned();
    write_top_index(dir, vec![(Some(tag), descriptor)]);
    digest
}

/// A dpkg status stanza for an installed package.
pub fn stanza(name: &str, version: &str) -> String {
    format!("Package: {name}\nStatus: install ok installed\nVersion: {version}\nArchitecture: amd64\n\n")
}
