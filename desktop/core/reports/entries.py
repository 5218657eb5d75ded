"""The monthly entry: screening (排查) and prevention figures that no case records, and what the
mediator typed for the report (narrative, 填报人, 审核人). One row per committee and month,
saved with an audit entry, so a report can be made again later with the same words."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

from desktop.core.errors import ValidationError
from desktop.core.reports.period import Month
from desktop.core.reports.scope import own_committee_id
from desktop.core.store import audit

if TYPE_CHECKING:
    from desktop.core.store.store import Store

#: Figure columns of ``monthly_entries`` (and the report keys they feed).
FIGURES = ("screenings", "disputes_found", "prevented")
TEXTS = ("narrative", "filler", "reviewer")
_LABELS = {"screenings": "排查次数", "disputes_found": "排查发现纠纷数", "prevented": "预防纠纷数"}
MAX_FIGURE = 1_000_000
MAX_NARRATIVE = 5000


@dataclass(frozen=True, slots=True)
class MonthlyEntry:
    committee_id: str
    month: str
    screenings: int = 0
    disputes_found: int = 0
    prevented: int = 0
    narrative: str = ""
    filler: str = ""
    reviewer: str = ""
    updated_at: str = ""


def _committee(db: Database, committee_id: str | None) -> str:
    return committee_id if committee_id is not None else own_committee_id(db)


def get_entry(db: Database, month: Month | str, committee_id: str | None = None) -> MonthlyEntry:
    """The saved entry, or an empty one (all zero) when nothing was entered for the month."""
    key = Month.parse(month).key
    cid = _committee(db, committee_id)
    if not db["monthly_entries"].exists():
        return MonthlyEntry(cid, key)
    row = db.execute(
        "SELECT committee_id, month, screenings, disputes_found, prevented, narrative, filler,"
        " reviewer, updated_at FROM monthly_entries WHERE committee_id = ? AND month = ?",
        [cid, key],
    ).fetchone()
    return MonthlyEntry(*row) if row else MonthlyEntry(cid, key)


def _figure(name: str, value: Any) -> int:
    try:
        number = int(str(value).strip())
    except ValueError:
        raise ValidationError(f"“{_LABELS[name]}”应填整数，例如 3。", field=name) from None
    if number < 0:
        raise ValidationError(f"“{_LABELS[name]}”不能是负数。", field=name)
    if number > MAX_FIGURE:
        raise ValidationError(f"“{_LABELS[name]}”填得太大了，请核对。", field=name)
    return number


def save_entry(
    store: Store,
    month: Month | str,
    *,
    committee_id: str | None = None,
    actor: str | None = None,
    **changes: Any,
) -> MonthlyEntry:
    """Change some of the month's figures or texts; the rest keep their saved values."""
    unknown = set(changes) - set(FIGURES) - set(TEXTS)
    if unknown:
        raise ValidationError(f"月报填报中没有“{'、'.join(sorted(unknown))}”这一项。")
    clean: dict[str, Any] = {}
    for name, value in changes.items():
        if value is None:
            continue
        if name in FIGURES:
            clean[name] = _figure(name, value)
        else:
            clean[name] = str(value).strip()
    if len(clean.get("narrative", "")) > MAX_NARRATIVE:
        raise ValidationError(
            f"情况说明最多 {MAX_NARRATIVE} 字，请精简后再保存。", field="narrative"
        )
    old = get_entry(store.db, month, committee_id)
    new = replace(old, **clean, updated_at=store.timestamp())
    changed = {
        k: [getattr(old, k), getattr(new, k)] for k in clean if getattr(old, k) != getattr(new, k)
    }
    if not changed:
        return old
    row = asdict(new)
    with store.db.atomic():
        store.db.execute(
            "INSERT INTO monthly_entries (committee_id, month, screenings, disputes_found,"
            " prevented,"
            " narrative, filler, reviewer, updated_at) VALUES (:committee_id, :month, :screenings,"
            " :disputes_found, :prevented, :narrative, :filler, :reviewer, :updated_at)"
            " ON CONFLICT (committee_id, month) DO UPDATE SET screenings = excluded.screenings,"
            " disputes_found = excluded.disputes_found, prevented = excluded.prevented,"
            " narrative = excluded.narrative, filler = excluded.filler,"
            " reviewer = excluded.reviewer, updated_at = excluded.updated_at",
            row,
        )
        audit.write(
            store.db,
            at=new.updated_at,
            actor=actor or store.actor,
            case_id=None,
            entity="monthly_entry",
            entity_id=None,
            action="update",
            detail={"month": new.month, **changed},
        )
    return new


def entry_totals(
    db: Database, month: Month | str, committee_id: str | None = None
) -> dict[str, dict[str, int]]:
    """排查 figures for the month and 1 January to month end; summed over every committee in
    the file when ``committee_id`` is None (the county view)."""
    month = Month.parse(month)
    if not db["monthly_entries"].exists():  # a read-only file not yet upgraded
        return {p: dict.fromkeys(FIGURES, 0) for p in ("m", "y")}
    where = "" if committee_id is None else " AND committee_id = :cid"
    sums = ", ".join(f"coalesce(sum({c}), 0)" for c in FIGURES)
    out: dict[str, dict[str, int]] = {}
    for period, start in (("m", month.key), ("y", f"{month.year}-01")):
        row = db.execute(
            f"SELECT {sums} FROM monthly_entries WHERE month BETWEEN :start AND :end{where}",
            {"start": start, "end": month.key, "cid": committee_id},
        ).fetchone()
        out[period] = dict(zip(FIGURES, (int(v) for v in row), strict=True))
    return out
