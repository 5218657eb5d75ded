"""The escalate / terminate / extend dialogs show the core's refusal inside the dialog and
change nothing; attachments are copied in and shown as thumbnails."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from builders import FixedClock, applicant, intake, respondent
from prompt_driver import answer_prompts
from PySide6.QtGui import QColor, QImage, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialog, QLabel
from pytestqt.qtbot import QtBot
from workspace_driver import answer

from desktop.core.models import CaseStatus
from desktop.core.store import Store
from desktop.ui.workspace import CaseWorkspace
from desktop.ui.workspace.flow_dialogs import EscalateDialog, ExtendDialog, TerminateDialog
from desktop.ui.workspace.record_panel import RecordDialog

pytestmark = pytest.mark.ui


@pytest.fixture
def workspace(qtbot: QtBot, store: Store) -> CaseWorkspace:
    case = store.cases.create(intake(), [applicant(), respondent()])
    ws = CaseWorkspace(store, case.id)
    qtbot.addWidget(ws)
    return ws


def test_escalate_without_reason_is_refused_in_the_dialog(
    workspace: CaseWorkspace, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = answer(monkeypatch, EscalateDialog, lambda d: d.ok_button.click())
    workspace.escalate_button.click()
    dialog = opened[0]
    assert dialog.error.text() == "请写明上报（移交）的理由。" and dialog.error.isVisibleTo(dialog)
    assert store.cases.get(workspace.case_id).level_now == 2
    assert not store.cases.detail(workspace.case_id).escalations
    # Committee level 2: going to level 3 hands the case over, and the dialog says so first.
    assert any("移交上级办理" in label.text() for label in dialog.findChildren(QLabel))


def test_cancelling_with_a_reason_written_asks_first(
    workspace: CaseWorkspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = answer_prompts(monkeypatch, "否", "是")

    def write_then_cancel(d: TerminateDialog) -> None:
        d.reason.setPlainText("被申请人拒绝调解")
        d.setResult(99)
        d.reject()
        assert d.result() == 99 and d.reason.toPlainText() == "被申请人拒绝调解"
        d.reject()

    opened = answer(monkeypatch, TerminateDialog, write_then_cancel)
    assert not workspace.run_dialog(TerminateDialog)
    assert len(asked.asked) == 2 and opened[0].result() == QDialog.DialogCode.Rejected.value


def test_escalation_above_the_committee_hands_the_case_over(
    workspace: CaseWorkspace, store: Store, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock.set(date(2026, 3, 3))  # escalated the day after acceptance, entered that day

    def fill(d: EscalateDialog) -> None:
        d.reason.setPlainText("涉及宅基地权属，需镇无讼工作室协调")
        d.on.line.setText("2026年3月3日")
        d.ok_button.click()

    answer(monkeypatch, EscalateDialog, fill)
    assert workspace.run_dialog(EscalateDialog)
    case = store.cases.get(workspace.case_id)
    assert case.level_now == 3 and case.status is CaseStatus.TRANSFERRED
    assert store.cases.detail(case.id).escalations[0].escalated_on.isoformat() == "2026-03-03"
    assert not workspace.escalate_button.isEnabled()
    assert not workspace.current_form().form.widgets["title"].isEnabled()
    assert "已移交镇（街道），理由：涉及宅基地权属" in workspace.done_note.text()


def test_terminate_needs_reason_and_routes(
    workspace: CaseWorkspace, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def without_routes(d: TerminateDialog) -> None:
        assert list(d.routes) == ["申请仲裁", "请求行政机关处理", "向人民法院提起诉讼"]
        d.reason.setPlainText("被申请人明确表示不再接受调解")
        d.ok_button.click()

    opened = answer(monkeypatch, TerminateDialog, without_routes)
    assert not workspace.run_dialog(TerminateDialog)
    assert opened[0].error.text().startswith("请勾选已告知当事人的其他解决途径")
    assert store.cases.get(workspace.case_id).status is CaseStatus.OPEN

    def with_route(d: TerminateDialog) -> None:
        d.reason.setPlainText("被申请人明确表示不再接受调解")
        d.routes["向人民法院提起诉讼"].setChecked(True)
        d.ok_button.click()

    answer(monkeypatch, TerminateDialog, with_route)
    assert workspace.run_dialog(TerminateDialog)
    assert store.cases.get(workspace.case_id).status is CaseStatus.TERMINATED
    assert workspace.timeline.texts()[0].startswith(
        "终止调解（已终止），理由：被申请人明确表示不再接受调解"
    )
    assert not workspace.terminate_button.isEnabled()
    # The case ended at step 1: that step stays readable, the later ones were never reached.
    assert workspace.progress.states == {
        "accept": "stopped",
        "investigate": "locked",
        "mediate": "locked",
        "agree": "locked",
        "archive": "locked",
    }
    reopened = CaseWorkspace(store, workspace.case_id)
    assert (
        reopened.shown_step == "accept" and "在此办结" in reopened.progress.buttons["accept"].text()
    )
    assert not reopened.current_form().form.widgets["facts"].isEnabled()
    assert reopened.done_note.text().endswith(
        "终止理由：被申请人明确表示不再接受调解；已告知当事人：向人民法院提起诉讼。"
    )
    reopened.deleteLater()


def test_extension_needs_both_parties_consent(
    workspace: CaseWorkspace, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_consent(d: ExtendDialog) -> None:
        d.reason.setPlainText("等待伤情鉴定结果")
        d.ok_button.click()

    opened = answer(monkeypatch, ExtendDialog, no_consent)
    assert not workspace.run_dialog(ExtendDialog)
    assert opened[0].error.text() == "延长调解期限须经双方当事人同意，请先征得同意并勾选。"
    assert opened[0].days.maximum() == 30

    def consent(d: ExtendDialog) -> None:
        d.reason.setPlainText("等待伤情鉴定结果")
        d.days.setValue(20)
        d.consent.setChecked(True)
        d.ok_button.click()

    answer(monkeypatch, ExtendDialog, consent)
    assert workspace.run_dialog(ExtendDialog)
    assert store.cases.detail(workspace.case_id).extensions[0].days == 20
    # The mediation deadline moves by the 20 days: 30 + 20 days after 2026-03-02.
    assert "2026年4月21日" in workspace.deadlines.text()


def test_attachments_are_copied_in_and_shown_as_thumbnails(
    workspace: CaseWorkspace, store: Store, tmp_path: Path
) -> None:
    photo = tmp_path / "现场照片.png"
    image = QImage(640, 480, QImage.Format.Format_RGB32)
    image.fill(QColor("darkgreen"))
    assert image.save(str(photo))
    workspace.tabs.setCurrentWidget(workspace.attachments)
    panel = workspace.attachments
    assert panel.add_files([photo, tmp_path / "不存在.jpg"]) == 1
    assert panel.error.text().startswith("“不存在.jpg”没有加进来：找不到文件")
    assert panel.list.count() == 1
    icon_size = panel.list.item(0).icon().availableSizes()[0]
    assert max(icon_size.width(), icon_size.height()) == 160
    stored = store.files.attachment_path(store.files.attachments(workspace.case_id)[0])
    photo.unlink()  # the copy stays when the original is deleted
    assert stored.is_file()
    assert workspace.timeline.texts()[0] == "添加附件“现场照片.png”"


def test_cancelling_a_filled_record_dialog_asks_first(
    workspace: CaseWorkspace, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = answer_prompts(monkeypatch, "否", "是")
    form = workspace.current_form()
    parties = form.panels["party"]

    def type_then_cancel(dialog: RecordDialog) -> None:
        dialog.form.widgets["name"].set_value("王小明")
        dialog.setResult(99)  # marks "still open": closing sets the result to Rejected
        dialog.reject()  # 否: stays open with the text
        assert dialog.result() == 99
        assert dialog.form.widgets["name"].value() == "王小明"
        dialog.reject()  # 是: gone

    opened = answer(monkeypatch, RecordDialog, type_then_cancel)
    assert not parties.add()
    assert len(asked.asked) == 2 and opened[0].result() == QDialog.DialogCode.Rejected.value
    assert len(store.records.parties(workspace.case_id)) == 2

    # An untouched dialog closes without a question.
    answer_prompts(monkeypatch)  # any question now fails the test
    answer(monkeypatch, RecordDialog, lambda d: d.reject())
    assert not parties.add()


def test_chinese_typed_through_an_input_method_reaches_the_record(
    workspace: CaseWorkspace, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a Chinese input method delivers (a commit string), not keyClicks, which abort Qt."""

    def type_and_save(dialog: RecordDialog) -> None:
        for key, text in (("name", "王小明"), ("address", "星光村五组3号")):
            editor = dialog.form.widgets[key].line
            editor.setFocus()
            event = QInputMethodEvent()
            event.setCommitString(text)
            QApplication.sendEvent(editor, event)
        dialog.form.widgets["role"].set_value("第三人")
        dialog.form.widgets["kind"].set_value("自然人")
        assert dialog.form.capitals == {}  # parties have no money field
        dialog.ok_button.click()

    answer(monkeypatch, RecordDialog, type_and_save)
    assert workspace.current_form().panels["party"].add()
    third = store.records.parties(workspace.case_id)[-1]
    assert (third.role, third.name, third.address) == ("第三人", "王小明", "星光村五组3号")
