#!/usr/bin/env bash
# Builds the RPM test image: a real rpm database (Debian's rpm 4.18 writes
# SQLite) in /usr/lib/sysimage/rpm, with the files its packages install.
#   layer 1: an os-release (ID=tallyman-rpm) and four packages rpmbuild
#            makes from testdata/rpm/*.spec (an epoch, a noarch package, a
#            soname provided and required, a %config file, /bin/sh required
#            and owned, a Python distribution in site-packages)
#   layer 2: Debian's hello and libc6, converted by alien into real rpms
#            (hello requires libc.so.6()(64bit), which libc6 provides)
# Output (cached; rebuilt only when an input changes) in $TALLYMAN_TESTDATA,
# default target/testdata: rpm.oci/ (tag "rpm"), rpm.rootfs/ (its database
# is the ground truth: `rpm --dbpath rpm.rootfs/usr/lib/sysimage/rpm -qa`).
# Needs root, umoci, rpm (rpmbuild), alien and apt-get (test.sh installs them).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=testdata/image-lib.sh
. "$here/image-lib.sh"
if up_to_date rpm "$0" "$here"/rpm/*.spec; then
  exit 0
fi

for tool in umoci rpm rpmbuild alien apt-get; do
  command -v "$tool" >/dev/null || { echo "build-rpm-image.sh: $tool is not installed (run test.sh's setup)" >&2; exit 1; }
done

work="$out/rpm.work"
rm -rf "$work" "$out"/rpm.oci "$out"/rpm.rootfs
mkdir -p "$work/debs"
export SOURCE_DATE_EPOCH=1700000000

for spec in "$here"/rpm/*.spec; do
  rpmbuild -bb --quiet --define "_topdir $work/rpmbuild" --define "_build_id_links none" \
    --define "use_source_date_epoch_as_buildtime 1" --define "clamp_mtime_to_source_date_epoch 1" \
    "$spec" >/dev/null
done
(cd "$work/debs" && apt-get download -qq hello libc6 2>/dev/null &&
  for deb in *.deb; do alien --to-rpm --keep-version "$deb" >/dev/null 2>&1; done)

# rpm as an image's own package manager would run it: into the root, with
# the database where Fedora and RHEL 9 keep it (--nodeps: the image holds
# only these packages; --noscripts: nothing of the host runs).
rpm_in() {
  rpm --root "$rootfs" --dbpath /usr/lib/sysimage/rpm "$@" 2>&1 |
    grep -v -e "should not be used directly" -e "assuming you know" || true
}

new_image rpm rpm
rootfs="$work/rpm.bundle/rootfs"
mkdir -p "$rootfs/etc" "$rootfs/usr/lib/sysimage/rpm"
printf 'NAME="tallyman RPM test"\nID=tallyman-rpm\nVERSION_ID="1.0"\n' >"$rootfs/etc/os-release"
rpm_in --initdb
rpm_in -i --nodeps --noscripts "$work"/rpmbuild/RPMS/*/*.rpm
rm -f "$rootfs"/usr/lib/sysimage/rpm/.rpm.lock
commit rpm rpm

rpm_in -i --nodeps --noscripts "$work"/debs/*.rpm
rm -f "$rootfs"/usr/lib/sysimage/rpm/.rpm.lock
commit rpm rpm

finish rpm rpm
rm -rf "$work"
echo "$want" >"$stamp"
