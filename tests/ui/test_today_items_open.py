"""Every item of 今日 opens something on a double-click: a case item its case, the month-end
report item the report dialog, and the month-end reminder of cases not yet entered into the
provincial platform the list of those cases (it used to open nothing)."""

from __future__ import annotations

from datetime import date

import pytest
from builders import applicant, intake, respondent
from PySide6.QtCore import Qt

from desktop.core.deadlines import MONTHLY_REPORT, PLATFORM
from desktop.core.store import Store
from desktop.ui.main_window import MainWindow

pytestmark = pytest.mark.ui

MONTH_END = date(2026, 3, 27)  # within the last week: both month-end reminders are due


def _note(opened: list[str], what: str) -> int:
    """A dialog's exec() that records which dialog opened and returns 0 (closed)."""
    opened.append(what)
    return 0


def test_every_today_item_opens_something(qtbot, store: Store, monkeypatch) -> None:  # noqa: ANN001
    from desktop.ui import official_dialogs, report_dialog

    case = store.cases.create(intake(accepted_on="2026-03-02"), [applicant(), respondent()])
    opened: list[str] = []
    monkeypatch.setattr(
        official_dialogs.PlatformDialog, "exec", lambda self: _note(opened, "platform")
    )
    monkeypatch.setattr(report_dialog.ReportDialog, "exec", lambda self: _note(opened, "report"))
    window = MainWindow(store, today=lambda: MONTH_END)
    qtbot.addWidget(window)
    window.open_case = lambda case_id: opened.append(f"case {case_id}")  # type: ignore[method-assign]
    window.home.open_case.disconnect()
    window.home.open_case.connect(window.open_case)
    items = window.home.items
    kinds = [items.item(i).data(Qt.ItemDataRole.UserRole + 1) for i in range(items.count())]
    assert PLATFORM in kinds and MONTHLY_REPORT in kinds
    for i in range(items.count()):
        item = items.item(i)
        before = len(opened)
        items.scrollToItem(item)
        rect = items.visualItemRect(item)
        # A real double click: press, release, then the double-click press.
        qtbot.mouseClick(items.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(items.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert len(opened) == before + 1, item.text()
    assert "platform" in opened and "report" in opened
    assert f"case {case.id}" in opened
