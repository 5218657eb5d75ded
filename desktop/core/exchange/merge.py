"""Importing verified packages into a township or county database. Every package is checked
whole before anything is written, and all packages of one import are written in one
transaction. The same package twice changes nothing.

Versions are ordered by lineage, never by the clock: each case line carries its version
vector {committee_id: revision}. A version that contains what this file holds replaces it (the
old one is kept in ``case_versions``); one this file already contains is older and only kept
in history; when both sides changed since what they share (concurrent vectors, or local edits
meeting a newer version) it is a conflict and both are kept. A package changes only cases of
the committee that signed it; a hand-off continues the case here as a new case of this
committee, linked to the original by ``origin_uuid``. Masked values (issue 12 point 5) never
overwrite full ones."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.core.exchange import keys
from desktop.core.exchange.export import case_line
from desktop.core.exchange.fmt import canonical, content_hash
from desktop.core.exchange.lineage import Order, compare
from desktop.core.exchange.verify import Package, PackageError, verify_package
from desktop.core.models import DONE
from desktop.core.store import audit, sql
from desktop.core.store.search import index_new_cases

if TYPE_CHECKING:
    from desktop.core.store.store import Store

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
_MASKABLE = ("id_number", "phone", "agent_phone", "address")


@dataclass
class ImportReport:
    package: str
    committee: str
    kind: str
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    #: Versions this file already contains (older): kept in history, nothing to do.
    older: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    #: Cases of another committee the package tried to change: not changed, kept in history.
    refused: list[str] = field(default_factory=list)
    #: Sentences a clerk should read (a new key accepted, a clock that went backwards).
    notes: list[str] = field(default_factory=list)
    already_imported: bool = False
    period: str = ""

    @property
    def total(self) -> int:
        return sum(
            len(x)
            for x in (
                self.added,
                self.updated,
                self.unchanged,
                self.older,
                self.conflicts,
                self.refused,
            )
        )

    def summary(self) -> str:
        if self.already_imported:
            return f"{self.package}：这个包以前已经导入过，没有任何改动。"
        text = (
            f"{self.package}（{self.committee}）：新增 {len(self.added)} 件，"
            f"更新 {len(self.updated)} 件，未变 {len(self.unchanged)} 件"
        )
        if self.older:
            text += f"，已有更新版本 {len(self.older)} 件（收到的旧版本存入历史）"
        if self.conflicts:
            text += (
                f"，冲突 {len(self.conflicts)} 件（两边都改过，都已保留，未覆盖）："
                + "；".join(self.conflicts)
            )
        if self.refused:
            text += f"，未改动 {len(self.refused)} 件（不属于发送的调委会）：" + "；".join(
                self.refused
            )
        text += "。"
        return text + "".join(self.notes)


class _Writer:
    """Child rows gathered per package and written with ``executemany``."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.columns: dict[str, list[str]] = {}
        self.pending: dict[str, list[list[Any]]] = {}
        #: Ids of cases added whose rows are still pending.
        self.new: list[int] = []

    def cols(self, table: str) -> list[str]:
        if table not in self.columns:
            self.columns[table] = [
                r[1] for r in self.store.db.execute(f"PRAGMA table_info({table})") if r[1] != "id"
            ]
        return self.columns[table]

    def add(self, table: str, row: dict[str, Any]) -> None:
        self.pending.setdefault(table, []).append([row.get(c) for c in self.cols(table)])

    def insert_one(self, table: str, row: dict[str, Any]) -> int:
        """Insert the row now (its id is needed for the children); unknown keys are dropped."""
        return sql.insert(self.store.db, table, {c: row[c] for c in self.cols(table) if c in row})

    def flush(self) -> None:
        for table, rows in self.pending.items():
            if not rows:
                continue
            cols = self.cols(table)
            self.store.db.conn.executemany(
                f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                rows,
            )
        self.pending.clear()


def _write_children(
    writer: _Writer, case_id: int, line: dict[str, Any], *, masked: bool, replace: bool
) -> None:
    store = writer.store
    keep: dict[tuple[Any, Any], dict[str, Any]] = {}
    if replace:
        if masked:
            for r in store.db.execute(
                "SELECT seq, name, id_number, phone, agent_phone, address FROM parties"
                " WHERE case_id = ?",
                [case_id],
            ):
                keep[(r[0], r[1])] = dict(zip(("seq", "name", *_MASKABLE), r, strict=True))
        for table in CHILD_TABLES:
            store.db.execute(f"DELETE FROM {table} WHERE case_id = ?", [case_id])
    groups: dict[str, Iterable[dict[str, Any]]] = {
        "parties": (_unmasked(p, keep) for p in line["parties"]) if keep else line["parties"],
        "escalations": line["escalations"],
        "terminations": line["terminations"],
        "extensions": line["extensions"],
    }
    for kind, rows in line["records"].items():
        if kind in _RECORD_TABLE:
            groups[_RECORD_TABLE[kind]] = rows
    for table, rows in groups.items():
        cols = set(writer.cols(table))
        for row in rows:
            writer.add(table, _with_defaults(table, {**row, "case_id": case_id}, cols))


_DEFAULT_TEXT = ""


def _with_defaults(table: str, row: dict[str, Any], cols: set[str]) -> dict[str, Any]:
    # NOT NULL text columns a sender of another version may lack default to '' (the schema's
    # own default), so executemany can pass a full row.
    return {c: row.get(c, _DEFAULTS.get(c, _DEFAULT_TEXT)) for c in cols}


#: Columns whose missing value is not '': yes/no items are 0 (sessions.onsite, issue 13).
_NUMBERS = {"onsite": 0}


#: Columns whose missing value is NULL rather than ''.
_NULLABLE = {
    "birth_date",
    "occurred_on",
    "age",
    "held_on",
    "amount_fen",
    "deadline",
    "visited_on",
    "received_on",
    "case_id",
}
#: What a column a sender of an earlier version lacks defaults to.
_DEFAULTS: dict[str, Any] = {c: None for c in _NULLABLE} | _NUMBERS


def _unmasked(
    party: dict[str, Any], local: dict[tuple[Any, Any], dict[str, Any]]
) -> dict[str, Any]:
    """A masked value never overwrites the full one this file holds for the same party."""
    old = local.get((party.get("seq"), party.get("name")))
    if old is None:
        return party
    out = dict(party)
    for key in _MASKABLE:
        new, full = str(out.get(key) or ""), str(old.get(key) or "")
        if "*" in new and full and "*" not in full and _fits(new, full):
            out[key] = full
    return out


def _fits(masked: str, full: str) -> bool:
    """Whether ``masked`` could be ``full`` with some characters hidden."""
    if len(masked) != len(full):
        return False
    return all(m == "*" or m == f for m, f in zip(masked, full, strict=True))


def _append_audit(
    store: Store, writer: _Writer, case_id: int, entries: list[dict[str, Any]], fresh: bool
) -> None:
    """Add the package's history entries this database does not hold yet."""
    have: set[tuple[Any, ...]] = set()
    if not fresh:
        have = {
            (r[0], r[1], r[2], r[3])
            for r in store.db.execute(
                "SELECT at, entity, action, detail FROM audit_log WHERE case_id = ?", [case_id]
            )
        }
    for e in entries:
        key = (e.get("at"), e.get("entity"), e.get("action"), e.get("detail"))
        if key not in have:
            have.add(key)
            writer.add(
                "audit_log",
                {
                    "at": e.get("at"),
                    "actor": e.get("actor") or "",
                    "case_id": case_id,
                    "entity": e.get("entity"),
                    "entity_id": None,
                    "action": e.get("action"),
                    "detail": e.get("detail") or "{}",
                },
            )


def _case_row(line: dict[str, Any], committee_id: str) -> dict[str, Any]:
    row = {k: v for k, v in line["case"].items() if k != "mediator_name"}
    row.update(
        committee_id=committee_id,
        # Only format 1 lines need it (conflicts told by content); lineage replaces it.
        source_hash="" if "lineage" in line else content_hash(line),
        mediator_id=None,
        lineage=json.dumps(line.get("lineage") or {}, sort_keys=True),
        origin_uuid=line.get("origin_uuid", ""),
        # -1 while the import writes the case: the change triggers stay quiet (see m0006).
        synced_revision=-1,
    )
    return row


def _finish(store: Store, case_id: int) -> None:
    """The import's writes count as one revision; local edits after it are detectable."""
    store.db.execute(
        "UPDATE cases SET revision = revision + 1, synced_revision = revision + 1,"
        " change_seq = (SELECT max(change_seq) FROM cases) + 1 WHERE id = ?",
        [case_id],
    )


def _keep_version(
    store: Store, case_id: int, payload: dict[str, Any], pkg: Package, applied: bool, note: str
) -> None:
    store.db.execute(
        "INSERT INTO case_versions (case_id, content_hash, updated_at, payload, package_sha256,"
        " applied, note, received_at, lineage) VALUES (?,?,?,?,?,?,?,?,?)",
        [
            case_id,
            content_hash(payload),
            payload["updated_at"],
            canonical(payload).decode("utf-8"),
            pkg.sha256,
            int(applied),
            note,
            store.timestamp(),
            json.dumps(payload.get("lineage") or {}, sort_keys=True),
        ],
    )


def _log_import(store: Store, case_id: int, pkg: Package, **detail: Any) -> None:
    audit.write(
        store.db,
        at=store.timestamp(),
        actor=store.actor,
        case_id=case_id,
        entity="case",
        entity_id=case_id,
        action="import",
        detail={"from": pkg.manifest["committee_name"], "package": pkg.sha256, **detail},
    )


def _handoff(
    store: Store, writer: _Writer, pkg: Package, line: dict[str, Any], report: ImportReport
) -> None:
    """Continue a case handed over from the level below: a new case of this committee (new
    number, new identity linked by ``origin_uuid``), open again at the level it was handed
    to, its whole history kept. The sender keeps its own case (已移交), so each committee's
    figures stay its own (docs/reports.md, 移交的纠纷)."""
    existing = store.db.execute(
        "SELECT case_no FROM cases WHERE committee_id = '' AND (origin_uuid = ? OR uuid = ?)",
        [line["uuid"], line["uuid"]],
    ).fetchone()
    if existing:
        report.unchanged.append(f"{line['case_no']}（已在本级继续办理，案号 {existing[0]}）")
        return
    settings = store.settings.committee()
    to_level = int(pkg.manifest.get("to_level") or line["case"]["level_now"])
    if to_level > settings.level:
        raise PackageError(
            f"导入包 {pkg.path.name} 是移交给第 {to_level} 级的案件，"
            f"本调委会是第 {settings.level} 级，"
            "不能在这里继续办理。整个包没有导入，数据库没有任何改动。"
        )
    row = _case_row(line, "")
    year = int(row["accepted_on"][:4])
    seq = store.db.execute(
        "SELECT coalesce(max(seq), 0) + 1 FROM cases WHERE year = ? AND committee_id = ''", [year]
    ).fetchone()[0]
    completed = json.loads(row["completed_steps"])
    spec = store.catalog.get(row["workflow_id"], row["workflow_version"])
    pending = [s.id for s in spec.steps if s.id not in completed]
    row.update(
        uuid=str(uuid.uuid4()),
        origin_uuid=line["uuid"],
        year=year,
        seq=seq,
        case_no=settings.case_no_format.format(year=year, abbr=settings.abbr or "人", seq=seq),
        status="在办",
        step_now=pending[0] if pending else DONE,
        closed_on=None,
        updated_at=store.timestamp(),
    )
    case_id = writer.insert_one("cases", row)
    _write_children(writer, case_id, line, masked=False, replace=False)
    _append_audit(store, writer, case_id, line["audit"], fresh=True)
    writer.flush()
    _log_import(store, case_id, pkg, original_case_no=line["case_no"], level=row["level_now"])
    _finish(store, case_id)
    store.reindex(case_id)
    report.added.append(f"{line['case_no']} → {row['case_no']}")


def _merge(
    store: Store, writer: _Writer, pkg: Package, line: dict[str, Any], report: ImportReport
) -> None:
    committee = pkg.committee_id
    found = store.db.execute(
        "SELECT id, committee_id, source_hash, updated_at, lineage, revision, synced_revision,"
        " case_no FROM cases WHERE uuid = ?",
        [line["uuid"]],
    ).fetchone()
    if found is None:
        case_id = writer.insert_one("cases", _case_row(line, committee))
        _write_children(writer, case_id, line, masked=pkg.masked, replace=False)
        _append_audit(store, writer, case_id, line["audit"], fresh=True)
        report.added.append(line["case_no"])
        writer.new.append(case_id)
        return
    case_id, owner, source_hash, updated_at, lineage, revision, synced, local_no = found
    if owner != committee:
        # Packages change only cases of the committee that signed them.
        _keep_version(store, case_id, line, pkg, False, "不属于发送的调委会，未应用")
        whose = "本调委会" if owner == "" else "其他调委会"
        report.refused.append(f"{line['case_no']}（是{whose}的案件 {local_no}）")
        return
    local_edits = revision > synced
    order: Order
    if "lineage" in line:
        order = compare(line["lineage"], json.loads(lineage or "{}"))
    else:  # format 1: no lineage, only the sender's clock to go by
        order = "newer" if line["updated_at"] > updated_at else "same"
    current = case_line(store, case_id)
    if order == "same" and content_hash(line) == content_hash(current):
        report.unchanged.append(line["case_no"])
        return
    if order in ("older", "same") and not (order == "same" and local_edits):
        _keep_version(store, case_id, line, pkg, False, "本库已有更新的版本，未应用")
        report.older.append(line["case_no"])
        return
    if (
        order == "concurrent"
        or local_edits
        or ("lineage" not in line and content_hash(current) != source_hash)
    ):
        _keep_version(store, case_id, line, pkg, False, "两边都修改过，冲突，未应用")
        report.conflicts.append(f"{line['case_no']}（两边都修改过，收到的版本已存入历史）")
        return
    _keep_version(
        store,
        case_id,
        {**current, "lineage": json.loads(lineage or "{}")},
        pkg,
        False,
        "被新版本替换",
    )
    row = _case_row(line, committee)
    store.db.execute("UPDATE cases SET synced_revision = -1 WHERE id = ?", [case_id])
    cols = [c for c in writer.cols("cases") if c in row and c not in ("uuid", "synced_revision")]
    store.db.execute(
        f"UPDATE cases SET {', '.join(f'{c} = ?' for c in cols)} WHERE id = ?",
        [*(row[c] for c in cols), case_id],
    )
    _write_children(writer, case_id, line, masked=pkg.masked, replace=True)
    _append_audit(store, writer, case_id, line["audit"], fresh=False)
    writer.flush()
    _log_import(store, case_id, pkg, update=True)
    _finish(store, case_id)
    store.reindex(case_id)
    report.updated.append(line["case_no"])


def _merge_entries(store: Store, pkg: Package) -> None:
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
            f"INSERT OR REPLACE INTO monthly_entries ({', '.join(cols)})"
            f" VALUES ({', '.join('?' * len(cols))})",
            [row[c] for c in cols],
        )


def _check_key(store: Store, pkg: Package, accept_new_key: bool, report: ImportReport) -> None:
    """The sender's key against the one pinned at its first import (SPEC §4)."""
    name = str(pkg.manifest["committee_name"])
    pinned = keys.pinned_key(store, pkg.committee_id)
    if not pkg.signed:
        if pinned:
            raise PackageError(
                f"导入包 {pkg.path.name} 是没有签名的旧格式包，而“{name}”以前寄来的包都有签名，"
                "不能确认是该调委会导出的。请让对方用新版程序重新导出。整个包没有导入，数据库没有任何改动。"
            )
        report.notes.append("（这是没有签名的旧格式包，请让对方升级程序后再导出。）")
        return
    same_name = store.db.execute(
        "SELECT committee_id FROM committee_keys WHERE committee_name = ? AND committee_id != ?",
        [name, pkg.committee_id],
    ).fetchone()
    if same_name:
        raise PackageError(
            f"导入包 {pkg.path.name} 自称“{name}”，但与以前收到的“{name}”不是同一个调委会"
            "（标识和密钥都不同），可能是伪造的。请打电话向该调委会核实。整个包没有导入，数据库没有任何改动。"
        )
    if pinned and pinned != pkg.public_key:
        if not accept_new_key:
            raise KeyChangedError(
                f"导入包 {pkg.path.name} 的签名密钥与以前收到的“{name}”的不同"
                f"（以前的指纹 {keys.fingerprint(pinned)}，"
                f"这次 {keys.fingerprint(pkg.public_key)}）。"
                "如果该调委会重装过电脑，请打电话核对新指纹后选择“接受新密钥”再导入；否则不要导入这个包。"
                "整个包没有导入，数据库没有任何改动。",
                pkg.committee_id,
                name,
                pinned,
                pkg.public_key,
            )
        report.notes.append(
            f"（已按您的确认接受“{name}”的新密钥，指纹 {keys.fingerprint(pkg.public_key)}。）"
        )
    keys.pin_key(store, pkg.committee_id, name, pkg.public_key)


class KeyChangedError(PackageError):
    """A committee's package signed with a key other than the pinned one. Carries what a
    window needs to ask the clerk whether to accept the new key."""

    def __init__(
        self, message: str, committee_id: str, name: str, old_key: str, new_key: str
    ) -> None:
        super().__init__(message)
        self.committee_id = committee_id
        self.committee_name = name
        self.old_fingerprint = keys.fingerprint(old_key)
        self.new_fingerprint = keys.fingerprint(new_key)


def _clock_note(store: Store, pkg: Package) -> str:
    """A sentence when this package says it was made before an earlier package of the same
    committee: the sender's clock went backwards. Versions are ordered by lineage, so nothing
    is decided by it; the clerk is told so the sender corrects the clock."""
    created = str(pkg.manifest.get("created_at") or "")
    key = f"exchange.created.{pkg.committee_id}"
    row = store.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    prior = str(json.loads(row[0])) if row else ""
    note = ""
    if prior and created and created < prior:
        note = (
            f"（注意：这个包的导出时间 {created.replace('T', ' ')[:16]} 早于该调委会以前的包"
            f"（{prior.replace('T', ' ')[:16]}），对方电脑时钟可能被调回过；"
            "案件按修改序号合并，不受影响。请提醒对方核对电脑日期。）"
        )
    if created > prior:
        store.db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, json.dumps(created)],
        )
    return note


def _apply(store: Store, pkg: Package, accept_new_key: bool) -> ImportReport:
    m = pkg.manifest
    report = ImportReport(
        pkg.path.name, str(m["committee_name"]), pkg.kind, period=str(m.get("period", ""))
    )
    if store.db.execute("SELECT 1 FROM imports WHERE package_sha256 = ?", [pkg.sha256]).fetchone():
        report.already_imported = True
        return report
    own = store.settings.committee().committee_id
    if pkg.committee_id == own:
        raise PackageError(f"导入包 {pkg.path.name} 是本调委会自己导出的，不能导入回本数据库。")
    _check_key(store, pkg, accept_new_key, report)
    clock = _clock_note(store, pkg)
    if clock:
        report.notes.append(clock)
    writer = _Writer(store)
    with store.bulk():
        for n, line in enumerate(pkg.iter_cases(), start=1):
            (_handoff if pkg.kind == "handoff" else _merge)(store, writer, pkg, line, report)
            if n % 500 == 0:
                _flush_new(store, writer, pkg)
        _flush_new(store, writer, pkg)
        if pkg.kind == "period":
            _merge_entries(store, pkg)
        store.db.execute(
            "INSERT INTO imports (package_sha256, kind, committee_id, committee_name, period,"
            " cases, report, imported_at) VALUES (?,?,?,?,?,?,?,?)",
            [
                pkg.sha256,
                pkg.kind,
                pkg.committee_id,
                m["committee_name"],
                str(m.get("period", "")),
                pkg.case_count,
                report.summary(),
                store.timestamp(),
            ],
        )
    return report


def _flush_new(store: Store, writer: _Writer, pkg: Package) -> None:
    """Write the gathered rows of newly added cases, then their audit entry and revision."""
    new, writer.new = writer.new, []
    writer.flush()
    if not new:
        return
    at = store.timestamp()
    detail = json.dumps(
        {"from": pkg.manifest["committee_name"], "package": pkg.sha256}, ensure_ascii=False
    )
    store.db.conn.executemany(
        "INSERT INTO audit_log (at, actor, case_id, entity, entity_id, action, detail)"
        " VALUES (?, ?, ?, 'case', ?, 'import', ?)",
        [(at, store.actor, cid, cid, detail) for cid in new],
    )
    top = store.db.execute("SELECT max(change_seq) FROM cases").fetchone()[0] or 0
    store.db.conn.executemany(
        "UPDATE cases SET revision = 1, synced_revision = 1, change_seq = ? WHERE id = ?",
        [(top + i, cid) for i, cid in enumerate(new, start=1)],
    )
    index_new_cases(store.db, new)


class _DryRun(Exception):
    """Raised inside the transaction to roll back a rehearsal."""


def preview(store: Store, paths: list[Path], *, accept_new_key: bool = False) -> list[str]:
    """What importing would do, without keeping anything: the import is rehearsed inside a
    transaction that is then rolled back, so the counts are exactly what 导入 will do."""
    reports: list[ImportReport] = []
    try:
        with store.bulk():
            reports = import_packages(store, paths, accept_new_key=accept_new_key)
            raise _DryRun
    except _DryRun:
        pass
    out = []
    for r in reports:
        if r.already_imported:
            out.append(f"{r.package}：以前已经导入过，导入时不会有任何改动。")
            continue
        text = (
            f"{r.package}：{r.committee}，{r.period}，{r.total} 件案件"
            f"——将新增 {len(r.added)} 件，更新 {len(r.updated)} 件，未变 {len(r.unchanged)} 件"
        )
        if r.older:
            text += f"，已有更新版本 {len(r.older)} 件"
        if r.conflicts:
            text += f"，冲突 {len(r.conflicts)} 件（收到的版本只存入历史，不覆盖本库）"
        if r.refused:
            text += f"，不属于发送方的 {len(r.refused)} 件不会改动"
        out.append(text + "。" + "".join(r.notes))
    return out


def _already(store: Store, path: Path) -> str | None:
    """The package's SHA-256 if this file imported exactly these bytes before (hashed in
    chunks: a large file is never held in memory)."""
    h = hashlib.sha256()
    try:
        with Path(path).open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
    except OSError:
        return None
    digest = h.hexdigest()
    if store.db.execute("SELECT 1 FROM imports WHERE package_sha256 = ?", [digest]).fetchone():
        return digest
    return None


def import_packages(
    store: Store, paths: list[Path], *, accept_new_key: bool = False
) -> list[ImportReport]:
    """Verify every package first (one bad package stops all before any write), then import
    them all in one transaction: a failure half-way leaves the database as it was.
    ``accept_new_key``: the clerk confirmed a committee's new key (a reinstalled laptop).
    Raises PackageError (KeyChangedError for a changed key) with one Chinese sentence."""
    reports: list[ImportReport] = []
    packages: list[Package | ImportReport] = []
    for p in paths:
        if _already(store, Path(p)):
            # Exactly these bytes were verified and imported before: nothing to check again.
            packages.append(ImportReport(Path(p).name, "", "", already_imported=True))
        else:
            packages.append(verify_package(Path(p)))
    current: Package | None = None
    try:
        with store.bulk():
            for item in packages:
                if isinstance(item, ImportReport):
                    reports.append(item)
                    continue
                current = item
                reports.append(_apply(store, item, accept_new_key))
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
