"""Opening a committee's database: the only place a connection is made. Sets the safe
pragmas, takes the writer lock, backs the file up before any migration, and migrates."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from db import migrations
from desktop.core.errors import StoreError
from desktop.core.store.cipher import CipherConnection, cipher_connect
from desktop.core.store.lock import WriterLock

logger = logging.getLogger(__name__)

Clock = Callable[[], datetime]


def connect(path: Path | str, *, readonly: bool = False, key: bytes | None = None) -> Database:
    """A sqlite-utils Database in autocommit mode: every write goes through an explicit
    ``db.atomic()`` block, so the driver never opens hidden transactions. With ``key`` (the
    committee's database key, see keyfile.py) the file is opened through SQLCipher, encrypted
    at rest; its errors are raised as the standard ``sqlite3`` classes (cipher.py)."""
    conn: sqlite3.Connection | CipherConnection
    if key is not None:
        target = f"file:{Path(path).as_posix()}?mode=ro" if readonly else str(path)
        conn = cipher_connect(target, key, uri=readonly)
    elif readonly:
        uri = f"file:{Path(path).as_posix()}?mode=ro"
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    else:
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    db = Database(conn, execute_plugins=False)
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA busy_timeout = 5000")
    if not readonly and str(path) != ":memory:":
        # WAL keeps readers working while the window writes; FULL makes every commit durable
        # across a power cut, which a laptop in a village office will meet.
        db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")
    return db


def backup_copy(db: Database, target: Path, key: bytes | None = None) -> Path:
    """A consistent copy of a live database through SQLite's backup API, written to a temp
    name first and renamed, so a half-written backup never looks like a good one. An
    encrypted database (``key``) is copied encrypted with the same key: a backup is never
    more readable than the file it copies."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    tmp.unlink(missing_ok=True)
    dest: sqlite3.Connection | CipherConnection
    dest = cipher_connect(str(tmp), key) if key is not None else sqlite3.connect(str(tmp))
    try:
        db.conn.backup(dest)
    finally:
        dest.close()
    tmp.replace(target)
    return target


def backups_dir(db_path: Path) -> Path:
    return db_path.with_name(db_path.stem + "-backups")


def pending_migrations(db: Database) -> list[str]:
    return [m.name for m in migrations.pending(db)]


def applied_migrations(db: Database) -> list[str]:
    return [m.name for m in migrations.applied(db)]


def migrate(
    db: Database, db_path: Path | None, now: datetime, key: bytes | None = None
) -> Path | None:
    """Apply pending migrations; if the file already holds data, copy it aside first.
    Returns the backup path, if one was taken."""
    pending = pending_migrations(db)
    if not pending:
        return None
    backup: Path | None = None
    has_tables = bool(db.table_names())
    if has_tables and db_path is not None:
        stamp = now.strftime("%Y%m%d-%H%M%S")
        target = backups_dir(db_path) / f"{db_path.stem}-升级前-{stamp}.sqlite"
        backup = backup_copy(db, target, key)
        logger.info("backed up %s to %s before migrating %s", db_path, backup, pending)
    try:
        migrations.apply(db)
    except sqlite3.Error as exc:
        raise StoreError(
            f"数据库升级失败（{exc}）。原文件未被改动"
            + (f"，升级前的备份在 {backup}" if backup else "")
            + "。请把这段话告诉技术人员。"
        ) from exc
    return backup


def open_database(
    path: Path | str,
    *,
    readonly: bool = False,
    now: Clock = datetime.now,
    key: bytes | None = None,
) -> tuple[Database, WriterLock | None]:
    """Open (creating if needed) and migrate a database file; take the writer lock unless
    read-only. ``key`` opens an encrypted file (see protection.unlock). In-memory databases
    (``":memory:"``) are for tests."""
    memory = str(path) == ":memory:"
    lock: WriterLock | None = None
    if not memory:
        db_path = Path(path)
        if readonly and not db_path.exists():
            raise StoreError(
                f"找不到案件数据库 {db_path}。请检查路径，或先运行 wusong init 建立数据库。"
            )
        db_path.parent.mkdir(parents=True, exist_ok=True)
        if not readonly:
            lock = WriterLock(db_path)
            lock.acquire()
    try:
        db = _connect_checked(path, readonly, key)
        if not readonly:
            migrate(db, None if memory else Path(path), now(), key)
    except BaseException:
        if lock:
            lock.release()
        raise
    return db, lock


def _connect_checked(path: Path | str, readonly: bool, key: bytes | None = None) -> Database:
    try:
        db = connect(path, readonly=readonly, key=key)
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return db
    except sqlite3.DatabaseError as exc:
        raise StoreError(
            f"{path} 不是有效的案件数据库，或文件已经损坏（{exc}）。"
            "请从备份恢复（打开窗口时会提供恢复按钮），或把文件交给技术人员检查。"
        ) from exc


def integrity_problems(db: Database) -> list[str]:
    """``PRAGMA integrity_check`` and foreign keys, plus the search indexes' own checks."""
    problems = [r[0] for r in db.execute("PRAGMA integrity_check").fetchall() if r[0] != "ok"]
    for row in db.execute("PRAGMA foreign_key_check").fetchall():
        problems.append(f"表 {row[0]} 第 {row[1]} 行引用了不存在的 {row[2]}")
    try:
        db.execute("INSERT INTO case_fts(case_fts) VALUES('integrity-check')")
    except sqlite3.DatabaseError as exc:
        problems.append(f"全文索引损坏：{exc}")
    return problems
