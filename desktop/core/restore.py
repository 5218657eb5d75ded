"""Restore a damaged case database from a backup: list the backups next to it, check a chosen
one really is a sound case database (it opens, passes ``PRAGMA quick_check`` and is ours), set
the damaged file and its side files aside (never delete them) and put the backup in its place.
Compressed automatic backups (``.sqlite.gz``) are unpacked on the way."""

from __future__ import annotations

import gzip
import shutil
import sqlite3
import tempfile
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from desktop.core.errors import StoreError
from desktop.core.fsutil import atomic_write
from desktop.core.store.connection import raw_connect
from desktop.core.store.database import backups_dir
from desktop.core.store.fileid import APPLICATION_ID

_SIDE_FILES = ("-journal", "-wal", "-shm")


def find_backups(db_path: Path) -> list[Path]:
    """Backups in the default folder beside the database, newest first."""
    folder = backups_dir(db_path)
    if not folder.is_dir():
        return []
    found = [*folder.glob("*.sqlite"), *folder.glob("*.sqlite.gz")]
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)


def newest_sound_backup(db_path: Path) -> Path | None:
    """The newest backup that itself opens and checks (a broken copy is passed over)."""
    for backup in find_backups(db_path):
        try:
            check_backup(backup)
        except (StoreError, OSError):
            continue
        return backup
    return None


def _unpacked(backup: Path, folder: Path) -> Path:
    if backup.suffix != ".gz":
        return backup
    plain = folder / "backup.sqlite"
    try:
        with gzip.open(backup, "rb") as src, open(plain, "wb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
    except (OSError, EOFError) as exc:
        raise StoreError(f"备份文件 {backup.name} 解压不开（{exc}），请换一个备份。") from exc
    return plain


def check_backup(backup: Path) -> None:
    """Refuse a file that is not a sound case database (damaged, or some other SQLite file)."""
    with tempfile.TemporaryDirectory(prefix="wusong-restore-") as tmp:
        _check_plain(_unpacked(backup, Path(tmp)), backup.name)


def _check_plain(plain: Path, name: str) -> None:
    try:
        conn = raw_connect(plain, mode="ro", immutable=True)
        try:
            ok = conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"备份文件 {name} 也打不开（{exc}），请换一个备份。") from exc
    if not ok:
        raise StoreError(f"备份文件 {name} 也已经损坏，请换一个备份。")
    if "cases" not in tables or (app_id != APPLICATION_ID and "_sqlite_migrations" not in tables):
        raise StoreError(f"{name} 不是本程序的案件库备份，请换一个文件。")


def restore_from(db_path: Path, backup: Path, now: datetime | None = None) -> Path:
    """Put ``backup`` in place of ``db_path``; returns where the damaged file was set aside."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    aside = db_path.with_name(f"{db_path.stem}-损坏-{stamp}{db_path.suffix}")
    with tempfile.TemporaryDirectory(prefix="wusong-restore-") as tmp:
        plain = _unpacked(backup, Path(tmp))
        _check_plain(plain, backup.name)
        # Copy first under a temporary name: a failure half-way leaves the damaged file as is.
        part = db_path.with_name(db_path.name + ".restore-part")

        def copy(fh: BinaryIO) -> None:
            with open(plain, "rb") as src:
                shutil.copyfileobj(src, fh, 1 << 20)

        atomic_write(part, copy)
    if db_path.exists():
        db_path.replace(aside)
    for suffix in _SIDE_FILES:
        side = db_path.with_name(db_path.name + suffix)
        if side.exists():  # the damaged file's journal must not be replayed onto the backup
            side.replace(aside.with_name(aside.name + suffix))
    part.replace(db_path)
    from desktop.core.store.health import damage_mark

    damage_mark(db_path).unlink(missing_ok=True)
    return aside
