//! A tag many clients rewrite: the referrers tag schema's index
//! (`sha256-<hex>`) and cosign 2's `.att` and `.sig` manifests are read,
//! extended and pushed back by every client that attaches something, and
//! the distribution API has no compare-and-swap for a tag. Eight pipelines
//! attaching to one image at once would each push a list read before the
//! others' pushes, and the last push would drop the rest.
//!
//! So a writer does not stop at its push: [`update`] reads the tag back
//! after a pause with jitter and writes again whenever its entry is missing,
//! until it has seen the entry listed in two reads in a row, a pause apart
//! (another writer's read-modify-write takes milliseconds; the pause is
//! long enough for one begun before our push to land and be undone). The
//! push itself is sent once, never retried by the client (a retried push
//! could land late, after another writer's, and undo it): a refusal (400 or
//! 404 while a concurrent push's manifests are being linked, 429, 5xx) or a
//! failed connection just sends the loop round again.

use std::hash::{BuildHasher, Hasher};
use std::time::Duration;

use super::{Manifest, Repository};
use crate::error::Error;

/// Reads, pushes and pauses before a writer gives up.
const ATTEMPTS: u32 = 40;
/// The pause between a push and the read that checks it (plus jitter of
/// up to as much again).
const SETTLE: Duration = Duration::from_millis(150);
/// Consecutive reads that must list the entry.
const CONFIRMATIONS: u32 = 2;

/// Makes sure the manifest under `tag` lists our entry: `listed` says
/// whether a manifest does, `rewrite` makes the manifest to push from the
/// current one (`None`: the tag does not exist yet) as (bytes, media type).
pub fn update<E: From<Error>>(
    repository: &Repository,
    tag: &str,
    listed: impl Fn(&Manifest) -> bool,
    mut rewrite: impl FnMut(Option<&Manifest>) -> Result<(Vec<u8>, String), E>,
) -> Result<(), E> {
    let mut confirmed = 0;
    for attempt in 0..ATTEMPTS {
        let current = repository.fetch_manifest(tag)?;
        if current.as_ref().is_some_and(&listed) {
            confirmed += 1;
            if confirmed == CONFIRMATIONS {
                return Ok(());
            }
        } else {
            confirmed = 0;
            let (bytes, media_type) = rewrite(current.as_ref())?;
            // Pushed once: a push retried later could land after another
            // writer's and undo it; this loop reads again instead.
            match repository.put_manifest_once(tag, &media_type, &bytes) {
                Ok(()) => {}
                Err(error) if retryable(&error) && attempt + 1 < ATTEMPTS => {}
                Err(error) => return Err(error.into()),
            }
        }
        std::thread::sleep(SETTLE + jitter());
    }
    Err(Error::Message(format!(
        "{}:{tag}: other clients kept rewriting the tag; our entry was not listed after {ATTEMPTS} tries",
        repository.name()
    ))
    .into())
}

/// A refusal worth reading the tag again for: a concurrent push's
/// manifests not linked yet (400, 404), a busy registry (429, 5xx), or a
/// connection that failed (the push may or may not have landed).
fn retryable(error: &Error) -> bool {
    match error.status() {
        Some(status) => matches!(status, 400 | 404 | 429) || status >= 500,
        None => true,
    }
}

/// Pushes a manifest by digest, retrying a 400 or 404 (a registry busy with
/// concurrent pushes) a few times; returns what
/// [`Repository::put_manifest`] does.
pub fn put_retrying(
    repository: &Repository,
    reference: &str,
    media_type: &str,
    bytes: &[u8],
) -> Result<bool, Error> {
    let mut attempt = 0;
    loop {
        match repository.put_manifest(reference, media_type, bytes) {
            Err(error) if matches!(error.status(), Some(400 | 404)) && attempt < 4 => {
                attempt += 1;
                std::thread::sleep(SETTLE * attempt + jitter());
            }
            done => return done,
        }
    }
}

/// Up to [`SETTLE`] more, at random: writers that started together drift apart.
fn jitter() -> Duration {
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u32(std::process::id());
    let fraction = (hasher.finish() % 1000) as u32;
    SETTLE * fraction / 1000
}
