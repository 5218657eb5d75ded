"""The mouse wheel scrolls the page, never a choice the mouse happens to pass over.

Qt lets a drop-down list or a number box take the wheel as soon as the pointer is over it (and
gives it the focus for that): scrolling down a long form, the 纠纷类型 or the “今日”提前提醒
days under the pointer silently changed on the way (seen in 设置: 30 天 became 24 天 after a few
turns of the wheel). With the guard such a box takes the wheel only once it was clicked or
tabbed into; otherwise the wheel goes on to the page around it, which scrolls."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox

#: The boxes whose value the wheel changes (QDateEdit and QTimeEdit are spin boxes too).
BOXES = (QComboBox, QAbstractSpinBox)


class WheelGuard(QObject):
    """Application event filter: see the module docstring."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind == QEvent.Type.Polish and isinstance(watched, BOXES):
            # Qt would focus the box under a turning wheel, which then counts as chosen.
            if watched.focusPolicy() == Qt.FocusPolicy.WheelFocus:
                watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        elif kind == QEvent.Type.Wheel and isinstance(watched, BOXES) and not watched.hasFocus():
            # Ignored and filtered: Qt offers the wheel to the parents, the scroll area scrolls.
            event.ignore()
            return True
        return False


_guard: WheelGuard | None = None


def install_wheel_guard(app: QApplication) -> WheelGuard:
    """Install the guard on ``app`` once (later calls return the same guard). The module
    keeps the Python object alive: a collected filter would silently stop filtering."""
    global _guard
    if _guard is None:
        _guard = WheelGuard()
        app.installEventFilter(_guard)
    return _guard
