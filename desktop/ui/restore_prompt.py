"""At start, a case database that cannot be opened (damaged): say so in one sentence and offer
to put the newest backup (or one the mediator picks) in its place; the damaged file is kept."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from desktop.core.errors import MediationError
from desktop.core.paths import APP_TITLE
from desktop.core.restore import newest_sound_backup, restore_from


def _when(path: Path) -> str:
    t = datetime.fromtimestamp(path.stat().st_mtime)
    return f"{t.year}年{t.month}月{t.day}日 {t:%H:%M}"


def offer_restore(db_path: Path, message: str, parent: QWidget | None = None) -> bool:
    """True when a backup was put in place (the caller opens the file again)."""
    while True:
        # The newest backup that itself opens and checks: a broken copy is never offered.
        sound = newest_sound_backup(db_path)
        box = QMessageBox(QMessageBox.Icon.Critical, APP_TITLE, message, parent=parent)
        newest = None
        if sound is not None:
            newest = box.addButton(
                f"用最近的备份恢复（{_when(sound)}）", QMessageBox.ButtonRole.AcceptRole
            )
        choose = box.addButton("选择备份文件…", QMessageBox.ButtonRole.ActionRole)
        box.addButton("退出", QMessageBox.ButtonRole.RejectRole)
        box.setInformativeText("恢复时，损坏的文件会改名保留在原文件夹里，不会删除。")
        box.exec()
        clicked = box.clickedButton()
        if newest is not None and clicked is newest:
            chosen: Path | None = sound
        elif clicked is choose:
            name, _ = QFileDialog.getOpenFileName(
                parent, "选择案件库备份", str(db_path.parent), "案件库备份 (*.sqlite *.sqlite.gz)"
            )
            chosen = Path(name) if name else None
            if chosen is None:
                continue
        else:
            return False
        try:
            aside = restore_from(db_path, chosen)
        except (MediationError, OSError) as exc:
            message = (
                getattr(exc, "message", None)
                or f"恢复没有成功：文件不能读写（{chosen}）。请换一个备份再试。"
            )
            continue
        QMessageBox.information(
            parent, APP_TITLE, f"已用备份恢复案件库。损坏的文件保留为：{aside.name}"
        )
        return True
