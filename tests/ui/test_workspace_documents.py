"""The documents panel of the workspace: each form generated as PDF off the GUI thread and
recorded on the case, previewed, printed with copies preset (parties + 1 for the agreement)
after the self-check, saved as Word; the whole 卷宗 as one PDF."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from builders import (
    FixedClock,
    run_to_agreement,  # noqa: E402
)
from prompt_driver import answer_prompts
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from workspace_driver import cell_text

from desktop.core.store import Store  # noqa: E402
from desktop.ui.workspace import CaseWorkspace  # noqa: E402
from desktop.ui.workspace.documents_panel import DocumentsPanel  # noqa: E402
from desktop.ui.workspace.pdf_print import PdfPreview  # noqa: E402

pytestmark = pytest.mark.ui


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def panel(qtbot: QtBot, store: Store, clock: FixedClock) -> DocumentsPanel:
    case_id = run_to_agreement(store)
    ws = CaseWorkspace(store, case_id)
    qtbot.addWidget(ws)
    assert isinstance(ws.documents, DocumentsPanel)
    assert ws.documents.form_ids == []  # filled when the tab is first shown
    ws.tabs.setCurrentWidget(ws.documents)
    assert ws.tabs.tabText(ws.tabs.indexOf(ws.documents)) == "文书打印"
    return ws.documents


def test_agreement_is_generated_and_recorded(panel: DocumentsPanel, store: Store) -> None:
    assert "agreement" in panel.form_ids and "oral_agreement" not in panel.form_ids
    row = panel.form_ids.index("agreement")
    assert cell_text(panel.table, row, 0) == "人民调解协议书（打印 3 份）"
    assert cell_text(panel.table, row, 1) == "未生成"
    path = panel.act("agreement", "generate")
    assert path is not None and path.is_file()
    text = pdf_text(path)
    assert "人民调解协议书" in text and "张建国" in text and "人民币壹仟贰佰元整" in text
    assert cell_text(panel.table, row, 1) == f"{store.now():%Y-%m-%d %H:%M}"  # made just now
    assert [d.form for d in store.files.documents(panel.case_id)] == ["agreement"]


def test_print_checks_first_then_presets_copies(
    panel: DocumentsPanel, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The self-check must find something: the responsibility text goes missing.
    store.db.execute(
        "UPDATE cases SET step_values = json_set(step_values, '$.responsibility', '') WHERE id = ?",
        [panel.case_id],
    )
    printed: list[int] = []
    out = tmp_path / "printed.pdf"

    def accept_print(dialog: QPrintDialog) -> int:
        printed.append(dialog.printer().copyCount())
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(out))
        return QDialog.DialogCode.Accepted.value

    asked = answer_prompts(monkeypatch, "先去修改", "仍然打印")
    monkeypatch.setattr(QPrintDialog, "exec", accept_print)
    assert panel.act("agreement", "print") is None  # 先去修改: nothing printed
    assert "协议书没有写明各方当事人的责任" in asked.texts[0]
    assert any(
        "协议书没有写明各方当事人的责任" in panel.check_list.item(i).text()
        for i in range(panel.check_list.count())
    )
    assert printed == []
    assert panel.act("agreement", "print") is not None  # 仍然打印
    assert printed == [3] and out.is_file()


def test_preview_and_save_as_word(
    panel: DocumentsPanel, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = panel.act("mediation_record", "preview")
    assert isinstance(panel.last_preview, PdfPreview)
    assert panel.last_preview.document.pageCount() >= 1 and path is not None
    # 打印 in the preview goes through the panel: self-check first, then the print dialog.
    asked: list[str] = []
    monkeypatch.setattr(panel, "print_form", lambda form_id: asked.append(form_id))
    panel.last_preview.print_button.click()
    assert asked == ["mediation_record"]
    panel.last_preview.close()

    target = tmp_path / "调解记录"
    dossier = tmp_path / "卷宗.pdf"
    from desktop.ui import saved_notice

    opened: list[str] = []
    monkeypatch.setattr(saved_notice, "open_folder", lambda p: opened.append(str(p.parent)))
    # Where to save, then the 已保存 notice (the mediator opens the folder the first time).
    chosen = answer_prompts(monkeypatch, target, "打开所在文件夹", dossier, "知道了")
    saved = panel.act("mediation_record", "word")
    assert saved == tmp_path / "调解记录.docx" and saved.is_file()
    told = chosen.texts[1]  # the 已保存 notice says where the file went
    assert str(tmp_path) in told and "调解记录.docx" in told
    assert opened == [str(tmp_path)]
    assert saved.read_bytes()[:2] == b"PK"  # a .docx is a zip

    assert panel.save_dossier() == dossier
    titles = [p.title for p in chosen.asked]
    assert titles == ["另存为 Word", "已保存", "保存整本卷宗", "已保存"]
    text = "".join(pdf_text(dossier).split())
    pages = pdf_text(dossier).count("\f")  # pdftotext ends every page with a form feed
    assert (
        "卷内目录" in text
        and "人民调解协议书" in text
        and f"本卷共{pages}页" in text
        and pages >= 9
    )


def test_refusal_of_the_engine_is_shown_in_the_panel(
    panel: DocumentsPanel, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "只读"
    blocked.write_text("不是文件夹", encoding="utf-8")  # a file where a folder is needed
    answer_prompts(monkeypatch, blocked / "x.docx")
    assert panel.act("agreement", "word") is None
    # The one wording of a disk failure (the CLI says the same: errors.os_error_message).
    assert panel.error.isVisibleTo(panel)
    assert panel.error.text() == "“只读”读写失败（那里已有同名的文件），请换一个文件夹或文件再试。"
