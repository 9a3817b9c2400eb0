# Deny known-bad packages by purl (without its version) and version range.
# For `tallyman verify-attestation --type spdxjson --policy deny-packages.rego`
# (cosign's convention: package signature, allow). Versions are compared by
# their numbers in order, an epoch dropped ("1:1.2.13.dfsg-1" is
# [1, 2, 13, 1]): right for ranges like these, not a full dpkg or semver
# ordering.
package signature

import rego.v1

denied := [
	{"purl": "pkg:deb/debian/liblzma5", "from": "5.6.0", "below": "5.6.2", "why": "CVE-2024-3094, the xz backdoor"},
	{"purl": "pkg:deb/debian/xz-utils", "from": "5.6.0", "below": "5.6.2", "why": "CVE-2024-3094, the xz backdoor"},
	{"purl": "pkg:npm/event-stream", "from": "3.3.6", "below": "3.3.7", "why": "ships the malicious flatmap-stream"},
	{"purl": "pkg:npm/ua-parser-js", "from": "0.7.29", "below": "0.7.30", "why": "hijacked release"},
]

version_parts(v) := [to_number(n) | some n in regex.find_n(`[0-9]+`, regex.replace(v, `^[0-9]+:`, ""), -1)]

purl_of(p) := ref.referenceLocator if {
	some ref in p.externalRefs
	ref.referenceType == "purl"
}

deny contains msg if {
	some p in input.predicate.packages
	some rule in denied
	startswith(purl_of(p), concat("", [rule.purl, "@"]))
	v := version_parts(p.versionInfo)
	v >= version_parts(rule.from)
	v < version_parts(rule.below)
	msg := sprintf("%s %s is denied: %s", [p.name, p.versionInfo, rule.why])
}

default allow := false

allow if count(deny) == 0
