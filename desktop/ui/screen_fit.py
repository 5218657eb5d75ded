"""Windows sized for the mediator's screen: a 1366x768 laptop, where the title bar and the
taskbar take about 80 pixels. A dialog asks for its comfortable size and gets at most what
fits; its content scrolls inside it, and its buttons stay below the scrolled part."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QWidget

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


#: The least share of its size a picture keeps on a small screen (below, the dialog scrolls).
LEAST_PICTURE_SHARE = 0.4


def fit_picture(window: QWidget, picture: QLabel, size: QSize) -> QSize:
    """Give the fixed-size ``picture`` (a photo, a camera's view) of ``window`` ``size``, or as
    much of it, keeping its proportions, as lets ``window``'s least size fit the usable screen:
    a 640x480 camera view and the hint and buttons around it needed 621 pixels of height, more
    than a 1024x600 screen leaves, and 拍照 was off the screen. Returns the size given (pixels);
    call it again when the rest of the window grew (more fields shown)."""
    picture.setFixedSize(size)
    area = usable_area(window)
    over_w, over_h = _overflow(window, area)
    share = min(
        1.0,
        (size.width() - max(0, over_w)) / size.width(),
        (size.height() - max(0, over_h)) / size.height(),
    )
    share = max(share, LEAST_PICTURE_SHARE)
    given = QSize(int(size.width() * share), int(size.height() * share))
    picture.setFixedSize(given)
    # The window's height holds its wrapped texts (a reason in two lines drew over the picture:
    # a layout's least height counts a word-wrapped label as one line), within the screen.
    width = _width(window, area)
    need = min(_needed_height(window, width), area.height())
    window.setMinimumHeight(need)
    if need > window.height() or not window.isVisible():
        window.resize(width, need)
    return given


def _needed_height(window: QWidget, width: int) -> int:
    """Pixels of height ``window``'s content needs at ``width``, wrapped texts counted (a
    layout's least size counts a word-wrapped label as one line)."""
    layout = window.layout()
    least = window.minimumSizeHint().expandedTo(window.minimumSize()).height()
    if layout is None:
        return least
    layout.activate()
    if layout.hasHeightForWidth():
        return max(least, layout.totalHeightForWidth(width))
    return least


def _overflow(window: QWidget, area: QRect) -> tuple[int, int]:
    """Pixels by which ``window``'s content is wider and taller than ``area`` (negative: room
    left), at the width it has or would get."""
    least = window.minimumSizeHint().expandedTo(window.minimumSize())
    return least.width() - area.width(), _needed_height(
        window, _width(window, area)
    ) - area.height()


def _width(window: QWidget, area: QRect) -> int:
    """The width ``window`` has (shown) or will get (its size hint), within ``area``."""
    wanted = window.width() if window.isVisible() else window.sizeHint().width()
    least = window.minimumSizeHint().width()
    return min(max(wanted, least), area.width())
