"""Lock when idle: after the committee's number of minutes without a key press, click or
mouse move anywhere in the program, a full-screen cover hides every window and asks for the
password (or, without one, for a name from the list). Nothing underneath is closed or reset,
so what was being typed is there again after unlocking."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import MediationError
from desktop.core.paths import APP_TITLE
from desktop.core.store import Store
from desktop.core.store.keyfile import WrongPasswordError
from desktop.core.store.password import check_password, recovery_opens
from desktop.core.store.signin import choices, sign_in
from desktop.ui.errors import error_label, show_error
from desktop.ui.workspace.style import heading, hint

_INPUT = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.InputMethod,
    }
)


def _light(text: str) -> QLabel:
    label = hint(text)
    label.setStyleSheet("color: #eceff1;")  # readable on the dark cover
    return label


class IdleWatcher(QObject):
    """Emits ``idle`` once the program has seen no input for ``minutes()`` minutes."""

    idle = Signal()

    def __init__(
        self,
        minutes: Callable[[], int],
        parent: QObject | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.minutes = minutes
        self.clock = clock
        self.last_input = clock()
        self.paused = False
        self.timer = QTimer(self)
        self.timer.setInterval(15_000)
        self.timer.timeout.connect(self.check)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in _INPUT:
            self.last_input = self.clock()
        return False

    def check(self) -> bool:
        """Emit ``idle`` when the time is up (called by the timer; tests call it too)."""
        if self.paused or self.clock() - self.last_input < self.minutes() * 60:
            return False
        self.idle.emit()
        return True

    def stop(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)


class LockScreen(QDialog):
    """The full-screen cover. Accepted once the password (or a name) is given; it cannot be
    closed otherwise (Esc and the close box do nothing)."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(f"{APP_TITLE} — 已锁屏")
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        self.setStyleSheet("LockScreen { background: #263238; } QLabel { color: white; }")
        self.message = error_label()
        self.message.setStyleSheet("color: #ffab91; font-weight: bold;")
        self.password = QLineEdit()
        self.names = QListWidget()
        box = QWidget()
        box.setMaximumWidth(560)
        inner = QVBoxLayout(box)
        inner.addWidget(heading("已锁屏：案件已遮住", 8))
        if store.db_key is not None:
            inner.addWidget(
                _light(f"正在办案的是 {store.actor}。请输入调委会的密码回到刚才的地方。")
            )
            self.password.setEchoMode(QLineEdit.EchoMode.Password)
            self.password.setPlaceholderText("调委会的密码")
            self.password.setMinimumHeight(48)
            self.password.returnPressed.connect(self.unlock)
            inner.addWidget(self.password)
            ok = QPushButton("解锁")
            ok.setMinimumHeight(48)
            ok.clicked.connect(self.unlock)
            inner.addWidget(ok)
            # A forgotten password: the recovery key from the safe unlocks as well.
            self.recovery = QLineEdit()
            self.recovery.setPlaceholderText("忘了密码：在这里输入恢复单上的恢复密钥，按回车")
            self.recovery.setMinimumHeight(44)
            self.recovery.returnPressed.connect(self.unlock_with_recovery)
            inner.addWidget(self.recovery)
            self.names.setVisible(False)
        else:
            inner.addWidget(
                hint("请点您的姓名回到刚才的地方（换了人，以后的修改就记在新的人名下）。")
            )
            for name in choices(store):
                self.names.addItem(name)
            found = self.names.findItems(store.actor, Qt.MatchFlag.MatchExactly)
            if found:
                self.names.setCurrentItem(found[0])
            self.names.itemClicked.connect(lambda item: self.pick(item.text()))
            self.names.itemActivated.connect(lambda item: self.pick(item.text()))
            inner.addWidget(self.names)
            self.password.setVisible(False)
        inner.addWidget(self.message)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        column = QVBoxLayout()
        column.addStretch(1)
        column.addWidget(box)
        column.addStretch(2)
        outer.addLayout(column)
        outer.addStretch(1)

    def unlock(self) -> None:
        try:
            check_password(self.store, self.password.text())
        except WrongPasswordError as exc:
            self.password.clear()
            show_error(self.message, exc.message)
            return
        self.accept()

    def unlock_with_recovery(self) -> None:
        try:
            opens = recovery_opens(self.store, self.recovery.text())
        except MediationError as exc:  # a group copied wrong: named by the core
            show_error(self.message, exc.message)
            return
        if not opens:
            show_error(self.message, "这不是本案件库的恢复密钥，窗口仍然锁着。请对照恢复单再输入。")
            return
        self.store.unlocked_by = "recovery"  # 设置 → 修改密码 then needs no old password
        self.accept()

    def pick(self, name: str) -> None:
        try:
            if name != self.store.actor:
                sign_in(self.store, name)
        except MediationError as exc:
            show_error(self.message, exc.message)
            return
        self.accept()

    def reject(self) -> None:
        """Esc does not unlock."""

    def cover(self) -> int:
        self.showFullScreen()
        return self.exec()
