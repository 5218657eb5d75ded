"""Fields follow what is being recorded (issue 13, failures 5 and 6): an organisation is not
asked sex, ethnicity or birth date; an oral agreement has no 司法确认 choice; a village
database registers a grid-level case; a mediator added in 设置 is offered at once in an open
case; 无明显激化风险 cannot be ticked with a risk; an age that contradicts the ID number is
refused at the age field."""

from __future__ import annotations

from datetime import date

import pytest
from builders import applicant, intake, respondent
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from desktop.core.errors import ValidationError
from desktop.core.store import Store
from desktop.core.validation.idcard import check_id_number
from desktop.core.workflow.values import coerce
from desktop.ui.new_case_page import NewCasePage
from desktop.ui.settings_dialog import SettingsDialog
from desktop.ui.workspace import CaseWorkspace
from desktop.ui.workspace.record_panel import RecordDialog

pytestmark = pytest.mark.ui

PERSON_ONLY = ("gender", "ethnicity", "birth_date", "age", "id_number")
ORGANISATION_ONLY = ("credit_code", "legal_rep")
settle = settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def choose(widget, value) -> None:  # noqa: ANN001
    widget.editor.setCurrentIndex(widget.editor.findData(value))


def test_an_organisation_is_not_asked_personal_fields(qtbot, store: Store) -> None:  # noqa: ANN001
    case = store.cases.create(intake(), [applicant(), respondent()])
    dialog = RecordDialog(store, case.id, store.cases.spec_of(case).record_kinds["party"])
    qtbot.addWidget(dialog)
    dialog.show()
    form = dialog.form
    assert all(form.applies(f) for f in PERSON_ONLY)
    assert not any(form.applies(f) for f in ORGANISATION_ONLY)
    choose(form.widgets["kind"], "单位")
    assert not any(form.applies(f) for f in PERSON_ONLY)
    assert all(form.applies(f) for f in ORGANISATION_ONLY)
    choose(form.widgets["role"], "第三人")
    form.widgets["name"].editor.setText("平湖市某建筑公司")
    form.widgets["credit_code"].editor.setText("91350100M000100Y43")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    saved = store.records.parties(case.id)[-1]
    assert saved.kind == "单位" and saved.gender == "" and saved.birth_date is None


def test_new_case_party_box_follows_the_kind(qtbot, store: Store) -> None:  # noqa: ANN001
    page = NewCasePage(store)
    qtbot.addWidget(page)
    page.show()
    box = page.parties[1].form
    choose(box.widgets["kind"], "单位")
    assert not any(box.applies(f) for f in PERSON_ONLY)
    assert box.values()["gender"] is None


def test_a_village_database_registers_a_grid_level_case(qtbot, store: Store) -> None:  # noqa: ANN001
    page = NewCasePage(store)
    qtbot.addWidget(page)
    page.show()
    levels = [page.level.itemData(i) for i in range(page.level.count())]
    assert levels == [1, 2]  # the village committee's own level and the grid below it
    assert page.level.currentData() == 2
    page.level.setCurrentIndex(0)
    values = intake()
    form = page.form.widgets
    for fid in ("title", "facts", "requests"):
        w = form[fid]
        (w.editor.setText if hasattr(w.editor, "setText") else w.editor.setPlainText)(values[fid])
    choose(form["category"], "02")
    form["people_count"].editor.setText("2")
    for fid in ("not_reserved", "not_pending", "no_refusal", "rights_notified"):
        form[fid].check.setChecked(True)
    for box, party in zip(page.parties, (applicant(), respondent()), strict=True):
        box.form.widgets["name"].editor.setText(party["name"])
    created: list[int] = []
    page.case_created.connect(created.append)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert created, page.message.text()
    case = store.cases.get(created[0])
    assert case.level_start == 1 and case.level_now == 1
    with pytest.raises(ValidationError, match="只能在网格、村（社区）受理"):
        store.cases.create(intake(), [applicant(), respondent()], level=3)


def test_a_mediator_added_in_settings_is_offered_in_an_open_case(qtbot, store: Store) -> None:  # noqa: ANN001
    case = store.cases.create(intake(), [applicant(), respondent()])
    ws = CaseWorkspace(store, case.id)
    qtbot.addWidget(ws)
    ws.show()
    combo = ws.current_form().form.widgets["mediator"].editor
    settings_dialog = SettingsDialog(store)
    qtbot.addWidget(settings_dialog)
    settings_dialog.new_mediator.setText("李新来")
    add = next(b for b in settings_dialog.findChildren(QPushButton) if b.text() == "添加调解员")
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    combo.showPopup()
    names = [combo.itemText(i) for i in range(combo.count())]
    combo.hidePopup()
    assert "李新来" in names
    assert combo.currentData() == 1  # the case's own mediator stays chosen


def oral_agreement_case(store: Store) -> int:
    """A case settled by an oral agreement, at the last step (set up through the core)."""
    case = store.cases.create(intake(), [applicant(), respondent()])
    store.flow.complete_step(case.id)
    store.records.add(
        case.id,
        "investigation",
        {
            "held_on": "2026-03-02",
            "place": "村口",
            "investigator": "王调解",
            "subject": "双方",
            "content": "当场了解。",
        },
    )
    store.cases.update(case.id, {"evidence_list": "无", "findings": "属实。"})
    store.flow.complete_step(case.id)
    store.records.add(
        case.id,
        "session",
        {
            "held_on": "2026-03-02",
            "place": "村口",
            "participants": "双方",
            "statements": "各自陈述。",
            "persuasion": "释法。",
            "result": "当场和解。",
        },
    )
    store.cases.update(case.id, {"risk_flags": ["无明显激化风险"]})
    store.flow.complete_step(case.id)
    store.cases.update(
        case.id,
        {
            "agreement_form": "口头协议",
            "agreement_on": "2026-03-02",
            "disputed_matters": "停车",
            "responsibility": "互谅。",
        },
    )
    store.records.add(
        case.id,
        "term",
        {
            "content": "李秀英把车挪走。",
            "obligor": "李秀英",
            "manner": "当场履行",
            "deadline": "2026-03-02",
        },
    )
    store.flow.complete_step(case.id)
    return case.id


def test_an_oral_agreement_has_no_judicial_confirmation(
    qtbot,
    store: Store,
    monkeypatch: pytest.MonkeyPatch,  # noqa: ANN001
) -> None:
    from workspace_driver import answer_records

    case_id = oral_agreement_case(store)
    ws = CaseWorkspace(store, case_id)
    qtbot.addWidget(ws)
    ws.resize(1366, 700)
    ws.show()
    form = ws.current_form()
    assert form.step.id == "archive"
    assert not form.form.applies("judicial_confirmation")  # no 司法确认 choice to make
    answer_records(
        monkeypatch,
        {
            "visited_on": date(2026, 3, 2),
            "visitor": "王调解",
            "visited_party": "张建国",
            "performance": "已履行",
            "satisfaction": "满意",
            "notes": "已挪车。",
        },
    )
    qtbot.mouseClick(form.panels["return_visit"].add_button, Qt.MouseButton.LeftButton)
    form.form.widgets["closing_note"].editor.setPlainText("当场化解，已履行。")
    form.form.widgets["closed_on"].line.setText("2026-03-02")
    qtbot.mouseClick(form.complete_button, Qt.MouseButton.LeftButton)
    assert store.cases.get(case_id).is_closed, form.banner.text()


@settle
@given(
    st.sets(
        st.sampled_from(["可能民转刑", "可能引发自杀", "可能群体性上访", "可能群体性械斗"]),
        min_size=1,
    )
)
def test_no_risk_and_a_risk_are_refused_together(store: Store, risks: set[str]) -> None:
    field = store.catalog.latest().step("mediate").field("risk_flags")
    with pytest.raises(ValidationError, match="就不能再选"):
        coerce(field, ["无明显激化风险", *sorted(risks)])
    assert coerce(field, sorted(risks)) == tuple(sorted(risks))


def test_risk_boxes_cannot_both_be_ticked(qtbot, store: Store) -> None:  # noqa: ANN001
    from desktop.ui.workspace.step_form import StepForm

    case = store.cases.create(intake(), [applicant(), respondent()])
    spec = store.cases.spec_of(case)
    mediate = StepForm(store, case.id, spec, spec.step("mediate"))
    qtbot.addWidget(mediate)
    mediate.show()
    boxes = {b.text(): b for b in mediate.form.widgets["risk_flags"].boxes}
    qtbot.mouseClick(boxes["可能引发自杀"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(boxes["无明显激化风险"], Qt.MouseButton.LeftButton)
    assert mediate.form.widgets["risk_flags"].value() == ("无明显激化风险",)
    qtbot.mouseClick(boxes["可能民转刑"], Qt.MouseButton.LeftButton)
    assert mediate.form.widgets["risk_flags"].value() == ("可能民转刑",)


ID_1959 = "330482195903150014"


@settle
@given(age=st.integers(0, 120))
def test_age_must_agree_with_the_id_number(qtbot, store: Store, age: int) -> None:  # noqa: ANN001
    birth = check_id_number(ID_1959).birth_date
    case = store.cases.create(intake(), [applicant(), respondent()])
    dialog = RecordDialog(store, case.id, store.cases.spec_of(case).record_kinds["party"])
    qtbot.addWidget(dialog)
    form = dialog.form
    choose(form.widgets["role"], "第三人")
    form.widgets["name"].editor.setText("王老汉")
    form.widgets["id_number"].editor.setText(ID_1959)
    form.widgets["age"].editor.setText(str(age))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    today = store.today()
    right = today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))
    if age == right:
        assert dialog.saved is not None
    else:
        assert dialog.saved is None
        assert f"应为 {right} 岁" in form.widgets["age"].error_text()
    QApplication.processEvents()
    assert date(1959, 3, 15) == birth
