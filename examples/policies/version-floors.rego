# Named packages, when present, must be at least these versions (fixes a
# team relies on). Versions are compared by their numbers in order, an epoch
# dropped; a package that is absent passes.
# For `tallyman verify-attestation --type spdxjson --policy version-floors.rego`.
package signature

import rego.v1

floors := {
	"pkg:deb/debian/libc6": "2.36-9+deb12u4",
	"pkg:deb/debian/libssl3": "3.0.11",
	"pkg:deb/debian/zlib1g": "1.2.13",
	"pkg:npm/lodash": "4.17.21",
}

version_parts(v) := [to_number(n) | some n in regex.find_n(`[0-9]+`, regex.replace(v, `^[0-9]+:`, ""), -1)]

purl_of(p) := ref.referenceLocator if {
	some ref in p.externalRefs
	ref.referenceType == "purl"
}

deny contains msg if {
	some p in input.predicate.packages
	some purl, floor in floors
	startswith(purl_of(p), concat("", [purl, "@"]))
	version_parts(p.versionInfo) < version_parts(floor)
	msg := sprintf("%s %s is older than %s", [p.name, p.versionInfo, floor])
}

default allow := false

allow if count(deny) == 0
