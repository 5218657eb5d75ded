"""输入密码: opening a file that has the committee password. The password (hidden), one button;
a wrong one is the core's sentence and the button waits, counting down, as long as the core
says; "用恢复密钥打开" switches to the recovery key, after which a new password is set."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import DamagedError, MediationError
from desktop.core.paths import APP_TITLE
from desktop.core.store import Store
from desktop.core.store.keyfile import WrongPasswordError
from desktop.ui.errors import error_label, show_error
from desktop.ui.workspace.style import heading, hint

#: Opens the file with what was typed; raises MediationError (WrongPasswordError: wait).
Opener = Callable[[str | None, str | None], Store]


class UnlockDialog(QDialog):
    """After ``exec()`` is accepted, ``store`` is the opened Store, or ``damaged`` says the
    secret was right but the file is damaged."""

    def __init__(self, db_path: Path, opener: Opener, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.opener = opener
        self.store: Store | None = None
        #: The secret opened the file but the file is damaged: (message, password, recovery
        #: key), so the caller can offer the restore with the key (app.open_asking_password).
        self.damaged: tuple[str, str | None, str | None] | None = None
        self.recovering = False
        self.setWindowTitle(f"{APP_TITLE} — 输入密码")
        self.title = heading("这个案件库设了密码，请输入密码", 5)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("调委会的密码")
        self.password.setMinimumHeight(44)
        self.password.returnPressed.connect(self.try_open)
        self.recovery = QLineEdit()
        self.recovery.setPlaceholderText("恢复单上的 8 组数字，例如 12345-67890-……")
        self.recovery.setMinimumHeight(44)
        self.recovery.setVisible(False)
        self.recovery.returnPressed.connect(self.try_open)
        self.open_button = QPushButton("打开")
        self.open_button.setMinimumHeight(48)
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self.try_open)
        self.switch = QPushButton("忘了密码？用恢复密钥打开")
        self.switch.clicked.connect(self.use_recovery)
        quit_button = QPushButton("退出")
        quit_button.clicked.connect(self.reject)
        self.message = error_label()
        self._wait = 0
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._tick)

        buttons = QHBoxLayout()
        buttons.addWidget(self.switch)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(quit_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(hint(f"案件库：{db_path}"))
        layout.addWidget(self.password)
        layout.addWidget(self.recovery)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.resize(620, 260)

    def use_recovery(self) -> None:
        self.recovering = True
        self.title.setText("请照恢复单输入恢复密钥")
        self.password.setVisible(False)
        self.password.clear()
        self.recovery.setVisible(True)
        self.recovery.setFocus()
        self.switch.setVisible(False)
        show_error(self.message, "")

    def try_open(self) -> None:
        if self._wait > 0:
            return
        recovering = self.recovering
        password = None if recovering else self.password.text()
        recovery = self.recovery.text() if recovering else None
        try:
            self.store = self.opener(password, recovery)
        except WrongPasswordError as exc:
            show_error(self.message, exc.message)
            self.password.selectAll()
            self._start_wait(exc.wait)
            return
        except DamagedError as exc:
            self.damaged = (exc.message, password, recovery)
            self.accept()
            return
        except MediationError as exc:
            show_error(self.message, exc.message)
            return
        self.accept()

    def _start_wait(self, seconds: int) -> None:
        self._wait = seconds
        if seconds > 0:
            self.open_button.setEnabled(False)
            self._tick(first=True)
            self._timer.start()

    def _tick(self, first: bool = False) -> None:
        if not first:
            self._wait -= 1
        if self._wait <= 0:
            self._timer.stop()
            self.open_button.setEnabled(True)
            self.open_button.setText("打开")
            return
        self.open_button.setText(f"请等 {self._wait} 秒")


class NewPasswordDialog(QDialog):
    """Set a (new) password twice; ``password`` holds it after ``exec()`` is accepted. The
    caller does the setting, so its refusal can be shown here (``show``)."""

    def __init__(
        self,
        title: str,
        explain: str,
        parent: QWidget | None = None,
        *,
        ask_old: bool = False,
        apply: Callable[[str | None, str], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.apply = apply
        self.ask_old = ask_old
        self.password = ""
        self.setWindowTitle(title)
        self.old = QLineEdit()
        self.old.setEchoMode(QLineEdit.EchoMode.Password)
        self.old.setPlaceholderText("原来的密码")
        self.old.setVisible(ask_old)
        self.first = QLineEdit()
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.first.setPlaceholderText("新密码（至少 6 个字，字母、数字或汉字都可以）")
        self.second = QLineEdit()
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        self.second.setPlaceholderText("再输入一次新密码")
        self.second.returnPressed.connect(self.try_accept)
        for edit in (self.old, self.first, self.second):
            edit.setMinimumHeight(44)
        ok = QPushButton("确定")
        ok.setDefault(True)
        ok.setMinimumHeight(44)
        ok.clicked.connect(self.try_accept)
        self.ok_button = ok
        cancel = QPushButton("取消")
        cancel.clicked.connect(self.reject)
        self.message = error_label()
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(ok)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(title, 4))
        note = hint(explain)
        note.setStyleSheet("color: #8a1c1c; font-weight: bold;")
        layout.addWidget(note)
        layout.addWidget(self.old)
        layout.addWidget(self.first)
        layout.addWidget(self.second)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.resize(620, 320)

    def try_accept(self) -> None:
        if self.first.text() != self.second.text():
            show_error(self.message, "两次输入的新密码不一样，请重新输入。")
            self.second.clear()
            self.second.setFocus()
            return
        try:
            if self.apply is not None:
                self.apply(self.old.text() if self.ask_old else None, self.first.text())
        except MediationError as exc:
            show_error(self.message, exc.message)
            return
        self.password = self.first.text()
        self.accept()


class PasswordCheckDialog(QDialog):
    """Type the current password to confirm something; ``password`` holds it afterwards (the
    core checks it and refuses with its own sentence)."""

    def __init__(self, title: str, explain: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.password = ""
        self.setWindowTitle(title)
        self.edit = QLineEdit()
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setPlaceholderText("现在的密码")
        self.edit.setMinimumHeight(44)
        self.edit.returnPressed.connect(self.try_accept)
        ok = QPushButton("确定")
        ok.setDefault(True)
        ok.clicked.connect(self.try_accept)
        cancel = QPushButton("取消")
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(ok)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(title, 4))
        layout.addWidget(hint(explain))
        layout.addWidget(self.edit)
        layout.addLayout(buttons)
        self.resize(560, 220)

    def try_accept(self) -> None:
        self.password = self.edit.text()
        self.accept()
