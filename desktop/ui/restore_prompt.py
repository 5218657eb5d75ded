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
from desktop.core.restore import newest_sound_backup, restore_from
from desktop.ui import prompts
from desktop.ui.errors import FAILURES, explain


def _when(path: Path) -> str:
    t = datetime.fromtimestamp(path.stat().st_mtime)
    return f"{t.year}年{t.month}月{t.day}日 {t:%H:%M}"


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
    put_back = restore or (lambda backup: restore_from(db_path, backup, key=key))
    while True:
        # The newest backup that itself opens and checks: a broken copy is never offered.
        sound = newest_sound_backup(db_path, key)
        buttons = ["选择备份文件…", leave]
        if sound is not None:
            buttons.insert(0, f"用最近的备份恢复（{_when(sound)}）")
        text = f"{message}\n\n恢复时，损坏的文件会改名保留在原文件夹里，不会删除。"
        tone = prompts.Tone.FAILURE
        clicked = prompts.choose(
            parent, APP_TITLE, text, buttons, escape=len(buttons) - 1, tone=tone
        )
        picked = buttons[clicked] if clicked is not None else leave
        chosen: Path | None
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
            aside = put_back(chosen)
        except FAILURES as exc:
            message = f"恢复没有成功：{explain(exc)}"
            continue
        prompts.tell(parent, APP_TITLE, f"已用备份恢复案件库。损坏的文件保留为：{aside.name}")
        return True
