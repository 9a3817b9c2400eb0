//! Reading `package.json`: the fields an SBOM needs, tolerant of the many
//! shapes they take in the wild (license as a string, an object or a legacy
//! `licenses` array; people as a string or an object; repository as a URL,
//! a `github:` shorthand, `user/repo`, or an object).
//!
//! The supplier is the `author`; a package.json without one gives the first
//! of its `maintainers`, else the first of its `contributors` (people the
//! package names as its own, in the order it lists them). `_npmUser`, which
//! npm before 5 wrote into installed package.json files, is not read: it is
//! the account that ran `npm publish` (often a CI bot or a release
//! manager), the publisher on the registry rather than the author.

use serde::Deserialize;
use serde_json::{Map, Value};

use crate::license::License;

/// What tallyman reads from a package.json.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manifest {
    pub name: Option<String>,
    pub version: Option<String>,
    pub licenses: Vec<License>,
    /// `author`, else the first of `maintainers`, else of `contributors`,
    /// as `Name <email> (url)`.
    pub supplier: Option<String>,
    pub homepage: Option<String>,
    pub repository: Option<String>,
    pub description: Option<String>,
    /// `dependencies`, in file order.
    pub dependencies: Vec<(String, String)>,
    pub optional_dependencies: Vec<(String, String)>,
    pub peer_dependencies: Vec<(String, String)>,
}

/// Only the fields tallyman reads: serde skips the rest (scripts, keywords,
/// files, …) without building values for them, which is most of a
/// package.json. Fields whose shape varies stay as `Value`.
#[derive(Deserialize)]
struct RawManifest {
    #[serde(default)]
    name: Option<Value>,
    #[serde(default)]
    version: Option<Value>,
    #[serde(default)]
    license: Option<Value>,
    #[serde(default)]
    licenses: Option<Value>,
    #[serde(default)]
    author: Option<Value>,
    #[serde(default)]
    maintainers: Option<Value>,
    #[serde(default)]
    contributors: Option<Value>,
    #[serde(default)]
    homepage: Option<Value>,
    #[serde(default)]
    repository: Option<Value>,
    #[serde(default)]
    description: Option<Value>,
    #[serde(default)]
    dependencies: Option<Value>,
    #[serde(default, rename = "optionalDependencies")]
    optional_dependencies: Option<Value>,
    #[serde(default, rename = "peerDependencies")]
    peer_dependencies: Option<Value>,
}

/// Parses a package.json; `Err` says why it is not one.
pub fn parse_manifest(data: &[u8]) -> Result<Manifest, String> {
    // serde would read a struct from a JSON array too; a package.json is an object.
    if data
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b != b'{')
    {
        return Err(
            match serde_json::from_slice::<serde::de::IgnoredAny>(data) {
                Ok(_) => "not a JSON object".to_owned(),
                Err(e) => format!("not valid JSON: {e}"),
            },
        );
    }
    let raw: RawManifest = serde_json::from_slice(data).map_err(|e| {
        if e.classify() == serde_json::error::Category::Data {
            "not a JSON object".to_owned()
        } else {
            format!("not valid JSON: {e}")
        }
    })?;
    let text = |value: &Option<Value>| {
        value
            .as_ref()
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    let mut object = Map::new();
    if let Some(license) = &raw.license {
        object.insert("license".to_owned(), license.clone());
    }
    if let Some(licenses) = &raw.licenses {
        object.insert("licenses".to_owned(), licenses.clone());
    }
    let supplier = [&raw.author, &raw.maintainers, &raw.contributors]
        .into_iter()
        .find_map(|people| people.as_ref().and_then(first_person));
    Ok(Manifest {
        name: text(&raw.name),
        version: text(&raw.version),
        licenses: licenses(&object),
        supplier,
        homepage: text(&raw.homepage),
        repository: raw.repository.as_ref().and_then(repository_url),
        description: text(&raw.description),
        dependencies: dependency_map(raw.dependencies.as_ref()),
        optional_dependencies: dependency_map(raw.optional_dependencies.as_ref()),
        peer_dependencies: dependency_map(raw.peer_dependencies.as_ref()),
    })
}

fn licenses(object: &Map<String, Value>) -> Vec<License> {
    let one = |value: &Value| match value {
        Value::String(s) => Some(s.clone()),
        Value::Object(o) => o.get("type").and_then(Value::as_str).map(str::to_owned),
        _ => None,
    };
    let mut out: Vec<License> = object
        .get("license")
        .and_then(one)
        .into_iter()
        .chain(
            object
                .get("licenses")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(one),
        )
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .map(|s| License::new(&s))
        .collect();
    out.dedup();
    out
}

/// The first person a field names: the field itself when it is one, else
/// the first entry of its list that names someone.
fn first_person(value: &Value) -> Option<String> {
    match value {
        Value::Array(people) => people.iter().find_map(person),
        one => person(one),
    }
}

/// `"Name <email> (url)"` as written, or `{name, email, url}` (`web` in
/// some older files) as `Name <email> (url)`; the url only when it has a
/// scheme (`sindresorhus.com` alone would read as part of the name).
fn person(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.trim().to_owned()).filter(|s| !s.is_empty()),
        Value::Object(o) => {
            let field = |key: &str| {
                o.get(key)
                    .and_then(Value::as_str)
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
            };
            let mut out = match (field("name"), field("email")) {
                (Some(name), Some(email)) => format!("{name} <{email}>"),
                (Some(name), None) => name.to_owned(),
                (None, Some(email)) => format!("<{email}>"),
                (None, None) => return None,
            };
            if let Some(url) = field("url")
                .or(field("web"))
                .filter(|url| url.contains("://"))
            {
                out.push_str(&format!(" ({url})"));
            }
            Some(out)
        }
        _ => None,
    }
}

/// The repository as a URL: objects give their `url`; npm's shorthands
/// (`github:u/r`, `gitlab:u/r`, `bitbucket:u/r`, bare `u/r`) are expanded.
fn repository_url(value: &Value) -> Option<String> {
    let raw = match value {
        Value::String(s) => s.trim(),
        Value::Object(o) => o.get("url").and_then(Value::as_str)?.trim(),
        _ => return None,
    };
    if raw.is_empty() {
        return None;
    }
    let hosts = [
        ("github:", "github.com"),
        ("gitlab:", "gitlab.com"),
        ("bitbucket:", "bitbucket.org"),
    ];
    for (prefix, host) in hosts {
        if let Some(rest) = raw.strip_prefix(prefix) {
            return Some(format!("https://{host}/{rest}"));
        }
    }
    let is_shorthand = !raw.contains(':') && raw.split('/').count() == 2 && !raw.starts_with('.');
    Some(if is_shorthand {
        format!("https://github.com/{raw}")
    } else {
        raw.to_owned()
    })
}

fn dependency_map(value: Option<&Value>) -> Vec<(String, String)> {
    value
        .and_then(Value::as_object)
        .map(|map| {
            map.iter()
                .map(|(name, spec)| (name.clone(), spec.as_str().unwrap_or("*").to_owned()))
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn npm_6_14_6_package_json() {
        let m = parse_manifest(include_bytes!("testdata/package.json-npm-6.14.6")).unwrap();
        assert_eq!(m.name.as_deref(), Some("npm"));
        assert_eq!(m.version.as_deref(), Some("6.14.6"));
        assert_eq!(m.licenses, [License::new("Artistic-2.0")]);
        assert_eq!(m.licenses[0].spdx.as_deref(), Some("Artistic-2.0"));
        assert_eq!(
            m.supplier.as_deref(),
            Some("Isaac Z. Schlueter <i@izs.me> (http://blog.izs.me)")
        );
        assert_eq!(m.homepage.as_deref(), Some("https://docs.npmjs.com/"));
        assert_eq!(m.repository.as_deref(), Some("https://github.com/npm/cli"));
    }

    #[test]
    fn license_shapes() {
        let m = parse_manifest(br#"{"licenses":[{"type":"MIT"},{"type":"Apache-2.0"}]}"#).unwrap();
        let values: Vec<_> = m.licenses.iter().map(|l| l.value.as_str()).collect();
        assert_eq!(values, ["MIT", "Apache-2.0"]);
        let m = parse_manifest(br#"{"license":{"type":"ISC","url":"x"}}"#).unwrap();
        assert_eq!(m.licenses[0].spdx.as_deref(), Some("ISC"));
        let m = parse_manifest(br#"{"license":"(MIT OR Apache-2.0)"}"#).unwrap();
        assert_eq!(m.licenses[0].spdx.as_deref(), Some("MIT OR Apache-2.0"));
    }

    #[test]
    fn people_and_repositories() {
        let m = parse_manifest(
            br#"{"author":{"name":"A","email":"a@x.org"},"repository":"github:u/r"}"#,
        )
        .unwrap();
        assert_eq!(m.supplier.as_deref(), Some("A <a@x.org>"));
        assert_eq!(m.repository.as_deref(), Some("https://github.com/u/r"));
        let m = parse_manifest(br#"{"repository":"jshttp/vary"}"#).unwrap();
        assert_eq!(
            m.repository.as_deref(),
            Some("https://github.com/jshttp/vary")
        );
        // The author wins over maintainers; a maintainers list of strings;
        // a url without a scheme is left out; an author naming nobody is none.
        let m = parse_manifest(br#"{"author":"A","maintainers":["M <m@x>"]}"#).unwrap();
        assert_eq!(m.supplier.as_deref(), Some("A"));
        let m = parse_manifest(br#"{"author":{},"maintainers":["", "M <m@x>"]}"#).unwrap();
        assert_eq!(m.supplier.as_deref(), Some("M <m@x>"));
        let m = parse_manifest(
            br#"{"author":{"name":"S","email":"s@x","url":"sindresorhus.com"},"contributors":"C"}"#,
        )
        .unwrap();
        assert_eq!(m.supplier.as_deref(), Some("S <s@x>"));
        let m = parse_manifest(br#"{"contributors":[{"email":"c@x"}]}"#).unwrap();
        assert_eq!(m.supplier.as_deref(), Some("<c@x>"));
        let m = parse_manifest(br#"{"_npmUser":{"name":"ci-bot","email":"bot@x"}}"#).unwrap();
        assert_eq!(m.supplier, None);
        assert!(parse_manifest(b"[1,2]").is_err());
        assert!(parse_manifest(b"{not json").is_err());
    }
}
