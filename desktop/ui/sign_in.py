"""谁在办案: the sign-in dialog. The committee's mediators as big rows, the one who signed in
last already chosen, so one click on a name (or Enter) is enough; a person not yet on the
list types their name and adds themselves. The rules (which names, what is recorded) are the
core's (desktop/core/store/signin.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.paths import APP_TITLE
from desktop.core.store import Store
from desktop.core.store.signin import choices, last_signed_in, sign_in
from desktop.ui.errors import FAILURES, error_label, show_error, show_failure
from desktop.ui.workspace.style import heading, hint

ROW_HEIGHT = 52


class SignInDialog(QDialog):
    """After ``exec()`` is accepted, ``store.actor`` is the chosen person (also in ``signed``).
    Rejected (Esc, 取消, close box) leaves ``store.actor`` as it was."""

    def __init__(self, store: Store, parent: QWidget | None = None, *, switching: bool = False):
        super().__init__(parent)
        self.store = store
        self.signed: str | None = None
        self.setWindowTitle("换人" if switching else f"{APP_TITLE} — 谁在办案")
        self.names = QListWidget()
        self.names.setStyleSheet(f"QListWidget::item {{ min-height: {ROW_HEIGHT}px; }}")
        font = self.names.font()
        font.setPointSize(font.pointSize() + 4)
        self.names.setFont(font)
        # One click on a name signs in; Enter signs in the chosen (preselected) name.
        self.names.itemClicked.connect(self._picked)
        self.names.itemActivated.connect(self._picked)
        self.new_name = QLineEdit()
        self.new_name.setPlaceholderText("名单里没有您：在这里写上您的姓名")
        self.new_name.returnPressed.connect(self.add_and_sign_in)
        self.add_button = QPushButton("添加我并进入")
        self.add_button.clicked.connect(self.add_and_sign_in)
        self.ok_button = QPushButton("进入")
        self.ok_button.setMinimumHeight(48)
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self.choose_current)
        cancel = QPushButton("取消" if switching else "退出")
        cancel.clicked.connect(self.reject)
        self.message = error_label()

        adding = QHBoxLayout()
        adding.addWidget(self.new_name, 1)
        adding.addWidget(self.add_button)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.ok_button)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("请点您的姓名", 6))
        layout.addWidget(hint("今天所做的登记、修改和打印的文书都会记在您的名下。"))
        layout.addWidget(self.names, 1)
        layout.addLayout(adding)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.resize(520, 480)
        self.reload(preselect=store.actor if switching else None)

    def reload(self, preselect: str | None = None) -> None:
        self.names.clear()
        wanted = preselect or last_signed_in(self.store)
        current: QListWidgetItem | None = None
        for name in choices(self.store):
            item = QListWidgetItem(name)
            self.names.addItem(item)
            if current is None or name == wanted:
                current = item  # the last one signed in, else the first of the list
        if current is not None:
            self.names.setCurrentItem(current)
            self.names.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.new_name.setFocus(Qt.FocusReason.OtherFocusReason)

    def _picked(self, item: QListWidgetItem) -> None:
        if self.signed is None:
            self._sign_in(item.text(), add=False)

    def choose_current(self) -> None:
        """进入 / Enter: the name chosen in the list, or a typed new name when there is one."""
        if self.new_name.text().strip():
            self.add_and_sign_in()
            return
        item = self.names.currentItem()
        if item is None:
            show_error(
                self.message, "请先点选您的姓名；名单里没有的，在下面写上姓名再点“添加我并进入”。"
            )
            return
        self._sign_in(item.text(), add=False)

    def add_and_sign_in(self) -> None:
        self._sign_in(self.new_name.text(), add=True)

    def _sign_in(self, name: str, *, add: bool) -> None:
        try:
            self.signed = sign_in(self.store, name, add=add)
        except FAILURES as exc:
            show_failure(self.message, exc)
            return
        self.accept()
