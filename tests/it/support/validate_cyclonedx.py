"""Validates a CycloneDX JSON document against the official schema of its
specVersion with cyclonedx-python-lib's JsonStrictValidator. Prints "valid
VERSION" and exits 0, or prints each error and exits 1."""
import json
import sys

from cyclonedx.schema import SchemaVersion
from cyclonedx.validation.json import JsonStrictValidator

data = open(sys.argv[1], encoding="utf-8").read()
version = json.loads(data)["specVersion"]
validator = JsonStrictValidator(SchemaVersion.from_version(version))
try:
    errors = validator.validate_str(data, all_errors=True)
except TypeError:
    errors = validator.validate_str(data)
if errors:
    for error in (errors if isinstance(errors, (list, tuple)) or hasattr(errors, "__iter__") and not hasattr(errors, "data") else [errors]):
        print(getattr(error, "data", error))
    sys.exit(1)
print("valid", version)
