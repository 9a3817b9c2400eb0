"""Verifies a DSSE envelope with securesystemslib (an implementation
independent of tallyman): argv[1] the envelope JSON, argv[2] the PEM public
key. Prints "verified" and exits 0, or prints why and exits 1.

cosign writes `keyid: ""`; securesystemslib matches signatures to keys by
keyid, so the key is given that keyid."""
import json
import sys

from cryptography.hazmat.primitives.serialization import load_pem_public_key
from securesystemslib.dsse import Envelope
from securesystemslib.signer import SSlibKey

public = load_pem_public_key(open(sys.argv[2], "rb").read())
loaded = SSlibKey.from_crypto(public, scheme="ecdsa-sha2-nistp256")
envelope = Envelope.from_dict(json.load(open(sys.argv[1], encoding="utf-8")))
keyid = envelope.signatures[next(iter(envelope.signatures))].keyid if envelope.signatures else ""
key = SSlibKey(keyid=keyid, keytype=loaded.keytype, scheme=loaded.scheme, keyval=loaded.keyval)
try:
    envelope.verify([key], 1)
except Exception as error:  # VerificationError and friends
    print(f"not verified: {error}")
    sys.exit(1)
print("verified")
