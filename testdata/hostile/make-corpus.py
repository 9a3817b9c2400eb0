#!/usr/bin/env python3
"""Writes the adversarial image corpus: one OCI archive per case.

    make-corpus.py OUT_DIR [CASE ...]

With no CASE, every case is written. Each image is a valid OCI archive
(`oci-layout`, `index.json`, blobs named by their sha256) unless breaking that
is the point of the case; layers are gzip tar streams built here byte by byte,
so nothing depends on a container tool. README.md in this directory says what
each case holds and what tallyman must do with it; tests/hostile.rs runs them.
Only the standard library is used; big cases are streamed, never held whole.
"""

import hashlib
import io
import json
import os
import sys
import tarfile
import zlib

OS_RELEASE = b'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\n'
GZIP_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip"
MANIFEST = "application/vnd.oci.image.manifest.v1+json"
CONFIG = "application/vnd.oci.image.config.v1+json"


def stanza(name, version):
    return (
        f"Package: {name}\nStatus: install ok installed\n"
        f"Version: {version}\nArchitecture: amd64\n\n"
    ).encode()


class Layer:
    """A tar stream assembled entry by entry (PAX format unless told)."""

    def __init__(self, fmt=tarfile.PAX_FORMAT):
        self.buffer = io.BytesIO()
        self.tar = tarfile.open(
            fileobj=self.buffer,
            mode="w",
            format=fmt,
            encoding="utf-8",
            errors="surrogateescape",
        )

    def _add(self, info, data=b""):
        info.mtime = 0
        info.mode = info.mode or 0o644
        info.size = len(data)
        self.tar.addfile(info, io.BytesIO(data) if data else None)
        return self

    def file(self, name, data, pax=None):
        info = tarfile.TarInfo(name)
        if pax:
            info.pax_headers = pax
        return self._add(info, data)

    def dir(self, name):
        info = tarfile.TarInfo(name)
        info.type = tarfile.DIRTYPE
        info.mode = 0o755
        return self._add(info)

    def symlink(self, name, target):
        info = tarfile.TarInfo(name)
        info.type = tarfile.SYMTYPE
        info.linkname = target
        return self._add(info)

    def hardlink(self, name, target):
        info = tarfile.TarInfo(name)
        info.type = tarfile.LNKTYPE
        info.linkname = target
        return self._add(info)

    def raw_name(self, name_bytes, data):
        """A GNU-format entry whose name is exactly these bytes (any encoding)."""
        return self.file(name_bytes.decode("utf-8", "surrogateescape"), data)

    def tar_bytes(self):
        self.tar.close()
        return self.buffer.getvalue()


class Blob:
    """A layer as stored: its compressed bytes and its diff id."""

    def __init__(self, stored, diff_id, media_type=GZIP_LAYER):
        self.stored = stored
        self.diff_id = diff_id
        self.media_type = media_type

    @staticmethod
    def gzip(tar):
        return Blob(gzip_bytes([tar]), sha256(tar))


def sha256(data):
    return "sha256:" + hashlib.sha256(data).hexdigest()


def gzip_bytes(chunks, level=6):
    """One gzip member of the concatenated chunks (an iterable of bytes)."""
    compressor = zlib.compressobj(level, zlib.DEFLATED, 31)
    out = [compressor.compress(chunk) for chunk in chunks]
    out.append(compressor.flush())
    return b"".join(out)


def write_image(path, layers, *, config=None, manifest=None, index=None, blobs=None, pax=None):
    """An OCI archive of `layers`. `config`/`manifest`/`index` replace the
    generated JSON bytes; `blobs` maps digest → bytes stored instead (to make
    a blob disagree with its name); `pax` are PAX records for every member."""
    config_bytes = config or json.dumps(
        {
            "architecture": "amd64",
            "os": "linux",
            "rootfs": {"type": "layers", "diff_ids": [b.diff_id for b in layers]},
            "config": {},
        }
    ).encode()
    manifest_bytes = manifest or json.dumps(
        {
            "schemaVersion": 2,
            "mediaType": MANIFEST,
            "config": {
                "mediaType": CONFIG,
                "digest": sha256(config_bytes),
                "size": len(config_bytes),
            },
            "layers": [
                {"mediaType": b.media_type, "digest": sha256(b.stored), "size": len(b.stored)}
                for b in layers
            ],
        }
    ).encode()
    index_bytes = index or json.dumps(
        {
            "schemaVersion": 2,
            "manifests": [
                {
                    "mediaType": MANIFEST,
                    "digest": sha256(manifest_bytes),
                    "size": len(manifest_bytes),
                    "annotations": {"org.opencontainers.image.ref.name": "hostile"},
                }
            ],
        }
    ).encode()
    members = {
        "oci-layout": b'{"imageLayoutVersion":"1.0.0"}',
        "index.json": index_bytes,
    }
    for blob in [config_bytes, manifest_bytes] + [b.stored for b in layers]:
        digest = sha256(blob)
        stored = (blobs or {}).get(digest, blob)
        members["blobs/sha256/" + digest.split(":")[1]] = stored
    with tarfile.open(path, "w", format=tarfile.PAX_FORMAT) as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mode = 0o644
            info.pax_headers = pax or {}
            archive.addfile(info, io.BytesIO(data))


def base_layer(*names):
    layer = Layer().file("etc/os-release", OS_RELEASE)
    status = b"".join(stanza(name, version) for name, version in names)
    return layer.file("var/lib/dpkg/status", status)


# --- the cases -------------------------------------------------------------


def escaping_names(out):
    """`..` climbing out of the root and absolute names."""
    layer = (
        Layer()
        .file("../../etc/passwd", b"root::0:0::/:/bin/sh\n")
        .file("a/../../../escape-attempt", b"x")
        .file("/var/lib/dpkg/status", stanza("absolute", "1.0"))
        .file("./etc/../etc/os-release", OS_RELEASE)
    )
    write_image(out, [Blob.gzip(layer.tar_bytes())])


def symlink_escape(out):
    """A symlink chain out of the root into the host's dpkg database, and loops."""
    layer = (
        Layer()
        .file("etc/os-release", OS_RELEASE)
        .symlink("var/lib/dpkg", "../../hop/one")
        .symlink("hop/one", "../../../../../../../../var/lib/dpkg")
        .symlink("usr/lib/os-release", "loop-a")
        .symlink("usr/lib/loop-a", "loop-b")
        .symlink("usr/lib/loop-b", "loop-a")
        .symlink("srv/app", "/../../../../usr/lib/node_modules")
    )
    write_image(out, [Blob.gzip(layer.tar_bytes())])


def hard_links(out):
    """Hard links out of the root, to a name met later, and to nothing."""
    layer = (
        base_layer()
        .hardlink("var/lib/dpkg/status", "../../../../etc/shadow")
        .hardlink("var/lib/dpkg/status.d/early", "var/lib/dpkg/later")
        .file("var/lib/dpkg/later", stanza("later", "1"))
        .hardlink("var/lib/dpkg/status.d/ghost", "not/in/this/layer")
        .hardlink("lib/apk/db/installed", "/etc/os-release")
    )
    write_image(out, [Blob.gzip(layer.tar_bytes())])


def whiteouts(out):
    """Whiteouts of the root, of paths that never were, on a file, unnamed."""
    upper = (
        Layer()
        .file(".wh.", b"")
        .file(".wh..", b"")
        .file("no/such/dir/.wh.ghost", b"")
        .file("etc/os-release/.wh..wh..opq", b"")
        .file("etc/.wh.", b"")
    )
    write_image(
        out,
        [Blob.gzip(base_layer(("kept", "1")).tar_bytes()), Blob.gzip(upper.tar_bytes())],
    )


def opaque_root(out):
    """An opaque whiteout of `/`: every lower layer disappears."""
    upper = Layer().file(".wh..wh..opq", b"").file("var/lib/dpkg/status", stanza("only", "2"))
    write_image(
        out,
        [Blob.gzip(base_layer(("hidden", "1")).tar_bytes()), Blob.gzip(upper.tar_bytes())],
    )


def dir_file_flip(out):
    """/var/lib/dpkg: a directory, then a file, then a directory again."""
    as_file = Layer().file("var/lib/dpkg", b"now a file\n")
    again = Layer().dir("var/lib/dpkg").file("var/lib/dpkg/status", stanza("back", "3"))
    write_image(
        out,
        [
            Blob.gzip(base_layer(("first", "1")).tar_bytes()),
            Blob.gzip(as_file.tar_bytes()),
            Blob.gzip(again.tar_bytes()),
        ],
    )


def duplicate_entries(out):
    """The same path three times in one layer: the last one wins."""
    layer = (
        base_layer(("one", "1"))
        .file("var/lib/dpkg/status", stanza("two", "2"))
        .dir("var/lib/dpkg/status")
        .file("var/lib/dpkg/status", stanza("three", "3"))
    )
    write_image(out, [Blob.gzip(layer.tar_bytes())])


BOMB_SIZE = 3 << 30
BOMB_CHUNK = 1 << 20


def gzip_bomb(out):
    """A 3 GiB file of zeros in a layer of a few MB."""
    info = tarfile.TarInfo("var/lib/dpkg/status")
    info.size = BOMB_SIZE
    info.mode = 0o644
    header = info.tobuf(format=tarfile.GNU_FORMAT)
    zeros = bytes(BOMB_CHUNK)
    hasher = hashlib.sha256(header)
    for _ in range(BOMB_SIZE // BOMB_CHUNK):
        hasher.update(zeros)
    trailer = bytes(1024)
    hasher.update(trailer)
    # One deflate stream over 3 GiB would take a while to build; a member per
    # chunk is the same stream to any reader (gzip allows many members).
    chunk = gzip_bytes([zeros], 9)
    stored = b"".join(
        [gzip_bytes([header], 9)] + [chunk] * (BOMB_SIZE // BOMB_CHUNK) + [gzip_bytes([trailer], 9)]
    )
    base = Blob.gzip(Layer().file("etc/os-release", OS_RELEASE).tar_bytes())
    write_image(out, [base, Blob(stored, "sha256:" + hasher.hexdigest())])


def pax_header_100mb(out):
    """A single 100 MB PAX record ahead of the dpkg database."""
    layer = base_layer().file(
        "var/lib/dpkg/status",
        stanza("behind-pax", "1"),
        pax={"comment": "x" * (100 << 20)},
    )
    write_image(out, [Blob.gzip(layer.tar_bytes())])


def archive_pax_header(out):
    """The image tarball itself (not a layer) with a 100 MB PAX record."""
    layers = [Blob.gzip(base_layer(("a", "1")).tar_bytes())]
    write_image(out, layers, pax={"comment": "x" * (100 << 20)})


def gnu_long_name_100mb(out):
    """A GNU long-name record of 100 MB."""
    layer = Layer(tarfile.GNU_FORMAT).file("d/" * (50 << 20) + "f", b"")
    layer.file("var/lib/dpkg/status", stanza("behind-name", "1"))
    write_image(out, [Blob.gzip(layer.tar_bytes())])


def million_files(out):
    """1,000,000 empty files (a 512 MB tar), then a dpkg database."""
    template = tarfile.TarInfo("x")
    template.mode = 0o644
    block = bytearray(template.tobuf(format=tarfile.USTAR_FORMAT))
    block[0:100] = bytes(100)
    block[148:156] = b" " * 8
    base_sum = sum(block)

    def headers():
        batch = []
        for i in range(1_000_000):
            name = f"d{i % 1000}/f{i}".encode()
            header = bytearray(block)
            header[0 : len(name)] = name
            header[148:156] = b"%06o\0 " % (base_sum + sum(name))
            batch.append(bytes(header))
            if len(batch) == 4096:
                yield b"".join(batch)
                batch = []
        yield b"".join(batch)
        yield base_layer(("survivor", "1")).tar_bytes()

    hasher = hashlib.sha256()

    def hashed(chunks):
        for chunk in chunks:
            hasher.update(chunk)
            yield chunk

    stored = gzip_bytes(hashed(headers()), 1)
    write_image(out, [Blob(stored, "sha256:" + hasher.hexdigest())])


def truncated_gzip(out):
    """A layer cut in half; its digest is of the cut bytes, so only the
    stream itself can tell."""
    blob = Blob.gzip(base_layer(("cut", "1")).file("filler", os.urandom(64 << 10)).tar_bytes())
    write_image(out, [Blob(blob.stored[: len(blob.stored) // 2], blob.diff_id)])


def digest_mismatch(out):
    """A layer blob whose bytes are not the ones its digest names."""
    good = Blob.gzip(base_layer(("genuine", "1")).tar_bytes())
    evil = gzip_bytes([base_layer(("evil", "6.6.6")).tar_bytes()])
    write_image(out, [good], blobs={sha256(good.stored): evil})


def diff_id_mismatch(out):
    """A layer whose blob digest is right but whose config diff id names other
    uncompressed bytes: the identity documents cite must be the content's."""
    blob = Blob.gzip(base_layer(("genuine", "1")).tar_bytes())
    blob.diff_id = sha256(base_layer(("claimed", "1")).tar_bytes())
    write_image(out, [blob])


def non_ascii_diff_id(out):
    """A config whose diff id is `sha256:a` and forty `é`: text that cut at a
    byte offset splits a character."""
    blob = Blob.gzip(base_layer(("a", "1")).tar_bytes())
    blob.diff_id = "sha256:a" + "\u00e9" * 40
    write_image(out, [blob])


NESTED = b'{"a":' * 10_000 + b"1" + b"}" * 10_000


def nested_manifest(out):
    """A manifest nested 10,000 deep (its digest is right)."""
    write_image(out, [Blob.gzip(base_layer(("a", "1")).tar_bytes())], manifest=NESTED)


def nested_config(out):
    """A config nested 10,000 deep (its digest is right)."""
    write_image(out, [Blob.gzip(base_layer(("a", "1")).tar_bytes())], config=NESTED)


def nested_index(out):
    """An index.json nested 10,000 deep."""
    write_image(out, [Blob.gzip(base_layer(("a", "1")).tar_bytes())], index=b"[" * 10_000 + b"]" * 10_000)


def huge_package_json(out):
    """A 50 MB package.json inside an npm project."""
    big = b'{"name":"big","version":"1.0.0","description":"' + b"x" * (50 << 20) + b'"}'
    layer = (
        Layer()
        .file("etc/os-release", OS_RELEASE)
        .file("app/package.json", b'{"name":"app","version":"1.0.0","dependencies":{"big":"1"}}')
        .file("app/node_modules/big/package.json", big)
    )
    write_image(out, [Blob.gzip(layer.tar_bytes())])


def dpkg_huge_field(out):
    """A dpkg status whose Description is 1 MB on one line."""
    wide = (
        b"Package: wide\nStatus: install ok installed\nVersion: 1\nArchitecture: amd64\n"
        b"Description: " + b"y" * (1 << 20) + b"\n\n"
    )
    layer = Layer().file("etc/os-release", OS_RELEASE).file("var/lib/dpkg/status", wide + stanza("after", "2"))
    write_image(out, [Blob.gzip(layer.tar_bytes())])


def non_utf8(out):
    """Names and contents that are not UTF-8."""
    latin1 = b"Package: latin1\nStatus: install ok installed\nVersion: 2\nArchitecture: amd64\nMaintainer: J\xfcrgen \xff\xfe\n\n"
    layer = (
        Layer(tarfile.GNU_FORMAT)
        .file("etc/os-release", OS_RELEASE)
        .file("var/lib/dpkg/status", latin1)
        .raw_name(b"var/lib/dpkg/info/\xff\xfe.list", b"/usr/bin/\xe9\n")
        .file("app/package.json", b'{"name":"app","version":"1.0.0"}')
        .raw_name(b"app/node_modules/caf\xe9/package.json", b'{"name":"cafe","version":"1.0.0"}')
        .raw_name(b"app/node_modules/bad\xffname/package.json", b"\xff\xfe not json")
        .raw_name(b"lib/apk/db/\xc3\x28", b"P:x\n")
    )
    write_image(out, [Blob.gzip(layer.tar_bytes())])


def non_utf8_collisions(out):
    """Names a lossy decoding would confuse: a whiteout must delete only its own."""
    lower = (
        Layer(tarfile.GNU_FORMAT)
        .file("app/package.json", b'{"name":"app","version":"1.0.0"}')
        .raw_name(b"app/node_modules/caf\xe9/package.json", b'{"name":"latin1","version":"1.0.0"}')
        .raw_name(b"app/node_modules/caf\xff/package.json", b'{"name":"whited-out","version":"1.0.0"}')
        .raw_name(b"app/node_modules/caf\xef\xbf\xbd/package.json", b'{"name":"replacement-char","version":"1.0.0"}')
        .raw_name(b"app/node_modules/caf\xef\x9f\xa9/package.json", b'{"name":"private-use","version":"1.0.0"}')
    )
    upper = Layer(tarfile.GNU_FORMAT).raw_name(b"app/node_modules/.wh.caf\xff", b"")
    write_image(out, [Blob.gzip(lower.tar_bytes()), Blob.gzip(upper.tar_bytes())])


def damaged_records(out):
    """One damaged record in each package database among good ones."""
    status = stanza("good-1", "1") + b"Status: install ok installed\nno colon here\n\n" + stanza("good-2", "2")
    installed = (
        b"P:musl\nV:1.2.5-r0\nA:x86_64\n\n"
        b"V:no-name\n\n"
        b"P:busybox\nV:1.37.0-r0\nA:x86_64\n\n"
    )
    layer = (
        Layer()
        .file("etc/os-release", OS_RELEASE)
        .file("var/lib/dpkg/status", status)
        .file("lib/apk/db/installed", installed)
        .file("app/package.json", b'{"name":"app","version":"1.0.0"}')
        .file("app/node_modules/ok/package.json", b'{"name":"ok","version":"1.0.0"}')
        .file("app/node_modules/broken/package.json", b'{"name":"broken","version":')
    )
    write_image(out, [Blob.gzip(layer.tar_bytes())])


CASES = {
    "escaping-names": escaping_names,
    "symlink-escape": symlink_escape,
    "hard-links": hard_links,
    "whiteouts": whiteouts,
    "opaque-root": opaque_root,
    "dir-file-flip": dir_file_flip,
    "duplicate-entries": duplicate_entries,
    "gzip-bomb": gzip_bomb,
    "pax-header-100mb": pax_header_100mb,
    "gnu-long-name-100mb": gnu_long_name_100mb,
    "archive-pax-header": archive_pax_header,
    "million-files": million_files,
    "truncated-gzip": truncated_gzip,
    "digest-mismatch": digest_mismatch,
    "diff-id-mismatch": diff_id_mismatch,
    "non-ascii-diff-id": non_ascii_diff_id,
    "nested-manifest": nested_manifest,
    "nested-config": nested_config,
    "nested-index": nested_index,
    "huge-package-json": huge_package_json,
    "dpkg-huge-field": dpkg_huge_field,
    "non-utf8": non_utf8,
    "non-utf8-collisions": non_utf8_collisions,
    "damaged-records": damaged_records,
}


def main(argv):
    if len(argv) < 2:
        sys.exit(f"usage: {argv[0]} OUT_DIR [CASE ...]  (cases: {', '.join(CASES)})")
    out_dir = argv[1]
    names = argv[2:] or list(CASES)
    unknown = [n for n in names if n not in CASES]
    if unknown:
        sys.exit(f"unknown case(s): {', '.join(unknown)}")
    os.makedirs(out_dir, exist_ok=True)
    for name in names:
        path = os.path.join(out_dir, name + ".tar")
        CASES[name](path + ".partial")
        os.replace(path + ".partial", path)


if __name__ == "__main__":
    main(sys.argv)
