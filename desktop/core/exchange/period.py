"""Which cases a period export takes, and how its period reads: by default every case changed
since the last export by the file's change sequence (never by the clock), or the cases of a
month or since a date; again everything since a package the level above says it is missing,
or every case; and a sentence when this computer's clock is behind what it recorded.

A package chosen by change sequence (default, since a package, every case) carries a range:
every change of this committee after ``since_seq`` up to ``change_seq``, and a number
(``package_no``), so the receiver notices a package that never arrived (coverage.py)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from desktop.core.errors import ValidationError
from desktop.core.store import audit

if TYPE_CHECKING:
    from desktop.core.store.store import Store

LAST_EXPORT_KEY = "exchange.last_export"
#: The change sequence (``cases.change_seq``) the last export reached: the next default export
#: takes every case changed after it, whatever the clock said.
LAST_SEQ_KEY = "exchange.last_export_seq"
#: Every numbered package this file exported: ``[{"no", "since", "to", "at"}, ...]`` (change
#: sequences and the export time), so ``--since-package N`` can send again what package N and
#: every later one carried.
SENT_KEY = "exchange.sent"


@dataclass(frozen=True, slots=True)
class Selection:
    """The cases a period export takes. ``since_seq`` is set when the package carries every
    change of this committee after it (chosen by change sequence); None for a month or a date,
    which carry no range and do not move the position of the next default export."""

    ids: list[int]
    period: str
    since_seq: int | None = None
    package_no: int | None = None


def _month_bounds(month: str) -> tuple[str, str]:
    from desktop.core.store.case_listing import month_range

    return month_range(month)


def _setting(store: Store, key: str) -> Any:
    row = store.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return json.loads(row[0]) if row else None


def sent_packages(store: Store) -> list[dict[str, Any]]:
    """The numbered packages this file exported, oldest first: ``{"no", "since", "to", "at"}``."""
    value = _setting(store, SENT_KEY)
    return list(value) if isinstance(value, list) else []


def _since_package(store: Store, number: int) -> int:
    """The change sequence package ``number`` started after. Raises ValidationError when this
    file has no record of that package (never exported, or exported by an older version)."""
    sent = sent_packages(store)
    found = next((p for p in sent if int(p.get("no", 0)) == number), None)
    if found is not None:
        return int(found["since"])
    if not sent or number > int(sent[-1]["no"]):
        last = f"最近导出的是第 {sent[-1]['no']} 个" if sent else "本机还没有导出过带序号的报送包"
        raise ValidationError(
            f"本机没有导出过第 {number} 个报送包（{last}）；请核对上级说的包号，"
            "或选“全部案件”导出一个完整的包（命令行 wusong export --all）。"
        )
    raise ValidationError(
        f"本机没有第 {number} 个报送包的记录（记录从第 {sent[0]['no']} 个开始）；"
        "请选“全部案件”导出一个完整的包（命令行 wusong export --all）。"
    )


def _own_changed_after(store: Store, seq: int) -> list[int]:
    return [
        r[0]
        for r in store.db.execute(
            "SELECT id FROM cases WHERE committee_id = '' AND change_seq > ? ORDER BY id", [seq]
        )
    ]


def select_cases(
    store: Store,
    *,
    since: str | None = None,
    month: str | None = None,
    since_package: int | None = None,
    everything: bool = False,
) -> Selection:
    """This committee's cases for a period export, the period's description and its range.

    Default (nothing given): every case whose change sequence moved since the last export —
    any change to the case or anything of it, whatever the computer's clock said. ``month``:
    the cases accepted, changed or with any recorded activity (audit log) in that month.
    ``since``: the same from a date on. ``since_package``: every case changed after what
    package N started from (the level above missed a package: N and every later one are sent
    again in one). ``everything``: every case of this committee. Raises ValidationError for a
    package number this file has no record of, and for a month or a date after this
    computer's today."""
    now = store.timestamp().replace("T", " ")[:16]
    # A period after this computer's "now" (a mistyped year, or a clock behind the calendar)
    # holds nothing and would print running backwards (2027-01-01 至 2026-11-30): refused.
    if (month and month > now[:7]) or (since and since[:10] > now[:10]):
        asked = f"月份 {month}" if month else f"起始日期 {str(since)[:10]}"
        raise ValidationError(
            f"{asked} 在电脑上的今天（{now[:10]}）之后，没有可导出的变动：请核对年份和月份；"
            "如果电脑日期不对，请先在电脑右下角改对，再导出。"
        )
    if month:
        start, end = _month_bounds(month)
        return Selection(_changed_between(store, start, end), month)
    if since:
        return Selection(
            _changed_between(store, since, "9999"), f"{since.replace('T', ' ')[:16]} 至 {now}"
        )
    sent = sent_packages(store)
    number = int(sent[-1]["no"]) + 1 if sent else 1
    reached = store.db.execute("SELECT coalesce(max(change_seq), 0) FROM cases").fetchone()[0]
    if everything:
        text = f"第 {number} 个包：全部案件，截至 {now}"
        return Selection(_own_changed_after(store, 0), text, 0, number)
    if since_package is not None:
        start_seq = _since_package(store, since_package)
        text = f"第 {number} 个包：第 {since_package} 个包起的全部变动（重新导出），截至 {now}"
        return Selection(_own_changed_after(store, start_seq), text, start_seq, number)
    last_seq = int(_setting(store, LAST_SEQ_KEY) or 0)
    text = _period_text(
        _setting(store, LAST_EXPORT_KEY) or "", store.timestamp(), last_seq, reached
    )
    return Selection(
        _own_changed_after(store, last_seq), f"第 {number} 个包：{text}", last_seq, number
    )


def _period_text(last_at: str, now: str, last_seq: int, reached: int) -> str:
    """The period of a default export, read by people on paper and in the import preview.
    It never runs backwards: the clock times are printed only when they are in order;
    otherwise the period is told by the change sequence and the clock named as wrong."""
    shown_now = now.replace("T", " ")[:16]  # minutes, no ISO "T"
    if not last_at:
        return f"最早的案件 至 {shown_now}"
    if now < last_at:
        # A range of change sequences is printed only when it holds one: "468 至 467" would
        # run backwards as the times would have.
        changes = f"修改序号 {last_seq + 1} 至 {reached}" if reached > last_seq else "没有新的修改"
        return (
            f"上次导出以来的变动（{changes}；"
            f"电脑时钟有误：上次导出记为 {last_at.replace('T', ' ')[:16]}，"
            f"本次为 {shown_now}）"
        )
    return f"上次导出（{last_at.replace('T', ' ')[:16]}）以来的变动，截至 {shown_now}"


def _changed_between(store: Store, start: str, end: str) -> list[int]:
    # A case this committee continued from a hand-off brought its history as one text
    # (received_audit, m0017): an entry in the period counts as audit_log's rows do.
    received = (
        " OR id IN (SELECT r.case_id FROM received_audit r, json_each(CAST(r.entries AS TEXT)) j"
        " WHERE r.case_id IN (SELECT id FROM cases WHERE committee_id = '')"
        " AND json_extract(j.value, '$.at') >= :s AND json_extract(j.value, '$.at') < :e)"
        if audit.has_received(store.db)
        else ""
    )
    return [
        r[0]
        for r in store.db.execute(
            "SELECT id FROM cases WHERE committee_id = '' AND ("
            " (updated_at >= :s AND updated_at < :e) OR (accepted_on >= :s AND accepted_on < :e)"
            " OR id IN (SELECT case_id FROM audit_log WHERE at >= :s AND at < :e"
            f" AND case_id IS NOT NULL){received}) ORDER BY id",
            {"s": start, "e": end},
        )
    ]


def clock_warning(store: Store) -> str:
    """A sentence if this computer's clock is behind the last export or the newest change."""
    now = store.timestamp()
    last_at = _setting(store, LAST_EXPORT_KEY) or ""
    newest = (
        store.db.execute("SELECT max(updated_at) FROM cases WHERE committee_id = ''").fetchone()[0]
        or ""
    )
    latest = max(last_at, newest)
    if latest and now < latest:
        return (
            f"电脑时钟（{now.replace('T', ' ')[:16]}）比以前记录的时间"
            f"（{latest.replace('T', ' ')[:16]}）早，请在电脑右下角核对日期时间；"
            "本次导出按修改顺序挑选案件，没有遗漏。"
        )
    return ""
