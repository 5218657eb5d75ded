"""报送 (export) and 导入 (import) dialogs. Export: choose the period and the folder (a USB
stick), see exactly what was written. Import: choose packages, see what would change, and only
then import; a bad package is refused whole with the reason."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TypeVar

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.core.store import Store
from desktop.core.store.files import safe_filename
from desktop.ui import prompts
from desktop.ui.errors import FAILURES, error_label, for_window, show_error, show_failure
from desktop.ui.workspace.style import heading, hint

T = TypeVar("T")


class ExportDialog(QDialog):
    def __init__(
        self, store: Store, parent: QWidget | None = None, today: date | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle("导出报送包")
        today = today or store.today()
        self.since_last = QRadioButton("上次导出以来变动的案件（推荐）")
        self.by_month = QRadioButton("按月份")
        # When the level above says a package is missing (coverage.py tells it which).
        self.again = QRadioButton("从第几个包起重新导出（上级说缺包时用）：第")
        self.everything = QRadioButton("全部案件（完整包）")
        self.since_last.setChecked(True)
        group = QButtonGroup(self)
        for button in (self.since_last, self.by_month, self.again, self.everything):
            group.addButton(button)
        self.month = QLineEdit(f"{today.year}-{today.month:02d}")
        self.package_no = QSpinBox()
        self.sent_text = hint("")
        self._show_sent()
        self.package_no.valueChanged.connect(lambda _n: self.again.setChecked(True))
        self.folder = QLineEdit(str(Path.home()))
        choose = QPushButton("选择文件夹（如 U 盘）…")
        choose.clicked.connect(self._choose)
        self.export_button = QPushButton("导出")
        self.export_button.setMinimumHeight(44)
        self.export_button.clicked.connect(self.run)
        self.message = error_label()
        self.result_text = QLabel()
        self.result_text.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(choose)
        month_row = QHBoxLayout()
        month_row.addWidget(self.by_month)
        month_row.addWidget(self.month)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("导出报送包", 4))
        layout.addWidget(
            hint("报送包包含案件记录、台账（按月导出时另附月报），可用 U 盘带到镇、县导入汇总。")
        )
        layout.addWidget(self.since_last)
        layout.addLayout(month_row)
        again_row = QHBoxLayout()
        again_row.addWidget(self.again)
        again_row.addWidget(self.package_no)
        again_row.addWidget(QLabel("个包起"))
        again_row.addStretch(1)
        layout.addLayout(again_row)
        layout.addWidget(self.everything)
        layout.addWidget(self.sent_text)
        layout.addWidget(QLabel("保存到："))
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(self.result_text)
        layout.addWidget(self.export_button)

    def _show_sent(self) -> None:
        """How many numbered packages this file exported: the level above names a missing one
        by its number, which the spin box offers to send again."""
        from desktop.core.exchange.period import sent_packages

        sent = sent_packages(self.store)
        last = int(sent[-1]["no"]) if sent else 0
        self.package_no.setRange(1, max(1, last))
        self.package_no.setValue(self.package_no.maximum())
        self.sent_text.setText(
            f"本机已导出 {last} 个报送包，最近一个截至 "
            f"{str(sent[-1]['at']).replace('T', ' ')[:16]}。"
            if sent
            else "本机还没有导出过报送包。"
        )

    def _choose(self) -> None:
        folder = prompts.folder(self, "选择保存报送包的文件夹")
        if folder:
            self.folder.setText(str(folder))

    def target(self) -> Path:
        """The package's file: by month, or by day and the package's number (two exports on
        one day must not overwrite each other on the USB stick: the first would never arrive
        and the county be told a package is missing)."""
        from desktop.core.exchange.period import sent_packages

        name = self.store.settings.committee().name or "调委会"
        if self.by_month.isChecked():
            period = self.month.text().strip()
        else:
            sent = sent_packages(self.store)
            number = int(sent[-1]["no"]) + 1 if sent else 1
            period = f"{self.store.today().isoformat()}-第{number}个包"
        return Path(self.folder.text().strip()) / safe_filename(f"{name}-报送包-{period}.zip")

    def run(self) -> bool:
        from desktop.core.exchange import export_period

        show_error(self.message, "")
        folder = Path(self.folder.text().strip())
        if not folder.is_dir():
            show_error(self.message, f"找不到文件夹 {folder}，请重新选择（U 盘是否插好？）。")
            return False
        try:
            month = self.month.text().strip() if self.by_month.isChecked() else None
            again = self.package_no.value() if self.again.isChecked() else None
            everything = self.everything.isChecked()
            from desktop.ui.workspace.jobs import run_off_thread

            target = self.target()
            result = run_off_thread(
                self,
                "正在导出报送包，请稍候……",
                lambda: export_period(
                    self.store, target, month=month, since_package=again, everything=everything
                ),
            )
        except FAILURES as exc:
            show_failure(self.message, exc)
            return False
        masked = "\n身份证号、电话和住址已遮盖（设置里可以改）。" if result.masked else ""
        clock = f"\n注意：{result.clock_warning}" if result.clock_warning else ""
        self._show_sent()
        numbered = f"（第 {result.package_no} 个报送包）" if result.package_no else ""
        self.result_text.setText(
            f"已导出 {result.cases} 件案件{numbered}到：\n{result.path}\n"
            f"包内文件：{'、'.join(result.members)}{masked}{clock}"
        )
        return True


class ImportDialog(QDialog):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.paths: list[Path] = []
        self.setWindowTitle("导入报送包")
        choose = self.choose_button = QPushButton("选择报送包…")
        choose.clicked.connect(self._choose)
        self.preview_text = QPlainTextEdit()
        self.preview_text.setReadOnly(True)
        self.import_button = QPushButton("确认导入")
        self.import_button.setMinimumHeight(44)
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.run)
        self.message = error_label()
        # Shown only when a committee's key changed: accepting it is a deliberate act.
        self.accept_key = QCheckBox("我已打电话向该调委会核对过新指纹，接受新密钥")
        self.accept_key.setVisible(False)
        self.accept_key.toggled.connect(lambda _on: self.set_paths(self.paths))
        layout = QVBoxLayout(self)
        layout.addWidget(heading("导入报送包（镇、县汇总；上级接收移交的案件）", 4))
        layout.addWidget(
            hint("先检查每个包，确认将要发生的变化后再导入；有问题的包整包拒绝，数据库不会改动。")
        )
        # Packages a committee sent that never arrived here, told until they are filled in.
        self.gaps_text = error_label()
        self.show_gaps()
        layout.addWidget(self.gaps_text)
        layout.addWidget(choose)
        layout.addWidget(self.preview_text, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.accept_key)
        layout.addWidget(self.import_button)

    def show_gaps(self) -> None:
        from desktop.core.exchange.coverage import open_gaps

        gaps = open_gaps(self.store)
        show_error(self.gaps_text, "\n".join(g.sentence() for g in gaps))

    def _choose(self) -> None:
        files = prompts.open_files(self, "选择报送包", "报送包 (*.zip)")
        if files:
            self.set_paths(files)

    def _working(self, label: str, work: Callable[[bool], T]) -> T:
        """``work(accept_new_key)`` off the window's thread behind 请稍候 (a preview rehearses
        the whole import: tens of seconds for a county's month of packages, which must not
        freeze the window). The dialog's controls take no click meanwhile: before 请稍候 shows
        (0.4 s) they still would, and a second preview or import on the same database while
        one runs would share its connection and transaction (a preview ends by rolling
        back)."""
        from desktop.ui.workspace.jobs import run_off_thread

        accept = self.accept_key.isChecked()  # read here: widgets belong to this thread
        controls: tuple[QWidget, ...] = (self.choose_button, self.import_button, self.accept_key)
        enabled = [c.isEnabled() for c in controls]
        for c in controls:
            c.setEnabled(False)
        try:
            result: T = run_off_thread(self, label, lambda: work(accept))
            return result
        finally:
            for c, on in zip(controls, enabled, strict=True):
                c.setEnabled(on)

    def set_paths(self, paths: list[Path]) -> None:
        from desktop.core.exchange import KeyChangedError, preview

        self.paths = paths
        show_error(self.message, "")
        try:
            lines = self._working(
                "正在检查报送包，请稍候……",
                lambda accept: preview(self.store, paths, accept_new_key=accept),
            )
        except FAILURES as exc:
            self.preview_text.setPlainText("")
            show_failure(self.message, exc)
            self.import_button.setEnabled(False)
            self.accept_key.setVisible(isinstance(exc, KeyChangedError))
            return
        self.preview_text.setPlainText(for_window("\n".join(lines)))
        self.import_button.setEnabled(True)

    def run(self) -> bool:
        from desktop.core.exchange import import_packages

        paths = self.paths
        try:
            reports = self._working(
                "正在导入报送包，请稍候……",
                lambda accept: import_packages(self.store, paths, accept_new_key=accept),
            )
        except FAILURES as exc:
            show_failure(self.message, exc)
            return False
        self.preview_text.setPlainText(for_window("\n".join(r.summary() for r in reports)))
        self.import_button.setEnabled(False)
        self.show_gaps()
        return True
