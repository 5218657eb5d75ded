"""The password in the window: asked at start (a wrong one refused, the recovery key leads to
a new password), set in 设置 after the plain warning with the recovery sheet shown for
printing, and the idle lock covering everything while what was typed survives."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from builders import applicant, intake, respondent
from prompt_driver import answer_prompts
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from workspace_driver import answer

from desktop.core.store import Store, open_store
from desktop.core.store.keyfile import PasswordNeededError
from desktop.core.store.password import set_password
from desktop.core.store.protection import is_encrypted
from desktop.ui import app as app_module
from desktop.ui.idle_lock import LockScreen
from desktop.ui.main_window import MainWindow
from desktop.ui.password_settings import PasswordBox
from desktop.ui.sign_in import SignInDialog
from desktop.ui.unlock_dialog import NewPasswordDialog, PasswordCheckDialog, UnlockDialog
from desktop.ui.workspace.record_panel import RecordDialog

pytestmark = pytest.mark.ui
PASSWORD = "星光村调委会2026"


def _locked_file(path: Path) -> str:
    s = open_store(path)
    s.settings.save_committee(name="星光村人民调解委员会", level=2, region="", abbr="星调")
    s.settings.add_mediator("王建平")
    s.cases.create(intake(mediator=1), [applicant(), respondent()])
    recovery = set_password(s, PASSWORD).recovery_key
    s.close()
    return recovery


def _start(
    qapp: QApplication, path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[int, list[str]]:
    actors: list[str] = []

    def loop(_app: QApplication) -> int:
        window = windows[0]
        actors.append(window.store.actor)
        actors.append(str(window.store.cases.count()))
        window.cases.stop()
        return 0

    windows: list[MainWindow] = []
    monkeypatch.setattr(MainWindow, "showMaximized", lambda self: windows.append(self))
    monkeypatch.setattr(type(qapp), "exec", loop)
    answer(monkeypatch, SignInDialog, lambda d: d.choose_current())
    code = app_module.main(["--db", str(path)])
    for w in windows:
        w.deleteLater()
    return code, actors


def test_start_asks_for_the_password_and_refuses_a_wrong_one(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "c.sqlite"
    _locked_file(path)
    refusals: list[str] = []

    def type_passwords(dialog: UnlockDialog) -> None:
        dialog.password.setText("不对的密码")
        dialog.open_button.click()
        refusals.append(dialog.message.text())
        dialog.password.setText(PASSWORD)
        dialog.open_button.click()

    answer(monkeypatch, UnlockDialog, type_passwords)
    code, seen = _start(qapp, path, monkeypatch)
    assert code == 0 and seen == ["王建平", "1"]
    assert refusals and refusals[0].startswith("密码不对") and "Traceback" not in refusals[0]


def test_the_right_password_with_stray_spaces_is_told_so_at_start_and_at_the_lock(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "c.sqlite"
    _locked_file(path)
    said: list[tuple[str, bool]] = []

    def with_spaces(dialog: UnlockDialog) -> None:
        dialog.password.setText(f"{PASSWORD}\u3000")  # full-width space from the input method
        dialog.open_button.click()
        said.append((dialog.message.text(), dialog.open_button.isEnabled()))
        dialog.password.setText(PASSWORD)
        dialog.open_button.click()

    answer(monkeypatch, UnlockDialog, with_spaces)
    code, seen = _start(qapp, path, monkeypatch)
    assert code == 0 and seen == ["王建平", "1"]
    ((message, enabled),) = said
    assert "多打了空格" in message and enabled  # not a wrong try: no wait
    store = open_store(path, password=PASSWORD)
    try:
        screen = LockScreen(store)
        screen.password.setText(f" {PASSWORD} ")
        screen.password.returnPressed.emit()
        assert "多打了空格" in screen.message.text() and screen.result() == 0  # still locked
    finally:
        store.close()


def test_a_second_wrong_password_makes_the_button_wait(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "c.sqlite"
    _locked_file(path)
    states: list[tuple[bool, str]] = []

    def twice_wrong(dialog: UnlockDialog) -> None:
        for _ in range(2):
            dialog.password.setText("不对的密码")
            dialog.open_button.click()
        states.append((dialog.open_button.isEnabled(), dialog.open_button.text()))
        dialog.reject()

    answer(monkeypatch, UnlockDialog, twice_wrong)
    code, seen = _start(qapp, path, monkeypatch)
    assert code == 0 and seen == []  # 退出: no window
    assert states == [(False, "请等 1 秒")]


def test_the_recovery_key_opens_and_a_new_password_is_set(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "c.sqlite"
    recovery = _locked_file(path)

    def use_key(dialog: UnlockDialog) -> None:
        dialog.switch.click()
        dialog.recovery.setText(recovery.replace("-", " "))
        dialog.open_button.click()

    def new_password(dialog: NewPasswordDialog) -> None:
        dialog.first.setText("新设的密码789")
        dialog.second.setText("新设的密码789")
        dialog.ok_button.click()

    answer(monkeypatch, UnlockDialog, use_key)
    answer(monkeypatch, NewPasswordDialog, new_password)
    code, seen = _start(qapp, path, monkeypatch)
    assert code == 0 and seen == ["王建平", "1"]
    open_store(path, password="新设的密码789").close()


def _sheet_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True
    ).stdout


def test_setting_the_password_in_settings_warns_encrypts_and_shows_the_sheet(
    qapp: QApplication, store: Store, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.cases.create(intake(), [applicant(), respondent()])
    sheets: list[str] = []

    def printed(prompt: object) -> str:
        # The sheet was shown BEFORE the file was encrypted: asked while it is still plain.
        assert sheets and not is_encrypted(db_path)
        return "已经打印好了，开始加密"

    # The warning is read and accepted; the sheet is shown and said to be printed.
    asked = answer_prompts(monkeypatch, "我明白了，设置密码", printed, "知道了")

    def new_password(dialog: NewPasswordDialog) -> None:
        dialog.first.setText(PASSWORD)
        dialog.second.setText("打错了")
        dialog.ok_button.click()
        assert "不一样" in dialog.message.text() and not is_encrypted(db_path)
        dialog.second.setText(f" {PASSWORD}")
        dialog.first.setText(f" {PASSWORD}")
        dialog.ok_button.click()
        assert "开头或结尾有空格" in dialog.message.text() and not is_encrypted(db_path)
        dialog.first.setText(PASSWORD)
        dialog.second.setText(PASSWORD)
        dialog.ok_button.click()

    answer(monkeypatch, NewPasswordDialog, new_password)
    monkeypatch.setattr(
        PasswordBox, "show_sheet", lambda box, path: sheets.append(_sheet_text(path))
    )
    box = PasswordBox(store)
    assert box.set_password()
    warning = asked.texts[0]
    assert "无法读出" in warning and "恢复" in warning
    assert is_encrypted(db_path) and store.cases.count() == 1  # the same Store goes on
    assert sheets and "恢复密钥" in sheets[0] and "王调解" in sheets[0]
    assert "已设密码" in box.status.text() and not box.set_button.isEnabled()
    # 重印恢复单 with the password: the same key again; a wrong password prints nothing.
    shown = [g for g in sheets[0].split() if g.isdigit() and len(g) == 5]
    answer(
        monkeypatch, PasswordCheckDialog, lambda d: (d.edit.setText("错的密码abc"), d.try_accept())
    )
    assert not box.reprint_sheet() and "密码不对" in box.message.text()
    answer(monkeypatch, PasswordCheckDialog, lambda d: (d.edit.setText(PASSWORD), d.try_accept()))
    assert box.reprint_sheet() and len(sheets) == 2
    assert [g for g in sheets[1].split() if g.isdigit() and len(g) == 5] == shown
    store.close()
    with pytest.raises(PasswordNeededError):
        open_store(db_path)
    open_store(db_path, password=PASSWORD).close()
    store.db = open_store(db_path, password=PASSWORD).db  # for the fixture's close


def test_giving_up_at_the_sheet_leaves_the_file_plain_and_nothing_behind(
    qapp: QApplication, store: Store, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.cases.create(intake(), [applicant(), respondent()])
    sheets: list[str] = []
    answer_prompts(monkeypatch, "我明白了，设置密码", "再显示一次恢复单", "不设密码了", "知道了")
    answer(
        monkeypatch,
        NewPasswordDialog,
        lambda d: (d.first.setText(PASSWORD), d.second.setText(PASSWORD), d.ok_button.click()),
    )
    monkeypatch.setattr(
        PasswordBox, "show_sheet", lambda box, path: sheets.append(_sheet_text(path))
    )
    box = PasswordBox(store)
    assert not box.set_password()
    assert len(sheets) == 2 and not is_encrypted(db_path) and store.db_key is None
    beside = sorted(p.name for p in db_path.parent.iterdir() if p.is_file())
    assert not [n for n in beside if ".part" in n or n.endswith((".key", ".转换未完成"))], beside
    assert store.cases.count() == 1 and "未设密码" in box.status.text()


def _idle(window: MainWindow) -> None:
    window.idle.last_input -= window.idle_minutes * 60 + 1
    assert window.idle.check()


@pytest.mark.parametrize("with_password", [False, True])
def test_idle_lock_covers_everything_and_keeps_what_was_typed(
    qapp: QApplication, store: Store, monkeypatch: pytest.MonkeyPatch, with_password: bool
) -> None:
    case = store.cases.create(intake(), [applicant(), respondent()])
    if with_password:
        set_password(store, PASSWORD)
    window = MainWindow(store)
    window.show_new_case()
    window.new_case.form.widgets["title"].set_value("王家与李家宅基地纠纷（还没有保存）")
    record = RecordDialog(store, case.id, store.catalog.latest().record_kinds["investigation"])
    record.form.widgets["content"].set_value("正在记的调查情况")
    record.show()  # a form open on top, half filled
    seen: list[str] = []

    def unlock(screen: LockScreen) -> None:
        seen.append(f"{screen.isVisible()} {screen.isFullScreen()}")
        if with_password:
            screen.password.setText("错的密码错的")
            screen.password.returnPressed.emit()
            seen.append(screen.message.text())
            screen.reject()  # Esc does not unlock
            seen.append(str(screen.result()))
            screen.password.setText(PASSWORD)
            screen.password.returnPressed.emit()
        else:
            item = screen.names.findItems("王调解", Qt.MatchFlag.MatchExactly)[0]
            screen.names.itemClicked.emit(item)

    opened = answer(monkeypatch, LockScreen, unlock)
    _idle(window)
    assert len(opened) == 1 and seen[0] == "True True"
    if with_password:
        assert seen[1].startswith("密码不对，窗口仍然锁着") and seen[2] == "0"
    assert window.new_case.form.values()["title"] == "王家与李家宅基地纠纷（还没有保存）"
    assert record.isVisible() and record.form.values()["content"] == "正在记的调查情况"
    assert not window.idle.check()  # the clock starts again after unlocking
    record.deleteLater()
    window.new_case.reset()
    window.cases.stop()
    window.deleteLater()


def test_idle_lock_minutes_are_a_setting(store: Store) -> None:
    from desktop.core.errors import ValidationError
    from desktop.core.store.idle import idle_minutes, set_idle_minutes

    assert idle_minutes(store) == 10
    set_idle_minutes(store, 3)
    assert idle_minutes(store) == 3
    for bad in (0, 121, -5):
        with pytest.raises(ValidationError):
            set_idle_minutes(store, bad)
    assert idle_minutes(store) == 3


def test_the_recovery_key_unlocks_a_locked_window(
    qapp: QApplication, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    recovery = set_password(store, PASSWORD).recovery_key
    window = MainWindow(store)
    said: list[str] = []

    def forgot(screen: LockScreen) -> None:
        wrong = recovery[:-1] + str((int(recovery[-1]) + 1) % 10)
        screen.recovery.setText(wrong)
        screen.recovery.returnPressed.emit()
        said.append(screen.message.text())
        screen.recovery.setText(recovery)
        screen.recovery.returnPressed.emit()

    answer(monkeypatch, LockScreen, forgot)
    window.lock_action.trigger()
    assert said and "第 8 组" in said[0]
    assert store.unlocked_by == "recovery"
    window.cases.stop()
    window.deleteLater()
