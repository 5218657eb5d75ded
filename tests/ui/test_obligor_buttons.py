"""履行人 in the window: the case's parties are offered as buttons under the field (a click puts
the name in, another takes it out, several joined by 、), and a name that is no party's is
refused at the field with the core's sentence, in the term dialog and in 当场调解."""

from __future__ import annotations

import pytest
from builders import applicant, intake, respondent, run_to_agreement
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pytestqt.qtbot import QtBot

from desktop.core.store import Store
from desktop.ui.workspace.onsite_dialog import OnsiteDialog
from desktop.ui.workspace.record_panel import RecordDialog

pytestmark = pytest.mark.ui


@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
@given(clicks=st.lists(st.sampled_from(["张建国", "李秀英"]), min_size=1, max_size=5))
def test_names_are_picked_by_clicking(qtbot: QtBot, store: Store, clicks: list[str]) -> None:
    case_id = run_to_agreement(store)
    dialog = RecordDialog(store, case_id, store.catalog.latest().record_kinds["term"])
    qtbot.addWidget(dialog)
    field = dialog.form.widgets["obligor"]
    buttons = {b.text(): b for b in field.name_buttons}
    assert sorted(buttons) == ["张建国", "李秀英"]
    expected: list[str] = []
    for name in clicks:
        buttons[name].click()
        expected = [n for n in expected if n != name] if name in expected else [*expected, name]
    assert (field.value() or "") == "、".join(expected)


def test_a_stranger_is_refused_at_the_field(qtbot: QtBot, store: Store) -> None:
    case_id = run_to_agreement(store)
    dialog = RecordDialog(store, case_id, store.catalog.latest().record_kinds["term"])
    qtbot.addWidget(dialog)
    dialog.form.set_values(
        {"content": "赔偿损失", "manner": "现金", "deadline": "2026-04-01", "obligor": "王五"}
    )
    count = len(store.records.list(case_id, "term"))
    assert not dialog.try_save()
    error = dialog.form.widgets["obligor"].error_text()
    assert error.startswith("履行人“王五”不是本案当事人") and "张建国、李秀英" in error
    assert len(store.records.list(case_id, "term")) == count
    dialog.form.widgets["obligor"].name_buttons[1].click()
    dialog.form.set_values({"obligor": "李秀英"})
    assert dialog.try_save()


def test_onsite_offers_the_names_and_refuses_a_stranger(qtbot: QtBot, store: Store) -> None:
    case_id = store.cases.create(intake(), [applicant(), respondent()]).id
    onsite = store.catalog.latest().onsite
    assert onsite is not None
    dialog = OnsiteDialog(store, case_id, onsite)
    qtbot.addWidget(dialog)
    field = dialog.form.widgets["obligor"]
    assert [b.text() for b in field.name_buttons] == ["张建国", "李秀英"]
    dialog.form.set_values(
        {
            "place": "村口",
            "findings": "属实。",
            "result": "当场挪车。",
            "obligor": "隔壁老王",
            "manner": "当场履行",
            "risk_flags": ("无明显激化风险",),
        }
    )
    assert not dialog.try_save()
    assert "不是本案当事人" in field.error_text()
