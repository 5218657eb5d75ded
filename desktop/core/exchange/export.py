"""Writing export packages: the cases changed in a period (incremental since the last export by
default), or one case handed to the next level, with their whole history, the 台账 and the
月报. Written atomically; the time of the last export is remembered."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from desktop import __version__
from desktop.core.errors import ValidationError
from desktop.core.exchange.fmt import (
    CASES,
    ENTRIES,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    SIGNATURE,
    canonical,
    sha256,
)
from desktop.core.exchange.keys import public_key_text, sign
from desktop.core.exchange.masking import mask_line
from desktop.core.exchange.packing import write_lines
from desktop.core.exchange.period import (
    LAST_EXPORT_KEY,
    LAST_SEQ_KEY,
    SENT_KEY,
    clock_warning,
    select_cases,
    sent_packages,
)
from desktop.core.exchange.recorded import last_resort, package_undone_unless_recorded
from desktop.core.exchange.schema import problem
from desktop.core.fsutil import atomic_write_bytes, zip_dates_clamped
from desktop.core.store import audit
from desktop.core.store.codec import RECORD_TABLES

if TYPE_CHECKING:
    from desktop.core.store.store import Store

#: Columns that are this file's own bookkeeping, not the case's content.
_CASE_COLUMNS_SKIP = (
    "id",
    "mediator_id",
    "source_hash",
    "committee_id",
    "revision",
    "change_seq",
    "synced_revision",
    "lineage",
    "origin_uuid",
)
_BATCH = 500


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    cases: int
    members: tuple[str, ...]
    period: str
    #: A sentence when the computer's clock is earlier than at the last export (or than the
    #: newest change): the package is still complete, but the clock should be corrected.
    clock_warning: str = ""
    masked: bool = False
    #: The package's number at this committee (packages chosen by change sequence), or None.
    package_no: int | None = None


def _rows(store: Store, sql: str, params: Sequence[Any]) -> list[dict[str, Any]]:
    # Straight from the cursor: sqlite-utils' query() re-parses every statement, which was half
    # the cost of exporting 10,000 cases.
    cursor = store.db.conn.execute(sql, list(params))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _grouped(store: Store, table: str, ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
    marks = ",".join("?" * len(ids))
    out: dict[int, list[dict[str, Any]]] = {}
    for r in _rows(
        store, f"SELECT * FROM {table} WHERE case_id IN ({marks}) ORDER BY case_id, id", ids
    ):
        case_id = r.pop("case_id")
        r.pop("id", None)
        out.setdefault(case_id, []).append(r)
    return out


def lineage_of(own_committee: str, case: dict[str, Any]) -> dict[str, int]:
    """The case's version vector {committee_id: revision}: what it received from other
    committees plus, for this file's own cases, this committee's revision."""
    vector: dict[str, int] = json.loads(case.get("lineage") or "{}")
    if case.get("committee_id", "") == "" and own_committee:
        vector[own_committee] = int(case["revision"])
    return vector


def case_lines(
    store: Store, case_ids: Sequence[int], *, masked: bool = False
) -> Iterator[dict[str, Any]]:
    """The cases with everything that belongs to them, by stable identity (UUID), not local
    ids, in the order given; read in batches of 500 cases (a handful of queries per batch)."""
    own = store.settings.committee().committee_id
    mediators = dict(store.db.execute("SELECT id, name FROM mediators").fetchall())
    for start in range(0, len(case_ids), _BATCH):
        chunk = list(case_ids[start : start + _BATCH])
        marks = ",".join("?" * len(chunk))
        cases = {
            r["id"]: r for r in _rows(store, f"SELECT * FROM cases WHERE id IN ({marks})", chunk)
        }
        children = {t: _grouped(store, t, chunk) for t in _CHILDREN}
        # A received case's history: what it brought first (received_audit), then this file's.
        received = audit.received(store.db, chunk)
        for cid, entries in received.items():
            children["audit_log"][cid] = entries + children["audit_log"].get(cid, [])
        for cid in chunk:
            case = cases[cid]
            body = {k: v for k, v in case.items() if k not in _CASE_COLUMNS_SKIP}
            body["mediator_name"] = mediators.get(case["mediator_id"], "")
            parties = children["parties"].get(cid, [])
            line = {
                "uuid": case["uuid"],
                "case_no": case["case_no"],
                "updated_at": case["updated_at"],
                "revision": int(case["revision"]),
                "lineage": lineage_of(own, case),
                "origin_uuid": case["origin_uuid"],
                "case": body,
                "parties": parties,
                "records": {
                    kind: children[table].get(cid, []) for kind, table in RECORD_TABLES.items()
                },
                "escalations": children["escalations"].get(cid, []),
                "terminations": children["terminations"].get(cid, []),
                "extensions": children["extensions"].get(cid, []),
                "audit": children["audit_log"].get(cid, []),
            }
            yield mask_line(line) if masked else line


_CHILDREN = (
    "parties",
    *RECORD_TABLES.values(),
    "escalations",
    "terminations",
    "extensions",
    "audit_log",
)


def case_line(store: Store, case_id: int) -> dict[str, Any]:
    """One case with everything that belongs to it (see :func:`case_lines`)."""
    return next(case_lines(store, [case_id]))


def _checked(line: dict[str, Any]) -> dict[str, Any]:
    """The line, if the receiver's schema accepts it (resources/exchange/case-line.schema.json);
    a value it would refuse (written into the file by hand or by an old version) stops the
    export here, where it can be corrected, instead of the whole package at the township."""
    found = problem("case-line", line)
    if found is not None:
        raise ValidationError(
            f"导出没有完成：案件 {line['case_no']} 的{found}，对方将无法导入。"
            "请打开这件案件改正这一项（或请技术人员检查数据库）后再导出；本次没有写出任何文件。"
        )
    return line


def _entries(store: Store, committee_id: str) -> list[dict[str, Any]]:
    """This committee's monthly 排查/预防 figures, which do not come from cases."""
    rows = _rows(
        store,
        "SELECT * FROM monthly_entries WHERE committee_id IN ('', ?) ORDER BY month",
        [committee_id],
    )
    return [{k: v for k, v in r.items() if k != "committee_id"} for r in rows]


def write_package(
    store: Store,
    path: Path,
    case_ids: list[int],
    *,
    kind: str,
    period: str,
    extras: dict[str, bytes] | None = None,
    masked: bool | None = None,
    to_level: int | None = None,
    sequence: tuple[int, int, int] | None = None,
) -> ExportResult:
    """Write a signed package (format 3, docs/exchange-format.md) atomically. ``masked``
    defaults to the committee's setting (issue 12 point 5). ``sequence`` (package number,
    since_seq, change_seq): the package carries every change of this committee in that range,
    so the receiver can tell a missed package. Every line is checked against the
    same schema the receiver checks: raises ValidationError naming the case and the field
    when one would be refused there (nothing is written then)."""
    committee = store.settings.committee()
    if masked is None:
        masked = committee.exchange_masked
    buffer = io.BytesIO()
    # Level 1: the text still shrinks about 8:1 and writing is several times faster.
    with (
        zip_dates_clamped(),
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf,
    ):
        # Key order as the tables give it (deterministic); nothing reads lines by their
        # bytes (hashes of content are recomputed). orjson writes UTF-8 without escapes.
        # Compressed in a second thread as they are made (packing.py).
        lines = (
            orjson.dumps(_checked(line)) for line in case_lines(store, case_ids, masked=masked)
        )
        count, listed = write_lines(zf, CASES, lines)
        members: dict[str, bytes] = {ENTRIES: canonical(_entries(store, committee.committee_id))}
        members.update(extras or {})
        manifest: dict[str, Any] = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "app_version": __version__,
            "kind": kind,
            "committee_id": committee.committee_id,
            "committee_name": committee.name,
            "committee_region": committee.region,
            "committee_level": committee.level,
            "period": period,
            "created_at": store.timestamp(),
            # The order the sender made its packages in, whatever its clock said (trust.py).
            "change_seq": store.db.execute(
                "SELECT coalesce(max(change_seq), 0) FROM cases"
            ).fetchone()[0],
            "masked": bool(masked),
            "public_key": public_key_text(store),
            "counts": {"cases": count},
            "members": {
                CASES: listed,
                **{
                    name: {"sha256": sha256(data), "size": len(data)}
                    for name, data in members.items()
                },
            },
        }
        if to_level is not None:
            manifest["to_level"] = to_level
        if sequence is not None:
            manifest["package_no"], manifest["since_seq"], manifest["change_seq"] = sequence
        manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8")
        zf.writestr(MANIFEST, manifest_bytes)
        zf.writestr(SIGNATURE, sign(store, manifest_bytes))
        for name, data in members.items():
            zf.writestr(name, data)
    atomic_write_bytes(Path(path), buffer.getvalue())
    return ExportResult(
        Path(path),
        count,
        (CASES, *members),
        period,
        masked=bool(masked),
        package_no=sequence[0] if sequence else None,
    )


@last_resort
def export_period(
    store: Store,
    path: Path,
    *,
    since: str | date | None = None,
    month: str | None = None,
    include_reports: bool = True,
    masked: bool | None = None,
    since_package: int | None = None,
    everything: bool = False,
) -> ExportResult:
    """Export the cases changed since the last export (default: by change sequence, never by
    the clock), since a date, or in ``month``; or again every change since the start of
    package ``since_package`` (the level above missed one), or ``everything`` (every case).
    ``masked`` overrides the committee's setting (ID numbers, phones, addresses masked).
    Packages chosen by change sequence are numbered and remember how far they reached (the
    next default export starts there); a month or a date moves nothing. Raises
    ValidationError for two ranges at once or a package number this file has no record of."""
    if sum((since is not None, month is not None, since_package is not None, everything)) > 1:
        raise ValidationError("请只选择一种导出范围：起始日期、月份、从第几个包起或全部案件。")
    warning = clock_warning(store)
    reached = store.db.execute("SELECT coalesce(max(change_seq), 0) FROM cases").fetchone()[0]
    started = store.timestamp()
    chosen = select_cases(
        store,
        since=str(since) if since else None,
        month=month,
        since_package=since_package,
        everything=everything,
    )
    if masked is None:
        masked = store.settings.committee().exchange_masked
    extras: dict[str, bytes] = {}
    if include_reports:
        extras.update(_reports(store, chosen.ids, month, masked))
    sequence = None
    if chosen.since_seq is not None and chosen.package_no is not None:
        sequence = (chosen.package_no, chosen.since_seq, reached)
    with package_undone_unless_recorded(store, Path(path)):
        result = write_package(
            store,
            path,
            chosen.ids,
            kind="period",
            period=chosen.period,
            extras=extras,
            masked=masked,
            sequence=sequence,
        )
        if sequence is not None:
            sent = [
                *sent_packages(store),
                {"no": sequence[0], "since": sequence[1], "to": reached, "at": started},
            ]
            with store.db.atomic():
                for key, value in (
                    (LAST_EXPORT_KEY, started),
                    (LAST_SEQ_KEY, reached),
                    (SENT_KEY, sent),
                ):
                    store.db.execute(
                        "INSERT INTO settings (key, value) VALUES (?, ?)"
                        " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                        [key, json.dumps(value)],
                    )
    return replace(result, clock_warning=warning)


def _reports(store: Store, ids: list[int], month: str | None, masked: bool) -> dict[str, bytes]:
    """The 台账 of the exported cases and, for a month, that month's 月报 (as Excel)."""
    import tempfile

    from desktop.core.reports import write_monthly, write_register_xlsx

    out: dict[str, bytes] = {}
    with tempfile.TemporaryDirectory() as tmp:
        register = Path(tmp) / "register.xlsx"
        write_register_xlsx(store, register, cases=ids, mask=masked)
        out["台账.xlsx"] = register.read_bytes()
        if month:
            monthly = Path(tmp) / "monthly.xlsx"
            # record=False: this copy goes into the package and is deleted here; it must not
            # count as the month's report having been made.
            write_monthly(store, month, "xlsx", monthly, record=False)
            out[f"月报-{month}.xlsx"] = monthly.read_bytes()
    return out


@last_resort
def export_handoff(
    store: Store, path: Path, case_no: str, reason: str = "", *, committee: str | None = None
) -> ExportResult:
    """One case for the next level. The case is marked 已移交 here (escalated one level above
    this committee) if it is not already. Raises ValidationError for a closed case, or when
    the case number is held by several committees and ``committee`` does not say which."""
    case = store.cases.find_by_no(case_no, committee=committee)
    own = store.db.execute("SELECT committee_id FROM cases WHERE id = ?", [case.id]).fetchone()[0]
    if own != "":
        raise ValidationError(
            f"案件 {case_no} 是从其他调委会导入的，只能由该调委会移交；本库只移交自己的案件。"
        )
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
    return write_package(
        store,
        path,
        [case.id],
        kind="handoff",
        period=case.case_no,
        to_level=case.level_now,
        # The level above continues the mediation and must reach the parties: a hand-off
        # always carries full ID numbers, phones and addresses.
        masked=False,
    )
