#!/usr/bin/env bash
# Builds two releases of one image for `tallyman diff`, and a two-platform
# index for `--platform all`, all in one OCI layout, diff.oci:
#   tag base:      layer 1 `debootstrap --variant=minbase bookworm` (shared
#                  with build-images.sh); layer 2 apt-get installs less and
#                  `npm ci`s testdata/diff-app/base into /app (debug 4.3.4,
#                  ms 2.1.2, json-schema 0.2.3, left-pad 1.3.0)
#   tag upgraded:  the same two layers (the same blobs), then layer 3, an
#                  upgrade: trixie's ncurses-base and debian-archive-keyring
#                  (`dpkg -i` of the .debs from the mirror: both arch-all,
#                  without dependencies), apt-get install file (adds file,
#                  libmagic1, libmagic-mgc), dpkg --purge less, and /app
#                  replaced by testdata/diff-app/upgraded (debug 4.3.7,
#                  ms 2.1.3, json-schema 0.4.0 — its license changed —,
#                  is-number 7.0.0; left-pad gone)
#   tag multi:     an image index of base as linux/amd64 and upgraded as
#                  linux/arm64 (its config rewritten with umoci config
#                  --architecture; the packages stay the amd64 ones: what is
#                  tested is that each platform's own packages are reported)
# Output (cached; rebuilt only when an input changes) in $TALLYMAN_TESTDATA,
# default target/testdata: diff.oci/, diff-base.rootfs/, diff-upgraded.rootfs/
# (ground truth for dpkg-query and npm ls).
# Needs root, debootstrap, umoci, curl, npm, python3 (test.sh installs them).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=testdata/image-lib.sh
. "$here/image-lib.sh"
if up_to_date diff "$0" "$here"/diff-app/*/package*.json; then
  exit 0
fi

for tool in debootstrap umoci chroot curl npm python3; do
  command -v "$tool" >/dev/null || { echo "build-diff-images.sh: $tool is not installed (run test.sh's setup)" >&2; exit 1; }
done

base=$(debootstrap_base)
work="$out/diff.work"
rm -rf "$work" "$out"/diff.oci "$out"/diff-base.rootfs "$out"/diff-upgraded.rootfs
mkdir -p "$work"
export SOURCE_DATE_EPOCH=1700000000

# npm_app NAME: testdata/diff-app/NAME installed as its lockfile says, in $work/NAME-app.
npm_app() {
  mkdir -p "$work/$1-app"
  cp "$here/diff-app/$1/package.json" "$here/diff-app/$1/package-lock.json" "$work/$1-app/"
  (cd "$work/$1-app" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
}
npm_app base
npm_app upgraded

new_image diff base
rootfs="$work/diff.bundle/rootfs"
tar -C "$rootfs" --numeric-owner -xf "$base"
commit diff base
in_chroot "$rootfs" apt-get update -qq >/dev/null
in_chroot "$rootfs" apt-get install -y -qq --no-install-recommends less >/dev/null
in_chroot "$rootfs" apt-get clean
rm -rf "$rootfs"/var/lib/apt/lists/*
cp -a "$work/base-app" "$rootfs/app"
commit diff base
cp -a "$rootfs" "$out/diff-base.rootfs"

# The upgrade, on a new tag of the same manifest.
umoci tag --image "$work/diff.oci:base" upgraded
for deb in pool/main/n/ncurses/ncurses-base_6.5+20250216-2_all.deb \
  pool/main/d/debian-archive-keyring/debian-archive-keyring_2025.1_all.deb; do
  curl -fsS -o "$rootfs/tmp/$(basename "$deb")" "$mirror/$deb"
done
in_chroot "$rootfs" sh -c 'dpkg -i /tmp/*.deb >/dev/null && rm /tmp/*.deb'
in_chroot "$rootfs" apt-get update -qq >/dev/null
in_chroot "$rootfs" apt-get install -y -qq --no-install-recommends file >/dev/null
in_chroot "$rootfs" dpkg --purge less >/dev/null
in_chroot "$rootfs" apt-get clean
rm -rf "$rootfs"/var/lib/apt/lists/*
rm -rf "$rootfs/app"
cp -a "$work/upgraded-app" "$rootfs/app"
commit diff upgraded
cp -a "$rootfs" "$out/diff-upgraded.rootfs"

# Two platforms: upgraded's config says arm64 under the tag upgraded-arm64,
# and an index of both is tagged multi.
umoci config --image "$work/diff.oci:upgraded" --tag upgraded-arm64 --architecture arm64
python3 - "$work/diff.oci" <<'PY'
import hashlib, json, os, sys
layout = sys.argv[1]
index_path = os.path.join(layout, "index.json")
top = json.load(open(index_path))
by_tag = {m["annotations"]["org.opencontainers.image.ref.name"]: m for m in top["manifests"]}
entries = []
for tag, arch in (("base", "amd64"), ("upgraded-arm64", "arm64")):
    m = by_tag[tag]
    entries.append({"mediaType": m["mediaType"], "digest": m["digest"], "size": m["size"],
                    "platform": {"architecture": arch, "os": "linux"}})
blob = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json",
                   "manifests": entries}, indent=2).encode()
digest = hashlib.sha256(blob).hexdigest()
open(os.path.join(layout, "blobs", "sha256", digest), "wb").write(blob)
top["manifests"] = [m for m in top["manifests"]
                    if m["annotations"]["org.opencontainers.image.ref.name"] != "upgraded-arm64"]
top["manifests"].append({"mediaType": "application/vnd.oci.image.index.v1+json",
                         "digest": "sha256:" + digest, "size": len(blob),
                         "annotations": {"org.opencontainers.image.ref.name": "multi"}})
json.dump(top, open(index_path, "w"))
PY
umoci gc --layout "$work/diff.oci"
cp -a "$work/diff.oci" "$out/diff.oci"
rm -rf "$work"
echo "$want" >"$stamp"
