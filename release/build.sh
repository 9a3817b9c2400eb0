#!/usr/bin/env bash
# The release artifacts, made by one script:
#
#   release/build.sh [--out DIR] [--target TRIPLE]... [--profile PROFILE] [--key cosign.key]
#                    [--prebuilt BINARY]
#
# For each target (default x86_64-unknown-linux-musl; aarch64-unknown-linux-musl
# needs gcc-aarch64-linux-gnu and musl-dev:arm64), into DIR (default target/dist):
#   tallyman-VERSION-TARGET.tar.gz      the static binary (debug info split
#                                       off), shell completions, man pages,
#                                       README and licence
#   tallyman-VERSION-TARGET.debug       that debug info (gdb and crash reports
#                                       find it through the binary's debuglink)
#   tallyman-VERSION-TARGET.spdx.json   its SBOM: tallyman scanning the
#                                       archive's contents (the crates compiled
#                                       in, recorded by cargo auditable)
# and tallyman's own container image,
#   tallyman-VERSION-image.oci.tar      an OCI layout (release/image.sh), tag VERSION:
#                                       with several targets, an index of one
#                                       image per platform
#   tallyman-VERSION-image.spdx.json    its SBOM (every platform's)
# then SHA256SUMS over all of them, and a Sigstore bundle FILE.sigstore.json
# (tallyman sign-blob: with --key, or keyless in CI) for every archive, SBOM
# and SHA256SUMS. `--prebuilt BINARY` packs that binary (built for the one
# --target, through cargo auditable) instead of building: the test suite
# checks this script with the static binary it tested, not a second,
# optimised build.
# Archives are reproducible: sorted, owned by 0, dated SOURCE_DATE_EPOCH (the
# last commit's date by default), gzip without a name or time.
# Needs cargo-auditable (cargo install cargo-auditable --locked), the
# targets' Rust standard libraries (rustup target add …), musl-tools, binutils,
# umoci, and for keyless signing an OIDC token (see tallyman sign-blob).
set -euo pipefail
# Modes in the archives and the image come from the files made here.
umask 022

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
out=$repo/target/dist
profile=dist
key=
prebuilt=
targets=()
while [ $# -gt 0 ]; do
  case $1 in
    --out) out=$2; shift 2 ;;
    --target) targets+=("$2"); shift 2 ;;
    --profile) profile=$2; shift 2 ;;
    --key) key=$(realpath "$2"); shift 2 ;;
    --prebuilt) prebuilt=$(realpath "$2"); shift 2 ;;
    *) echo "release/build.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ ${#targets[@]} -gt 0 ] || targets=(x86_64-unknown-linux-musl)
[ -z "$prebuilt" ] || [ ${#targets[@]} -eq 1 ] ||
  { echo "release/build.sh: --prebuilt goes with one --target" >&2; exit 2; }
missing=()
for tool in cargo-auditable objcopy readelf umoci gzip sha256sum; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
[ ${#missing[@]} -eq 0 ] || { echo "release/build.sh: missing ${missing[*]}" >&2; exit 1; }

epoch=${SOURCE_DATE_EPOCH:-$(git -C "$repo" log -1 --format=%ct)}
export SOURCE_DATE_EPOCH=$epoch
version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$repo/Cargo.toml" | head -1)
case $profile in dev) dir=debug ;; *) dir=$profile ;; esac
mkdir -p "$out"
out=$(cd "$out" && pwd)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

# pack DIR MEMBER...: a reproducible tar of DIR's MEMBERs on stdout (names
# sorted, owner 0, dated by the epoch, no access or change times).
pack() {
  tar -C "$1" --sort=name --mtime="@$SOURCE_DATE_EPOCH" --owner=0 --group=0 --numeric-owner \
    --format=posix --pax-option=delete=atime,delete=ctime -cf - "${@:2}"
}

# The aarch64 build on x86_64: its C parts (aws-lc, zstd, SQLite, mimalloc)
# compiled by musl-dev:arm64's aarch64-linux-musl-gcc (Debian's cross gcc
# with musl's headers; named, since the cc crate would otherwise take the
# linker's prefix and glibc's headers), linked by the cross gcc with the CRT
# and libc of Rust's own musl target.
export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_MUSL_LINKER=${CARGO_TARGET_AARCH64_UNKNOWN_LINUX_MUSL_LINKER:-aarch64-linux-gnu-gcc}
export CC_aarch64_unknown_linux_musl=${CC_aarch64_unknown_linux_musl:-aarch64-linux-musl-gcc}
for target in "${targets[@]}"; do
  [ -z "$prebuilt" ] || break
  rustup target list --installed 2>/dev/null | grep -qx "$target" ||
    { echo "release/build.sh: Rust's $target standard library is missing: rustup target add $target" >&2; exit 1; }
  case $target in
    x86_64-unknown-linux-musl) need=(musl-gcc) why="apt-get install musl-tools" ;;
    aarch64-unknown-linux-musl) need=(aarch64-linux-gnu-gcc aarch64-linux-musl-gcc)
      why="apt-get install gcc-aarch64-linux-gnu, and musl-dev:arm64 after dpkg --add-architecture arm64" ;;
    *) need=() why= ;;
  esac
  for tool in "${need[@]}"; do
    command -v "$tool" >/dev/null ||
      { echo "release/build.sh: building for $target needs $tool: $why" >&2; exit 1; }
  done
done

tallyman=
for target in "${targets[@]}"; do
  binary=$prebuilt
  if [ -z "$binary" ]; then
    (cd "$repo" && cargo auditable build --quiet --locked --profile "$profile" --target "$target" --bin tallyman)
    binary=${CARGO_TARGET_DIR:-$repo/target}/$target/$dir/tallyman
  fi
  name=tallyman-$version-$target
  mkdir -p "$stage/$name"
  # (Debian's objcopy reads only its own architecture's ELF.)
  objcopy=objcopy
  case $target in aarch64-*) [ "$(uname -m)" = aarch64 ] || objcopy=aarch64-linux-gnu-objcopy ;; esac
  "$objcopy" --only-keep-debug "$binary" "$out/$name.debug"
  "$objcopy" --strip-all --add-gnu-debuglink="$out/$name.debug" "$binary" "$stage/$name/tallyman"
  # The first binary that runs here writes the completions and man pages
  # (they are the same for every target), scans and signs.
  if [ -z "$tallyman" ] && "$stage/$name/tallyman" --version >/dev/null 2>&1; then
    tallyman=$stage/$name/tallyman
  fi
done
[ -n "$tallyman" ] || { echo "release/build.sh: none of ${targets[*]} runs on this machine" >&2; exit 1; }

# What every archive holds besides its binary: completions, man pages (one
# per subcommand, and per subcommand of those: sbom download, …), README
# and licence.
docs=$stage/docs
mkdir -p "$docs/completions" "$docs/man/man1"
"$tallyman" completion bash >"$docs/completions/tallyman.bash"
"$tallyman" completion zsh >"$docs/completions/_tallyman"
"$tallyman" completion fish >"$docs/completions/tallyman.fish"
"$tallyman" man-page >"$docs/man/man1/tallyman.1"
commands() { "$tallyman" "$@" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z-]*\) .*/\1/p' | grep -v '^help$' || true; }
for sub in $(commands); do
  "$tallyman" man-page "$sub" >"$docs/man/man1/tallyman-$sub.1"
  for leaf in $(commands "$sub"); do
    "$tallyman" man-page "$sub" "$leaf" >"$docs/man/man1/tallyman-$sub-$leaf.1"
  done
done
cp "$repo/README.md" "$repo/LICENSE" "$docs/"

for target in "${targets[@]}"; do
  name=tallyman-$version-$target
  cp -r "$docs/." "$stage/$name/"
  pack "$stage" "$name" | gzip -9n >"$out/$name.tar.gz"
  (cd "$stage" && "$tallyman" scan -q --no-cache "dir:$name" -o "spdx-json=$out/$name.spdx.json")
done

# One image per target; with several, one OCI index over them (tag VERSION),
# written as canonical JSON so that it too is reproducible.
for target in "${targets[@]}"; do
  bash "$here/image.sh" "$stage/tallyman-$version-$target/tallyman" "$stage/image-$target" "$version"
done
if [ ${#targets[@]} -eq 1 ]; then
  mv "$stage/image-${targets[0]}" "$stage/image"
else
  python3 - "$stage/image" "$version" "${targets[@]/#/$stage/image-}" <<'PY'
import hashlib, json, os, shutil, sys
out, tag, layouts = sys.argv[1], sys.argv[2], sys.argv[3:]
def canonical(value):
    return json.dumps(value, sort_keys=True, separators=(",", ":")).encode()
os.makedirs(os.path.join(out, "blobs", "sha256"))
manifests = []
for layout in layouts:
    for blob in os.listdir(os.path.join(layout, "blobs", "sha256")):
        shutil.copy(os.path.join(layout, "blobs", "sha256", blob), os.path.join(out, "blobs", "sha256", blob))
    entry = json.load(open(os.path.join(layout, "index.json")))["manifests"][0]
    manifest = json.load(open(os.path.join(layout, "blobs", *entry["digest"].split(":"))))
    config = json.load(open(os.path.join(layout, "blobs", *manifest["config"]["digest"].split(":"))))
    manifests.append({"mediaType": entry["mediaType"], "digest": entry["digest"], "size": entry["size"],
                      "platform": {"architecture": config["architecture"], "os": config["os"]}})
index = canonical({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json", "manifests": manifests})
digest = hashlib.sha256(index).hexdigest()
open(os.path.join(out, "blobs", "sha256", digest), "wb").write(index)
open(os.path.join(out, "oci-layout"), "wb").write(canonical({"imageLayoutVersion": "1.0.0"}))
top = {"schemaVersion": 2, "manifests": [{"mediaType": "application/vnd.oci.image.index.v1+json",
       "digest": "sha256:" + digest, "size": len(index),
       "annotations": {"org.opencontainers.image.ref.name": tag}}]}
open(os.path.join(out, "index.json"), "wb").write(canonical(top))
PY
fi
pack "$stage/image" . >"$out/tallyman-$version-image.oci.tar"
(cd "$stage" && "$tallyman" scan -q --no-cache "oci-dir:image:$version" --platform all \
  -o "spdx-json=$out/tallyman-$version-image.spdx.json")

cd "$out"
sums=()
for target in "${targets[@]}"; do
  sums+=("tallyman-$version-$target".{tar.gz,debug,spdx.json})
done
sums+=("tallyman-$version-image".{oci.tar,spdx.json})
sha256sum "${sums[@]}" >SHA256SUMS
for file in "${sums[@]}" SHA256SUMS; do
  case $file in *.debug) continue ;; esac
  "$tallyman" sign-blob -q "$file" --bundle "$file.sigstore.json" ${key:+--key "$key"}
done
echo "release/build.sh: tallyman $version (${targets[*]}) in $out"
