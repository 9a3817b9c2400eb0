//! SLSA Provenance v1 (`https://slsa.dev/provenance/v1`): the predicate
//! that says which build made an image — written from the CI environment
//! tallyman runs in ([`environment`]: GitHub Actions as GitHub's own
//! build-provenance action writes it, GitLab CI from its `CI_*`
//! variables, or elsewhere from what the user states), and held against
//! the keyless certificate that signed it ([`crosscheck`]).
//!
//! Nothing is claimed that the environment does not show: a variable a
//! field needs that is unset is an error naming it, never a guess.

mod crosscheck;
mod environment;

pub use crosscheck::check_signer;
pub use environment::{detect, Environment};

use serde_json::{json, Map, Value};
use tallyman_oci::fail;

use crate::error::Result;

/// The predicate type of SLSA Provenance v1.
pub const PREDICATE_TYPE: &str = "https://slsa.dev/provenance/v1";
/// GitHub's build type: what `actions/attest-build-provenance` writes.
pub const GITHUB_BUILD_TYPE: &str = "https://actions.github.io/buildtypes/workflow/v1";

/// A source or artifact the build used, as SLSA's ResourceDescriptor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dependency {
    pub uri: String,
    /// Algorithm (`sha256`, `gitCommit`, …) and hex value.
    pub digest: Vec<(String, String)>,
}

impl Dependency {
    /// Parses `URI@ALGORITHM:HEX` (`--resolved-dependency`): the last `@`
    /// whose tail is a known digest splits it, so `git+https://…@refs/…`
    /// URIs keep theirs.
    pub fn parse(text: &str) -> Result<Dependency> {
        let parsed = text.rsplit_once('@').and_then(|(uri, digest)| {
            let (algorithm, hex) = digest.split_once(':')?;
            let known = ["sha256", "sha512", "sha384", "sha1", "gitCommit", "gitTree"];
            let hex_ok = !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit());
            (known.contains(&algorithm) && hex_ok && !uri.is_empty()).then(|| Dependency {
                uri: uri.to_owned(),
                digest: vec![(algorithm.to_owned(), hex.to_ascii_lowercase())],
            })
        });
        match parsed {
            Some(dependency) => Ok(dependency),
            None => fail!(
                "{text:?} is not a resolved dependency: give URI@ALGORITHM:HEX (sha256, sha512, sha1, gitCommit), e.g. git+https://example.com/repo@gitCommit:0123abcd"
            ),
        }
    }

    fn to_json(&self) -> Value {
        let digest: Map<String, Value> = self
            .digest
            .iter()
            .map(|(algorithm, hex)| (algorithm.clone(), Value::String(hex.clone())))
            .collect();
        json!({"uri": self.uri, "digest": digest})
    }
}

/// What the user states on the command line, beside (or, outside a known
/// CI, instead of) what the environment shows.
#[derive(Debug, Default, Clone)]
pub struct Stated {
    pub builder_id: Option<String>,
    pub build_type: Option<String>,
    /// `--external-parameter KEY=VALUE`, in the order given.
    pub external_parameters: Vec<(String, String)>,
    pub resolved_dependencies: Vec<Dependency>,
    /// RFC 3339 times, already checked.
    pub started_on: Option<String>,
    pub finished_on: Option<String>,
}

/// The provenance predicate of a build in `environment` (see [`detect`])
/// with what the user `stated`, in SLSA's field order.
pub fn predicate(environment: &Environment, stated: &Stated) -> Result<Value> {
    let mut build = environment.build()?;
    if let Some(ci) = environment.name() {
        for (field, given) in [
            ("builder id", &stated.builder_id),
            ("build type", &stated.build_type),
        ] {
            if given.is_some() {
                fail!("a {field} is stated only for builds outside a known CI: {ci} names the builder and build type itself");
            }
        }
    } else {
        build.builder_id = stated.builder_id.clone();
        build.build_type = stated.build_type.clone();
    }
    let Some(build_type) = build.build_type else {
        fail!("no CI is detected here (GitHub Actions, GitLab CI): the build type and builder id (URIs) must be stated");
    };
    let Some(builder_id) = build.builder_id else {
        fail!("no CI is detected here (GitHub Actions, GitLab CI): the builder id (a URI) must be stated");
    };
    let mut external = build.external_parameters;
    for (key, value) in &stated.external_parameters {
        if external.contains_key(key) {
            fail!("the external parameter {key} is already stated by the build environment");
        }
        external.insert(key.clone(), Value::String(value.clone()));
    }
    let mut dependencies: Vec<Value> = build.dependencies.iter().map(Dependency::to_json).collect();
    dependencies.extend(stated.resolved_dependencies.iter().map(Dependency::to_json));

    let mut definition = Map::new();
    definition.insert("buildType".into(), Value::String(build_type));
    definition.insert("externalParameters".into(), Value::Object(external));
    if !build.internal_parameters.is_empty() {
        definition.insert(
            "internalParameters".into(),
            Value::Object(build.internal_parameters),
        );
    }
    if !dependencies.is_empty() {
        definition.insert("resolvedDependencies".into(), Value::Array(dependencies));
    }
    let mut metadata = Map::new();
    if let Some(id) = build.invocation_id {
        metadata.insert("invocationId".into(), Value::String(id));
    }
    for (key, time) in [
        ("startedOn", &stated.started_on),
        ("finishedOn", &stated.finished_on),
    ] {
        if let Some(time) = time {
            metadata.insert(key.into(), Value::String(time.clone()));
        }
    }
    let mut run = Map::new();
    run.insert("builder".into(), json!({"id": builder_id}));
    if !metadata.is_empty() {
        run.insert("metadata".into(), Value::Object(metadata));
    }
    Ok(json!({
        "buildDefinition": Value::Object(definition),
        "runDetails": Value::Object(run),
    }))
}

/// Checks an RFC 3339 time (`--started-on`) and gives it back in UTC,
/// as SLSA's Timestamp is written.
pub fn timestamp(flag: &str, text: &str) -> Result<String> {
    match chrono::DateTime::parse_from_rfc3339(text) {
        Ok(time) => Ok(time
            .with_timezone(&chrono::Utc)
            .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)),
        Err(e) => {
            fail!("{flag} {text:?} is not an RFC 3339 time such as 2026-12-04T09:30:00Z ({e})")
        }
    }
}

#[cfg(test)]
mod tests;
