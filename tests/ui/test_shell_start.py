"""Starting the window: a damaged or locked database is one clear Chinese message box (no
traceback, no window on a broken file); a good database opens the window on 今日."""

from __future__ import annotations

from pathlib import Path

import pytest
from prompt_driver import Prompts, answer_prompts
from PySide6.QtWidgets import QApplication
from workspace_driver import answer

from desktop.core.store import open_store
from desktop.ui import app as app_module
from desktop.ui.prompts import Prompt
from desktop.ui.sign_in import SignInDialog

pytestmark = pytest.mark.ui


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> Prompts:
    """The notices shown (each acknowledged with 知道了)."""
    return answer_prompts(monkeypatch, *["知道了"] * 5)


def _press(monkeypatch: pytest.MonkeyPatch, starts_with: str, seen: list[str]) -> None:
    """Answer the restore question by pressing the button whose text starts with
    ``starts_with``; the notice that follows a restore is acknowledged."""

    def press(prompt: Prompt) -> str:
        seen.append(prompt.text)
        return next(b for b in prompt.buttons if b.startswith(starts_with))

    answer_prompts(monkeypatch, press, "知道了")


def test_damaged_file_without_restoring_quits_with_the_reason(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"this is not a database, it was cut off by a power failure" * 20)
    seen: list[str] = []
    _press(monkeypatch, "退出", seen)
    assert app_module.main(["--db", str(bad)]) == 1
    assert len(seen) == 1 and "损坏" in seen[0] and "备份" in seen[0]
    assert bad.read_bytes().startswith(b"this is not")  # untouched


def test_damaged_file_is_restored_from_the_newest_backup(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from builders import applicant, intake, respondent

    from desktop.ui.main_window import MainWindow

    path = tmp_path / "committee.sqlite"
    good = open_store(path)
    good.settings.save_committee(name="星光村人民调解委员会", level=2, region="", abbr="星调")
    good.settings.add_mediator("王调解")
    good.cases.create(intake(), [applicant(), respondent()])
    good.backup()
    good.close()
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)  # a power cut mid-write
    seen: list[str] = []
    _press(monkeypatch, "用最近的备份恢复", seen)
    windows: list[MainWindow] = []
    monkeypatch.setattr(MainWindow, "showMaximized", lambda self: windows.append(self))
    monkeypatch.setattr(type(qapp), "exec", lambda _self: 0)
    answer(monkeypatch, SignInDialog, lambda d: d.choose_current())  # Enter on 王调解
    assert app_module.main(["--db", str(path)]) == 0
    assert len(seen) == 1 and len(windows) == 1
    assert list(tmp_path.glob("committee-损坏-*.sqlite"))
    reopened = open_store(path)
    try:
        assert reopened.cases.count() == 1
    finally:
        reopened.close()
    windows[0].cases.stop()
    windows[0].deleteLater()


def test_locked_file_is_refused_with_a_message(
    qapp: QApplication, tmp_path: Path, shown: Prompts
) -> None:
    held = open_store(tmp_path / "held.sqlite")  # another window has it open
    try:
        assert app_module.main(["--db", str(tmp_path / "held.sqlite")]) == 1
    finally:
        held.close()
    assert len(shown.texts) == 1 and "另一个" in shown.texts[0]


def test_a_good_database_opens_the_window_on_home(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.ui.main_window import MainWindow

    path = tmp_path / "ok.sqlite"
    ok = open_store(path)
    ok.settings.save_committee(name="星光村人民调解委员会", level=2, region="", abbr="星调")
    ok.close()
    seen: list[MainWindow] = []
    monkeypatch.setattr(MainWindow, "showMaximized", lambda self: seen.append(self))
    monkeypatch.setattr(type(qapp), "exec", lambda _self: 0)

    def first_person(dialog: SignInDialog) -> None:  # no mediator on the list yet
        dialog.new_name.setText("王建平")
        dialog.add_button.click()

    answer(monkeypatch, SignInDialog, first_person)
    assert app_module.main(["--db", str(path)]) == 0
    assert len(seen) == 1
    window = seen[0]
    assert window.pages.currentWidget() is window.home
    assert "星光村" in window.windowTitle() and window.windowTitle().endswith("王建平")
    window.cases.stop()
    window.deleteLater()
