"""The order of 今日 (deadlines.today_order): the committee's month-end duties (月报, 录入省平台)
come first while they are reminded (the month's last week), then every case item by due day,
overdue first. Sorted by day, the month-end reminder came after every overdue item and a
backlog of overdue cases hid it. Through the real ``due_on`` over a real file, for any mix of
cases accepted on any days (overdue mediation limits, items due soon) and any day of the
month."""

from __future__ import annotations

from datetime import date, timedelta

from builders import FixedClock, applicant, intake, respondent
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.deadlines import (
    MONTH_END_KINDS,
    MONTH_END_NOTICE_DAYS,
    MONTHLY_REPORT,
    PLATFORM,
    due_on,
    month_end,
)
from desktop.core.store import Store

SUPPRESS = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]


@given(
    accepted=st.lists(st.integers(0, 120), min_size=1, max_size=6),
    day_of_month=st.integers(1, 31),
)
@settings(max_examples=15, deadline=None, suppress_health_check=SUPPRESS)
def test_month_end_duties_first_then_by_due_day(
    store: Store, clock: FixedClock, accepted: list[int], day_of_month: int
) -> None:
    day = date(2026, 3, min(day_of_month, 31))
    clock.set(day)
    for back in accepted:
        on = day - timedelta(days=back)
        store.cases.create(intake(accepted_on=on.isoformat()), [applicant(), respondent()])
    items = due_on(store, day, horizon_days=30)
    kinds = [d.kind for d in items]
    first_case = next((i for i, k in enumerate(kinds) if k not in MONTH_END_KINDS), len(kinds))
    assert all(k in MONTH_END_KINDS for k in kinds[:first_case])
    assert all(k not in MONTH_END_KINDS for k in kinds[first_case:])
    cases = items[first_case:]
    assert [(d.due, d.case_no) for d in cases] == sorted((d.due, d.case_no) for d in cases)
    last_week = month_end(day) - day <= timedelta(days=MONTH_END_NOTICE_DAYS)
    assert (MONTHLY_REPORT in kinds) == last_week
    if PLATFORM in kinds:
        assert last_week
    if last_week and any(back < day.day for back in accepted):  # this month's, not entered
        assert PLATFORM in kinds
    if last_week and any(d.days_left(day) < 0 for d in cases):
        assert kinds[0] in MONTH_END_KINDS  # seen before the overdue backlog
