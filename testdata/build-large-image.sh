#!/usr/bin/env bash
# Builds the large benchmark image (issue: "fast as the hardware allows"):
# Debian bookworm with a heavy apt layer (npm — which brings hundreds of
# Debian-packaged node modules into /usr/share/nodejs — a JRE and
# build-essential) plus two real npm applications (testdata/npm-app-large, a
# react-scripts front end, and testdata/npm-app-backend; ~2,600 packages),
# in 4 gzip layers, as an OCI layout. Two variants for the memory tests:
# `bulk` adds ~1 GB of layers holding no package metadata (copies of the JRE
# and of /usr/lib/x86_64-linux-gnu): the same packages in 2.5x the bytes;
# `double` copies /usr and /srv again: twice the data and more packages.
#
# Output (cached) in $TALLYMAN_TESTDATA (default target/testdata):
#   large.oci/ (tag "large"); large-bulk.oci/ (tag "bulk"); large-double.oci/ (tag "double")
# Needs root, debootstrap, umoci, npm.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=testdata/image-lib.sh
. "$here/image-lib.sh"

if ! up_to_date large "$0" "$here"/npm-app-large/package-lock.json "$here"/npm-app-backend/package-lock.json; then
  work="$out/work-large"
  rm -rf "$work" "$out/large.oci"
  mkdir -p "$work"
  export SOURCE_DATE_EPOCH=1700000000
  for app in npm-app-large npm-app-backend; do
    mkdir -p "$work/$app"
    cp "$here/$app/package.json" "$here/$app/package-lock.json" "$work/$app/"
    (cd "$work/$app" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
  done
  base=$(debootstrap_base)
  new_image large large
  rootfs="$work/large.bundle/rootfs"
  tar -C "$rootfs" --numeric-owner -xf "$base"
  commit large large
  in_chroot "$rootfs" apt-get update -qq >/dev/null
  # The JRE's postinst runs java, which needs /proc.
  mount -t proc proc "$rootfs/proc"
  trap 'umount "$rootfs/proc" 2>/dev/null || true' EXIT
  in_chroot "$rootfs" apt-get install -y -qq npm default-jre-headless build-essential >/dev/null
  umount "$rootfs/proc"
  trap - EXIT
  in_chroot "$rootfs" apt-get clean
  rm -rf "$rootfs"/var/lib/apt/lists/*
  commit large large
  mkdir -p "$rootfs/srv"
  cp -a "$work/npm-app-large" "$rootfs/srv/frontend"
  commit large large
  cp -a "$work/npm-app-backend" "$rootfs/srv/backend"
  commit large large
  umoci gc --layout "$work/large.oci"
  mv "$work/large.oci" "$out/large.oci"
  rm -rf "$work"
  echo "$want" >"$stamp"
fi

if [ "${1:-}" = bulk ] && [ ! -d "$out/large-bulk.oci" ]; then
  work="$out/work-bulk"
  rm -rf "$work"
  mkdir -p "$work"
  cp -a "$out/large.oci" "$work/bulk.oci"
  umoci unpack --image "$work/bulk.oci:large" "$work/bulk.bundle" >/dev/null
  umoci config --image "$work/bulk.oci:large" --tag bulk >/dev/null
  rootfs="$work/bulk.bundle/rootfs"
  mkdir -p "$rootfs/opt/bulk" "$rootfs/opt/bulk2"
  for i in 1 2; do
    cp -a "$rootfs/usr/lib/jvm" "$rootfs/opt/bulk/jvm$i"
    cp -a "$rootfs/usr/lib/gcc" "$rootfs/opt/bulk/gcc$i"
    cp -a "$rootfs/usr/bin" "$rootfs/opt/bulk/bin$i"
  done
  umoci repack --refresh-bundle --image "$work/bulk.oci:bulk" "$work/bulk.bundle"
  for i in 1 2 3; do
    cp -a "$rootfs/usr/lib/x86_64-linux-gnu" "$rootfs/opt/bulk2/lib$i"
    cp -a "$rootfs/usr/lib/jvm" "$rootfs/opt/bulk2/jvm$i"
  done
  umoci repack --refresh-bundle --image "$work/bulk.oci:bulk" "$work/bulk.bundle"
  umoci rm --image "$work/bulk.oci:large"
  umoci gc --layout "$work/bulk.oci"
  mv "$work/bulk.oci" "$out/large-bulk.oci"
  rm -rf "$work"
fi

if [ "${1:-}" = double ] && [ ! -d "$out/large-double.oci" ]; then
  # The same image with the applications' layers repeated under other
  # paths: twice the data, for "memory stays flat as images grow".
  work="$out/work-double"
  rm -rf "$work"
  mkdir -p "$work"
  cp -a "$out/large.oci" "$work/double.oci"
  umoci unpack --image "$work/double.oci:large" "$work/double.bundle" >/dev/null
  rootfs="$work/double.bundle/rootfs"
  umoci config --image "$work/double.oci:large" --tag double >/dev/null
  cp -a "$rootfs/usr" "$rootfs/usr-copy"
  umoci repack --refresh-bundle --image "$work/double.oci:double" "$work/double.bundle"
  cp -a "$rootfs/srv" "$rootfs/srv-copy"
  umoci repack --refresh-bundle --image "$work/double.oci:double" "$work/double.bundle"
  umoci rm --image "$work/double.oci:large"
  umoci gc --layout "$work/double.oci"
  mv "$work/double.oci" "$out/large-double.oci"
  rm -rf "$work"
fi
