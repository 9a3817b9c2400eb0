"""Validates a CycloneDX JSON document against the official schema of its
specVersion, as cyclonedx-python-lib's JsonStrictValidator does. Prints
"valid VERSION" and exits 0, or prints each error and exits 1.

The schemas are cyclonedx-python-lib's own (its strict schema of the
version, and the SPDX license, JSF and cryptography schemas it registers
under http://cyclonedx.org/schema/), checked as Draft 7 with formats, as
the library checks them; but the engine is jsonschema-rs rather than
python-jsonschema, which needs about 28 s per document of a 663-package
image (minutes per test image). `--library` runs the library's own
JsonStrictValidator instead, for comparison.

    python3 validate_cyclonedx.py [--library] FILE
"""
import json
import pathlib
import sys

import jsonschema_rs
from cyclonedx.schema import SchemaVersion
from cyclonedx.schema._res import BOM_JSON_STRICT, CRYPTOGRAPHY_DEFS, JSF, SPDX_JSON
from cyclonedx.validation.json import JsonStrictValidator

PREFIX = "http://cyclonedx.org/schema/"
REGISTERED = {
    PREFIX + "spdx.SNAPSHOT.schema.json": SPDX_JSON,
    PREFIX + "jsf-0.82.SNAPSHOT.schema.json": JSF,
    PREFIX + "cryptography-defs.SNAPSHOT.schema.json": CRYPTOGRAPHY_DEFS,
}


def retrieve(uri):
    """The schemas the library registers; nothing from the network."""
    if uri not in REGISTERED:
        raise ValueError(f"offline, not a schema cyclonedx-python-lib registers: {uri}")
    return json.loads(pathlib.Path(REGISTERED[uri]).read_text(encoding="utf-8"))


def errors_of(data, version, library):
    schema_version = SchemaVersion.from_version(version)
    if library:
        errors = JsonStrictValidator(schema_version).validate_str(data, all_errors=True)
        return [getattr(e, "data", e) for e in (errors or [])]
    schema = json.loads(pathlib.Path(BOM_JSON_STRICT[schema_version]).read_text(encoding="utf-8"))
    validator = jsonschema_rs.Draft7Validator(schema, validate_formats=True, retriever=retrieve)
    return [f"{e.message} at {list(e.instance_path)}" for e in validator.iter_errors(json.loads(data))]


def main():
    args = sys.argv[1:]
    library = args[:1] == ["--library"]
    path = args[-1]
    data = pathlib.Path(path).read_text(encoding="utf-8")
    version = json.loads(data)["specVersion"]
    errors = errors_of(data, version, library)
    if errors:
        for error in errors:
            print(error)
        sys.exit(1)
    print("valid", version)


main()
