"""Importing verified packages into a township or county database. Every package is checked
whole before anything is written, and each is written in one transaction. The same package
twice changes nothing; a newer version of a case replaces it and the old one is kept in
``case_versions``; a conflicting version (older, or meeting local edits) is kept there too,
not applied, and reported. A hand-off package continues the case here, one level up."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.core.exchange.export import case_line
from desktop.core.exchange.fmt import canonical, content_hash
from desktop.core.exchange.verify import Package, PackageError, verify_package
from desktop.core.models import DONE
from desktop.core.store import audit

CHILD_TABLES = (
    "parties",
    "investigations",
    "sessions",
    "terms",
    "return_visits",
    "receipts",
    "escalations",
    "terminations",
    "extensions",
)
_RECORD_TABLE = {
    "investigation": "investigations",
    "session": "sessions",
    "term": "terms",
    "return_visit": "return_visits",
    "receipt": "receipts",
}


@dataclass
class ImportReport:
    package: str
    committee: str
    kind: str
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    already_imported: bool = False
    period: str = ""

    def summary(self) -> str:
        if self.already_imported:
            return f"{self.package}：这个包以前已经导入过，没有任何改动。"
        text = (
            f"{self.package}（{self.committee}）：新增 {len(self.added)} 件，更新 {len(self.updated)} 件，"
            f"未变 {len(self.unchanged)} 件"
        )
        if self.conflicts:
            text += f"，冲突 {len(self.conflicts)} 件（已保留在历史中，未覆盖）：" + "；".join(
                self.conflicts
            )
        return text + "。"


def _columns(store: Any, table: str) -> list[str]:
    return [r[1] for r in store.db.execute(f"PRAGMA table_info({table})")]


def _insert(store: Any, table: str, row: dict[str, Any]) -> int:
    cols = [c for c in _columns(store, table) if c in row and c != "id"]
    cur = store.db.execute(
        f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
        [row[c] for c in cols],
    )
    return int(cur.lastrowid)


def _write_children(store: Any, case_id: int, line: dict[str, Any]) -> None:
    for table in CHILD_TABLES:
        store.db.execute(f"DELETE FROM {table} WHERE case_id = ?", [case_id])
    groups = {
        "parties": line["parties"],
        "escalations": line["escalations"],
        "terminations": line["terminations"],
        "extensions": line["extensions"],
    }
    for kind, rows in line["records"].items():
        if kind in _RECORD_TABLE:
            groups[_RECORD_TABLE[kind]] = rows
    for table, rows in groups.items():
        for row in rows:
            _insert(store, table, {**row, "case_id": case_id})


def _append_audit(store: Any, case_id: int, entries: list[dict[str, Any]]) -> None:
    """Add the package's history entries this database does not hold yet."""
    have = {
        (r[0], r[1], r[2], r[3])
        for r in store.db.execute(
            "SELECT at, entity, action, detail FROM audit_log WHERE case_id = ?", [case_id]
        )
    }
    for e in entries:
        key = (e.get("at"), e.get("entity"), e.get("action"), e.get("detail"))
        if key not in have:
            store.db.execute(
                "INSERT INTO audit_log (at, actor, case_id, entity, entity_id, action, detail) VALUES (?,?,?,?,?,?,?)",
                [
                    e.get("at"),
                    e.get("actor") or "",
                    case_id,
                    e.get("entity"),
                    None,
                    e.get("action"),
                    e.get("detail") or "{}",
                ],
            )


def _case_row(line: dict[str, Any], committee_id: str) -> dict[str, Any]:
    row = {k: v for k, v in line["case"].items() if k != "mediator_name"}
    row.update(committee_id=committee_id, source_hash=content_hash(line), mediator_id=None)
    return row


def _keep_version(
    store: Any, case_id: int, payload: dict[str, Any], pkg: Package, applied: bool, note: str
) -> None:
    store.db.execute(
        "INSERT INTO case_versions (case_id, content_hash, updated_at, payload, package_sha256, applied, note,"
        " received_at) VALUES (?,?,?,?,?,?,?,?)",
        [
            case_id,
            content_hash(payload),
            payload["updated_at"],
            canonical(payload).decode("utf-8"),
            pkg.sha256,
            int(applied),
            note,
            store.timestamp(),
        ],
    )


def _handoff(store: Any, pkg: Package, line: dict[str, Any], report: ImportReport) -> None:
    """Continue a case handed over from the level below: a new number here, open again at the
    level it was handed to, its whole history kept."""
    existing = store.db.execute("SELECT id FROM cases WHERE uuid = ?", [line["uuid"]]).fetchone()
    if existing:
        report.unchanged.append(line["case_no"])
        return
    settings = store.settings.committee()
    row = _case_row(line, "")
    year = int(row["accepted_on"][:4])
    seq = store.db.execute(
        "SELECT coalesce(max(seq), 0) + 1 FROM cases WHERE year = ? AND committee_id = ''", [year]
    ).fetchone()[0]
    completed = json.loads(row["completed_steps"])
    spec = store.catalog.get(row["workflow_id"], row["workflow_version"])
    pending = [s.id for s in spec.steps if s.id not in completed]
    row.update(
        year=year,
        seq=seq,
        case_no=settings.case_no_format.format(year=year, abbr=settings.abbr or "人", seq=seq),
        status="在办",
        step_now=pending[0] if pending else DONE,
        closed_on=None,
        updated_at=store.timestamp(),
    )
    case_id = _insert(store, "cases", row)
    _write_children(store, case_id, line)
    _append_audit(store, case_id, line["audit"])
    audit.write(
        store.db,
        at=store.timestamp(),
        actor=store.actor,
        case_id=case_id,
        entity="case",
        entity_id=case_id,
        action="import",
        detail={
            "from": pkg.manifest["committee_name"],
            "original_case_no": line["case_no"],
            "package": pkg.sha256,
            "level": row["level_now"],
        },
    )
    store.reindex(case_id)
    report.added.append(f"{line['case_no']} → {row['case_no']}")


def _merge(store: Any, pkg: Package, line: dict[str, Any], report: ImportReport) -> None:
    committee = pkg.committee_id
    found = store.db.execute(
        "SELECT id, source_hash, updated_at FROM cases WHERE uuid = ?", [line["uuid"]]
    ).fetchone()
    incoming = content_hash(line)
    now = store.timestamp()
    if found is None:
        case_id = _insert(store, "cases", _case_row(line, committee))
        _write_children(store, case_id, line)
        _append_audit(store, case_id, line["audit"])
        audit.write(
            store.db,
            at=now,
            actor=store.actor,
            case_id=case_id,
            entity="case",
            entity_id=case_id,
            action="import",
            detail={"from": pkg.manifest["committee_name"], "package": pkg.sha256},
        )
        store.reindex(case_id)
        report.added.append(line["case_no"])
        return
    case_id, source_hash, updated_at = found
    current = case_line(store, case_id)
    local = content_hash(current)
    if incoming == local:
        report.unchanged.append(line["case_no"])
        return
    if local != source_hash:
        _keep_version(store, case_id, line, pkg, False, "与本地修改冲突，未应用")
        report.conflicts.append(f"{line['case_no']}（本地修改过，收到的版本已存入历史）")
        return
    if line["updated_at"] <= updated_at:
        _keep_version(store, case_id, line, pkg, False, "比现有版本旧，未应用")
        report.conflicts.append(f"{line['case_no']}（收到的是较旧的版本，已存入历史）")
        return
    _keep_version(store, case_id, current, pkg, False, "被新版本替换")
    row = _case_row(line, committee)
    cols = [c for c in _columns(store, "cases") if c in row and c not in ("id", "uuid")]
    store.db.execute(
        f"UPDATE cases SET {', '.join(f'{c} = ?' for c in cols)} WHERE id = ?",
        [*(row[c] for c in cols), case_id],
    )
    _write_children(store, case_id, line)
    _append_audit(store, case_id, line["audit"])
    audit.write(
        store.db,
        at=now,
        actor=store.actor,
        case_id=case_id,
        entity="case",
        entity_id=case_id,
        action="import",
        detail={"from": pkg.manifest["committee_name"], "package": pkg.sha256, "update": True},
    )
    store.reindex(case_id)
    report.updated.append(line["case_no"])


def _merge_entries(store: Any, pkg: Package) -> None:
    """The committee's 排查/预防 figures: a newer entry for a month replaces an older one."""
    for e in pkg.entries:
        old = store.db.execute(
            "SELECT updated_at FROM monthly_entries WHERE committee_id = ? AND month = ?",
            [pkg.committee_id, e["month"]],
        ).fetchone()
        if old is not None and old[0] >= e["updated_at"]:
            continue
        row = {
            **{k: e.get(k, "") for k in ("narrative", "filler", "reviewer")},
            **{
                k: e[k]
                for k in ("month", "screenings", "disputes_found", "prevented", "updated_at")
            },
            "committee_id": pkg.committee_id,
        }
        cols = list(row)
        store.db.execute(
            f"INSERT OR REPLACE INTO monthly_entries ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
            [row[c] for c in cols],
        )


def _apply(store: Any, pkg: Package) -> ImportReport:
    m = pkg.manifest
    report = ImportReport(
        pkg.path.name, str(m["committee_name"]), pkg.kind, period=str(m.get("period", ""))
    )
    if store.db.execute("SELECT 1 FROM imports WHERE package_sha256 = ?", [pkg.sha256]).fetchone():
        report.already_imported = True
        return report
    own = store.settings.committee().committee_id
    if pkg.kind == "period" and pkg.committee_id == own:
        raise PackageError(f"导入包 {pkg.path.name} 是本调委会自己导出的，不能导入回本数据库。")
    with store.bulk():
        for line in pkg.cases:
            (_handoff if pkg.kind == "handoff" else _merge)(store, pkg, line, report)
        if pkg.kind == "period":
            _merge_entries(store, pkg)
        store.db.execute(
            "INSERT INTO imports (package_sha256, kind, committee_id, committee_name, period, cases, report,"
            " imported_at) VALUES (?,?,?,?,?,?,?,?)",
            [
                pkg.sha256,
                pkg.kind,
                pkg.committee_id,
                m["committee_name"],
                str(m.get("period", "")),
                len(pkg.cases),
                report.summary(),
                store.timestamp(),
            ],
        )
    return report


class _DryRun(Exception):
    """Raised inside the transaction to roll back a rehearsal."""


def preview(store: Any, paths: list[Path]) -> list[str]:
    """What importing would do, without keeping anything: the import is rehearsed inside a
    transaction that is then rolled back, so the counts are exactly what 导入 will do."""
    reports: list[ImportReport] = []
    try:
        with store.bulk():
            reports = import_packages(store, paths)
            raise _DryRun
    except _DryRun:
        pass
    out = []
    for r in reports:
        if r.already_imported:
            out.append(f"{r.package}：以前已经导入过，导入时不会有任何改动。")
            continue
        text = (
            f"{r.package}：{r.committee}，{r.period}，{len(r.added) + len(r.updated) + len(r.unchanged) + len(r.conflicts)} 件案件"
            f"——将新增 {len(r.added)} 件，更新 {len(r.updated)} 件，未变 {len(r.unchanged)} 件"
        )
        if r.conflicts:
            text += f"，冲突 {len(r.conflicts)} 件（收到的版本只存入历史，不覆盖本库）"
        out.append(text + "。")
    return out


def import_packages(store: Any, paths: list[Path]) -> list[ImportReport]:
    """Verify every package first (one bad package stops all before any write), then import
    them all in one transaction: a failure half-way leaves the database as it was."""
    packages = [verify_package(Path(p)) for p in paths]
    current = packages[0] if packages else None
    try:
        with store.bulk():
            reports = []
            for current in packages:
                reports.append(_apply(store, current))
            return reports
    except PackageError:
        raise
    except (sqlite3.Error, KeyError, TypeError, ValueError) as exc:
        # Verification passed but the content does not fit this database (a crafted or
        # inconsistent package); the transaction was rolled back, so say so plainly.
        name = current.path.name if current else ""
        raise PackageError(
            f"导入包 {name} 的内容与本数据库不相容（{type(exc).__name__}），"
            "整个导入已撤销，数据库没有任何改动。请联系发送方重新导出。"
        ) from exc
