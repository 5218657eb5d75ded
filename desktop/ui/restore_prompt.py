"""A damaged case database — found at start, or by the background check while the window is
open: say so in one sentence and offer to put the newest backup (or one the mediator picks)
in its place; the damaged file is kept. An encrypted file's backups are checked with its key
(asked at start as for any opening)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QWidget

from desktop.core.paths import APP_TITLE
from desktop.core.restore import (
    has_encrypted_backups,
    key_from_password,
    newest_sound_backup,
    restore_from,
)
from desktop.ui import prompts
from desktop.ui.errors import FAILURES, explain


def _when(path: Path) -> str:
    t = datetime.fromtimestamp(path.stat().st_mtime)
    return f"{t.year}年{t.month}月{t.day}日 {t:%H:%M}"


ASK_PASSWORD = "输入密码，检查加密的备份…"


def _ask_password(parent: QWidget | None) -> str | None:
    """The committee password typed for the backups, or None when cancelled."""
    from desktop.ui.unlock_dialog import PasswordCheckDialog

    dialog = PasswordCheckDialog(
        "输入密码", "备份是加密的：请输入调委会的密码，程序用它检查和恢复备份。", parent
    )
    return dialog.password if dialog.exec() else None


def offer_restore(
    db_path: Path,
    message: str,
    parent: QWidget | None = None,
    *,
    key: bytes | None = None,
    restore: Callable[[Path], Path] | None = None,
    leave: str = "退出",
) -> bool:
    """True when a backup was put in place (at start the caller opens the file again).
    ``key`` checks encrypted backups; ``restore`` puts a backup in place (default:
    :func:`restore_from`; the running window passes ``restore_into``); ``leave`` names the
    button that gives up."""
    while True:
        # The newest backup that itself opens and checks: a broken copy is never offered.
        sound = newest_sound_backup(db_path, key)
        buttons = ["选择备份文件…", leave]
        if sound is not None:
            buttons.insert(0, f"用最近的备份恢复（{_when(sound)}）")
        elif key is None and has_encrypted_backups(db_path):
            # The damaged file could not be asked for its password: ask it here, or every
            # encrypted backup would look unusable.
            buttons.insert(0, ASK_PASSWORD)
        text = f"{message}\n\n恢复时，损坏的文件会改名保留在原文件夹里，不会删除。"
        tone = prompts.Tone.FAILURE
        clicked = prompts.choose(
            parent, APP_TITLE, text, buttons, escape=len(buttons) - 1, tone=tone
        )
        picked = buttons[clicked] if clicked is not None else leave
        chosen: Path | None
        if picked == ASK_PASSWORD:
            typed = _ask_password(parent)
            if typed is not None:
                key = key_from_password(db_path, typed)
                if key is None:
                    message = "密码不对，加密的备份没有打开。请再输入一次密码，或选择备份文件。"
            continue
        if picked.startswith("用最近的备份恢复"):
            chosen = sound
        elif picked == "选择备份文件…":
            chosen = prompts.open_file(
                parent, "选择案件库备份", "案件库备份 (*.sqlite *.sqlite.gz)", db_path.parent
            )
        else:
            return False
        if chosen is None:
            continue
        try:
            aside = restore(chosen) if restore else restore_from(db_path, chosen, key=key)
        except FAILURES as exc:
            message = f"恢复没有成功：{explain(exc)}"
            continue
        prompts.tell(parent, APP_TITLE, f"已用备份恢复案件库。损坏的文件保留为：{aside.name}")
        return True
