# Deny packages under licenses a company will not ship, by SPDX id, in the
# declared or concluded license expression of each package.
# For `tallyman verify-attestation --type spdxjson --policy deny-licenses.rego`.
package signature

import rego.v1

denied_licenses := {
	"AGPL-1.0-only", "AGPL-1.0-or-later", "AGPL-3.0-only", "AGPL-3.0-or-later",
	"SSPL-1.0", "BUSL-1.1", "CC-BY-NC-4.0", "CC-BY-NC-SA-4.0",
}

license_ids(expression) := {id | some id in regex.find_n(`[A-Za-z0-9.+-]+`, expression, -1)}

deny contains msg if {
	some p in input.predicate.packages
	some field in ["licenseDeclared", "licenseConcluded"]
	some id in license_ids(object.get(p, field, ""))
	id in denied_licenses
	msg := sprintf("%s %s is under %s", [p.name, p.versionInfo, id])
}

default allow := false

allow if count(deny) == 0
