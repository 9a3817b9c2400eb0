//! One repository of a registry, for reading and writing artifacts and
//! copying images: manifests by tag or digest (with their media type), blobs
//! by digest (small ones read and checked, large ones streamed), monolithic
//! blob uploads (from memory or streamed from another registry),
//! cross-repository mounts, manifest pushes (reporting whether the registry
//! acknowledged a `subject`), and the referrers API.

use std::io::Read;
use std::sync::Arc;

use serde_json::{Map, Value};

use super::client::Client;
use super::credentials;
use super::resume::Resuming;
use super::RegistryOptions;
use crate::digest::Digest;
use crate::error::{Context, Result};
use crate::fail;
use crate::manifest::{manifest_accept, MAX_JSON_SIZE};
use crate::reference::ImageReference;

pub struct Repository {
    client: Arc<Client>,
    what: String,
    registry: String,
    repository: String,
}

/// A manifest or index as the registry holds it.
#[derive(Debug, Clone)]
pub struct Manifest {
    pub bytes: Vec<u8>,
    /// From the body's `mediaType`, else the Content-Type header.
    pub media_type: String,
    /// sha256 of the bytes.
    pub digest: Digest,
}

/// An artifact manifest (a signature, attestation or SBOM): its annotations
/// and the layers asked for, fetched and checked against their digests.
#[derive(Debug, Clone, Default)]
pub struct Artifact {
    pub annotations: Map<String, Value>,
    pub layers: Vec<ArtifactLayer>,
}

/// One layer of an [`Artifact`].
#[derive(Debug, Clone)]
pub struct ArtifactLayer {
    pub media_type: String,
    pub annotations: Map<String, Value>,
    pub bytes: Vec<u8>,
}

impl Repository {
    /// Connects with the credentials the options and auth files give.
    pub fn connect(reference: &ImageReference, options: &RegistryOptions) -> Result<Repository> {
        let credentials = credentials::find(&reference.registry, options.credentials.clone())?;
        let client = Client::connect(
            reference.api_host(),
            &reference.registry,
            &reference.repository,
            reference.is_loopback(),
            credentials,
            &options.client,
        )?;
        Ok(Repository {
            client: Arc::new(client),
            what: reference.name(),
            registry: reference.registry.clone(),
            repository: reference.repository.clone(),
        })
    }

    pub(super) fn client(&self) -> &Client {
        &self.client
    }

    /// `registry/repository`, for messages.
    pub fn name(&self) -> &str {
        &self.what
    }

    /// The registry as named in the reference.
    pub fn registry(&self) -> &str {
        &self.registry
    }

    /// The repository's path within its registry.
    pub fn path(&self) -> &str {
        &self.repository
    }

    /// A manifest with its media type, or `None` when the registry has no
    /// such tag or digest.
    pub fn fetch_manifest(&self, reference: &str) -> Result<Option<Manifest>> {
        let response = self
            .client
            .get(&format!("manifests/{reference}"), &manifest_accept())?;
        if response.status().as_u16() == 404 {
            return Ok(None);
        }
        let mut response = self
            .client
            .expect_success(response, &format!("manifest {reference}"))?;
        let header_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .map(|v| v.split(';').next().unwrap_or(v).trim().to_owned());
        let bytes = read_limited(response.body_mut().as_reader(), &self.what, "manifest")?;
        let body_type = serde_json::from_slice::<Value>(&bytes)
            .ok()
            .and_then(|v| v.get("mediaType")?.as_str().map(str::to_owned));
        let media_type = body_type
            .or(header_type)
            .with_context(|| format!("{}: manifest {reference} has no media type", self.what))?;
        let digest = Digest::sha256(&bytes);
        Ok(Some(Manifest {
            bytes,
            media_type,
            digest,
        }))
    }

    /// Like [`Repository::fetch_manifest`], failing when there is none.
    pub fn require_manifest(&self, reference: &str) -> Result<Manifest> {
        self.fetch_manifest(reference)?.with_context(|| {
            format!(
                "registry {}: manifest {reference} not found in {}",
                self.registry, self.repository
            )
        })
    }

    /// The manifest with this digest, checked against it.
    pub fn manifest_by_digest(&self, digest: &Digest) -> Result<Manifest> {
        let manifest = self.require_manifest(&digest.to_string())?;
        if &manifest.digest != digest {
            fail!(
                "{}: the registry returned manifest {} for {digest}",
                self.what,
                manifest.digest
            );
        }
        Ok(manifest)
    }

    /// The referrers of `digest` through the referrers API (an image index),
    /// or `None` when the registry does not offer the API.
    pub fn referrers_api(&self, digest: &Digest) -> Result<Option<Vec<u8>>> {
        let response = self.client.get(
            &format!("referrers/{digest}"),
            &["application/vnd.oci.image.index.v1+json"],
        )?;
        let status = response.status().as_u16();
        let is_index = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/vnd.oci.image.index.v1+json"));
        // A registry without the API answers 404 (or 400/405); an index
        // answer is the only sign it has it.
        if status != 200 || !is_index {
            return Ok(None);
        }
        let mut response = response;
        read_limited(
            response.body_mut().as_reader(),
            &self.what,
            "referrers index",
        )
        .map(Some)
    }

    /// Whether the repository holds the blob.
    pub fn has_blob(&self, digest: &Digest) -> Result<bool> {
        Ok(self
            .client
            .head(&format!("blobs/{digest}"))?
            .status()
            .is_success())
    }

    /// A blob's bytes as a stream (not checked here: the receiving registry
    /// checks the digest on upload).
    pub fn open_blob(&self, digest: &Digest) -> Result<Box<dyn Read + Send>> {
        let path = format!("blobs/{digest}");
        let response = self.client.get_ok(&path, &[], &format!("blob {digest}"))?;
        Ok(Box::new(Resuming::new(
            Arc::clone(&self.client),
            path,
            format!("{}: blob {digest}", self.what),
            response,
        )))
    }

    /// Asks the registry to mount `digest` from repository `from` of the same
    /// registry; false when it would rather have the bytes uploaded.
    pub fn mount_blob(&self, digest: &Digest, from: &str) -> Result<bool> {
        let response = self
            .client
            .post(&format!("blobs/uploads/?mount={digest}&from={from}"))?;
        Ok(response.status().as_u16() == 201)
    }

    /// The annotations of `manifest` and the layers `keep` selects (by media
    /// type and annotations), each fetched and checked.
    pub fn artifact(
        &self,
        manifest: &Manifest,
        keep: impl Fn(&str, &Map<String, Value>) -> bool,
    ) -> Result<Artifact> {
        let what = format!("{}: manifest {}", self.what, manifest.digest);
        let parsed: Value = serde_json::from_slice(&manifest.bytes)
            .with_context(|| format!("{what} is not JSON"))?;
        let object = |value: &Value| value.as_object().cloned().unwrap_or_default();
        let mut layers = Vec::new();
        for layer in parsed["layers"].as_array().into_iter().flatten() {
            let media_type = layer["mediaType"].as_str().unwrap_or_default();
            let annotations = object(&layer["annotations"]);
            if !keep(media_type, &annotations) {
                continue;
            }
            let digest = Digest::parse(layer["digest"].as_str().unwrap_or_default())
                .with_context(|| format!("{what}: a layer's digest"))?;
            layers.push(ArtifactLayer {
                media_type: media_type.to_owned(),
                annotations,
                bytes: self.blob(&digest)?,
            });
        }
        Ok(Artifact {
            annotations: object(&parsed["annotations"]),
            layers,
        })
    }

    /// A small blob, checked against its digest.
    pub fn blob(&self, digest: &Digest) -> Result<Vec<u8>> {
        let mut response =
            self.client
                .get_ok(&format!("blobs/{digest}"), &[], &format!("blob {digest}"))?;
        let bytes = read_limited(response.body_mut().as_reader(), &self.what, "blob")?;
        digest
            .verify(&bytes)
            .with_context(|| format!("{}: blob {digest}", self.what))?;
        Ok(bytes)
    }

    /// Uploads `bytes` (unless already there); returns its digest.
    pub fn upload_blob(&self, bytes: &[u8]) -> Result<Digest> {
        let digest = Digest::sha256(bytes);
        if self.has_blob(&digest)? {
            return Ok(digest);
        }
        let url = self.start_upload(&digest)?;
        let done = self.client.put(&url, "application/octet-stream", bytes)?;
        self.client
            .expect_success(done, &format!("upload of blob {digest}"))?;
        Ok(digest)
    }

    /// Uploads `size` bytes read from `body` as blob `digest` in one request
    /// (the registry checks the digest). Not retried here: the body cannot be
    /// read twice, so the caller retries the whole copy.
    pub fn upload_stream(&self, digest: &Digest, size: u64, body: &mut dyn Read) -> Result<()> {
        let url = self.start_upload(digest)?;
        let done = self.client.put_stream(&url, size, body)?;
        self.client
            .expect_success(done, &format!("upload of blob {digest}"))?;
        Ok(())
    }

    /// Starts an upload; returns the URL to PUT the bytes to.
    fn start_upload(&self, digest: &Digest) -> Result<String> {
        let started = self.client.post("blobs/uploads/")?;
        let started = self.client.expect_success(started, "blob upload")?;
        let location = started
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .with_context(|| format!("{}: the upload has no Location", self.what))?;
        let mut url = self.client.absolute(location);
        url.push(if url.contains('?') { '&' } else { '?' });
        url.push_str(&format!("digest={digest}"));
        Ok(url)
    }

    /// Pushes a manifest under a tag once: no retry that could land after
    /// another client's push (see [`super::shared_tag`]).
    pub fn put_manifest_once(&self, tag: &str, media_type: &str, bytes: &[u8]) -> Result<()> {
        let url = self.client.url(&format!("manifests/{tag}"));
        let response = self.client.put_once(&url, media_type, bytes)?;
        self.client
            .expect_success(response, &format!("push of manifest {tag}"))?;
        Ok(())
    }

    /// Pushes a manifest under `reference` (a tag or its digest). Returns
    /// whether the registry acknowledged its `subject` (the `OCI-Subject`
    /// header of registries with the referrers API).
    pub fn put_manifest(&self, reference: &str, media_type: &str, bytes: &[u8]) -> Result<bool> {
        let url = self.client.url(&format!("manifests/{reference}"));
        let response = self.client.put(&url, media_type, bytes)?;
        let response = self
            .client
            .expect_success(response, &format!("push of manifest {reference}"))?;
        Ok(response.headers().contains_key("oci-subject"))
    }
}

/// Reads a manifest-sized body (at most [`MAX_JSON_SIZE`] bytes); `what`
/// names the repository and `kind` the body in messages.
pub fn read_limited(reader: impl Read, what: &str, kind: &str) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_JSON_SIZE + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("{what}: reading the {kind}"))?;
    if bytes.len() as u64 > MAX_JSON_SIZE {
        fail!("{what}: the {kind} is larger than {MAX_JSON_SIZE} bytes");
    }
    Ok(bytes)
}
