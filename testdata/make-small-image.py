#!/usr/bin/env python3
"""Builds testdata/images/debian-bookworm-dpkg.oci.tar, the small image the
README's first command scans.

It is the real test image that testdata/build-images.sh makes (debootstrap
bookworm, + jq, - jq), with each layer cut down to the package metadata: the
dpkg database, md5sums and conffiles lists, DEP-5 copyright files,
os-release, and the layer's whiteouts. Same layers, same packages, same
whiteouts; a few hundred KB instead of 95 MB. The output is deterministic.

Usage: testdata/build-images.sh && testdata/make-small-image.py
"""
import fnmatch
import gzip
import hashlib
import io
import json
import os
import sys
import tarfile

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.join(HERE, "..", "target", "testdata", "debian.oci")
OUTPUT = os.path.join(HERE, "images", "debian-bookworm-dpkg.oci.tar")
KEEP = [
    "var/lib/dpkg/status",
    "var/lib/dpkg/info/*.md5sums",
    "var/lib/dpkg/info/*.conffiles",
    "usr/share/doc/*/copyright",
    "etc/os-release",
    "usr/lib/os-release",
]
MTIME = 1700000000


def blob(digest):
    return os.path.join(SOURCE, "blobs", *digest.split(":"))


def read_json(digest):
    with open(blob(digest), "rb") as f:
        return json.load(f)


def keep(name):
    name = name.lstrip("./")
    base = name.rsplit("/", 1)[-1]
    if base.startswith(".wh."):
        return True
    return any(fnmatch.fnmatchcase(name, p) and name.count("/") == p.count("/") for p in KEEP)


def filtered_layer(digest):
    out = io.BytesIO()
    with tarfile.open(blob(digest), "r:*") as src, tarfile.open(fileobj=out, mode="w", format=tarfile.PAX_FORMAT) as dst:
        members = [m for m in src.getmembers() if keep(m.name) and (m.isfile() or m.issym())]
        for m in sorted(members, key=lambda m: m.name):
            m.mtime, m.uid, m.gid, m.uname, m.gname = MTIME, 0, 0, "root", "root"
            m.pax_headers = {}
            dst.addfile(m, src.extractfile(m) if m.isfile() else None)
    raw = out.getvalue()
    compressed = gzip.compress(raw, compresslevel=9, mtime=0)
    return raw, compressed


def main():
    index = read_json_file(os.path.join(SOURCE, "index.json"))
    manifest = read_json(index["manifests"][0]["digest"])
    config = read_json(manifest["config"]["digest"])
    blobs = {}

    def add(data):
        digest = "sha256:" + hashlib.sha256(data).hexdigest()
        blobs[digest] = data
        return digest

    layers, diff_ids = [], []
    for layer in manifest["layers"]:
        raw, compressed = filtered_layer(layer["digest"])
        diff_ids.append("sha256:" + hashlib.sha256(raw).hexdigest())
        layers.append({"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip",
                       "digest": add(compressed), "size": len(compressed)})
    config["rootfs"]["diff_ids"] = diff_ids
    config.pop("history", None)
    config["created"] = "2023-11-14T22:13:20Z"
    config_bytes = json.dumps(config, sort_keys=True, separators=(",", ":")).encode()
    new_manifest = {
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json",
                   "digest": add(config_bytes), "size": len(config_bytes)},
        "layers": layers,
    }
    manifest_bytes = json.dumps(new_manifest, sort_keys=True, separators=(",", ":")).encode()
    new_index = {"schemaVersion": 2, "manifests": [{
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "digest": add(manifest_bytes), "size": len(manifest_bytes),
        "annotations": {"org.opencontainers.image.ref.name": "bookworm"}}]}
    files = {"oci-layout": b'{"imageLayoutVersion":"1.0.0"}',
             "index.json": json.dumps(new_index, sort_keys=True, separators=(",", ":")).encode()}
    for digest, data in blobs.items():
        files["blobs/sha256/" + digest.split(":")[1]] = data
    os.makedirs(os.path.dirname(OUTPUT), exist_ok=True)
    with tarfile.open(OUTPUT, "w", format=tarfile.USTAR_FORMAT) as tar:
        for name in sorted(files):
            info = tarfile.TarInfo(name)
            info.size, info.mtime, info.mode = len(files[name]), MTIME, 0o644
            tar.addfile(info, io.BytesIO(files[name]))
    print(f"{OUTPUT}: {os.path.getsize(OUTPUT)} bytes", file=sys.stderr)


def read_json_file(path):
    with open(path, "rb") as f:
        return json.load(f)


if __name__ == "__main__":
    main()
