# The SBOM must be at most 30 days old (its SPDX creationInfo.created or
# CycloneDX metadata.timestamp), written in the Sigstore policy controller's
# convention (package sigstore, isCompliant) so the same file serves a
# ClusterImagePolicy.
# For `tallyman verify-attestation --policy sbom-freshness.rego`.
package sigstore

import rego.v1

max_age_days := 30

created := object.get(
	input.predicate, ["creationInfo", "created"],
	object.get(input.predicate, ["metadata", "timestamp"], ""),
)

violations contains msg if {
	created != ""
	age_days := (time.now_ns() - time.parse_rfc3339_ns(created)) / ((24 * 3600) * 1000000000)
	age_days > max_age_days
	msg := sprintf("the SBOM was made %d days ago (%s), more than %d", [floor(age_days), created, max_age_days])
}

violations contains "the SBOM says not when it was made" if created == ""

default isCompliant := false

isCompliant if count(violations) == 0
