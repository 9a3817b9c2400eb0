"""Signs an in-toto statement keyless with sigstore-python (not tallyman)
into a Sigstore bundle: an independent signer, for statements tallyman
itself refuses to sign (a provenance whose claims do not match the
certificate it would be signed with).

    python3 sigstore_sign_dsse.py CLIENT_TRUST_CONFIG TOKEN_FILE STATEMENT BUNDLE
"""
import sys

from sigstore import dsse
from sigstore.models import ClientTrustConfig
from sigstore.oidc import IdentityToken
from sigstore.sign import SigningContext

config, token, statement, out = sys.argv[1:5]
trust = ClientTrustConfig.from_json(open(config).read())
context = SigningContext.from_trust_config(trust)
with context.signer(IdentityToken(open(token).read().strip())) as signer:
    bundle = signer.sign_dsse(dsse.Statement(open(statement, "rb").read()))
open(out, "w").write(bundle.to_json())
print("signed")
