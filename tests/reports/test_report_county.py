"""The county view: in a database holding several committees' cases (told apart by
``cases.committee_id``, as an aggregate database keeps them), the report of all committees is
the sum of the committees' reports, figure by figure."""

from __future__ import annotations

from datetime import date

from builders import FixedClock
from report_builders import build_october

from desktop.core.reports import build_report, save_entry
from desktop.core.reports.model import ALL_COMMITTEES, RATE, MonthlyReport
from desktop.core.store import Store


def _tag_new_cases(store: Store, committee: str) -> None:
    store.db.execute("UPDATE cases SET committee_id = ? WHERE committee_id = ''", [committee])
    store.db.conn.commit()


def _figures(report: MonthlyReport) -> dict[str, tuple[float, float | None]]:
    return {r.key: (r.month or 0, r.year) for r in report.indicators if r.kind != RATE}


def test_county_report_is_the_sum_of_committees(store: Store, clock: FixedClock) -> None:
    clock.set(date(2026, 11, 5))
    build_october(store)
    _tag_new_cases(store, "village-a")
    build_october(store)
    store.flow.terminate(
        store.cases.create(  # one more case for B only: the sums must differ
            {"accepted_on": "2026-10-09", "category": "99"}
        ).id,
        "当事人撤回申请",
        ["申请仲裁"],
        "2026-10-10",
    )
    _tag_new_cases(store, "village-b")
    save_entry(store, "2026-10", committee_id="village-a", screenings=3, prevented=1)
    save_entry(store, "2026-10", committee_id="village-b", screenings=5, disputes_found=2)

    a = build_report(store, "2026-10", committee_id="village-a")
    b = build_report(store, "2026-10", committee_id="village-b")
    county = build_report(store, "2026-10")
    assert county.committee_name == ALL_COMMITTEES
    assert a.value("accepted") == 4 and b.value("accepted") == 5 and b.value("terminated") == 1
    fa, fb, fc = _figures(a), _figures(b), _figures(county)
    assert fc["source:other:"] == (1, 1)  # B's case registered without a source: 未填来源
    for key, (month, year) in fc.items():
        ma, ya = fa.get(key, (0, 0))  # a source row appears only where it has cases
        mb, yb = fb.get(key, (0, 0))
        assert month == ma + mb, key
        if year is not None:
            assert year == (ya or 0) + (yb or 0), key
    assert county.value("screenings") == 8 and county.value("disputes_found") == 2
    assert county.value("success_rate") == round(4 * 100 / (4 + 2 + 1), 1)
    cats = {r.name: r.accepted_m for r in county.categories}
    assert cats["邻里纠纷"] == 4 and cats["其他纠纷"] == 1
    assert [t[1] for t in county.trend] == [
        x[1] + y[1] for x, y in zip(a.trend, b.trend, strict=True)
    ]
    assert [lv.resolved_y for lv in county.levels] == [
        x.resolved_y + y.resolved_y for x, y in zip(a.levels, b.levels, strict=True)
    ]


def test_register_of_one_committee(store: Store, clock: FixedClock) -> None:
    from desktop.core.reports.register import case_ids_for

    clock.set(date(2026, 11, 5))
    build_october(store)
    _tag_new_cases(store, "village-a")
    build_october(store)
    _tag_new_cases(store, "village-b")
    a = case_ids_for(store, month="2026-10", committee_id="village-a")
    b = case_ids_for(store, month="2026-10", committee_id="village-b")
    assert len(a) == len(b) == 4 and not set(a) & set(b)
    assert sorted(case_ids_for(store, month="2026-10")) == sorted(a + b)
