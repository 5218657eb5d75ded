"""The monthly report's figures, straight from SQL: one grouped pass over the cases (month and
year to date, per category and resolution level), plus small queries for sources, agreed
amounts, return visits, escalations and the 12-month trend. Which date puts a case into a
period is written beside each figure (for the reader: resources/reports/indicators.toml)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from desktop.core.reports.definitions import load_definitions
from desktop.core.reports.period import Month
from desktop.core.reports.scope import Scope, scope_for

#: The two periods every flow figure is counted over: the month, and 1 January to month end.
PERIODS = ("m", "y")

#: Days from acceptance within which mediation should be concluded (若干规定 第33条), unless
#: the workflow file says otherwise; recorded extensions add to it per case.
MEDIATION_DAYS = 30

# The date that ends a case: agreement for a success, closing for the other outcomes.
_RESOLVED_ON = (
    "CASE c.status WHEN '调解成功' THEN c.agreement_on WHEN '在办' THEN NULL ELSE c.closed_on END"
)


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
    return {
        "ms": month.first.isoformat(),
        "me": month.last.isoformat(),
        "ys": month.year_start.isoformat(),
        **scope.params(),
    }


_FLOW_KEYS = (
    "accepted",
    "succeeded",
    "failed",
    "terminated",
    "transferred",
    "written",
    "oral",
    "confirmation_applied",
    "confirmed",
    "accepted_amount",
    "people",
    "difficult",
    "unresolved",
)

#: Per-category columns of the category table (month "_m", year to date "_y").
CATEGORY_COLUMNS = (
    "accepted_m",
    "succeeded_m",
    "unresolved_m",
    "difficult_m",
    "people_m",
    "amount_m",
    "accepted_y",
    "succeeded_y",
    "unresolved_y",
)


@dataclass(slots=True)
class _CasePass:
    flow: dict[str, dict[str, int]]
    snapshot: dict[str, int]
    risks: dict[str, dict[str, tuple[int, int]]]
    categories: dict[str, dict[str, int]]
    resolved: dict[int, dict[str, int]]  # level_resolved -> {"m": n, "y": n}


def _has_column(db: Database, table: str, column: str) -> bool:
    return any(r[1] == column for r in db.execute(f"PRAGMA table_info({table})"))


def _case_pass(
    db: Database, month: Month, scope: Scope, flags: list[str], mediation_days: int = MEDIATION_DAYS
) -> _CasePass:
    """One read of the cases, grouped by category and resolution level: the flow figures, the
    time-point figures, the category table and the resolved-per-level counts all at once."""
    # A read-only file not yet upgraded has no difficulty column: it counts no 疑难复杂 case.
    difficulty = "c.difficulty" if _has_column(db, "cases", "difficulty") else "''"
    cols: list[str] = []
    for p in PERIODS:
        acc, succ = (
            _in("c.accepted_on", p),
            f"(c.status = '调解成功' AND {_in('c.agreement_on', p)})",
        )
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
            f"sum({acc} AND {difficulty} = '疑难复杂')",  # difficult: by accepted_on
            # unresolved: accepted in the period and not settled by the month's end
            f"sum({acc} AND NOT (c.status = '调解成功' AND c.agreement_on <= :me))",
        ]
        for i in range(len(flags)):
            # A risk registered while mediating a case accepted in the period: counted as
            # prevented whatever the outcome (the county's definition, indicators.toml).
            hit = f"{acc} AND instr(c.risk_flags, :flag{i}) > 0"
            cols += [
                f"sum({hit})",
                f"sum(CASE WHEN {hit} THEN coalesce(c.people_count, 0) ELSE 0 END)",
            ]
    open_at_end = f"(c.accepted_on <= :me AND coalesce({_RESOLVED_ON} <= :me, 0) = 0)"
    cols += [
        f"sum({open_at_end})",
        f"sum({open_at_end} AND julianday(:me) - julianday(c.accepted_on)"
        f" > {int(mediation_days)} + coalesce(x.days, 0))",
    ]
    params = _bounds(month, scope)
    params.update({f"flag{i}": f'"{flag}"' for i, flag in enumerate(flags)})
    rows = db.execute(
        f"SELECT c.category_code, c.level_resolved, {', '.join(cols)} FROM cases c"
        " LEFT JOIN (SELECT case_id, sum(days) AS days FROM extensions GROUP BY case_id) x"
        " ON x.case_id = c.id"
        # Only cases that moved this year or were still open at its start can count.
        f" WHERE c.accepted_on <= :me AND (c.accepted_on >= :ys OR c.agreement_on >= :ys"
        f" OR c.closed_on >= :ys OR c.status = '在办') AND {scope.condition}"
        " GROUP BY c.category_code, c.level_resolved",
        params,
    ).fetchall()
    out = _CasePass(
        {p: dict.fromkeys(_FLOW_KEYS, 0) for p in PERIODS},
        {"open_at_end": 0, "overdue_at_end": 0},
        {p: {f: (0, 0) for f in flags} for p in PERIODS},
        {},
        {},
    )
    for code, level, *raw in rows:
        values = [int(v or 0) for v in raw]
        pos = 0
        group: dict[str, dict[str, int]] = {}
        for p in PERIODS:
            group[p] = dict(zip(_FLOW_KEYS, values[pos : pos + len(_FLOW_KEYS)], strict=True))
            pos += len(_FLOW_KEYS)
            for key, v in group[p].items():
                out.flow[p][key] += v
            for flag in flags:
                cases, people = out.risks[p][flag]
                out.risks[p][flag] = (cases + values[pos], people + values[pos + 1])
                pos += 2
        out.snapshot["open_at_end"] += values[pos]
        out.snapshot["overdue_at_end"] += values[pos + 1]
        if any(group[p]["accepted"] or group[p]["succeeded"] for p in PERIODS):
            cat = out.categories.setdefault(code, dict.fromkeys(CATEGORY_COLUMNS, 0))
            for column in CATEGORY_COLUMNS:
                key, period = column[:-2], column[-1]
                source = {"amount": "accepted_amount"}.get(key, key)
                cat[column] += group[period][source]
        if level is not None:
            res = out.resolved.setdefault(int(level), {"m": 0, "y": 0})
            res["m"] += group["m"]["succeeded"]
            res["y"] += group["y"]["succeeded"]
    return out


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
            f"SELECT count(*) FROM return_visits r{scope.join('r')}"
            f" WHERE {_in('r.visited_on', p)} AND {scope.condition}",
            params,
        ).fetchone()[0]
        # Performance: per case, the last visit of the period that could judge it.
        checked, performed = db.execute(
            "SELECT count(*), coalesce(sum(performance = '已履行'), 0) FROM ("
            " SELECT r.performance, row_number() OVER ("
            "   PARTITION BY r.case_id ORDER BY r.visited_on DESC, r.seq DESC) AS rn"
            f" FROM return_visits r{scope.join('r')}"
            f" WHERE {_in('r.visited_on', p)} AND r.performance != '不适用' AND {scope.condition})"
            " WHERE rn = 1",
            params,
        ).fetchone()
        escalations = db.execute(
            f"SELECT count(*) FROM escalations e{scope.join('e')}"
            f" WHERE {_in('e.escalated_on', p)} AND {scope.condition}",
            params,
        ).fetchone()[0]
        out[p] = {
            "visits": int(visits),
            "performance_checked": int(checked),
            "performed": int(performed),
            "escalations": int(escalations),
        }
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


def _levels(
    db: Database, month: Month, scope: Scope, resolved: dict[int, dict[str, int]]
) -> dict[int, dict[str, int]]:
    out = {
        n: {
            "resolved_m": resolved.get(n, {}).get("m", 0),
            "resolved_y": resolved.get(n, {}).get("y", 0),
            "escalated_in_m": 0,
            "escalated_in_y": 0,
        }
        for n in (1, 2, 3, 4)
    }
    for level, m, y in db.execute(
        f"SELECT e.to_level, sum({_in('e.escalated_on', 'm')}), count(*)"
        f" FROM escalations e{scope.join('e')}"
        f" WHERE {_in('e.escalated_on', 'y')} AND {scope.condition} GROUP BY e.to_level",
        _bounds(month, scope),
    ):
        if int(level) in out:
            out[int(level)].update(escalated_in_m=int(m), escalated_in_y=int(y))
    return out


def _trend(db: Database, month: Month, scope: Scope) -> tuple[tuple[Month, int, int], ...]:
    months = month.trailing(12)
    params = {"ts": months[0].first.isoformat(), "me": month.last.isoformat(), **scope.params()}
    accepted = dict(
        db.execute(
            "SELECT substr(c.accepted_on, 1, 7), count(*) FROM cases c"
            f" WHERE c.accepted_on BETWEEN :ts AND :me AND {scope.condition} GROUP BY 1",
            params,
        ).fetchall()
    )
    succeeded = dict(
        db.execute(
            "SELECT substr(c.agreement_on, 1, 7), count(*) FROM cases c WHERE c.status = '调解成功'"
            f" AND c.agreement_on BETWEEN :ts AND :me AND {scope.condition} GROUP BY 1",
            params,
        ).fetchall()
    )
    return tuple((m, int(accepted.get(m.key, 0)), int(succeeded.get(m.key, 0))) for m in months)


def compute(
    db: Database,
    month: Month | str,
    committee_id: str | None = None,
    *,
    mediation_days: int = MEDIATION_DAYS,
) -> Figures:
    """Every figure of the monthly report for one committee (or all, when ``None``)."""
    month = Month.parse(month)
    scope = scope_for(db, committee_id)
    flags = [r.flag for r in load_definitions().risks]
    cases = _case_pass(db, month, scope, flags, mediation_days)
    flow = cases.flow
    amounts = _agreement_amounts(db, month, scope)
    visits = _visits(db, month, scope)
    for p in PERIODS:
        flow[p]["agreement_amount"] = amounts[p]
        flow[p].update(visits[p])
    from desktop.core.reports.entries import entry_totals

    return Figures(
        month=month,
        flow=flow,
        snapshot=cases.snapshot,
        sources=_sources(db, month, scope),
        risks=cases.risks,
        categories=cases.categories,
        levels=_levels(db, month, scope, cases.resolved),
        trend=_trend(db, month, scope),
        entries=entry_totals(db, month, committee_id),
    )
