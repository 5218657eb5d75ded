"""Restore a damaged case database from a backup: list the backups next to it, check a chosen
one really is a sound case database, set the damaged file aside (never delete it) and put the
backup in its place."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

from desktop.core.errors import StoreError
from desktop.core.store.database import backups_dir

_SIDE_FILES = ("-wal", "-shm")


def find_backups(db_path: Path) -> list[Path]:
    """Backups in the default folder beside the database, newest first."""
    folder = backups_dir(db_path)
    if not folder.is_dir():
        return []
    return sorted(folder.glob("*.sqlite"), key=lambda p: p.stat().st_mtime, reverse=True)


def check_backup(backup: Path) -> None:
    """Refuse a file that is not a sound case database (damaged, or some other SQLite file)."""
    try:
        conn = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
        try:
            ok = conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"备份文件 {backup.name} 也打不开（{exc}），请换一个备份。") from exc
    if not ok:
        raise StoreError(f"备份文件 {backup.name} 也已经损坏，请换一个备份。")
    if "cases" not in tables:
        raise StoreError(f"{backup.name} 不是本程序的案件库备份，请换一个文件。")


def restore_from(db_path: Path, backup: Path, now: datetime | None = None) -> Path:
    """Put ``backup`` in place of ``db_path``; returns where the damaged file was set aside."""
    check_backup(backup)
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    aside = db_path.with_name(f"{db_path.stem}-损坏-{stamp}{db_path.suffix}")
    # Copy first under a temporary name: a failure half-way leaves the damaged file untouched.
    part = db_path.with_name(db_path.name + ".restore-part")
    shutil.copy2(backup, part)
    if db_path.exists():
        db_path.replace(aside)
    for suffix in _SIDE_FILES:
        side = db_path.with_name(db_path.name + suffix)
        if side.exists():  # the damaged file's journal must not be replayed onto the backup
            side.replace(aside.with_name(aside.name + suffix))
    part.replace(db_path)
    return aside
