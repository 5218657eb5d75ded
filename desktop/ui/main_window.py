"""The main window: the case list of the open database with the one search box."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.models import CaseFilter
from desktop.core.paths import APP_TITLE
from desktop.core.store import Store
from desktop.ui.case_table_model import CaseTableModel

SEARCH_DELAY_MS = 250


class MainWindow(QMainWindow):
    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        committee = store.settings.committee().name
        self.setWindowTitle(f"{APP_TITLE} — {committee}" if committee else APP_TITLE)
        self.resize(1200, 760)

        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText("查找：输入案号、当事人姓名、身份证号、电话或案情中的字词")
        self.search_box.setClearButtonEnabled(True)
        self.model = CaseTableModel(store)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((230, 110, 320, 180, 140, 90, 100)):
            self.table.setColumnWidth(column, width)
        self.count_label = QLabel()

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.search_box)
        layout.addWidget(self.table)
        layout.addWidget(self.count_label)
        self.setCentralWidget(body)

        # Search as the user types, but only once typing pauses, so each key stays instant.
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.apply_search)
        self.search_box.textChanged.connect(lambda _text: self._debounce.start())
        self._update_count()
        self.menuBar().addMenu("报表").addAction("月报…", self.open_monthly_report)

    def open_monthly_report(self) -> None:
        from desktop.ui.report_dialog import ReportDialog

        ReportDialog(self.store, self).exec()

    def apply_search(self) -> None:
        self.model.set_filter(CaseFilter(text=self.search_box.text()))
        self._update_count()

    def _update_count(self) -> None:
        text = self.search_box.text().strip()
        if text:
            self.count_label.setText(f"找到 {self.model.total} 件与“{text}”有关的案件。")
        else:
            self.count_label.setText(f"共 {self.model.total} 件案件。")
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignLeft)
