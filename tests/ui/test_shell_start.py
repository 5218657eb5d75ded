"""Starting the window: a damaged or locked database is one clear Chinese message box (no
traceback, no window on a broken file); a good database opens the window on 今日."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.core.store import open_store
from desktop.ui import app as app_module

pytestmark = pytest.mark.ui


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text, *a, **k: messages.append(text))
    return messages


def test_damaged_file_is_refused_with_a_message(qapp: QApplication, tmp_path: Path, shown: list[str]) -> None:
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"this is not a database, it was cut off by a power failure" * 20)
    assert app_module.main(["--db", str(bad)]) == 1
    assert len(shown) == 1 and "损坏" in shown[0] and "备份" in shown[0]


def test_locked_file_is_refused_with_a_message(qapp: QApplication, tmp_path: Path,
                                               shown: list[str]) -> None:
    held = open_store(tmp_path / "held.sqlite")  # another window has it open
    try:
        assert app_module.main(["--db", str(tmp_path / "held.sqlite")]) == 1
    finally:
        held.close()
    assert len(shown) == 1 and "另一个" in shown[0]


def test_a_good_database_opens_the_window_on_home(qapp: QApplication, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.ui.main_window import MainWindow

    path = tmp_path / "ok.sqlite"
    ok = open_store(path)
    ok.settings.save_committee(name="星光村人民调解委员会", level=2, region="", abbr="星调")
    ok.close()
    seen: list[MainWindow] = []
    monkeypatch.setattr(MainWindow, "showMaximized", lambda self: seen.append(self))
    monkeypatch.setattr(type(qapp), "exec", lambda _self: 0)
    assert app_module.main(["--db", str(path)]) == 0
    assert len(seen) == 1
    window = seen[0]
    assert window.pages.currentWidget() is window.home
    assert "星光村" in window.windowTitle()
    window.cases.stop()
    window.deleteLater()
