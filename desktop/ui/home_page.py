"""今日: what needs doing today, from the core's deadlines; each item opens its case."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.deadlines import KIND_NAMES, MONTHLY_REPORT, PLATFORM, due_on
from desktop.core.store import Store
from desktop.core.validation.dates import format_cn_date
from desktop.ui.column_fit import AsWideAsTheView

OVERDUE = "#b00020"
TODAY = "#e65100"
SOON = "#1565c0"


class HomePage(QWidget):
    """Emits ``open_case(case_id)`` for a case item, ``open_report()`` for the month-end
    report item and ``open_platform()`` for the month-end reminder of cases not yet entered
    into the provincial platform: every item opens something."""

    open_case = Signal(int)
    open_report = Signal()
    open_platform = Signal()
    new_case = Signal()

    def __init__(
        self, store: Store, today: Callable[[], date] = date.today, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.today = today
        self.title = QLabel()
        font = self.title.font()
        font.setPointSize(font.pointSize() + 6)
        font.setBold(True)
        self.title.setFont(font)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.items = QListWidget()
        # Every item is exactly two lines: with uniform sizes Qt measures one item instead of
        # thousands (a 100,000-case committee can have 4,000 due items; 0.5 s at start).
        self.items.setUniformItemSizes(True)
        self.items.setTextElideMode(Qt.TextElideMode.ElideRight)
        # Items as wide as the list, a long title cut with "…" (whole on hover): as wide as
        # their text they put a sideways scroll bar under a narrowed window's list.
        self.items.setItemDelegate(AsWideAsTheView(self.items))
        self.items.setSpacing(4)
        # Activation is a double click or Enter (Qt emits it after a double click): connecting
        # itemDoubleClicked as well opened every item twice, the second time on an item the
        # first opening's refresh had already removed.
        self.items.itemActivated.connect(self._activated)
        new_button = QPushButton("＋ 登记新案件")
        new_button.setMinimumHeight(48)
        new_button.clicked.connect(self.new_case.emit)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(new_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(QLabel("双击一项即可打开："))
        layout.addWidget(self.items, 1)
        self.refresh()

    def refresh(self) -> None:
        day = self.today()
        self.title.setText(f"今日 · {format_cn_date(day)}")
        horizon = self.store.settings.committee().horizon_days
        items = due_on(self.store, day, horizon_days=horizon)
        self.items.clear()
        overdue = sum(1 for d in items if d.days_left(day) < 0)
        if not items:
            self.summary.setText(f"今后 {horizon} 天内没有到期的事项（天数可在“设置”中修改）。")
        else:
            self.summary.setText(
                f"今后 {horizon} 天内共有 {len(items)} 项需要处理，其中 {overdue} 项已经超期"
                "（红色）。天数可在“设置”中修改。"
            )
        for d in items:
            left = d.days_left(day)
            head = f"【{KIND_NAMES[d.kind]}】"
            case = f"{d.case_no}  {d.title}" if d.case_no else ""
            item = QListWidgetItem(f"{head}{case}\n{d.describe(day)}")
            colour = OVERDUE if left < 0 else (TODAY if left == 0 else SOON)
            item.setData(Qt.ItemDataRole.UserRole, d.case_id)
            item.setData(Qt.ItemDataRole.UserRole + 1, d.kind)
            item.setToolTip(item.text())  # whole when cut; "双击一项即可打开" is said above
            item.setForeground(QColor(colour))
            self.items.addItem(item)

    def _activated(self, item: QListWidgetItem) -> None:
        kind = item.data(Qt.ItemDataRole.UserRole + 1)
        if kind == MONTHLY_REPORT:
            self.open_report.emit()
            return
        if kind == PLATFORM:
            self.open_platform.emit()
            return
        case_id = item.data(Qt.ItemDataRole.UserRole)
        if case_id is not None:
            self.open_case.emit(int(case_id))
