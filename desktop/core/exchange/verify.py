"""Checking a package before anything is written: a damaged, tampered, forged, wrong-version
or malicious package is refused whole, with one Chinese sentence saying what is wrong.

Members are read as streams and their real decompressed bytes counted against fixed limits
(headers are never trusted), so any package is refused or read within bounded memory. Case
lines are read, parsed and validated once, one at a time, as :meth:`Package.iter_cases`
streams them (the import writes each inside its transaction and rolls back on a refusal)."""

from __future__ import annotations

import hashlib
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import orjson

from desktop.core.errors import MediationError
from desktop.core.exchange import zipnames
from desktop.core.exchange.fmt import (
    CASES,
    ENTRIES,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    MAX_LINE_BYTES,
    MAX_MEMBER_BYTES,
    MAX_MEMBERS,
    MAX_RATIO,
    MAX_SMALL_MEMBER_BYTES,
    MAX_TOTAL_BYTES,
    SIGNATURE,
    SUPPORTED_VERSIONS,
)
from desktop.core.exchange.inflate import inflates_beyond
from desktop.core.exchange.jsontext import repeats_a_name
from desktop.core.exchange.keys import fingerprint, signature_valid
from desktop.core.exchange.schema import problem

_CHUNK = 1 << 16
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


@dataclass(frozen=True, slots=True)
class Package:
    path: Path
    sha256: str
    manifest: dict[str, Any]
    case_count: int
    entries: tuple[dict[str, Any], ...] = ()
    #: Archive member name (as stored) of each logical member name.
    names: dict[str, zipfile.ZipInfo] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        return str(self.manifest["kind"])

    @property
    def committee_id(self) -> str:
        return str(self.manifest["committee_id"])

    @property
    def version(self) -> int:
        return int(self.manifest["format_version"])

    @property
    def signed(self) -> bool:
        return self.version >= 2

    @property
    def masked(self) -> bool:
        return bool(self.manifest.get("masked", False))

    @property
    def public_key(self) -> str:
        return str(self.manifest.get("public_key", ""))

    def iter_cases(self) -> Iterator[dict[str, Any]]:
        """The case lines, streamed from the file and each checked field by field as it is
        read (read and parsed once: the import writes each line as it arrives, inside its
        transaction). At the end the member must hash as the signed manifest says and hold
        as many cases as it declares. Raises PackageError with one Chinese sentence; a caller
        writing as it reads rolls back."""
        for _, line in self.iter_checked():
            yield line

    def iter_checked(self) -> Iterator[tuple[bytes, dict[str, Any]]]:
        """:meth:`iter_cases`, each line with the bytes it was parsed from."""
        try:
            with zipfile.ZipFile(self.path) as zf:
                yield from _checked_lines(self, zf)
        except PackageError:
            raise
        except ZIP_ERRORS:
            raise _refuse(self.path, _DAMAGED) from None

    @property
    def cases(self) -> tuple[dict[str, Any], ...]:
        """All case lines at once (small packages, hand-offs and tests)."""
        return tuple(self.iter_cases())


_DAMAGED = "不是完好的 zip 文件（可能没有复制完整），请从导出的电脑重新复制一份"


def _refuse(path: Path, why: str) -> PackageError:
    return PackageError(f"导入包 {path.name} 不能使用：{why}。整个包没有导入，数据库没有任何改动。")


def _safe_name(name: str) -> bool:
    p = PurePosixPath(name)
    return (
        bool(name)
        and not p.is_absolute()
        and ".." not in p.parts
        and "\\" not in name
        and ":" not in name
        and not name.startswith("/")
    )


def _stream(path: Path, zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> Iterator[bytes]:
    """The member's bytes in chunks, counting the real decompressed size: more than the
    header declares, or than ``limit``, refuses the package (a zip bomb lies in its headers)."""
    seen = 0
    with zf.open(info) as fh:
        while True:
            try:
                chunk = fh.read(_CHUNK)
            except zipfile.BadZipFile:
                # zipfile stops at the declared size, so understated headers end in a CRC
                # error: a bomb, if the stream holds more than declared; else damage.
                if inflates_beyond(path, info):
                    raise _refuse(
                        path, f"包内文件“{info.filename}”解开后比记录的大（可能是恶意压缩包）"
                    ) from None
                raise
            if not chunk:
                break
            seen += len(chunk)
            if seen > limit:
                raise _refuse(path, f"包内文件“{info.filename}”解开后太大（可能是恶意压缩包）")
            if seen > 1_000_000 and seen > MAX_RATIO * max(info.compress_size, 1):
                raise _refuse(path, f"包内文件“{info.filename}”大小异常（可能是恶意压缩包）")
            if seen > info.file_size:
                raise _refuse(
                    path, f"包内文件“{info.filename}”解开后比记录的大（可能是恶意压缩包）"
                )
            yield chunk
    if seen != info.file_size:
        raise _refuse(path, f"包内文件“{info.filename}”大小不符")


def _digest(path: Path, zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[str, int]:
    h = hashlib.sha256()
    size = 0
    for chunk in _stream(path, zf, info, MAX_MEMBER_BYTES):
        h.update(chunk)
        size += len(chunk)
    return h.hexdigest(), size


def _small(path: Path, zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    return b"".join(_stream(path, zf, info, MAX_SMALL_MEMBER_BYTES))


def _lines(path: Path, chunks: Iterator[bytes]) -> Iterator[bytes]:
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
            raise _refuse(path, "案件记录中有一行太长（可能是恶意制作的包）")
    if size:
        yield b"".join(parts)


def _checked_lines(pkg: Package, zf: zipfile.ZipFile) -> Iterator[tuple[bytes, dict[str, Any]]]:
    path, manifest = pkg.path, pkg.manifest
    info = pkg.names[CASES]
    listed = manifest["members"][CASES]
    h = hashlib.sha256()
    whole = [False]  # the member was read to its end (hashed completely)

    def hashed() -> Iterator[bytes]:
        for chunk in _stream(path, zf, info, MAX_MEMBER_BYTES):
            h.update(chunk)
            yield chunk
        whole[0] = True

    def tampered() -> bool:
        return h.hexdigest() != listed.get("sha256") or (
            "size" in listed and info.file_size != listed["size"]
        )

    changed = _refuse(path, f"“{CASES}”的内容与清单中的校验值不符（文件被改动或损坏）")
    chunks = hashed()
    count = 0
    seen: set[str] = set()
    try:
        for n, text in enumerate(_lines(path, chunks), start=1):
            if not text.strip():
                continue
            line = _check_case(path, n, _loads(path, text, f"案件记录第 {n} 行"))
            count += 1
            if line["uuid"] in seen:
                raise _refuse(path, "同一案件在包内出现了两次")
            seen.add(line["uuid"])
            if pkg.version >= 2 and ("revision" not in line or "lineage" not in line):
                raise _refuse(path, f"案件 {line['case_no']} 缺少修改序号")
            if manifest["kind"] == "handoff" and count > 1:
                raise _refuse(path, "移交包应当只有一件案件")
            yield text, line
    except PackageError:
        # A bad line in a member that does not match its signed hash was changed or damaged
        # after export: say that (the real cause), not what the changed line looks like.
        for _ in chunks:
            pass
        if whole[0] and tampered():
            raise changed from None
        raise
    if tampered():
        raise changed
    if manifest["counts"]["cases"] != count:
        raise _refuse(path, "清单中的案件数与实际不符")
    if manifest["kind"] == "handoff" and count != 1:
        raise _refuse(path, "移交包应当只有一件案件")


def _check_case(path: Path, n: int, line: Any) -> dict[str, Any]:
    if not isinstance(line, dict):
        raise _refuse(path, f"案件记录第 {n} 行不是一个案件")
    found = problem("case-line", line)
    if found is not None:
        case_no = line.get("case_no") if isinstance(line.get("case_no"), str) else ""
        who = f"（案号 {case_no[:40]}）" if case_no else ""
        raise _refuse(path, f"案件记录第 {n} 行{who}的{found}")
    if line["case"]["uuid"] != line["uuid"] or line["case"]["case_no"] != line["case_no"]:
        raise _refuse(path, f"案件记录第 {n} 行的编号前后不一致")
    return line


def _loads(path: Path, data: bytes, what: str) -> Any:
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
        raise _refuse(path, f"{what}格式错误（{reason}）") from None
    # A name given twice in one object (orjson keeps the last) reads differently in other
    # readers, and our exporter never writes one: refused.
    if repeats_a_name(value, data):
        raise _refuse(path, f"{what}格式错误（同一项目名称出现了两次）")
    return value


def _members(path: Path, zf: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    """Logical name -> member: names decoded as the packer meant them (UTF-8, or GBK from a
    Chinese Windows re-zip) and one enclosing folder removed."""
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise _refuse(path, f"包内文件太多（{len(infos)} 个）")
    files = [
        (name, i)
        for i in infos
        if not i.is_dir() and not zipnames.macos_extra(name := zipnames.decoded(i))
    ]
    for name, _ in files:
        if not _safe_name(name):
            raise _refuse(path, f"包内有不安全的路径“{name}”")
    out: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for name, info in zipnames.strip_folder(files):
        if name in out:
            raise _refuse(path, f"包内文件“{name}”重复")
        if info.file_size > 1_000_000 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise _refuse(path, f"包内文件“{name}”大小异常（可能是恶意压缩包）")
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise _refuse(path, "包解开后太大")
        out[name] = info
    return out


def open_package(path: Path) -> Package:
    """The package with everything but its case lines checked: the signature over the
    manifest, the format version, every other member's hash and real size. The case lines
    are checked as :meth:`Package.iter_cases` reads them. Raises PackageError."""
    path = Path(path)
    if not path.is_file():
        raise PackageError(f"找不到导入包 {path}。请检查 U 盘是否插好、文件名是否正确。")
    whole = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            whole.update(chunk)
    try:
        with zipfile.ZipFile(path) as zf:
            return _verify(path, zf, whole.hexdigest())
    except PackageError:
        raise
    except ZIP_ERRORS:
        raise _refuse(path, _DAMAGED) from None


def verify_package(path: Path) -> Package:
    """Everything checked, nothing written: the signature over the manifest, every member's
    hash and real size, the format version, and every field of every line against the
    format's schema. Raises PackageError with one Chinese sentence."""
    pkg = open_package(path)
    for _ in pkg.iter_cases():
        pass
    return pkg


def _verify(path: Path, zf: zipfile.ZipFile, package_hash: str) -> Package:
    members = _members(path, zf)
    if MANIFEST not in members:
        if any("manifest.json" in n for n in members):
            raise _refuse(path, "包的文件名或目录被改过（可能是重新压缩过），请导入原来导出的包")
        raise _refuse(path, "缺少清单 manifest.json")
    manifest_bytes = _small(path, zf, members[MANIFEST])
    manifest = _loads(path, manifest_bytes, "清单 manifest.json ")
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _refuse(path, "这不是无讼调解助手的导出包")
    version = manifest.get("format_version")
    # True == 1 in Python: a boolean is no version, whatever ``in`` says.
    if isinstance(version, bool) or version not in SUPPORTED_VERSIONS:
        if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
            raise _refuse(
                path,
                f"导出包格式版本 {version} 比本程序（{FORMAT_VERSION}）新，"
                "请先把本程序升级到与发送方相同的版本",
            )
        shown = str(version)[:20] if version is not None else "没有写"
        raise _refuse(path, f"清单中的“格式版本”不对（{shown}），请导入原来导出的包")
    found = problem("manifest", manifest)
    if found is not None:
        raise _refuse(path, f"清单内容不完整或有误：{found}")
    if manifest.get("since_seq", 0) > manifest.get("change_seq", 0):
        raise _refuse(
            path,
            "清单中的修改序号范围不对（起点在终点之后），请导入原来导出的包",
        )
    if manifest["format_version"] >= 2:
        if SIGNATURE not in members or not manifest.get("public_key"):
            raise _refuse(path, "缺少调委会的签名，无法确认是谁导出的")
        signature = _small(path, zf, members[SIGNATURE]).decode("ascii", "replace").strip()
        if not signature_valid(manifest["public_key"], manifest_bytes, signature):
            raise _refuse(
                path,
                "签名与清单不符（清单被改动过，或不是该调委会导出的），"
                f"密钥指纹 {fingerprint(manifest['public_key'])}",
            )
    listed: dict[str, Any] = manifest["members"]
    for name, info in listed.items():
        if name not in members:
            if zipnames.looks_renamed(name, members):
                raise _refuse(path, "包内文件名被改过（可能是重新压缩过），请导入原来导出的包")
            raise _refuse(path, f"清单中的“{name}”在包内找不到")
        if name == CASES:
            continue  # hashed as its lines are read (iter_cases): read once, not twice
        digest, size = _digest(path, zf, members[name])
        if digest != info.get("sha256") or ("size" in info and size != info["size"]):
            raise _refuse(path, f"“{name}”的内容与清单中的校验值不符（文件被改动或损坏）")
    extra = set(members) - set(listed) - {MANIFEST, SIGNATURE}
    if extra:
        raise _refuse(path, f"包内有清单中没有的文件：{'、'.join(sorted(extra))}")
    if CASES not in listed:
        raise _refuse(path, "缺少案件记录 cases.jsonl")
    entries: list[Any] = []
    if ENTRIES in listed:
        entries = _loads(path, _small(path, zf, members[ENTRIES]), "排查填报数据")
        found = problem("entries", entries)
        if found is not None:
            raise _refuse(path, f"排查填报数据有误：{found}")
    return Package(
        path, package_hash, manifest, int(manifest["counts"]["cases"]), tuple(entries), members
    )
