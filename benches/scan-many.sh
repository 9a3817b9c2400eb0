#!/usr/bin/env bash
# What `tallyman scan-many` saves over scanning images one by one, in one
# run (these machines are noisy: compare within a run).
#
#   benches/scan-many.sh
#
# Ten images in Debian's docker-registry on a free 127.0.0.1 port: the
# large benchmark image (testdata/build-large-image.sh, 4 layers, ~600 MB
# of gzip) plus one small layer of its own each (`umoci raw add-layer`), as
# a platform team's images share a base. Timed, each from an empty cache:
#   ten scans, no cache       `tallyman scan --no-cache` ten times (a naive loop)
#   ten scans, one cache      `tallyman scan` ten times sharing a local cache
#   scan-many                 one `tallyman scan-many` of the ten (--jobs 1 and 2)
# Wall time and peak RSS from /usr/bin/time.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
for tool in docker-registry skopeo umoci python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "$tool is needed (bash test.sh installs it)" >&2; exit 1; }
done
bash "$root/testdata/build-large-image.sh"
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
tallyman="$root/target/release/tallyman"

work=$(mktemp -d)
# shellcheck source=benches/lib.sh
. "$root/benches/lib.sh"
start_registry "$work"

cp -a "$root/target/testdata/large.oci" "$work/large.oci"
for i in $(seq 0 9); do
  mkdir -p "$work/layer$i/srv/service-$i"
  printf '{"name": "service-%s", "version": "1.0.%s"}\n' "$i" "$i" >"$work/layer$i/srv/service-$i/package.json"
  head -c 8M /dev/urandom >"$work/layer$i/srv/service-$i/blob.bin"
  tar -C "$work/layer$i" --numeric-owner -cf "$work/layer$i.tar" .
  umoci raw add-layer --image "$work/large.oci:large" --tag "svc$i" "$work/layer$i.tar"
  skopeo copy -q --dest-tls-verify=false "oci:$work/large.oci:svc$i" "docker://127.0.0.1:$port/fleet/app:svc$i"
  echo "registry:127.0.0.1:$port/fleet/app:svc$i" >>"$work/list.txt"
done

measure() { # NAME COMMAND (a shell snippet)
  rm -rf "$work/cache" "$work/out"
  /usr/bin/time -f "%e %M" -o "$work/time" bash -c "$2" >/dev/null 2>&1
  read -r t rss <"$work/time"
  printf '%-22s %7.2f s %7d MiB\n' "$1" "$t" $((rss / 1024))
  echo "$1 $t" >>"$work/results"
}
measure "ten scans, no cache" "while read -r ref; do '$tallyman' scan -q --no-cache \"\$ref\" -o json=/dev/null; done <'$work/list.txt'"
measure "ten scans, one cache" "while read -r ref; do '$tallyman' scan -q --cache-dir '$work/cache' \"\$ref\" -o json=/dev/null; done <'$work/list.txt'"
for jobs in 1 2; do measure "scan-many --jobs $jobs" "'$tallyman' scan-many -q --jobs $jobs --cache-dir '$work/cache' --from '$work/list.txt' --output-dir '$work/out' -o json"; done
python3 - "$work/results" <<'PY'
import sys
r = {k: float(v) for k, v in (line.rsplit(" ", 1) for line in open(sys.argv[1]).read().splitlines())}
many = r["scan-many --jobs 2"]
print(f"scan-many: {many / r['ten scans, no cache']:.2f}x ten uncached scans, "
      f"{many / r['ten scans, one cache']:.2f}x ten scans sharing a cache")
PY
