"""The 月报 window offscreen: typed figures and words are kept per month, the preview shows the
report, saving writes and records the file, a refusal is one Chinese sentence."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from builders import FixedClock
from prompt_driver import answer_prompts
from report_builders import build_october

from desktop.core.reports import get_entry, monthly_form
from desktop.core.store import Store

pytestmark = pytest.mark.ui


@pytest.fixture
def dialog(qtbot, store: Store, clock: FixedClock):  # noqa: ANN001, ANN201 - pytest-qt fixture
    from desktop.ui.report_dialog import ReportDialog

    clock.set(date(2026, 11, 5))
    build_october(store)
    dlg = ReportDialog(store, today=date(2026, 10, 31))
    qtbot.addWidget(dlg)
    yield dlg
    dlg.cleanup()


def test_typed_values_are_kept_per_month(dialog, store: Store) -> None:  # noqa: ANN001
    assert dialog.current_month().key == "2026-10"
    assert dialog.filler.text() == "王调解"  # the committee's only mediator
    dialog.screenings.setValue(9)
    dialog.narrative.setPlainText("本月调处纠纷四件。")
    dialog.month_box.setCurrentIndex(1)  # September: October is saved on leaving it
    assert dialog.current_month().key == "2026-09" and dialog.screenings.value() == 0
    october = get_entry(store.db, "2026-10")
    assert (october.screenings, october.narrative) == (9, "本月调处纠纷四件。")
    dialog.month_box.setCurrentIndex(0)
    assert dialog.screenings.value() == 9 and dialog.narrative.toPlainText() == "本月调处纠纷四件。"


def test_preview_and_save_as_each_format(dialog, store: Store, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    told: list[str] = []  # the 已保存 messages
    if dialog._preview_doc is not None:
        assert dialog._preview_doc.pageCount() >= 3
        assert "共" in dialog.status.text()
    for fmt in ("pdf", "docx", "xlsx"):
        target = tmp_path / f"十月月报-{fmt}"  # no suffix typed: the dialog adds it
        answers = answer_prompts(monkeypatch, target, "知道了")  # where, then the 已保存 notice
        written = dialog.save_as(fmt)
        told.append(answers.texts[1])
        assert written == tmp_path / f"十月月报-{fmt}.{fmt}" and written.stat().st_size > 1000
    forms = {(d.form, d.format) for d in store.files.documents(None)}
    assert forms == {(monthly_form("2026-10"), f) for f in ("pdf", "docx", "xlsx")}
    assert "已保存" in dialog.status.text()
    assert len(told) == 3 and all(f"保存位置：{tmp_path}" in t for t in told)


def test_unwritable_folder_is_one_clear_sentence(dialog, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    if os.geteuid() == 0:
        blocker = tmp_path / "不是文件夹"
        blocker.write_text("x")
        target = blocker / "月报.pdf"  # a file where a folder should be: fails even for root
    else:
        target = Path("/proc/月报.pdf")
    answer_prompts(monkeypatch, target)
    assert dialog.save_as("pdf") is None
    assert dialog.error.isVisibleTo(dialog) and "请换一个文件夹或文件再试。" in dialog.error.text()


def test_screenshot(qtbot, store: Store, clock: FixedClock, tmp_path: Path) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QApplication

    from desktop.ui.fonts import load_fonts
    from desktop.ui.report_dialog import ReportDialog

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    load_fonts(app)  # as the app does at start: the bundled Chinese font
    clock.set(date(2026, 11, 5))
    build_october(store)
    dialog = ReportDialog(store, today=date(2026, 10, 31))
    qtbot.addWidget(dialog)
    dialog.narrative.setPlainText("本月共调处纠纷四件，邻里纠纷为主。")
    dialog.reviewer.setText("李主任")
    dialog.refresh_preview()
    dialog.show()
    qtbot.wait(800)  # QPdfView renders pages in the background
    out = Path(os.environ.get("WUSONG_SHOTS", tmp_path)) / "report_dialog.png"
    assert dialog.grab().save(str(out))
    assert out.stat().st_size > 10_000
    dialog.cleanup()


def test_print_sends_the_report_as_shown(dialog, monkeypatch) -> None:  # noqa: ANN001
    import subprocess

    from desktop.ui.workspace import pdf_print

    sent: list[tuple[Path, int, str]] = []

    def send(path: Path, copies: int, title: str, parent: object = None) -> bool:
        sent.append((path, copies, title))
        return True

    monkeypatch.setattr(pdf_print, "ask_and_print", send)
    dialog.narrative.setPlainText("打印前刚写的说明。")
    assert dialog.print_report()
    ((path, copies, title),) = sent
    assert copies == 1 and title == "2026年10月月报"
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "打印前刚写的说明" in text
