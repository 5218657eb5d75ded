"""A date of something that has happened is never after today, and a day of the case's
handling never before the workflow's earliest date (kind: a year mistyped far in the future or
long ago — 2099, 1900, 0226 — accepted as 受理日期, 调解日期, 协议日期, 回访日期, 归档日期 …, and
counting deadlines from a day that never comes). Refused in one Chinese sentence naming the
field, by the core (so the window and the command line alike), nothing written."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from builders import FixedClock, applicant, intake, on_day, respondent, run_to_agreement
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.errors import ValidationError
from desktop.core.store import Store
from desktop.core.workflow.spec import FieldSpec, WorkflowSpec

TODAY = date(2026, 3, 2)  # the test store's clock (tests/conftest.py)

#: A minimal record of each kind, its date field left to the test.
RECORDS: dict[str, dict[str, Any]] = {
    "investigation": {
        "place": "村",
        "investigator": "王调解",
        "subject": "张建国",
        "content": "查看",
    },
    "session": {
        "place": "村",
        "participants": "双方",
        "statements": "陈述",
        "persuasion": "疏导",
        "result": "同意",
    },
    "return_visit": {
        "visitor": "王调解",
        "visited_party": "张建国",
        "performance": "已履行",
        "satisfaction": "满意",
        "notes": "已履行。",
    },
    "receipt": {"description": "收条"},
}

FUTURE = st.integers(1, 80 * 365).map(lambda n: TODAY + timedelta(days=n))
LONG_AGO = st.dates(min_value=date(1, 1, 1), max_value=date(1999, 12, 31))
SPELLINGS = st.sampled_from(
    [lambda d: d.isoformat(), lambda d: f"{d.year}年{d.month}月{d.day}日", lambda d: d]
)


def date_fields(spec: WorkflowSpec) -> list[tuple[str, FieldSpec]]:
    """Every date field of the workflow: (where, field); where is 'step' or a record kind."""
    found = [("step", f) for s in spec.steps for f in s.fields if f.kind == "date"]
    found += [
        (k, f) for k, kind in spec.record_kinds.items() for f in kind.fields if f.kind == "date"
    ]
    return found


def test_every_date_field_says_whether_it_has_happened(store: Store) -> None:
    """A new date field must choose: a deadline (履行期限) looks ahead, every other date has
    happened. The five of issue 13 are days of the case's handling."""
    spec = store.catalog.latest()
    for where, f in date_fields(spec):
        assert f.not_after_today or f.id == "deadline", (where, f.id)
    named = {f.label: f for _w, f in date_fields(spec)}
    for label in ("受理日期", "调解日期", "协议日期", "回访日期", "归档日期"):
        assert named[label].not_after_today and named[label].not_before == date(2000, 1, 1)


def refused(call: Any, field_id: str) -> str:
    with pytest.raises(ValidationError) as info:
        call()
    message = info.value.message
    assert info.value.field == field_id, (info.value.field, message)
    assert message.count("。") == 1 and message.endswith("。"), message
    assert not any("a" <= ch.lower() <= "z" for ch in message), message
    return message


def count(store: Store, table: str) -> int:
    return store.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(day=st.one_of(FUTURE, LONG_AGO), spell=SPELLINGS)
def test_a_case_date_out_of_range_is_refused(store: Store, day: date, spell: Any) -> None:
    """受理日期 at registration; 纠纷发生时间, 协议日期, 归档日期 when the case is changed."""
    before = count(store, "cases")
    if day > TODAY or day.year >= 1000:  # 0226 has no ISO spelling of four digits
        text = spell(day)
        message = refused(
            lambda: store.cases.create(intake(accepted_on=text), [applicant(), respondent()]),
            "accepted_on",
        )
        assert "受理日期" in message and ("晚于今天" in message or "早于2000年1月1日" in message)
    assert count(store, "cases") == before
    case = store.cases.create(intake(), [applicant(), respondent()])
    fields = ["agreement_on", "closed_on"] + (["occurred_on"] if day > TODAY else [])
    for field_id in fields:
        old = store.cases.get(case.id)
        refused(lambda f=field_id: store.cases.update(case.id, {f: day}), field_id)
        assert store.cases.get(case.id) == old


def test_a_long_ago_dispute_and_birth_are_no_slip(store: Store) -> None:
    """纠纷发生时间 and 出生日期 may be long ago (a land dispute of 1985), never after today."""
    case = store.cases.create(intake(occurred_on="1985-06-01"), [applicant(), respondent()])
    row = store.db.execute("SELECT occurred_on FROM cases WHERE id = ?", [case.id]).fetchone()
    assert row[0] == "1985-06-01"
    refused(
        lambda: store.records.add_party(
            case.id, applicant(name="王小宝", id_number="", birth_date="2030-01-01")
        ),
        "birth_date",
    )


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(kind=st.sampled_from(sorted(RECORDS)), day=st.one_of(FUTURE, LONG_AGO))
def test_a_record_date_out_of_range_is_refused(store: Store, kind: str, day: date) -> None:
    """调查日期, 调解日期, 回访日期, 履行凭证的日期: added or changed."""
    case_id = store.cases.create(intake(), [applicant(), respondent()]).id
    date_id = next(
        f.id for f in store.catalog.latest().record_kinds[kind].fields if f.kind == "date"
    )
    before = count(store, "audit_log")
    refused(lambda: store.records.add(case_id, kind, {**RECORDS[kind], date_id: day}), date_id)
    kept = store.records.add(case_id, kind, {**RECORDS[kind], date_id: TODAY})
    refused(lambda: store.records.update(kind, kept.id, {date_id: day}), date_id)
    assert store.records.get(kind, kept.id).values[date_id] == TODAY
    assert count(store, "audit_log") == before + 1


@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
@given(ahead=st.integers(1, 30 * 365))
def test_escalation_termination_and_extension_are_not_dated_ahead(store: Store, ahead: int) -> None:
    day = TODAY + timedelta(days=ahead)
    case_id = store.cases.create(intake(), [applicant(), respondent()], level=1).id
    for call in (
        lambda: store.flow.escalate(case_id, 2, "网格员调解未果", day),
        lambda: store.flow.terminate(case_id, "双方分歧太大", ["申请仲裁"], day),
        lambda: store.flow.extend(case_id, 10, "等待鉴定", consent=True, on=day),
    ):
        with pytest.raises(ValidationError, match="晚于今天"):
            call()
    assert not store.cases.detail(case_id).escalations


def test_the_onsite_record_refuses_a_day_ahead(store: Store) -> None:
    case_id = store.cases.create(intake(), [applicant(), respondent()]).id
    values = {
        **store.onsite.prefill(case_id),
        "held_on": "2099-03-02",
        "place": "村口",
        "findings": "属实。",
        "result": "当场挪车。",
        "obligor": "李秀英",
        "manner": "当场履行",
        "risk_flags": ("无明显激化风险",),
    }
    refused(lambda: store.onsite.settle(case_id, values), "held_on")


def test_the_day_itself_and_the_clock_moving_on(store: Store, clock: FixedClock) -> None:
    """Today is accepted; a day refused today is accepted once it has come."""
    case_id = run_to_agreement(store)  # its story runs on to 3月6日
    visit = {**RECORDS["return_visit"], "visited_on": "2026-03-20"}
    refused(lambda: store.records.add(case_id, "return_visit", visit), "visited_on")
    on_day(store, "2026-03-20")
    assert store.records.add(case_id, "return_visit", visit).values["visited_on"] == date(
        2026, 3, 20
    )
    assert clock().date() == date(2026, 3, 20)
