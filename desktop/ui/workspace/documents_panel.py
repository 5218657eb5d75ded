"""The documents of a case: each form with 生成 / 预览 / 打印 / 另存为 Word, the 卷宗自查
(self-check) result shown before printing, and the whole 卷宗 as one PDF. Files are written
off the GUI thread by the documents engine (desktop.core.documents)."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.models import CaseDetail
from desktop.core.store import Store
from desktop.core.store.files import safe_filename
from desktop.ui import prefs, prompts
from desktop.ui.column_fit import ColumnFit
from desktop.ui.down_scroll import DownScrollArea
from desktop.ui.errors import FAILURES, error_label, show_error, show_failure
from desktop.ui.fitted_table import WidthWatchedTable, set_headings
from desktop.ui.saved_notice import tell_saved
from desktop.ui.workspace import pdf_print
from desktop.ui.workspace.jobs import run_off_thread
from desktop.ui.workspace.style import heading, hint

if TYPE_CHECKING:
    from desktop.core.documents import Finding

PDF, WORD = "pdf", "docx"
#: The form every party signs: printed once per party plus one for the file.
AGREEMENT_FORM = "agreement"
#: Forms every party receives, plus one for the file: the agreement and the termination
#: notice (人民调解法 第26条: the parties are told in writing of the other routes).
PER_PARTY_FORMS = frozenset({AGREEMENT_FORM, "termination_notice"})
BUTTONS = (("generate", "生成"), ("preview", "预览"), ("print", "打印"), ("word", "另存为 Word"))


def engine() -> ModuleType:
    """The documents engine, imported on first use: it brings the PDF and Word renderers
    (~0.4 s), which opening a case should not wait for."""
    import desktop.core.documents

    return desktop.core.documents


def form_name(form_id: str) -> str:
    form = engine().FORMS.get(form_id)
    return form.name if form is not None else form_id


def is_error(finding: Finding) -> bool:
    from desktop.core.documents.checks import ERROR

    return finding.severity == ERROR


#: A document row's height: its buttons are easy to hit.
ROW_HEIGHT = 44


class CellButton(QPushButton):
    """A button in a table cell as wide as its words and a character: the style's least
    button width (80 pixels for "生成") made the document table wider than a narrowed
    window's room."""

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        hint = super().sizeHint()
        words = self.fontMetrics().horizontalAdvance(self.text() + "调")
        return QSize(min(hint.width(), words), hint.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return self.sizeHint()


class _FlatContent(QWidget):
    """The panel's content: sized to the scrolled view, never shorter than its least height.
    Asked for a height for its width (its labels wrap), the scroll area would make it as tall
    as it would like, and the document table would no longer take the room left."""

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return False


class DocumentsPanel(QWidget):
    changed = Signal()

    def __init__(self, store: Store, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.case_id = store, case_id
        self.form_ids: list[str] = []
        self.findings: list[Finding] = []
        self.last_preview: Any = None
        self.table = WidthWatchedTable(0, 2 + len(BUTTONS))
        set_headings(self.table, ["文书", "最近生成", *(label for _k, label in BUTTONS)])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        # The buttons keep their width; the document's name takes the room left and the date
        # gives way first (both whole on hover), so a narrow window needs no sideways bar.
        self.column_fit = ColumnFit(self.table, fill=0, give_way=(1,), fill_chars=6)
        # Fitted when the table's own width changes: inside the scrolled content it is resized
        # after the panel, and a fit made then left columns wider than the table.
        self.table.on_width = self._fit_width
        self.check_list = QListWidget()
        self.check_list.setWordWrap(True)
        self.check_button = QPushButton("重新自查")
        self.check_button.clicked.connect(self.run_self_check)
        self.dossier_button = QPushButton("生成整本卷宗 PDF…")
        self.dossier_button.clicked.connect(self.save_dossier)
        self.error = error_label()
        # One bar for the self-check and the whole dossier, and a one-sentence hint: at large
        # text on a 768-pixel screen every line taken here was a row of the document table
        # lost (it showed one document at a time).
        check_bar = QHBoxLayout()
        self.check_heading = heading("卷宗自查", 1)
        check_bar.addWidget(self.check_heading)
        check_bar.addStretch(1)
        check_bar.addWidget(self.check_button)
        check_bar.addWidget(self.dossier_button)
        # The panel scrolls downwards as a whole on a short screen (1024x600 at large text):
        # the table keeps its three documents and nothing is cut off below.
        content = _FlatContent()
        scroll = DownScrollArea()
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        layout = QVBoxLayout(content)
        margins = layout.contentsMargins()  # narrower at the sides: 1024 px at large text
        layout.setContentsMargins(4, margins.top(), 4, margins.bottom())
        # How many copies is shown on the document's own row ("（打印 3 份）").
        how = hint("先“生成”，再“预览”看一看，没有问题就“打印”（打印前会先做一遍卷宗自查）。")
        # Wide enough to take two or three lines: measured at a narrow width it would claim
        # many lines and make the whole case page taller than a 768-pixel screen.
        how.setMinimumWidth(how.fontMetrics().horizontalAdvance("先") * 24)
        layout.addWidget(how)
        layout.addLayout(check_bar)
        # Lists that may shrink (and scroll) on a short screen: Qt's default minimum of a
        # list is ~100 pixels, which at large text made the case page taller than the screen.
        # The table never shrinks below three whole documents: the self-check list gives way
        # first, down to its first finding (the heading counts them all; the list scrolls).
        line = self.fontMetrics().lineSpacing()
        self.table.setMinimumHeight(
            self.table.horizontalHeader().sizeHint().height() + 3 * ROW_HEIGHT + 4
        )
        self.check_list.setMinimumHeight(line * 2)
        layout.addWidget(self.check_list)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)
        # Filled by reload(), which the workspace calls when this tab is first shown.

    # ------------------------------------------------------------------ showing
    def reload(self) -> None:
        detail = self.store.cases.detail(self.case_id)
        self.form_ids = [f.id for f in engine().forms_for_case(detail)]
        latest: dict[str, str] = {}
        for d in detail.documents:
            latest[d.form] = d.created_at.replace("T", " ")[:16]
        self.table.setRowCount(0)  # drops the old row buttons before new ones are made
        self.table.setRowCount(len(self.form_ids))
        for row, form_id in enumerate(self.form_ids):
            copies = self.copies(form_id, detail)
            shown = form_name(form_id) + (f"（打印 {copies} 份）" if copies > 1 else "")
            for col, text in enumerate((shown, latest.get(form_id, "未生成"))):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, col, item)
            for col, (action, label) in enumerate(BUTTONS, start=2):
                button = CellButton(label)
                button.clicked.connect(lambda _c=False, f=form_id, a=action: self.act(f, a))
                self.table.setCellWidget(row, col, button)
            self.table.setRowHeight(row, ROW_HEIGHT)
        self.column_fit.fit()
        self.run_self_check()

    def run_self_check(self) -> list[Finding]:
        self.findings = list(engine().self_check(self.store, self.case_id))
        self.check_list.clear()
        if not self.findings:
            self.check_list.addItem(QListWidgetItem("自查没有发现问题，可以打印。"))
        # The count says there is more than the rows shown (the list scrolls at large text).
        self.check_heading.setText(
            f"卷宗自查（{len(self.findings)} 条）" if self.findings else "卷宗自查"
        )
        for f in self.findings:
            where = form_name(f.form) if f.form else "卷宗"
            item = QListWidgetItem(
                f"{'【必须改正】' if is_error(f) else '【请注意】'}{where}：{f.message}"
            )
            item.setForeground(QColor("#b00020") if is_error(f) else QColor("#8a5a00"))
            self.check_list.addItem(item)
        self.fit_check_list()
        return self.findings

    def fit_check_list(self) -> None:
        """The self-check list as tall as its first findings wrapped at the list's width: up to
        four at normal text, two at large text (the list scrolls for more), so the document
        table below keeps room for three documents on a 768-pixel screen. Measured one line
        each, a finding wrapped onto a second line was cut off at the right edge."""
        shown = 2 if self.font().pointSize() >= prefs.LARGE_POINTS else 4
        view = self.check_list
        margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
        width = max(
            view.viewport().width() - 2 * margin, view.fontMetrics().horizontalAdvance("调")
        )
        heights = [
            view.fontMetrics()
            .boundingRect(
                QRect(0, 0, width, 100_000),
                int(Qt.TextFlag.TextWordWrap),
                view.item(i).text(),
            )
            .height()
            + 2 * margin
            for i in range(min(view.count(), shown))
        ]
        frame = 2 * view.frameWidth() + 4
        view.setMaximumHeight(sum(heights) + frame)
        view.setMinimumHeight(sum(heights[:1]) + frame)

    def _fit_width(self) -> None:
        self.column_fit.fit()
        self.fit_check_list()  # the findings wrap differently at the new width

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.column_fit.fit()  # the row buttons have their real font (and width) once shown

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.column_fit.fit()
            self.fit_check_list()  # the findings wrap differently at the new width

    # ------------------------------------------------------------------ actions
    def act(self, form_id: str, action: str) -> Path | None:
        show_error(self.error, "")
        try:
            if action == "generate":
                return self.generate(form_id, PDF)
            if action == "preview":
                path = self.generate(form_id, PDF)
                self.last_preview = pdf_print.preview(
                    path,
                    form_name(form_id),
                    self.copies(form_id),
                    self,
                    lambda: self.act(form_id, "print"),
                )
                return path
            if action == "print":
                return self.print_form(form_id)
            return self.save_word(form_id)
        except FAILURES as exc:
            show_failure(self.error, exc)
        return None

    def default_path(self, form_id: str, fmt: str) -> Path:
        case = self.store.cases.get(self.case_id)
        folder = self.store.files.documents_folder(case.uuid)
        return folder / safe_filename(f"{case.case_no}{form_name(form_id)}.{fmt}")

    def generate(self, form_id: str, fmt: str, path: Path | None = None) -> Path:
        target = path or self.default_path(form_id, fmt)
        run_off_thread(
            self,
            f"正在生成“{form_name(form_id)}”……",
            lambda: engine().generate(self.store, self.case_id, form_id, fmt, target),
        )
        self.reload()
        self.changed.emit()
        return target

    def copies(self, form_id: str, detail: CaseDetail | None = None) -> int:
        """The agreement and the termination notice: one copy per party plus one for the file;
        other forms one."""
        if form_id in PER_PARTY_FORMS:
            return int(engine().agreement_copies(detail or self.store.cases.detail(self.case_id)))
        return 1

    def confirm_findings(self, form_id: str) -> bool:
        """Show what the self-check found before paper is used; True to print anyway."""
        findings = self.run_self_check()
        if not findings:
            return True
        lines = "\n".join(
            f"· {form_name(f.form) if f.form else '卷宗'}：{f.message}" for f in findings[:8]
        )
        more = f"\n……共 {len(findings)} 条" if len(findings) > 8 else ""
        question = (
            f"卷宗自查发现下面的问题，县里评查时可能不合格：\n{lines}{more}\n\n"
            "要先去修改，还是仍然打印？"
        )
        buttons = ("仍然打印", "先去修改")
        tone = prompts.Tone.WARNING
        return prompts.choose(self, "打印前自查", question, buttons, escape=1, tone=tone) == 0

    def print_form(self, form_id: str) -> Path | None:
        if not self.confirm_findings(form_id):
            return None
        path = self.generate(form_id, PDF)
        pdf_print.ask_and_print(path, self.copies(form_id), form_name(form_id), self)
        return path

    def save_word(self, form_id: str) -> Path | None:
        suggested = str(Path.home() / self.default_path(form_id, WORD).name)
        chosen = prompts.save_file(self, "另存为 Word", suggested, "Word 文档 (*.docx)")
        if chosen is None:
            return None
        path = (
            chosen if chosen.suffix.lower() == ".docx" else chosen.with_name(f"{chosen.name}.docx")
        )
        written = self.generate(form_id, WORD, path)
        tell_saved(self, f"“{form_name(form_id)}”的 Word 文件", written)
        return written

    def save_dossier(self) -> Path | None:
        case = self.store.cases.get(self.case_id)
        suggested = str(Path.home() / safe_filename(f"{case.case_no}卷宗.pdf"))
        chosen = prompts.save_file(self, "保存整本卷宗", suggested, "PDF 文件 (*.pdf)")
        if chosen is None:
            return None
        path = chosen if chosen.suffix.lower() == ".pdf" else chosen.with_name(f"{chosen.name}.pdf")
        try:
            run_off_thread(
                self,
                "正在生成整本卷宗……",
                lambda: engine().generate_dossier(self.store, self.case_id, path),
            )
        except FAILURES as exc:
            show_failure(self.error, exc)
            return None
        self.reload()
        self.changed.emit()
        tell_saved(self, "整本卷宗", path)
        return path
