"""Every indicator of the monthly report on a hand-built month (cases A-I in report_builders),
with the figures worked out by hand; month boundaries; a zero month; the committee filter."""

from __future__ import annotations

from datetime import date

import pytest
from builders import FixedClock
from report_builders import build_october

from desktop.core.errors import ValidationError
from desktop.core.reports import build_report, get_entry, save_entry
from desktop.core.reports.model import MonthlyReport
from desktop.core.reports.period import Month
from desktop.core.reports.scope import own_committee_id
from desktop.core.store import Store

# key -> (October, 1 January to 31 October); None: a time-point figure (no year value).
EXPECTED: dict[str, tuple[object, object]] = {
    "screenings": (12, 16),
    "disputes_found": (5, 7),
    "prevented": (3, 3),
    "accepted": (4, 7),  # A C D G | + B E F  (H is 2025, I is November)
    # The official source list (indicators.toml [[sources]]); rows without 其中 add up to 4 | 7.
    "source:apply": (2, 4),  # 当事人申请: A D | + E F
    "source:initiative": (2, 2),  # 人民调解委员会主动调解: C (网格排查) G (调委会主动调解)
    "source:initiative:grid": (1, 1),  # 其中：网格排查: C
    "source:referred": (0, 1),  # 有关部门/单位委托移送: B
    "source:referred:court": (0, 1),  # 其中：人民法院: B (法院委托)
    "source:referred:police": (0, 0),
    "source:referred:petition": (0, 0),
    "source:referred:procuratorate": (0, 0),
    "source:referred:other": (0, 0),
    "difficult": (2, 3),  # 疑难复杂: A C | + B (D is 一般)
    "success_rate_accepted": (50.0, 42.9),  # 成功÷受理: 2/4, 3/7 = 42.857…
    "succeeded": (2, 3),  # A B | + H (agreement in January)
    "failed": (1, 1),  # C
    "terminated": (0, 0),  # D ends on 1 November
    "transferred": (1, 1),  # G
    "open_at_end": (3, None),  # D E F
    "overdue_at_end": (1, None),  # E (F is within its extension; D accepted on the 31st)
    "success_rate": (66.7, 75.0),  # 2/(2+1+0), 3/(3+1+0)
    "written": (1, 2),
    "oral": (1, 1),
    "agreement_amount": (100000, 110000),  # 500+300+200 yuan | + H's 100
    "agreement_amount_wan": (100000, 110000),  # the same fen, printed 0.10 | 0.11 万元
    "accepted_amount": (300000, 350000),  # A 1000 + C 2000 | + F 500
    "people": (11, 17),  # A3 C4 D2 G2 | + B2 E2 F2
    "confirmation_applied": (1, 1),  # A only: B is oral (no 司法确认)
    "confirmed": (1, 1),
    "visits": (5, 6),  # A×2 B C H | + H in February
    "performance_checked": (3, 3),  # A B H (C's visit is 不适用)
    "performed": (2, 2),  # A (last visit 已履行), H
    "performance_rate": (66.7, 66.7),
    # Prevention rows count the cases accepted in the period with the risk registered, whatever
    # their outcome.
    "risk:可能民转刑:cases": (1, 1),
    "risk:可能民转刑:people": (3, 3),  # A
    "risk:可能群体性上访:cases": (0, 1),  # B was accepted in September
    "risk:可能群体性上访:people": (0, 2),
    "risk:可能引发自杀:cases": (1, 1),  # C, although mediation failed
    "risk:可能引发自杀:people": (4, 4),
    "risk:可能群体性械斗:cases": (0, 0),
    "escalations": (2, 2),  # G twice
}


@pytest.fixture
def october(store: Store, clock: FixedClock) -> MonthlyReport:
    clock.set(date(2026, 11, 5))
    build_october(store)
    save_entry(store, "2026-09", screenings=4, disputes_found=2)
    save_entry(
        store,
        "2026-10",
        screenings=12,
        disputes_found=5,
        prevented=3,
        narrative="本月调处纠纷四件。",
        filler="王调解",
        reviewer="李主任",
    )
    return build_report(store, "2026-10")


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_indicator_by_hand(october: MonthlyReport, key: str) -> None:
    assert (october.value(key, "month"), october.value(key, "year")) == EXPECTED[key]


def test_official_names_units_and_printed_values(october: MonthlyReport) -> None:
    from desktop.core.reports.model import display

    rows = {r.key: r for r in october.indicators}
    assert (rows["accepted"].label, rows["accepted"].unit) == ("调解案件总数", "件")
    assert (rows["people"].label, rows["succeeded"].label) == ("涉及当事人数", "调解成功")
    assert rows["difficult"].label == "疑难复杂案件"
    wan = rows["agreement_amount_wan"]
    assert (wan.label, wan.unit) == ("协议涉及金额", "万元")
    assert (display(wan.month, wan.kind), display(wan.year, wan.kind)) == ("0.10", "0.11")
    assert rows["screenings"].label == "排查纠纷" and rows["screenings"].unit == "次"
    assert rows["prevented"].label == "预防纠纷" and rows["prevented"].unit == "件"
    names = [r.label for r in october.indicators if r.key.startswith("risk:")]
    assert names[:2] == ["防止民间纠纷转化为刑事案件（件）", "防止民间纠纷转化为刑事案件（人）"]
    assert "防止因民间纠纷引起自杀（人）" in names and "防止群体性械斗（件）" in names
    assert "不论最后是否达成协议都计入" in rows["risk:可能民转刑:cases"].definition
    assert "成功 ÷ 调解案件总数" in rows["success_rate_accepted"].definition.replace(
        "调解成功 ", "成功 "
    )
    top = [r for r in october.indicators if r.key.startswith("source:") and "其中" not in r.label]
    assert sum(r.month for r in top) == rows["accepted"].month  # type: ignore[misc]
    assert sum(r.year for r in top) == rows["accepted"].year  # type: ignore[misc]


def test_every_indicator_has_a_definition(october: MonthlyReport) -> None:
    assert all(r.definition and r.label and r.unit for r in october.indicators)
    text = "\n".join(october.notes)
    for phrase in ("受理日期", "协议日期", "终止日期", "最后一次回访", "30日"):
        assert phrase in text


def test_category_table(october: MonthlyReport) -> None:
    rows = {r.name: r for r in october.categories}
    nb = rows["邻里纠纷"]  # A, C accepted (both 疑难复杂); A succeeded; C unresolved
    assert (
        nb.accepted_m,
        nb.succeeded_m,
        nb.unresolved_m,
        nb.difficult_m,
        nb.people_m,
        nb.amount_m,
        nb.accepted_y,
        nb.succeeded_y,
        nb.unresolved_y,
    ) == (2, 1, 1, 2, 7, 300000, 2, 1, 1)
    fam = rows[
        "婚姻家庭纠纷"
    ]  # B settled in October; B E accepted this year; B H settled this year
    assert (fam.accepted_m, fam.succeeded_m, fam.accepted_y, fam.succeeded_y) == (0, 1, 2, 2)
    assert (fam.unresolved_m, fam.unresolved_y) == (0, 1)  # E is still open
    total = october.category_total
    assert (total.accepted_m, total.succeeded_m, total.accepted_y) == (4, 2, 7)
    # 未化解: C (failed) D (open at month end) G (handed over) | + E F (open)
    assert (total.unresolved_m, total.unresolved_y, total.difficult_m) == (3, 5, 2)
    assert total.people_m == 11 and total.amount_m == 300000


def test_level_table(october: MonthlyReport) -> None:
    levels = {lv.number: lv for lv in october.levels}
    assert (levels[2].resolved_m, levels[2].resolved_y) == (2, 3)  # A B | + H, at the village
    assert (levels[2].escalated_in_m, levels[3].escalated_in_m) == (1, 1)  # G: 1->2, 2->3
    assert levels[1].resolved_y == 0 and levels[4].escalated_in_y == 0


def test_trend_twelve_months(october: MonthlyReport) -> None:
    trend = {m.key: (a, s) for m, a, s in october.trend}
    assert list(trend)[0] == "2025-11" and list(trend)[-1] == "2026-10"
    assert trend["2026-10"] == (4, 2)
    assert trend["2026-09"] == (2, 0)  # B F
    assert trend["2026-08"] == (1, 0)  # E
    assert trend["2025-12"] == (1, 0) and trend["2026-01"] == (0, 1)  # H


def test_header_and_texts_come_from_the_saved_entry(october: MonthlyReport) -> None:
    assert october.committee_name == "星光村人民调解委员会"
    assert (october.filler, october.reviewer) == ("王调解", "李主任")
    assert october.narrative == "本月调处纠纷四件。"
    assert not october.is_zero


def test_next_month_boundary(store: Store, clock: FixedClock) -> None:
    clock.set(date(2026, 11, 5))
    build_october(store)
    nov = build_report(store, "2026-11")
    assert nov.value("accepted") == 1  # I, accepted 1 November
    assert nov.value("terminated") == 1  # D, withdrawn 1 November
    assert nov.value("accepted", "year") == 8
    assert nov.value("open_at_end") == 3  # E F I (D ended on the 1st)


def test_zero_month_still_reports(store: Store, clock: FixedClock) -> None:
    clock.set(date(2026, 11, 5))
    build_october(store)
    june = build_report(store, "2026-06")
    assert june.is_zero
    assert june.value("success_rate") is None  # nothing to divide: not 0%
    assert june.value("succeeded", "year") == 1  # H, January
    assert all(a == 0 for m, a, _ in june.trend if m.year == 2026 and m.month >= 2)


def test_committee_filter_in_a_single_committee_file(store: Store, clock: FixedClock) -> None:
    clock.set(date(2026, 11, 5))
    build_october(store)
    own = build_report(store, "2026-10", committee_id=own_committee_id(store.db))
    assert own.value("accepted") == 4
    other = build_report(store, "2026-10", committee_id="another-committee")
    assert other.value("accepted") == 0 and other.value("accepted", "year") == 0


def test_entry_refuses_bad_figures(store: Store) -> None:
    with pytest.raises(ValidationError, match="排查次数.*负数"):
        save_entry(store, "2026-10", screenings=-1)
    with pytest.raises(ValidationError, match="整数"):
        save_entry(store, "2026-10", prevented="三")
    with pytest.raises(ValidationError, match="不存在：月份只能是 1 到 12"):
        save_entry(store, "2026-13", screenings=1)
    saved = save_entry(store, "2026年10月", screenings="7")
    assert saved.month == "2026-10" and get_entry(store.db, Month(2026, 10)).screenings == 7
    again = save_entry(store, "2026-10", prevented=2)
    assert (again.screenings, again.prevented) == (7, 2)  # the rest is kept
    audit = store.db.execute(
        "SELECT count(*) FROM audit_log WHERE entity = 'monthly_entry'"
    ).fetchone()[0]
    assert audit == 2
