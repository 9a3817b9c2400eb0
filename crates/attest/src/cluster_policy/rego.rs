//! The Rego of a `ClusterImagePolicy`, evaluated as the policy controller
//! evaluates it (cosign's `rego` package): `package sigstore`, the query
//! `isCompliant = data.sigstore.isCompliant`, Rego v0 only, as the
//! controller compiles it. `isCompliant` is a boolean, or
//! a set or array of `{result, warning, error}` objects; a compliant result
//! with a warning is returned as a warning, which the controller then
//! treats as a failure of what the policy guards (unless in `warn` mode).

use serde_json::Value;

use crate::error::{Error, Result};

/// The query the controller runs, as its messages quote it.
pub const QUERY: &str = "isCompliant = data.sigstore.isCompliant";

/// What a policy said of one input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Compliant,
    /// Compliant, with the policy's warning (the controller's `warning:
    /// …` error).
    Warning(String),
    /// Not compliant: the controller's message.
    Failed(String),
}

/// A policy's Rego, compiled once (when its document is read) and
/// evaluated on each input.
#[derive(Clone)]
pub struct Module {
    /// The policy's text, as written.
    pub source: String,
    engine: regorus::Engine,
}

impl std::fmt::Debug for Module {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Module")
            .field("source", &self.source)
            .finish()
    }
}

/// `module` compiled, or why it is not Rego the controller would run.
pub fn compile(module: &str) -> Result<Module> {
    let mut engine = regorus::Engine::new();
    engine.set_rego_v0(true);
    engine
        .add_policy("policy.rego".to_owned(), module.to_owned())
        .map_err(|e| {
            Error::Message(format!(
                "not a valid Rego v0 policy (the controller reads only v0): {}",
                one_line(&e.to_string())
            ))
        })?;
    let packages = engine
        .get_packages()
        .map_err(|e| Error::Message(one_line(&e.to_string())))?;
    if !packages.iter().any(|p| p == "data.sigstore") {
        return Err(Error::Message(format!(
            "the policy must be `package sigstore` (with an `isCompliant` rule); it is {}",
            packages.join(", ")
        )));
    }
    Ok(Module {
        source: module.to_owned(),
        engine,
    })
}

impl Module {
    /// Evaluates the policy on `input`; `name` is what the controller's
    /// message calls it (the attestation's name, or `ClusterImagePolicy`).
    pub fn evaluate(&self, name: &str, input: &Value) -> Result<Verdict> {
        let mut engine = self.engine.clone();
        engine
            .set_input_json(&input.to_string())
            .map_err(|e| Error::Message(one_line(&e.to_string())))?;
        let value = engine
            .eval_rule("data.sigstore.isCompliant".to_owned())
            .map_err(|e| {
                Error::Message(format!(
                    "failed evaluating rego policy for type {name}: {}",
                    one_line(&e.to_string())
                ))
            })?;
        let failed = |detail: String| {
            Verdict::Failed(format!(
                "failed evaluating rego policy for type {name}: {detail}"
            ))
        };
        let not_compliant = format!("policy is not compliant for query '{QUERY}'");
        // Sets and arrays alike are JSON arrays; undefined is no JSON at all.
        let value: Value = value
            .to_json_str()
            .ok()
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or(Value::Null);
        let results = match value {
            Value::Bool(true) => return Ok(Verdict::Compliant),
            Value::Array(results) => results,
            _ => return Ok(failed(not_compliant)),
        };
        let mut verdict = failed(not_compliant.clone());
        for result in results {
            let Some(object) = result.as_object() else {
                return Ok(failed(format!(
                    "{not_compliant} due to parsing errors: a result is not an object"
                )));
            };
            // As cosign reads it into {Result bool; Warning, Error string}:
            // a field of another type is a parsing error, a missing one zero.
            let typed = object.iter().all(|(key, value)| match key.as_str() {
                "result" => value.is_boolean(),
                "warning" | "error" => value.is_string(),
                _ => true,
            });
            if !typed {
                return Ok(failed(format!(
                    "{not_compliant} due to parsing errors: result must be a boolean, warning and error strings"
                )));
            }
            let text = |key: &str| {
                object
                    .get(key)
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned()
            };
            if object.get("result") == Some(&Value::Bool(true)) {
                let warning = text("warning");
                return Ok(if warning.is_empty() {
                    Verdict::Compliant
                } else {
                    Verdict::Warning(format!("warning: {warning}"))
                });
            }
            verdict = failed(format!("{not_compliant} with errors: {}", text("error")));
        }
        Ok(verdict)
    }
}

/// regorus' messages point into the source over several lines: one line.
fn one_line(message: &str) -> String {
    message.split_whitespace().collect::<Vec<_>>().join(" ")
}
