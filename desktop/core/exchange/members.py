"""Reading a package's members within bounds: each member streamed with its real decompressed
bytes counted against fixed limits (headers are never trusted, a zip bomb lies in them), the
members' names checked, a member's JSON parsed strictly, and the one-sentence refusal every
check of a package gives (:class:`PackageError`)."""

from __future__ import annotations

import hashlib
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

import orjson

from desktop.core.errors import MediationError
from desktop.core.exchange import zipnames
from desktop.core.exchange.fmt import (
    MAX_LINE_BYTES,
    MAX_MEMBER_BYTES,
    MAX_MEMBERS,
    MAX_RATIO,
    MAX_SMALL_MEMBER_BYTES,
    MAX_TOTAL_BYTES,
)
from desktop.core.exchange.inflate import inflates_beyond
from desktop.core.exchange.jsontext import repeats_a_name

CHUNK = 1 << 16
#: Everything zipfile and zlib raise on a damaged archive.
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    OSError,
    RuntimeError,
    NotImplementedError,
    ValueError,
    IndexError,
    KeyError,
    OverflowError,
    UnicodeDecodeError,
)


class PackageError(MediationError):
    """A package that cannot be imported; nothing was written."""


DAMAGED = "不是完好的 zip 文件（可能没有复制完整），请从导出的电脑重新复制一份"


def refuse(path: Path, why: str) -> PackageError:
    """The refusal of the package at ``path``: ``why`` (one Chinese clause) in the sentence
    every refusal of a package has."""
    return PackageError(f"导入包 {path.name} 不能使用：{why}。整个包没有导入，数据库没有任何改动。")


def safe_name(name: str) -> bool:
    """Whether a member's name stays inside the package: relative, no ``..``, no backslash or
    drive (a name that could write outside a folder it were unpacked into is refused)."""
    p = PurePosixPath(name)
    return (
        bool(name)
        and not p.is_absolute()
        and ".." not in p.parts
        and "\\" not in name
        and ":" not in name
        and not name.startswith("/")
    )


def stream(path: Path, zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> Iterator[bytes]:
    """The member's bytes in chunks, counting the real decompressed size: more than the
    header declares, or than ``limit``, refuses the package (a zip bomb lies in its headers)."""
    seen = 0
    with zf.open(info) as fh:
        while True:
            try:
                chunk = fh.read(CHUNK)
            except zipfile.BadZipFile:
                # zipfile stops at the declared size, so understated headers end in a CRC
                # error: a bomb, if the stream holds more than declared; else damage.
                if inflates_beyond(path, info):
                    raise refuse(
                        path, f"包内文件“{info.filename}”解开后比记录的大（可能是恶意压缩包）"
                    ) from None
                raise
            if not chunk:
                break
            seen += len(chunk)
            if seen > limit:
                raise refuse(path, f"包内文件“{info.filename}”解开后太大（可能是恶意压缩包）")
            if seen > 1_000_000 and seen > MAX_RATIO * max(info.compress_size, 1):
                raise refuse(path, f"包内文件“{info.filename}”大小异常（可能是恶意压缩包）")
            if seen > info.file_size:
                raise refuse(path, f"包内文件“{info.filename}”解开后比记录的大（可能是恶意压缩包）")
            yield chunk
    if seen != info.file_size:
        raise refuse(path, f"包内文件“{info.filename}”大小不符")


def digest(path: Path, zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[str, int]:
    """The member's SHA-256 (hex) and real size in bytes, read within MAX_MEMBER_BYTES."""
    h = hashlib.sha256()
    size = 0
    for chunk in stream(path, zf, info, MAX_MEMBER_BYTES):
        h.update(chunk)
        size += len(chunk)
    return h.hexdigest(), size


def small(path: Path, zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """A small member's bytes whole (manifest, signature, entries): within
    MAX_SMALL_MEMBER_BYTES, else PackageError."""
    return b"".join(stream(path, zf, info, MAX_SMALL_MEMBER_BYTES))


def lines(path: Path, chunks: Iterator[bytes]) -> Iterator[bytes]:
    """Split on ``\n`` only, refusing any single line above MAX_LINE_BYTES. The pieces of a
    line not yet ended are kept as they came and joined once: a line growing piece by piece
    was copied whole for every piece (twice its size in memory, the tight case of a bomb)."""
    parts: list[bytes] = []
    size = 0
    for chunk in chunks:
        if b"\n" not in chunk:
            parts.append(chunk)
            size += len(chunk)
        else:
            first, *complete, last = chunk.split(b"\n")
            if parts:
                parts.append(first)
                yield b"".join(parts)
            else:
                yield first
            yield from complete
            parts, size = [last], len(last)
        if size > MAX_LINE_BYTES:
            raise refuse(path, "案件记录中有一行太长（可能是恶意制作的包）")
    if size:
        yield b"".join(parts)


def loads(path: Path, data: bytes, what: str) -> Any:
    """JSON from a member (orjson: a maintained parser ~3x faster than json on our lines; it
    also refuses invalid UTF-8, NaN and nesting deeper than 1,024); bad text, bad JSON and
    absurd nesting all become one refusal."""
    try:
        value = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        # The parser's own English message would mean nothing to a mediator.
        text = str(exc)
        reason = (
            "嵌套过深"
            if "depth" in text or "ecursion" in text
            else "不是 UTF-8 文字"
            if "UTF-8" in text
            else "不是有效的 JSON"
        )
        raise refuse(path, f"{what}格式错误（{reason}）") from None
    # A name given twice in one object (orjson keeps the last) reads differently in other
    # readers, and our exporter never writes one: refused.
    if repeats_a_name(value, data):
        raise refuse(path, f"{what}格式错误（同一项目名称出现了两次）")
    return value


def members_of(path: Path, zf: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    """Logical name -> member: names decoded as the packer meant them (UTF-8, or GBK from a
    Chinese Windows re-zip) and one enclosing folder removed."""
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise refuse(path, f"包内文件太多（{len(infos)} 个）")
    files = [
        (name, i)
        for i in infos
        if not i.is_dir() and not zipnames.macos_extra(name := zipnames.decoded(i))
    ]
    for name, _ in files:
        if not safe_name(name):
            raise refuse(path, f"包内有不安全的路径“{name}”")
    out: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for name, info in zipnames.strip_folder(files):
        if name in out:
            raise refuse(path, f"包内文件“{name}”重复")
        if info.file_size > 1_000_000 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise refuse(path, f"包内文件“{name}”大小异常（可能是恶意压缩包）")
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise refuse(path, "包解开后太大")
        out[name] = info
    return out
