"""Windows for the county's own numbers: the 以案定补 申报清单 (list, save as PDF/Excel, mark
claimed), the cases not yet entered into the provincial platform (type each 平台案号), and
bringing in an old Excel 台账 (choose the file, confirm each column, preview, then import).
Every rule is asked of the core; a refusal is one Chinese sentence in a message box."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.fsutil import atomic_write
from desktop.core.reports.period import Month

if TYPE_CHECKING:
    from desktop.core.reports.register_import import ImportPlan, Sheet
from desktop.core.store import Store
from desktop.ui import prompts
from desktop.ui.errors import FAILURES, tell_failure
from desktop.ui.fitted_table import FittedTable
from desktop.ui.screen_fit import fit_to_screen

MONTHS_SHOWN = 24


#: The files a 台账 can be brought in from (register_import_sheet.read_sheet reads both).
REGISTER_FILTER = "台账表格 (*.xlsx *.csv *.txt);;Excel 表格 (*.xlsx);;CSV 文字表格 (*.csv *.txt)"


#: Tallest a wrapped row grows (pixels at 1366x768): a longer cell is cut, whole on hover.
MOST_ROW_HEIGHT = 120


def _table(headers: list[str], fill: int) -> FittedTable:
    """Rows fitted to the dialog's width at any size of it: the ``fill`` column (a title, a
    refused case's sentence) takes the room left and wraps; a column of long cells (a
    wage-arrears case lists 200 workers as 当事人) evens down with the others instead of
    pushing them off the screen."""
    table = FittedTable(headers, fill=fill, fill_chars=6, most_row_height=MOST_ROW_HEIGHT)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    return table


def _month_box(today: date) -> QComboBox:
    box = QComboBox()
    month = Month.parse(today)
    for i in range(MONTHS_SHOWN):
        m = month.shift(-i)
        box.addItem(m.label, m.key)
    return box


def _documents_folder() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


class ClaimsDialog(QDialog):
    """以案定补: the month's qualifying cases and, below, the others with the rule each fails."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle("以案定补申报清单")
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel("申报月份："))
        self.month = _month_box(store.today())
        self.month.currentIndexChanged.connect(self.refresh)
        top.addWidget(self.month)
        top.addStretch(1)
        layout.addLayout(top)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.good = _table(
            ["案号", "纠纷名称", "当事人", "案件难度", "涉案金额", "人数", "补贴（元）"], fill=1
        )
        layout.addWidget(self.good, 3)
        layout.addWidget(QLabel("未列入申报的案件（写明不满足的条件）："))
        self.bad = _table(["案号", "纠纷名称", "协议日期", "不满足的条件"], fill=3)
        layout.addWidget(self.bad, 2)
        buttons = QHBoxLayout()
        self.save_pdf = QPushButton("保存为 PDF…")
        self.save_pdf.clicked.connect(lambda: self.save("pdf"))
        self.save_xlsx = QPushButton("保存为 Excel…")
        self.save_xlsx.clicked.connect(lambda: self.save("xlsx"))
        self.mark = QPushButton("登记为已申报")
        self.mark.setToolTip("登记后这些案件不会再列入以后的申报清单（一案一补）。")
        self.mark.clicked.connect(self.mark_claimed)
        close = QPushButton("关闭")
        close.clicked.connect(self.accept)
        for b in (self.save_pdf, self.save_xlsx, self.mark):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        fit_to_screen(self, 1100, 680)
        self.refresh()

    def refresh(self) -> None:
        from desktop.core.reports.claims import claim_list, yuan_text

        self.listing = claim_list(self.store, str(self.month.currentData()))
        new = [c for c in self.listing.qualifying if not c.claimed_month]
        self.summary.setText(
            f"可申报 {len(self.listing.qualifying)} 件，共 {yuan_text(self.listing.total_fen)} 元"
            f"（其中已登记申报 {len(self.listing.qualifying) - len(new)} 件）；"
            f"未列入 {len(self.listing.refused)} 件。"
            f"申报条件：{'、'.join(r.name for r in self.listing.rules)}。"
        )
        self.good.set_rows(
            [
                [
                    c.case_no,
                    c.title,
                    c.parties,
                    c.difficulty,
                    c.amount_band,
                    str(c.people),
                    yuan_text(c.subsidy_fen) + ("（已申报）" if c.claimed_month else ""),
                ]
                for c in self.listing.qualifying
            ],
        )
        self.bad.set_rows(
            [
                [c.case_no, c.title, c.agreement_on, c.why or "、".join(c.failed)]
                for c in self.listing.refused
            ],
        )
        self.mark.setEnabled(bool(new))

    def save(self, fmt: str) -> Path | None:
        from desktop.core.reports.claims_output import write_claims_pdf, write_claims_xlsx

        suffix = {"pdf": "PDF 文件 (*.pdf)", "xlsx": "Excel 表格 (*.xlsx)"}[fmt]
        default = Path(_documents_folder()) / f"以案定补-{self.listing.month.key}.{fmt}"
        chosen = prompts.save_file(self, "保存申报清单", default, suffix)
        if chosen is None:
            return None
        path = chosen.with_suffix(f".{fmt}")
        writer = write_claims_pdf if fmt == "pdf" else write_claims_xlsx
        try:
            atomic_write(path, lambda out: writer(self.listing, out))
        except FAILURES as exc:
            tell_failure(self, "没有保存", exc)
            return None
        self.summary.setText(f"已保存：{path}")
        return path

    def mark_claimed(self) -> None:
        from desktop.core.reports.claims import mark_claimed

        try:
            marked = mark_claimed(self.store, self.listing.month)
        except FAILURES as exc:
            tell_failure(self, "没有登记", exc)
            return
        self.refresh()
        self.summary.setText(f"已登记 {len(marked)} 件为已申报。" + self.summary.text())


class PlatformDialog(QDialog):
    """The cases without a 平台案号: select one, type the number the platform gave, save.
    Opened from 今日's month-end reminder (``this_month``) it lists ``month``'s cases the
    reminder counted; before, it listed every case since the first year, oldest first, and
    the month's 13 were the last rows of 400."""

    def __init__(
        self,
        store: Store,
        parent: QWidget | None = None,
        *,
        month: Month | None = None,
        this_month: bool = False,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.month = month or Month.parse(date.today())
        self.setWindowTitle("未录入省平台的案件")
        layout = QVBoxLayout(self)
        self.only_month = QCheckBox(f"只列本月（{self.month.label}）受理的案件")
        self.only_month.setChecked(this_month)
        self.only_month.toggled.connect(lambda _on: self.refresh())
        layout.addWidget(self.only_month)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table = _table(["案号", "纠纷名称", "受理日期", "状态"], fill=1)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addWidget(QLabel("选中案件的平台案号："))
        self.number = QLineEdit()
        self.number.setPlaceholderText("录入省平台后得到的案号")
        self.number.returnPressed.connect(self.save)
        row.addWidget(self.number, 1)
        self.save_button = QPushButton("保存")
        self.save_button.clicked.connect(self.save)
        row.addWidget(self.save_button)
        close = QPushButton("关闭")
        close.clicked.connect(self.accept)
        row.addWidget(close)
        layout.addLayout(row)
        fit_to_screen(self, 900, 600)
        self.refresh()

    def refresh(self) -> None:
        from desktop.core.reports.platform import not_entered

        if self.only_month.isChecked():
            self.cases = not_entered(self.store, self.month)
            self.summary.setText(
                f"本月受理的案件中还有 {len(self.cases)} 件没有平台案号"
                "（去掉上面的勾，可以看以前各月没有录入的案件）。"
            )
        else:
            self.cases = not_entered(self.store)
            self.summary.setText(f"还有 {len(self.cases)} 件案件没有平台案号。")
        self.table.set_rows(
            [[c.case_no, c.title, c.accepted_on.isoformat(), c.status] for c in self.cases],
        )
        if self.cases:
            self.table.selectRow(0)

    def save(self) -> None:
        from desktop.core.reports.platform import set_platform_no

        row = self.table.currentRow()
        if row < 0 or row >= len(self.cases):
            prompts.tell(self, "请选择案件", "请先在表中选中一件案件，再填写平台案号。")
            return
        if not self.number.text().strip():
            prompts.tell(self, "没有填写", "请填写平台案号后再保存。")
            return
        try:
            set_platform_no(self.store, self.cases[row].case_id, self.number.text())
        except FAILURES as exc:
            tell_failure(self, "没有保存", exc)
            return
        self.number.clear()
        self.refresh()


class ImportRegisterDialog(QDialog):
    """An old 台账 (Excel .xlsx or CSV): choose the file, confirm what each column is,
    preview, import."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.sheet: Sheet | None = None
        self.plan: ImportPlan | None = None
        self.setWindowTitle("导入旧的台账（Excel 或 CSV）")
        layout = QVBoxLayout(self)
        pick = QHBoxLayout()
        self.file_label = QLabel("还没有选择文件。")
        choose = QPushButton("选择台账文件…")
        choose.clicked.connect(self.choose)
        pick.addWidget(choose)
        pick.addWidget(self.file_label, 1)
        # A workbook kept one sheet a year: which sheet to bring in (shown only then).
        self.sheet_label = QLabel("导入哪张表：")
        self.sheet_box = QComboBox()
        self.sheet_box.currentTextChanged.connect(self._sheet_chosen)
        for w in (self.sheet_label, self.sheet_box):
            w.setVisible(False)
            pick.addWidget(w)
        layout.addLayout(pick)
        layout.addWidget(QLabel("请核对每一列对应的项目（猜得不对的请改，不需要的选“不导入”）："))
        # The choice boxes keep their width; a long heading of the old 台账 is cut, whole on
        # hover, at any width of the dialog.
        self.columns = FittedTable(["台账中的列", "导入为"], fill=0, wrap=False)
        layout.addWidget(self.columns, 2)
        self.preview_text = QPlainTextEdit()
        self.preview_text.setReadOnly(True)
        layout.addWidget(self.preview_text, 2)
        buttons = QHBoxLayout()
        self.preview_button = QPushButton("预览")
        self.preview_button.clicked.connect(self.preview)
        self.import_button = QPushButton("确认导入")
        self.import_button.clicked.connect(self.do_import)
        close = QPushButton("关闭")
        close.clicked.connect(self.reject)
        for b in (self.preview_button, self.import_button):
            b.setEnabled(False)
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        fit_to_screen(self, 900, 680)

    def choose(self) -> None:
        chosen = prompts.open_file(self, "选择台账", REGISTER_FILTER, _documents_folder())
        if chosen:
            self.load(chosen)

    def load(self, path: Path, sheet_name: str | None = None) -> None:
        from desktop.core.reports.register_import import (
            import_fields,
            others_sentence,
            read_sheet,
        )

        try:
            sheet = self.sheet = read_sheet(path, sheet_name)
        except FAILURES as exc:
            tell_failure(self, "不能导入", exc)
            return
        if sheet_name is None:  # a new file: its 台账 sheets, the first one chosen
            self.sheet_box.blockSignals(True)
            self.sheet_box.clear()
            self.sheet_box.addItems([sheet.name, *sheet.others])
            self.sheet_box.blockSignals(False)
            for w in (self.sheet_label, self.sheet_box):
                w.setVisible(bool(sheet.others))
        which = f"“{sheet.name}”表，" if sheet.others else ""
        self.file_label.setText(
            f"{path.name}（{which}表头在第 {sheet.header_row} 行，{len(sheet.rows)} 行数据）"
        )
        fields = import_fields()
        self.columns.setRowCount(len(sheet.headers))
        for r, (header, guess) in enumerate(zip(sheet.headers, sheet.guess, strict=True)):
            item = QTableWidgetItem(header or f"（第 {r + 1} 列，无表头）")
            item.setToolTip(item.text())
            self.columns.setItem(r, 0, item)
            box = QComboBox()
            box.addItem("不导入", None)
            for f in fields:
                box.addItem(f.name, f.field)
            box.setCurrentIndex(max(0, box.findData(guess)) if guess else 0)
            box.currentIndexChanged.connect(self._changed)
            self.columns.setCellWidget(r, 1, box)
        self.columns.refit()
        self.preview_button.setEnabled(True)
        self.import_button.setEnabled(False)
        told = "请核对各列后按“预览”。在确认导入之前，什么也不会写入。"
        if sheet.others:
            told += "\n" + others_sentence(sheet, "导入这张以后，在上方“导入哪张表”中选另一张")
        self.preview_text.setPlainText(told)

    def _sheet_chosen(self, name: str) -> None:
        if self.sheet is not None and name and name != self.sheet.name:
            self.load(self.sheet.path, name)

    def mapping(self) -> tuple[str | None, ...]:
        return tuple(
            cast(QComboBox, self.columns.cellWidget(r, 1)).currentData()
            for r in range(self.columns.rowCount())
        )

    def set_column(self, header: str, field: str | None) -> None:
        """Choose what a column is imported as (the combo box of that row)."""
        assert self.sheet is not None
        box = cast(QComboBox, self.columns.cellWidget(self.sheet.headers.index(header), 1))
        box.setCurrentIndex(box.findData(field) if field else 0)

    def _changed(self) -> None:
        self.plan = None
        self.import_button.setEnabled(False)

    def preview(self) -> None:
        from desktop.core.reports.register_import import others_sentence, plan_import, summary

        if self.sheet is None:
            return
        try:
            self.plan = plan_import(self.store, self.sheet, self.mapping())
        except FAILURES as exc:
            tell_failure(self, "不能导入", exc)
            return
        lines = [summary(self.plan)]
        if self.sheet.others:
            how = "导入这张以后，在上方“导入哪张表”中选另一张"
            lines.insert(0, others_sentence(self.sheet, how))
        lines += [f"不能导入：{r}" for r in self.plan.refused]
        if self.plan.duplicates:
            lines.append("已有而跳过的行：" + "、".join(str(n) for n in self.plan.duplicates[:50]))
        if self.plan.add:
            first = self.plan.add[0]
            lines.append(
                f"将导入的第一件：第 {first.row} 行，{first.values['accepted_on']} 受理，"
                f"{first.values['title']}"
            )
        self.preview_text.setPlainText("\n".join(lines))
        self.import_button.setEnabled(bool(self.plan.add))

    def do_import(self) -> None:
        from desktop.core.reports.register_import import apply_import

        if not self.plan or not self.plan.add:
            return
        try:
            ids = apply_import(self.store, self.plan)
        except FAILURES as exc:
            tell_failure(self, "没有导入", exc)  # nothing was changed: one transaction
            return
        self.imported = ids
        self.preview_text.setPlainText(f"已导入 {len(ids)} 件案件（作为已归档的历史案件）。")
        self.import_button.setEnabled(False)
        self.plan = None
