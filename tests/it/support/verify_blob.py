"""Verifies a file against a Sigstore bundle that `sign-blob --key` wrote,
with securesystemslib (an implementation independent of tallyman): argv[1]
the file, argv[2] the bundle JSON, argv[3] the PEM public key. Checks that
the bundle's message digest is the file's SHA-256 and that its signature
verifies over the file's bytes. Prints "verified" and exits 0, or prints why
and exits 1."""
import base64
import hashlib
import json
import sys

from cryptography.hazmat.primitives.serialization import load_pem_public_key
from securesystemslib.signer import Signature, SSlibKey

blob = open(sys.argv[1], "rb").read()
bundle = json.load(open(sys.argv[2], encoding="utf-8"))
key = SSlibKey.from_crypto(
    load_pem_public_key(open(sys.argv[3], "rb").read()), scheme="ecdsa-sha2-nistp256"
)
message = bundle["messageSignature"]
digest = message["messageDigest"]
if digest["algorithm"] != "SHA2_256" or base64.b64decode(digest["digest"]) != hashlib.sha256(blob).digest():
    print(f"not verified: the bundle's digest is not the file's ({digest})")
    sys.exit(1)
signature = Signature(key.keyid, base64.b64decode(message["signature"]).hex())
try:
    key.verify_signature(signature, blob)
except Exception as error:  # UnverifiedSignatureError and friends
    print(f"not verified: {error}")
    sys.exit(1)
print("verified")
