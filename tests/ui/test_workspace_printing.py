"""Printing a generated PDF through Qt: every page reaches the printer, copies are preset in
the print dialog, the preview opens the file; slow work runs on another thread."""

from __future__ import annotations

import subprocess
import threading
from pathlib import Path

import pytest
from PySide6.QtGui import QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from desktop.core.errors import ValidationError
from desktop.ui.workspace import pdf_print
from desktop.ui.workspace.jobs import run_off_thread

pytestmark = pytest.mark.ui


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


@pytest.fixture
def three_page_pdf(qtbot: QtBot, tmp_path: Path) -> Path:
    path = tmp_path / "协议书.pdf"
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    doc = QTextDocument()
    doc.setHtml("<h1>人民调解协议书</h1>" + "<p>李秀英在围墙底部开设排水口。</p>" * 100)
    doc.print_(printer)
    assert pdf_pages(path) >= 2
    return path


def to_file(printer: QPrinter, path: Path) -> None:
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))


def test_every_page_is_printed(three_page_pdf: Path, tmp_path: Path) -> None:
    printer = pdf_print.make_printer(3, "人民调解协议书")
    assert printer.copyCount() == 3 and printer.collateCopies() and printer.fullPage()
    out = tmp_path / "printed.pdf"
    to_file(printer, out)
    assert pdf_print.print_pdf(three_page_pdf, printer) == pdf_pages(three_page_pdf)
    assert pdf_pages(out) == pdf_pages(three_page_pdf)
    # Each page arrives as a rendered picture of the PDF page, not blank paper.
    images = subprocess.run(
        ["pdfimages", "-list", str(out)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert len(images) == pdf_pages(out)
    assert all(int(line.split()[3]) >= 2000 for line in images)  # width in pixels at 300 dpi


def test_print_dialog_has_copies_preset(
    three_page_pdf: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[int] = []
    out = tmp_path / "printed.pdf"

    def accept(dialog: QPrintDialog) -> int:
        seen.append(dialog.printer().copyCount())
        to_file(dialog.printer(), out)
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    assert pdf_print.ask_and_print(three_page_pdf, 3, "人民调解协议书")
    assert seen == [3] and out.is_file()

    monkeypatch.setattr(QPrintDialog, "exec", lambda _d: QDialog.DialogCode.Rejected.value)
    out.unlink()
    assert not pdf_print.ask_and_print(three_page_pdf, 3, "人民调解协议书")
    assert not out.exists()


def test_damaged_pdf_is_refused_in_chinese(tmp_path: Path, qtbot: QtBot) -> None:
    bad = tmp_path / "坏文件.pdf"
    bad.write_bytes(b"%PDF-1.4 not really")
    with pytest.raises(pdf_print.PdfError, match="“坏文件.pdf”打不开，请重新生成后再试"):
        pdf_print.print_pdf(bad, pdf_print.make_printer(1, "x"))


def test_preview_shows_the_pages(three_page_pdf: Path, qtbot: QtBot) -> None:
    dialog = pdf_print.preview(three_page_pdf, "人民调解协议书", 3)
    assert isinstance(dialog, pdf_print.PdfPreview)
    qtbot.addWidget(dialog)
    assert dialog.document.pageCount() == pdf_pages(three_page_pdf)
    assert dialog.windowTitle() == "预览：人民调解协议书"


def test_slow_work_runs_off_the_gui_thread(qtbot: QtBot) -> None:
    main = threading.get_ident()
    assert run_off_thread(None, "正在生成……", lambda: threading.get_ident()) != main

    def refuse() -> None:
        raise ValidationError("金额不是数字。")

    with pytest.raises(ValidationError, match="金额不是数字"):
        run_off_thread(None, "正在生成……", refuse)
