"""Checking a package before anything is written: a damaged, tampered, forged, wrong-version
or malicious package is refused whole, with one Chinese sentence saying what is wrong.

Members are read as streams and their real decompressed bytes counted against fixed limits
(members.py: headers are never trusted), so any package is refused or read within bounded
memory. Case lines are read, parsed and validated once, one at a time, as
:meth:`Package.iter_cases` streams them (caselines.py; the import writes each inside its
transaction and rolls back on a refusal)."""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.core.exchange import zipnames
from desktop.core.exchange.caselines import checked_lines
from desktop.core.exchange.fmt import (
    CASES,
    ENTRIES,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    SIGNATURE,
    SUPPORTED_VERSIONS,
)
from desktop.core.exchange.keys import fingerprint, signature_valid
from desktop.core.exchange.members import (
    ZIP_ERRORS,
    PackageError,
    digest,
    loads,
    members_of,
    refuse,
    small,
)
from desktop.core.exchange.repacked import damaged_reason
from desktop.core.exchange.schema import problem

__all__ = ["ZIP_ERRORS", "Package", "PackageError", "open_package", "verify_package"]


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
                yield from checked_lines(self, zf)
        except PackageError:
            raise
        except ZIP_ERRORS:
            raise refuse(self.path, damaged_reason(self.path)) from None

    @property
    def cases(self) -> tuple[dict[str, Any], ...]:
        """All case lines at once (small packages, hand-offs and tests)."""
        return tuple(self.iter_cases())


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
        raise refuse(path, damaged_reason(path)) from None


def verify_package(path: Path) -> Package:
    """Everything checked, nothing written: the signature over the manifest, every member's
    hash and real size, the format version, and every field of every line against the
    format's schema. Raises PackageError with one Chinese sentence."""
    pkg = open_package(path)
    for _ in pkg.iter_cases():
        pass
    return pkg


def _verify(path: Path, zf: zipfile.ZipFile, package_hash: str) -> Package:
    members = members_of(path, zf)
    if MANIFEST not in members:
        if any("manifest.json" in n for n in members):
            raise refuse(path, "包的文件名或目录被改过（可能是重新压缩过），请导入原来导出的包")
        raise refuse(path, "缺少清单 manifest.json")
    manifest_bytes = small(path, zf, members[MANIFEST])
    manifest = loads(path, manifest_bytes, "清单 manifest.json ")
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise refuse(path, "这不是无讼调解助手的导出包")
    version = manifest.get("format_version")
    # True == 1 in Python: a boolean is no version, whatever ``in`` says.
    if isinstance(version, bool) or version not in SUPPORTED_VERSIONS:
        if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
            raise refuse(
                path,
                f"导出包格式版本 {version} 比本程序（{FORMAT_VERSION}）新，"
                "请先把本程序升级到与发送方相同的版本",
            )
        shown = str(version)[:20] if version is not None else "没有写"
        raise refuse(path, f"清单中的“格式版本”不对（{shown}），请导入原来导出的包")
    found = problem("manifest", manifest)
    if found is not None:
        raise refuse(path, f"清单内容不完整或有误：{found}")
    if manifest.get("since_seq", 0) > manifest.get("change_seq", 0):
        raise refuse(
            path,
            "清单中的修改序号范围不对（起点在终点之后），请导入原来导出的包",
        )
    if manifest["format_version"] >= 2:
        if SIGNATURE not in members or not manifest.get("public_key"):
            raise refuse(path, "缺少调委会的签名，无法确认是谁导出的")
        signature = small(path, zf, members[SIGNATURE]).decode("ascii", "replace").strip()
        if not signature_valid(manifest["public_key"], manifest_bytes, signature):
            raise refuse(
                path,
                "签名与清单不符（清单被改动过，或不是该调委会导出的），"
                f"密钥指纹 {fingerprint(manifest['public_key'])}",
            )
    listed: dict[str, Any] = manifest["members"]
    for name, info in listed.items():
        if name not in members:
            if zipnames.looks_renamed(name, members):
                raise refuse(path, "包内文件名被改过（可能是重新压缩过），请导入原来导出的包")
            raise refuse(path, f"清单中的“{name}”在包内找不到")
        if name == CASES:
            continue  # hashed as its lines are read (iter_cases): read once, not twice
        found, size = digest(path, zf, members[name])
        if found != info.get("sha256") or ("size" in info and size != info["size"]):
            raise refuse(path, f"“{name}”的内容与清单中的校验值不符（文件被改动或损坏）")
    extra = set(members) - set(listed) - {MANIFEST, SIGNATURE}
    if extra:
        raise refuse(path, f"包内有清单中没有的文件：{'、'.join(sorted(extra))}")
    if CASES not in listed:
        raise refuse(path, "缺少案件记录 cases.jsonl")
    entries: list[Any] = []
    if ENTRIES in listed:
        entries = loads(path, small(path, zf, members[ENTRIES]), "排查填报数据")
        found = problem("entries", entries)
        if found is not None:
            raise refuse(path, f"排查填报数据有误：{found}")
    return Package(
        path, package_hash, manifest, int(manifest["counts"]["cases"]), tuple(entries), members
    )
