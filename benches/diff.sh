#!/usr/bin/env bash
# What `tallyman diff` of two registry images that differ in one layer
# costs, against a scan of one of them, in one run (these machines are
# noisy: compare within a run).
#
#   benches/diff.sh [RUNS]
#
# The images: the large benchmark image (testdata/build-large-image.sh, 4
# gzip layers) as `large`, and `next`: the same four layers plus one more
# (`umoci raw add-layer`: testdata/diff-app/upgraded installed under
# /srv/next and 64 MiB of incompressible data), both pushed to Debian's
# docker-registry on a free 127.0.0.1 port. Each measurement starts from an
# empty cache directory unless it says warm:
#   scan large (cold)          every layer downloaded and read
#   scan next after large      the cache holds the four shared layers
#   diff large next (cold)     both sides, from an empty cache
#   diff large next (warm)     both sides cached (a re-run in CI)
#   new layer floor            the new layer's blob gunzipped, nothing else
# Wall time and peak RSS from /usr/bin/time; the best of RUNS (default 3).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-3}
for tool in docker-registry skopeo umoci npm python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "$tool is needed (bash test.sh installs it)" >&2; exit 1; }
done
bash "$root/testdata/build-large-image.sh"
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
tallyman="$root/target/release/tallyman"
if command -v libdeflate-gunzip >/dev/null; then gunzip_cmd="libdeflate-gunzip -c"; else gunzip_cmd="pigz -dc"; fi

work=$(mktemp -d)
# shellcheck source=benches/lib.sh
. "$root/benches/lib.sh"
start_registry "$work"

# The fifth layer.
mkdir -p "$work/layer/srv/next" "$work/layer/opt/data"
cp "$root/testdata/diff-app/upgraded/package.json" "$root/testdata/diff-app/upgraded/package-lock.json" "$work/layer/srv/next/"
(cd "$work/layer/srv/next" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
head -c 64M /dev/urandom >"$work/layer/opt/data/blob.bin"
tar -C "$work/layer" --numeric-owner -cf "$work/layer.tar" .
cp -a "$root/target/testdata/large.oci" "$work/large.oci"
umoci raw add-layer --image "$work/large.oci:large" --tag next "$work/layer.tar"
for tag in large next; do
  skopeo copy -q --dest-tls-verify=false "oci:$work/large.oci:$tag" "docker://127.0.0.1:$port/bench/image:$tag"
done
new_layer=$(python3 - "$work/large.oci" <<'PY'
import json, sys
layout = sys.argv[1]
index = json.load(open(f"{layout}/index.json"))
digest = next(m["digest"] for m in index["manifests"] if m["annotations"]["org.opencontainers.image.ref.name"] == "next")
manifest = json.load(open(f"{layout}/blobs/sha256/{digest[7:]}"))
print(manifest["layers"][-1]["digest"][7:])
PY
)
a="registry:127.0.0.1:$port/bench/image:large"
b="registry:127.0.0.1:$port/bench/image:next"

# best NAME SETUP CMD...: the best wall time and its peak RSS over $runs runs;
# SETUP (a shell snippet) runs before each.
best() {
  local name=$1 setup=$2
  shift 2
  local best_time="" best_rss=""
  for _ in $(seq "$runs"); do
    eval "$setup"
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null
    read -r t rss <"$work/time"
    if [ -z "$best_time" ] || python3 -c "import sys; sys.exit(0 if $t < $best_time else 1)"; then
      best_time=$t best_rss=$rss
    fi
  done
  printf '%-28s %7.2f s %7d MiB\n' "$name" "$best_time" $((best_rss / 1024))
  echo "$name $best_time" >>"$work/results"
}
cache="$work/cache"
fresh='rm -rf "$cache"'
after_a='rm -rf "$cache"; "$tallyman" scan -q --cache-dir "$cache" "$a" -o json=/dev/null'
both='rm -rf "$cache"; "$tallyman" diff -q --cache-dir "$cache" "$a" "$b" -o json=/dev/null'
best "scan large (cold)" "$fresh" "$tallyman" scan -q --cache-dir "$cache" "$a" -o json=/dev/null
best "scan next after large" "$after_a" "$tallyman" scan -q --cache-dir "$cache" "$b" -o json=/dev/null
best "diff large next (cold)" "$fresh" "$tallyman" diff -q --cache-dir "$cache" "$a" "$b" -o json=/dev/null
best "diff large next (warm)" "$both" "$tallyman" diff -q --cache-dir "$cache" "$a" "$b" -o json=/dev/null
best "new layer floor" ":" sh -c "$gunzip_cmd '$work/large.oci/blobs/sha256/$new_layer' >/dev/null"
"$tallyman" diff -q "$a" "$b" --no-cache | tail -1
python3 - "$work/results" <<'PY'
import sys
r = dict(line.rsplit(" ", 1) for line in open(sys.argv[1]).read().splitlines())
r = {k: float(v) for k, v in r.items()}
cold = r["scan large (cold)"]
print(f"diff cold / scan cold = {r['diff large next (cold)'] / cold:.2f}x; "
      f"diff cold - scan cold = {r['diff large next (cold)'] - cold:.2f} s "
      f"(scan next after large: {r['scan next after large']:.2f} s; new layer floor {r['new layer floor']:.2f} s); "
      f"diff warm = {r['diff large next (warm)']:.2f} s ({r['diff large next (warm)'] / cold:.2f}x scan cold)")
PY
