//! Rego policies over verified attestations, evaluated by `regorus`: the
//! input is the attestation's in-toto statement (`predicateType`,
//! `subject`, `predicate`), as cosign gives it. Two conventions are
//! accepted, as their users write them: cosign's (`package signature`, the
//! rule `allow` must be true) and the Sigstore policy controller's
//! (`package sigstore`, the rule `isCompliant`). When the policy also has a
//! `deny` (or `violations`) set, its messages say why. Rego v1 is read, and
//! v0 (`allow { … }`, what older cosign policies are written in) when v1
//! does not parse. CUE policies are refused: there is no CUE engine for Rust.

use std::path::Path;

use crate::error::{Context, Error, Result};
use tallyman_oci::fail;

/// A loaded policy.
pub struct Policy {
    engine: regorus::Engine,
    /// `data.signature` or `data.sigstore`.
    package: &'static str,
    /// `allow` or `isCompliant`.
    rule: &'static str,
    /// The file, for messages.
    pub name: String,
}

/// Why a policy refused an attestation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Denial {
    /// The rule that was not true (`data.signature.allow`).
    pub rule: String,
    /// The policy's own messages (its `deny` or `violations` set), if any.
    pub reasons: Vec<String>,
}

impl std::fmt::Display for Denial {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} is not true", self.rule)?;
        if !self.reasons.is_empty() {
            write!(f, ": {}", self.reasons.join("; "))?;
        }
        Ok(())
    }
}

impl Policy {
    /// Reads a `.rego` file.
    pub fn load(path: &Path) -> Result<Policy> {
        let name = path.display().to_string();
        if path.extension().is_some_and(|e| e == "cue") {
            fail!("{name}: CUE policies are not supported (there is no CUE engine for Rust); write it in Rego");
        }
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("{name}: cannot read the policy"))?;
        let mut engine = regorus::Engine::new();
        if let Err(v1) = engine.add_policy(name.clone(), text.clone()) {
            engine = regorus::Engine::new();
            engine.set_rego_v0(true);
            engine
                .add_policy(name.clone(), text)
                .map_err(|_| Error::Message(format!("{name}: not a valid Rego policy: {v1}")))?;
        }
        let packages = engine
            .get_packages()
            .map_err(|e| Error::Message(format!("{name}: {e}")))?;
        let (package, rule) = if packages.iter().any(|p| p == "data.signature") {
            ("data.signature", "allow")
        } else if packages.iter().any(|p| p == "data.sigstore") {
            ("data.sigstore", "isCompliant")
        } else {
            fail!("{name}: the policy must be `package signature` with an `allow` rule (cosign) or `package sigstore` with an `isCompliant` rule (policy controller); it is {}", packages.join(", "));
        };
        Ok(Policy {
            engine,
            package,
            rule,
            name,
        })
    }

    /// Evaluates the policy against one attestation's statement: `None`
    /// when it allows it.
    pub fn evaluate(&mut self, statement: &serde_json::Value) -> Result<Option<Denial>> {
        self.engine
            .set_input_json(&statement.to_string())
            .map_err(|e| Error::Message(format!("{}: {e}", self.name)))?;
        let rule = format!("{}.{}", self.package, self.rule);
        let value = self
            .engine
            .eval_rule(rule.clone())
            .map_err(|e| Error::Message(format!("{}: evaluating {rule}: {e}", self.name)))?;
        if value == regorus::Value::from(true) {
            return Ok(None);
        }
        let mut reasons = Vec::new();
        for set in ["deny", "violations"] {
            let path = format!("{}.{set}", self.package);
            if let Ok(found) = self.engine.eval_rule(path) {
                if let Ok(items) = found.as_set() {
                    reasons.extend(items.iter().map(message));
                } else if let Ok(items) = found.as_array() {
                    reasons.extend(items.iter().map(message));
                }
            }
        }
        Ok(Some(Denial { rule, reasons }))
    }
}

/// A deny message: the string itself, else its JSON.
fn message(value: &regorus::Value) -> String {
    match value.as_string() {
        Ok(text) => text.to_string(),
        Err(_) => value.to_json_str().unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(text: &str, extension: &str) -> Result<Policy> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(format!("p.{extension}"));
        std::fs::write(&path, text).unwrap();
        Policy::load(&path)
    }

    #[test]
    fn both_conventions_and_both_rego_versions() {
        let input = serde_json::json!({"predicateType": "x", "predicate": {"n": 3}});
        let mut v1 = policy(
            "package signature\nallow if input.predicate.n > 2\n",
            "rego",
        )
        .unwrap();
        assert_eq!(v1.evaluate(&input).unwrap(), None);
        let mut v0 = policy(
            "package signature\ndefault allow = false\nallow { input.predicate.n > 5 }\ndeny[msg] { input.predicate.n <= 5; msg := sprintf(\"n is %d\", [input.predicate.n]) }\n",
            "rego",
        )
        .unwrap();
        assert_eq!(
            v0.evaluate(&input).unwrap(),
            Some(Denial {
                rule: "data.signature.allow".into(),
                reasons: vec!["n is 3".into()]
            })
        );
        let mut controller = policy(
            "package sigstore\nisCompliant if input.predicateType == \"x\"\n",
            "rego",
        )
        .unwrap();
        assert_eq!(controller.evaluate(&input).unwrap(), None);
        // Arrays compare element by element (the example policies' version
        // comparisons rely on it).
        let mut arrays = policy(
            "package signature\nallow if [1, 10, 2] > [1, 9, 30]\n",
            "rego",
        )
        .unwrap();
        assert_eq!(arrays.evaluate(&input).unwrap(), None);
    }

    /// An in-toto statement of an SPDX document with these (name, purl
    /// without version, version, license) packages, made `created`.
    fn spdx(packages: &[(&str, &str, &str, &str)], created: &str) -> serde_json::Value {
        let packages: Vec<serde_json::Value> = packages
            .iter()
            .map(|(name, purl, version, license)| {
                serde_json::json!({
                    "name": name,
                    "versionInfo": version,
                    "licenseDeclared": license,
                    "externalRefs": [{"referenceType": "purl", "referenceLocator": format!("{purl}@{version}?arch=amd64")}],
                })
            })
            .collect();
        serde_json::json!({
            "predicateType": "https://spdx.dev/Document",
            "predicate": {"creationInfo": {"created": created}, "packages": packages},
        })
    }

    fn example(name: &str) -> Policy {
        Policy::load(
            &std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../../examples/policies")
                .join(name),
        )
        .unwrap()
    }

    #[test]
    fn the_example_policies_allow_and_deny_what_they_say() {
        let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let good = spdx(
            &[
                (
                    "libc6",
                    "pkg:deb/debian/libc6",
                    "2.36-9+deb12u14",
                    "LGPL-2.1-only",
                ),
                (
                    "liblzma5",
                    "pkg:deb/debian/liblzma5",
                    "5.4.1-1+deb12u1",
                    "GPL-2.0-only",
                ),
                ("zlib1g", "pkg:deb/debian/zlib1g", "1:1.2.13.dfsg-1", "Zlib"),
            ],
            &now,
        );
        for name in [
            "deny-packages.rego",
            "deny-licenses.rego",
            "version-floors.rego",
            "sbom-freshness.rego",
        ] {
            assert_eq!(example(name).evaluate(&good).unwrap(), None, "{name}");
        }
        let bad = spdx(
            &[
                (
                    "libc6",
                    "pkg:deb/debian/libc6",
                    "2.31-13+deb11u5",
                    "LGPL-2.1-only",
                ),
                (
                    "liblzma5",
                    "pkg:deb/debian/liblzma5",
                    "5.6.1-1",
                    "GPL-2.0-only",
                ),
                (
                    "mongo-ish",
                    "pkg:npm/mongo-ish",
                    "1.0.0",
                    "SSPL-1.0 OR AGPL-3.0-only",
                ),
            ],
            "2023-11-14T22:13:20Z",
        );
        let reasons = |name: &str| example(name).evaluate(&bad).unwrap().unwrap().reasons;
        assert_eq!(
            reasons("deny-packages.rego"),
            ["liblzma5 5.6.1-1 is denied: CVE-2024-3094, the xz backdoor"]
        );
        assert_eq!(
            reasons("deny-licenses.rego"),
            [
                "mongo-ish 1.0.0 is under AGPL-3.0-only",
                "mongo-ish 1.0.0 is under SSPL-1.0"
            ]
        );
        assert_eq!(
            reasons("version-floors.rego"),
            ["libc6 2.31-13+deb11u5 is older than 2.36-9+deb12u4"]
        );
        let freshness = reasons("sbom-freshness.rego");
        assert_eq!(freshness.len(), 1);
        assert!(
            freshness[0].starts_with("the SBOM was made ")
                && freshness[0].ends_with(" days ago (2023-11-14T22:13:20Z), more than 30"),
            "{freshness:?}"
        );
        let undated = serde_json::json!({"predicate": {"packages": []}});
        assert_eq!(
            example("sbom-freshness.rego")
                .evaluate(&undated)
                .unwrap()
                .unwrap()
                .reasons,
            ["the SBOM says not when it was made"]
        );
    }

    #[test]
    fn what_is_refused() {
        let err = policy("package other\nallow := true\n", "rego")
            .err()
            .unwrap();
        assert!(
            format!("{err}").contains("must be `package signature`"),
            "{err}"
        );
        let err = policy("package signature\nallow if {", "rego")
            .err()
            .unwrap();
        assert!(
            format!("{err}").contains("not a valid Rego policy"),
            "{err}"
        );
        let err = policy("package signature", "cue").err().unwrap();
        assert!(
            format!("{err}").contains("CUE policies are not supported"),
            "{err}"
        );
    }
}
