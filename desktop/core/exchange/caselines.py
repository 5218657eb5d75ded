"""The case lines of a package (``cases.jsonl``), read once as they stream: each line parsed
and checked field by field against the format's schema, the member hashed as it is read and
compared with the signed manifest at its end, the count compared with the declared one."""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.core.exchange.fmt import CASES, MAX_MEMBER_BYTES
from desktop.core.exchange.members import PackageError, lines, loads, refuse, stream
from desktop.core.exchange.schema import problem, visible
from desktop.core.exchange.workflow_refs import workflow_problem

if TYPE_CHECKING:
    from desktop.core.exchange.verify import Package


def checked_lines(pkg: Package, zf: zipfile.ZipFile) -> Iterator[tuple[bytes, dict[str, Any]]]:
    """Each case line of ``pkg`` (read from its open archive ``zf``) with the bytes it was
    parsed from, checked as it is read; the member's hash and the case count are compared at
    its end. Raises PackageError (a bad line in a member whose hash does not match is told as
    the member changed or damaged, the real cause)."""
    path, manifest = pkg.path, pkg.manifest
    info = pkg.names[CASES]
    listed = manifest["members"][CASES]
    h = hashlib.sha256()
    whole = [False]  # the member was read to its end (hashed completely)

    def hashed() -> Iterator[bytes]:
        for chunk in stream(path, zf, info, MAX_MEMBER_BYTES):
            h.update(chunk)
            yield chunk
        whole[0] = True

    def tampered() -> bool:
        return h.hexdigest() != listed.get("sha256") or (
            "size" in listed and info.file_size != listed["size"]
        )

    changed = refuse(path, f"“{CASES}”的内容与清单中的校验值不符（文件被改动或损坏）")
    chunks = hashed()
    count = 0
    seen: set[str] = set()
    try:
        for n, text in enumerate(lines(path, chunks), start=1):
            if not text.strip():
                continue
            line = check_case(path, n, loads(path, text, f"案件记录第 {n} 行"))
            count += 1
            if line["uuid"] in seen:
                raise refuse(path, "同一案件在包内出现了两次")
            seen.add(line["uuid"])
            if pkg.version >= 2 and ("revision" not in line or "lineage" not in line):
                raise refuse(path, f"案件 {line['case_no']} 缺少修改序号")
            if manifest["kind"] == "handoff" and count > 1:
                raise refuse(path, "移交包应当只有一件案件")
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
        raise refuse(path, "清单中的案件数与实际不符")
    if manifest["kind"] == "handoff" and count != 1:
        raise refuse(path, "移交包应当只有一件案件")


def check_case(path: Path, n: int, line: Any) -> dict[str, Any]:
    """Line ``n`` (parsed JSON) as a case line against the format's schema (schema/case-line),
    its case's number and uuid agreeing with the line's. Raises PackageError naming the line,
    its 案号 and the field in Chinese."""
    if not isinstance(line, dict):
        raise refuse(path, f"案件记录第 {n} 行不是一个案件")
    found = problem("case-line", line)
    if found is not None:
        case_no = line.get("case_no") if isinstance(line.get("case_no"), str) else ""
        who = f"（案号 {visible(case_no)}）" if case_no else ""
        raise refuse(path, f"案件记录第 {n} 行{who}的{found}")
    if line["case"]["uuid"] != line["uuid"] or line["case"]["case_no"] != line["case_no"]:
        raise refuse(path, f"案件记录第 {n} 行的编号前后不一致")
    lacking = workflow_problem(line["case"])
    if lacking is not None:
        raise refuse(path, f"案件记录第 {n} 行（案号 {visible(line['case_no'])}）的{lacking}")
    return line
