#!/usr/bin/env bash
# Compares a scan straight from a loopback registry with a scan of the same
# image from its OCI layout, in one run (hyperfine), and prints the ratio.
# The image is the Debian test image from testdata/build-images.sh; the
# registry is Debian's docker-registry on a free 127.0.0.1 port.
#   benches/registry-vs-layout.sh [LAYOUT] [TAG]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
layout=${1:-}
tag=${2:-bookworm}
if [ -z "$layout" ]; then
  bash "$root/testdata/build-images.sh"
  layout="$root/target/testdata/debian.oci"
fi
for tool in docker-registry skopeo hyperfine python3; do
  command -v "$tool" >/dev/null || { echo "$tool is needed (apt-get install docker-registry skopeo hyperfine)" >&2; exit 1; }
done
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
tallyman="$root/target/release/tallyman"

work=$(mktemp -d)
# shellcheck source=benches/lib.sh
. "$root/benches/lib.sh"
start_registry "$work"
skopeo copy -q --dest-tls-verify=false "oci:$layout:$tag" "docker://127.0.0.1:$port/bench/image:$tag"

hyperfine -N --warmup 2 --runs 10 --export-json "$work/result.json" \
  -n layout "$tallyman scan oci-dir:$layout:$tag -q -o json=/dev/null" \
  -n registry "$tallyman scan registry:127.0.0.1:$port/bench/image:$tag -q -o json=/dev/null"
python3 - "$work/result.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
layout, registry = r["layout"]["mean"], r["registry"]["mean"]
print(f"layout {layout:.3f} s, registry {registry:.3f} s: registry/layout = {registry / layout:.2f}x")
PY
