//! Composer's records of packages, read as JSON: `vendor/composer/
//! installed.json` — Composer 1 wrote a bare array of packages, Composer 2
//! writes `{"packages": […], "dev": bool, "dev-package-names": […]}` — and
//! `composer.lock` (`packages`, and `packages-dev` for development). A
//! package entry has the same shape in all of them; only the fields an SBOM
//! needs are taken from it, each tolerated in the other shapes Composer has
//! accepted (a license as a string or a list). An entry that is not an
//! object with a name and a version is counted and skipped.

use serde_json::Value;

/// One package as Composer recorded it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entry {
    /// `vendor/name`.
    pub name: String,
    /// As Composer records it (`v7.1.1`, `1.6.0`, `dev-main`).
    pub version: String,
    /// `type`: `library`, `composer-plugin`, …
    pub package_type: Option<String>,
    pub source_url: Option<String>,
    pub source_reference: Option<String>,
    pub dist_url: Option<String>,
    pub dist_shasum: Option<String>,
    /// The names in `require`, sorted.
    pub require: Vec<String>,
    /// The names in `provide` and `replace`: what it stands in for.
    pub provides: Vec<String>,
    pub licenses: Vec<String>,
    /// `Name <email>` (or the name, or `<email>`) of each author.
    pub authors: Vec<String>,
    pub description: Option<String>,
    pub homepage: Option<String>,
    /// `install-path` (Composer 2), relative to `vendor/composer`.
    pub install_path: Option<String>,
    /// Listed in `packages-dev` or `dev-package-names`.
    pub dev: bool,
}

/// The entries of one file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    pub entries: Vec<Entry>,
    /// Entries that were not packages.
    pub skipped: usize,
}

/// Reads an `installed.json` of Composer 1 or 2.
pub fn parse_installed(data: &[u8]) -> Result<Parsed, String> {
    let value: Value = serde_json::from_slice(data).map_err(|e| format!("not valid JSON: {e}"))?;
    let (packages, dev_names): (&[Value], Vec<&str>) = match &value {
        Value::Array(packages) => (packages, Vec::new()),
        Value::Object(object) => {
            let packages = object
                .get("packages")
                .and_then(Value::as_array)
                .ok_or("no \"packages\" list")?;
            let dev_names = object
                .get("dev-package-names")
                .and_then(Value::as_array)
                .map(|names| names.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            (packages, dev_names)
        }
        _ => return Err("neither a list of packages nor an object".to_owned()),
    };
    let mut parsed = Parsed::default();
    for package in packages {
        match entry(package) {
            Some(mut entry) => {
                entry.dev = dev_names.contains(&entry.name.as_str());
                parsed.entries.push(entry);
            }
            None => parsed.skipped += 1,
        }
    }
    Ok(parsed)
}

/// Reads a `composer.lock`.
pub fn parse_lock(data: &[u8]) -> Result<Parsed, String> {
    let value: Value = serde_json::from_slice(data).map_err(|e| format!("not valid JSON: {e}"))?;
    let object = value.as_object().ok_or("not a JSON object")?;
    if !object.contains_key("packages") {
        return Err("no \"packages\" list".to_owned());
    }
    let mut parsed = Parsed::default();
    for (key, dev) in [("packages", false), ("packages-dev", true)] {
        let Some(packages) = object.get(key) else {
            continue;
        };
        let Some(packages) = packages.as_array() else {
            return Err(format!("\"{key}\" is not a list"));
        };
        for package in packages {
            match entry(package) {
                Some(mut entry) => {
                    entry.dev = dev;
                    parsed.entries.push(entry);
                }
                None => parsed.skipped += 1,
            }
        }
    }
    Ok(parsed)
}

/// A non-empty string field, trimmed.
fn text(object: &Value, key: &str) -> Option<String> {
    object
        .get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// The keys of an object field, sorted.
fn keys(object: &Value, key: &str) -> Vec<String> {
    let mut keys: Vec<String> = object
        .get(key)
        .and_then(Value::as_object)
        .map(|map| map.keys().cloned().collect())
        .unwrap_or_default();
    keys.sort();
    keys
}

fn entry(package: &Value) -> Option<Entry> {
    if !package.is_object() {
        return None;
    }
    let name = text(package, "name")?;
    let version = text(package, "version")?;
    let source = package.get("source").unwrap_or(&Value::Null);
    let dist = package.get("dist").unwrap_or(&Value::Null);
    let licenses = match package.get("license") {
        Some(Value::String(one)) => vec![one.clone()],
        Some(Value::Array(list)) => list
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect(),
        _ => Vec::new(),
    };
    let authors = package
        .get("authors")
        .and_then(Value::as_array)
        .map(|authors| authors.iter().filter_map(author).collect())
        .unwrap_or_default();
    let mut provides = keys(package, "provide");
    provides.extend(keys(package, "replace"));
    Some(Entry {
        package_type: text(package, "type"),
        source_url: text(source, "url"),
        source_reference: text(source, "reference"),
        dist_url: text(dist, "url"),
        dist_shasum: text(dist, "shasum"),
        require: keys(package, "require"),
        provides,
        licenses: licenses
            .into_iter()
            .map(|l| l.trim().to_owned())
            .filter(|l| !l.is_empty())
            .collect(),
        authors,
        description: text(package, "description"),
        homepage: text(package, "homepage"),
        install_path: text(package, "install-path"),
        dev: false,
        name,
        version,
    })
}

/// `Name <email> (homepage)`, each part only where the author has it (the
/// homepage only with a scheme); `None` for an author naming nobody.
fn author(value: &Value) -> Option<String> {
    let (name, email) = (text(value, "name"), text(value, "email"));
    let mut out = match (name, email) {
        (Some(name), Some(email)) => format!("{name} <{email}>"),
        (Some(name), None) => name,
        (None, Some(email)) => format!("<{email}>"),
        (None, None) => return None,
    };
    if let Some(homepage) = text(value, "homepage").filter(|h| h.contains("://")) {
        out.push_str(&format!(" ({homepage})"));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::{parse_installed, parse_lock};

    #[test]
    fn shapes_composer_has_written() {
        let v2 = br#"{"packages":[{"name":"a/b","version":"1.0","license":"MIT","authors":[{"email":"x@y"}]},{"name":"c/d"},7],"dev":true,"dev-package-names":["a/b"]}"#;
        let parsed = parse_installed(v2).unwrap();
        assert_eq!(parsed.entries.len(), 1);
        assert_eq!(parsed.skipped, 2);
        assert!(parsed.entries[0].dev);
        assert_eq!(parsed.entries[0].licenses, ["MIT"]);
        assert_eq!(parsed.entries[0].authors, ["<x@y>"]);
        let v1 = br#"[{"name":"a/b","version":"1.0","require":{"php":">=7","c/d":"^1"}}]"#;
        let parsed = parse_installed(v1).unwrap();
        assert_eq!(parsed.entries[0].require, ["c/d", "php"]);
        assert!(parse_installed(b"{\"packages\": 3}").is_err());
        assert!(parse_installed(b"\"x\"").is_err());
        assert!(parse_installed(b"[{").is_err());
        assert!(parse_lock(b"[]").is_err());
        assert!(parse_lock(b"{\"packages\":[],\"packages-dev\":{}}").is_err());
        assert_eq!(
            parse_lock(b"{\"packages\":[]}").unwrap(),
            super::Parsed::default()
        );
    }
}
