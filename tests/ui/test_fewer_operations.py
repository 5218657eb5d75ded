"""Fewer operations for the same work (issue 13): the next instalment is one click and a
check, a new case without 纠纷名称 or 涉及人数 gets the usual ones, and the dates of a new
investigation, session or return visit start at today."""

from __future__ import annotations

from datetime import date

import pytest
from builders import applicant, intake, respondent
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from workspace_driver import answer

from desktop.core.clauses import add_months, next_instalment
from desktop.core.store import Store
from desktop.ui.workspace.record_panel import RecordDialog
from desktop.ui.workspace.terms_panel import TermsPanel

pytestmark = pytest.mark.ui


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)), st.integers(1, 40))
def test_next_instalment_counts_on_and_moves_a_month(day: date, n: int) -> None:
    nxt = next_instalment({"content": f"第{n}期支付 1000 元", "deadline": day, "obligor": "甲"})
    assert nxt["content"] == f"第{n + 1}期支付 1000 元" and nxt["obligor"] == "甲"
    moved = nxt["deadline"]
    assert (moved.year * 12 + moved.month) - (day.year * 12 + day.month) == 1
    assert moved.day == day.day or moved == add_months(day, 1) and moved.day < day.day


def test_another_instalment_is_two_clicks(
    qtbot,
    store: Store,
    monkeypatch: pytest.MonkeyPatch,  # noqa: ANN001
) -> None:
    case = store.cases.create(intake(), [applicant(), respondent()])
    spec = store.cases.spec_of(case)
    from desktop.ui.workspace.step_form import StepForm

    agree = StepForm(store, case.id, spec, spec.step("agree"))
    qtbot.addWidget(agree)
    terms = agree.panels["term"]
    store.records.add(
        case.id,
        "term",
        {
            "content": "第1期支付工资 12000 元",
            "obligor": "李秀英",
            "amount": "12000",
            "manner": "银行转账",
            "deadline": "2026-03-31",
        },
    )
    terms.reload()
    assert isinstance(terms, TermsPanel)
    answer(monkeypatch, RecordDialog, lambda d: d.ok_button.click())
    qtbot.mouseClick(terms.instalment_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(terms.instalment_button, Qt.MouseButton.LeftButton)
    saved = store.records.list(case.id, "term")
    assert [r.values["content"] for r in saved] == [
        "第1期支付工资 12000 元",
        "第2期支付工资 12000 元",
        "第3期支付工资 12000 元",
    ]
    assert [r.values["deadline"] for r in saved] == [
        date(2026, 3, 31),
        date(2026, 4, 30),
        date(2026, 5, 30),
    ]
    assert {r.values["amount"] for r in saved} == {1_200_000}


def test_a_new_case_gets_the_usual_title_and_people_count(store: Store) -> None:
    values = intake()
    del values["title"], values["people_count"]
    case = store.cases.create(
        values, [applicant(), applicant(name="王建平", id_number=""), respondent()]
    )
    assert case.title.startswith("张建国等与李秀英") and case.title.endswith("纠纷")
    assert store.cases.state(case).values["people_count"] == 3


def test_new_records_start_at_today(qtbot, store: Store) -> None:  # noqa: ANN001
    case = store.cases.create(intake(), [applicant(), respondent()])
    for kind in ("investigation", "session", "return_visit"):
        dialog = RecordDialog(store, case.id, store.cases.spec_of(case).record_kinds[kind])
        qtbot.addWidget(dialog)
        dates = [w for w in dialog.form.widgets.values() if hasattr(w, "today_button")]
        assert dates and dates[0].value() == store.today()
