"""The mouse wheel scrolls a form; it never changes a drop-down or number box the pointer
passes over (seen in 设置: scrolling down turned “今日”提前提醒 from 30 天 to 24 天). A box takes
the wheel only once it was clicked into."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QWidget

from desktop.core.store import Store
from desktop.ui.new_case_page import NewCasePage
from desktop.ui.settings_dialog import SettingsDialog
from desktop.ui.wheel_guard import install_wheel_guard

pytestmark = pytest.mark.ui

SCREENS = {"设置": SettingsDialog, "登记新案件": NewCasePage}


def turn(box: QWidget, notches: int) -> None:
    """``notches`` turns of the wheel (negative: towards the user) over the middle of ``box``."""
    middle = QPointF(box.width() / 2, box.height() / 2)
    event = QWheelEvent(
        middle,
        QPointF(box.mapToGlobal(middle.toPoint())),
        QPoint(),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(box, event)


def guard() -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_wheel_guard(app)


def shown(box: QWidget) -> str:
    if isinstance(box, QComboBox):
        return f"{box.currentIndex()}:{box.currentText()}"
    assert isinstance(box, QAbstractSpinBox)
    return box.text()


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    screen=st.sampled_from(sorted(SCREENS)),
    pick=st.integers(min_value=0, max_value=1000),
    notches=st.integers(min_value=-6, max_value=6).filter(bool),
)
def test_the_wheel_never_changes_a_box_it_passes_over(
    qtbot,  # noqa: ANN001
    store: Store,
    screen: str,
    pick: int,
    notches: int,
) -> None:
    guard()  # as the program's main() does
    page = SCREENS[screen](store)
    qtbot.addWidget(page)
    page.resize(1366, 688)
    page.show()
    boxes = [b for b in page.findChildren(QWidget) if isinstance(b, (QComboBox, QAbstractSpinBox))]
    visible = [b for b in boxes if b.isVisibleTo(page) and b.isEnabled()]
    assert visible, screen
    box = visible[pick % len(visible)]
    # The wheel does not hand them the focus either (Qt's WheelFocus would).
    assert all(b.focusPolicy() != Qt.FocusPolicy.WheelFocus for b in boxes)
    before = shown(box)
    turn(box, notches)
    assert shown(box) == before and not box.hasFocus()


def test_a_box_clicked_into_takes_the_wheel(qtbot, store: Store) -> None:  # noqa: ANN001
    guard()
    dialog = SettingsDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    days = next(b for b in dialog.findChildren(QAbstractSpinBox) if b.text().endswith("天"))
    before = days.text()
    turn(days, 1)
    assert days.text() == before
    days.setFocus(Qt.FocusReason.MouseFocusReason)  # as a click into it does
    qtbot.waitUntil(days.hasFocus)
    turn(days, 1)
    assert days.text() != before
