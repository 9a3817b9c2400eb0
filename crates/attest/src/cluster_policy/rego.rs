//! The Rego of a `ClusterImagePolicy`, evaluated as the policy controller
//! evaluates it (cosign's `rego` package): `package sigstore`, the query
//! `isCompliant = data.sigstore.isCompliant`, Rego v0 as the controller
//! reads it (v1 when it parses only as v1). `isCompliant` is a boolean, or
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

/// An engine holding `module`, or why it is not valid Rego.
pub fn compile(module: &str) -> Result<regorus::Engine> {
    let mut engine = regorus::Engine::new();
    engine.set_rego_v0(true);
    if let Err(v0) = engine.add_policy("policy.rego".to_owned(), module.to_owned()) {
        engine = regorus::Engine::new();
        engine
            .add_policy("policy.rego".to_owned(), module.to_owned())
            .map_err(|_| Error::Message(format!("not a valid Rego policy: {v0}")))?;
    }
    let packages = engine
        .get_packages()
        .map_err(|e| Error::Message(e.to_string()))?;
    if !packages.iter().any(|p| p == "data.sigstore") {
        return Err(Error::Message(format!(
            "the policy must be `package sigstore` (with an `isCompliant` rule); it is {}",
            packages.join(", ")
        )));
    }
    Ok(engine)
}

/// Evaluates `module` (already checked by [`compile`]) on `input`; `name`
/// is what the controller's message calls it (the attestation's name, or
/// `ClusterImagePolicy`).
pub fn evaluate(name: &str, module: &str, input: &Value) -> Result<Verdict> {
    let mut engine = compile(module)?;
    engine
        .set_input_json(&input.to_string())
        .map_err(|e| Error::Message(e.to_string()))?;
    let value = engine
        .eval_rule("data.sigstore.isCompliant".to_owned())
        .map_err(|e| Error::Message(format!("evaluating rego policy for type {name}: {e}")))?;
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
