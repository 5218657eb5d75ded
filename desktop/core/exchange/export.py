"""Writing export packages: the cases changed in a period (incremental since the last export by
default), or one case handed to the next level, with their whole history, the 台账 and the
月报. Written atomically; the time of the last export is remembered."""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from desktop import __version__
from desktop.core.errors import ValidationError
from desktop.core.exchange.fmt import (
    CASES,
    ENTRIES,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    canonical,
    sha256,
)
from desktop.core.fsutil import atomic_write_bytes
from desktop.core.store.codec import RECORD_TABLES

LAST_EXPORT_KEY = "exchange.last_export"
_CASE_COLUMNS_SKIP = ("id", "mediator_id", "source_hash", "committee_id")


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    cases: int
    members: tuple[str, ...]
    period: str


def _rows(store: Any, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    # Straight from the cursor: sqlite-utils' query() re-parses every statement, which was half
    # the cost of exporting 10,000 cases.
    cursor = store.db.conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def case_line(store: Any, case_id: int) -> dict[str, Any]:
    """One case with everything that belongs to it, by stable identity (UUID), not local ids."""
    case = _rows(store, "SELECT * FROM cases WHERE id = ?", [case_id])[0]
    mediator = store.db.execute(
        "SELECT name FROM mediators WHERE id = ?", [case["mediator_id"]]
    ).fetchone()
    body = {k: v for k, v in case.items() if k not in _CASE_COLUMNS_SKIP}
    body["mediator_name"] = mediator[0] if mediator else ""

    def children(table: str) -> list[dict[str, Any]]:
        return [
            {k: v for k, v in r.items() if k not in ("id", "case_id")}
            for r in _rows(store, f"SELECT * FROM {table} WHERE case_id = ? ORDER BY id", [case_id])
        ]

    return {
        "uuid": case["uuid"],
        "case_no": case["case_no"],
        "updated_at": case["updated_at"],
        "case": body,
        "parties": children("parties"),
        "records": {kind: children(table) for kind, table in RECORD_TABLES.items()},
        "escalations": children("escalations"),
        "terminations": children("terminations"),
        "extensions": children("extensions"),
        "audit": [
            {k: v for k, v in r.items() if k not in ("id", "case_id")}
            for r in _rows(
                store, "SELECT * FROM audit_log WHERE case_id = ? ORDER BY id", [case_id]
            )
        ],
    }


def _month_bounds(month: str) -> tuple[str, str]:
    from desktop.core.store.cases import _month_range

    return _month_range(month)


def select_cases(
    store: Any, *, since: str | None = None, month: str | None = None
) -> tuple[list[int], str]:
    """Ids of the cases changed in the period, and the period's description."""
    if month:
        start, end = _month_bounds(month)
        ids = [
            r[0]
            for r in store.db.execute(
                "SELECT id FROM cases WHERE committee_id = '' AND updated_at >= ? AND updated_at < ? ORDER BY id",
                [start, end],
            )
        ]
        return ids, month
    if since is None:
        row = store.db.execute(
            "SELECT value FROM settings WHERE key = ?", [LAST_EXPORT_KEY]
        ).fetchone()
        since = json.loads(row[0]) if row else ""
    ids = [
        r[0]
        for r in store.db.execute(
            "SELECT id FROM cases WHERE committee_id = '' AND updated_at >= ? ORDER BY id",
            [since or ""],
        )
    ]
    # Read by people on paper and in the import preview: minutes, no ISO "T".
    start = since.replace("T", " ")[:16] if since else "最早的案件"
    return ids, f"{start} 至 {store.timestamp().replace('T', ' ')[:16]}"


def _entries(store: Any, committee_id: str) -> list[dict[str, Any]]:
    """This committee's monthly 排查/预防 figures, which do not come from cases."""
    rows = _rows(
        store,
        "SELECT * FROM monthly_entries WHERE committee_id IN ('', ?) ORDER BY month",
        [committee_id],
    )
    return [{k: v for k, v in r.items() if k != "committee_id"} for r in rows]


def write_package(
    store: Any,
    path: Path,
    case_ids: list[int],
    *,
    kind: str,
    period: str,
    extras: dict[str, bytes] | None = None,
) -> ExportResult:
    committee = store.settings.committee()
    lines = [canonical(case_line(store, cid)) for cid in case_ids]
    members: dict[str, bytes] = {
        CASES: b"\n".join(lines) + (b"\n" if lines else b""),
        ENTRIES: canonical(_entries(store, committee.committee_id)),
    }
    members.update(extras or {})
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app_version": __version__,
        "kind": kind,
        "committee_id": committee.committee_id,
        "committee_name": committee.name,
        "committee_level": committee.level,
        "period": period,
        "created_at": store.timestamp(),
        "counts": {"cases": len(lines)},
        "members": {
            name: {"sha256": sha256(data), "size": len(data)} for name, data in members.items()
        },
    }
    buffer = io.BytesIO()
    # Level 1: the text still shrinks about 8:1 and writing is several times faster.
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2))
        for name, data in members.items():
            zf.writestr(name, data)
    atomic_write_bytes(Path(path), buffer.getvalue())
    return ExportResult(Path(path), len(lines), tuple(members), period)


def export_period(
    store: Any,
    path: Path,
    *,
    since: str | date | None = None,
    month: str | None = None,
    include_reports: bool = True,
) -> ExportResult:
    """Export the cases changed since ``since`` (default: since the last export) or in
    ``month``; remember this export so the next one starts here."""
    if since is not None and month is not None:
        raise ValidationError("请只选择一种导出范围：起始日期或月份。")
    started = store.timestamp()
    ids, period = select_cases(store, since=str(since) if since else None, month=month)
    extras: dict[str, bytes] = {}
    if include_reports:
        extras.update(_reports(store, ids, month))
    result = write_package(store, path, ids, kind="period", period=period, extras=extras)
    with store.db.atomic():
        store.db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [LAST_EXPORT_KEY, json.dumps(started)],
        )
    return result


def _reports(store: Any, ids: list[int], month: str | None) -> dict[str, bytes]:
    """The 台账 of the exported cases and, for a month, that month's 月报 (as Excel)."""
    import tempfile

    from desktop.core.reports import write_monthly, write_register_xlsx

    out: dict[str, bytes] = {}
    with tempfile.TemporaryDirectory() as tmp:
        register = Path(tmp) / "register.xlsx"
        write_register_xlsx(store, register, cases=ids, mask=False)
        out["台账.xlsx"] = register.read_bytes()
        if month:
            monthly = Path(tmp) / "monthly.xlsx"
            # record=False: this copy goes into the package and is deleted here; it must not
            # count as the month's report having been made.
            write_monthly(store, month, "xlsx", monthly, record=False)
            out[f"月报-{month}.xlsx"] = monthly.read_bytes()
    return out


def export_handoff(store: Any, path: Path, case_no: str, reason: str = "") -> ExportResult:
    """One case for the next level. The case is marked 已移交 here (escalated one level above
    this committee) if it is not already."""
    case = store.cases.find_by_no(case_no)
    committee_level = store.settings.committee().level
    if not case.is_closed:
        if case.level_now <= committee_level:
            to = case.level_now + 1
            while to <= committee_level:  # climb inside this committee first, one level at a time
                case = store.flow.escalate(case.id, to, reason or "移交上一级处理")
                to += 1
            case = store.flow.escalate(case.id, case.level_now + 1, reason or "移交上一级处理")
    elif case.status.value != "已移交":
        raise ValidationError(f"案件 {case_no} 已经办结（{case.status}），不能再移交。")
    return write_package(store, path, [case.id], kind="handoff", period=case.case_no)
