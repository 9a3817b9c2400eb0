//! One repository of a registry, for reading and writing small artifacts
//! (cosign's `.att` attestation manifests and their envelopes): manifests by
//! tag, blobs by digest (checked), monolithic blob uploads and manifest pushes.

use std::io::Read;

use anyhow::{bail, Context, Result};

use super::client::Client;
use super::credentials;
use super::reference::ImageReference;
use super::RegistryOptions;
use crate::blob::Digest;
use crate::source::blob_store::MAX_JSON_SIZE;

pub struct Repository {
    client: Client,
    what: String,
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
            client,
            what: reference.name(),
        })
    }

    pub(super) fn client(&self) -> &Client {
        &self.client
    }

    /// A manifest's bytes, or `None` when the registry has no such tag.
    pub fn manifest(&self, reference: &str, accept: &[&str]) -> Result<Option<Vec<u8>>> {
        let response = self.client.get(&format!("manifests/{reference}"), accept)?;
        if response.status().as_u16() == 404 {
            return Ok(None);
        }
        let mut response = self
            .client
            .expect_success(response, &format!("manifest {reference}"))?;
        read_limited(response.body_mut().as_reader(), &self.what, "manifest").map(Some)
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
        if self
            .client
            .head(&format!("blobs/{digest}"))?
            .status()
            .is_success()
        {
            return Ok(digest);
        }
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
        let done = self.client.put(&url, "application/octet-stream", bytes)?;
        self.client
            .expect_success(done, &format!("upload of blob {digest}"))?;
        Ok(digest)
    }

    /// Pushes a manifest under `tag`.
    pub fn put_manifest(&self, tag: &str, media_type: &str, bytes: &[u8]) -> Result<()> {
        let url = self.client.url(&format!("manifests/{tag}"));
        let response = self.client.put(&url, media_type, bytes)?;
        self.client
            .expect_success(response, &format!("push of manifest {tag}"))?;
        Ok(())
    }
}

pub(super) fn read_limited(reader: impl Read, what: &str, kind: &str) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_JSON_SIZE + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("{what}: reading the {kind}"))?;
    if bytes.len() as u64 > MAX_JSON_SIZE {
        bail!("{what}: the {kind} is larger than {MAX_JSON_SIZE} bytes");
    }
    Ok(bytes)
}
