"""A conda environment made by a conda installer: the runtimes image's /opt/conda.

No conda channel is reachable here, so this builds a few small conda
packages itself (.tar.bz2 archives in conda's own format: info/index.json,
info/paths.json, info/files and the payload, noarch and linux-64), indexes
them into a local channel with rattler's indexer, and has rattler (the
solver and installer behind pixi) solve and install them into PREFIX. The
conda-meta/*.json records, conda-meta/history and the extracted package
cache are rattler's own output, as an install from any channel writes them.

Run with py-rattler's Python: conda-env.py CHANNEL-DIR PREFIX
"""

import asyncio
import hashlib
import io
import json
import os
import sys
import tarfile

import rattler
from rattler.index import index_fs

CHANNEL, PREFIX = (os.path.abspath(p) for p in sys.argv[1:3])
EPOCH = 1700000000

# name, version, build number, subdir, depends, license, noarch, files
PACKAGES = [
    ("_libgcc_mutex", "0.1", 0, "linux-64", [], "None", None, {}),
    ("libgcc-ng", "13.2.0", 5, "linux-64", ["_libgcc_mutex 0.1"], "GPL-3.0-only WITH GCC-exception-3.1", None,
     {"lib/libgcc_s.so.1.txt": b"a stand-in for libgcc_s.so.1\n"}),
    ("libzlib", "1.2.13", 5, "linux-64", ["libgcc-ng >=12"], "Zlib", None,
     {"lib/libz.so.1.2.13.txt": b"a stand-in for libz.so.1.2.13\n"}),
    ("zlib", "1.2.13", 5, "linux-64", ["libgcc-ng >=12", "libzlib 1.2.13 *_5"], "Zlib", None,
     {"include/zlib.h": b"/* zlib 1.2.13 */\n"}),
    ("ca-certificates", "2024.2.2", 0, "linux-64", [], "ISC", None,
     {"ssl/cacert.pem": b"# a stand-in for Mozilla's CA bundle\n"}),
    ("tzdata", "2024a", 0, "noarch", [], "LicenseRef-Public-Domain", "generic",
     {"share/zoneinfo/UTC.txt": b"a stand-in for the UTC zone file\n"}),
]
REQUESTED = ["zlib", "ca-certificates", "tzdata"]


def build(name, version, number, subdir, depends, license, noarch, files):
    # conda-build's build string: a hash of the recipe's variant, then the build number.
    build_string = "h%s_%d" % (hashlib.sha1(f"{name}-{version}".encode()).hexdigest()[:7], number)
    index = {
        "name": name,
        "version": version,
        "build": build_string,
        "build_number": number,
        "depends": depends,
        "license": license,
        "subdir": subdir,
        "timestamp": EPOCH * 1000,
    }
    if subdir == "linux-64":
        index.update(arch="x86_64", platform="linux")
    if noarch:
        index["noarch"] = noarch
    paths = {
        "paths": [
            {"_path": path, "path_type": "hardlink", "sha256": hashlib.sha256(data).hexdigest(),
             "size_in_bytes": len(data)}
            for path, data in sorted(files.items())
        ],
        "paths_version": 1,
    }
    os.makedirs(os.path.join(CHANNEL, subdir), exist_ok=True)
    archive = os.path.join(CHANNEL, subdir, f"{name}-{version}-{build_string}.tar.bz2")
    with tarfile.open(archive, "w:bz2") as tar:
        def add(path, data):
            info = tarfile.TarInfo(path)
            info.size, info.mtime, info.mode = len(data), EPOCH, 0o644
            tar.addfile(info, io.BytesIO(data))

        for path, data in sorted(files.items()):
            add(path, data)
        add("info/index.json", json.dumps(index, indent=2, sort_keys=True).encode())
        add("info/paths.json", json.dumps(paths, indent=2).encode())
        add("info/files", "".join(path + "\n" for path in sorted(files)).encode())


async def main():
    for package in PACKAGES:
        build(*package)
    os.makedirs(os.path.join(CHANNEL, "noarch"), exist_ok=True)
    await index_fs(CHANNEL, force=True, write_zst=False, write_shards=False)
    records = await rattler.solve(
        [rattler.Channel("file://" + CHANNEL)],
        REQUESTED,
        platforms=["linux-64", "noarch"],
        virtual_packages=[],
    )
    await rattler.install(records, PREFIX, cache_dir=os.path.join(PREFIX, "pkgs"), show_progress=False)


asyncio.run(main())
sys.stdout.flush()
# rattler's runtime can crash while the interpreter tears down: leave at once.
os._exit(0)
