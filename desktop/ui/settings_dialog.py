"""设置: the committee, its mediators, the case-number format, optional dispute types, large
text and the backup folder (with a 立即备份 button)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.core.categories import load_categories
from desktop.core.store import Store
from desktop.ui import prefs, prompts
from desktop.ui.down_scroll import DownScrollArea
from desktop.ui.errors import FAILURES, error_label, show_error, show_failure

#: The case-number format's placeholders as the core stores them and as the mediator sees them.
PLACEHOLDERS = (("{year}", "{年份}"), ("{abbr}", "{简称}"), ("{seq}", "{序号}"))


def to_chinese_placeholders(fmt: str) -> str:
    for code, shown in PLACEHOLDERS:
        fmt = fmt.replace(code, shown)
    return fmt


def from_chinese_placeholders(fmt: str) -> str:
    for code, shown in PLACEHOLDERS:
        fmt = fmt.replace(shown, code)
    return fmt


def level_choices() -> list[tuple[int, str]]:
    """(number, short name) of each level, from the workflow in resources (the names the
    case list, the notes and the sentences show)."""
    from desktop.core.workflow.catalog import load_catalog

    return [(lv.number, lv.label) for lv in load_catalog().latest().levels]


class SettingsDialog(QDialog):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle("设置")
        s = store.settings.committee()
        self.name = QLineEdit(s.name)
        self.level = QComboBox()
        for number, text in level_choices():
            self.level.addItem(text, number)
        self.level.setCurrentIndex(self.level.findData(s.level))
        self.region = QLineEdit(s.region)
        self.abbr = QLineEdit(s.abbr)
        self.case_no_format = QLineEdit(to_chinese_placeholders(s.case_no_format))
        # The stored format's {year}/{abbr}/{seq} are shown as {年份}/{简称}/{序号}, and what
        # they produce is shown in words.
        self.case_no_preview = QLabel()
        self.case_no_preview.setWordWrap(True)
        self.case_no_format.textChanged.connect(self._preview_case_no)
        self.abbr.textChanged.connect(self._preview_case_no)
        self._preview_case_no()
        self.backup_dir = QLineEdit(s.backup_dir)
        choose = QPushButton("选择文件夹…")
        choose.clicked.connect(self._choose_backup_dir)
        backup_now = QPushButton("立即备份")
        backup_now.clicked.connect(self.backup_now)
        self.exchange_masked = QCheckBox(
            "报送包里遮盖身份证号、电话和住址（只留前后几位，县里看不到完整号码）"
        )
        self.exchange_masked.setChecked(s.exchange_masked)
        self.horizon = QSpinBox()
        self.horizon.setRange(1, 366)
        self.horizon.setSuffix(" 天")
        self.horizon.setValue(s.horizon_days)
        self.large_text = QCheckBox("大字模式（重新打开程序后生效）")
        self.large_text.setChecked(prefs.large_text())
        self.extras: dict[str, QCheckBox] = {}
        extra_box = QGroupBox("可选的纠纷类型")
        grid = QGridLayout(extra_box)
        for i, cat in enumerate(c for c in load_categories().items if c.extra):
            cb = QCheckBox(cat.name)
            cb.setChecked(cat.code in s.extra_categories)
            self.extras[cat.code] = cb
            grid.addWidget(cb, i // 3, i % 3)
        self.mediators = QListWidget()
        self.new_mediator = QLineEdit()
        self.new_mediator.setPlaceholderText("新调解员姓名")
        self.new_phone = QLineEdit()
        self.new_phone.setPlaceholderText("电话（可不填）")
        add = QPushButton("添加调解员")
        add.clicked.connect(self.add_mediator)
        self.message = error_label()
        self.info = QLabel()
        self._load_mediators()

        form = QFormLayout()
        form.addRow("调委会名称", self.name)
        form.addRow("层级", self.level)
        form.addRow("所属地区", self.region)
        form.addRow("案号简称", self.abbr)
        form.addRow("案号格式", self.case_no_format)
        form.addRow("", self.case_no_preview)
        row = QHBoxLayout()
        row.addWidget(self.backup_dir, 1)
        row.addWidget(choose)
        row.addWidget(backup_now)
        form.addRow("备份文件夹", row)
        form.addRow("“今日”提前提醒", self.horizon)
        people = QHBoxLayout()
        people.addWidget(self.new_mediator)
        people.addWidget(self.new_phone)
        people.addWidget(add)
        buttons = QDialogButtonBox()
        buttons.addButton("保存", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        # Scrolls at large text on a 768-pixel screen; 保存/取消 stay visible below it.
        content = QWidget()
        inner = QVBoxLayout(content)
        inner.addLayout(form)
        inner.addWidget(extra_box)
        inner.addWidget(QLabel("调解员"))
        inner.addWidget(self.mediators)
        inner.addLayout(people)
        inner.addWidget(self.exchange_masked)
        inner.addWidget(self.large_text)
        from desktop.ui.password_settings import PasswordBox

        self.password_box = PasswordBox(store)
        inner.addWidget(self.password_box)
        scroll = DownScrollArea()  # never sideways: claims the width of its form
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.info)
        layout.addWidget(buttons)

    def _preview_case_no(self) -> None:
        explain = "（{年份}、{简称}、{序号}处会填上年份、案号简称和当年的序号）"
        try:
            sample = from_chinese_placeholders(self.case_no_format.text()).format(
                year=2026, abbr=self.abbr.text().strip() or "人", seq=1
            )
        except (KeyError, IndexError, ValueError):
            self.case_no_preview.setText(
                f"案号格式写得不对，请改回例如“（{{年份}}）{{简称}}调字第{{序号}}号”。{explain}"
            )
            return
        self.case_no_preview.setText(f"案号将是这样：{sample}{explain}")

    def _load_mediators(self) -> None:
        self.mediators.clear()
        for m in self.store.settings.mediators():
            self.mediators.addItem(f"{m.name}  {m.phone}".strip())

    def add_mediator(self) -> None:
        try:
            self.store.settings.add_mediator(self.new_mediator.text(), self.new_phone.text())
        except FAILURES as exc:
            show_failure(self.message, exc)
            return
        show_error(self.message, "")
        self.new_mediator.clear()
        self.new_phone.clear()
        self._load_mediators()

    def _choose_backup_dir(self) -> None:
        folder = prompts.folder(self, "选择备份文件夹（例如 U 盘）")
        if folder:
            self.backup_dir.setText(str(folder))

    def backup_now(self) -> None:
        folder = self.backup_dir.text().strip()
        try:
            from desktop.ui.workspace.jobs import run_off_thread

            # A big case file takes seconds to copy (to a USB stick even more): keep painting.
            target = run_off_thread(
                self,
                "正在备份案件库，请稍候……",
                lambda: self.store.backup(Path(folder) if folder else None),
            )
        except FAILURES as exc:
            show_failure(self.message, exc, prefix="备份没有成功：")
            return
        show_error(self.message, "")
        self.info.setText(f"已备份到：{target}")

    def save(self) -> None:
        try:
            self.store.settings.save_committee(
                name=self.name.text().strip(),
                level=self.level.currentData(),
                region=self.region.text().strip(),
                abbr=self.abbr.text().strip(),
                case_no_format=from_chinese_placeholders(self.case_no_format.text().strip()),
                backup_dir=self.backup_dir.text().strip(),
                extra_categories=tuple(code for code, cb in self.extras.items() if cb.isChecked()),
                horizon_days=self.horizon.value(),
                exchange_masked=self.exchange_masked.isChecked(),
            )
            self.password_box.save()
        except FAILURES as exc:
            show_failure(self.message, exc)
            return
        prefs.set_large_text(self.large_text.isChecked())
        self.accept()
