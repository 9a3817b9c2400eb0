//! What a registry lists: its repositories (`/v2/_catalog`) and a
//! repository's tags (`/v2/<name>/tags/list`), following the `Link` header
//! from page to page, for `scan-many`.

use oci_spec::image::{Descriptor, ImageIndex};
use serde::Deserialize;

use super::{read_limited, RegistryOptions, Repository};
use crate::error::{Context, Result};
use crate::fail;
use crate::manifest::{described_platforms, INDEX_TYPES};
use crate::reference::ImageReference;

/// At most this many pages are followed (a registry that links in a circle).
const MAX_PAGES: usize = 10_000;

#[derive(Deserialize)]
struct Catalog {
    #[serde(default)]
    repositories: Option<Vec<String>>,
}

#[derive(Deserialize)]
struct Tags {
    #[serde(default)]
    tags: Option<Vec<String>>,
}

/// Every repository of the registry `host` (`HOST[:PORT]`).
pub fn repositories(host: &str, options: &RegistryOptions) -> Result<Vec<String>> {
    // A placeholder repository: the catalog lives at the registry's root.
    let reference = ImageReference::parse(&format!("{host}/catalog"))
        .with_context(|| format!("{host}: not a registry host"))?;
    let repository = Repository::connect(&reference, options)?;
    let mut names = Vec::new();
    for page in pages(&repository, "/v2/_catalog?n=1000", "the catalog")? {
        let catalog: Catalog = serde_json::from_slice(&page)
            .with_context(|| format!("registry {host}: the catalog is not valid JSON"))?;
        names.extend(catalog.repositories.unwrap_or_default());
    }
    Ok(names)
}

/// Every tag of the repository `reference` names.
pub fn tags(reference: &ImageReference, options: &RegistryOptions) -> Result<Vec<String>> {
    let repository = Repository::connect(reference, options)?;
    let start = format!("/v2/{}/tags/list?n=1000", reference.repository);
    let mut tags = Vec::new();
    for page in pages(&repository, &start, "the tag list")? {
        let list: Tags = serde_json::from_slice(&page)
            .with_context(|| format!("{}: the tag list is not valid JSON", reference.name()))?;
        tags.extend(list.tags.unwrap_or_default());
    }
    Ok(tags)
}

/// The bodies of a paginated listing, from `start` along `Link: <…>; rel="next"`.
fn pages(repository: &Repository, start: &str, what: &str) -> Result<Vec<Vec<u8>>> {
    let client = repository.client();
    let mut pages = Vec::new();
    let mut next = Some(start.to_owned());
    while let Some(url) = next.take() {
        if pages.len() >= MAX_PAGES {
            fail!(
                "{}: {what} has more than {MAX_PAGES} pages",
                repository.name()
            );
        }
        let response = client.get_absolute(&url, &["application/json"])?;
        let mut response = client.expect_success(response, what)?;
        next = response
            .headers()
            .get("link")
            .and_then(|v| v.to_str().ok())
            .and_then(next_link);
        pages.push(read_limited(
            response.body_mut().as_reader(),
            repository.name(),
            what,
        )?);
    }
    Ok(pages)
}

/// The target of a `Link` header's `rel="next"` entry.
fn next_link(header: &str) -> Option<String> {
    header.split(',').find_map(|entry| {
        let (target, params) = entry.split_once(';')?;
        params
            .split(';')
            .any(|p| p.trim().trim_start_matches("rel=").trim_matches('"') == "next")
            .then(|| {
                target
                    .trim()
                    .trim_start_matches('<')
                    .trim_end_matches('>')
                    .to_owned()
            })
    })
}

/// Why the manifest a listed tag names is not an image to scan (a cosign
/// signature or attestation, a referrers index, a cache entry: artifacts
/// that registries list as tags), or `None` for an image or image index.
pub fn not_an_image(
    reference: &ImageReference,
    options: &RegistryOptions,
) -> Result<Option<String>> {
    let repository = Repository::connect(reference, options)?;
    let manifest = repository.require_manifest(&reference.manifest_reference())?;
    let parsed: serde_json::Value = serde_json::from_slice(&manifest.bytes)
        .with_context(|| format!("{reference}: the manifest is not valid JSON"))?;
    let artifact = parsed["artifactType"]
        .as_str()
        .or_else(|| parsed["config"]["mediaType"].as_str())
        .unwrap_or_default();
    const IMAGE_CONFIGS: [&str; 2] = [
        "application/vnd.oci.image.config.v1+json",
        "application/vnd.docker.container.image.v1+json",
    ];
    if INDEX_TYPES.contains(&manifest.media_type.as_str()) {
        let index: ImageIndex = serde_json::from_value(parsed)
            .with_context(|| format!("{reference}: not a valid OCI index"))?;
        let entries: Vec<&Descriptor> = index.manifests().iter().collect();
        return Ok(
            (!entries.is_empty() && described_platforms(&entries).is_empty())
                .then(|| "an index of artifacts, not of images".to_owned()),
        );
    }
    Ok((!IMAGE_CONFIGS.contains(&artifact))
        .then(|| format!("an artifact of type {artifact}, not an image")))
}

#[cfg(test)]
mod tests {
    use super::next_link;

    #[test]
    fn follows_the_next_link() {
        assert_eq!(
            next_link(r#"</v2/_catalog?last=b&n=2>; rel="next""#).as_deref(),
            Some("/v2/_catalog?last=b&n=2")
        );
        assert_eq!(next_link(r#"<https://r/v2/x>; rel="prev""#), None);
    }
}
