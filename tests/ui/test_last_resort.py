"""The window's last line of defence. Kind: an exception no action caught, raised in a Qt slot
(an SQLite read on a damaged page, a disk error, a bug): it was a traceback on a console the
mediator never sees and an action that silently did nothing. Now one Chinese sentence naming
the case file; damage also shows the 从备份恢复… button."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from prompt_driver import answer_prompts
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from desktop.core.store import Store
from desktop.ui.last_resort import LastResort
from desktop.ui.main_window import MainWindow

pytestmark = pytest.mark.ui

RAISED = [
    (sqlite3.DatabaseError("database disk image is malformed"), "损坏", True),
    (sqlite3.OperationalError("disk I/O error"), "读写", False),
    (OSError(5, "Input/output error", "/media/u/x.pdf"), "读写失败", False),
    (KeyError("case_no"), "意外", False),
]


@pytest.mark.parametrize(("exc", "word", "damaged"), RAISED, ids=["damaged", "io", "os", "bug"])
def test_an_uncaught_error_in_a_slot_is_one_sentence(
    qtbot: QtBot,
    store: Store,
    db_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    exc: Exception,
    word: str,
    damaged: bool,
) -> None:
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    told = answer_prompts(monkeypatch, "知道了")
    guard = LastResort(window)
    guard.install()
    try:

        def boom() -> None:  # a slot Qt calls, as a button's or a timer's would be
            raise exc

        QTimer.singleShot(0, boom)
        qtbot.waitUntil(lambda: bool(told.asked), timeout=5000)
    finally:
        guard.uninstall()
    (text,) = told.texts
    assert word in text and "Traceback" not in text
    shown = re.sub(r"U ?盘", "", text.replace(db_path.name, "").replace("x.pdf", ""))
    assert not re.search("[A-Za-z]", shown), text
    if isinstance(exc, sqlite3.Error):
        assert db_path.name in text
    assert window.restore_button.isVisible() == damaged
    assert (db_path.name in window.storage_banner.text()) == damaged
    window.cases.stop()
