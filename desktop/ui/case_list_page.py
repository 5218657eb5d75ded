"""The case list: the lazy table, the one search box (results as you type) and the filters."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.categories import load_categories
from desktop.core.models import DONE, CaseFilter, CaseStatus
from desktop.core.store import Store
from desktop.ui.case_table_model import CaseTableModel
from desktop.ui.column_fit import ColumnFit, ElideStart
from desktop.ui.errors import explain

SEARCH_DELAY_MS = 250
ALL = "全部"


def _combo(options: Sequence[tuple[str, object]]) -> QComboBox:
    combo = QComboBox()
    combo.addItem(ALL, None)
    for text, value in options:
        combo.addItem(text, value)
    return combo


class CaseListPage(QWidget):
    """Double-click (or Enter) on a row emits ``open_case(case_id)``."""

    open_case = Signal(int)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        spec = store.catalog.latest()
        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText(
            "查找：案号、当事人姓名（或拼音首字母，如 zs 找张三）、身份证号、电话或案情字词"
        )
        self.search_box.setClearButtonEnabled(True)
        self.status = _combo([(s.value, s) for s in CaseStatus])
        extras = frozenset(store.settings.committee().extra_categories)
        self.category = _combo([(c.name, c.code) for c in load_categories().enabled(extras)])
        self.level = _combo([(f"第{lv.number}级 {lv.name}", lv.number) for lv in spec.levels])
        self.step = _combo([(s.name, s.id) for s in spec.steps] + [("已办结", DONE)])
        self.month = QLineEdit()
        self.month.setPlaceholderText("受理月份，如 2026-10")
        self.mediator = _combo([(m.name, m.id) for m in store.settings.mediators()])
        self.filter_error = QLabel()
        self.filter_error.setStyleSheet("color: #b00020;")

        self.model = CaseTableModel(store)
        self.table = QTableView()
        self.table.setModel(self.model)
        # Newest accepted first: set the indicator before sorting is switched on, which sorts.
        self.table.horizontalHeader().setSortIndicator(1, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        # One line a case: a narrow cell ends in "…" (whole on hover) rather than wrapping into
        # a second line the row has no room for.
        self.table.setWordWrap(False)
        # Every column in the window at every width and both text sizes, with no sideways
        # scroll bar (the last columns were cut off behind one): each as wide as its widest
        # cell; when the room runs short the parties, then the type, then the case number give
        # way, then level, step, status and mediator (cut cells show their whole text on
        # hover); only the date is always whole; the 纠纷名称 takes what is left.
        self.column_fit = ColumnFit(
            self.table, fill=2, give_way=(3, 4, 0, 7, 6, 5, 8), keep=(1,), fill_chars=7
        )
        # A narrow case number keeps its end (the year and committee are the same every row).
        self.table.setItemDelegateForColumn(0, ElideStart(self.table))
        self.table.horizontalHeader().sortIndicatorChanged.connect(
            lambda _c, _o: self.column_fit.fit()  # sorting reloads the first page
        )
        self.table.doubleClicked.connect(
            lambda index: self.open_case.emit(self.model.case_id(index.row()))
        )
        self.table.activated.connect(
            lambda index: self.open_case.emit(self.model.case_id(index.row()))
        )
        self.count_label = QLabel()

        # Two rows of three: one row of six does not fit a 1366-pixel laptop screen at large text.
        filters = QGridLayout()
        filters.setHorizontalSpacing(10)
        for i, (label, widget) in enumerate(
            (
                ("状态", self.status),
                ("类型", self.category),
                ("层级", self.level),
                ("步骤", self.step),
                ("月份", self.month),
                ("调解员", self.mediator),
            )
        ):
            row, col = divmod(i, 3)
            filters.addWidget(QLabel(label), row, col * 2)
            filters.addWidget(widget, row, col * 2 + 1)
            if isinstance(widget, QComboBox):
                # Long level names would otherwise make the combo as wide as its longest item.
                widget.setSizeAdjustPolicy(
                    QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
                )
                widget.setMinimumContentsLength(6)
            widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        for col in (1, 3, 5):
            filters.setColumnStretch(col, 1)
        layout = QVBoxLayout(self)
        # No side margins: the window's own frame the page, and the list at its narrowest is as
        # wide as a 1024-pixel screen leaves at large text.
        margins = layout.contentsMargins()
        layout.setContentsMargins(0, margins.top(), 0, margins.bottom())
        layout.addWidget(self.search_box)
        layout.addLayout(filters)
        layout.addWidget(self.filter_error)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)

        # Search as the user types, once typing pauses, so every key stays instant.
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.apply)
        self.search_box.textChanged.connect(lambda _t: self._debounce.start())
        self.month.textChanged.connect(lambda _t: self._debounce.start())
        for combo in (self.status, self.category, self.level, self.step, self.mediator):
            combo.currentIndexChanged.connect(lambda _i: self.apply())
        self._update_count()
        # Its least width claimed now, not when first shown: the window must not grow then.
        self.column_fit.fit()

    def current_filter(self) -> CaseFilter:
        month = self.month.text().strip() or None
        return CaseFilter(
            status=CaseStatus(self.status.currentData()) if self.status.currentData() else None,
            category_code=self.category.currentData(),
            level=self.level.currentData(),
            step=self.step.currentData(),
            month=month,
            mediator_id=self.mediator.currentData(),
            text=self.search_box.text(),
        )

    def apply(self) -> None:
        from desktop.core.errors import ValidationError

        self._debounce.stop()  # an explicit apply makes a pending delayed one pointless
        try:
            flt = self.current_filter()
            self.model.set_filter(flt)
        except ValidationError as exc:
            self.filter_error.setText(explain(exc))
            return
        self.filter_error.setText("")
        self.column_fit.fit()
        self._update_count()

    def stop(self) -> None:
        """No more delayed searches (the window is closing, the database with it)."""
        self._debounce.stop()

    def refresh(self) -> None:
        self.model.reload()
        self.column_fit.fit()
        self._update_count()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.column_fit.fit()  # the room the columns share changed

    def _update_count(self) -> None:
        shown = f"{self.model.total:,}" + ("" if not self.model.capped else " 件以上")
        text = self.search_box.text().strip()
        if text:
            self.count_label.setText(f"找到 {shown} 件与“{text}”有关的案件。双击一行打开案件。")
        else:
            self.count_label.setText(f"共 {shown} 件。双击一行打开案件。")
