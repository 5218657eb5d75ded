"""Windows sized for the mediator's screen: a 1366x768 laptop, where the title bar and the
taskbar take about 80 pixels. A dialog asks for its comfortable size and gets at most what
fits; its content scrolls inside it, and its buttons stay below the scrolled part."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

#: Pixels a window frame's title bar plus a taskbar take from the screen's height.
FRAME_AND_TASKBAR = 80
#: Pixels left free beside a window (its frame).
SIDE_MARGIN = 16


def usable_area(widget: QWidget | None = None) -> QRect:
    """The part of the screen a window's inside can use, in pixels."""
    screen = (widget.screen() if widget is not None else None) or QGuiApplication.primaryScreen()
    area = screen.availableGeometry()
    return QRect(
        area.x(),
        area.y(),
        area.width() - SIDE_MARGIN,
        area.height() - FRAME_AND_TASKBAR,
    )


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Resize ``window`` to ``width`` x ``height`` pixels, shrunk to the usable screen area."""
    area = usable_area(window)
    window.resize(min(width, area.width()), min(height, area.height()))
