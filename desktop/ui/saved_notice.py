"""After anything is written to disk: one sentence saying where, and a button that opens the
folder, so the mediator can find the file again (a Word copy, the 卷宗, the 月报)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget


def open_folder(path: Path) -> bool:
    """Show the folder holding ``path`` in the system's file manager."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))


def tell_saved(parent: QWidget | None, what: str, path: Path) -> QMessageBox:
    """A message naming the file and its folder, with 打开所在文件夹 and 知道了 (returned after
    it is closed, so a caller can see which button was used)."""
    box = QMessageBox(
        QMessageBox.Icon.Information,
        "已保存",
        f"{what}已保存。\n文件名：{path.name}\n保存位置：{path.parent}",
        parent=parent,
    )
    show = box.addButton("打开所在文件夹", QMessageBox.ButtonRole.ActionRole)
    box.addButton("知道了", QMessageBox.ButtonRole.AcceptRole)
    box.exec()
    if box.clickedButton() is show:
        open_folder(path)
    return box
