#!/usr/bin/env python3
"""A local stand-in for Sigstore's public-good services, for tests only.

The test machines cannot reach the real services (https://fulcio.sigstore.dev,
https://rekor.sigstore.dev, Rekor v2 log shards, https://timestamp.sigstore.dev,
https://token.actions.githubusercontent.com), so this script plays all of them
on one loopback HTTP server, with freshly generated keys each run. It is NOT
Sigstore: it keeps everything in memory, trusts only its own issuer, and none
of its keys or logs mean anything outside the test that started it.

Usage:  python3 sigstore_standin.py DIR

Starts one threaded HTTP server on 127.0.0.1 (ephemeral port) and writes into
DIR: trusted_root.json, signing_config.json (Rekor v1 + v2 + TSA),
signing_config_v1.json (Rekor v1 only, no TSA), signing_config_v2.json
(Rekor v2 + TSA), client_trust_config{,_v1,_v2}.json (sigstore-python's
ClientTrustConfig around each signing config), token (a GitHub-Actions-shaped
identity token for audience "sigstore"), gha_request_token, and LAST, atomically,
url (the base URL).  Serves until SIGTERM/SIGINT.

Services (BASE is the URL in DIR/url):
  OIDC issuer   GET  /.well-known/openid-configuration, /jwks  (iss = BASE, ES256)
                GET  /gha/token?audience=X   (Authorization: bearer <gha_request_token>)
                GET  /mint?aud=X&exp_in=SECONDS&sub=S&email=E   (raw JWT, for negative tests)
  Fulcio        POST /api/v2/signingCert   GET /api/v2/trustBundle
  CT log        (no endpoint: Fulcio embeds an SCT signed with the CT log key)
  Rekor v1      POST /api/v1/log/entries   GET /api/v1/log, /api/v1/log/entries/UUID
  Rekor v2      POST /v2-log/api/v2/log/entries
  RFC 3161 TSA  POST /api/v1/timestamp   GET /api/v1/timestamp/certchain
  Faults        POST /control {"fault": NAME}  GET /control  (or env SIGSTORE_STANDIN_FAULT)
                NAME: none | fulcio-foreign-chain | rekor-bad-proof | tsa-bad

Dependencies (PyPI): cryptography, asn1crypto (RFC 3161 / CMS encoding).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import os
import secrets
import signal
import struct
import sys
import threading
import traceback
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from asn1crypto import cms as asn1_cms
from asn1crypto import tsp as asn1_tsp
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import (
    Prehashed,
    decode_dss_signature,
    encode_dss_signature,
)
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

FAULTS = ("none", "fulcio-foreign-chain", "rekor-bad-proof", "tsa-bad")
AUDIENCE = "sigstore"
GITHUB = "https://github.com"
REPO = "octo-org/octo-repo"
WORKFLOW_REF = f"{REPO}/.github/workflows/release.yml@refs/heads/main"
DEFAULT_SUB = f"repo:{REPO}:ref:refs/heads/main"
COMMIT = "0123456789abcdef0123456789abcdef01234567"
TOKEN_LIFETIME = 3600
LEAF_LIFETIME = dt.timedelta(minutes=10)
V2_PATH = "/v2-log"
OPERATOR = "sigstore-standin.invalid"
SEED_LEAF = b'{"sigstore-standin":"seed leaf"}'
FULCIO_OID = "1.3.6.1.4.1.57264.1."
SCT_LIST_OID = x509.ObjectIdentifier("1.3.6.1.4.1.11129.2.4.2")
TSA_POLICY_OID = "1.3.6.1.4.1.57264.2"
HASHES = {"sha256": hashes.SHA256, "sha384": hashes.SHA384, "sha512": hashes.SHA512}
# Rekor v2 key details we accept: name -> (curve, hash, proto hash name).
V2_KEY_DETAILS = {
    "PKIX_ECDSA_P256_SHA_256": (ec.SECP256R1, hashes.SHA256, "SHA2_256"),
    "PKIX_ECDSA_P384_SHA_384": (ec.SECP384R1, hashes.SHA384, "SHA2_384"),
    "PKIX_ECDSA_P521_SHA_512": (ec.SECP521R1, hashes.SHA512, "SHA2_512"),
}


class HTTPError(Exception):
    """An error answered to the client as JSON with an HTTP status."""

    def __init__(self, status: int, message: str, body: dict | None = None):
        super().__init__(message)
        self.status = status
        self.body = body or {"code": status, "message": message}


def grpc_error(status: int, grpc_code: int, message: str) -> HTTPError:
    """An error shaped like grpc-gateway's (Fulcio, Rekor v2)."""
    return HTTPError(status, message, {"code": grpc_code, "message": message, "details": []})


# --- encodings ---------------------------------------------------------------


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def unb64(text: str) -> bytes:
    return base64.b64decode(text, validate=True)


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def canonical_json(obj: object) -> bytes:
    """RFC 8785 (JCS) for the ASCII-keyed, integer/string documents used here."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def der(tag: int, content: bytes) -> bytes:
    """One DER TLV (definite length)."""
    n = len(content)
    if n < 0x80:
        return bytes([tag, n]) + content
    length = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([tag, 0x80 | len(length)]) + length + content


def der_utf8(text: str) -> bytes:
    return der(0x0C, text.encode())


def spki_der(public_key) -> bytes:
    return public_key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def key_id(public_key) -> bytes:
    """Sigstore's key/log ID: SHA-256 of the DER SubjectPublicKeyInfo."""
    return hashlib.sha256(spki_der(public_key)).digest()


def cert_pem(cert: x509.Certificate) -> str:
    return cert.public_bytes(serialization.Encoding.PEM).decode()


def cert_der(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.DER)


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def rfc3339(when: dt.datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


# --- signatures ----------------------------------------------------------------


def ecdsa_hash(public_key: ec.EllipticCurvePublicKey) -> hashes.HashAlgorithm:
    """The hash Sigstore pairs with an ECDSA curve."""
    return {256: hashes.SHA256, 384: hashes.SHA384, 521: hashes.SHA512}[public_key.curve.key_size]()


def verify_message(public_key, signature: bytes, message: bytes) -> None:
    """Verify a signature over a whole message (PoP, DSSE PAE). Raises HTTPError 400."""
    try:
        if isinstance(public_key, ec.EllipticCurvePublicKey):
            public_key.verify(signature, message, ec.ECDSA(ecdsa_hash(public_key)))
        elif isinstance(public_key, rsa.RSAPublicKey):
            public_key.verify(signature, message, padding.PKCS1v15(), hashes.SHA256())
        elif isinstance(public_key, ed25519.Ed25519PublicKey):
            public_key.verify(signature, message)
        else:
            raise HTTPError(400, f"unsupported key type {type(public_key).__name__}")
    except InvalidSignature:
        raise HTTPError(400, "signature verification failed") from None


def verify_digest(public_key, signature: bytes, digest: bytes, hash_alg: hashes.HashAlgorithm) -> None:
    """Verify a signature over a pre-computed digest (hashedrekord). Raises HTTPError 400."""
    if len(digest) != hash_alg.digest_size:
        raise HTTPError(400, "digest length does not match the hash algorithm")
    try:
        if isinstance(public_key, ec.EllipticCurvePublicKey):
            public_key.verify(signature, digest, ec.ECDSA(Prehashed(hash_alg)))
        elif isinstance(public_key, rsa.RSAPublicKey):
            public_key.verify(signature, digest, padding.PKCS1v15(), Prehashed(hash_alg))
        else:
            raise HTTPError(400, f"unsupported key type {type(public_key).__name__} for hashedrekord")
    except InvalidSignature:
        raise HTTPError(400, "signature verification failed") from None


def load_verifier_pem(pem: bytes) -> tuple[object, str]:
    """A PEM certificate or public key -> (public key, canonical PEM as Rekor stores it)."""
    try:
        if b"CERTIFICATE" in pem:
            cert = x509.load_pem_x509_certificate(pem)
            return cert.public_key(), cert_pem(cert)
        key = serialization.load_pem_public_key(pem)
        return key, key.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        ).decode()
    except ValueError as exc:
        raise HTTPError(400, f"cannot parse verifier: {exc}") from None


def dsse_pae(payload_type: str, payload: bytes) -> bytes:
    t = payload_type.encode()
    return b"DSSEv1 %d %s %d %s" % (len(t), t, len(payload), payload)


# --- certificate authorities ------------------------------------------------------


@dataclass
class CA:
    """A signing CA: its key, its certificate, and its chain up to the root (inclusive)."""

    key: ec.EllipticCurvePrivateKey
    cert: x509.Certificate
    chain: list[x509.Certificate]


def _ca_cert(name: str, key, parent: CA | None, path_len: int, eku=None) -> x509.Certificate:
    start = now_utc() - dt.timedelta(hours=1)
    subject = x509.Name([
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "sigstore-standin"),
        x509.NameAttribute(NameOID.COMMON_NAME, name),
    ])
    issuer_key = parent.key if parent else key
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(parent.cert.subject if parent else subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=path_len), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()), critical=False
        )
    )
    if eku:
        builder = builder.add_extension(x509.ExtendedKeyUsage(eku), critical=False)
    return builder.sign(issuer_key, hashes.SHA384())


def make_ca(name: str) -> CA:
    """A root CA and an intermediate under it, as Fulcio has; returns the intermediate."""
    root_key = ec.generate_private_key(ec.SECP384R1())
    root = CA(root_key, _ca_cert(f"{name} root", root_key, None, 1), [])
    root.chain = [root.cert]
    key = ec.generate_private_key(ec.SECP384R1())
    cert = _ca_cert(f"{name} intermediate", key, root, 0, [ExtendedKeyUsageOID.CODE_SIGNING])
    return CA(key, cert, [cert, root.cert])


def make_tsa() -> CA:
    """A TSA root and a TSA signing certificate (timeStamping EKU, critical)."""
    root_key = ec.generate_private_key(ec.SECP384R1())
    root = CA(root_key, _ca_cert("tsa root", root_key, None, 0), [])
    key = ec.generate_private_key(ec.SECP256R1())
    start = now_utc() - dt.timedelta(hours=1)
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "sigstore-standin"),
            x509.NameAttribute(NameOID.COMMON_NAME, "tsa signer"),
        ]))
        .issuer_name(root.cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=3650))
        .add_extension(
            x509.KeyUsage(True, False, False, False, False, False, False, False, False), critical=True
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()), critical=False
        )
        .sign(root_key, hashes.SHA384())
    )
    return CA(key, cert, [cert, root.cert])


# --- Merkle tree (RFC 6962) ---------------------------------------------------------


def leaf_hash(data: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def _split(n: int) -> int:
    """Largest power of two strictly below n (n >= 2)."""
    return 1 << ((n - 1).bit_length() - 1)


def merkle_root(leaves: list[bytes]) -> bytes:
    if not leaves:
        return hashlib.sha256(b"").digest()
    if len(leaves) == 1:
        return leaves[0]
    k = _split(len(leaves))
    return node_hash(merkle_root(leaves[:k]), merkle_root(leaves[k:]))


def inclusion_path(index: int, leaves: list[bytes]) -> list[bytes]:
    """RFC 6962 PATH(m, D[n]), ordered from the leaf upwards."""
    if len(leaves) <= 1:
        return []
    k = _split(len(leaves))
    if index < k:
        return inclusion_path(index, leaves[:k]) + [merkle_root(leaves[k:])]
    return inclusion_path(index - k, leaves[k:]) + [merkle_root(leaves[:k])]


@dataclass
class Log:
    """An append-only log of canonicalized entry bodies, with a checkpoint signer.

    Like any production log it is never empty: it starts with one seed leaf, so no
    client entry sits at index 0 of a one-leaf tree. (Protobuf JSON omits a zero
    logIndex and an empty hashes list, and sigstore-python rejects such bundles.)
    """

    origin: str
    note_name: str
    sign_note: object  # callable(bytes) -> bytes, signature over the note text
    note_key_hash: bytes  # 4 bytes, as in the signed-note signature line
    bodies: list[bytes] = field(default_factory=lambda: [SEED_LEAF])
    leaves: list[bytes] = field(default_factory=lambda: [leaf_hash(SEED_LEAF)])

    def append(self, body: bytes) -> int:
        digest = leaf_hash(body)
        if digest in self.leaves:
            raise HTTPError(409, f"an equivalent entry already exists at index {self.leaves.index(digest)}")
        self.bodies.append(body)
        self.leaves.append(digest)
        return len(self.leaves) - 1

    def checkpoint(self, corrupt: bool = False) -> tuple[bytes, int, str]:
        """(root, tree size, signed checkpoint note) of the current tree.

        With `corrupt`, the checkpoint signs a root that no inclusion path leads to.
        """
        size = len(self.leaves)
        root = merkle_root(self.leaves)
        if corrupt:
            root = hashlib.sha256(b"rekor-bad-proof" + root).digest()
        note = f"{self.origin}\n{size}\n{b64(root)}\n"
        sig = self.sign_note(note.encode())
        return root, size, f"{note}\n\u2014 {self.note_name} {b64(self.note_key_hash + sig)}\n"

    def proof(self, index: int, corrupt: bool = False) -> tuple[bytes, int, list[bytes], str]:
        """(root, tree size, inclusion path, signed checkpoint) for the entry at `index`."""
        root, size, checkpoint = self.checkpoint(corrupt)
        return root, size, inclusion_path(index, self.leaves), checkpoint


# --- the instance -----------------------------------------------------------------------


class Standin:
    """All keys, logs and fault state of one stand-in instance."""

    def __init__(self, base: str, fault: str):
        self.base = base
        self.fault = fault
        self.lock = threading.Lock()
        self.started = now_utc() - dt.timedelta(minutes=5)
        self.gha_request_token = secrets.token_urlsafe(32)

        self.oidc_key = ec.generate_private_key(ec.SECP256R1())
        self.oidc_kid = b64url(key_id(self.oidc_key.public_key())[:16])
        self.fulcio = make_ca("fulcio")
        self.foreign = make_ca("foreign (untrusted)")
        self.ct_key = ec.generate_private_key(ec.SECP256R1())
        self.tsa = make_tsa()

        host = urlsplit(base).netloc
        self.rekor_key = ec.generate_private_key(ec.SECP256R1())
        self.rekor_log_id = key_id(self.rekor_key.public_key())
        self.tree_id = secrets.randbits(63)
        self.rekor = Log(
            origin=f"{host} - {self.tree_id}",
            note_name=host,
            sign_note=lambda msg: self.rekor_key.sign(msg, ec.ECDSA(hashes.SHA256())),
            note_key_hash=self.rekor_log_id[:4],
        )
        # Rekor v2 (rekor-tiles): Ed25519 note key; the log ID is the C2SP signed-note
        # key hash sha256(origin || "\n" || 0x01 || raw key), not truncated.
        self.rekor2_key = ed25519.Ed25519PrivateKey.generate()
        origin2 = host + V2_PATH
        raw2 = self.rekor2_key.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        self.rekor2_log_id = hashlib.sha256(origin2.encode() + b"\n\x01" + raw2).digest()
        self.rekor2 = Log(
            origin=origin2,
            note_name=origin2,
            sign_note=self.rekor2_key.sign,
            note_key_hash=self.rekor2_log_id[:4],
        )

    # --- OIDC -----------------------------------------------------------------

    def github_claims(self, aud: str, exp_in: int, sub: str = DEFAULT_SUB) -> dict:
        """Claims as GitHub Actions' OIDC issuer gives them (with iss = this stand-in)."""
        now = int(now_utc().timestamp())
        return {
            "jti": str(uuid.uuid4()),
            "sub": sub,
            "aud": aud,
            "ref": "refs/heads/main",
            "sha": COMMIT,
            "repository": REPO,
            "repository_owner": "octo-org",
            "repository_owner_id": "1000001",
            "repository_id": "2000002",
            "repository_visibility": "public",
            "run_id": "4242424242",
            "run_number": "7",
            "run_attempt": "1",
            "actor": "octocat",
            "actor_id": "3000003",
            "workflow": "Release",
            "head_ref": "",
            "base_ref": "",
            "event_name": "push",
            "ref_protected": "true",
            "ref_type": "branch",
            "workflow_ref": WORKFLOW_REF,
            "workflow_sha": COMMIT,
            "job_workflow_ref": WORKFLOW_REF,
            "job_workflow_sha": COMMIT,
            "runner_environment": "github-hosted",
            "iss": self.base,
            "nbf": now - 5,
            "iat": now,
            "exp": now + exp_in,
        }

    def sign_jwt(self, claims: dict) -> str:
        header = {"alg": "ES256", "typ": "JWT", "kid": self.oidc_kid}
        signing_input = f"{b64url(json.dumps(header).encode())}.{b64url(json.dumps(claims).encode())}"
        r, s = decode_dss_signature(self.oidc_key.sign(signing_input.encode(), ec.ECDSA(hashes.SHA256())))
        return f"{signing_input}.{b64url(r.to_bytes(32, 'big') + s.to_bytes(32, 'big'))}"

    def verify_jwt(self, token: str) -> dict:
        """Authenticate an identity token as Fulcio does for this issuer. Raises HTTPError 401."""
        try:
            head, body, sig = token.split(".")
            header = json.loads(unb64url(head))
            claims = json.loads(unb64url(body))
            raw = unb64url(sig)
        except ValueError:
            raise grpc_error(401, 16, "malformed identity token") from None
        if header.get("alg") != "ES256" or len(raw) != 64:
            raise grpc_error(401, 16, "unsupported identity token algorithm")
        try:
            der_sig = encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big"))
            self.oidc_key.public_key().verify(der_sig, f"{head}.{body}".encode(), ec.ECDSA(hashes.SHA256()))
        except InvalidSignature:
            raise grpc_error(401, 16, "identity token signature does not verify") from None
        if claims.get("iss") != self.base:
            raise grpc_error(401, 16, f"unknown identity token issuer {claims.get('iss')!r}")
        aud = claims.get("aud")
        if AUDIENCE not in (aud if isinstance(aud, list) else [aud]):
            raise grpc_error(401, 16, f"identity token audience {aud!r} is not {AUDIENCE!r}")
        now = now_utc().timestamp()
        if not isinstance(claims.get("exp"), int) or claims["exp"] <= now:
            raise grpc_error(401, 16, "identity token has expired")
        if claims.get("nbf", 0) > now + 60:
            raise grpc_error(401, 16, "identity token is not yet valid")
        return claims

    def openid_configuration(self) -> dict:
        return {
            "issuer": self.base,
            "jwks_uri": f"{self.base}/jwks",
            "subject_types_supported": ["public", "pairwise"],
            "response_types_supported": ["id_token"],
            "id_token_signing_alg_values_supported": ["ES256"],
            "claims_supported": sorted(self.github_claims(AUDIENCE, 0)),
            "scopes_supported": ["openid"],
        }

    def jwks(self) -> dict:
        numbers = self.oidc_key.public_key().public_numbers()
        return {"keys": [{
            "kty": "EC", "crv": "P-256", "alg": "ES256", "use": "sig", "kid": self.oidc_kid,
            "x": b64url(numbers.x.to_bytes(32, "big")), "y": b64url(numbers.y.to_bytes(32, "big")),
        }]}

    # --- Fulcio ---------------------------------------------------------------

    def signing_cert(self, request: dict, bearer: str | None) -> dict:
        """Fulcio's CreateSigningCertificate: authenticate, check key possession, issue."""
        token = (request.get("credentials") or {}).get("oidcIdentityToken") or bearer
        if not token:
            raise grpc_error(401, 16, "missing identity token")
        claims = self.verify_jwt(token)
        principal = claims.get("email") if "email" in claims else claims.get("sub")
        if "email" in claims and claims.get("email_verified") is not True:
            raise grpc_error(400, 3, "email_verified claim must be true")
        if "certificateSigningRequest" in request:
            public_key = self._csr_key(request["certificateSigningRequest"])
        elif "publicKeyRequest" in request:
            public_key = self._pop_key(request["publicKeyRequest"], principal)
        else:
            raise grpc_error(400, 3, "request has neither certificateSigningRequest nor publicKeyRequest")
        ca = self.fulcio if self.current_fault() != "fulcio-foreign-chain" else self.foreign
        leaf = self.issue_leaf(claims, public_key, ca)
        return {"signedCertificateEmbeddedSct": {"chain": {"certificates": [cert_pem(c) for c in [leaf, *ca.chain]]}}}

    @staticmethod
    def _csr_key(csr_b64: str):
        try:
            csr = x509.load_pem_x509_csr(unb64(csr_b64))
        except ValueError:
            raise grpc_error(400, 3, "The certificate signing request could not be parsed") from None
        if not csr.is_signature_valid:
            raise grpc_error(400, 3, "The signature supplied in the request could not be verified")
        return csr.public_key()

    @staticmethod
    def _pop_key(key_request: dict, principal: str):
        try:
            public_key = serialization.load_pem_public_key(key_request["publicKey"]["content"].encode())
            proof = unb64(key_request["proofOfPossession"])
        except (KeyError, TypeError, ValueError):
            raise grpc_error(400, 3, "The public key supplied in the request could not be parsed") from None
        try:
            verify_message(public_key, proof, principal.encode())
        except HTTPError:
            raise grpc_error(400, 3, "The signature supplied in the request could not be verified") from None
        return public_key

    def issue_leaf(self, claims: dict, public_key, ca: CA) -> x509.Certificate:
        """Issue a Fulcio-style leaf with an embedded SCT (RFC 6962 precertificate flow)."""
        start = now_utc()
        builder = (
            x509.CertificateBuilder()
            .subject_name(x509.Name([]))
            .issuer_name(ca.cert.subject)
            .public_key(public_key)
            .serial_number(x509.random_serial_number())
            .not_valid_before(start)
            .not_valid_after(start + LEAF_LIFETIME)
            .add_extension(
                x509.KeyUsage(True, False, False, False, False, False, False, False, False), critical=True
            )
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CODE_SIGNING]), critical=False)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.key.public_key()), critical=False
            )
        )
        if "email" in claims:
            san = x509.RFC822Name(claims["email"])
        else:
            san = x509.UniformResourceIdentifier(f"{GITHUB}/{claims['job_workflow_ref']}")
        builder = builder.add_extension(x509.SubjectAlternativeName([san]), critical=True)
        for oid, value in fulcio_extensions(claims):
            builder = builder.add_extension(x509.UnrecognizedExtension(x509.ObjectIdentifier(oid), value), critical=False)

        # The CT log signs the precertificate's TBS with the poison extension removed,
        # which is the TBS of this same certificate without poison and without SCTs.
        precert_tbs = builder.sign(ca.key, hashes.SHA384()).tbs_certificate_bytes
        sct = self.sct(precert_tbs, key_id(ca.key.public_key()))
        sct_list = struct.pack("!H", len(sct)) + sct
        sct_ext = der(0x04, struct.pack("!H", len(sct_list)) + sct_list)
        return builder.add_extension(x509.UnrecognizedExtension(SCT_LIST_OID, sct_ext), critical=False).sign(
            ca.key, hashes.SHA384()
        )

    def sct(self, tbs: bytes, issuer_key_hash: bytes) -> bytes:
        """A v1 SCT over a precertificate entry, TLS-encoded (RFC 6962 section 3.2)."""
        timestamp = int(now_utc().timestamp() * 1000)
        signed = (
            struct.pack("!BBQH", 0, 0, timestamp, 1)  # v1, certificate_timestamp, precert_entry
            + issuer_key_hash
            + len(tbs).to_bytes(3, "big") + tbs
            + struct.pack("!H", 0)  # no extensions
        )
        signature = self.ct_key.sign(signed, ec.ECDSA(hashes.SHA256()))
        return (
            struct.pack("!B", 0) + key_id(self.ct_key.public_key()) + struct.pack("!QH", timestamp, 0)
            + struct.pack("!BBH", 4, 3, len(signature)) + signature  # sha256, ecdsa
        )

    # --- Rekor v1 -------------------------------------------------------------

    def rekor_v1_create(self, proposed: dict) -> tuple[str, dict]:
        """Verify and log a hashedrekord/dsse v0.0.1 proposed entry; answer as Rekor does."""
        kind, version = proposed.get("kind"), proposed.get("apiVersion")
        if version != "0.0.1" or kind not in ("hashedrekord", "dsse"):
            raise HTTPError(400, f"unsupported entry type {kind}/{version}")
        try:
            spec = (hashedrekord_v001 if kind == "hashedrekord" else dsse_v001)(proposed["spec"])
        except (KeyError, TypeError, ValueError) as exc:
            raise HTTPError(400, f"invalid {kind} entry: {exc}") from None
        body = canonical_json({"apiVersion": version, "kind": kind, "spec": spec})
        corrupt = self.current_fault() == "rekor-bad-proof"
        with self.lock:
            index = self.rekor.append(body)
            integrated = int(now_utc().timestamp())
            root, size, path, checkpoint = self.rekor.proof(index, corrupt)
        entry = {
            "body": b64(body),
            "integratedTime": integrated,
            "logID": self.rekor_log_id.hex(),
            "logIndex": index,
        }
        set_sig = self.rekor_key.sign(canonical_json(entry), ec.ECDSA(hashes.SHA256()))
        entry["verification"] = {
            "signedEntryTimestamp": b64(set_sig),
            "inclusionProof": {
                "logIndex": index,
                "rootHash": root.hex(),
                "treeSize": size,
                "hashes": [h.hex() for h in path],
                "checkpoint": checkpoint,
            },
        }
        return self.rekor_uuid(index), entry

    def rekor_uuid(self, index: int) -> str:
        return f"{self.tree_id:016x}{self.rekor.leaves[index].hex()}"

    def rekor_v1_get(self, entry_uuid: str) -> dict:
        with self.lock:
            for index in range(len(self.rekor.leaves)):
                if entry_uuid in (self.rekor_uuid(index), self.rekor.leaves[index].hex()):
                    root, size, path, checkpoint = self.rekor.proof(index)
                    body = self.rekor.bodies[index]
                    break
            else:
                raise HTTPError(404, "entry not found")
        return {self.rekor_uuid(index): {
            "body": b64(body),
            "logID": self.rekor_log_id.hex(),
            "logIndex": index,
            "verification": {"inclusionProof": {
                "logIndex": index, "rootHash": root.hex(), "treeSize": size,
                "hashes": [h.hex() for h in path], "checkpoint": checkpoint,
            }},
        }}

    def rekor_v1_log_info(self) -> dict:
        with self.lock:
            root, size, checkpoint = self.rekor.checkpoint()
        return {"rootHash": root.hex(), "treeSize": size, "signedTreeHead": checkpoint, "treeID": str(self.tree_id)}

    # --- Rekor v2 -------------------------------------------------------------

    def rekor_v2_create(self, request: dict) -> dict:
        """Rekor v2 CreateEntry: hashedrekord/0.0.2 only, as current rekor-tiles."""
        if "hashedRekordRequestV002" not in request:
            # rekor-tiles dropped dsseRequestV002 (sigstore/rekor-tiles#744).
            raise grpc_error(400, 3, "invalid type, must be hashedrekord")
        try:
            spec = hashedrekord_v002(request["hashedRekordRequestV002"])
        except (KeyError, TypeError, ValueError) as exc:
            raise grpc_error(400, 3, f"invalid hashedrekord request: {exc}") from None
        body = canonical_json({"kind": "hashedrekord", "apiVersion": "0.0.2", "spec": {"hashedRekordV002": spec}})
        corrupt = self.current_fault() == "rekor-bad-proof"
        with self.lock:
            index = self.rekor2.append(body)
            root, size, path, checkpoint = self.rekor2.proof(index, corrupt)
        return {
            "logIndex": str(index),
            "logId": {"keyId": b64(self.rekor2_log_id)},
            "kindVersion": {"kind": "hashedrekord", "version": "0.0.2"},
            "inclusionProof": {
                "logIndex": str(index),
                "rootHash": b64(root),
                "treeSize": str(size),
                "hashes": [b64(h) for h in path],
                "checkpoint": {"envelope": checkpoint},
            },
            "canonicalizedBody": b64(body),
        }

    # --- TSA --------------------------------------------------------------------

    def timestamp(self, body: bytes, content_type: str) -> bytes:
        """An RFC 3161 TimeStampResp (granted) for a DER TimeStampReq or the TSA's JSON request."""
        algorithm, hashed, nonce, cert_req = parse_timestamp_request(body, content_type)
        if self.current_fault() == "tsa-bad":
            hashed = hashlib.new(algorithm, b"not the signature").digest()
        gen_time = now_utc().replace(microsecond=0)
        info = {
            "version": "v1",
            "policy": TSA_POLICY_OID,
            "message_imprint": {"hash_algorithm": {"algorithm": algorithm}, "hashed_message": hashed},
            "serial_number": secrets.randbits(64),
            "gen_time": gen_time,
            "accuracy": {"seconds": 1},
        }
        if nonce is not None:
            info["nonce"] = nonce
        tst_info = asn1_tsp.TSTInfo(info)
        token = self._sign_cms(tst_info, gen_time, include_cert=cert_req)
        return asn1_tsp.TimeStampResp({"status": {"status": "granted"}, "time_stamp_token": token}).dump()

    def _sign_cms(self, tst_info, gen_time: dt.datetime, include_cert: bool):
        """CMS SignedData over a TSTInfo, signed by the TSA certificate."""
        leaf = self.tsa.cert
        attrs = [
            {"type": "content_type", "values": ["tst_info"]},
            {"type": "signing_time", "values": [asn1_cms.Time({"utc_time": gen_time})]},
            {"type": "message_digest", "values": [hashlib.sha256(tst_info.dump()).digest()]},
            {"type": "signing_certificate_v2", "values": [
                {"certs": [{"cert_hash": hashlib.sha256(cert_der(leaf)).digest()}]}
            ]},
        ]
        # DER orders a SET OF by encoding.
        attrs.sort(key=lambda a: asn1_cms.CMSAttribute(a).dump())
        signed_attrs = asn1_cms.CMSAttributes(attrs)
        signature = self.tsa.key.sign(signed_attrs.dump(), ec.ECDSA(hashes.SHA256()))
        signer = {
            "version": "v1",
            "sid": {"issuer_and_serial_number": {
                "issuer": asn1_cms.Name.load(leaf.issuer.public_bytes()),
                "serial_number": leaf.serial_number,
            }},
            "digest_algorithm": {"algorithm": "sha256"},
            "signed_attrs": signed_attrs,
            "signature_algorithm": {"algorithm": "sha256_ecdsa"},
            "signature": signature,
        }
        signed_data = {
            "version": "v3",
            "digest_algorithms": [{"algorithm": "sha256"}],
            "encap_content_info": {"content_type": "tst_info", "content": tst_info},
            "signer_infos": [signer],
        }
        if include_cert:
            signed_data["certificates"] = [asn1_cms.Certificate.load(cert_der(leaf))]
        return asn1_cms.ContentInfo({"content_type": "signed_data", "content": asn1_cms.SignedData(signed_data)})

    # --- faults ---------------------------------------------------------------------

    def current_fault(self) -> str:
        with self.lock:
            return self.fault

    def set_fault(self, name: str) -> None:
        if name not in FAULTS:
            raise HTTPError(400, f"unknown fault {name!r}; known: {', '.join(FAULTS)}")
        with self.lock:
            self.fault = name

    # --- trust material ---------------------------------------------------------------

    def trusted_root(self) -> dict:
        valid_for = {"start": rfc3339(self.started)}

        def tlog(url: str, public_key, details: str, log_id: bytes) -> dict:
            return {
                "baseUrl": url,
                "hashAlgorithm": "SHA2_256",
                "publicKey": {"rawBytes": b64(spki_der(public_key)), "keyDetails": details, "validFor": valid_for},
                "logId": {"keyId": b64(log_id)},
            }

        def authority(ca: CA, name: str, uri: str) -> dict:
            return {
                "subject": {"organization": "sigstore-standin", "commonName": name},
                "uri": uri,
                "certChain": {"certificates": [{"rawBytes": b64(cert_der(c))} for c in ca.chain]},
                "validFor": valid_for,
            }

        return {
            "mediaType": "application/vnd.dev.sigstore.trustedroot+json;version=0.1",
            "tlogs": [
                tlog(self.base, self.rekor_key.public_key(), "PKIX_ECDSA_P256_SHA_256", self.rekor_log_id),
                tlog(self.base + V2_PATH, self.rekor2_key.public_key(), "PKIX_ED25519", self.rekor2_log_id),
            ],
            "certificateAuthorities": [authority(self.fulcio, "fulcio", self.base)],
            "ctlogs": [tlog(self.base + "/ct", self.ct_key.public_key(), "PKIX_ECDSA_P256_SHA_256",
                            key_id(self.ct_key.public_key()))],
            "timestampAuthorities": [authority(self.tsa, "tsa", self.base + "/api/v1/timestamp")],
        }

    def signing_config(self, rekor_versions: tuple[int, ...], tsa: bool) -> dict:
        def service(url: str, version: int) -> dict:
            return {"url": url, "majorApiVersion": version,
                    "validFor": {"start": rfc3339(self.started)}, "operator": OPERATOR}

        rekor_urls = {1: self.base, 2: self.base + V2_PATH}
        config = {
            "mediaType": "application/vnd.dev.sigstore.signingconfig.v0.2+json",
            "caUrls": [service(self.base, 1)],
            "oidcUrls": [service(self.base, 1)],
            "rekorTlogUrls": [service(rekor_urls[v], v) for v in rekor_versions],
            "tsaUrls": [],
            "rekorTlogConfig": {"selector": "ANY"},
        }
        if tsa:  # no tsaConfig without TSAs: some clients (sigstore-js) then insist on one
            config["tsaUrls"] = [service(self.base + "/api/v1/timestamp", 1)]
            config["tsaConfig"] = {"selector": "ANY"}
        return config

    def write_files(self, out: Path) -> None:
        root = self.trusted_root()
        configs = {
            "": self.signing_config((1, 2), tsa=True),
            "_v1": self.signing_config((1,), tsa=False),
            "_v2": self.signing_config((2,), tsa=True),
        }
        files = {"trusted_root.json": json.dumps(root, indent=2)}
        for suffix, config in configs.items():
            files[f"signing_config{suffix}.json"] = json.dumps(config, indent=2)
            files[f"client_trust_config{suffix}.json"] = json.dumps({
                "mediaType": "application/vnd.dev.sigstore.clienttrustconfig.v0.1+json",
                "trustedRoot": root,
                "signingConfig": config,
            }, indent=2)
        files["token"] = self.sign_jwt(self.github_claims(AUDIENCE, TOKEN_LIFETIME))
        files["gha_request_token"] = self.gha_request_token
        for name, text in files.items():
            (out / name).write_text(text)
        tmp = out / "url.tmp"
        tmp.write_text(self.base)
        os.replace(tmp, out / "url")


# --- request parsing -------------------------------------------------------------------


def parse_timestamp_request(body: bytes, content_type: str) -> tuple[str, bytes, int | None, bool]:
    """(hash algorithm, hashed message, nonce, certReq) from a TimeStampReq.

    Besides DER (application/timestamp-query), Sigstore's timestamp-authority takes a
    JSON request {artifactHash (base64 digest), hashAlgorithm, nonce?, certificates?},
    which sigstore-js sends.
    """
    try:
        if content_type.startswith("application/json"):
            request = json.loads(body)
            algorithm = request.get("hashAlgorithm", "sha256")
            hashed = unb64(request["artifactHash"])
            nonce, cert_req = request.get("nonce"), bool(request.get("certificates"))
        else:
            request = asn1_tsp.TimeStampReq.load(body)
            algorithm = request["message_imprint"]["hash_algorithm"]["algorithm"].native
            hashed = request["message_imprint"]["hashed_message"].native
            nonce, cert_req = request["nonce"].native, bool(request["cert_req"].native)
    except (KeyError, TypeError, ValueError) as exc:
        raise HTTPError(400, f"invalid timestamp request: {exc}") from None
    if algorithm not in HASHES or len(hashed) != HASHES[algorithm].digest_size:
        raise HTTPError(400, f"unsupported or mismatched hash algorithm {algorithm!r}")
    return algorithm, hashed, nonce, cert_req


# --- entry bodies ----------------------------------------------------------------------


def hashedrekord_v001(spec: dict) -> dict:
    """Verify a hashedrekord v0.0.1 spec; return it as Rekor stores it."""
    algorithm = spec["data"]["hash"]["algorithm"]
    value = spec["data"]["hash"]["value"].lower()
    if algorithm not in HASHES:
        raise HTTPError(400, f"unsupported hash algorithm {algorithm!r}")
    signature = unb64(spec["signature"]["content"])
    public_key, pem = load_verifier_pem(unb64(spec["signature"]["publicKey"]["content"]))
    verify_digest(public_key, signature, bytes.fromhex(value), HASHES[algorithm]())
    return {
        "data": {"hash": {"algorithm": algorithm, "value": value}},
        "signature": {"content": b64(signature), "publicKey": {"content": b64(pem.encode())}},
    }


def dsse_v001(spec: dict) -> dict:
    """Verify a dsse v0.0.1 proposed entry; return the spec Rekor stores (no envelope)."""
    raw_envelope = spec["proposedContent"]["envelope"]
    envelope = json.loads(raw_envelope)
    payload = unb64(envelope["payload"])
    pae = dsse_pae(envelope["payloadType"], payload)
    verifiers = [load_verifier_pem(unb64(v)) for v in spec["proposedContent"]["verifiers"]]
    if not envelope.get("signatures"):
        raise HTTPError(400, "envelope has no signatures")
    signatures = []
    for sig in envelope["signatures"]:
        for public_key, pem in verifiers:
            try:
                verify_message(public_key, unb64(sig["sig"]), pae)
            except HTTPError:
                continue
            signatures.append({"signature": sig["sig"], "verifier": b64(pem.encode())})
            break
        else:
            raise HTTPError(400, "all signatures must have a key that verifies it")
    return {
        "envelopeHash": {"algorithm": "sha256", "value": hashlib.sha256(raw_envelope.encode()).hexdigest()},
        "payloadHash": {"algorithm": "sha256", "value": hashlib.sha256(payload).hexdigest()},
        "signatures": sorted(signatures, key=lambda s: s["signature"]),
    }


def hashedrekord_v002(request: dict) -> dict:
    """Verify a Rekor v2 HashedRekordRequestV002; return the HashedRekordLogEntryV002."""
    digest = unb64(request["digest"])
    signature = unb64(request["signature"]["content"])
    verifier = request["signature"]["verifier"]
    details = verifier["keyDetails"]
    if details not in V2_KEY_DETAILS:
        raise ValueError(f"unsupported keyDetails {details}")
    curve, hash_alg, hash_name = V2_KEY_DETAILS[details]
    if "x509Certificate" in verifier:
        raw = unb64(verifier["x509Certificate"]["rawBytes"])
        public_key = x509.load_der_x509_certificate(raw).public_key()
        stored = {"x509Certificate": {"rawBytes": b64(raw)}, "keyDetails": details}
    else:
        raw = unb64(verifier["publicKey"]["rawBytes"])
        public_key = serialization.load_der_public_key(raw)
        stored = {"publicKey": {"rawBytes": b64(raw)}, "keyDetails": details}
    if not isinstance(public_key, ec.EllipticCurvePublicKey) or not isinstance(public_key.curve, curve):
        raise ValueError(f"verifier key does not match keyDetails {details}")
    try:
        verify_digest(public_key, signature, digest, hash_alg())
    except HTTPError as exc:
        raise ValueError(str(exc)) from None
    return {
        "data": {"algorithm": hash_name, "digest": b64(digest)},
        "signature": {"content": b64(signature), "verifier": stored},
    }


def fulcio_extensions(claims: dict) -> list[tuple[str, bytes]]:
    """Fulcio's OID extensions (docs/oid-info.md) for this token, in Fulcio's order."""
    issuer = claims["iss"]
    if "email" in claims:
        return [(FULCIO_OID + "1", issuer.encode()), (FULCIO_OID + "8", der_utf8(issuer))]
    c = claims
    raw = [  # deprecated GitHub extensions: raw string values
        ("1", issuer), ("2", c["event_name"]), ("3", c["sha"]), ("4", c["workflow"]),
        ("5", c["repository"]), ("6", c["ref"]),
    ]
    encoded = [  # DER UTF8String values
        ("8", issuer),
        ("9", f"{GITHUB}/{c['job_workflow_ref']}"),
        ("10", c["job_workflow_sha"]),
        ("11", c["runner_environment"]),
        ("12", f"{GITHUB}/{c['repository']}"),
        ("13", c["sha"]),
        ("14", c["ref"]),
        ("15", c["repository_id"]),
        ("16", f"{GITHUB}/{c['repository_owner']}"),
        ("17", c["repository_owner_id"]),
        ("18", f"{GITHUB}/{c['workflow_ref']}"),
        ("19", c["workflow_sha"]),
        ("20", c["event_name"]),
        ("21", f"{GITHUB}/{c['repository']}/actions/runs/{c['run_id']}/attempts/{c['run_attempt']}"),
        ("22", c["repository_visibility"]),
        ("23", c.get("environment", "")),
        ("24", c["sub"]),
    ]
    return [(FULCIO_OID + n, v.encode()) for n, v in raw if v] + [
        (FULCIO_OID + n, der_utf8(v)) for n, v in encoded if v
    ]


# --- HTTP ------------------------------------------------------------------------------


class Handler(BaseHTTPRequestHandler):
    """Routes requests to the stand-in's services (the Standin is `self.server.standin`)."""

    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802
        self._dispatch(self._get)

    def do_POST(self) -> None:  # noqa: N802
        self._dispatch(self._post)

    def _dispatch(self, route) -> None:
        url = urlsplit(self.path)
        query = {k: v[-1] for k, v in parse_qs(url.query).items()}
        try:
            route(url.path.rstrip("/") or "/", query)
        except HTTPError as exc:
            self._send(exc.status, exc.body)
        except Exception as exc:  # a stand-in bug: answer 500 and keep serving
            traceback.print_exc()
            self._send(500, {"code": 500, "message": f"sigstore-standin internal error: {exc!r}"})

    def _get(self, path: str, query: dict) -> None:
        s = self.server.standin
        if path == "/.well-known/openid-configuration":
            self._send(200, s.openid_configuration())
        elif path == "/jwks":
            self._send(200, s.jwks())
        elif path == "/gha/token":
            if self.headers.get("Authorization", "").lower() != f"bearer {s.gha_request_token}".lower():
                raise HTTPError(401, "bad ACTIONS_ID_TOKEN_REQUEST_TOKEN")
            claims = s.github_claims(query.get("audience", f"{GITHUB}/octo-org"), TOKEN_LIFETIME)
            self._send(200, {"count": 1, "value": s.sign_jwt(claims)})
        elif path == "/mint":
            try:
                exp_in = int(query.get("exp_in", TOKEN_LIFETIME))
            except ValueError:
                raise HTTPError(400, "exp_in must be an integer number of seconds") from None
            claims = s.github_claims(query.get("aud", AUDIENCE), exp_in, query.get("sub", DEFAULT_SUB))
            if "email" in query:
                claims.update(email=query["email"], email_verified=True)
            self._send(200, s.sign_jwt(claims).encode(), "application/jwt")
        elif path == "/control":
            self._send(200, {"fault": s.current_fault()})
        elif path == "/api/v2/trustBundle":
            self._send(200, {"chains": [{"certificates": [cert_pem(c) for c in s.fulcio.chain]}]})
        elif path == "/api/v1/log":
            self._send(200, s.rekor_v1_log_info())
        elif path.startswith("/api/v1/log/entries/"):
            self._send(200, s.rekor_v1_get(path.rsplit("/", 1)[1]))
        elif path == "/api/v1/timestamp/certchain":
            self._send(200, "".join(cert_pem(c) for c in s.tsa.chain).encode(), "application/pem-certificate-chain")
        else:
            raise HTTPError(404, f"no such endpoint: GET {path}")

    def _post(self, path: str, query: dict) -> None:
        s = self.server.standin
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if path == "/api/v1/timestamp":
            self._send(200, s.timestamp(body, self.headers.get("Content-Type", "")), "application/timestamp-reply")
            return
        try:
            request = json.loads(body or b"{}")
        except ValueError:
            raise HTTPError(400, "request body is not JSON") from None
        if path == "/api/v2/signingCert":
            bearer = self.headers.get("Authorization", "")
            token = bearer[7:] if bearer.lower().startswith("bearer ") else None
            self._send(200, s.signing_cert(request, token))
        elif path == "/api/v1/log/entries":
            entry_uuid, entry = s.rekor_v1_create(request)
            self._send(201, {entry_uuid: entry}, location=f"/api/v1/log/entries/{entry_uuid}")
        elif path == V2_PATH + "/api/v2/log/entries":
            self._send(201, s.rekor_v2_create(request))
        elif path == "/control":
            s.set_fault(request.get("fault", "none"))
            self._send(200, {"fault": s.current_fault()})
        else:
            raise HTTPError(404, f"no such endpoint: POST {path}")

    def _send(self, status: int, body, content_type: str = "application/json", location: str = "") -> None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        if location:
            self.send_header("Location", location)
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args) -> None:  # noqa: A002
        sys.stderr.write(f"sigstore-standin: {format % args}\n")


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        sys.stderr.write(__doc__)
        return 2
    out = Path(argv[1])
    out.mkdir(parents=True, exist_ok=True)
    fault = os.environ.get("SIGSTORE_STANDIN_FAULT", "none")
    if fault not in FAULTS:
        sys.stderr.write(f"unknown SIGSTORE_STANDIN_FAULT {fault!r}\n")
        return 2

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.standin = standin = Standin(f"http://127.0.0.1:{server.server_address[1]}", fault)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    standin.write_files(out)
    sys.stderr.write(f"sigstore-standin: serving {standin.base} (fault: {fault})\n")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
