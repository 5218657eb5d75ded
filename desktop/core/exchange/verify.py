"""Checking a package before anything is written: a damaged, tampered, wrong-version or
malicious package is refused whole, with one Chinese sentence saying what is wrong."""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from desktop.core.errors import MediationError
from desktop.core.exchange.fmt import (
    CASE_KEYS,
    CASES,
    ENTRIES,
    FORMAT,
    FORMAT_VERSION,
    KINDS,
    MANIFEST,
    MAX_MEMBER_BYTES,
    MAX_MEMBERS,
    MAX_RATIO,
    MAX_TOTAL_BYTES,
    sha256,
)


class PackageError(MediationError):
    """A package that cannot be imported; nothing was written."""


@dataclass(frozen=True, slots=True)
class Package:
    path: Path
    sha256: str
    manifest: dict[str, Any]
    cases: tuple[dict[str, Any], ...]
    entries: tuple[dict[str, Any], ...] = ()

    @property
    def kind(self) -> str:
        return str(self.manifest["kind"])

    @property
    def committee_id(self) -> str:
        return str(self.manifest["committee_id"])


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


def _read_members(path: Path) -> dict[str, bytes]:
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise _refuse(
            path, "不是完好的 zip 文件（可能没有复制完整），请从导出的电脑重新复制一份"
        ) from None
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS:
            raise _refuse(path, f"包内文件太多（{len(infos)} 个）")
        total = 0
        for info in infos:
            if not _safe_name(info.filename):
                raise _refuse(path, f"包内有不安全的路径“{info.filename}”")
            if info.file_size > MAX_MEMBER_BYTES or (
                info.compress_size
                and info.file_size / info.compress_size > MAX_RATIO
                and info.file_size > 1_000_000
            ):
                raise _refuse(path, f"包内文件“{info.filename}”大小异常（可能是恶意压缩包）")
            total += info.file_size
            if total > MAX_TOTAL_BYTES:
                raise _refuse(path, "包解开后太大")
        members: dict[str, bytes] = {}
        for info in infos:
            if info.is_dir():
                continue
            if info.filename in members:
                raise _refuse(path, f"包内文件“{info.filename}”重复")
            try:
                data = zf.read(info)
            except (zipfile.BadZipFile, OSError, RuntimeError):
                raise _refuse(path, f"包内文件“{info.filename}”已损坏") from None
            if len(data) != info.file_size:
                raise _refuse(path, f"包内文件“{info.filename}”大小不符")
            members[info.filename] = data
    return members


def _check_case(path: Path, n: int, line: Any) -> dict[str, Any]:
    if not isinstance(line, dict):
        raise _refuse(path, f"案件记录第 {n} 行不是一个案件")
    for key, kind in CASE_KEYS.items():
        if not isinstance(line.get(key), kind):
            raise _refuse(path, f"案件记录第 {n} 行缺少“{key}”或类型不对")
    case = line["case"]
    for key in (
        "case_no",
        "accepted_on",
        "category_code",
        "status",
        "step_now",
        "level_now",
        "uuid",
    ):
        if key not in case:
            raise _refuse(path, f"案件记录第 {n} 行的案件缺少“{key}”")
    if case["uuid"] != line["uuid"]:
        raise _refuse(path, f"案件记录第 {n} 行的编号前后不一致")
    # Rows go column by column into the database: each must be a flat object of plain values,
    # or a crafted package would fail half-way through the write with an English error.
    rows: list[Any] = [
        case,
        *line["parties"],
        *line["escalations"],
        *line["terminations"],
        *line["extensions"],
        *line["audit"],
    ]
    for group in line["records"].values():
        if not isinstance(group, list):
            raise _refuse(path, f"案件记录第 {n} 行的笔录不是列表")
        rows.extend(group)
    for row in rows:
        if not isinstance(row, dict) or not all(
            isinstance(k, str) and (v is None or isinstance(v, _SCALARS)) for k, v in row.items()
        ):
            raise _refuse(path, f"案件记录第 {n} 行含有类型不对的内容")
    return line


_SCALARS = (str, int, float, bool)


def _loads(path: Path, data: bytes, what: str) -> Any:
    """JSON from a member; bad text, bad JSON and absurd nesting all become one refusal."""
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        # The parser's own English message would mean nothing to a mediator.
        reason = {RecursionError: "嵌套过深", UnicodeDecodeError: "不是 UTF-8 文字"}.get(
            type(exc), "不是有效的 JSON"
        )
        raise _refuse(path, f"{what}格式错误（{reason}）") from None


def verify_package(path: Path) -> Package:
    """Everything checked, nothing written: hashes, members, format version, and every line."""
    path = Path(path)
    if not path.is_file():
        raise PackageError(f"找不到导入包 {path}。请检查 U 盘是否插好、文件名是否正确。")
    raw = path.read_bytes()
    members = _read_members(path)
    if MANIFEST not in members:
        raise _refuse(path, "缺少清单 manifest.json")
    manifest = _loads(path, members[MANIFEST], "清单 manifest.json ")
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _refuse(path, "这不是无讼调解助手的导出包")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise _refuse(
            path,
            f"导出包格式版本 {manifest.get('format_version')} 与本程序（{FORMAT_VERSION}）不符，请双方使用同一版本的程序",
        )
    if (
        manifest.get("kind") not in KINDS
        or not isinstance(manifest.get("members"), dict)
        or not all(
            isinstance(manifest.get(k), str) and manifest[k]
            for k in ("committee_id", "committee_name")
        )
    ):
        raise _refuse(path, "清单内容不完整")
    listed = manifest["members"]
    for name, info in listed.items():
        if name not in members:
            raise _refuse(path, f"清单中的“{name}”在包内找不到")
        if not isinstance(info, dict) or sha256(members[name]) != info.get("sha256"):
            raise _refuse(path, f"“{name}”的内容与清单中的校验值不符（文件被改动或损坏）")
    extra = set(members) - set(listed) - {MANIFEST}
    if extra:
        raise _refuse(path, f"包内有清单中没有的文件：{'、'.join(sorted(extra))}")
    if CASES not in listed:
        raise _refuse(path, "缺少案件记录 cases.jsonl")
    cases = []
    for n, text in enumerate(members[CASES].split(b"\n"), start=1):
        if not text.strip():
            continue
        cases.append(_check_case(path, n, _loads(path, text, f"案件记录第 {n} 行")))
    counts = manifest.get("counts")
    if not isinstance(counts, dict) or counts.get("cases") != len(cases):
        raise _refuse(path, "清单中的案件数与实际不符")
    if len({c["uuid"] for c in cases}) != len(cases):
        raise _refuse(path, "同一案件在包内出现了两次")
    entries: list[Any] = []
    if ENTRIES in listed:
        entries = _loads(path, members[ENTRIES], "排查填报数据")
        keys = ("month", "screenings", "disputes_found", "prevented", "updated_at")
        if not isinstance(entries, list) or not all(
            isinstance(e, dict)
            and all(k in e for k in keys)
            and all(v is None or isinstance(v, _SCALARS) for v in e.values())
            for e in entries
        ):
            raise _refuse(path, "排查填报数据缺少必要的项目")
    return Package(path, sha256(raw), manifest, tuple(cases), tuple(entries))
