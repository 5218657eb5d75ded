"""The window is usable on a 1024x600 screen (a netbook, or a laptop set to a larger zoom) at
normal and at large text (closing note 4: at large text an open case needed 1,151x623 pixels,
its right edge — 延长期限, 第5步 — and the bottom, 换人, were cut off). Kind: any page, step and
tab whose least size is more than such a screen leaves — 今日, the case list, the new-case
form, each of the five steps and the four tabs of an open case. Each must fit the room (the
screen less the frame and a taskbar, as ``screen_fit.usable_area`` counts them): what does not
fit scrolls downwards (the step form, the documents tab, the side column), and every button
outside a scrolled part is wholly on screen."""

from __future__ import annotations

import pytest
import text_sizes
from builders import run_to_agreement
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QApplication, QWidget

from desktop.core.store import Store
from desktop.ui.main_window import MainWindow
from desktop.ui.screen_fit import FRAME_AND_TASKBAR, SIDE_MARGIN

pytestmark = pytest.mark.ui

text_size = text_sizes.text_size

#: The room a 1024x600 screen leaves a window's inside.
ROOM = QSize(1024 - SIDE_MARGIN, 600 - FRAME_AND_TASKBAR)


def _scrolled(widget: QWidget, top: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def _fits(window: MainWindow, where: str) -> None:
    QApplication.processEvents()
    window.resize(ROOM)
    QApplication.processEvents()
    least = window.minimumSizeHint().expandedTo(window.minimumSize())
    assert least.width() <= ROOM.width() and least.height() <= ROOM.height(), (
        f"{where}: needs {least.width()}x{least.height()}, the screen leaves "
        f"{ROOM.width()}x{ROOM.height()}"
    )
    assert window.size() == ROOM, where
    inner = QRect(QPoint(0, 0), window.size())
    for button in window.findChildren(QAbstractButton):
        if button.isVisibleTo(window) and not _scrolled(button, window):
            rect = QRect(button.mapTo(window, QPoint(0, 0)), button.size())
            assert inner.contains(rect), f"{where}: “{button.text()}” at {rect} is cut off"


def test_every_page_step_and_tab_fits_a_1024x600_screen(
    qtbot,  # noqa: ANN001
    store: Store,
    text_size: int,
) -> None:
    case_id = run_to_agreement(store)
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.resize(ROOM)
    window.show()
    _fits(window, f"今日 at {text_size} pt")
    window.show_cases()
    _fits(window, f"案件 at {text_size} pt")
    window.show_new_case()
    _fits(window, f"登记新案件 at {text_size} pt")
    window.open_case(case_id)
    ws = window.workspace
    assert ws is not None
    for step in store.catalog.latest().steps:
        ws.show_step(step.id)
        for tab in range(ws.tabs.count()):
            ws.tabs.setCurrentIndex(tab)
            _fits(window, f"第{step.number}步 {ws.tabs.tabText(tab)} at {text_size} pt")
        ws.tabs.setCurrentIndex(0)
    # The case's own actions and the way to hand the laptop over are in sight.
    for button in (ws.extend_button, ws.escalate_button, window.switch_button):
        assert button.visibleRegion().boundingRect().size() == button.size(), button.text()
