"""Listing and searching cases: a page of case summaries for a filter (status, category,
level, step, mediator, month, search text) in a chosen order, their count, and the text
search. Taken in by :class:`~desktop.core.store.cases.CaseRepository` (``store.cases.list``),
which gives it the database and the committees' names."""

from __future__ import annotations

import builtins
from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, Any

from desktop.core.models import CaseFilter, CaseStatus, CaseSummary
from desktop.core.store.codec import must_date
from desktop.core.store.search import TextQuery, plan_text

if TYPE_CHECKING:
    from sqlite_utils import Database

SORT_COLUMNS = {
    "accepted_on": "c.accepted_on",
    "case_no": "c.year, c.seq",
    "category": "c.category_code",
    "status": "c.status",
    "step": "c.step_now",
    "level": "c.level_now",
    "title": "c.title",
}


class CaseListing(ABC):
    """The listing half of the case repository: needs ``db`` and ``committee_names``."""

    db: Database

    @abstractmethod
    def committee_names(self) -> dict[str, str]:
        """committee_id -> name of every committee whose cases this file holds ('' = own)."""

    def _filters(self, flt: CaseFilter) -> tuple[list[str], list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        simple = (
            ("c.status = ?", flt.status.value if flt.status else None),
            ("c.category_code = ?", flt.category_code),
            ("c.level_now = ?", flt.level),
            ("c.step_now = ?", flt.step),
            ("c.mediator_id = ?", flt.mediator_id),
        )
        for clause, value in simple:
            if value is not None:
                clauses.append(clause)
                params.append(value)
        if flt.month:
            clauses.append("c.accepted_on >= ? AND c.accepted_on < ?")
            params.extend(month_range(flt.month))
        if flt.case_ids is not None:
            clauses.append(f"c.id IN ({','.join('?' * len(flt.case_ids)) or 'NULL'})")
            params.extend(flt.case_ids)
        return clauses, params

    def _source(
        self, flt: CaseFilter, text: TextQuery | None, stream: bool
    ) -> tuple[str, list[Any], str]:
        """FROM ... WHERE ... for a filter, by the plan chosen for its search text, and the
        ORDER BY that plan needs (if any)."""
        clauses, params = self._filters(flt)
        table, order = "cases c", ""
        if text is not None and stream:
            table, text_clauses, text_params, order = text.streaming()
        elif text is not None:
            text_clauses, text_params = text.in_clauses()
        else:
            text_clauses, text_params = [], []
        where = " AND ".join([*text_clauses, *clauses])
        return (
            f" FROM {table}" + (f" WHERE {where}" if where else ""),
            [*text_params, *params],
            order,
        )

    def list(
        self,
        flt: CaseFilter | None = None,
        *,
        sort: str = "accepted_on",
        descending: bool = True,
        limit: int = 50,
        offset: int = 0,
    ) -> list[CaseSummary]:
        """A page of cases. With search text in the default order, a search matching most of a
        large archive is returned newest-registered first (see ``search.TextQuery``)."""
        flt = flt or CaseFilter()
        text = plan_text(self.db, flt.text) if flt.text.strip() else None
        stream = (
            text is not None and text.driver is not None and sort == "accepted_on" and descending
        )
        source, params, order = self._source(flt, text, stream)
        direction = "DESC" if descending else "ASC"
        if not stream:
            order = ", ".join(f"{col} {direction}" for col in SORT_COLUMNS[sort].split(", "))
            order += f", c.id {direction}"
        sql = (
            "SELECT c.id, c.case_no, c.title, c.category_code, c.status, c.step_now, c.level_now,"
            " c.accepted_on, (SELECT group_concat(name, '、') FROM"
            "   (SELECT name FROM parties p WHERE p.case_id = c.id ORDER BY p.seq)) AS names,"
            # A scalar subquery, not a JOIN: SQLite then skips it for rows passed over by OFFSET
            # (20x faster deep in a 100,000-case list).
            " coalesce((SELECT name FROM mediators m WHERE m.id = c.mediator_id), '') AS mediator,"
            f" c.committee_id{source} ORDER BY {order} LIMIT ? OFFSET ?"
        )
        from desktop.core.categories import load_categories

        cats = {c.code: c.name for c in load_categories().items}
        rows = self.db.execute(sql, [*params, limit, offset]).fetchall()
        names = self.committee_names() if any(r[10] for r in rows) else {}
        return [
            CaseSummary(
                id=r[0],
                case_no=r[1],
                title=r[2],
                category_name=cats.get(r[3], r[3]),
                status=CaseStatus(r[4]),
                step_now=r[5],
                level_now=r[6],
                accepted_on=must_date(r[7]),
                parties=r[8] or "",
                mediator=r[9],
                committee=names.get(r[10], r[10]) if r[10] else "",
            )
            for r in rows
        ]

    def count(self, flt: CaseFilter | None = None, *, cap: int | None = None) -> int:
        """How many cases match; with ``cap``, stop counting there (a search box only needs
        to say "more than 1,000"), which keeps very common search terms instant."""
        flt = flt or CaseFilter()
        text = plan_text(self.db, flt.text) if flt.text.strip() else None
        stream = cap is not None and text is not None and text.driver is not None
        source, params, _ = self._source(flt, text, stream)
        if cap is not None:
            return self.db.execute(
                f"SELECT count(*) FROM (SELECT 1{source} LIMIT ?)", [*params, cap]
            ).fetchone()[0]
        return self.db.execute(f"SELECT count(*){source}", params).fetchone()[0]

    # builtins.list: inside this class `list` names the method above.
    def search(self, text: str, *, limit: int = 50) -> builtins.list[CaseSummary]:
        if not text.strip():
            return []
        return self.list(CaseFilter(text=text), limit=limit)


def month_range(month: str) -> tuple[str, str]:
    from desktop.core.reports.period import Month

    parsed = Month.parse(month)  # one reading of a typed month, one set of refusals
    year, mon = parsed.year, parsed.month
    nxt = f"{year + 1}-01-01" if mon == 12 else f"{year}-{mon + 1:02d}-01"
    return f"{year}-{mon:02d}-01", nxt
