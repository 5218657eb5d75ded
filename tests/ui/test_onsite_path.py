"""The 当场调解 short path through the real window (issue 13): a walk-in dispute registered at
step 1 is settled in one record — typed into the real dialog's fields, ticked and chosen with
the mouse — and the case stands at 回访归档 with the 口头协议登记表 printable; a refusal is
shown at its field and the case is untouched; the fields follow the answers."""

from __future__ import annotations

import pytest
from builders import applicant, intake, respondent, run_to_agreement
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit
from workspace_driver import answer, cell_text

from desktop.core.store import Store
from desktop.ui.workspace import CaseWorkspace
from desktop.ui.workspace.field_form import FieldForm
from desktop.ui.workspace.onsite_dialog import OnsiteDialog
from desktop.ui.workspace.record_panel import RecordDialog

pytestmark = pytest.mark.ui

TYPED = {
    "place": "村口",
    "findings": "李秀英的车停在张建国家门口，挡住出入，双方当场查看属实。",
    "result": "李秀英当场把车挪走，以后不在张家门口停车。",
    "obligor": "李秀英",
}


def tick(qtbot, box: QCheckBox) -> None:  # noqa: ANN001
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def type_into(form: FieldForm, values: dict[str, str]) -> None:
    """Text as an input method commits it (setText; keyClicks of Chinese crash)."""
    for fid, text in values.items():
        editor = getattr(form.widgets[fid], "line", form.widgets[fid].editor)  # a DateField's box
        if isinstance(editor, QLineEdit):
            editor.setText(text)
            editor.editingFinished.emit()
        else:
            assert isinstance(editor, QPlainTextEdit)
            editor.setPlainText(text)


def choose(form: FieldForm, fid: str, text: str) -> None:
    combo = form.widgets[fid].editor
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findText(text))


def fill_and_save(qtbot, values: dict[str, str], manner: str = "当场履行"):  # noqa: ANN001, ANN201
    def fill(dialog: OnsiteDialog) -> None:
        type_into(dialog.form, values)
        choose(dialog.form, "manner", manner)
        risk = next(
            b for b in dialog.form.widgets["risk_flags"].boxes if b.text() == "无明显激化风险"
        )
        tick(qtbot, risk)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    return fill


def workspace(qtbot, store: Store, case_id: int) -> CaseWorkspace:  # noqa: ANN001
    ws = CaseWorkspace(store, case_id)
    qtbot.addWidget(ws)
    ws.resize(1366, 688)
    ws.show()
    return ws


def test_walk_in_dispute_reaches_the_oral_agreement_in_one_record(
    qtbot,
    store: Store,
    monkeypatch: pytest.MonkeyPatch,  # noqa: ANN001
) -> None:
    case_id = store.cases.create(intake(), [applicant(), respondent()]).id
    ws = workspace(qtbot, store, case_id)
    form = ws.current_form()
    assert form.step.id == "accept" and form.onsite_button.isVisible()
    opened = answer(monkeypatch, OnsiteDialog, fill_and_save(qtbot, TYPED))
    qtbot.mouseClick(form.onsite_button, Qt.MouseButton.LeftButton)
    (dialog,) = opened
    # Started with today, the signed-in mediator and the parties present.
    assert dialog.form.widgets["participants"].editor.text() == "张建国、李秀英"
    assert dialog.form.widgets["mediators"].editor.text() == "王调解"
    assert dialog.form.widgets["recorder"].editor.text() == "王调解"  # he writes it himself
    case = store.cases.get(case_id)
    assert case.step_now == "archive" and case.agreement_form == "口头协议"
    assert ws.current_form().step.id == "archive"
    assert "口头协议登记表" in ws.notice.text() and ws.notice.isVisible()
    ws.tabs.setCurrentWidget(ws.documents)
    table = ws.documents.table
    rows = {cell_text(table, r, 0) for r in range(table.rowCount())}
    assert any(r.startswith("人民调解口头协议登记表") for r in rows)
    assert any(r.startswith("人民调解记录") for r in rows)
    assert not ws.current_form().onsite_box.isVisible()


def test_a_missing_answer_is_shown_at_its_field_and_nothing_moves(
    qtbot,
    store: Store,
    monkeypatch: pytest.MonkeyPatch,  # noqa: ANN001
) -> None:
    case_id = store.cases.create(intake(), [applicant(), respondent()]).id
    ws = workspace(qtbot, store, case_id)
    form = ws.current_form()
    left = {k: v for k, v in TYPED.items() if k != "findings"}
    opened = answer(monkeypatch, OnsiteDialog, fill_and_save(qtbot, left))
    qtbot.mouseClick(form.onsite_button, Qt.MouseButton.LeftButton)
    (dialog,) = opened
    assert dialog.saved is None and "纠纷情况和查明的事实" in dialog.error.text()
    assert dialog.form.widgets["findings"].error_text()
    assert store.cases.get(case_id).step_now == "accept"
    assert not store.records.list(case_id, "session")
    assert ws.current_form().onsite_box.isVisible()


def test_the_deadline_is_asked_only_when_not_done_on_the_spot(qtbot, store: Store) -> None:  # noqa: ANN001
    case_id = store.cases.create(intake(), [applicant(), respondent()]).id
    spec = store.catalog.latest()
    assert spec.onsite is not None
    dialog = OnsiteDialog(store, case_id, spec.onsite)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.form.applies("deadline")
    choose(dialog.form, "manner", "约定期限内履行")
    assert dialog.form.applies("deadline")
    choose(dialog.form, "manner", "当场履行")
    assert not dialog.form.applies("deadline")


def test_a_session_ticked_onsite_asks_the_facts_not_the_statements(qtbot, store: Store) -> None:  # noqa: ANN001
    case_id = store.cases.create(intake(), [applicant(), respondent()]).id
    dialog = RecordDialog(store, case_id, store.catalog.latest().record_kinds["session"])
    qtbot.addWidget(dialog)
    dialog.show()
    form = dialog.form
    assert form.applies("statements") and not form.applies("findings")
    tick(qtbot, form.widgets["onsite"].check)
    assert form.applies("findings") and not form.applies("statements")
    assert not form.applies("persuasion")


def test_not_offered_past_mediation(qtbot, store: Store) -> None:  # noqa: ANN001
    case_id = run_to_agreement(store)
    ws = workspace(qtbot, store, case_id)
    for step in store.catalog.latest().steps:
        ws.show_step(step.id)
        assert not ws.current_form().onsite_box.isVisible()


def test_oral_agreement_step_does_not_star_written_only_fields(qtbot, store: Store) -> None:  # noqa: ANN001
    """争议事项 and 各方责任 carry ＊ for a written agreement only (人民调解法 第29条)."""
    from desktop.ui.workspace.step_form import StepForm

    case_id = store.cases.create(intake(), [applicant(), respondent()]).id
    spec = store.catalog.latest()
    form = StepForm(store, case_id, spec, spec.step("agree"))
    qtbot.addWidget(form)
    form.show()
    labels = form.form.labels
    choose(form.form, "agreement_form", "书面协议")
    assert labels["responsibility"].text().startswith("＊")
    assert labels["disputed_matters"].text().startswith("＊")
    choose(form.form, "agreement_form", "口头协议")
    assert not labels["responsibility"].text().startswith("＊")
    assert not labels["disputed_matters"].text().startswith("＊")


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(left_out=st.sets(st.sampled_from(sorted(TYPED)), min_size=1))
def test_every_missing_answer_is_shown_at_its_own_field(
    qtbot,  # noqa: ANN001
    store: Store,
    left_out: set[str],
) -> None:
    """The kind: any required answer left empty is refused at that field of the real dialog
    (the first one in form order), the dialog stays open and nothing is written."""
    case_id = store.cases.create(intake(), [applicant(), respondent()]).id
    spec = store.catalog.latest()
    assert spec.onsite is not None
    dialog = OnsiteDialog(store, case_id, spec.onsite)
    qtbot.addWidget(dialog)
    dialog.show()
    fill_and_save(qtbot, {k: v for k, v in TYPED.items() if k not in left_out})(dialog)
    first = next(f.id for f in spec.onsite.fields if f.id in left_out)
    assert dialog.saved is None and dialog.isVisible()
    assert dialog.form.widgets[first].error_text()
    assert [fid for fid, w in dialog.form.widgets.items() if w.error_text()] == [first]
    assert store.cases.get(case_id).step_now == "accept"
    assert not store.records.list(case_id, "session")
    dialog.dirty = False  # close without the question
    dialog.reject()


def test_an_amount_typed_in_the_dialog_is_the_terms_and_todays(
    qtbot,
    store: Store,
    monkeypatch: pytest.MonkeyPatch,  # noqa: ANN001
) -> None:
    """Money agreed on the spot, typed as a mediator writes it (1,200.5), reaches the term, and
    the 今日 line of a later payment says who pays whom how much; the recorder is prefilled."""
    from datetime import date

    from desktop.core.deadlines import due_on

    case_id = store.cases.create(intake(), [applicant(), respondent()]).id
    ws = workspace(qtbot, store, case_id)
    typed = {**TYPED, "amount": "1,200.5", "deadline": "2026年3月20日"}
    opened = answer(monkeypatch, OnsiteDialog, fill_and_save(qtbot, typed, "约定期限内履行"))
    qtbot.mouseClick(ws.current_form().onsite_button, Qt.MouseButton.LeftButton)
    (dialog,) = opened
    assert dialog.saved is not None, dialog.error.text()
    assert "壹仟贰佰元伍角" in dialog.form.widgets["amount"].note.text()
    (term,) = store.records.list(case_id, "term")
    assert term.get("amount") == 120050 and term.get("deadline") == date(2026, 3, 20)
    lines = [d.label for d in due_on(store, date(2026, 3, 2), horizon_days=30)]
    assert "应履行：李秀英付给张建国 1,200.50元" in lines
