"""Forms that keep still (issue 13, failure 3): the line under a field (大写 amount, a red
error) has its room before it is needed, an error goes as soon as the field is right, saving
a clause keeps the scroll position and the step, and a closed case no longer says
“现在办理第N步”."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from builders import applicant, intake, respondent
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from workspace_driver import answer, answer_records

from desktop.core.store import Store
from desktop.ui.fonts import load_fonts
from desktop.ui.workspace import CaseWorkspace
from desktop.ui.workspace.field_form import FieldForm
from desktop.ui.workspace.flow_dialogs import TerminateDialog

pytestmark = pytest.mark.ui


@pytest.fixture(autouse=True)
def real_font(qapp: QApplication) -> Iterator[None]:
    """The bundled font at the normal 12 pt, as the window runs (line heights differ)."""
    old_font, old_style = qapp.font(), qapp.style().name()
    load_fonts(qapp, 12)
    yield
    qapp.setFont(old_font)
    qapp.setStyle(old_style)


def y_of(widget, top) -> int:  # noqa: ANN001
    return widget.mapTo(top, QPoint(0, 0)).y()


def at_agreement(store: Store) -> int:
    case = store.cases.create(intake(), [applicant(), respondent()])
    store.flow.complete_step(case.id)
    store.records.add(
        case.id,
        "investigation",
        {
            "held_on": "2026-03-02",
            "place": "村委",
            "investigator": "王调解",
            "subject": "张建国",
            "content": "查看现场。",
        },
    )
    store.cases.update(case.id, {"evidence_list": "无", "findings": "属实。"})
    store.flow.complete_step(case.id)
    store.records.add(
        case.id,
        "session",
        {
            "held_on": "2026-03-02",
            "place": "村委",
            "participants": "双方",
            "statements": "各自陈述。",
            "persuasion": "释法。",
            "result": "同意调解。",
        },
    )
    store.cases.update(case.id, {"risk_flags": ["无明显激化风险"]})
    store.flow.complete_step(case.id)
    return case.id


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    field_id=st.sampled_from(["amount", "deadline", "content"]),
    typed=st.sampled_from(["1200", "abc", "12000.505", "2026-13-01", "3月5日", "", "八百"]),
)
def test_lines_under_fields_never_push_the_next_field(
    qtbot, store: Store, field_id: str, typed: str
) -> None:  # noqa: ANN001
    """Whatever is typed into a term's fields and left, no field below moves."""
    form = FieldForm(store, store.catalog.latest().record_kinds["term"].fields)
    qtbot.addWidget(form)
    form.resize(1000, 700)
    form.show()
    QApplication.processEvents()
    below = {fid: y_of(w, form) for fid, w in form.widgets.items()}
    widget = form.widgets[field_id]
    editor = getattr(widget, "line", None) or widget.editor
    editor.setFocus()
    if hasattr(editor, "setText"):
        editor.setText(typed)
    else:
        editor.setPlainText(typed)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)  # leave the field, as the mediator does
    QApplication.processEvents()
    assert {fid: y_of(w, form) for fid, w in form.widgets.items()} == below


def test_errors_go_as_soon_as_the_field_is_right(qtbot, store: Store) -> None:  # noqa: ANN001
    case_id = at_agreement(store)
    ws = CaseWorkspace(store, case_id)
    qtbot.addWidget(ws)
    ws.resize(1366, 700)
    ws.show()
    form = ws.current_form()
    chosen = form.form.widgets["agreement_form"]
    chosen.editor.setCurrentIndex(chosen.editor.findData("书面协议"))
    QApplication.processEvents()
    qtbot.mouseClick(form.complete_button, Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    title = form.form.widgets["disputed_matters"]
    assert title.error_text() and form.banner.isVisibleTo(form)
    button_y = y_of(form.complete_button, form)
    title.editor.setFocus()
    title.editor.setPlainText("围墙挡水")
    assert title.error_text() == ""  # cleared at once, not at the next save
    responsibility = form.form.widgets["responsibility"]
    assert responsibility.error_text()  # the others still say what is missing
    responsibility.editor.setPlainText("李秀英负主要责任。")
    form.form.widgets["agreement_on"].line.setText("3月6日")
    form.form.widgets["confirmation_advised"].check.setChecked(True)
    QApplication.processEvents()
    left = {f: w.error_text() for f, w in form.form.widgets.items() if w.error_text()}
    assert left == {}
    assert not form.banner.isVisibleTo(form)
    assert y_of(form.complete_button, form) == button_y  # the buttons did not jump


def test_saving_a_clause_keeps_the_scroll_position_and_step(
    qtbot,
    store: Store,
    monkeypatch: pytest.MonkeyPatch,  # noqa: ANN001
) -> None:
    case_id = at_agreement(store)
    ws = CaseWorkspace(store, case_id)
    qtbot.addWidget(ws)
    ws.resize(1366, 700)
    ws.show()
    form = ws.current_form()
    form.form.widgets["agreement_form"].set_value("书面协议")
    form.form.widgets["agreement_form"].changed.emit()
    assert form.save_clicked()
    QApplication.processEvents()
    scroll = ws.scrolls[ws.shown_step].verticalScrollBar()
    assert scroll.maximum() > 0
    scroll.setValue(scroll.maximum())
    terms = form.panels["term"]
    answer_records(
        monkeypatch,
        {
            "content": "李秀英在围墙底部开排水口",
            "obligor": "李秀英",
            "manner": "自行施工",
            "deadline": date(2026, 3, 20),
        },
    )
    kept = scroll.value()
    qtbot.mouseClick(terms.add_button, Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    qtbot.wait(20)
    assert len(store.records.list(case_id, "term")) == 1
    assert scroll.value() == kept and ws.shown_step == "agree"


def test_a_closed_case_does_not_say_what_to_do_next(
    qtbot,
    store: Store,
    monkeypatch: pytest.MonkeyPatch,  # noqa: ANN001
) -> None:
    case = store.cases.create(intake(), [applicant(), respondent()])
    ws = CaseWorkspace(store, case.id)
    qtbot.addWidget(ws)
    ws.resize(1366, 700)
    ws.show()
    qtbot.mouseClick(ws.current_form().complete_button, Qt.MouseButton.LeftButton)
    assert "现在办理第2步" in ws.notice.text() and ws.notice.isVisibleTo(ws)

    def fill(d: TerminateDialog) -> None:
        d.reason.setPlainText("被申请人明确拒绝继续调解。")
        for check in d.routes.values():
            check.setChecked(True)
        d.ok_button.click()

    answer(monkeypatch, TerminateDialog, fill)
    qtbot.mouseClick(ws.terminate_button, Qt.MouseButton.LeftButton)
    assert store.cases.get(case.id).is_closed
    assert not ws.notice.isVisibleTo(ws)
