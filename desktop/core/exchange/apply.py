"""Applying one received case line, and the committee's monthly figures.

Versions are ordered by lineage, never by the clock: each case line carries its version
vector {committee_id: revision}. A version that contains what this file holds replaces it (the
old one is kept in ``case_versions``); one this file already contains is older and only kept
in history; when both sides changed since what they share (concurrent vectors, or local edits
meeting a newer version) it is a conflict and both are kept. A package changes only cases of
the committee that signed it; a hand-off continues the case here as a new case of this
committee, linked to the original by ``origin_uuid``."""

from __future__ import annotations

import json
import uuid
from typing import TYPE_CHECKING, Any

from desktop.core.exchange.export import case_line
from desktop.core.exchange.fmt import content_hash
from desktop.core.exchange.history import append_audit
from desktop.core.exchange.lineage import Order, compare
from desktop.core.exchange.reading import with_history
from desktop.core.exchange.report import ImportReport
from desktop.core.exchange.rows import (
    Writer,
    case_row,
    finish,
    keep_version,
    log_import,
    write_children,
)
from desktop.core.exchange.verify import Package, PackageError
from desktop.core.models import DONE

if TYPE_CHECKING:
    from desktop.core.exchange.prepared import Prepared
    from desktop.core.store.store import Store


def handoff(
    store: Store, writer: Writer, pkg: Package, line: dict[str, Any], report: ImportReport
) -> None:
    """Continue a case handed over from the level below: a new case of this committee (new
    number, new identity linked by ``origin_uuid``), open again at the level it was handed
    to, its whole history kept. The sender keeps its own case (已移交), so each committee's
    figures stay its own (docs/reports.md, 移交的纠纷). Raises PackageError when the case
    was handed to another level than this committee's (above: it cannot act; below: the
    committee it was handed to continues it, and its packages bring it here)."""
    existing = store.db.execute(
        "SELECT case_no FROM cases WHERE committee_id = '' AND (origin_uuid = ? OR uuid = ?)",
        [line["uuid"], line["uuid"]],
    ).fetchone()
    if existing:
        report.unchanged.append(f"{line['case_no']}（已在本级继续办理，案号 {existing[0]}）")
        return
    settings = store.settings.committee()
    to_level = int(pkg.manifest.get("to_level") or line["case"]["level_now"])
    if to_level != settings.level:
        # Handed to another level: continued here as well, the same dispute would be counted
        # twice wherever both continuations meet (the county, with the township's packages).
        spec = store.catalog.latest()
        where = (
            "不能在这里继续办理"
            if to_level > settings.level
            else f"应由{spec.level_label(to_level)}的调委会导入继续办理"
            "（这件案件会随它的报送包报到本调委会）"
        )
        raise PackageError(
            f"导入包 {pkg.path.name} 是移交给{spec.level_label(to_level)}的案件，"
            f"本调委会在{spec.level_label(settings.level)}，{where}。"
            "整个包没有导入，数据库没有任何改动。"
        )
    row = case_row(line, "")
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
    write_children(writer, case_id, line, masked=False, replace=False)
    append_audit(store, writer, case_id, line["audit"], fresh=True)
    writer.flush()
    log_import(store, case_id, pkg, original_case_no=line["case_no"], level=row["level_now"])
    finish(store, case_id)
    store.reindex(case_id)
    report.added.append(f"{line['case_no']} → {row['case_no']}")


def _owner_name(store: Store, committee_id: str) -> str:
    if committee_id == "":
        return "本调委会"
    row = store.db.execute(
        "SELECT committee_name FROM committee_keys WHERE committee_id = ?", [committee_id]
    ).fetchone()
    if row is None:
        row = store.db.execute(
            "SELECT committee_name FROM imports WHERE committee_id = ? ORDER BY rowid DESC",
            [committee_id],
        ).fetchone()
    return f"“{row[0]}”" if row else "另一个调委会"


#: What merge_line needs of this file's case with the line's uuid.
FOUND_COLUMNS = (
    "id, committee_id, source_hash, updated_at, lineage, revision, synced_revision, case_no"
)
Found = tuple[int, str, str, str, str, int, int, str]

_UNSET: Any = object()


def _forked(line: dict[str, Any], current: dict[str, Any]) -> bool:
    """Two versions of one revision that differ in more than masking (a masked package of the
    same revision as a full one is the same version). The masked fields themselves are left
    out: masking a masked phone again hides more digits, so they never compare equal."""
    from desktop.core.exchange.masking import mask_line
    from desktop.core.exchange.rows import MASKABLE

    def core(version: dict[str, Any]) -> str:
        masked = mask_line(version)
        masked["parties"] = [
            {k: v for k, v in party.items() if k not in MASKABLE} for party in masked["parties"]
        ]
        return content_hash(masked)

    return core(line) != core(current)


def _number_taken(store: Store, writer: Writer, committee: str, line: dict[str, Any]) -> int | None:
    """The id of this file's other case of the sending committee holding the new line's number
    (cases are unique by committee and number): the sender restored an old backup and gave a
    number it had already sent to another dispute. Asked case by case only when this file held
    cases of that committee before (one query per package otherwise: a first import pays
    nothing)."""
    if writer.committee_here is None:
        writer.committee_here = (
            store.db.execute(
                "SELECT 1 FROM cases WHERE committee_id = ? LIMIT 1", [committee]
            ).fetchone()
            is not None
        )
    if not writer.committee_here:
        return None
    case = line["case"]
    row = store.db.execute(
        "SELECT id FROM cases WHERE committee_id = ? AND (case_no = ? OR (year = ? AND seq = ?))",
        [committee, line["case_no"], case.get("year"), case.get("seq")],
    ).fetchone()
    return int(row[0]) if row else None


def merge_line(
    store: Store,
    writer: Writer,
    pkg: Package,
    line: dict[str, Any],
    report: ImportReport,
    found: Found | None = _UNSET,
    prepared: Prepared | None = None,
) -> None:
    """Add, update, keep as older, keep as a conflict, or refuse (another committee's case)
    one case line of a period package. ``found``: this file's case with the line's uuid
    (FOUND_COLUMNS) or None, when the caller looked it up already; ``prepared``: what the reader
    built of the line (prepared.py): its search texts as a new case's and its history's text
    (the line then comes without its history)."""
    committee = pkg.committee_id
    if found is _UNSET:
        found = store.db.execute(
            f"SELECT {FOUND_COLUMNS} FROM cases WHERE uuid = ?", [line["uuid"]]
        ).fetchone()
    if found is None:
        clash = _number_taken(store, writer, committee, line)
        if clash is not None:
            line = with_history(line, prepared)
            keep_version(store, clash, line, pkg, False, "与本库该调委会的另一件案件同号，未应用")
            report.conflicts.append(
                f"{line['case_no']}（与本库已有的该调委会另一件案件同号，对方可能从旧的备份恢复后"
                "重新登记了案件；收到的这件已存入历史，未计入统计，请与该调委会核对）"
            )
            return
        case_id = writer.add_case(case_row(line, committee))
        write_children(writer, case_id, line, masked=pkg.masked, replace=False)
        if prepared is None:
            append_audit(store, writer, case_id, line["audit"], fresh=True)
        else:
            search, distinct, text = prepared
            append_audit(store, writer, case_id, None, fresh=True, distinct=distinct, text=text)
            if search is not None:
                writer.built[case_id] = search
        report.added.append(line["case_no"])
        writer.new.append(case_id)
        return
    line = with_history(line, prepared)
    case_id, owner, source_hash, updated_at, lineage, revision, synced, local_no = found
    if owner != committee:
        # Packages change only cases of the committee that signed them.
        keep_version(store, case_id, line, pkg, False, "不属于发送的调委会，未应用")
        same_no = "" if local_no == line["case_no"] else f"，本库案号 {local_no}"
        report.refused.append(f"{line['case_no']}（是{_owner_name(store, owner)}的案件{same_no}）")
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
    if order == "same" and "lineage" in line and not local_edits and _forked(line, current):
        # The same revision with other content: the sender's file went back (restored from an
        # old backup) and was edited again. Neither version contains the other: a conflict,
        # never "already have a newer one" (the sender's new work would vanish unnoticed).
        keep_version(store, case_id, line, pkg, False, "版本号相同而内容不同，冲突，未应用")
        report.conflicts.append(
            f"{line['case_no']}（与本库的版本号相同而内容不同，对方可能恢复过旧的备份；"
            "收到的版本已存入历史）"
        )
        return
    if order in ("older", "same") and not (order == "same" and local_edits):
        keep_version(store, case_id, line, pkg, False, "本库已有更新的版本，未应用")
        report.older.append(line["case_no"])
        return
    if (
        order == "concurrent"
        or local_edits
        or ("lineage" not in line and content_hash(current) != source_hash)
    ):
        keep_version(store, case_id, line, pkg, False, "两边都修改过，冲突，未应用")
        report.conflicts.append(f"{line['case_no']}（两边都修改过，收到的版本已存入历史）")
        return
    keep_version(
        store,
        case_id,
        {**current, "lineage": json.loads(lineage or "{}")},
        pkg,
        False,
        "被新版本替换",
    )
    row = case_row(line, committee)
    store.db.execute("UPDATE cases SET synced_revision = -1 WHERE id = ?", [case_id])
    cols = [c for c in writer.cols("cases") if c in row and c not in ("uuid", "synced_revision")]
    store.db.execute(
        f"UPDATE cases SET {', '.join(f'{c} = ?' for c in cols)} WHERE id = ?",
        [*(row[c] for c in cols), case_id],
    )
    write_children(writer, case_id, line, masked=pkg.masked, replace=True)
    append_audit(store, writer, case_id, line["audit"], fresh=False)
    writer.flush()
    log_import(store, case_id, pkg, update=True)
    finish(store, case_id)
    store.reindex(case_id)
    report.updated.append(line["case_no"])


def merge_entries(store: Store, pkg: Package) -> None:
    """The committee's 排查/预防 figures: per month, the entry with the higher revision (every
    save advances it, m0012) replaces the other, whatever either clock said; the time only
    breaks a tie between entries saved before revisions existed (revision 0 or equal)."""
    for e in pkg.entries:
        incoming = (int(e.get("revision") or 0), str(e["updated_at"]))
        old = store.db.execute(
            "SELECT revision, updated_at FROM monthly_entries WHERE committee_id = ? AND month = ?",
            [pkg.committee_id, e["month"]],
        ).fetchone()
        if old is not None and (int(old[0]), str(old[1])) >= incoming:
            continue
        row = {
            **{k: e.get(k, "") for k in ("narrative", "filler", "reviewer")},
            **{
                k: e[k]
                for k in ("month", "screenings", "disputes_found", "prevented", "updated_at")
            },
            "revision": incoming[0],
            "committee_id": pkg.committee_id,
        }
        cols = list(row)
        store.db.execute(
            f"INSERT OR REPLACE INTO monthly_entries ({', '.join(cols)})"
            f" VALUES ({', '.join('?' * len(cols))})",
            [row[c] for c in cols],
        )
