#!/usr/bin/env bash
# The oldest Debian root filesystem this machine's mirror still serves,
# for tests/it/release.rs to run the static release binary in (as a CI
# runner or build host of that age would): `debootstrap --variant=minbase
# bullseye` (Debian 11, glibc 2.31; buster and older are gone from
# deb.debian.org, and archive.debian.org is not reachable here).
#
#   $TALLYMAN_TESTDATA/bullseye.rootfs/   (default target/testdata)
#
# Needs root and debootstrap.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/image-lib.sh"

if up_to_date old-roots "$0"; then
  exit 0
fi
rm -rf "$out/bullseye.rootfs" "$out/bullseye.tmp"
debootstrap --variant=minbase bullseye "$out/bullseye.tmp" "$mirror" >"$out/bullseye.log" 2>&1 ||
  { tail -20 "$out/bullseye.log" >&2; exit 1; }
mv "$out/bullseye.tmp" "$out/bullseye.rootfs"
echo "$want" >"$stamp"
