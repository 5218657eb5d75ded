"""Every item of 今日 opens something on a double-click: a case item its case, the month-end
report item the report dialog, and the month-end reminder of cases not yet entered into the
provincial platform the list of those cases (it used to open nothing)."""

from __future__ import annotations

from datetime import date

import pytest
from builders import applicant, intake, on_day, respondent
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


def test_the_platform_reminder_opens_the_cases_it_counted(
    qtbot,
    store: Store,
    monkeypatch,  # noqa: ANN001
) -> None:
    """The reminder says “本月受理的 N 件”; the list it opens shows those N (it listed every
    case since the first year, oldest first, the month's cases last)."""
    from desktop.ui import official_dialogs

    for day in ("2026-01-05", "2026-02-10", "2026-03-02", "2026-03-20"):
        on_day(store, day)  # each case registered on the day it was accepted
        store.cases.create(intake(accepted_on=day), [applicant(), respondent()])
    shown: list[list[str]] = []

    def fake_exec(dialog: official_dialogs.PlatformDialog) -> int:
        shown.append([c.accepted_on.isoformat() for c in dialog.cases])
        dialog.only_month.setChecked(False)  # the user can still see every month's
        shown.append([c.accepted_on.isoformat() for c in dialog.cases])
        return 0

    monkeypatch.setattr(official_dialogs.PlatformDialog, "exec", fake_exec)
    window = MainWindow(store, today=lambda: MONTH_END)
    qtbot.addWidget(window)
    items = window.home.items
    [item] = [
        items.item(i)
        for i in range(items.count())
        if items.item(i).data(Qt.ItemDataRole.UserRole + 1) == PLATFORM
    ]
    assert "本月受理的 2 件" in item.text()
    items.scrollToItem(item)
    rect = items.visualItemRect(item)
    qtbot.mouseClick(items.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(items.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert shown[0] == ["2026-03-02", "2026-03-20"]
    assert shown[1] == ["2026-01-05", "2026-02-10", "2026-03-02", "2026-03-20"]
    window.open_platform()  # from the 报表 menu: every month's
    assert shown[2] == shown[1]
