"""今日 of an archived case (issue 13): a case archived with a term still open (its reason
recorded) keeps that term's reminders for ``archived_reminder_days`` after the archive date or
its latest return visit, then leaves 今日 — the demo showed 58 of 78 items overdue by ~1,000
days. The case's own 期限 list still shows the open term; a later visit brings it back."""

from __future__ import annotations

from datetime import date, timedelta

from builders import applicant, intake, on_day, respondent
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.deadlines import PERFORMANCE, RETURN_VISIT, case_deadlines, due_on, inputs_for
from desktop.core.store import Store

ACCEPTED = date(2026, 3, 2)


def archived_with_open_term(store: Store, closed_after: int) -> tuple[int, date]:
    """A case settled on the spot with a term due in a week, visited (部分履行) and archived
    ``closed_after`` days after acceptance with the reason recorded."""
    case_id = store.cases.create(intake(), [applicant(), respondent()]).id
    store.onsite.settle(
        case_id,
        {
            **store.onsite.prefill(case_id),
            "held_on": ACCEPTED.isoformat(),  # the clock may have moved on in an earlier example
            "place": "村口",
            "findings": "欠款属实。",
            "result": "李秀英一周内付给张建国 500 元。",
            "obligor": "李秀英",
            "manner": "约定期限内履行",
            "deadline": (ACCEPTED + timedelta(days=7)).isoformat(),
            "risk_flags": ("无明显激化风险",),
        },
    )
    closed = ACCEPTED + timedelta(days=closed_after)
    on_day(store, closed)  # visited and archived on that day
    store.records.add(
        case_id,
        "return_visit",
        {
            "visited_on": closed.isoformat(),
            "visitor": "王调解",
            "visited_party": "张建国",
            "performance": "未履行",
            "satisfaction": "基本满意",
            "notes": "尚未付款。",
        },
    )
    store.cases.update(
        case_id,
        {
            "closing_note": "告知可以申请强制执行。",
            "open_terms_reason": "第1项未履行，已告知当事人可以申请强制执行或起诉。",
            "closed_on": closed.isoformat(),
        },
    )
    store.flow.complete_step(case_id)
    assert store.cases.get(case_id).is_closed
    return case_id, closed


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(closed_after=st.integers(8, 60), later=st.integers(0, 2000))
def test_archived_open_terms_leave_today_after_the_period(
    store: Store, closed_after: int, later: int
) -> None:
    case_id, closed = archived_with_open_term(store, closed_after)
    period = store.catalog.latest().archived_reminder_days
    day = closed + timedelta(days=later)
    listed = {d.kind for d in due_on(store, day, horizon_days=30) if d.case_id == case_id}
    if later <= period:
        assert PERFORMANCE in listed
    else:
        assert not listed
    # The case's own list keeps the open term, whatever the day.
    own = case_deadlines(inputs_for(store, case_id), store.catalog.latest())
    assert any(d.kind == PERFORMANCE and not d.done for d in own)


def test_a_visit_after_archiving_brings_the_reminders_back(store: Store) -> None:
    case_id, closed = archived_with_open_term(store, 20)
    period = store.catalog.latest().archived_reminder_days
    late = closed + timedelta(days=period + 200)
    assert not [d for d in due_on(store, late) if d.case_id == case_id]
    on_day(store, late - timedelta(days=1))  # the visit is recorded on its day
    store.records.add(
        case_id,
        "return_visit",
        {
            "visited_on": (late - timedelta(days=1)).isoformat(),
            "visitor": "王调解",
            "visited_party": "张建国",
            "performance": "未履行",
            "satisfaction": "不满意",
            "notes": "仍未付款，已申请强制执行。",
        },
    )
    kinds = {d.kind for d in due_on(store, late) if d.case_id == case_id}
    assert PERFORMANCE in kinds and RETURN_VISIT in kinds
