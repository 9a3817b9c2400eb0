"""The SPDX project's spdx3-validate on one SPDX 3 document, offline.

spdx3-validate downloads the SPDX 3.0.1 JSON-LD context, SHACL model and
JSON schema from spdx.org; this serves the published copies kept in
testdata/spdx3/ (see its SOURCE.md) instead. Its JSON-schema step runs the
same schema through jsonschema-rs rather than python-jsonschema, which needs
about 0.2 s per element reference (minutes per image); the SHACL step, the
graph checks and the report are spdx3-validate's own.

    python3 validate_spdx3.py FILE      (exits 0 when valid)
"""
import email.message
import io
import json
import pathlib
import sys
import urllib.error
import urllib.request
import urllib.response

import jsonschema_rs
import spdx3_validate.core as core
import spdx3_validate.main as cli

HERE = pathlib.Path(__file__).resolve().parents[3] / "testdata" / "spdx3"
FILES = {
    "https://spdx.org/rdf/3.0.1/spdx-context.jsonld": ("spdx-context.jsonld", "application/ld+json"),
    "https://spdx.org/rdf/3.0.1/spdx-model.ttl": ("spdx-model.ttl", "text/turtle"),
    "https://spdx.org/schema/3.0.1/spdx-json-schema.json": ("spdx-json-schema.json", "application/json"),
}


class Published(urllib.request.BaseHandler):
    """Answers the three spdx.org URLs from testdata/spdx3; nothing else."""

    handler_order = 100

    def https_open(self, request):
        url = request.full_url
        if url not in FILES:
            raise urllib.error.URLError(f"offline, not kept in testdata/spdx3: {url}")
        name, content_type = FILES[url]
        data = (HERE / name).read_bytes()
        headers = email.message.Message()
        headers["Content-Type"] = content_type
        headers["Content-Length"] = str(len(data))
        response = urllib.response.addinfourl(io.BytesIO(data), headers, url, 200)
        response.msg = "OK"
        return response

    http_open = https_open


class SchemaError:
    """A jsonschema-rs error as spdx3-validate reads a python-jsonschema one."""

    def __init__(self, error):
        self.instance = error.instance
        self.message = error.message
        self.json_path = "$" + "".join(
            f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.instance_path
        )
        self.context = []


class FastValidator:
    def __init__(self, schema):
        self.validator = jsonschema_rs.validator_for(schema)

    def iter_errors(self, instance):
        return (SchemaError(e) for e in self.validator.iter_errors(instance))


urllib.request.install_opener(urllib.request.build_opener(Published))
core.schema_validator = cli.schema_validator = FastValidator
sys.argv = ["spdx3-validate", "--quiet", "--json", sys.argv[1]]
sys.exit(cli.main())
