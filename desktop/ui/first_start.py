"""First start: no database yet. One click tries the app with demo cases; or a short form sets
up the committee (name, level, region, case-number abbreviation, mediators)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.paths import APP_TITLE
from desktop.core.store import Store, open_store
from desktop.ui.errors import FAILURES, error_label, show_error, show_failure
from desktop.ui.settings_dialog import level_choices
from desktop.ui.workspace.style import heading, hint

DEMO_CASES = 300


class FirstStartDialog(QDialog):
    """After ``exec()`` succeeds, ``store`` is the new, open database."""

    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self.store: Store | None = None
        self._opened: Store | None = None
        self.setWindowTitle(f"欢迎使用{APP_TITLE}")
        self.demo_button = QPushButton("先用演示数据试一试")
        self.demo_button.setMinimumHeight(56)
        self.demo_button.clicked.connect(self.use_demo)
        self.name = QLineEdit()
        self.name.setPlaceholderText("例如：新埭镇星光村人民调解委员会")
        self.level = QComboBox()
        for number, text in level_choices():
            self.level.addItem(text, number)
        self.level.setCurrentIndex(1)
        self.region = QLineEdit()
        self.region.setPlaceholderText("例如：浙江省平湖市新埭镇")
        self.abbr = QLineEdit()
        self.abbr.setPlaceholderText("案号里的简称，例如：星调")
        self.mediators = QLineEdit()
        self.mediators.setPlaceholderText("调解员姓名，多位用顿号隔开，例如：王建平、沈美琴")
        self.create_button = QPushButton("建立我们调委会的案件库")
        self.create_button.setMinimumHeight(56)
        self.create_button.clicked.connect(self.create_database)
        self.message = error_label()

        form = QFormLayout()
        form.addRow("调委会名称", self.name)
        form.addRow("层级", self.level)
        form.addRow("所属地区", self.region)
        form.addRow("案号简称", self.abbr)
        form.addRow("调解员", self.mediators)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(f"欢迎使用{APP_TITLE}", 8))
        layout.addWidget(
            hint(
                "这台电脑上还没有案件库。可以先用演示数据熟悉操作，也可以马上建立本调委会的案件库。"
            )
        )
        layout.addWidget(self.demo_button)
        layout.addWidget(QLabel(" "))
        layout.addWidget(heading("建立本调委会的案件库", 3))
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.create_button)
        layout.addWidget(hint(f"案件库文件位置：{db_path}"))

    def _open(self) -> Store:
        # Opened once and reused, so a refused form can simply be corrected and sent again.
        if self._opened is None:
            self._opened = open_store(self.db_path)
        return self._opened

    def use_demo(self) -> None:
        from desktop.core.demo import generate
        from desktop.ui.workspace.jobs import run_off_thread

        try:
            store = self._open()
            # A few seconds of work: off the GUI thread so the dialog keeps painting.
            run_off_thread(
                self,
                f"正在准备 {DEMO_CASES} 件演示案件，请稍候……",
                lambda: generate(store, DEMO_CASES, seed=1),
            )
        except FAILURES as exc:
            show_failure(self.message, exc)
            return
        self.store = store
        self.accept()

    # Not create(): that is QWidget's own (it makes the native window).
    def create_database(self) -> None:
        names = [
            n.strip()
            for n in self.mediators.text().replace("，", "、").replace(",", "、").split("、")
            if n.strip()
        ]
        if not self.name.text().strip():
            show_error(self.message, "请填写调委会名称，例如“新埭镇星光村人民调解委员会”。")
            return
        if not names:
            show_error(self.message, "请至少填写一位调解员的姓名。")
            return
        try:
            store = self._open()
            store.settings.set_up(
                names,
                name=self.name.text().strip(),
                level=self.level.currentData(),
                region=self.region.text().strip(),
                abbr=self.abbr.text().strip() or self.name.text().strip()[:2],
            )
        except FAILURES as exc:
            show_failure(self.message, exc)
            return
        self.store = store
        self.accept()

    def reject(self) -> None:
        if self._opened is not None:
            self._opened.close()
            self._opened = None
        super().reject()
