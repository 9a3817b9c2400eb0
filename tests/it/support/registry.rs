//! A real registry for the tests: Debian's `docker-registry` (the CNCF
//! distribution registry) on a free 127.0.0.1 port with a temporary config —
//! anonymous, htpasswd (bcrypt) basic auth, TLS with a self-signed CA, or the
//! bearer-token flow with a small token issuer in this process — plus a
//! throttling proxy for "registry dies mid-pull" tests.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use base64::Engine;

/// How the registry authenticates clients.
pub enum Auth {
    Anonymous,
    /// htpasswd (bcrypt) with one user.
    Basic {
        user: &'static str,
        password: &'static str,
    },
    /// Token auth; the issuer runs in this process and requires this user.
    Token {
        user: &'static str,
        password: &'static str,
    },
}

pub struct Registry {
    child: Option<Child>,
    pub port: u16,
    pub dir: tempfile::TempDir,
    /// For TLS registries: the CA certificate (PEM) clients must trust.
    pub ca_cert: Option<PathBuf>,
    pub creds: Option<(String, String)>,
    _token_server: Option<TokenServer>,
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn openssl(args: &[&str]) {
    let out = Command::new("openssl")
        .args(args)
        .output()
        .expect("openssl");
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A self-signed EC P-256 certificate for 127.0.0.1 (key, cert).
fn self_signed(dir: &Path, name: &str) -> (PathBuf, PathBuf) {
    let key = dir.join(format!("{name}.key"));
    let cert = dir.join(format!("{name}.crt"));
    openssl(&[
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        key.to_str().unwrap(),
        "-out",
        cert.to_str().unwrap(),
        "-days",
        "2",
        "-subj",
        &format!("/CN={name}"),
        "-addext",
        "subjectAltName=IP:127.0.0.1,DNS:localhost",
    ]);
    (key, cert)
}

/// A CA and a server certificate it signed for 127.0.0.1: (ca cert, key, cert).
fn ca_signed(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let (ca_key, ca_cert) = self_signed(dir, "test-ca");
    let key = dir.join("server.key");
    let csr = dir.join("server.csr");
    let cert = dir.join("server.crt");
    let ext = dir.join("server.ext");
    std::fs::write(&ext, "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n").unwrap();
    openssl(&[
        "req",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        key.to_str().unwrap(),
        "-out",
        csr.to_str().unwrap(),
        "-subj",
        "/CN=127.0.0.1",
    ]);
    openssl(&[
        "x509",
        "-req",
        "-in",
        csr.to_str().unwrap(),
        "-CA",
        ca_cert.to_str().unwrap(),
        "-CAkey",
        ca_key.to_str().unwrap(),
        "-CAcreateserial",
        "-out",
        cert.to_str().unwrap(),
        "-days",
        "2",
        "-extfile",
        ext.to_str().unwrap(),
    ]);
    (ca_cert, key, cert)
}

impl Registry {
    pub fn start(auth: Auth, tls: bool) -> Registry {
        let dir = tempfile::tempdir().unwrap();
        let port = free_port();
        let mut config = format!(
            "version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: {}\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:{port}\n",
            dir.path().join("storage").display()
        );
        let mut ca_cert = None;
        if tls {
            let (ca, key, cert) = ca_signed(dir.path());
            config.push_str(&format!(
                "  tls:\n    certificate: {}\n    key: {}\n",
                cert.display(),
                key.display()
            ));
            ca_cert = Some(ca);
        }
        let mut creds = None;
        let mut token_server = None;
        match auth {
            Auth::Anonymous => {}
            Auth::Basic { user, password } => {
                let htpasswd = dir.path().join("htpasswd");
                let out = Command::new("htpasswd")
                    .args(["-Bbc", htpasswd.to_str().unwrap(), user, password])
                    .output()
                    .expect("htpasswd (apache2-utils)");
                assert!(out.status.success());
                config.push_str(&format!(
                    "auth:\n  htpasswd:\n    realm: basic-realm\n    path: {}\n",
                    htpasswd.display()
                ));
                creds = Some((user.to_owned(), password.to_owned()));
            }
            Auth::Token { user, password } => {
                let (key, cert) = self_signed(dir.path(), "token-signer");
                let server = TokenServer::start(&key, &cert, user, password);
                config.push_str(&format!(
                    "auth:\n  token:\n    realm: http://127.0.0.1:{}/token\n    service: tallyman-test\n    issuer: tallyman-test-issuer\n    rootcertbundle: {}\n",
                    server.port,
                    cert.display()
                ));
                creds = Some((user.to_owned(), password.to_owned()));
                token_server = Some(server);
            }
        }
        let config_path = dir.path().join("config.yml");
        std::fs::write(&config_path, config).unwrap();
        let child = Command::new("docker-registry")
            .args(["serve", config_path.to_str().unwrap()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("docker-registry (apt-get install docker-registry)");
        let registry = Registry {
            child: Some(child),
            port,
            dir,
            ca_cert,
            creds,
            _token_server: token_server,
        };
        let deadline = Instant::now() + Duration::from_secs(15);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "registry did not start");
            thread::sleep(Duration::from_millis(50));
        }
        registry
    }

    pub fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// Pushes `oci:LAYOUT:TAG` to `REPO:TAG` here with skopeo (all platforms).
    pub fn push(&self, layout: &Path, layout_tag: &str, target: &str) {
        self.push_as(layout, layout_tag, target, None);
    }

    /// Like `push`, converting manifests to `format` (`v2s2`: Docker schema 2).
    pub fn push_as(&self, layout: &Path, layout_tag: &str, target: &str, format: Option<&str>) {
        let mut cmd = Command::new("skopeo");
        cmd.args(["copy", "-q", "--all", "--dest-tls-verify=false"]);
        if let Some(format) = format {
            cmd.arg(format!("--format={format}"));
        }
        if let Some((user, password)) = &self.creds {
            cmd.arg(format!("--dest-creds={user}:{password}"));
        }
        cmd.arg(format!("oci:{}:{layout_tag}", layout.display()));
        cmd.arg(format!("docker://{}/{target}", self.host()));
        let out = cmd.output().expect("skopeo");
        assert!(
            out.status.success(),
            "skopeo copy: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// The path of a blob's data in the registry's storage.
    pub fn blob_data(&self, digest: &str) -> PathBuf {
        let hex = digest.trim_start_matches("sha256:");
        self.dir
            .path()
            .join("storage/docker/registry/v2/blobs/sha256")
            .join(&hex[..2])
            .join(hex)
            .join("data")
    }

    /// One HTTP/1.0 request to the registry (with its basic credentials, if
    /// any): (status, headers lowercased, body). For tests that put artifacts
    /// there the way other clients (cosign, oras) do.
    pub fn request(
        &self,
        method: &str,
        path: &str,
        content_type: Option<&str>,
        body: &[u8],
    ) -> (u16, Vec<(String, String)>, Vec<u8>) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        let mut head = format!(
            "{method} {path} HTTP/1.0\r\nHost: {}\r\nContent-Length: {}\r\n",
            self.host(),
            body.len()
        );
        if let Some(content_type) = content_type {
            head.push_str(&format!("Content-Type: {content_type}\r\n"));
        }
        head.push_str("Accept: application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.list.v2+json, application/vnd.docker.distribution.manifest.v2+json\r\n");
        if let Some((user, password)) = &self.creds {
            let basic =
                base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
            head.push_str(&format!("Authorization: Basic {basic}\r\n"));
        }
        head.push_str("\r\n");
        stream.write_all(head.as_bytes()).unwrap();
        stream.write_all(body).unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        let split = response
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("an HTTP response");
        let text = String::from_utf8_lossy(&response[..split]).into_owned();
        let mut lines = text.lines();
        let status = lines
            .next()
            .unwrap()
            .split(' ')
            .nth(1)
            .unwrap()
            .parse()
            .unwrap();
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
            .collect();
        (status, headers, response[split + 4..].to_vec())
    }

    /// Uploads a blob to `repository`; returns its digest.
    pub fn put_blob(&self, repository: &str, bytes: &[u8]) -> String {
        let digest = super::oci::sha256(bytes);
        let (status, headers, _) = self.request(
            "POST",
            &format!("/v2/{repository}/blobs/uploads/"),
            None,
            b"",
        );
        assert_eq!(status, 202, "blob upload start");
        let location = &headers.iter().find(|(k, _)| k == "location").unwrap().1;
        let path = location
            .split_once("://")
            .map_or(location.as_str(), |(_, rest)| {
                &rest[rest.find('/').unwrap()..]
            });
        let separator = if path.contains('?') { '&' } else { '?' };
        let (status, _, body) = self.request(
            "PUT",
            &format!("{path}{separator}digest={digest}"),
            Some("application/octet-stream"),
            bytes,
        );
        assert_eq!(
            status,
            201,
            "blob upload: {}",
            String::from_utf8_lossy(&body)
        );
        digest
    }

    /// Pushes manifest `bytes` to `repository` under `reference` (its
    /// `mediaType` as Content-Type); returns its digest.
    pub fn put_manifest(&self, repository: &str, reference: &str, bytes: &[u8]) -> String {
        let manifest: serde_json::Value = serde_json::from_slice(bytes).unwrap();
        let media_type = manifest["mediaType"].as_str().unwrap();
        let (status, _, body) = self.request(
            "PUT",
            &format!("/v2/{repository}/manifests/{reference}"),
            Some(media_type),
            bytes,
        );
        assert_eq!(
            status,
            201,
            "manifest push: {}",
            String::from_utf8_lossy(&body)
        );
        super::oci::sha256(bytes)
    }

    /// The digests the tag schema's index of `subject` lists, in order
    /// (none when there is no such tag).
    pub fn tag_schema_digests(&self, repository: &str, subject: &str) -> Vec<String> {
        let (status, _, body) = self.request(
            "GET",
            &format!("/v2/{repository}/manifests/{}", subject.replace(':', "-")),
            None,
            b"",
        );
        if status == 404 {
            return Vec::new();
        }
        let index: serde_json::Value = serde_json::from_slice(&body).unwrap();
        index["manifests"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["digest"].as_str().unwrap().to_owned())
            .collect()
    }

    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for Registry {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Issues ES256 JWTs for the registry's token auth, checking basic credentials.
struct TokenServer {
    port: u16,
    stop: Arc<AtomicBool>,
}

impl TokenServer {
    fn start(key: &Path, cert: &Path, user: &'static str, password: &'static str) -> TokenServer {
        use p256::pkcs8::DecodePrivateKey;
        let key_pem = std::fs::read_to_string(key).unwrap();
        let signing = p256::ecdsa::SigningKey::from_pkcs8_pem(&key_pem).expect("token signer key");
        let cert_pem = std::fs::read_to_string(cert).unwrap();
        let der_b64: String = cert_pem
            .lines()
            .filter(|l| !l.starts_with("-----"))
            .collect();
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        listener.set_nonblocking(true).unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = stop.clone();
        let expected = format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"))
        );
        thread::spawn(move || {
            while !stopped.load(Ordering::Relaxed) {
                let Ok((stream, _)) = listener.accept() else {
                    thread::sleep(Duration::from_millis(20));
                    continue;
                };
                stream.set_nonblocking(false).unwrap();
                let _ = serve_token(stream, &signing, &der_b64, &expected, user);
            }
        });
        TokenServer { port, stop }
    }
}

impl Drop for TokenServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

fn b64url(data: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(data)
}

fn serve_token(
    mut stream: TcpStream,
    key: &p256::ecdsa::SigningKey,
    x5c: &str,
    expected: &str,
    user: &str,
) -> std::io::Result<()> {
    use p256::ecdsa::signature::Signer;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    let mut authorization = String::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line)?;
        if line.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("authorization") {
                authorization = value.trim().to_owned();
            }
        }
    }
    if authorization != expected {
        return stream.write_all(
            b"HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        );
    }
    let query = request_line.split_whitespace().nth(1).unwrap_or_default();
    let param = |name: &str| {
        query
            .split_once('?')
            .map(|(_, q)| q)
            .unwrap_or_default()
            .split('&')
            .find_map(|kv| {
                let (k, v) = kv.split_once('=')?;
                (k == name).then(|| percent_decode(v))
            })
    };
    let scope = param("scope").unwrap_or_default();
    let mut access = Vec::new();
    let parts: Vec<&str> = scope.split(':').collect();
    if let [kind, name, actions] = parts.as_slice() {
        access.push(serde_json::json!({"type": kind, "name": name, "actions": actions.split(',').collect::<Vec<_>>()}));
    }
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let header = serde_json::json!({"typ": "JWT", "alg": "ES256", "x5c": [x5c]});
    let claims = serde_json::json!({
        "iss": "tallyman-test-issuer", "sub": user, "aud": "tallyman-test",
        "exp": now + 600, "nbf": now - 60, "iat": now, "jti": format!("{now}-{}", scope.len()),
        "access": access,
    });
    let signing_input = format!(
        "{}.{}",
        b64url(header.to_string().as_bytes()),
        b64url(claims.to_string().as_bytes())
    );
    let signature: p256::ecdsa::Signature = key.sign(signing_input.as_bytes());
    let token = format!("{signing_input}.{}", b64url(&signature.to_bytes()));
    let body =
        serde_json::json!({"token": token, "access_token": token, "expires_in": 600}).to_string();
    write!(
        stream,
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(v) = u8::from_str_radix(&text[i + 1..i + 3], 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(if bytes[i] == b'+' { b' ' } else { bytes[i] });
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A TCP proxy to `upstream` that sends the client at most `bytes_per_sec`.
pub struct ThrottledProxy {
    pub port: u16,
}

impl ThrottledProxy {
    pub fn start(upstream: u16, bytes_per_sec: usize) -> ThrottledProxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        thread::spawn(move || {
            for client in listener.incoming() {
                let Ok(client) = client else { continue };
                forward(client, upstream, Some(bytes_per_sec));
            }
        });
        ThrottledProxy { port }
    }
}

/// A TCP proxy to `upstream` whose first connections get canned error
/// responses (e.g. 503, then 429 with Retry-After) before it starts forwarding.
pub struct FlakyProxy {
    pub port: u16,
    pub served_errors: Arc<std::sync::atomic::AtomicUsize>,
}

impl FlakyProxy {
    pub fn start(upstream: u16, errors: Vec<&'static str>) -> FlakyProxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let served = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let counter = served.clone();
        thread::spawn(move || {
            let mut errors = errors.into_iter();
            for client in listener.incoming() {
                let Ok(mut client) = client else { continue };
                if let Some(status) = errors.next() {
                    let mut head = [0u8; 4096];
                    let _ = client.read(&mut head);
                    let _ = write!(
                        client,
                        "HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    );
                    counter.fetch_add(1, Ordering::SeqCst);
                    continue;
                }
                forward(client, upstream, None);
            }
        });
        FlakyProxy {
            port,
            served_errors: served,
        }
    }
}

/// Relays one client connection to `upstream`, sending the client at most
/// `bytes_per_sec` when given; the client is cut off when upstream goes away.
fn forward(client: TcpStream, upstream: u16, bytes_per_sec: Option<usize>) {
    let Ok(server) = TcpStream::connect(("127.0.0.1", upstream)) else {
        return;
    };
    let (mut c_read, mut s_write) = (client.try_clone().unwrap(), server.try_clone().unwrap());
    thread::spawn(move || {
        let _ = std::io::copy(&mut c_read, &mut s_write);
    });
    let (mut s_read, mut c_write) = (server, client);
    thread::spawn(move || {
        let mut buf = vec![0u8; 16 * 1024];
        let pause =
            bytes_per_sec.map(|rate| Duration::from_secs_f64(buf.len() as f64 / rate as f64));
        loop {
            match s_read.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    if c_write.write_all(&buf[..n]).is_err() {
                        break;
                    }
                    if let Some(pause) = pause {
                        thread::sleep(pause);
                    }
                }
            }
        }
        let _ = c_write.shutdown(std::net::Shutdown::Both);
    });
}

/// A proxy to `upstream` that cuts blob transfers short: the first `cuts`
/// GETs of a path containing `cut_path` are answered with the registry's
/// headers and only the first `keep` bytes of the body, then the connection
/// is closed (a dropped connection mid-blob). Everything else, range
/// requests included, is relayed whole, one request per connection.
pub struct CutProxy {
    pub port: u16,
    /// The GETs of `cut_path` seen, each with its Range header (if any).
    pub requests: Arc<std::sync::Mutex<Vec<Option<String>>>>,
}

impl CutProxy {
    pub fn start(upstream: u16, cut_path: String, cuts: usize, keep: usize) -> CutProxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let requests: Arc<std::sync::Mutex<Vec<Option<String>>>> = Arc::default();
        let seen = requests.clone();
        let left = Arc::new(std::sync::atomic::AtomicUsize::new(cuts));
        thread::spawn(move || {
            for client in listener.incoming() {
                let Ok(client) = client else { continue };
                let (cut_path, seen, left) = (cut_path.clone(), seen.clone(), left.clone());
                thread::spawn(move || {
                    let _ = serve_cut(client, upstream, &cut_path, &seen, &left, keep);
                });
            }
        });
        CutProxy { port, requests }
    }

    pub fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }
}

/// Sends one request to `upstream` (on a connection of its own, closed
/// after the answer) and returns the whole response.
fn relay(
    upstream: u16,
    request_line: &str,
    headers: &[(String, String)],
    body: &[u8],
) -> std::io::Result<Vec<u8>> {
    let mut server = TcpStream::connect(("127.0.0.1", upstream))?;
    write!(server, "{request_line}\r\n")?;
    for (k, v) in headers {
        if !k.eq_ignore_ascii_case("connection") {
            write!(server, "{k}: {v}\r\n")?;
        }
    }
    write!(server, "Connection: close\r\n\r\n")?;
    server.write_all(body)?;
    let mut response = Vec::new();
    server.read_to_end(&mut response)?;
    Ok(response)
}

fn serve_cut(
    client: TcpStream,
    upstream: u16,
    cut_path: &str,
    seen: &std::sync::Mutex<Vec<Option<String>>>,
    left: &std::sync::atomic::AtomicUsize,
    keep: usize,
) -> std::io::Result<()> {
    let mut reader = BufReader::new(client.try_clone()?);
    let mut client = client;
    let (request_line, headers, body) = read_message(&mut reader)?;
    let response = relay(upstream, &request_line, &headers, &body)?;
    let cut = request_line.starts_with("GET ") && request_line.contains(cut_path);
    if cut {
        let range = headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("range"))
            .map(|(_, v)| v.clone());
        seen.lock().unwrap().push(range);
    }
    let cutting = cut
        && left
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
            .is_ok();
    if cutting {
        let head_end = response
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .map_or(response.len(), |p| p + 4);
        let end = (head_end + keep).min(response.len());
        client.write_all(&response[..end])?;
        return client.shutdown(std::net::Shutdown::Both);
    }
    client.write_all(&response)
}

/// The OCI 1.1 referrers API in front of a registry that lacks it (Debian's
/// docker-registry 2.8; no registry packaged for Debian has it), per the
/// distribution spec: a manifest pushed with a `subject` is answered with
/// `OCI-Subject` and listed at `GET /v2/<name>/referrers/<digest>`
/// (filtered by `?artifactType=`). Every other request goes to the registry
/// unchanged, one request per connection.
pub struct ReferrersApi {
    pub port: u16,
}

type Listed = Arc<std::sync::Mutex<Vec<(String, String, serde_json::Value)>>>;

impl ReferrersApi {
    pub fn start(upstream: u16) -> ReferrersApi {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let listed: Listed = Arc::default();
        thread::spawn(move || {
            for client in listener.incoming() {
                let Ok(client) = client else { continue };
                let listed = listed.clone();
                thread::spawn(move || {
                    let _ = serve_with_referrers(client, upstream, &listed);
                });
            }
        });
        ReferrersApi { port }
    }

    pub fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }
}

/// An HTTP message: its first line (or status), headers, body.
type Message = (String, Vec<(String, String)>, Vec<u8>);

/// Reads one HTTP message head and its Content-Length body.
fn read_message(stream: &mut impl BufRead) -> std::io::Result<Message> {
    let mut first = String::new();
    stream.read_line(&mut first)?;
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        stream.read_line(&mut line)?;
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            headers.push((k.trim().to_owned(), v.trim().to_owned()));
        }
    }
    let length = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    stream.read_exact(&mut body)?;
    Ok((first.trim_end().to_owned(), headers, body))
}

fn serve_with_referrers(client: TcpStream, upstream: u16, listed: &Listed) -> std::io::Result<()> {
    let mut reader = BufReader::new(client.try_clone()?);
    let mut client = client;
    let (request_line, headers, body) = read_message(&mut reader)?;
    let mut parts = request_line.split(' ');
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let path = target.split('?').next().unwrap_or(target);
    if method == "GET" && path.contains("/referrers/") {
        let (name, digest) = path
            .trim_start_matches("/v2/")
            .split_once("/referrers/")
            .unwrap();
        let wanted = target
            .split_once("artifactType=")
            .map(|(_, t)| percent_decode(t.split('&').next().unwrap()));
        let manifests: Vec<serde_json::Value> = listed
            .lock()
            .unwrap()
            .iter()
            .filter(|(n, d, entry)| {
                n == name
                    && d == digest
                    && wanted
                        .as_ref()
                        .is_none_or(|t| entry["artifactType"] == t.as_str())
            })
            .map(|(_, _, entry)| entry.clone())
            .collect();
        let index = serde_json::to_vec(&serde_json::json!({
            "schemaVersion": 2,
            "mediaType": "application/vnd.oci.image.index.v1+json",
            "manifests": manifests,
        }))
        .unwrap();
        write!(
            client,
            "HTTP/1.1 200 OK\r\nContent-Type: application/vnd.oci.image.index.v1+json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            index.len()
        )?;
        return client.write_all(&index);
    }
    let response = relay(upstream, &request_line, &headers, &body)?;
    let head_end = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map_or(response.len(), |p| p + 4);
    let (head, rest) = response.split_at(head_end);
    let mut head = String::from_utf8_lossy(head).into_owned();
    let pushed_manifest =
        method == "PUT" && path.contains("/manifests/") && head.starts_with("HTTP/1.1 201");
    let manifest: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
    if let (true, Some(subject)) = (pushed_manifest, manifest["subject"]["digest"].as_str()) {
        let name = path
            .trim_start_matches("/v2/")
            .split("/manifests/")
            .next()
            .unwrap();
        let digest = super::oci::sha256(&body);
        let mut entry = serde_json::json!({
            "mediaType": manifest["mediaType"],
            "digest": digest,
            "size": body.len(),
            "artifactType": manifest["artifactType"].as_str().or(manifest["config"]["mediaType"].as_str()),
        });
        if manifest["annotations"].is_object() {
            entry["annotations"] = manifest["annotations"].clone();
        }
        listed
            .lock()
            .unwrap()
            .push((name.to_owned(), subject.to_owned(), entry));
        head.insert_str(head.len() - 2, &format!("OCI-Subject: {subject}\r\n"));
    }
    client.write_all(head.as_bytes())?;
    client.write_all(rest)
}
