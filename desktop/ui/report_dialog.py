"""The 月报 window: choose the month, type the screening figures and the short narrative, look at
the report exactly as it prints, then save it as PDF, Word or Excel, or print it. What is typed
is saved for the month as soon as the user leaves it, so nothing is lost."""

from __future__ import annotations

import shutil
import tempfile
from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QCloseEvent, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.core.fsutil import atomic_write_bytes
from desktop.core.reports import (
    FORMATS,
    Month,
    build_report,
    get_entry,
    render_monthly,
    save_entry,
    write_monthly,
)
from desktop.core.reports.entries import MAX_FIGURE
from desktop.core.store import Store
from desktop.ui import prompts
from desktop.ui.down_scroll import DownScrollArea
from desktop.ui.errors import FAILURES, show_error, show_failure
from desktop.ui.screen_fit import fit_to_screen

try:
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPdfWidgets import QPdfView

    HAVE_QTPDF = True
except ImportError:  # without PySide6's PDF module: save, then open in the system viewer
    HAVE_QTPDF = False

MONTHS_SHOWN = 24
_ERROR_CSS = "color: #b00020; font-weight: bold;"
_SUFFIX = {"pdf": "PDF 文件 (*.pdf)", "docx": "Word 文档 (*.docx)", "xlsx": "Excel 表格 (*.xlsx)"}


def _label(text: str = "", css: str = "", size: int = 0) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if css:
        label.setStyleSheet(css)
    if size:
        font = QFont(label.font())
        font.setPointSize(size)
        font.setBold(True)
        label.setFont(font)
    return label


class ReportDialog(QDialog):
    def __init__(
        self, store: Store, parent: QWidget | None = None, *, today: date | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle("月报")
        self._tmp = Path(tempfile.mkdtemp(prefix="wusong-report-"))
        self._preview_doc: QPdfDocument | None = None
        now = Month.parse(today or store.today())

        self.month_box = QComboBox()
        for i in range(MONTHS_SHOWN):
            m = now.shift(-i)
            self.month_box.addItem(m.label, m.key)
        self.screenings, self.found, self.prevented = (self._spin() for _ in range(3))
        self.filler, self.reviewer = QLineEdit(), QLineEdit()
        self.reviewer.setPlaceholderText("例如：调委会主任或司法所所长")
        self.narrative = QPlainTextEdit()
        self.narrative.setPlaceholderText("本月纠纷的主要特点、典型案例、风险隐患和下月工作打算。")
        self.error = _label(css=_ERROR_CSS)
        self.error.setVisible(False)
        self.status = _label(css="color: #555555;")

        figures = QGroupBox("排查预防（这几项不来自案件，请按实际填写）")
        fig_form = QFormLayout(figures)
        fig_form.addRow("排查次数：", self.screenings)
        fig_form.addRow("排查发现纠纷数：", self.found)
        fig_form.addRow("预防纠纷数：", self.prevented)
        form = QFormLayout()
        form.addRow("报告月份：", self.month_box)
        form.addRow("填报人：", self.filler)
        form.addRow("审核人：", self.reviewer)

        refresh = QPushButton("刷新预览")
        refresh.clicked.connect(self.refresh_preview)
        self.buttons: dict[str, QPushButton] = {}
        actions = QGridLayout()
        for fmt, name in FORMATS.items():
            button = QPushButton(f"保存为 {name}…")
            button.clicked.connect(lambda _=False, f=fmt: self.save_as(f))
            self.buttons[fmt] = button
        self.print_button = QPushButton("打印…")
        self.print_button.clicked.connect(self.print_report)
        close = QPushButton("关闭")
        close.clicked.connect(self.accept)
        # Two buttons a row, below the scrolled form: always on screen.
        for i, button in enumerate([*self.buttons.values(), self.print_button, close]):
            actions.addWidget(button, i // 2, i % 2)

        left = QVBoxLayout()
        left.addWidget(_label("人民调解工作月报", size=18))
        left.addLayout(form)
        left.addWidget(figures)
        left.addWidget(QLabel("情况说明："))
        left.addWidget(self.narrative, 1)
        left.addWidget(refresh)
        self.narrative.setMinimumHeight(self.narrative.fontMetrics().lineSpacing() * 4)
        form_box = QWidget()
        form_box.setLayout(left)
        form_scroll = DownScrollArea()  # never sideways: claims the width of its form
        form_scroll.setWidgetResizable(True)
        form_scroll.setFrameShape(QFrame.Shape.NoFrame)
        form_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        form_scroll.setWidget(form_box)
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(form_scroll, 1)
        column.addWidget(self.error)
        column.addWidget(self.status)
        column.addLayout(actions)
        left_box = QWidget()
        left_box.setLayout(column)
        # Wide enough for the form at any text size (a narrower column clipped its right edge
        # at large text); the preview takes the rest.
        left_box.setFixedWidth(max(440, left_box.fontMetrics().horizontalAdvance("四") * 26))

        self.preview = self._make_preview()
        body = QHBoxLayout(self)
        body.addWidget(left_box)
        body.addWidget(self.preview, 1)
        for widget in (self, *self.findChildren(QWidget)):
            font = QFont(widget.font())
            font.setPointSize(max(font.pointSize(), 12))  # readable without glasses
            widget.setFont(font)
        fit_to_screen(self, 1280, 860)

        self._month = self.current_month()
        self._load_entry()
        self.month_box.currentIndexChanged.connect(self._month_changed)
        self.refresh_preview()

    # ------------------------------------------------------------------ fields
    @staticmethod
    def _spin() -> QSpinBox:
        box = QSpinBox()
        box.setRange(0, MAX_FIGURE)
        box.setMinimumWidth(140)
        return box

    def current_month(self) -> Month:
        return Month.parse(self.month_box.currentData())

    def _load_entry(self) -> None:
        entry = get_entry(self.store.db, self._month)
        self.screenings.setValue(entry.screenings)
        self.found.setValue(entry.disputes_found)
        self.prevented.setValue(entry.prevented)
        self.filler.setText(entry.filler or self._default_filler())
        self.reviewer.setText(entry.reviewer)
        self.narrative.setPlainText(entry.narrative)

    def _default_filler(self) -> str:
        mediators = self.store.settings.mediators()
        return mediators[0].name if len(mediators) == 1 else ""

    def save_typed(self) -> bool:
        """Keep what was typed for the month shown; False (and the reason shown) if refused."""
        try:
            save_entry(
                self.store,
                self._month,
                screenings=self.screenings.value(),
                disputes_found=self.found.value(),
                prevented=self.prevented.value(),
                narrative=self.narrative.toPlainText(),
                filler=self.filler.text(),
                reviewer=self.reviewer.text(),
            )
        except FAILURES as exc:
            show_failure(self.error, exc)
            return False
        show_error(self.error, "")
        return True

    def _month_changed(self) -> None:
        self.save_typed()  # the month left keeps its figures and words
        self._month = self.current_month()
        self._load_entry()
        self.refresh_preview()

    # ------------------------------------------------------------------ preview
    def _make_preview(self) -> QWidget:
        if not HAVE_QTPDF:
            return _label("本机缺少 PDF 预览组件：请保存为 PDF 后打开查看。")
        view = QPdfView(self)
        self._preview_doc = QPdfDocument(self)
        view.setDocument(self._preview_doc)
        view.setPageMode(QPdfView.PageMode.MultiPage)
        view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        return view

    def _write_pdf(self) -> Path:
        report = build_report(
            self.store,
            self._month,
            narrative=self.narrative.toPlainText(),
            filler=self.filler.text(),
            reviewer=self.reviewer.text(),
        )
        # A fresh name each time: the viewer may still hold the previous file open.
        path = self._tmp / f"preview-{len(list(self._tmp.iterdir()))}.pdf"
        return atomic_write_bytes(path, render_monthly(report, "pdf"))

    def refresh_preview(self) -> None:
        if not self.save_typed():
            return
        if self._preview_doc is None:
            return
        try:
            path = self._write_pdf()
        except FAILURES as exc:
            show_failure(self.error, exc)
            return
        self._preview_doc.load(str(path))
        self.status.setText(
            f"预览：{self._month.label}月报，共 {self._preview_doc.pageCount()} 页。"
        )

    # ------------------------------------------------------------------ output
    def _default_path(self, fmt: str) -> Path:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = self.store.settings.committee().name or "调委会"
        return Path(folder or Path.home()) / f"{name}-{self._month.label}月报.{fmt}"

    def save_as(self, fmt: str) -> Path | None:
        if not self.save_typed():
            return None
        title = f"保存{self._month.label}月报"
        path = prompts.save_file(self, title, self._default_path(fmt), _SUFFIX[fmt])
        if path is None:
            return None
        if path.suffix.lower() != f".{fmt}":
            path = path.with_name(path.name + f".{fmt}")
        try:
            from desktop.ui.workspace.jobs import run_off_thread

            month = self._month
            written = run_off_thread(
                self, "正在生成月报，请稍候……", lambda: write_monthly(self.store, month, fmt, path)
            )
        except FAILURES as exc:
            show_failure(self.error, exc)
            return None
        self.status.setText(f"已保存：{written}")
        from desktop.ui.saved_notice import tell_saved

        tell_saved(self, f"{self._month.label}月报", Path(written))
        return written

    def print_report(self) -> bool:
        if not self.save_typed():
            return False
        from desktop.ui.workspace import pdf_print  # the workspace's page-by-page printing

        try:
            path = self._write_pdf()
            return pdf_print.ask_and_print(path, 1, f"{self._month.label}月报", self)
        except FAILURES as exc:
            show_failure(self.error, exc)
        return False

    # ------------------------------------------------------------------ closing
    def done(self, result: int) -> None:
        self.save_typed()
        self.cleanup()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self.save_typed()
        super().closeEvent(event)

    def cleanup(self) -> None:
        if self._preview_doc is not None:
            self._preview_doc.close()
        shutil.rmtree(self._tmp, ignore_errors=True)
