"""After anything is written to disk: one sentence saying where, and a button that opens the
folder, so the mediator can find the file again (a Word copy, the 卷宗, the 月报)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from desktop.ui import prompts

OPEN_FOLDER, DONE = "打开所在文件夹", "知道了"


def open_folder(path: Path) -> bool:
    """Show the folder holding ``path`` in the system's file manager."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))


def tell_saved(parent: QWidget | None, what: str, path: Path) -> bool:
    """A message naming the file and its folder, with 打开所在文件夹 and 知道了 (asked through
    the prompts seam); True when the folder was opened."""
    text = f"{what}已保存。\n文件名：{path.name}\n保存位置：{path.parent}"
    answer = prompts.choose(
        parent, "已保存", text, (DONE, OPEN_FOLDER), escape=0, tone=prompts.Tone.NOTICE
    )
    if answer == 1:
        open_folder(path)
        return True
    return False
