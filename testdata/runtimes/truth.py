"""The runtimes image's ground truth, each part from its own ecosystem's tool.

    truth.py ROOTFS OUT   (as root; ROOTFS is a copy of the image's final
                           root filesystem it may run things in; run with
                           py-rattler's Python, which reads the conda records)

Writes OUT/*.tsv, a header line then one row per package:
  dpkg.tsv          dpkg-query -W (name, version, arch of what dpkg lists installed)
  gems.tsv          every installed gemspec as RubyGems loads it (truth/gems.rb, in the image)
  gemfile-lock.tsv  the application's Gemfile.lock as Bundler reads it (truth/gemfile-lock.rb)
  composer.tsv      `composer show` of the PHP application, in the image (dev: not in --no-dev)
  dotnet.tsv        the shared runtimes `dotnet --list-runtimes` lists, the deps.json's
                    libraries and the NuGet lock file's packages (both as NuGet wrote them)
  conda.tsv         the conda-meta records, read with rattler's PrefixRecord
  binaries.tsv      each runtime placed outside the package manager, with the version
                    its own --version prints, and the files that say so
  jars.tsv          every Java archive (the JRE's own jrt-fs.jar), with the version its
                    manifest gives
"""

import glob
import json
import os
import re
import subprocess
import sys
import zipfile

import rattler

ROOT, OUT = sys.argv[1], sys.argv[2]
HERE = os.path.dirname(os.path.abspath(__file__))
PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

# A runtime installed the way official images install it, outside dpkg:
# (package name as syft's classifiers name it, the executable, the other
# files that carry its version, the command printing the version, the
# pattern that takes the version out of that output). The Go toolchain is
# there without its sources and tools, where `go` would look for its
# GOROOT: the image's environment names it.
RUNTIMES = [
    ("node", "/usr/local/bin/node", [], ["--version"], r"^v(\S+)$"),
    ("python", "/usr/local/bin/python3.11", ["/usr/local/lib/libpython3.11.so.1.0"], ["--version"],
     r"^Python (\S+)$"),
    ("php-cli", "/usr/local/bin/php", [], ["--version"], r"^PHP (\S+) \(cli\)"),
    ("go", "/usr/local/go/bin/go", ["/usr/local/go/VERSION"], ["version"], r"^go version go(\S+) "),
    ("java/jre", "/opt/java/openjdk/bin/java", [], ["-version"], r"Runtime Environment .*\(build (\S+)\)$"),
    ("nginx", "/usr/local/nginx/sbin/nginx", [], ["-v"], r"^nginx version: nginx/(\S+)$"),
    ("redis", "/usr/local/bin/redis-server", [], ["--version"], r"^Redis server v=(\S+) "),
    ("postgresql", "/usr/local/bin/postgres", [], ["--version"], r"^postgres \(PostgreSQL\) ([0-9.]+)"),
    ("memcached", "/usr/local/bin/memcached", [], ["--version"], r"^memcached (\S+)$"),
    ("busybox", "/usr/local/bin/busybox", [], ["--help"], r"^BusyBox v([0-9.]+) "),
    ("curl", "/usr/local/bin/curl", ["/usr/local/lib/libcurl.so.4"], ["--version"], r"^curl (\S+) "),
    ("openssl", "/usr/local/bin/openssl", ["/usr/local/lib/libcrypto.so.3"], ["version"], r"^OpenSSL (\S+) "),
    # Debian's build says `2.6.12-1+deb12u4`: the version is upstream's.
    ("haproxy", "/usr/local/sbin/haproxy", [], ["-v"], r"^HAProxy version ([0-9]+\.[0-9]+\.[0-9]+)"),
]


def in_image(*command, cwd="/", env=()):
    """Runs a command in the image (chroot, an empty environment); its stdout and stderr."""
    shell = "cd %s && exec /usr/bin/env -i %s %s" % (
        cwd, " ".join([PATH, "HOME=/tmp", *env]), " ".join(map(quote, command)))
    # /proc too (the .NET host reads /proc/self/exe), mounted for this command alone.
    done = subprocess.run(
        ["unshare", "--mount", "--propagation", "private", "sh", "-c",
         'mount -t proc proc "$1/proc" && exec chroot "$1" /bin/sh -c "$2"', "sh", ROOT, shell],
        capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"truth.py: {' '.join(command)} failed in the image:\n{done.stdout}{done.stderr}")
    return done.stdout + done.stderr


def quote(word):
    return "'" + word.replace("'", "'\\''") + "'"


def write(name, header, rows):
    with open(os.path.join(OUT, name), "w") as out:
        out.write("\t".join(header) + "\n")
        for row in sorted(rows):
            out.write("\t".join(str(field) for field in row) + "\n")


def purl_text(text):
    """A purl's version, percent-encoded as the purl specification asks."""
    return "".join(c if c.isascii() and (c.isalnum() or c in ".-_~") else "%%%02X" % ord(c) for c in text)


def real(path):
    """`path` in the image with its links resolved inside the image."""
    seen = 0
    while os.path.islink(ROOT + path):
        target = os.readlink(ROOT + path)
        path = os.path.normpath(target if target.startswith("/") else os.path.join(os.path.dirname(path), target))
        seen += 1
        assert seen < 40, path
    return path


def dpkg():
    out = subprocess.run(
        ["dpkg-query", f"--admindir={ROOT}/var/lib/dpkg", "-W",
         "-f", "${db:Status-Abbrev}\t${Package}\t${Version}\t${Architecture}\n"],
        check=True, capture_output=True, text=True).stdout
    rows = [line.split("\t")[1:] for line in out.splitlines() if line.startswith("ii")]
    write("dpkg.tsv", ["name", "version", "arch"], rows)


def ruby(script, cwd):
    os.makedirs(ROOT + "/tmp/truth", exist_ok=True)
    with open(os.path.join(HERE, "truth", script)) as src, open(ROOT + "/tmp/truth/" + script, "w") as dst:
        dst.write(src.read())
    text = in_image("ruby", "/tmp/truth/" + script, cwd=cwd)
    with open(os.path.join(OUT, script.replace(".rb", ".tsv")), "w") as out:
        out.write(text)


def composer():
    app = "/var/www/html"
    env = ["COMPOSER_HOME=/tmp/composer", "COMPOSER_ALLOW_SUPERUSER=1"]

    def show(*flags):
        text = in_image("composer", "show", "--format=json", "--no-interaction", *flags, cwd=app, env=env)
        shown = json.loads(text[text.index("{"):])
        return {p["name"]: p["version"] for p in shown["locked" if "--locked" in flags else "installed"]}

    everything, runtime = show(), show("--no-dev")
    locked = show("--locked")
    assert locked == everything, (locked, everything)
    installed = app + "/vendor/composer/installed.json"
    write("composer.tsv", ["path", "name", "version", "dev", "purl"], [
        (installed, name, version, str(name not in runtime).lower(), f"pkg:composer/{name}@{purl_text(version)}")
        for name, version in everything.items()])


def dotnet():
    rows = []
    listed = in_image("/usr/share/dotnet/dotnet", "--list-runtimes", env=["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1"])
    for line in listed.splitlines():
        name, version, where = re.fullmatch(r"(\S+) (\S+) \[(.+)\]", line).groups()
        # A shared runtime is not a NuGet package: no purl (syft's choice too).
        rows.append((f"{where}/{version}", name, version, "runtime", ""))
    for path in glob.glob(ROOT + "/app/*.deps.json"):
        deps = json.load(open(path))
        for key, library in deps["libraries"].items():
            name, version = key.split("/")
            rows.append((path[len(ROOT):], name, version, library["type"], f"pkg:nuget/{name}@{purl_text(version)}"))
    for path in glob.glob(ROOT + "/src/*/packages.lock.json"):
        lock = json.load(open(path))
        for framework in lock["dependencies"].values():
            for name, entry in framework.items():
                if entry["type"] == "Project":
                    continue
                rows.append((path[len(ROOT):], name, entry["resolved"], entry["type"].lower(),
                             f"pkg:nuget/{name}@{purl_text(entry['resolved'])}"))
    write("dotnet.tsv", ["path", "name", "version", "kind", "purl"], set(rows))


def conda():
    rows = []
    for path in glob.glob(ROOT + "/opt/conda/conda-meta/*.json"):
        record = rattler.PrefixRecord.from_path(path)
        rows.append((path[len(ROOT):], record.name.normalized, str(record.version), record.build,
                     record.channel or "", record.subdir))
    write("conda.tsv", ["path", "name", "version", "build", "channel", "subdir"], rows)


def binaries():
    rows = []
    for name, executable, others, arguments, pattern in RUNTIMES:
        output = in_image(executable, *arguments, env=["GOROOT=/usr/local/go"])
        found = [m.group(1) for m in map(re.compile(pattern).search, output.splitlines()) if m]
        if len(found) != 1:
            sys.exit(f"truth.py: no single version of {name} in `{executable} {' '.join(arguments)}`:\n{output}")
        version = found[0]
        locations = [real(executable)] + [real(other) for other in others]
        said = next(line for line in output.splitlines() if re.search(pattern, line))
        rows.append((name, version, f"pkg:generic/{name}@{purl_text(version)}", ",".join(locations), said.strip()))
    write("binaries.tsv", ["name", "version", "purl", "locations", "said"], rows)


def jars():
    rows = []
    for top, dirs, files in os.walk(ROOT):
        dirs[:] = [d for d in dirs if top != ROOT or d not in ("proc", "sys", "dev")]
        for name in files:
            if name.endswith(".jar") and not os.path.islink(os.path.join(top, name)):
                path = os.path.join(top, name)
                with zipfile.ZipFile(path) as jar:
                    manifest = jar.read("META-INF/MANIFEST.MF").decode()
                version = re.search(r"^Implementation-Version: (\S+)", manifest, re.M).group(1)
                rows.append((path[len(ROOT):], name[:-len(".jar")], version))
    write("jars.tsv", ["path", "name", "version"], rows)


os.makedirs(OUT, exist_ok=True)
dpkg()
ruby("gems.rb", "/")
ruby("gemfile-lock.rb", "/srv/app")
composer()
dotnet()
conda()
binaries()
jars()
sys.stdout.flush()
os._exit(0)  # rattler's runtime can crash while the interpreter tears down
