#!/usr/bin/env bash
# Builds the real test images that the integration tests scan, from real Debian
# packages: a `debootstrap --variant=minbase bookworm` root filesystem as the
# first layer, a layer that `apt-get install`s jq in a chroot, and a layer that
# purges jq again (dpkg's own removal, so umoci writes real whiteouts).
# umoci assembles the layers (`repack --refresh-bundle` after each one) and
# skopeo converts the OCI layout into a docker-archive and an oci-archive.
#
# Output (cached; rebuilt only when this script changes) in $TALLYMAN_TESTDATA,
# default target/testdata:
#   debian.oci/            OCI layout, tag "bookworm"
#   debian.oci.tar         oci-archive
#   debian.docker.tar      docker-archive, tagged tallyman-test/debian:bookworm
#   debian.rootfs/         the final root filesystem (ground truth and dir: source)
#   debian.layer2.rootfs/  the root filesystem after layer 2 (jq installed)
# Needs root, debootstrap, umoci and skopeo (.ci/run installs them).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
out=${TALLYMAN_TESTDATA:-$here/../target/testdata}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
mkdir -p "$out"
out=$(cd "$out" && pwd)

exec 9>"$out/.lock"
flock 9

stamp="$out/debian.stamp"
want=$(sha256sum "$0" | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi

for tool in debootstrap umoci skopeo chroot; do
  command -v "$tool" >/dev/null || { echo "build-images.sh: $tool is not installed (run .ci/run's setup)" >&2; exit 1; }
done

base="$out/bookworm-minbase.tar"
if [ ! -f "$base" ]; then
  tmp="$out/debootstrap.tmp"
  rm -rf "$tmp"
  debootstrap --variant=minbase bookworm "$tmp" "$mirror" >"$out/debootstrap.log" 2>&1 ||
    { tail -20 "$out/debootstrap.log" >&2; exit 1; }
  tar -C "$tmp" --numeric-owner -cf "$base.part" .
  mv "$base.part" "$base"
  rm -rf "$tmp"
fi

work="$out/work"
rm -rf "$work" "$out/debian.oci" "$out/debian.oci.tar" "$out/debian.docker.tar" \
  "$out/debian.rootfs" "$out/debian.layer2.rootfs"
mkdir -p "$work"
export SOURCE_DATE_EPOCH=1700000000

umoci init --layout "$work/oci"
umoci new --image "$work/oci:bookworm"
umoci unpack --image "$work/oci:bookworm" "$work/bundle" >/dev/null
rootfs="$work/bundle/rootfs"

# Layer 1: the debootstrap root filesystem.
tar -C "$rootfs" --numeric-owner -xf "$base"
umoci repack --refresh-bundle --image "$work/oci:bookworm" "$work/bundle"

# Layer 2: apt-get install jq (pulls libjq1 and libonig5) inside the chroot.
in_chroot() {
  cp /etc/resolv.conf "$rootfs/etc/resolv.conf"
  chroot "$rootfs" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive "$@"
  rm -f "$rootfs/etc/resolv.conf"
}
in_chroot apt-get update -qq >/dev/null
in_chroot apt-get install -y -qq --no-install-recommends jq >/dev/null
in_chroot apt-get clean
rm -rf "$rootfs"/var/lib/apt/lists/*
umoci repack --refresh-bundle --image "$work/oci:bookworm" "$work/bundle"
cp -a "$rootfs" "$out/debian.layer2.rootfs"

# Layer 3: purge jq again; its files and dpkg info files become whiteouts.
in_chroot dpkg --purge jq >/dev/null
umoci repack --refresh-bundle --image "$work/oci:bookworm" "$work/bundle"
umoci gc --layout "$work/oci"

cp -a "$rootfs" "$out/debian.rootfs"
cp -a "$work/oci" "$out/debian.oci"
skopeo copy -q "oci:$work/oci:bookworm" "oci-archive:$out/debian.oci.tar:bookworm"
skopeo copy -q "oci:$work/oci:bookworm" "docker-archive:$out/debian.docker.tar:tallyman-test/debian:bookworm"
rm -rf "$work"
echo "$want" >"$stamp"
