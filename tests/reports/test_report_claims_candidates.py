"""以案定补 candidates are found by index (the month's agreements, the month's visits confirming
performance, the month's claims) instead of reading every case of the file: whatever the
cases' outcomes, agreement dates, visits and earlier claims, the list holds exactly the cases
the written rule names (claims.claim_list's docstring)."""

from __future__ import annotations

from datetime import date
from typing import Any

from builders import FixedClock
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from report_builders import accept

from desktop.core.reports.claims import claim_list
from desktop.core.store import Store

MONTH = "2026-10"
DAYS = st.sampled_from(
    [None, "2025-12-20", "2026-01-05", "2026-09-30", "2026-10-01", "2026-10-15", "2026-10-31"]
    + ["2026-11-01"]
)
VISIT = st.tuples(
    st.sampled_from(["2026-09-10", "2026-10-02", "2026-10-31", "2026-11-02"]),
    st.sampled_from(["已履行", "部分履行", "未履行"]),
)
CASE = st.fixed_dictionaries(
    {
        "status": st.sampled_from(["调解成功", "在办", "调解不成"]),
        "agreement_on": DAYS,
        "visits": st.lists(VISIT, max_size=2),
        "claimed": st.sampled_from([None, "2026-09", "2026-10"]),
    }
)


def _expected(case: dict[str, Any]) -> bool:
    agreed = case["agreement_on"]
    settled = case["status"] == "调解成功" and agreed is not None
    in_month = settled and "2026-10-01" <= agreed <= "2026-10-31"
    confirmed = (
        settled
        and "2026-01-01" <= agreed <= "2026-10-31"
        and any("2026-10-01" <= on <= "2026-10-31" and p == "已履行" for on, p in case["visits"])
    )
    return in_month or confirmed or case["claimed"] == MONTH


@given(cases=st.lists(CASE, min_size=6, max_size=6))
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_the_candidates_are_exactly_the_cases_the_rule_names(
    store: Store, clock: FixedClock, cases: list[dict[str, Any]]
) -> None:
    clock.set(date(2026, 11, 5))
    ids = [r[0] for r in store.db.execute("SELECT id FROM cases ORDER BY id")]
    while len(ids) < len(cases):
        ids.append(accept(store, "2025-12-01"))
    now = store.timestamp()
    with store.db.atomic():
        store.db.execute("DELETE FROM subsidy_claims")
        store.db.execute("DELETE FROM return_visits")
        for cid, case in zip(ids, cases, strict=True):
            store.db.execute(
                "UPDATE cases SET status = ?, agreement_on = ? WHERE id = ?",
                [case["status"], case["agreement_on"], cid],
            )
            for seq, (on, performance) in enumerate(case["visits"], start=1):
                store.db.execute(
                    "INSERT INTO return_visits (case_id, seq, visited_on, performance,"
                    " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                    [cid, seq, on, performance, now, now],
                )
            if case["claimed"]:
                store.db.execute(
                    "INSERT INTO subsidy_claims (case_id, month, rules, difficulty, band,"
                    " amount_fen, claimed_on, actor, created_at)"
                    " VALUES (?, ?, '[]', '', '', 0, '2026-11-01', '王调解', ?)",
                    [cid, case["claimed"], now],
                )
    listing = claim_list(store, MONTH)
    listed = {line.case_id for line in listing.qualifying + listing.refused}
    assert listed == {cid for cid, case in zip(ids, cases, strict=True) if _expected(case)}
