#!/usr/bin/env bash
# Builds the Java test image from Debian's own Java libraries.
#   layer 1: `debootstrap --variant=minbase bookworm` (shared with build-images.sh)
#   layer 2: apt-get install libcommons-lang3-java libcommons-io-java
#            libslf4j-java libjsr305-java (jars in /usr/share/java, most with
#            META-INF/maven/*/*/pom.properties, jsr305 without)
#   layer 3: /app/service.jar, a fat jar laid out as Spring Boot does: its own
#            pom.properties, and commons-io, commons-lang3 and slf4j-api
#            stored whole under BOOT-INF/lib/ (made with Python's zipfile)
# Output (cached; rebuilt only when this script changes) in
# $TALLYMAN_TESTDATA, default target/testdata: java.oci/ (tag "java") and
# java.rootfs/ (the ground truth: each jar's own pom.properties).
# Needs root, debootstrap, umoci and python3 (test.sh installs them).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=testdata/image-lib.sh
. "$here/image-lib.sh"
if up_to_date java "$0"; then
  exit 0
fi

for tool in debootstrap umoci chroot python3; do
  command -v "$tool" >/dev/null || { echo "build-java-image.sh: $tool is not installed (run test.sh's setup)" >&2; exit 1; }
done

base=$(debootstrap_base)
work="$out/java.work"
rm -rf "$work" "$out"/java.oci "$out"/java.rootfs
mkdir -p "$work"
export SOURCE_DATE_EPOCH=1700000000

new_image java java
rootfs="$work/java.bundle/rootfs"
tar -C "$rootfs" --numeric-owner -xf "$base"
commit java java

in_chroot "$rootfs" apt-get update -qq >/dev/null
in_chroot "$rootfs" apt-get install -y -qq --no-install-recommends \
  libcommons-lang3-java libcommons-io-java libslf4j-java libjsr305-java >/dev/null
in_chroot "$rootfs" apt-get clean
rm -rf "$rootfs"/var/lib/apt/lists/*
commit java java

mkdir -p "$rootfs/app"
python3 - "$rootfs" <<'EOF'
import os, sys, zipfile
root = sys.argv[1]
lib = os.path.join(root, "usr/share/java")
with zipfile.ZipFile(os.path.join(root, "app/service.jar"), "w") as fat:
    def entry(name):  # a fixed time: the same bytes on every build
        return zipfile.ZipInfo(name, date_time=(2023, 11, 14, 22, 13, 20))
    fat.writestr(entry("META-INF/MANIFEST.MF"),
                 "Manifest-Version: 1.0\nMain-Class: org.springframework.boot.loader.JarLauncher\n"
                 "Start-Class: com.example.service.Main\n")
    fat.writestr(entry("META-INF/maven/com.example/service/pom.properties"),
                 "version=3.0.0\ngroupId=com.example\nartifactId=service\n")
    for jar in ("commons-io.jar", "commons-lang3.jar", "slf4j-api.jar"):
        real = os.path.realpath(os.path.join(lib, jar))
        if not real.startswith(root):  # an absolute link: inside the image
            real = os.path.join(root, real.lstrip("/"))
        fat.write(real, "BOOT-INF/lib/" + os.path.basename(real), zipfile.ZIP_STORED)
EOF
commit java java

finish java java
rm -rf "$work"
echo "$want" >"$stamp"
