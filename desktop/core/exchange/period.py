"""Which cases a period export takes, and how its period reads: by default every case changed
since the last export by the file's change sequence (never by the clock), or the cases of a
month or since a date; and a sentence when this computer's clock is behind what it recorded."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop.core.store.store import Store

LAST_EXPORT_KEY = "exchange.last_export"
#: The change sequence (``cases.change_seq``) the last export reached: the next default export
#: takes every case changed after it, whatever the clock said.
LAST_SEQ_KEY = "exchange.last_export_seq"


def _month_bounds(month: str) -> tuple[str, str]:
    from desktop.core.store.cases import _month_range

    return _month_range(month)


def _setting(store: Store, key: str) -> Any:
    row = store.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return json.loads(row[0]) if row else None


def select_cases(
    store: Store, *, since: str | None = None, month: str | None = None
) -> tuple[list[int], str]:
    """Ids of this committee's cases changed in the period, and the period's description.

    Default (neither given): every case whose change sequence moved since the last export —
    any change to the case or anything of it, whatever the computer's clock said. ``month``:
    the cases accepted, changed or with any recorded activity (audit log) in that month.
    ``since``: the same from a date on."""
    if month:
        start, end = _month_bounds(month)
        ids = _changed_between(store, start, end)
        return ids, month
    if since:
        ids = _changed_between(store, since, "9999")
        return ids, f"{since.replace('T', ' ')[:16]} 至 {store.timestamp().replace('T', ' ')[:16]}"
    last_seq = int(_setting(store, LAST_SEQ_KEY) or 0)
    ids = [
        r[0]
        for r in store.db.execute(
            "SELECT id FROM cases WHERE committee_id = '' AND change_seq > ? ORDER BY id",
            [last_seq],
        )
    ]
    reached = store.db.execute("SELECT coalesce(max(change_seq), 0) FROM cases").fetchone()[0]
    return ids, _period_text(
        _setting(store, LAST_EXPORT_KEY) or "", store.timestamp(), last_seq, reached
    )


def _period_text(last_at: str, now: str, last_seq: int, reached: int) -> str:
    """The period of a default export, read by people on paper and in the import preview.
    It never runs backwards: the clock times are printed only when they are in order;
    otherwise the period is told by the change sequence and the clock named as wrong."""
    shown_now = now.replace("T", " ")[:16]  # minutes, no ISO "T"
    if not last_at:
        return f"最早的案件 至 {shown_now}"
    if now < last_at:
        return (
            f"上次导出以来的变动（修改序号 {last_seq + 1} 至 {reached}；"
            f"电脑时钟有误：上次导出记为 {last_at.replace('T', ' ')[:16]}，"
            f"本次为 {shown_now}）"
        )
    return f"上次导出（{last_at.replace('T', ' ')[:16]}）以来的变动，截至 {shown_now}"


def _changed_between(store: Store, start: str, end: str) -> list[int]:
    return [
        r[0]
        for r in store.db.execute(
            "SELECT id FROM cases WHERE committee_id = '' AND ("
            " (updated_at >= :s AND updated_at < :e) OR (accepted_on >= :s AND accepted_on < :e)"
            " OR id IN (SELECT case_id FROM audit_log WHERE at >= :s AND at < :e"
            " AND case_id IS NOT NULL)) ORDER BY id",
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
