#!/usr/bin/env bash
# Times tallyman against syft and trivy on one image, in one run, with the
# decompression floor beside them, and prints ratios (these machines are
# noisy: compare within a run, not across runs).
#
#   benches/compare.sh OCI-LAYOUT-DIR[:TAG] [RUNS]
#   benches/compare.sh                      # the large image from testdata/build-large-image.sh
#
# - floor: every layer blob decompressed, two at a time (libdeflate-gunzip,
#   else pigz -d), output discarded — the work no scanner can avoid;
# - tallyman: cold (--no-cache), cold with --verify-diff-ids, and warm (layer
#   cache filled by the cold run);
# - syft 1.18.1 and trivy 0.59.1 from their PyPI wheels (testdata/fetch-peers.sh),
#   trivy with --offline-scan --skip-db-update --skip-files "**/*.jar".
# - TALLYMAN_BASELINE=PATH: another tallyman build (say, the last commit's),
#   timed the same way, with and without --verify-diff-ids, to report what
#   a change costs.
# - TALLYMAN_BIN=PATH: time that build as "tallyman" instead of building
#   the release profile (say, release/build.sh's static binary).
# Wall time, user CPU and peak RSS come from /usr/bin/time; the best of RUNS (default 3)
# is reported. Package counts show what each tool found.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
image=${1:-}
runs=${2:-3}
if [ -z "$image" ]; then
  bash "$root/testdata/build-large-image.sh"
  image="$root/target/testdata/large.oci:large"
fi
layout=${image%%:*}
tag=${image#*:}
[ "$tag" = "$image" ] && tag=""
bash "$root/testdata/fetch-peers.sh"
peers="$root/target/peers"
if [ -n "${TALLYMAN_BIN:-}" ]; then
  tallyman=$TALLYMAN_BIN
else
  cargo build --release --quiet --manifest-path "$root/Cargo.toml"
  tallyman="$root/target/release/tallyman"
fi
[ -x /usr/bin/time ] || { echo "/usr/bin/time is needed (apt-get install time)" >&2; exit 1; }
if command -v libdeflate-gunzip >/dev/null; then gunzip_cmd="libdeflate-gunzip -c"
elif command -v pigz >/dev/null; then gunzip_cmd="pigz -dc"
else echo "the floor needs libdeflate-gunzip (apt-get install libdeflate-tools) or pigz" >&2; exit 1; fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source_arg="oci-dir:$layout${tag:+:$tag}"

# The layer blobs of the image, from its manifest.
layers=$(python3 - "$layout" "$tag" <<'PY'
import json, os, sys
layout, tag = sys.argv[1], sys.argv[2]
index = json.load(open(os.path.join(layout, "index.json")))
entries = [m for m in index["manifests"] if not tag or m.get("annotations", {}).get("org.opencontainers.image.ref.name") == tag]
blob = lambda d: os.path.join(layout, "blobs", *d.split(":"))
manifest = json.load(open(blob(entries[0]["digest"])))
print("\n".join(blob(l["digest"]) for l in manifest["layers"]))
PY
)

# measure NAME COMMAND...: best wall time, its peak RSS and user CPU over $runs runs.
measure() {
  local name=$1
  shift
  local best="" rss="" cpu=""
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M %U" -o "$work/time" "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; return 1; }
    read -r wall kb user <"$work/time"
    if [ -z "$best" ] || awk "BEGIN{exit !($wall < $best)}"; then best=$wall; rss=$kb; cpu=$user; fi
  done
  echo "$name $best $rss $cpu" >>"$work/results"
}

floor() { printf '%s\n' $layers | xargs -P2 -I{} sh -c "$gunzip_cmd {} >/dev/null"; }
export -f floor 2>/dev/null || true
echo "image: $source_arg ($(du -shL $layers | awk '{s+=$1} END {print NR" layers"}'), $(cat $layers | wc -c | awk '{printf "%.0f MB compressed", $1/1e6}'))"
measure floor bash -c "$(declare -f floor); layers='$layers'; gunzip_cmd='$gunzip_cmd'; floor"
measure tallyman "$tallyman" scan "$source_arg" -q --no-cache -o "json=$work/tallyman.json"
measure tallyman-verify "$tallyman" scan "$source_arg" -q --no-cache --verify-diff-ids -o json=/dev/null
if [ -n "${TALLYMAN_BASELINE:-}" ]; then
  measure baseline "$TALLYMAN_BASELINE" scan "$source_arg" -q --no-cache -o "json=$work/baseline.json"
  measure baseline-verify "$TALLYMAN_BASELINE" scan "$source_arg" -q --no-cache --verify-diff-ids -o json=/dev/null
fi
"$tallyman" scan "$source_arg" -q --cache-dir "$work/cache" -o json=/dev/null
measure tallyman-warm "$tallyman" scan "$source_arg" -q --cache-dir "$work/cache" -o json=/dev/null
measure trivy env TRIVY_NO_PROGRESS=true "$peers/trivy" image --input "$layout" --offline-scan --skip-db-update \
  --skip-java-db-update --skip-files "**/*.jar" --cache-backend memory --format cyclonedx \
  --output "$work/trivy.json" --quiet
measure syft env SYFT_CHECK_FOR_APP_UPDATE=false "$peers/syft" scan "oci-dir:$layout" -q -o "syft-json=$work/syft.json"

python3 - "$work" <<'PY'
import json, os, sys
work = sys.argv[1]
rows = {l.split()[0]: (float(l.split()[1]), int(l.split()[2]), float(l.split()[3]))
        for l in open(os.path.join(work, "results"))}
ours = json.load(open(os.path.join(work, "tallyman.json")))
count = lambda kind: sum(1 for p in ours["packages"] if p["type"] == kind)
npm = {"tallyman": count("npm"), "tallyman-warm": count("npm")}
syft = json.load(open(os.path.join(work, "syft.json")))
npm["syft"] = sum(1 for a in syft["artifacts"] if a["type"] == "npm")
trivy = json.load(open(os.path.join(work, "trivy.json")))
npm["trivy"] = sum(1 for c in trivy.get("components", []) if c.get("purl", "").startswith("pkg:npm/"))
floor, cold = rows["floor"][0], rows["tallyman"][0]
print(f"{'tool':<16}{'wall s':>9}{'user s':>9}{'peak RSS MiB':>14}{'npm found':>11}   ratios")
for name in ["floor", "tallyman", "tallyman-verify", "baseline", "baseline-verify", "tallyman-warm", "trivy", "syft"]:
    if name not in rows:
        continue
    wall, kb, user = rows[name]
    note = ""
    if name == "tallyman-verify":
        note = f"{wall / floor:.2f}x floor (user CPU {user / rows['floor'][2]:.2f}x), {wall / cold:.2f}x unverified"
    elif name == "baseline":
        note = f"{wall / floor:.2f}x floor; tallyman is {cold / wall:.3f}x this (user CPU {rows['tallyman'][2] / user:.3f}x)"
    elif name == "baseline-verify":
        mine = rows["tallyman-verify"]
        note = f"{wall / floor:.2f}x floor; tallyman-verify is {mine[0] / wall:.3f}x this (user CPU {mine[2] / user:.3f}x)"
    elif name == "tallyman":
        note = f"{cold / floor:.2f}x floor (user CPU {user / rows['floor'][2]:.2f}x), {cold / rows['trivy'][0]:.2f}x trivy, {cold / rows['syft'][0]:.3f}x syft"
    elif name == "tallyman-warm":
        note = f"{wall / cold:.1%} of cold"
    print(f"{name:<16}{wall:>9.2f}{user:>9.2f}{kb / 1024:>14.0f}{npm.get(name, ''):>11}   {note}")
print(f"tallyman: {count('deb')} deb, {count('npm')} npm packages")
PY
