"""Issue 9 in the window: the yellow line says why the file is read-only, that damage was found
by the background check (and the next start offers the restore), and reminds to back up to a
USB stick after a month without one; the background check also makes the day's backup."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from builders import applicant, intake, respondent
from pytestqt.qtbot import QtBot
from small_disk import small_disk

from desktop.core.errors import DamagedError
from desktop.core.store import Store, open_store
from desktop.core.store.backups import auto_backups
from desktop.core.store.database import backups_dir
from desktop.ui.main_window import MainWindow

pytestmark = pytest.mark.ui


def _made(path: Path) -> None:
    with open_store(path, now=lambda: datetime(2026, 3, 2, 9)) as s:
        s.settings.save_committee(name="星光村人民调解委员会", level=2, region="", abbr="星调")
        s.settings.add_mediator("王调解")
        with s.bulk():
            for _ in range(60):
                s.cases.create(intake(facts="围墙挡水。" * 40), [applicant(), respondent()])


@pytest.fixture
def mount(tmp_path: Path) -> Iterator[Path]:
    with small_disk(tmp_path, 8) as point:
        yield point


def _window(qtbot: QtBot, store: Store) -> MainWindow:
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    return window


def test_read_only_folder_shows_the_reason_and_no_damage(qtbot: QtBot, mount: Path) -> None:
    path = mount / "committee.sqlite"
    _made(path)
    subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
    store = open_store(path)
    try:
        window = _window(qtbot, store)
        banner = window.storage_banner
        assert banner.isVisible() and "只读" in banner.text() and "损坏" not in banner.text()
        window.cases.stop()
    finally:
        store.close()


def test_damage_found_in_the_background_is_shown_and_offered_at_next_start(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "committee.sqlite"
    _made(path)
    store = open_store(path)
    try:
        window = _window(qtbot, store)
        conn = sqlite3.connect(path)
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'cases'").fetchone()
        size = conn.execute("PRAGMA page_size").fetchone()[0]
        conn.close()
        with open(path, "r+b") as fh:  # a failing disk flips bytes under the open window
            fh.seek((root[0] - 1) * size + 20)
            fh.write(b"\xde\xad\xbe\xef" * 64)
        with qtbot.waitSignal(window.storage_banner.damaged, timeout=60_000) as found:
            window.storage_banner.start_check(0)
        assert found.args and found.args[0]
        assert "损坏" in window.storage_banner.text()
        window.cases.stop()
    finally:
        store.close()
    with pytest.raises(DamagedError):
        open_store(path)  # so the start offers the newest sound backup


def test_background_check_makes_the_days_backup_and_the_usb_reminder_goes_away(
    qtbot: QtBot, tmp_path: Path, mount: Path
) -> None:
    path = tmp_path / "committee.sqlite"
    _made(path)
    store = open_store(path, now=lambda: datetime(2026, 4, 15, 9))  # six weeks after set-up
    try:
        window = _window(qtbot, store)
        assert "一个多月" in window.storage_banner.text()
        with qtbot.waitSignal(window.storage_banner.checked, timeout=60_000):
            window.storage_banner.start_check(0)
        assert len(auto_backups(backups_dir(path), path.stem)) == 1
        store.backup(mount / "U盘")  # another drive
        window.cases.stop()
        again = _window(qtbot, store)
        assert "一个多月" not in again.storage_banner.text()
        again.cases.stop()
    finally:
        store.close()
    shutil.rmtree(mount / "U盘", ignore_errors=True)
