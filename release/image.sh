#!/usr/bin/env bash
# tallyman's own container image, reproducibly: the same binary and the same
# SOURCE_DATE_EPOCH give the same manifest digest, byte for byte.
#
#   release/image.sh BINARY OCI-DIR TAG
#
# BINARY is a static tallyman (release/build.sh makes one per target; its
# architecture is read from the ELF header). The image is FROM scratch:
# the binary, the CA certificates of Debian's ca-certificates package (the
# host's), declared the way distroless declares packages
# (/var/lib/dpkg/status.d/, so any scanner lists it), a nonroot user
# (65532, as distroless), its home (the layer cache goes there) and /work,
# the working directory to mount what is scanned. One layer, written by GNU
# tar with sorted names, fixed owners and the epoch's mtime, then added
# verbatim by umoci; the config's dates are the epoch too.
# Needs umoci, GNU tar, dpkg-query and ca-certificates.
set -euo pipefail
umask 022

[ $# -eq 3 ] || { echo "usage: release/image.sh BINARY OCI-DIR TAG" >&2; exit 2; }
binary=$1 layout=$2 tag=$3
here=$(cd "$(dirname "$0")" && pwd)
for tool in umoci tar dpkg-query readelf; do
  command -v "$tool" >/dev/null || { echo "release/image.sh: $tool is missing" >&2; exit 1; }
done
certs=/etc/ssl/certs/ca-certificates.crt
[ -s "$certs" ] || { echo "release/image.sh: $certs is missing (apt-get install ca-certificates)" >&2; exit 1; }
epoch=${SOURCE_DATE_EPOCH:-$(git -C "$here" log -1 --format=%ct)}
created=$(date -u -d "@$epoch" +%Y-%m-%dT%H:%M:%SZ)
version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$here/../Cargo.toml" | head -1)
revision=$(git -C "$here" rev-parse HEAD 2>/dev/null || echo unknown)

case $(readelf -h "$binary" | sed -n 's/^ *Machine: *//p') in
  *X86-64*) arch=amd64 ;;
  *AArch64*) arch=arm64 ;;
  *) echo "release/image.sh: $binary: not an x86-64 or AArch64 ELF executable" >&2; exit 1 ;;
esac
if readelf -l "$binary" | grep -q 'program interpreter'; then
  echo "release/image.sh: $binary is dynamically linked; the image has no C library (build for *-linux-musl)" >&2
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/rootfs
mkdir -p "$root"/{etc/ssl/certs,home/nonroot,tmp,usr/local/bin,var/lib/dpkg/status.d,work}
install -m 0755 "$binary" "$root/usr/local/bin/tallyman"
install -m 0644 "$certs" "$root/etc/ssl/certs/ca-certificates.crt"
printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' >"$root/etc/passwd"
printf 'root:x:0:\nnonroot:x:65532:\n' >"$root/etc/group"
# The package the certificates come from, as distroless records it: its
# status paragraph (what dpkg-query reads), without the installed state's
# conffiles, which name files this image does not have.
dpkg-query -s ca-certificates | grep -v -e '^Conffiles:' -e '^ /' >"$root/var/lib/dpkg/status.d/ca-certificates"
chmod 1777 "$root/tmp"
chmod 0644 "$root"/etc/passwd "$root"/etc/group "$root"/var/lib/dpkg/status.d/ca-certificates

tar -C "$root" --sort=name --mtime="@$epoch" --numeric-owner --owner=0 --group=0 \
  --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime \
  --format=posix -cf "$work/layer.tar" --exclude=./home/nonroot --exclude=./work .
# Two directories belong to the nonroot user.
tar -C "$root" --mtime="@$epoch" --numeric-owner --owner=65532 --group=65532 \
  --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime \
  --format=posix --no-recursion -rf "$work/layer.tar" ./home/nonroot ./work

rm -rf "$layout"
umoci init --layout "$layout"
umoci new --image "$layout:$tag"
umoci raw add-layer --image "$layout:$tag" --history.created "$created" \
  --history.created_by "release/image.sh (tallyman $version)" "$work/layer.tar"
umoci config --image "$layout:$tag" --created "$created" --no-history \
  --os linux --architecture "$arch" \
  --config.user 65532:65532 --config.workingdir /work \
  --config.env PATH=/usr/local/bin --config.env HOME=/home/nonroot \
  --config.env SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt \
  --config.entrypoint /usr/local/bin/tallyman --config.cmd --help \
  --config.label "org.opencontainers.image.title=tallyman" \
  --config.label "org.opencontainers.image.version=$version" \
  --config.label "org.opencontainers.image.revision=$revision" \
  --config.label "org.opencontainers.image.created=$created" \
  --config.label "org.opencontainers.image.licenses=Apache-2.0"
umoci gc --layout "$layout"
