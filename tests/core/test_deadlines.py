"""Deadlines: the 30-day limit with extensions, the 司法确认 window, performance terms, the
return visit, and the month-end report; and the "due on date D" query."""

from __future__ import annotations

from datetime import date

from builders import FixedClock, applicant, intake, on_day, respondent, run_to_agreement

from desktop.core.deadlines import (
    CONFIRMATION,
    MEDIATION,
    MONTH_END_KINDS,
    MONTHLY_REPORT,
    PERFORMANCE,
    RETURN_VISIT,
    DeadlineInputs,
    case_deadlines,
    due_on,
    inputs_for,
    month_end,
)
from desktop.core.models import CaseStatus
from desktop.core.store import Store


def by_kind(store: Store, case_id: int) -> dict[str, list]:
    out: dict[str, list] = {}
    spec = store.cases.spec_for(case_id)
    for d in case_deadlines(inputs_for(store, case_id), spec):
        out.setdefault(d.kind, []).append(d)
    return out


def test_mediation_limit_counts_extensions(store: Store) -> None:
    on_day(store, "2026-03-02")
    case = store.cases.create(intake(accepted_on="2026-03-02"), [applicant(), respondent()])
    assert by_kind(store, case.id)[MEDIATION][0].due == date(2026, 4, 1)
    on_day(store, "2026-03-25")
    store.flow.extend(case.id, 10, "等待鉴定", consent=True, on="2026-03-25")
    on_day(store, "2026-03-30")
    store.flow.extend(case.id, 5, "当事人外出", consent=True, on="2026-03-30")
    limit = by_kind(store, case.id)[MEDIATION][0]
    assert limit.due == date(2026, 4, 16) and not limit.done and "含延长 15 天" in limit.label


def test_agreement_deadlines(store: Store) -> None:
    case_id = run_to_agreement(store)  # agreement 2026-03-06, term deadlines 03-11..03-13
    k = by_kind(store, case_id)
    assert k[MEDIATION][0].done
    assert k[CONFIRMATION][0].due == date(2026, 4, 5) and not k[CONFIRMATION][0].done
    assert [d.due for d in k[PERFORMANCE]] == [
        date(2026, 3, 11),
        date(2026, 3, 12),
        date(2026, 3, 13),
    ]
    assert k[RETURN_VISIT][0].due == date(
        2026, 3, 28
    )  # 15 days after the last performance deadline
    store.cases.update(case_id, {"judicial_confirmation": "已申请"})
    assert by_kind(store, case_id)[CONFIRMATION][0].done


def test_return_visit_without_terms_deadline_is_30_days_after_agreement() -> None:
    from desktop.core.workflow.catalog import load_catalog

    spec = load_catalog().latest()
    c = DeadlineInputs(
        1,
        "x",
        "t",
        CaseStatus.SUCCEEDED,
        "archive",
        date(2026, 1, 5),
        "口头协议",
        date(2026, 1, 20),
    )
    visit = [d for d in case_deadlines(c, spec) if d.kind == RETURN_VISIT][0]
    assert visit.due == date(2026, 2, 19)
    assert not [d for d in case_deadlines(c, spec) if d.kind == CONFIRMATION]  # oral: no 司法确认


def test_due_on_lists_overdue_and_soon_most_urgent_first(store: Store, clock: FixedClock) -> None:
    old = store.cases.create(intake(accepted_on="2026-01-05"), [applicant(), respondent()])
    recent = store.cases.create(intake(accepted_on="2026-03-01"), [applicant(), respondent()])
    items = due_on(store, date(2026, 2, 10), horizon_days=7)
    assert [(i.kind, i.case_id) for i in items] == [(MEDIATION, old.id)]
    assert items[0].days_left(date(2026, 2, 10)) == -6
    items = due_on(store, date(2026, 3, 27), horizon_days=7)
    kinds = [(i.kind, i.case_id) for i in items]
    assert (MEDIATION, recent.id) in kinds and (MONTHLY_REPORT, None) in kinds
    # the month-end duties first (deadlines.today_order), then the cases by due day
    assert items[0].kind in MONTH_END_KINDS
    cases = [i.due for i in items if i.kind not in MONTH_END_KINDS]
    assert cases == sorted(cases)


def test_closed_confirmation_window_is_not_listed(store: Store) -> None:
    case_id = run_to_agreement(store)
    late = [i.kind for i in due_on(store, date(2026, 4, 20)) if i.case_id == case_id]
    assert CONFIRMATION not in late and RETURN_VISIT in late


def test_month_end_report_done_once_recorded(store: Store, tmp_path) -> None:
    day = date(2026, 10, 28)
    assert month_end(day) == date(2026, 10, 31)
    assert [i.kind for i in due_on(store, day)] == [MONTHLY_REPORT]
    report = tmp_path / "月报.pdf"
    report.write_bytes(b"%PDF-1.4 test")
    store.files.record_document(None, "monthly_report:2026-10", "pdf", report)
    assert due_on(store, day) == []
