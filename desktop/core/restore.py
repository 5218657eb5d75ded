"""Restore a damaged case database from a backup: list the backups next to it, check a chosen
one really is a sound case database (it opens, passes ``PRAGMA quick_check`` and is ours), set
the damaged file and its side files aside (never delete them) and put the backup in its place.
Compressed automatic backups (``.sqlite.gz``) are unpacked on the way. An encrypted file's
backups are checked with its key (``key``: what the committee password or the recovery key
opened); without it they could not be read and would all look broken."""

from __future__ import annotations

import contextlib
import gzip
import shutil
import sqlite3
import tempfile
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from desktop.core import ondisk
from desktop.core.errors import StoreError
from desktop.core.fsutil import atomic_write
from desktop.core.store.connection import raw_connect
from desktop.core.store.database import backups_dir
from desktop.core.store.fileid import APPLICATION_ID

if TYPE_CHECKING:
    from desktop.core.store.store import Store

_SIDE_FILES = ("-journal", "-wal", "-shm")


def find_backups(db_path: Path) -> list[Path]:
    """Backups in the default folder beside the database, newest first."""
    folder = backups_dir(db_path)
    if not folder.is_dir():
        return []
    found = [*folder.glob("*.sqlite"), *folder.glob("*.sqlite.gz")]
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)


def newest_sound_backup(db_path: Path, key: bytes | None = None) -> Path | None:
    """The newest backup that itself opens and checks (a broken copy is passed over); with
    ``key``, encrypted backups are opened with it."""
    for backup in find_backups(db_path):
        try:
            check_backup(backup, key)
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
        if isinstance(exc, OSError) and exc.errno is not None:  # the disk, not the backup
            from desktop.core.errors import os_error_message

            raise StoreError(os_error_message(exc)) from exc
        raise StoreError(f"备份文件 {backup.name} 解压不开（已经损坏），请换一个备份。") from exc
    return plain


def check_backup(backup: Path, key: bytes | None = None) -> None:
    """Refuse a file that is not a sound case database (damaged, or some other SQLite file,
    or encrypted with another key than ``key``). Raises StoreError naming the backup."""
    with tempfile.TemporaryDirectory(prefix="wusong-restore-") as tmp:
        _check_plain(_unpacked(backup, Path(tmp)), backup.name, key, _keyed(backup))


def _check_plain(plain: Path, name: str, key: bytes | None = None, keyed: bool = False) -> None:
    from desktop.core.store.protection import is_encrypted

    encrypted = is_encrypted(plain)
    if encrypted and key is None:
        if keyed:  # its key file beside it: a backup of a file with a password
            raise StoreError(f"备份文件 {name} 是加密的，要先输入密码才能检查和恢复它。")
        raise StoreError(f"备份文件 {name} 也打不开（不是完好的案件库文件），请换一个备份。")
    try:
        conn = raw_connect(plain, mode="ro", immutable=True, key=key if encrypted else None)
        try:
            ok = conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        if encrypted:
            raise StoreError(
                f"备份文件 {name} 是用别的密码加密的（或已经损坏），"
                "用现在的密码打不开，请换一个备份。"
            ) from exc
        raise StoreError(f"备份文件 {name} 也打不开，请换一个备份。") from exc
    if not ok:
        raise StoreError(f"备份文件 {name} 也已经损坏，请换一个备份。")
    if "cases" not in tables or (app_id != APPLICATION_ID and "_sqlite_migrations" not in tables):
        raise StoreError(f"{name} 不是本程序的案件库备份，请换一个文件。")


def key_from_password(db_path: Path, password: str) -> bytes | None:
    """The database key a password opens, from the key file beside the file or, when that
    one is lost or damaged, beside any of its backups (each carries a copy); None when the
    password opens none of them. Lets the restore of a damaged encrypted file check its
    backups even when the file could not be asked for its password."""
    from desktop.core.store.keyfile import unseal
    from desktop.core.store.protection import read_key_file_quietly

    candidates = [db_path, *find_backups(db_path)]
    for place in candidates:
        kf = read_key_file_quietly(place)
        if kf is None:
            continue
        found = unseal(kf, password)
        if found is not None:
            return found
    return None


def has_encrypted_backups(db_path: Path) -> bool:
    """Whether any backup beside the file is encrypted (needs the password to be checked)."""
    from desktop.core.store.protection import is_encrypted

    for backup in find_backups(db_path):
        if _keyed(backup) or (backup.suffix != ".gz" and is_encrypted(backup)):
            return True
    return False


def _keyed(backup: Path) -> bool:
    from desktop.core.store.keyfile import key_path

    return key_path(backup).exists()


def restore_from(
    db_path: Path, backup: Path, now: datetime | None = None, key: bytes | None = None
) -> Path:
    """Put ``backup`` in place of ``db_path``; returns where the damaged file was set aside.
    ``key`` checks an encrypted backup. Raises StoreError (nothing moved)."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    aside = db_path.with_name(f"{db_path.stem}-损坏-{stamp}{db_path.suffix}")
    with tempfile.TemporaryDirectory(prefix="wusong-restore-") as tmp:
        plain = _unpacked(backup, Path(tmp))
        _check_plain(plain, backup.name, key, _keyed(backup))
        # Copy first under a temporary name: a failure half-way leaves the damaged file as is.
        part = db_path.with_name(db_path.name + ".restore-part")

        def copy(fh: BinaryIO) -> None:
            with open(plain, "rb") as src:
                shutil.copyfileobj(src, fh, 1 << 20)

        atomic_write(part, copy)
    from desktop.core.store.health import damage_mark
    from desktop.core.store.keyfile import key_path

    if key is not None and not key_path(db_path).exists() and key_path(backup).exists():
        shutil.copyfile(key_path(backup), key_path(db_path))  # the password opens it again
    ondisk.writing(aside)
    ondisk.writing(db_path)  # a Ctrl-C from here on tells the file put in place
    # The swap is whole or undone: a failure between setting the damaged file aside and
    # putting the backup in place (a file held by another program) put every file back, or
    # the caller reopened a missing file as a new, empty case file and went on with it.
    moved: list[tuple[Path, Path]] = []
    try:
        if db_path.exists():
            moved.append((db_path, aside))
            db_path.replace(aside)
        for suffix in _SIDE_FILES:
            side = db_path.with_name(db_path.name + suffix)
            if side.exists():  # the damaged file's journal must not be replayed onto the backup
                moved.append((side, aside.with_name(aside.name + suffix)))
                side.replace(moved[-1][1])
        part.replace(db_path)
    except BaseException:
        for back, there in reversed(moved):
            if there.exists() and not back.exists():
                with contextlib.suppress(OSError):
                    there.replace(back)
        with contextlib.suppress(OSError):
            part.unlink(missing_ok=True)
        raise
    # Done: a mark left only makes the next open check the file in full (health.py).
    with contextlib.suppress(OSError):
        damage_mark(db_path).unlink(missing_ok=True)
    return aside


def restore_into(store: Store, backup: Path) -> Path:
    """The running window's restore, after the background check found damage: the backup is
    checked first (with the store's key), then the open Store lets go of the damaged file,
    the backup is put in its place and the SAME Store opens it (writer lock, upgrade and
    checks as at any open), so the window goes on. Returns where the damaged file was set
    aside. Raises StoreError; when raised before the swap the Store is open on the damaged
    file as before."""
    from desktop.core.store.database import connect, open_database
    from desktop.core.store.lock import WriterLock

    path = store.path
    if path is None:
        raise StoreError("内存中的案件库不能从备份恢复。")
    key = store.db_key
    check_backup(backup, key)
    store.close()
    try:
        aside = restore_from(path, backup, store.now(), key)
    except BaseException:
        # The damaged file stands as it was: open it again just as it was open before.
        lock = WriterLock(path)
        lock.acquire()
        store._lock = lock
        store._bind(connect(path, key=key))
        raise
    opened = open_database(path, now=store.now, key=key)
    store._lock = opened.lock
    store.readonly_reason = opened.db.readonly_reason
    store.notices = list(opened.notices)
    store._bind(opened.db)
    return aside
