#!/usr/bin/env bash
# Runs fuzz targets for a short, fixed time (default 30 s each), seeded from
# the real fixtures and fuzz/seeds/; a crash fails the run and leaves its
# input in fuzz/artifacts/TARGET/.
#
#   fuzz/smoke.sh [TARGET...]        every target when none is named
#   SECONDS_EACH=3600 fuzz/smoke.sh  the longer run before a release
#
# Needs cargo-fuzz (`cargo install cargo-fuzz --locked`; .ci/run installs it);
# works on stable Rust with the sanitizer off (-s none). tests/fuzz.rs runs
# each target through this script, so `cargo test` fuzzes too.
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
seed attestation $root/tests/fixtures/cosign/*.json $root/tests/fixtures/cosign/*.key $root/tests/fixtures/cosign/bundles/*.sigstore.json $root/tests/fixtures/sigstore-conformance/bundle-verify/*/bundle.sigstore.json seeds/attestation/*.json
seed image_json seeds/image_json/*
seed python_dist $(find $root/catalogers/src/python/testdata -name METADATA -o -name PKG-INFO -o -name '*.egg-info' -type f -o -path '*lockfiles*' -type f)
seed executable_sniffs seeds/executable_sniffs/*
seed java_archive seeds/java_archive/*
seed rpm_database seeds/rpm_database/header seeds/rpm_database/rpmdb.sqlite seeds/rpm_database/Packages.db $root/catalogers/src/rpm/testdata/syft/Packages $root/catalogers/src/rpm/testdata/syft/container-manifest-2 $root/catalogers/src/rpm/testdata/go-rpmdb/libuuid/Packages
seed layer_reader
seed image_reference
seed sbom_document seeds/sbom_document/* $root/testdata/diff-app/*/package.json
seed binary_classifiers seeds/binary_classifiers/*
seed dotnet_files $(find $root/catalogers/src/dotnet/testdata -name '*.json' -type f)
seed conda_files $(find $root/catalogers/src/conda/testdata -name '*.json' -type f)
seed ruby_files $(find $root/catalogers/src/ruby/testdata -name '*.gemspec' -o -name 'Gemfile*' -type f)
seed composer_files $(find $root/catalogers/src/php/testdata -name '*.json' -o -name '*.lock' -type f)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(cargo fuzz list)
for target in "${targets[@]}"; do
  echo "== $target (${seconds}s)"
  log=$(mktemp)
  # A fixed seed: every run explores the same inputs first.
  if ! cargo fuzz run "$target" -s none "corpus/$target" -- \
    -max_total_time="$seconds" -rss_limit_mb=2048 -seed="${FUZZ_SEED:-1}" >"$log" 2>&1; then
    tail -n 60 "$log"
    echo "fuzz target $target failed; its input is in fuzz/artifacts/$target/" >&2
    exit 1
  fi
  tail -n 1 "$log"
  rm -f "$log"
done
