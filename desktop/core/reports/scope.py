"""Which committee's cases a figure counts. A committee's own database holds one committee; an
aggregate (township or county) database holds many, told apart by ``cases.committee_id``
when that column exists. ``None`` means every committee in the file (the summed view)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlite_utils import Database


@dataclass(frozen=True, slots=True)
class Scope:
    committee_id: str | None
    #: SQL condition on the cases table aliased ``c`` (bound with the ``:committee_id`` name).
    condition: str

    @property
    def everything(self) -> bool:
        """No filter: queries on child tables can skip joining the (wide) cases rows."""
        return self.condition == "1 = 1"

    def join(self, alias: str) -> str:
        """The join to ``cases c`` a child-table query needs for this scope ('' when none)."""
        return "" if self.everything else f" JOIN cases c ON c.id = {alias}.case_id"

    def params(self) -> dict[str, object]:
        return {"committee_id": self.committee_id}


def _has_column(db: Database, table: str, column: str) -> bool:
    return any(r[1] == column for r in db.execute(f"PRAGMA table_info({table})"))


def own_committee_id(db: Database) -> str:
    row = db.execute("SELECT value FROM settings WHERE key = 'committee_id'").fetchone()
    return str(json.loads(row[0])) if row else ""


def committee_ids(db: Database) -> list[str]:
    """Every committee id this file's figures can be asked for: its own, and those of the
    committees whose cases were imported (cases.committee_id), sorted after the own one."""
    own = own_committee_id(db)
    others: set[str] = set()
    if _has_column(db, "cases", "committee_id"):
        others = {r[0] for r in db.execute("SELECT DISTINCT committee_id FROM cases") if r[0]}
    return [own, *sorted(others - {own})] if own else sorted(others)


#: One dispute, one count (docs/reports.md, 移交的纠纷): in the total over every committee in
#: the file, a case handed over to a committee whose continuation is also in the file is left
#: out — the dispute counts once, as the continuing case; the hand-over stayed inside.
HANDED_OVER_INSIDE = (
    "NOT EXISTS (SELECT 1 FROM cases o WHERE o.origin_uuid = c.uuid AND o.origin_uuid != '')"
)


def scope_for(db: Database, committee_id: str | None) -> Scope:
    if committee_id is None:
        if (
            _has_column(db, "cases", "origin_uuid")
            and db.execute("SELECT 1 FROM cases WHERE origin_uuid != '' LIMIT 1").fetchone()
        ):
            return Scope(None, HANDED_OVER_INSIDE)
        return Scope(None, "1 = 1")
    if _has_column(db, "cases", "committee_id"):
        # Local cases may carry an empty id: they belong to this file's own committee.
        if committee_id == own_committee_id(db):
            return Scope(committee_id, "(c.committee_id = :committee_id OR c.committee_id = '')")
        return Scope(committee_id, "c.committee_id = :committee_id")
    # A single-committee file: its own id selects everything, any other id selects nothing.
    return Scope(committee_id, "1 = 1" if committee_id == own_committee_id(db) else "0 = 1")
