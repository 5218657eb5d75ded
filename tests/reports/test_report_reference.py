"""The report's SQL against a plain-Python reading of the written definitions, on realistic demo
data (every case made through the real workflow), for several months: the grouped SQL and the
one-case-at-a-time arithmetic must give the same figures."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, timedelta
from typing import Any

import pytest

from desktop.core.demo import generate
from desktop.core.reports import build_report
from desktop.core.reports.definitions import load_definitions
from desktop.core.reports.model import MonthlyReport
from desktop.core.reports.period import Month
from desktop.core.store import Store

MONTHS = ("2026-10", "2026-01", "2025-12", "2024-06")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Store:
    from desktop.core.store import open_store

    store = open_store(tmp_path_factory.mktemp("demo") / "demo.sqlite")
    generate(store, 400, seed=11, until=date(2026, 10, 31))
    return store


def _rows(store: Store, sql: str) -> list[dict[str, Any]]:
    return [dict(r) for r in store.db.query(sql)]


def reference(store: Store, month: Month) -> dict[str, tuple[int, int]]:
    """Each figure computed case by case, straight from the definitions."""
    cases = _rows(store, "SELECT * FROM cases")
    ext: Counter[int] = Counter()
    for r in _rows(store, "SELECT case_id, days FROM extensions"):
        ext[r["case_id"]] += r["days"]
    terms: Counter[int] = Counter()
    for r in _rows(store, "SELECT case_id, amount_fen FROM terms"):
        terms[r["case_id"]] += r["amount_fen"] or 0
    visits = _rows(store, "SELECT case_id, seq, visited_on, performance FROM return_visits")
    escalations = _rows(store, "SELECT escalated_on FROM escalations")
    end = month.last

    def figures(start: date) -> dict[str, int]:
        def within(day: str | None) -> bool:
            return day is not None and start <= date.fromisoformat(day) <= end

        won = [c for c in cases if c["status"] == "调解成功" and within(c["agreement_on"])]
        acc = [c for c in cases if within(c["accepted_on"])]
        last: dict[int, tuple[str, int, str]] = {}
        for v in visits:
            if within(v["visited_on"]) and v["performance"] != "不适用":
                key = (v["visited_on"], v["seq"], v["performance"])
                last[v["case_id"]] = max(last.get(v["case_id"], key), key)
        out = {
            "accepted": len(acc),
            "succeeded": len(won),
            "failed": sum(c["status"] == "调解不成" and within(c["closed_on"]) for c in cases),
            "terminated": sum(c["status"] == "已终止" and within(c["closed_on"]) for c in cases),
            "transferred": sum(c["status"] == "已移交" and within(c["closed_on"]) for c in cases),
            "written": sum(c["agreement_form"] == "书面协议" for c in won),
            "oral": sum(c["agreement_form"] == "口头协议" for c in won),
            "confirmation_applied": sum(
                c["judicial_confirmation"] in ("已申请", "已确认") for c in won
            ),
            "agreement_amount": sum(terms[c["id"]] for c in won),
            "accepted_amount": sum(c["amount_fen"] or 0 for c in acc),
            "people": sum(c["people_count"] or 0 for c in acc),
            "visits": sum(within(v["visited_on"]) for v in visits),
            "performance_checked": len(last),
            "performed": sum(p == "已履行" for _, _, p in last.values()),
            "escalations": sum(within(e["escalated_on"]) for e in escalations),
            # Prevention rows: accepted in the period with the risk, whatever the outcome.
            "risk:可能民转刑:cases": sum("可能民转刑" in json.loads(c["risk_flags"]) for c in acc),
            "difficult": sum(c["difficulty"] == "疑难复杂" for c in acc),
        }
        placed: set[str] = set()
        for src in load_definitions().sources:  # the official rows, as the data maps them
            placed.update(src.values)
            out[f"source:{src.key}"] = sum(c["source"] in src.values for c in acc)
        for source in {c["source"] for c in cases} - placed:
            out[f"source:other:{source}"] = sum(c["source"] == source for c in acc)
        return out

    def still_open(c: dict[str, Any]) -> bool:
        if date.fromisoformat(c["accepted_on"]) > end:
            return False
        done = {"调解成功": c["agreement_on"], "在办": None}.get(c["status"], c["closed_on"])
        return done is None or date.fromisoformat(done) > end

    opened = [c for c in cases if still_open(c)]
    m, y = figures(month.first), figures(month.year_start)
    both = {k: (m[k], y[k]) for k in m}
    both["open_at_end"] = (len(opened), None)  # type: ignore[assignment]
    both["overdue_at_end"] = (
        sum(  # type: ignore[assignment]
            end > date.fromisoformat(c["accepted_on"]) + timedelta(days=30 + ext[c["id"]])
            for c in opened
        ),
        None,
    )
    return both


@pytest.mark.slow
@pytest.mark.parametrize("month", MONTHS)
def test_sql_matches_the_definitions(demo: Store, month: str) -> None:
    report: MonthlyReport = build_report(demo, month)
    expected = reference(demo, Month.parse(month))
    assert expected["accepted"][1] > 0  # the demo really has cases this year
    for key, value in expected.items():
        assert (report.value(key, "month"), report.value(key, "year")) == value, key
    by_category: Counter[str] = Counter()
    for c in _rows(demo, "SELECT category_code, accepted_on FROM cases"):
        if Month.parse(date.fromisoformat(c["accepted_on"])) == Month.parse(month):
            by_category[c["category_code"]] += 1
    assert sum(r.accepted_m for r in report.categories) == sum(by_category.values())
