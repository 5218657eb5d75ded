"""Restoring a damaged file from a backup in the window. Kinds: an ENCRYPTED file found damaged
at start (its backups are checked with the key the password gave; without it every backup
looked broken); damage found by the background check while the window is open (offered then
and there with a button, plain and encrypted, and the same window goes on with the restored
file)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from builders import applicant, intake, respondent
from prompt_driver import answer_prompts
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from workspace_driver import answer

from desktop.core.errors import DamagedError, StoreError
from desktop.core.restore import check_backup, find_backups, newest_sound_backup
from desktop.core.store import Store, open_store
from desktop.core.store.keyfile import PasswordNeededError
from desktop.core.store.password import set_password
from desktop.core.store.protection import is_encrypted
from desktop.ui import app as app_module
from desktop.ui.main_window import MainWindow
from desktop.ui.prompts import Prompt
from desktop.ui.sign_in import SignInDialog
from desktop.ui.unlock_dialog import PasswordCheckDialog, UnlockDialog

pytestmark = pytest.mark.ui
PASSWORD = "星光村调委会2026"
CASES = 40


def _made(path: Path, *, password: bool) -> None:
    with open_store(path, now=lambda: datetime(2026, 3, 2, 9)) as s:
        s.settings.save_committee(name="星光村人民调解委员会", level=2, region="", abbr="星调")
        s.settings.add_mediator("王调解")
        with s.bulk():
            for _ in range(CASES):
                s.cases.create(intake(facts="围墙挡水。" * 40), [applicant(), respondent()])
        if password:
            set_password(s, PASSWORD)
        s.backup()


def _damage(path: Path, root: int) -> None:
    """A failing disk: bytes of the cases table's root page overwritten."""
    with open(path, "r+b") as fh:
        fh.seek((root - 1) * 4096 + 20)
        fh.write(b"\xde\xad\xbe\xef" * 64)


def _root(store: Store) -> int:
    sql = "SELECT rootpage FROM sqlite_master WHERE name = 'cases'"
    return int(store.db.execute(sql).fetchone()[0])


def _count_cases(counts: list[int], windows: list[MainWindow]) -> int:
    """The app's exec(): notes how many cases the shown window's store holds, returns 0."""
    counts.append(windows[0].store.cases.count())
    return 0


def test_encrypted_backups_are_checked_with_the_key(tmp_path: Path) -> None:
    path = tmp_path / "committee.sqlite"
    _made(path, password=True)
    store = open_store(path, password=PASSWORD)
    key = store.db_key
    store.close()
    backups = [b for b in find_backups(path) if is_encrypted(b)]
    assert backups
    for backup in backups:
        check_backup(backup, key)
        with pytest.raises(StoreError, match="要先输入密码") as info:
            check_backup(backup)
        assert backup.name in info.value.message
        with pytest.raises(StoreError, match="别的密码") as info:
            check_backup(backup, b"\x01" * 32)
        assert not any("a" <= c.lower() <= "z" for c in info.value.message.replace(backup.name, ""))
    assert newest_sound_backup(path, key) is not None


def test_a_damaged_encrypted_file_is_restored_at_start_after_the_password(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "committee.sqlite"
    _made(path, password=True)
    with open_store(path, password=PASSWORD) as s:
        root = _root(s)
    _damage(path, root)
    with pytest.raises(DamagedError):
        open_store(path, password=PASSWORD)
    seen: list[str] = []

    def restore(prompt: Prompt) -> str:
        seen.append(prompt.text)
        return next(b for b in prompt.buttons if b.startswith("用最近的备份恢复"))

    answer_prompts(monkeypatch, restore, "知道了")

    def type_password(dialog: UnlockDialog) -> None:
        dialog.password.setText(PASSWORD)
        dialog.open_button.click()

    answer(monkeypatch, UnlockDialog, type_password)
    windows: list[MainWindow] = []
    monkeypatch.setattr(MainWindow, "showMaximized", lambda self: windows.append(self))
    counts: list[int] = []
    monkeypatch.setattr(type(qapp), "exec", lambda _self: _count_cases(counts, windows))
    answer(monkeypatch, SignInDialog, lambda d: d.choose_current())
    assert app_module.main(["--db", str(path)]) == 0
    assert len(seen) == 1 and "损坏" in seen[0] and len(windows) == 1
    assert counts == [CASES]  # the window showed the restored file
    windows[0].cases.stop()
    windows[0].deleteLater()
    assert list(tmp_path.glob("committee-损坏-*.sqlite"))
    with pytest.raises(PasswordNeededError):
        open_store(path)
    again = open_store(path, password=PASSWORD)
    assert again.cases.count() == CASES
    again.close()


@pytest.mark.parametrize("password", [False, True], ids=["plain", "encrypted"])
def test_damage_found_in_the_background_is_restored_in_the_running_window(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, password: bool
) -> None:
    path = tmp_path / "committee.sqlite"
    _made(path, password=password)
    store = open_store(path, password=PASSWORD if password else None)
    try:
        window = MainWindow(store)
        qtbot.addWidget(window)
        window.show()
        assert not window.restore_button.isVisible()
        _damage(path, _root(store))
        with qtbot.waitSignal(window.storage_banner.damaged, timeout=60_000):
            window.storage_banner.start_check(0)
        assert window.restore_button.isVisible()
        assert path.name in window.storage_banner.text()
        seen: list[str] = []

        def restore(prompt: Prompt) -> str:
            seen.append(prompt.text)
            assert "以后再说" in prompt.buttons
            return next(b for b in prompt.buttons if b.startswith("用最近的备份恢复"))

        answer_prompts(monkeypatch, restore, "知道了")
        window.restore_button.click()
        assert seen and path.name in seen[0]
        assert not window.restore_button.isVisible()
        assert "损坏" not in window.storage_banner.text()
        # The same window and Store go on with the restored file, and can write.
        assert store.cases.count() == CASES
        store.cases.create(intake(), [applicant(), respondent()])
        assert store.db.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        assert list(tmp_path.glob("committee-损坏-*.sqlite"))
        window.cases.stop()
    finally:
        store.close()
    again = open_store(path, password=PASSWORD if password else None)
    assert again.cases.count() == CASES + 1
    again.close()


def test_a_damaged_encrypted_file_without_its_key_file_asks_the_password_for_the_backups(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The key file beside the damaged file is lost too, so the start cannot ask for the
    password before the damage is found: the restore asks it (a wrong one is told), takes the
    key from a backup's key file and checks the backups with it."""
    path = tmp_path / "committee.sqlite"
    _made(path, password=True)
    path.with_name(path.name + ".key").unlink()
    with open(path, "r+b") as fh:  # the first page too: no longer recognisable at all
        fh.write(b"\x00" * 4096)
    seen: list[tuple[str, ...]] = []

    def press(label: str) -> Callable[[Prompt], str]:
        def answer_(prompt: Prompt) -> str:
            seen.append(tuple(prompt.buttons))
            return next(b for b in prompt.buttons if b.startswith(label))

        return answer_

    answer_prompts(
        monkeypatch,
        press("输入密码"),  # no sound backup offered yet: they are all encrypted
        press("输入密码"),  # after the wrong password
        press("用最近的备份恢复"),
        "知道了",
    )
    typed = iter(["错的密码abc", PASSWORD])

    def type_password(dialog: PasswordCheckDialog) -> None:
        dialog.edit.setText(next(typed))
        dialog.try_accept()

    answer(monkeypatch, PasswordCheckDialog, type_password)

    def unlock(dialog: UnlockDialog) -> None:  # the restored file asks for its password
        dialog.password.setText(PASSWORD)
        dialog.open_button.click()

    answer(monkeypatch, UnlockDialog, unlock)
    windows: list[MainWindow] = []
    counts: list[int] = []
    monkeypatch.setattr(MainWindow, "showMaximized", lambda self: windows.append(self))

    def loop(_app: QApplication) -> int:
        counts.append(windows[0].store.cases.count())
        return 0

    monkeypatch.setattr(type(qapp), "exec", loop)
    answer(monkeypatch, SignInDialog, lambda d: d.choose_current())
    assert app_module.main(["--db", str(path)]) == 0
    assert not any(b.startswith("用最近的备份恢复") for b in seen[0])
    assert any(b.startswith("用最近的备份恢复") for b in seen[2])
    assert counts == [CASES]
    windows[0].cases.stop()
    windows[0].deleteLater()
    again = open_store(path, password=PASSWORD)  # the key file came back with the backup
    assert again.cases.count() == CASES
    again.close()
