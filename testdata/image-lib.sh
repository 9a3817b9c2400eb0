# Shared by the testdata/build-*.sh scripts (sourced, not run, after they
# set $here): where images go ($out, from $TALLYMAN_TESTDATA, default
# target/testdata), the Debian mirror ($mirror), the build lock and stamp
# of each image set, a cached debootstrap root filesystem and the umoci
# steps that turn root filesystems into image layers (these expect $work).

out=${TALLYMAN_TESTDATA:-$here/../target/testdata}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
mkdir -p "$out"
out=$(cd "$out" && pwd)

# up_to_date NAME INPUT...: takes NAME's build lock (held until the script
# exits, so concurrent runs wait) and says whether NAME was last built from
# these inputs (and this file); sets $stamp and $want for `echo "$want" >"$stamp"`.
up_to_date() {
  local name=$1
  shift
  exec 9>"$out/.$name.lock"
  flock 9
  stamp="$out/$name.stamp"
  want=$(cat "$@" "$here/image-lib.sh" | sha256sum | cut -d" " -f1)
  [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]
}

# debootstrap_base: prints the path of a cached `debootstrap --variant=minbase
# bookworm` root filesystem tarball, making it on first use.
debootstrap_base() {
  local base="$out/bookworm-minbase.tar"
  if [ ! -f "$base" ]; then
    local tmp="$out/debootstrap.tmp"
    rm -rf "$tmp"
    debootstrap --variant=minbase bookworm "$tmp" "$mirror" >"$out/debootstrap.log" 2>&1 ||
      { tail -20 "$out/debootstrap.log" >&2; return 1; }
    tar -C "$tmp" --numeric-owner -cf "$base.part" .
    mv "$base.part" "$base"
    rm -rf "$tmp"
  fi
  echo "$base"
}

# new_image NAME: an empty image in $work/NAME.oci, unpacked at $work/NAME.bundle.
new_image() {
  umoci init --layout "$work/$1.oci"
  umoci new --image "$work/$1.oci:$2"
  umoci unpack --image "$work/$1.oci:$2" "$work/$1.bundle" >/dev/null
}

# commit NAME TAG: the bundle's changes become a new layer.
commit() {
  umoci repack --refresh-bundle --image "$work/$1.oci:$2" "$work/$1.bundle"
}

# in_chroot ROOTFS CMD...: run a command inside a root filesystem.
in_chroot() {
  local rootfs=$1
  shift
  cp /etc/resolv.conf "$rootfs/etc/resolv.conf"
  chroot "$rootfs" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive "$@"
  rm -f "$rootfs/etc/resolv.conf"
}

# finish NAME TAG: keep the layout and the final root filesystem.
finish() {
  umoci gc --layout "$work/$1.oci"
  cp -a "$work/$1.oci" "$out/$1.oci"
  cp -a "$work/$1.bundle/rootfs" "$out/$1.rootfs"
}

