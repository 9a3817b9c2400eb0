//! Registry credentials the way docker, skopeo and cosign users already have
//! them: an explicit login the caller gives, then the auth files — `$REGISTRY_AUTH_FILE`,
//! `$XDG_RUNTIME_DIR/containers/auth.json`, `$DOCKER_CONFIG/config.json`,
//! `~/.docker/config.json` — with their `auths` entries, `credHelpers` and
//! `credsStore` (`docker-credential-NAME get`).

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use base64::Engine;
use serde_json::Value;

use crate::error::{Context, Error, Result};
use crate::fail;

/// A username and password, and where they came from (for error messages).
#[derive(Clone)]
pub struct Credentials {
    pub username: String,
    pub password: String,
    pub source: String,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Credentials({} from {})", self.username, self.source)
    }
}

/// The auth files searched, in order.
fn auth_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    if let Some(path) = std::env::var_os("REGISTRY_AUTH_FILE") {
        files.push(PathBuf::from(path));
    }
    if let Some(dir) = std::env::var_os("XDG_RUNTIME_DIR") {
        files.push(PathBuf::from(dir).join("containers/auth.json"));
    }
    if let Some(dir) = std::env::var_os("DOCKER_CONFIG") {
        files.push(PathBuf::from(dir).join("config.json"));
    }
    if let Some(home) = std::env::var_os("HOME") {
        files.push(PathBuf::from(home).join(".docker/config.json"));
    }
    files
}

/// The keys an auth file may use for `registry`.
fn keys_for(registry: &str) -> Vec<String> {
    if matches!(
        registry,
        "docker.io" | "index.docker.io" | "registry-1.docker.io"
    ) {
        [
            "https://index.docker.io/v1/",
            "index.docker.io",
            "docker.io",
            "registry-1.docker.io",
        ]
        .map(str::to_owned)
        .to_vec()
    } else {
        vec![registry.to_owned()]
    }
}

/// `https://host:port/v1/` → `host:port`.
fn normalize_key(key: &str) -> &str {
    let key = key.split_once("://").map_or(key, |(_, rest)| rest);
    key.split('/').next().unwrap_or(key)
}

/// Finds credentials for `registry`; `None` means anonymous.
pub fn find(registry: &str, explicit: Option<Credentials>) -> Result<Option<Credentials>> {
    if explicit.is_some() {
        return Ok(explicit);
    }
    let keys = keys_for(registry);
    for file in auth_files() {
        let Ok(text) = std::fs::read(&file) else {
            continue;
        };
        let config: Value = serde_json::from_slice(&text).with_context(|| {
            format!(
                "{}: not a valid docker/containers auth file",
                file.display()
            )
        })?;
        let shown = file.display().to_string();
        if let Some(helpers) = config.get("credHelpers").and_then(Value::as_object) {
            for (key, helper) in helpers {
                if keys.iter().any(|k| normalize_key(key) == normalize_key(k)) {
                    if let Some(helper) = helper.as_str() {
                        return helper_get(helper, key, &shown);
                    }
                }
            }
        }
        if let Some(auths) = config.get("auths").and_then(Value::as_object) {
            for (key, entry) in auths {
                if keys.iter().any(|k| normalize_key(key) == normalize_key(k)) {
                    if let Some(found) = from_entry(entry, &format!("{shown} (auths.{key})"))? {
                        return Ok(Some(found));
                    }
                }
            }
        }
        if let Some(store) = config.get("credsStore").and_then(Value::as_str) {
            let server = keys[0].clone();
            if let Some(found) = helper_get(store, &server, &shown)? {
                return Ok(Some(found));
            }
        }
    }
    Ok(None)
}

fn from_entry(entry: &Value, source: &str) -> Result<Option<Credentials>> {
    if let Some(auth) = entry
        .get("auth")
        .and_then(Value::as_str)
        .filter(|a| !a.is_empty())
    {
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(auth.trim())
            .map_err(|e| Error::Message(format!("{source}: \"auth\" is not base64: {e}")))?;
        let decoded = String::from_utf8(decoded)
            .map_err(|e| Error::Message(format!("{source}: \"auth\" is not UTF-8: {e}")))?;
        let Some((username, password)) = decoded.split_once(':') else {
            fail!("{source}: \"auth\" is not base64 of user:password");
        };
        return Ok(Some(Credentials {
            username: username.to_owned(),
            password: password.to_owned(),
            source: source.to_owned(),
        }));
    }
    let text = |k: &str| entry.get(k).and_then(Value::as_str).map(str::to_owned);
    Ok(match (text("username"), text("password")) {
        (Some(username), Some(password)) => Some(Credentials {
            username,
            password,
            source: source.to_owned(),
        }),
        _ => None,
    })
}

/// Runs `docker-credential-HELPER get` for `server`.
fn helper_get(helper: &str, server: &str, file: &str) -> Result<Option<Credentials>> {
    let program = format!("docker-credential-{helper}");
    let mut child = Command::new(&program)
        .arg("get")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .with_context(|| format!("{file}: credential helper {program} could not be run"))?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(server.as_bytes())
            .context("writing to the credential helper")?;
    }
    let output = child
        .wait_with_output()
        .with_context(|| format!("running {program}"))?;
    if !output.status.success() {
        let message =
            String::from_utf8_lossy(&output.stdout) + String::from_utf8_lossy(&output.stderr);
        if message.to_ascii_lowercase().contains("not found") {
            return Ok(None);
        }
        fail!("{program} get {server}: {}", message.trim());
    }
    let reply: Value = serde_json::from_slice(&output.stdout)
        .with_context(|| format!("{program}: reply is not JSON"))?;
    let text = |k: &str| reply.get(k).and_then(Value::as_str).map(str::to_owned);
    match (text("Username"), text("Secret")) {
        (Some(username), Some(password)) if username != "<token>" => Ok(Some(Credentials {
            username,
            password,
            source: format!("{program} (from {file})"),
        })),
        (Some(_), Some(_)) => fail!(
            "{program}: identity tokens are not supported; log in with a username and password"
        ),
        _ => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auth_entries_decode() {
        let entry = serde_json::json!({"auth": base64::engine::general_purpose::STANDARD.encode("alice:s3cret")});
        let c = from_entry(&entry, "test").unwrap().unwrap();
        assert_eq!(
            (c.username.as_str(), c.password.as_str()),
            ("alice", "s3cret")
        );
        assert_eq!(
            normalize_key("https://index.docker.io/v1/"),
            "index.docker.io"
        );
        assert!(from_entry(&serde_json::json!({"auth": "!!"}), "t").is_err());
    }
}
