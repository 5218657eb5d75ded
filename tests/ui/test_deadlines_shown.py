"""Deadlines are all visible (issue 13, failure 4): the case's 期限 column lists every open
item with a count, 今日 looks as far ahead as 设置 says (30 days by default, so a return visit
due in 26 days is there), and an instalment line says who pays whom how much."""

from __future__ import annotations

from datetime import date

import pytest
from builders import run_to_agreement
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from desktop.core.store import Store
from desktop.ui.home_page import HomePage
from desktop.ui.settings_dialog import SettingsDialog
from desktop.ui.workspace import CaseWorkspace

pytestmark = pytest.mark.ui

TODAY = date(2026, 3, 2)


def texts(home: HomePage) -> list[str]:
    return [home.items.item(i).text() for i in range(home.items.count())]


def test_case_column_lists_every_deadline(qtbot, store: Store) -> None:  # noqa: ANN001
    case_id = run_to_agreement(store)  # three terms, a return visit, a 司法确认 window
    ws = CaseWorkspace(store, case_id)
    qtbot.addWidget(ws)
    ws.show()
    text = ws.deadlines.text()
    assert "共 5 项" in text
    for seq in (1, 2, 3):
        assert f"第{seq}项履行" in text
    assert "应进行回访" in text and "司法确认" in text
    assert "李秀英付给张建国 1,200.00元" in text  # payer, payee, amount


def test_today_looks_as_far_ahead_as_settings_say(qtbot, store: Store) -> None:  # noqa: ANN001
    run_to_agreement(store)
    home = HomePage(store, lambda: TODAY)
    qtbot.addWidget(home)
    assert any("应进行回访" in t and "还有 26 天" in t for t in texts(home))  # default 30 days
    assert any("付给" in t and "元" in t for t in texts(home))
    dialog = SettingsDialog(store)
    qtbot.addWidget(dialog)
    dialog.horizon.selectAll()
    qtbot.keyClicks(dialog.horizon.lineEdit(), "10")
    save = next(b for b in dialog.findChildren(QPushButton) if b.text() == "保存")
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert store.settings.committee().horizon_days == 10
    home.refresh()
    assert not any("应进行回访" in t for t in texts(home))
    assert "10 天" in home.summary.text()
