"""Runs the SPDX project's ntia-conformance-checker on one SPDX document
with each profile (NTIA minimum elements, CISA FSCT3 minimum, BSI
TR-03183-2) and prints, as JSON, per profile: whether the document
conforms, every requirement's verdict as the checker's table names it, and
for each per-component element the SPDX ids of the components it reports as
lacking it.

    python3 minimum_elements.py FILE spdx2|spdx3
"""
import json
import sys

from ntia_conformance_checker.sbom_checker import SbomChecker

path, spec = sys.argv[1], sys.argv[2]
report = {}
for profile in ("ntia", "fsct3-min", "bsi"):
    checker = SbomChecker(path, validate=True, compliance=profile, sbom_spec=spec)
    missing = {
        attribute[len("components_without_"):]: sorted({spdx_id for _, spdx_id in value})
        for attribute, value in vars(checker).items()
        if attribute.startswith("components_without_") and isinstance(value, list)
    }
    report[profile] = {
        "conformant": bool(checker.compliant),
        "requirements": {name: bool(ok) for name, ok in checker.table_elements},
        "missing": missing,
        "messages": [str(m) for m in getattr(checker, "validation_messages", []) or []],
    }
print(json.dumps(report, indent=1, sort_keys=True))
