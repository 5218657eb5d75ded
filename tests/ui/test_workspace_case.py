"""A whole case driven through the real workspace widgets: five steps with their records, an
escalation, a written agreement with three terms, a return visit after closing; and the
refusals of the core shown where the mediator looks."""

from __future__ import annotations

from datetime import date

import pytest
from builders import FixedClock, applicant, intake, respondent
from prompt_driver import answer_prompts
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot
from workspace_driver import answer, answer_records, cell_text, set_fields

from desktop.core.models import DONE, CaseStatus
from desktop.core.store import Store
from desktop.ui.workspace import CaseWorkspace
from desktop.ui.workspace.flow_dialogs import EscalateDialog
from desktop.ui.workspace.terms_panel import SuggestionDialog, TermsPanel

pytestmark = pytest.mark.ui

INVESTIGATION_DAY = date(2026, 3, 3)
INVESTIGATION = {
    "held_on": INVESTIGATION_DAY,
    "place": "张家门前",
    "investigator": "王调解",
    "subject": "张建国",
    "content": "现场查看，排水沟被围墙截断约两米。",
}
SESSION_DAY = date(2026, 3, 5)
SESSION = {
    "held_on": SESSION_DAY,
    "place": "村调解室",
    "participants": "张建国、李秀英",
    "statements": "张：要求拆墙。李：墙在自家地上。",
    "persuasion": "讲明相邻关系的法律规定。",
    "result": "双方同意改砌排水口。",
}
VISIT = {
    "visited_on": date(2026, 3, 30),
    "visitor": "王调解",
    "visited_party": "张建国",
    "performance": "已履行",
    "satisfaction": "满意",
    "notes": "排水口已开，雨后无积水。",
}


def visible_text(widget: QWidget, text: str) -> bool:
    """Is ``text`` shown by some visible label inside ``widget``?"""
    return any(
        text in label.text() and label.isVisibleTo(widget) for label in widget.findChildren(QLabel)
    )


def open_workspace(qtbot: QtBot, store: Store, case_id: int) -> CaseWorkspace:
    ws = CaseWorkspace(store, case_id)
    qtbot.addWidget(ws)
    ws.resize(1366, 768)
    ws.show()
    return ws


def test_whole_case_through_the_workspace(
    qtbot: QtBot, store: Store, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = store.cases.create(intake(), [applicant(), respondent()], level=1)
    ws = open_workspace(qtbot, store, case.id)
    writes: list[int] = []
    ws.case_changed.connect(writes.append)
    assert ws.progress.states == {
        "accept": "current",
        "investigate": "locked",
        "mediate": "locked",
        "agree": "locked",
        "archive": "locked",
    }
    assert not ws.progress.buttons["mediate"].isEnabled()
    assert "现在在此" in ws.ladder.rungs[1].text()

    # Step 1 was filled when the case was registered: it completes at once.
    ws.current_form().complete_button.click()
    assert ws.shown_step == "investigate" and ws.progress.states["accept"] == "done"
    assert ws.notice.text() == "✔ 第1步“排查受理”已完成。现在办理第2步“调查核实”。"

    # An escalation from the grid to the village: the case stays with this committee.
    answer(
        monkeypatch,
        EscalateDialog,
        lambda d: (d.reason.setPlainText("网格员调解未果，移送村调委会"), d.ok_button.click()),
    )
    ws.escalate_button.click()
    assert store.cases.get(case.id).level_now == 2
    assert "现在在此" in ws.ladder.rungs[2].text() and "曾在此办理" in ws.ladder.rungs[1].text()

    # Step 2: an investigation record through the generated dialog, then the step's fields.
    form = ws.current_form()
    clock.set(INVESTIGATION_DAY)  # each record entered on its day
    answer_records(monkeypatch, INVESTIGATION)
    form.panels["investigation"].add_button.click()
    assert form.panels["investigation"].table.rowCount() == 1
    set_fields(form, {"evidence_list": "1. 现场照片两张", "findings": "围墙确实截断排水沟。"})
    assert ws.has_unsaved_changes()
    form.complete_button.click()  # saves first, then completes
    assert not ws.has_unsaved_changes()
    assert ws.shown_step == "mediate"

    # Step 3: two sessions and the risk assessment.
    form = ws.current_form()
    clock.set(SESSION_DAY)
    answer_records(monkeypatch, SESSION)
    form.panels["session"].add_button.click()
    form.panels["session"].add_button.click()
    set_fields(form, {"risk_flags": ("无明显激化风险",)})
    form.complete_button.click()
    assert ws.shown_step == "agree"

    # Step 4: the agreement with three terms; the first from a clause suggestion.
    form = ws.current_form()
    # The 司法确认 notice and the terms apply only once an agreement form is chosen.
    advised = form.form.widgets["confirmation_advised"]
    assert not form.form.layout_.isRowVisible(advised) and not form.panels["term"].isVisibleTo(ws)
    assert form.waiting["term"].isVisibleTo(ws)
    assert (
        form.waiting["term"].text()
        == "“协议形式”选“书面协议”或“口头协议”后，在这里填写协议条款（至少一条）。"
    )
    clock.set(date(2026, 3, 6))
    set_fields(
        form,
        {
            "agreement_form": "书面协议",
            "agreement_on": date(2026, 3, 6),
            "disputed_matters": "围墙挡住排水沟",
            "confirmation_advised": True,
        },
    )
    assert form.form.layout_.isRowVisible(advised) and form.panels["term"].isVisibleTo(ws)
    assert not form.waiting["term"].isVisibleTo(ws)
    terms = form.panels["term"]
    assert isinstance(terms, TermsPanel)
    answer(monkeypatch, SuggestionDialog, lambda d: (d.list.setCurrentRow(0), d.accept()))
    terms.responsibility_button.click()
    assert "李秀英砌筑围墙" in form.form.widgets["responsibility"].value()
    opened = answer_records(monkeypatch, {"amount": "1200"})
    terms.suggest_button.click()
    first = store.records.list(case.id, "term")[0]
    assert first.get("content").startswith("李秀英在其围墙底部开设")
    assert first.get("deadline") == date(2026, 3, 16) and first.get("amount") == 120000
    assert opened[0].form.capitals["amount"].text() == "大写：人民币壹仟贰佰元整"
    answer_records(
        monkeypatch,
        {
            "content": "李秀英赔偿张建国积水损失",
            "obligor": "李秀英",
            "amount": "800.50",
            "manner": "现金",
            "place": "村调解室",
            "deadline": date(2026, 3, 12),
        },
    )
    terms.add_button.click()
    answer_records(
        monkeypatch,
        {
            "content": "双方今后各自保持排水沟畅通",
            "obligor": "张建国、李秀英",
            "manner": "长期遵守",
            "deadline": date(2026, 3, 20),
        },
    )
    terms.add_button.click()
    assert terms.table.rowCount() == 3
    assert terms.total.text() == "金额合计：2,000.50元（人民币贰仟元伍角）"
    assert cell_text(terms.table, 1, 3) == "人民币捌佰元伍角"
    form.complete_button.click()
    assert ws.shown_step == "archive"
    assert store.cases.get(case.id).status is CaseStatus.SUCCEEDED
    assert "在此化解" in ws.ladder.rungs[2].text()

    # The agreement can now be printed: the documents panel lists and generates it.
    ws.tabs.setCurrentWidget(ws.documents)
    assert "agreement" in ws.documents.form_ids
    agreement = ws.documents.act("agreement", "generate")
    assert agreement is not None and agreement.read_bytes()[:5] == b"%PDF-"
    assert ws.timeline.texts()[0] == "生成文书“人民调解协议书”（PDF）"

    # Step 5: a return visit, the closing fields, and the case is archived.
    ws.show_step("archive")
    clock.set(date(2026, 3, 30))
    form = ws.current_form()
    answer_records(monkeypatch, VISIT)
    form.panels["return_visit"].add_button.click()
    set_fields(
        form,
        {
            "judicial_confirmation": "未申请",
            "closing_note": "协议已履行完毕。",
            "closed_on": date(2026, 3, 30),
        },
    )
    form.complete_button.click()
    closed = store.cases.get(case.id)
    assert closed.step_now == DONE and closed.completed_steps[-1] == "archive"
    assert all(state == "done" for state in ws.progress.states.values())

    # Closed: the case reads only, but return visits and receipts can still be added.
    assert not form.complete_button.isVisible() and not form.save_button.isEnabled()
    assert not form.form.widgets["closing_note"].isEnabled()
    assert not ws.escalate_button.isEnabled() and not ws.terminate_button.isEnabled()
    visits = form.panels["return_visit"]
    assert visits.add_button.isEnabled() and not visits.delete_button.isEnabled()
    assert form.panels["receipt"].add_button.isEnabled()
    answer_records(monkeypatch, {**VISIT, "notes": "再次回访，双方关系和睦。"})
    visits.add_button.click()
    assert visits.table.rowCount() == 2
    assert visible_text(ws, "本案已经办结")

    texts = ws.timeline.texts()
    assert texts[0] == "添加回访记录：2026年3月30日，王调解" and "完成第5步“回访归档”" in texts
    assert any(t.startswith("从第1级“网格/微网格化解”上报到第2级") for t in texts)
    assert writes and set(writes) == {case.id}


def test_refused_step_shows_the_reason_beside_each_missing_item(qtbot: QtBot, store: Store) -> None:
    case = store.cases.create(
        {"accepted_on": "2026-03-02", "category": "02", "source": "当事人申请"}, [applicant()]
    )
    ws = open_workspace(qtbot, store, case.id)
    form = ws.current_form()
    form.complete_button.click()
    assert store.cases.get(case.id).step_now == "accept"
    assert form.form.errors["facts"] == "请填写“纠纷简要情况”。"
    assert form.form.errors["rights_notified"] == "请确认“已向当事人告知权利义务（告知书已签收）”。"
    assert "source" not in form.form.errors
    assert visible_text(form.form.widgets["facts"].parentWidget(), "请填写“纠纷简要情况”。")
    parties = form.panels["party"]
    assert (
        parties.error.isVisibleTo(ws)
        and parties.error.text() == "请再添加当事人（至少两方），现有 1 条。"
    )
    assert form.banner.text().startswith("还不能完成第1步“排查受理”：")

    # Filling one item clears its message on the next try; the rest stay.
    set_fields(form, {"facts": "李家围墙挡住张家排水沟。"})
    form.complete_button.click()
    assert "facts" not in form.form.errors and "requests" in form.form.errors


def test_record_dialog_refusal_stays_open_at_the_field(
    qtbot: QtBot, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = store.cases.create(intake(), [applicant()])
    ws = open_workspace(qtbot, store, case.id)
    parties = ws.current_form().panels["party"]
    opened = answer_records(
        monkeypatch, {**{k: v for k, v in respondent().items()}, "id_number": "330482198505203420"}
    )
    parties.add_button.click()
    dialog = opened[0]
    assert not dialog.saved and "id_number" in dialog.form.errors
    assert (
        "身份证号" in dialog.form.errors["id_number"] or "校验" in dialog.form.errors["id_number"]
    )
    assert parties.table.rowCount() == 1
    answer_records(monkeypatch, respondent())
    parties.add_button.click()
    assert parties.table.rowCount() == 2 and cell_text(parties.table, 1, 1) == "李秀英"

    # Deleting asks first; answering 否 keeps the party.
    parties.table.selectRow(1)
    answer_prompts(monkeypatch, "否", "是")
    parties.delete_button.click()
    assert len(store.records.parties(case.id)) == 2
    parties.delete_button.click()
    assert [p.name for p in store.records.parties(case.id)] == ["张建国"]


def test_unsaved_edits_are_reported_and_saved(qtbot: QtBot, store: Store) -> None:
    case = store.cases.create(intake(), [applicant(), respondent()])
    ws = open_workspace(qtbot, store, case.id)
    assert not ws.has_unsaved_changes() and ws.save()
    form = ws.current_form()
    set_fields(form, {"title": "张建国与李秀英排水纠纷（更正）"})
    assert ws.has_unsaved_changes()
    # Moving to another tab or step keeps the edit in its form; nothing is thrown away.
    ws.tabs.setCurrentIndex(ws.tabs.count() - 1)
    assert ws.has_unsaved_changes()
    form.save_button.click()
    assert not ws.has_unsaved_changes() and form.saved_note.text() == "已保存（09:00）"
    assert store.cases.get(case.id).title == "张建国与李秀英排水纠纷（更正）"
    assert ws.timeline.texts()[0].startswith("修改案件：纠纷名称")

    # Ctrl+S saves too.
    set_fields(form, {"title": "张建国与李秀英相邻排水纠纷"})
    ws.activateWindow()
    qtbot.waitUntil(ws.isActiveWindow)
    form.form.widgets["title"].line.setFocus()
    qtbot.keyClick(
        form.form.widgets["title"].line, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier
    )
    assert (
        not ws.has_unsaved_changes()
        and store.cases.get(case.id).title == "张建国与李秀英相邻排水纠纷"
    )

    # A value the core refuses is shown at the field and the edit is kept, unsaved.
    set_fields(form, {"people_count": "很多"})
    assert form.saved_note.text() == ""
    assert not ws.save()
    assert ws.has_unsaved_changes() and "people_count" in form.form.errors
    assert store.cases.get(case.id).people_count == 2
