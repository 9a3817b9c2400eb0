#!/usr/bin/env bash
# Runs every fuzz target for a short, fixed time (default 30 s each), seeded
# from the real fixtures; a crash fails the run and leaves its input in
# fuzz/artifacts/TARGET/. For a release, run longer: SECONDS_EACH=3600.
# Needs cargo-fuzz (`cargo install cargo-fuzz`); works on stable Rust with
# the sanitizer off (-s none).
set -euo pipefail
cd "$(dirname "$0")"
seconds=${SECONDS_EACH:-30}
seed() { # TARGET FILES...
  local dir="corpus/$1"
  shift
  mkdir -p "$dir"
  for f in "$@"; do [ -f "$f" ] && cp "$f" "$dir/" || true; done
}
root=..
seed dpkg_status $root/catalogers/src/deb/testdata/dpkg-status-* $root/catalogers/src/deb/testdata/copyright-*
seed apk_installed $root/catalogers/src/apk/testdata/apk-installed-*
seed npm_files $root/catalogers/src/npm/testdata/*.json $root/catalogers/src/npm/testdata/*.lock $root/catalogers/src/npm/testdata/*.yaml $root/catalogers/src/npm/testdata/package.json-*
seed attestation $root/tests/fixtures/cosign/*.json $root/tests/fixtures/cosign/*.key
seed layer_reader
seed image_reference
for target in $(cargo fuzz list); do
  echo "== $target (${seconds}s)"
  cargo fuzz run "$target" -s none "corpus/$target" -- -max_total_time="$seconds" -rss_limit_mb=2048 2>&1 | tail -1
done
