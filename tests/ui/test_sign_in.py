"""Sign-in in the window: after the database opens the mediator picks their name (the last one
preselected; Enter or one click), may add themselves, can hand over through one menu item, and
from then on the audit log, new cases and new records carry that person."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from builders import applicant, intake, respondent
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from workspace_driver import answer

from desktop.core.store import Store, open_store
from desktop.core.store.signin import last_signed_in, sign_in
from desktop.ui import app as app_module
from desktop.ui.main_window import MainWindow
from desktop.ui.sign_in import SignInDialog
from desktop.ui.workspace.record_panel import RecordDialog

pytestmark = pytest.mark.ui

NAMES = ("王建平", "沈美琴", "陆国良")


def _committee(path: Path, last: str | None = None) -> None:
    s = open_store(path)
    s.settings.save_committee(name="星光村人民调解委员会", level=2, region="", abbr="星调")
    for name in NAMES:
        s.settings.add_mediator(name)
    if last:
        sign_in(s, last)
    s.close()


def _start(
    qapp: QApplication,
    path: Path,
    monkeypatch: pytest.MonkeyPatch,
    during: Callable[[MainWindow], None] = lambda _w: None,
) -> tuple[int, list[MainWindow]]:
    """Run the real start; ``during(window)`` runs where the event loop would (the store is
    closed when ``main`` returns)."""
    windows: list[MainWindow] = []
    monkeypatch.setattr(MainWindow, "showMaximized", lambda self: windows.append(self))

    def loop(_app: QApplication) -> int:
        during(windows[0])
        windows[0].cases.stop()
        return 0

    monkeypatch.setattr(type(qapp), "exec", loop)
    code = app_module.main(["--db", str(path)])
    for window in windows:
        window.deleteLater()
    return code, windows


def test_enter_signs_in_the_last_person_and_changes_carry_the_name(
    qapp: QApplication, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "c.sqlite"
    _committee(path, last="沈美琴")
    seen: list[str] = []

    def press_enter() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, SignInDialog)
        seen.append(dialog.names.currentItem().text())
        qtbot.keyClick(dialog.names, Qt.Key.Key_Return)

    facts: dict[str, object] = {}

    def check(window: MainWindow) -> None:
        store = window.store
        facts["actor"] = store.actor
        facts["title"] = window.windowTitle()
        facts["label"] = window.person.text()
        # The new-case form names the signed-in person as 承办调解员.
        mediator_id = window.new_case.form.values()["mediator"]
        facts["mediator"] = store.settings.mediator(mediator_id).name
        case = store.cases.create(intake(mediator=mediator_id), [applicant(), respondent()])
        facts["actors"] = {
            r[0]
            for r in store.db.execute("SELECT actor FROM audit_log WHERE case_id = ?", [case.id])
        }

    QTimer.singleShot(0, press_enter)  # runs inside the dialog's own exec()
    code, windows = _start(qapp, path, monkeypatch, check)
    assert code == 0 and seen == ["沈美琴"] and len(windows) == 1
    assert facts["actor"] == facts["mediator"] == "沈美琴"
    assert str(facts["title"]).endswith("沈美琴") and "沈美琴" in str(facts["label"])
    assert facts["actors"] == {"沈美琴"}


def test_one_click_on_a_name_signs_in(
    qapp: QApplication, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "c.sqlite"
    _committee(path)

    def click(dialog: SignInDialog) -> None:
        assert dialog.names.currentItem().text() == "王建平"  # nobody yet: the first
        item = dialog.names.findItems("陆国良", Qt.MatchFlag.MatchExactly)[0]
        rect = dialog.names.visualItemRect(item)
        qtbot.mouseClick(dialog.names.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    answer(monkeypatch, SignInDialog, click)
    code, windows = _start(qapp, path, monkeypatch)
    assert code == 0 and len(windows) == 1
    s = open_store(path)
    assert last_signed_in(s) == "陆国良"
    s.close()


def test_a_new_person_adds_themselves_and_a_role_word_is_refused(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "c.sqlite"
    _committee(path)
    refusals: list[str] = []

    def add(dialog: SignInDialog) -> None:
        dialog.new_name.setText("调解员")
        dialog.add_button.click()
        refusals.append(dialog.message.text())
        dialog.new_name.setText("顾晓红")
        dialog.add_button.click()

    answer(monkeypatch, SignInDialog, add)
    code, windows = _start(qapp, path, monkeypatch)
    assert code == 0 and len(windows) == 1 and refusals and "不是姓名" in refusals[0]
    s = open_store(path)
    assert last_signed_in(s) == "顾晓红"
    assert [m.name for m in s.settings.mediators()] == [*NAMES, "顾晓红"]
    s.close()


def test_leaving_the_sign_in_closes_without_a_window(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "c.sqlite"
    _committee(path)
    answer(monkeypatch, SignInDialog, lambda d: d.reject())
    code, windows = _start(qapp, path, monkeypatch)
    assert code == 0 and windows == []
    open_store(path).close()  # the file was closed and its lock released


def test_switching_person_is_one_menu_item_and_new_records_name_them(
    qapp: QApplication, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.settings.add_mediator("沈美琴")
    window = MainWindow(store)
    case = store.cases.create(intake(), [applicant(), respondent()])
    answer(
        monkeypatch,
        SignInDialog,
        lambda d: d._picked(d.names.findItems("沈美琴", Qt.MatchFlag.MatchExactly)[0]),
    )
    window.switch_action.trigger()
    assert store.actor == "沈美琴" and "沈美琴" in window.person.text()
    for kind, field in (
        ("investigation", "investigator"),
        ("session", "participants"),
        ("return_visit", "visitor"),
    ):
        dialog = RecordDialog(store, case.id, store.catalog.latest().record_kinds[kind])
        assert dialog.form.values()[field] == "沈美琴"
        assert not dialog.dirty  # a prefilled name alone is nothing to lose
        dialog.deleteLater()
    # Cancelling a switch keeps the person.
    answer(monkeypatch, SignInDialog, lambda d: d.reject())
    window.switch_action.trigger()
    assert store.actor == "沈美琴"
    window.cases.stop()
    window.deleteLater()
