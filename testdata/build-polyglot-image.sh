#!/usr/bin/env bash
# Builds the polyglot test image: what a typical service image holds, every
# part made by its own ecosystem's tools.
#   layer 1: `debootstrap --variant=minbase bookworm` (shared with build-images.sh)
#   layer 2: apt-get install python3, python3-venv and python3-requests (Debian's
#            own Python distributions in /usr/lib/python3/dist-packages, as
#            egg-info and dist-info directories owned by debs)
#   layer 3: `python3 -m venv /opt/venv` in the image, then pip installs
#            testdata/polyglot/requirements.txt (flask, requests, gunicorn,
#            pydantic, sqlalchemy and their dependencies) from wheels that the
#            host's pip downloaded from PyPI (the image's pip never goes online)
#   layer 4: two Go tools in /usr/local/bin: greeter (testdata/polyglot/go-app,
#            built here by `go build` as (devel) with -ldflags -X
#            main.version=v1.4.2 and a local module joined by `replace`) and
#            syft (its PyPI wheel's binary: ~400 modules)
#   layer 5: /usr/local/bin/rust-fixture, testdata/rust-app built with
#            `cargo auditable`
# Output (cached; rebuilt only when an input changes) in $TALLYMAN_TESTDATA,
# default target/testdata: polyglot.oci/ (tag "service"), polyglot.rootfs/.
# Needs root, debootstrap, umoci, pip, go, cargo-auditable (test.sh installs them).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=testdata/image-lib.sh
. "$here/image-lib.sh"
if up_to_date polyglot "$0" "$here"/polyglot/requirements.txt \
  "$here"/polyglot/go-app/go.mod "$here"/polyglot/go-app/*.go "$here"/polyglot/go-app/words/* \
  "$here"/rust-app/Cargo.lock "$here"/rust-app/src/*.rs; then
  exit 0
fi

for tool in debootstrap umoci chroot pip3 go cargo-auditable; do
  command -v "$tool" >/dev/null || { echo "build-polyglot-image.sh: $tool is not installed (run test.sh's setup)" >&2; exit 1; }
done

base=$(debootstrap_base)
bash "$here/fetch-peers.sh"
peers=${TALLYMAN_PEERS:-$here/../target/peers}

work="$out/polyglot.work"
rm -rf "$work" "$out"/polyglot.oci "$out"/polyglot.rootfs
mkdir -p "$work"
export SOURCE_DATE_EPOCH=1700000000

# The binaries and wheels, built and fetched on the host.
(cd "$here/polyglot/go-app" &&
  CGO_ENABLED=0 GOPROXY=off GOFLAGS=-mod=mod go build -buildvcs=false \
    -ldflags "-X main.version=v1.4.2" -o "$work/greeter" .)
(cd "$here/rust-app" &&
  CARGO_TARGET_DIR="$out/rust-app" cargo auditable build --release --locked --offline -q)
pip3 download -q --only-binary=:all: --python-version 3.11 --implementation cp --abi cp311 \
  --platform manylinux2014_x86_64 --platform manylinux_2_17_x86_64 \
  -r "$here/polyglot/requirements.txt" -d "$work/wheels"

new_image polyglot service
rootfs="$work/polyglot.bundle/rootfs"
tar -C "$rootfs" --numeric-owner -xf "$base"
commit polyglot service

in_chroot "$rootfs" apt-get update -qq >/dev/null
in_chroot "$rootfs" apt-get install -y -qq --no-install-recommends python3 python3-venv python3-requests >/dev/null
in_chroot "$rootfs" apt-get clean
rm -rf "$rootfs"/var/lib/apt/lists/*
commit polyglot service

in_chroot "$rootfs" python3 -m venv /opt/venv
cp -r "$work/wheels" "$rootfs/tmp/wheels"
cp "$here/polyglot/requirements.txt" "$rootfs/tmp/requirements.txt"
in_chroot "$rootfs" /opt/venv/bin/pip install -q --no-index --find-links /tmp/wheels \
  --disable-pip-version-check --no-compile -r /tmp/requirements.txt
rm -rf "$rootfs/tmp/wheels" "$rootfs/tmp/requirements.txt" "$rootfs/root/.cache"
commit polyglot service

install -m 0755 "$work/greeter" "$rootfs/usr/local/bin/greeter"
install -m 0755 "$peers/syft" "$rootfs/usr/local/bin/syft"
commit polyglot service

install -m 0755 "$out/rust-app/release/tallyman-rust-fixture" "$rootfs/usr/local/bin/rust-fixture"
commit polyglot service

finish polyglot service
rm -rf "$work"
echo "$want" >"$stamp"
