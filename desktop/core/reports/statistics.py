"""The monthly report's figures, straight from SQL: one pass over the cases for the month and
the year to date, plus small grouped queries for sources, categories, levels, return visits
and the 12-month trend. Which date puts a case into a period is written beside each figure
(and, for the reader, in resources/reports/indicators.toml)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from desktop.core.reports.definitions import load_definitions
from desktop.core.reports.period import Month
from desktop.core.reports.scope import Scope, scope_for

#: The two periods every flow figure is counted over: the month, and 1 January to month end.
PERIODS = ("m", "y")

#: Days from acceptance within which mediation should be concluded (若干规定 第33条); the
#: workflow file says the same and extensions add to it per case.
MEDIATION_DAYS = 30

# The date that ends a case: agreement for a success, closing for the other outcomes.
_RESOLVED_ON = ("CASE c.status WHEN '调解成功' THEN c.agreement_on WHEN '在办' THEN NULL"
                " ELSE c.closed_on END")


@dataclass(frozen=True, slots=True)
class Figures:
    """Every figure of one report, keyed as in indicators.toml; flow figures per period."""

    month: Month
    flow: dict[str, dict[str, int]]  # period ("m"/"y") -> key -> value (money in fen)
    snapshot: dict[str, int]  # time-point figures at month end
    sources: dict[str, dict[str, int]]  # period -> source -> accepted
    risks: dict[str, dict[str, tuple[int, int]]]  # period -> flag -> (cases, people)
    categories: dict[str, dict[str, int]]  # category code -> column -> value
    levels: dict[int, dict[str, int]]  # level -> column -> value
    trend: tuple[tuple[Month, int, int], ...]  # (month, accepted, succeeded), oldest first
    entries: dict[str, dict[str, int]] = field(default_factory=dict)  # period -> 排查 figures


def _in(column: str, period: str) -> str:
    """``column`` falls in the period: the month, or 1 January to the month's end."""
    start = ":ms" if period == "m" else ":ys"
    return f"({column} BETWEEN {start} AND :me)"


def _bounds(month: Month, scope: Scope) -> dict[str, Any]:
    return {"ms": month.first.isoformat(), "me": month.last.isoformat(),
            "ys": month.year_start.isoformat(), **scope.params()}


def _case_pass(db: Database, month: Month, scope: Scope, flags: list[str]) -> tuple[dict[str, dict[str, int]], dict[str, int], dict[str, dict[str, tuple[int, int]]]]:
    cols: list[str] = []
    for p in PERIODS:
        acc, succ = _in("c.accepted_on", p), f"(c.status = '调解成功' AND {_in('c.agreement_on', p)})"
        cols += [
            f"sum({acc})",  # accepted: by accepted_on
            f"sum({succ})",  # succeeded: status 调解成功, by agreement_on
            f"sum(c.status = '调解不成' AND {_in('c.closed_on', p)})",  # failed: by closed_on
            f"sum(c.status = '已终止' AND {_in('c.closed_on', p)})",  # terminated: by closed_on
            f"sum(c.status = '已移交' AND {_in('c.closed_on', p)})",  # transferred: by closed_on
            f"sum({succ} AND c.agreement_form = '书面协议')",
            f"sum({succ} AND c.agreement_form = '口头协议')",
            f"sum({succ} AND c.judicial_confirmation IN ('已申请', '已确认'))",
            f"sum({succ} AND c.judicial_confirmation = '已确认')",
            f"sum(CASE WHEN {acc} THEN coalesce(c.amount_fen, 0) ELSE 0 END)",
            f"sum(CASE WHEN {acc} THEN coalesce(c.people_count, 0) ELSE 0 END)",
        ]
        for i in range(len(flags)):
            # A risk flagged while mediating, and the case then settled: an escalation prevented.
            hit = f"{succ} AND instr(c.risk_flags, :flag{i}) > 0"
            cols += [f"sum({hit})", f"sum(CASE WHEN {hit} THEN coalesce(c.people_count, 0) ELSE 0 END)"]
    open_at_end = f"(c.accepted_on <= :me AND coalesce({_RESOLVED_ON} <= :me, 0) = 0)"
    cols += [
        f"sum({open_at_end})",
        f"sum({open_at_end} AND julianday(:me) - julianday(c.accepted_on)"
        f" > {MEDIATION_DAYS} + coalesce(x.days, 0))",
    ]
    params = _bounds(month, scope)
    params.update({f"flag{i}": f'"{flag}"' for i, flag in enumerate(flags)})
    row = db.execute(
        f"SELECT {', '.join(cols)} FROM cases c"
        " LEFT JOIN (SELECT case_id, sum(days) AS days FROM extensions GROUP BY case_id) x"
        " ON x.case_id = c.id"
        # Only cases that moved this year or were still open at its start can count.
        f" WHERE c.accepted_on <= :me AND (c.accepted_on >= :ys OR c.agreement_on >= :ys"
        f" OR c.closed_on >= :ys OR c.status = '在办') AND {scope.condition}",
        params,
    ).fetchone()
    values = [int(v or 0) for v in row]
    keys = ("accepted", "succeeded", "failed", "terminated", "transferred", "written", "oral",
            "confirmation_applied", "confirmed", "accepted_amount", "people")
    flow: dict[str, dict[str, int]] = {}
    risks: dict[str, dict[str, tuple[int, int]]] = {}
    pos = 0
    for p in PERIODS:
        flow[p] = dict(zip(keys, values[pos:pos + len(keys)], strict=True))
        pos += len(keys)
        risks[p] = {}
        for flag in flags:
            risks[p][flag] = (values[pos], values[pos + 1])
            pos += 2
    snapshot = {"open_at_end": values[pos], "overdue_at_end": values[pos + 1]}
    return flow, snapshot, risks


def _agreement_amounts(db: Database, month: Month, scope: Scope) -> dict[str, int]:
    # Agreed amounts are on the terms; a case counts in the period of its agreement date.
    row = db.execute(
        f"SELECT sum(CASE WHEN {_in('c.agreement_on', 'm')} THEN coalesce(t.amount_fen, 0) END),"
        " sum(coalesce(t.amount_fen, 0))"
        " FROM terms t JOIN cases c ON c.id = t.case_id"
        f" WHERE c.status = '调解成功' AND {_in('c.agreement_on', 'y')} AND {scope.condition}",
        _bounds(month, scope),
    ).fetchone()
    return {"m": int(row[0] or 0), "y": int(row[1] or 0)}


def _visits(db: Database, month: Month, scope: Scope) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    params = _bounds(month, scope)
    for p in PERIODS:
        visits = db.execute(
            "SELECT count(*) FROM return_visits r JOIN cases c ON c.id = r.case_id"
            f" WHERE {_in('r.visited_on', p)} AND {scope.condition}", params).fetchone()[0]
        # Performance: per case, the last visit of the period that could judge it.
        checked, performed = db.execute(
            "SELECT count(*), coalesce(sum(performance = '已履行'), 0) FROM ("
            " SELECT r.performance, row_number() OVER ("
            "   PARTITION BY r.case_id ORDER BY r.visited_on DESC, r.seq DESC) AS rn"
            " FROM return_visits r JOIN cases c ON c.id = r.case_id"
            f" WHERE {_in('r.visited_on', p)} AND r.performance != '不适用' AND {scope.condition})"
            " WHERE rn = 1", params).fetchone()
        escalations = db.execute(
            "SELECT count(*) FROM escalations e JOIN cases c ON c.id = e.case_id"
            f" WHERE {_in('e.escalated_on', p)} AND {scope.condition}", params).fetchone()[0]
        out[p] = {"visits": int(visits), "performance_checked": int(checked),
                  "performed": int(performed), "escalations": int(escalations)}
    return out


def _sources(db: Database, month: Month, scope: Scope) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {p: {} for p in PERIODS}
    for source, m, y in db.execute(
        f"SELECT c.source, sum({_in('c.accepted_on', 'm')}), count(*) FROM cases c"
        f" WHERE {_in('c.accepted_on', 'y')} AND {scope.condition} GROUP BY c.source",
        _bounds(month, scope),
    ):
        out["m"][source] = int(m)
        out["y"][source] = int(y)
    return out


def _categories(db: Database, month: Month, scope: Scope) -> dict[str, dict[str, int]]:
    acc_m, acc_y = _in("c.accepted_on", "m"), _in("c.accepted_on", "y")
    succ = "c.status = '调解成功' AND "
    out: dict[str, dict[str, int]] = {}
    for code, *vals in db.execute(
        f"SELECT c.category_code, sum({acc_m}), sum({succ}{_in('c.agreement_on', 'm')}),"
        f" sum(CASE WHEN {acc_m} THEN coalesce(c.people_count, 0) ELSE 0 END),"
        f" sum(CASE WHEN {acc_m} THEN coalesce(c.amount_fen, 0) ELSE 0 END),"
        f" sum({acc_y}), sum({succ}{_in('c.agreement_on', 'y')})"
        f" FROM cases c WHERE ({acc_y} OR {_in('c.agreement_on', 'y')}) AND {scope.condition}"
        " GROUP BY c.category_code",
        _bounds(month, scope),
    ):
        out[code] = dict(zip(("accepted_m", "succeeded_m", "people_m", "amount_m", "accepted_y",
                              "succeeded_y"), (int(v or 0) for v in vals), strict=True))
    return out


def _levels(db: Database, month: Month, scope: Scope) -> dict[int, dict[str, int]]:
    out = {n: {"resolved_m": 0, "resolved_y": 0, "escalated_in_m": 0, "escalated_in_y": 0}
           for n in (1, 2, 3, 4)}
    params = _bounds(month, scope)
    for level, m, y in db.execute(
        f"SELECT c.level_resolved, sum({_in('c.agreement_on', 'm')}), count(*) FROM cases c"
        f" WHERE c.status = '调解成功' AND {_in('c.agreement_on', 'y')} AND {scope.condition}"
        " AND c.level_resolved IS NOT NULL GROUP BY c.level_resolved", params,
    ):
        out[int(level)].update(resolved_m=int(m), resolved_y=int(y))
    for level, m, y in db.execute(
        f"SELECT e.to_level, sum({_in('e.escalated_on', 'm')}), count(*)"
        " FROM escalations e JOIN cases c ON c.id = e.case_id"
        f" WHERE {_in('e.escalated_on', 'y')} AND {scope.condition} GROUP BY e.to_level", params,
    ):
        if int(level) in out:
            out[int(level)].update(escalated_in_m=int(m), escalated_in_y=int(y))
    return out


def _trend(db: Database, month: Month, scope: Scope) -> tuple[tuple[Month, int, int], ...]:
    months = month.trailing(12)
    params = {"ts": months[0].first.isoformat(), "me": month.last.isoformat(), **scope.params()}
    accepted = dict(db.execute(
        "SELECT substr(c.accepted_on, 1, 7), count(*) FROM cases c"
        f" WHERE c.accepted_on BETWEEN :ts AND :me AND {scope.condition} GROUP BY 1", params).fetchall())
    succeeded = dict(db.execute(
        "SELECT substr(c.agreement_on, 1, 7), count(*) FROM cases c WHERE c.status = '调解成功'"
        f" AND c.agreement_on BETWEEN :ts AND :me AND {scope.condition} GROUP BY 1", params).fetchall())
    return tuple((m, int(accepted.get(m.key, 0)), int(succeeded.get(m.key, 0))) for m in months)


def compute(db: Database, month: Month | str, committee_id: str | None = None) -> Figures:
    """Every figure of the monthly report for one committee (or all, when ``None``)."""
    month = Month.parse(month)
    scope = scope_for(db, committee_id)
    flags = [r.flag for r in load_definitions().risks]
    flow, snapshot, risks = _case_pass(db, month, scope, flags)
    amounts = _agreement_amounts(db, month, scope)
    visits = _visits(db, month, scope)
    for p in PERIODS:
        flow[p]["agreement_amount"] = amounts[p]
        flow[p].update(visits[p])
    from desktop.core.reports.entries import entry_totals

    return Figures(
        month=month, flow=flow, snapshot=snapshot, sources=_sources(db, month, scope),
        risks=risks, categories=_categories(db, month, scope), levels=_levels(db, month, scope),
        trend=_trend(db, month, scope), entries=entry_totals(db, month, committee_id),
    )
