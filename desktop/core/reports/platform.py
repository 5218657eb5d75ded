"""Provincial platform tracking: mediators also enter each case into the province's 人民调解
platform (浙江: 省人民调解大数据管理平台 / 浙里调, entered in the same month, official-numbers.md
4.2). The platform's case number (平台案号) is kept on the case; what is not entered yet is
listed, and 今日 reminds at month end (``deadlines.due_on``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from desktop.core.errors import ValidationError
from desktop.core.reports.period import Month
from desktop.core.store import audit

if TYPE_CHECKING:
    from desktop.core.store.store import Store

MAX_PLATFORM_NO = 64


@dataclass(frozen=True, slots=True)
class NotEntered:
    case_id: int
    case_no: str
    title: str
    accepted_on: date
    status: str


def _own(store: Store) -> str:
    has = any(c.name == "committee_id" for c in store.db["cases"].columns)
    return "committee_id = ''" if has else "1"


def not_entered(store: Store, month: Month | str | None = None) -> list[NotEntered]:
    """This file's own cases without a 平台案号, oldest first: accepted in ``month`` when given,
    else every one accepted so far."""
    where, params = f"platform_no = '' AND {_own(store)}", []
    if month is not None:
        m = Month.parse(month)
        where += " AND accepted_on BETWEEN ? AND ?"
        params = [m.first.isoformat(), m.last.isoformat()]
    return [
        NotEntered(r[0], r[1], r[2], date.fromisoformat(r[3]), r[4])
        for r in store.db.execute(
            f"SELECT id, case_no, title, accepted_on, status FROM cases WHERE {where}"
            " ORDER BY accepted_on, id",
            params,
        )
    ]


def count_not_entered(store: Store, month: Month | str | date) -> int:
    m = Month.parse(month)
    if not any(c.name == "platform_no" for c in store.db["cases"].columns):
        return 0  # a read-only file not yet upgraded
    return int(
        store.db.execute(
            f"SELECT count(*) FROM cases WHERE platform_no = '' AND {_own(store)}"
            " AND accepted_on BETWEEN ? AND ?",
            [m.first.isoformat(), m.last.isoformat()],
        ).fetchone()[0]
    )


def set_platform_no(store: Store, case_id: int, number: str, *, actor: str | None = None) -> str:
    """Record (or correct, or clear with "") the case's 平台案号, also on an archived case: the
    entry into the platform often comes after the file is closed. Returns the stored number;
    refuses a number already used by another case (ValidationError)."""
    text = " ".join(str(number).split())
    if len(text) > MAX_PLATFORM_NO:
        raise ValidationError(
            f"平台案号最多 {MAX_PLATFORM_NO} 个字符，请核对。", field="platform_no"
        )
    row = store.db.execute(
        "SELECT case_no, platform_no FROM cases WHERE id = ?", [case_id]
    ).fetchone()
    if row is None:
        raise ValidationError(f"找不到编号为 {case_id} 的案件。")
    if text:
        other = store.db.execute(
            "SELECT case_no FROM cases WHERE platform_no = ? AND id != ?", [text, case_id]
        ).fetchone()
        if other:
            raise ValidationError(
                f"平台案号“{text}”已经登记在案件 {other[0]} 上，请核对。", field="platform_no"
            )
    if text == row[1]:
        return text
    now = store.timestamp()
    with store.db.atomic():
        store.db.execute(
            "UPDATE cases SET platform_no = ?, updated_at = ? WHERE id = ?", [text, now, case_id]
        )
        audit.write(
            store.db,
            at=now,
            actor=actor or store.actor,
            case_id=case_id,
            entity="case",
            entity_id=case_id,
            action="update",
            detail={"platform_no": [row[1], text]},
        )
    return text
