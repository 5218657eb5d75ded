"""Show and print generated PDFs inside the app with QtPdf (PySide6-Pdf): an in-app preview,
and printing page by page onto a QPrinter chosen in Qt's print dialog. Without QtPdf the
preview falls back to the system's PDF viewer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSize, Qt, QUrl
from PySide6.QtGui import QColor, QDesktopServices, QImage, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import MediationError
from desktop.ui.screen_fit import fit_to_screen

try:
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPdfWidgets import QPdfView

    HAVE_QTPDF = True
except ImportError:  # a build without PySide6-Pdf still works: preview in the system viewer
    HAVE_QTPDF = False

#: Rendering resolution for printing: sharp text on paper, ~35 MB per A4 page in memory.
PRINT_DPI = 300


class PdfError(MediationError):
    """A PDF could not be opened or printed; ``message`` is for the user. A MediationError,
    so every action's one ``except FAILURES`` tells it like any other refusal."""


def load_pdf(path: Path, parent: QWidget | None = None) -> QPdfDocument:
    doc = QPdfDocument(parent) if parent is not None else QPdfDocument()
    error = doc.load(str(path))
    if error != QPdfDocument.Error.None_ or doc.pageCount() == 0:
        raise PdfError(f"文书文件“{path.name}”打不开，请重新生成后再试。")
    return doc


def make_printer(copies: int, title: str) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setResolution(PRINT_DPI)
    printer.setFullPage(True)  # the PDF carries its own margins
    printer.setCopyCount(max(copies, 1))
    printer.setCollateCopies(True)  # each party gets a whole agreement, pages in order
    printer.setDocName(title)
    return printer


def _opaque(image: QImage) -> QImage:
    """The page on white paper without an alpha channel: printers (and PDF printers) handle a
    plain RGB picture much faster than one with a transparency mask."""
    page = QImage(image.size(), QImage.Format.Format_RGB32)
    page.fill(QColor("white"))
    painter = QPainter(page)
    painter.drawImage(0, 0, image)
    painter.end()
    return page


def print_pdf(path: Path, printer: QPrinter) -> int:
    """Paint every page of the PDF onto ``printer``; returns the number of pages."""
    if not HAVE_QTPDF:
        raise PdfError("本机缺少 PDF 打印组件，请用“预览”打开文件后在阅读器里打印。")
    doc = load_pdf(path)
    painter = QPainter()
    if not painter.begin(printer):
        raise PdfError("打印机没有准备好，请检查打印机是否开机、有纸，然后再试。")
    try:
        for page in range(doc.pageCount()):
            if page:
                printer.newPage()
            area = painter.viewport()
            points = doc.pagePointSize(page)
            scale = min(area.width() / points.width(), area.height() / points.height())
            size = QSize(int(points.width() * scale), int(points.height() * scale))
            painter.drawImage(QRect(QPoint(0, 0), size), _opaque(doc.render(page, size)))
    finally:
        painter.end()
    return doc.pageCount()


def ask_and_print(path: Path, copies: int, title: str, parent: QWidget | None = None) -> bool:
    """Qt's print dialog with the number of copies preset; True once printed."""
    printer = make_printer(copies, title)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(f"打印：{title}")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # pages are drawn for a moment
    try:
        print_pdf(path, printer)
    finally:
        QApplication.restoreOverrideCursor()
    return True


class PdfPreview(QDialog):
    """The generated PDF as it will print, with 打印 right there."""

    def __init__(
        self,
        path: Path,
        title: str,
        copies: int,
        parent: QWidget | None = None,
        print_action: Callable[[], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self.path, self.title, self.copies = path, title, copies
        self.setWindowTitle(f"预览：{title}")
        self.document = load_pdf(path, self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        pages = QLabel(f"共 {self.document.pageCount()} 页")
        print_button = QPushButton(f"打印（{copies} 份）…")
        # The caller may route printing through its own checks (the documents' self-check).
        print_button.clicked.connect(
            print_action or (lambda: ask_and_print(path, copies, title, self))
        )
        self.print_button = print_button
        close = QPushButton("关闭")
        close.clicked.connect(self.accept)
        bar = QHBoxLayout()
        bar.addWidget(pages)
        bar.addStretch(1)
        bar.addWidget(print_button)
        bar.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(bar)
        fit_to_screen(self, 900, 720)


def preview(
    path: Path,
    title: str,
    copies: int,
    parent: QWidget | None = None,
    print_action: Callable[[], object] | None = None,
) -> QDialog | None:
    """Open the in-app preview (returned, already shown), or the system viewer without QtPdf."""
    if not HAVE_QTPDF:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        return None
    dialog = PdfPreview(path, title, copies, parent, print_action)
    dialog.show()
    return dialog
