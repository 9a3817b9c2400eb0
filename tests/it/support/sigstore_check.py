#!/usr/bin/env python3
"""Verify a Sigstore bundle with sigstore-python, offline, against a given trusted root.

An independent second opinion for tallyman's tests: the bundle is checked by
sigstore-python (PyPI `sigstore`, 4.x), not by tallyman's own verifier. The
trusted root is read from TRUSTED_ROOT; no TUF repository or network is used.

Usage:
  sigstore_check.py TRUSTED_ROOT BUNDLE --identity ID --issuer ISS --artifact FILE
  sigstore_check.py TRUSTED_ROOT BUNDLE --identity ID --issuer ISS --digest sha256:HEX
  sigstore_check.py TRUSTED_ROOT BUNDLE --identity ID --issuer ISS --dsse

--artifact/--digest verify a message signature (hashedrekord) over the file or
digest; --dsse verifies a DSSE envelope and prints its payload type and, for an
in-toto statement, its predicateType. Prints OK and exits 0 when sigstore-python
accepts the bundle; otherwise prints the error and exits 1.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from sigstore.errors import Error as SigstoreError
from sigstore.hashes import Hashed
from sigstore.models import Bundle, TrustedRoot
from sigstore.verify import Verifier
from sigstore.verify.policy import Identity
from sigstore_models.common.v1 import HashAlgorithm


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("trusted_root", type=Path)
    parser.add_argument("bundle", type=Path)
    parser.add_argument("--identity", required=True, help="expected certificate SAN")
    parser.add_argument("--issuer", required=True, help="expected OIDC issuer")
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--artifact", type=Path, help="file the message signature covers")
    what.add_argument("--digest", help="sha256:HEX digest the message signature covers")
    what.add_argument("--dsse", action="store_true", help="bundle holds a DSSE envelope")
    return parser.parse_args(argv)


def parse_digest(text: str) -> Hashed:
    algorithm, _, hex_digest = text.partition(":")
    if algorithm != "sha256" or len(hex_digest) != 64:
        raise ValueError(f"--digest must be sha256:<64 hex digits>, got {text!r}")
    return Hashed(algorithm=HashAlgorithm.SHA2_256, digest=bytes.fromhex(hex_digest))


def verify(args: argparse.Namespace) -> list[str]:
    """Run sigstore-python's verification; return lines to print on success."""
    verifier = Verifier(trusted_root=TrustedRoot.from_file(str(args.trusted_root)))
    bundle = Bundle.from_json(args.bundle.read_bytes())
    policy = Identity(identity=args.identity, issuer=args.issuer)
    if args.dsse:
        payload_type, payload = verifier.verify_dsse(bundle, policy)
        lines = [f"payloadType: {payload_type}"]
        if payload_type == "application/vnd.in-toto+json":
            lines.append(f"predicateType: {json.loads(payload).get('predicateType')}")
        return lines
    artifact = args.artifact.read_bytes() if args.artifact else parse_digest(args.digest)
    verifier.verify_artifact(artifact, bundle, policy)
    return []


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    try:
        lines = verify(args)
    except (SigstoreError, ValueError, OSError) as exc:
        print(f"FAILED: {type(exc).__name__}: {exc}")
        return 1
    for line in lines:
        print(line)
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
