#!/usr/bin/env bash
# The README's test command, and what .ci/run runs: on a fresh Debian
# machine as root, installs everything the tests need (apt, pip, the peers'
# wheels, cargo-fuzz), then checks formatting and lints and runs every test.
#   bash test.sh
set -euo pipefail
cd "$(dirname "$0")"

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# debootstrap, umoci, skopeo: build the real test images (testdata/build-images.sh);
# qemu-img, debugfs and unzip take Alpine's root filesystem out of its VM disk;
# dpkg-query (dpkg) gives the ground truth the tests compare against;
# time (/usr/bin/time) bounds the hostile-input tests' memory; script
# (bsdutils) gives the progress test a terminal; golang-go's `go version -m`
# is the ground truth of the Go tests; rpm (rpmbuild) and alien build the
# RPM test image and rpm -qa is its ground truth;
# docker-registry, htpasswd (apache2-utils) and openssl: the real registry the
# registry tests pull from, its basic-auth users and its TLS certificates;
# python3 (with venv) runs the corpus generator and the validators, and builds
# the Python test environment from PyPI; curl fetches the trixie .debs of the
# diff test image's upgrade layer (testdata/build-diff-images.sh); man
# (man-db) renders the manual pages tallyman writes.
apt-get install -y -qq --no-install-recommends man-db debootstrap umoci skopeo dpkg ca-certificates curl \
  qemu-utils e2fsprogs unzip docker-registry apache2-utils openssl time bsdutils \
  python3 python3-venv golang-go rpm alien musl-tools >/dev/null
# Debian starts the packaged registry as a service on :5000; the tests run their own.
systemctl stop docker-registry >/dev/null 2>&1 || pkill -f '^/usr/bin/docker-registry serve /etc/' || true
# npm installs the test applications and answers `npm ls`.
command -v npm >/dev/null || apt-get install -y -qq --no-install-recommends npm >/dev/null

# The SPDX project's validators (2.x and 3.0.1) and the CycloneDX schema
# validator check every document the tests write; the SPDX project's
# ntia-conformance-checker judges them against the NTIA, CISA and BSI minimum
# elements; syft (from its PyPI wheel) reads them back;
# securesystemslib verifies attestations independently of tallyman;
# sigstore (sigstore-python) verifies keyless bundles independently of
# tallyman, and cryptography with asn1crypto run the local Sigstore stand-in
# (tests/it/support/sigstore_standin.py: Fulcio, Rekor, a TSA, an OIDC issuer);
# packaging (PyPA's PEP 508 code) evaluates the ground truth's requirement markers.
# (Debian's own pip, where it is the only one, installs system-wide only when told to.)
command -v pip3 >/dev/null || apt-get install -y -qq --no-install-recommends python3-pip >/dev/null
python_tools=(spdx-tools spdx3-validate jsonschema-rs ntia-conformance-checker 'cyclonedx-python-lib[json-validation]' 'securesystemslib[crypto]' sigstore asn1crypto packaging)
pip3 install -q "${python_tools[@]}" 2>/dev/null ||
  pip3 install -q --break-system-packages "${python_tools[@]}"
bash testdata/fetch-peers.sh
# tests/it/fuzz.rs runs every fuzz target through cargo-fuzz (on stable Rust);
# tests/it/scan_rust.rs builds its fixture with cargo auditable, and
# rust-audit-info reads it back as the polyglot image's ground truth.
# (Unoptimised: they run for seconds, and compile in a fraction of the time.)
command -v cargo-fuzz >/dev/null || cargo install -q --debug cargo-fuzz --locked
command -v cargo-auditable >/dev/null || cargo install -q --debug cargo-auditable --locked
command -v rust-audit-info >/dev/null || cargo install -q --debug rust-audit-info --locked
# The suite runs the kind of binary a release ships: static, for
# x86_64-unknown-linux-musl (musl-tools' musl-gcc builds its C parts), built
# through cargo auditable (tests/it/release.rs reads back the crates it records).
target=x86_64-unknown-linux-musl
rustup target add "$target" >/dev/null 2>&1 || {
  echo "test.sh: rustup cannot add the $target standard library; the suite runs on the host's target, and tests/it/release.rs fails for want of it" >&2
  target=
}
setup=$SECONDS

# The test images are downloaded and assembled (mostly network and disk)
# while the code compiles (CPU): each build script takes its image's lock and
# caches what it built, so a test that needs an image still being built
# waits for it, and one whose build failed here rebuilds it and reports why.
mkdir -p target/testdata
(
  for script in build-images.sh build-diff-images.sh build-rpm-image.sh \
    build-java-image.sh build-polyglot-image.sh build-runtimes-image.sh build-old-roots.sh; do
    TALLYMAN_TESTDATA="$PWD/target/testdata" bash "testdata/$script" ||
      echo "testdata/$script failed here; the tests build it again"
  done
) >target/testdata/prebuild.log 2>&1 &
prebuild=$!
# (Each kill may find nothing left to stop: that is no failure of the run.)
trap '{ pkill -P "$prebuild" || true; kill "$prebuild" || true; } 2>/dev/null' EXIT

cargo fmt --all --check
cargo clippy --workspace --all-targets --locked -- -D warnings
lints=$SECONDS
# The crates' shape: no module cycles, no flag names in library messages.
python3 .ci/module-cycles.py crates/*/src catalogers/src src
bash .ci/flag-words
cargo auditable test --workspace --locked ${target:+--target "$target"} 2>&1 | tee target/test.log
wait "$prebuild" || true
# One closing line over every test binary (cargo's last one is the doc tests'),
# and where the run's time went.
awk '/^test result:/ {p += $4; f += $6} END {printf "tests: %d passed, %d failed\n", p, f}' target/test.log
echo "seconds: setup $setup, lints $((lints - setup)), build and tests $((SECONDS - lints))"
