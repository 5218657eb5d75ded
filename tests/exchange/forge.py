"""What a forger (or a careless re-zipper) does to a package: change members, then make the
manifest agree again — recompute every hash and size and sign it with a key of their own."""

from __future__ import annotations

import base64
import io
import json
import struct
import zipfile
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from desktop.core.exchange.fmt import sha256


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


def write(path: Path, files: dict[str, bytes]) -> Path:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    path.write_bytes(buf.getvalue())
    return path


def reseal(
    files: dict[str, bytes], key: Ed25519PrivateKey | None = None, **manifest_changes: object
) -> dict[str, bytes]:
    """Hashes and sizes recomputed, ``manifest_changes`` applied, signed with ``key`` (a new
    one by default): a package that is internally consistent but not the committee's."""
    key = key or Ed25519PrivateKey.generate()
    m = json.loads(files["manifest.json"])
    m.update(manifest_changes)
    m["members"] = {
        name: {"sha256": sha256(data), "size": len(data)}
        for name, data in files.items()
        if name not in ("manifest.json", "manifest.sig")
    }
    m["public_key"] = base64.b64encode(
        key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    ).decode()
    raw = json.dumps(m, ensure_ascii=False).encode()
    sig = base64.b64encode(key.sign(raw))
    return {**files, "manifest.json": raw, "manifest.sig": sig}


def committee_key(db_path: Path) -> Ed25519PrivateKey:
    """The signing key kept in a committee's database (as a thief of the laptop would have)."""
    import sqlite3

    with sqlite3.connect(db_path) as conn:
        text = conn.execute(
            "SELECT value FROM settings WHERE key = 'exchange.signing_key'"
        ).fetchone()[0]
    return Ed25519PrivateKey.from_private_bytes(base64.b64decode(json.loads(text)))


def patch_sizes(data: bytes, name: str, size: int) -> bytes:
    """Rewrite the uncompressed size of ``name`` in its local header and central directory
    entry: a zip whose headers lie."""
    out = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        info = zf.getinfo(name)
    struct.pack_into("<I", out, info.header_offset + 22, size)
    encoded = name.encode("utf-8")
    pos = 0
    while True:
        pos = out.find(b"PK\x01\x02", pos)
        if pos < 0:
            break
        n = struct.unpack_from("<H", out, pos + 28)[0]
        if bytes(out[pos + 46 : pos + 46 + n]) == encoded:
            struct.pack_into("<I", out, pos + 24, size)
        pos += 4
    return bytes(out)
