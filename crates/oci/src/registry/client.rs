//! A small client for the OCI distribution API over `ureq` and rustls.
//!
//! - TLS with the system's CA store plus any extra CA files; plain HTTP
//!   only for loopback hosts and hosts the options allow it for (tried when
//!   HTTPS cannot connect).
//! - Authentication by challenge: a 401 with `WWW-Authenticate: Bearer
//!   realm=…,service=…,scope=…` fetches a token from the realm (anonymously or
//!   with the credentials found); `Basic` sends the credentials.
//! - Retries with exponential backoff on connection errors, 5xx and 429
//!   (honouring `Retry-After`), a bounded number of times.

use std::io::Read;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine;
use ureq::http::Response;
use ureq::tls::{Certificate, PemItem, RootCerts, TlsConfig};
use ureq::{Agent, Body};

use super::credentials::Credentials;
use crate::error::{Context, Error, Refusal, Result};
use crate::fail;

const ATTEMPTS: u32 = 5;
const FIRST_BACKOFF: Duration = Duration::from_millis(250);
const MAX_WAIT: Duration = Duration::from_secs(30);

/// How to reach registries.
#[derive(Debug, Clone, Default)]
pub struct ClientOptions {
    /// Hosts (`host[:port]`) that may be reached over plain HTTP.
    pub insecure_registries: Vec<String>,
    /// PEM files of extra trusted certificate authorities.
    pub ca_certs: Vec<std::path::PathBuf>,
}

/// A connection to one repository of one registry.
pub struct Client {
    agent: Agent,
    base: String,
    registry: String,
    repository: String,
    credentials: Option<Credentials>,
    auth: Mutex<Option<Authorization>>,
}

/// The Authorization header a registry asked for.
#[derive(Clone)]
enum Authorization {
    Bearer(String),
    Basic(String),
}

fn agent(options: &ClientOptions) -> Result<Agent> {
    let mut roots: Vec<Certificate<'static>> = Vec::new();
    let native = rustls_native_certs::load_native_certs();
    for cert in native.certs {
        roots.push(Certificate::from_der(cert.as_ref()).to_owned());
    }
    for path in &options.ca_certs {
        let refused = |problem: String| Error::CaCertificate {
            path: path.clone(),
            problem,
        };
        let pem = std::fs::read(path).map_err(|e| refused(format!("cannot read: {e}")))?;
        let mut found = 0;
        for item in ureq::tls::parse_pem(&pem) {
            if let PemItem::Certificate(cert) =
                item.map_err(|e| refused(format!("not PEM: {e}")))?
            {
                roots.push(cert.to_owned());
                found += 1;
            }
        }
        if found == 0 {
            return Err(refused("no certificate in the file".to_owned()));
        }
    }
    let tls = TlsConfig::builder()
        .root_certs(RootCerts::Specific(Arc::new(roots)))
        .build();
    Ok(Agent::config_builder()
        .http_status_as_error(false)
        .tls_config(tls)
        .timeout_connect(Some(Duration::from_secs(15)))
        .timeout_per_read(Some(Duration::from_secs(60)))
        .user_agent(format!("tallyman/{}", crate::VERSION))
        .build()
        .into())
}

impl Client {
    /// Connects to `registry` (API host `host`): HTTPS, or HTTP where allowed.
    pub fn connect(
        host: &str,
        registry: &str,
        repository: &str,
        insecure_allowed: bool,
        credentials: Option<Credentials>,
        options: &ClientOptions,
    ) -> Result<Client> {
        let agent = agent(options)?;
        let insecure_allowed =
            insecure_allowed || options.insecure_registries.iter().any(|h| h == registry);
        let https = format!("https://{host}");
        let base = match agent.get(format!("{https}/v2/")).call() {
            Ok(_) => https,
            Err(error) if insecure_allowed => {
                // Plain HTTP, unless the server answers it the way TLS
                // servers do (400): then the HTTPS error is the real one.
                let http = format!("http://{host}");
                match agent.get(format!("{http}/v2/")).call() {
                    Ok(response) if response.status().as_u16() != 400 => http,
                    _ => fail!("registry {registry}: cannot connect over HTTPS ({error})"),
                }
            }
            Err(error) => {
                return Err(Error::HttpsOnly {
                    registry: registry.to_owned(),
                    detail: error.to_string(),
                })
            }
        };
        Ok(Client {
            agent,
            base,
            registry: registry.to_owned(),
            repository: repository.to_owned(),
            credentials,
            auth: Mutex::new(None),
        })
    }

    fn credential_source(&self) -> String {
        match &self.credentials {
            Some(c) => format!("credentials of {} from {}", c.username, c.source),
            None => "no credentials (anonymous)".to_owned(),
        }
    }

    /// The URL of `/v2/<repository>/<path>`.
    pub fn url(&self, path: &str) -> String {
        format!("{}/v2/{}/{path}", self.base, self.repository)
    }

    /// Makes a location header (possibly relative) absolute.
    pub fn absolute(&self, location: &str) -> String {
        if location.contains("://") {
            location.to_owned()
        } else {
            format!("{}{location}", self.base)
        }
    }

    /// GETs `/v2/<repository>/<path>`, authenticating and retrying as needed.
    /// Returns the response whatever its status after the retries.
    pub fn get(&self, path: &str, accept: &[&str]) -> Result<Response<Body>> {
        self.get_absolute(&self.url(path), accept)
    }

    /// GETs a URL of this registry (`/v2/_catalog`, a `Link` to a next page),
    /// as [`Client::get`].
    pub fn get_absolute(&self, url: &str, accept: &[&str]) -> Result<Response<Body>> {
        let accept = accept.join(", ");
        let headers: &[(&str, &str)] = if accept.is_empty() {
            &[]
        } else {
            &[("Accept", &accept)]
        };
        self.get_with(&self.absolute(url), headers)
    }

    /// GETs `/v2/<repository>/<path>` from byte `from` on (`Range`), as
    /// [`Client::get`].
    pub fn get_range(&self, path: &str, from: u64) -> Result<Response<Body>> {
        let range = format!("bytes={from}-");
        self.get_with(&self.url(path), &[("Range", &range)])
    }

    /// GETs a URL of this registry with `headers`, as [`Client::get`].
    fn get_with(&self, url: &str, headers: &[(&str, &str)]) -> Result<Response<Body>> {
        self.execute(url, |auth| {
            let mut request = self.agent.get(url);
            for (name, value) in headers {
                request = request.header(*name, *value);
            }
            if let Some(auth) = auth {
                request = request.header("Authorization", auth);
            }
            request.call()
        })
    }

    /// HEADs `/v2/<repository>/<path>`.
    pub fn head(&self, path: &str) -> Result<Response<Body>> {
        let url = self.url(path);
        self.execute(&url, |auth| {
            let mut request = self.agent.head(&url);
            if let Some(auth) = auth {
                request = request.header("Authorization", auth);
            }
            request.call()
        })
    }

    /// POSTs an empty body to `/v2/<repository>/<path>`.
    pub fn post(&self, path: &str) -> Result<Response<Body>> {
        let url = self.url(path);
        self.execute(&url, |auth| {
            let mut request = self.agent.post(&url);
            if let Some(auth) = auth {
                request = request.header("Authorization", auth);
            }
            request.send_empty()
        })
    }

    /// PUTs `body` to an absolute URL of this registry.
    pub fn put(&self, url: &str, content_type: &str, body: &[u8]) -> Result<Response<Body>> {
        self.put_tries(url, content_type, body, ATTEMPTS)
    }

    /// PUTs `size` bytes read from `body` to an absolute URL of this
    /// registry, once: a stream cannot be replayed, so a failure (or a 401
    /// before any token was fetched) is returned to the caller, who retries.
    pub fn put_stream(&self, url: &str, size: u64, body: &mut dyn Read) -> Result<Response<Body>> {
        let mut request = self
            .agent
            .put(url)
            .header("Content-Type", "application/octet-stream")
            .header("Content-Length", size.to_string());
        if let Some(auth) = self.authorization() {
            request = request.header("Authorization", auth);
        }
        request
            .send(ureq::SendBody::from_reader(body))
            .map_err(|e| Error::Message(format!("registry {}: {url}: {e}", self.registry)))
    }

    /// PUTs `body` to an absolute URL of this registry once: a 401 challenge
    /// is answered, but a transport error, 5xx or 429 is the caller's to
    /// handle (a request that must not land late, after others).
    pub fn put_once(&self, url: &str, content_type: &str, body: &[u8]) -> Result<Response<Body>> {
        self.put_tries(url, content_type, body, 1)
    }

    /// PUTs `body`, trying at most `attempts` times (see [`Client::execute`]).
    fn put_tries(
        &self,
        url: &str,
        content_type: &str,
        body: &[u8],
        attempts: u32,
    ) -> Result<Response<Body>> {
        self.execute_with(url, attempts, |auth| {
            let mut request = self.agent.put(url).header("Content-Type", content_type);
            if let Some(auth) = auth {
                request = request.header("Authorization", auth);
            }
            request.send(body)
        })
    }

    /// The request loop: answers one 401 challenge, retries transport errors,
    /// 5xx and 429 with backoff.
    fn execute(
        &self,
        url: &str,
        send: impl FnMut(Option<String>) -> std::result::Result<Response<Body>, ureq::Error>,
    ) -> Result<Response<Body>> {
        self.execute_with(url, ATTEMPTS, send)
    }

    /// [`Client::execute`] with at most `attempts` tries.
    fn execute_with(
        &self,
        url: &str,
        attempts: u32,
        mut send: impl FnMut(Option<String>) -> std::result::Result<Response<Body>, ureq::Error>,
    ) -> Result<Response<Body>> {
        let mut authenticated = false;
        let mut attempt = 0;
        loop {
            let wait = match send(self.authorization()) {
                Err(error) => {
                    if attempt + 1 >= attempts {
                        fail!("registry {}: {url}: {error}", self.registry);
                    }
                    backoff(attempt)
                }
                Ok(response) => {
                    let status = response.status().as_u16();
                    if status == 401 && !authenticated {
                        authenticated = true;
                        self.authenticate(&response)?;
                        continue;
                    }
                    if (status == 429 || status >= 500) && attempt + 1 < attempts {
                        retry_after(&response).unwrap_or_else(|| backoff(attempt))
                    } else {
                        return Ok(response);
                    }
                }
            };
            std::thread::sleep(wait.min(MAX_WAIT));
            attempt += 1;
        }
    }

    /// Fails with a message naming the registry unless `response` is 2xx.
    pub fn expect_success(&self, response: Response<Body>, what: &str) -> Result<Response<Body>> {
        let status = response.status().as_u16();
        if (200..=299).contains(&status) {
            return Ok(response);
        }
        Err(Error::Status(Box::new(Refusal {
            registry: self.registry.clone(),
            repository: self.repository.clone(),
            what: what.to_owned(),
            status,
            tried: self.credential_source(),
        })))
    }

    /// GETs and fails unless the status is 2xx, with a message for 401/403/404.
    pub fn get_ok(&self, path: &str, accept: &[&str], what: &str) -> Result<Response<Body>> {
        let response = self.get(path, accept)?;
        self.expect_success(response, what)
    }

    fn authorization(&self) -> Option<String> {
        match self.auth.lock().ok()?.as_ref()? {
            Authorization::Bearer(token) => Some(format!("Bearer {token}")),
            Authorization::Basic(basic) => Some(format!("Basic {basic}")),
        }
    }

    /// Answers a 401 challenge: fetches a bearer token, or switches to basic auth.
    fn authenticate(&self, response: &Response<Body>) -> Result<()> {
        let challenge = response
            .headers()
            .get("www-authenticate")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let (scheme, params) = parse_challenge(&challenge);
        let auth = match scheme.to_ascii_lowercase().as_str() {
            "bearer" => Authorization::Bearer(self.fetch_token(&params)?),
            "basic" => {
                let Some(c) = &self.credentials else {
                    fail!(
                        "registry {}: requires a login (basic auth) and no credentials were found",
                        self.registry
                    );
                };
                Authorization::Basic(basic_auth(c))
            }
            _ => fail!(
                "registry {}: unsupported authentication challenge {challenge:?}",
                self.registry
            ),
        };
        *self.auth.lock().map_err(|_| {
            Error::Message(format!("registry {}: auth state poisoned", self.registry))
        })? = Some(auth);
        Ok(())
    }

    fn fetch_token(&self, params: &[(String, String)]) -> Result<String> {
        let get = |k: &str| {
            params
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.clone())
        };
        let realm = get("realm").with_context(|| {
            format!(
                "registry {}: bearer challenge without a realm",
                self.registry
            )
        })?;
        let service = get("service");
        let scope = get("scope").unwrap_or_else(|| format!("repository:{}:pull", self.repository));
        let mut request = self.agent.get(&realm).query("scope", &scope);
        if let Some(service) = &service {
            request = request.query("service", service);
        }
        if let Some(c) = &self.credentials {
            request = request.header("Authorization", format!("Basic {}", basic_auth(c)));
        }
        let mut response = request.call().map_err(|e| {
            Error::Message(format!(
                "registry {}: token service {realm}: {e}",
                self.registry
            ))
        })?;
        let status = response.status().as_u16();
        if !(200..300).contains(&status) {
            fail!(
                "registry {}: token service {realm} refused (HTTP {status}); tried {}",
                self.registry,
                self.credential_source()
            );
        }
        let mut body = String::new();
        response
            .body_mut()
            .as_reader()
            .take(1 << 20)
            .read_to_string(&mut body)
            .with_context(|| format!("registry {}: reading the token", self.registry))?;
        let reply: serde_json::Value = serde_json::from_str(&body)
            .with_context(|| format!("registry {}: token reply is not JSON", self.registry))?;
        reply
            .get("token")
            .or_else(|| reply.get("access_token"))
            .and_then(|t| t.as_str())
            .map(str::to_owned)
            .with_context(|| format!("registry {}: token reply has no token", self.registry))
    }
}

fn basic_auth(c: &Credentials) -> String {
    base64::engine::general_purpose::STANDARD.encode(format!("{}:{}", c.username, c.password))
}

/// `Bearer realm="…",service="…"` → ("Bearer", [(realm, …), (service, …)]).
fn parse_challenge(header: &str) -> (String, Vec<(String, String)>) {
    let header = header.trim();
    let (scheme, rest) = header.split_once(' ').unwrap_or((header, ""));
    let mut params = Vec::new();
    let mut rest = rest.trim();
    while !rest.is_empty() {
        let Some((key, after)) = rest.split_once('=') else {
            break;
        };
        let key = key
            .trim()
            .trim_start_matches(',')
            .trim()
            .to_ascii_lowercase();
        let after = after.trim_start();
        let (value, remaining) = if let Some(quoted) = after.strip_prefix('"') {
            match quoted.find('"') {
                Some(end) => (&quoted[..end], &quoted[end + 1..]),
                None => (quoted, ""),
            }
        } else {
            match after.find(',') {
                Some(end) => (&after[..end], &after[end..]),
                None => (after, ""),
            }
        };
        params.push((key, value.to_owned()));
        rest = remaining.trim_start_matches(',').trim();
    }
    (scheme.to_owned(), params)
}

fn backoff(attempt: u32) -> Duration {
    FIRST_BACKOFF * 2u32.saturating_pow(attempt)
}

fn retry_after(response: &Response<Body>) -> Option<Duration> {
    let seconds: u64 = response
        .headers()
        .get("retry-after")?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()?;
    Some(Duration::from_secs(seconds))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn challenges_parse() {
        let (scheme, params) = parse_challenge(
            r#"Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull""#,
        );
        assert_eq!(scheme, "Bearer");
        assert_eq!(
            params[0],
            (
                "realm".to_owned(),
                "https://auth.docker.io/token".to_owned()
            )
        );
        assert_eq!(params[2].1, "repository:library/alpine:pull");
        let (scheme, params) = parse_challenge(r#"Basic realm="Registry Realm""#);
        assert_eq!((scheme.as_str(), params.len()), ("Basic", 1));
    }
}
