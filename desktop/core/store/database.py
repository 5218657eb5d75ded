"""Opening a committee's database: the only place a case file is opened. Recognises the file
before SQLite touches it, settles any ``-journal``/``-wal`` beside it, takes the writer lock,
falls back to read-only (with the reason) in a read-only place, backs the file up once before
an upgrade and upgrades it one whole migration per transaction.

Journal design: a rollback journal (``journal_mode = TRUNCATE``) with ``synchronous = FULL``.
A commit ends by emptying the journal after the file itself is on disk, so after every
committed change the file alone holds every committed case: a copy taken with the window
open is complete, and a read-only folder or a full disk can still be read (WAL needs a
``-shm`` beside the file). Cost per commit: bench/bench_storage.py (TRUNCATE, not DELETE:
creating and deleting the journal at every commit cost ~10 ms here; the empty journal is
removed when the store closes)."""

from __future__ import annotations

import logging
import os
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from desktop.core import ondisk
from desktop.core.errors import DamagedError, DatabaseLockedError, StoreError
from desktop.core.store import upgrade
from desktop.core.store.casedb import (
    DAMAGED,
    CaseDatabase,
    DiskFullError,
    connect,
    quick_problems,
    translate,
)
from desktop.core.store.casedb import integrity_problems as integrity_problems  # importers' name
from desktop.core.store.clock import newest_change
from desktop.core.store.connection import raw_connect
from desktop.core.store.fileid import (
    APPLICATION_ID,
    Header,
    foreign_message,
    newer_release_message,
    not_ours_message,
    read_header,
    recognise,
)
from desktop.core.store.lock import WriterLock, writer_active
from desktop.core.store.newfile import create_case_file
from desktop.core.store.sidefiles import settle

logger = logging.getLogger(__name__)

Clock = Callable[[], datetime]

# PRAGMA quick_check at open costs about 1 s per 60 MB here: files up to this size are checked
# at every open; bigger ones by the window in the background and by `wusong check`.
QUICK_CHECK_LIMIT = 48 * 1024 * 1024


def backups_dir(db_path: Path) -> Path:
    return db_path.with_name(db_path.stem + "-backups")


def pending_migrations(db: Database) -> list[str]:
    return upgrade.pending(db)


def applied_migrations(db: Database) -> list[str]:
    return upgrade.applied(db)


@dataclass
class Opened:
    """An open case file: the connection, the writer lock (None when read-only), why it is
    read-only (None when writable) and sentences to show the mediator once."""

    db: CaseDatabase
    lock: WriterLock | None
    readonly_reason: str | None = None
    notices: list[str] = field(default_factory=list)
    temp_dir: Path | None = None


def open_database(
    path: Path | str,
    *,
    readonly: bool = False,
    now: Clock = datetime.now,
    key: bytes | None = None,
) -> Opened:
    """Open (creating if needed) and upgrade a case file; take the writer lock unless
    read-only. A file in a read-only place opens read-only with ``readonly_reason``.
    ``key`` opens an encrypted file (protection.unlock gives it). ``":memory:"`` is for tests.

    Raises StoreError (not ours, damaged, newer release, upgrade failed, folder cannot be
    made), DatabaseLockedError (another writer)."""
    if str(path) == ":memory:":
        db = connect(":memory:")
        upgrade.apply_all(db)
        return Opened(db, None)
    db_path = Path(path)
    lock: WriterLock | None = None
    reason: str | None = None
    if not db_path.exists():
        if readonly:
            raise StoreError(
                f"找不到案件数据库 {db_path}。请检查路径，或先运行 wusong init 建立数据库。"
            )
        try:
            db_path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"不能在 {db_path.parent} 建立案件库文件夹（{exc.strerror}），请换一个位置。"
            ) from exc
        lock = WriterLock(db_path)
        lock.acquire()
        try:
            if not db_path.exists():
                create_case_file(db_path)
            lock.refresh()
        except BaseException:
            lock.release()
            raise
    if key is not None:
        _roll_back_encrypted_journal(db_path, key)
    header = (
        recognise(db_path, upgrade.schema_version())
        if key is None
        else recognise_encrypted(db_path, key, upgrade.schema_version())
    )
    if not readonly:
        reason = _why_readonly(db_path)
        readonly = reason is not None
    if readonly and lock is not None:
        lock.release()
        lock = None
    if not readonly and lock is None:
        lock = WriterLock(db_path)
        try:
            lock.acquire()
        except OSError as exc:
            lock, readonly, reason = None, True, _readonly_text(db_path, exc)
    try:
        return _open_recognised(db_path, header, lock, reason, now, key)
    except BaseException:
        if lock:
            lock.release()
        raise


def _open_recognised(
    db_path: Path,
    header: Header,
    lock: WriterLock | None,
    reason: str | None,
    now: Clock,
    key: bytes | None = None,
) -> Opened:
    writer = lock is not None
    notices: list[str] = []
    read_from, immutable, temp_dir = db_path, False, None
    # An encrypted file's journal pages cannot be read without the key, so the side-file
    # checks (which compare plaintext headers) are left to SQLCipher, which replays its own
    # hot journal as SQLite does.
    if key is None and (writer or not writer_active(db_path)):
        try:
            settled = settle(db_path, writer=writer, now=now())
        except OSError as exc:
            raise StoreError(
                f"{db_path.name} 上次没有正常关闭，检查它需要一些磁盘空间，"
                f"但磁盘写不进去（{exc.strerror}）；"
                "请腾出空间后再打开，文件没有改动。"
            ) from exc
        notices += settled.notices
        immutable = settled.ignore_side
        if settled.read_from is not None:
            read_from, temp_dir = settled.read_from, settled.temp_dir
    if writer:
        # As it is before this command writes (a Ctrl-C says what changed); the key reads it.
        ondisk.watch(db_path, key)
    try:
        db = connect(read_from, readonly=not writer, immutable=immutable, key=key)
    except sqlite3.DatabaseError as exc:
        raise translate(exc, db_path.name) from exc
    try:
        db.name = db_path.name
        db.readonly_reason = reason if not writer else None
        if not writer and reason is None:
            db.readonly_reason = "这是只读查看，不能修改；要修改请在窗口里打开案件库。"
        _confirm_ours(db, db_path, header)
        if writer:
            migrate(db, db_path, now())
        marked = damage_mark(db_path).exists()
        if marked or db_path.stat().st_size <= QUICK_CHECK_LIMIT:
            problems = _quick_check_at_open(db, read_from, writer or immutable, key)
            if problems:
                logger.info("quick_check %s: %s", db_path, problems[0])
                raise DamagedError(DAMAGED.format(name=db_path.name))
            if marked and writer:
                damage_mark(db_path).unlink(missing_ok=True)
    except BaseException as exc:
        # Close before the caller moves the file (a restore): Windows keeps open files in place.
        db.conn.close()
        if isinstance(exc, sqlite3.DatabaseError):
            raise translate(exc, db_path.name) from exc
        raise
    return Opened(db, lock, reason, notices, temp_dir)


def damage_mark(db_path: Path) -> Path:
    from desktop.core.store.health import damage_mark as mark

    return mark(db_path)


def _quick_check_at_open(
    db: CaseDatabase, read_from: Path, as_is: bool, key: bytes | None = None
) -> list[str]:
    """quick_check, through a read-write connection when the file allows one: SQLite skips
    CHECK constraints on a read-only connection, and a flipped byte often shows only there.
    Opening read-write and checking writes nothing. ``as_is``: the writer's own connection,
    or a file read alone beside a side file that must not be applied (check as opened)."""
    if as_is or not os.access(read_from, os.W_OK):
        return quick_problems(db)
    try:
        conn = raw_connect(read_from, mode="rw", key=key)
    except sqlite3.OperationalError:
        return quick_problems(db)
    try:
        conn.execute("PRAGMA busy_timeout = 10000")
        return [r[0] for r in conn.execute("PRAGMA quick_check").fetchall() if r[0] != "ok"]
    finally:
        conn.close()


def _roll_back_encrypted_journal(db_path: Path, key: bytes) -> None:
    """A hot journal beside an encrypted file (a writer killed mid-transaction) can only be
    rolled back by a read-write keyed connection (its pages are encrypted: the plaintext
    side-file checks cannot read them); a read-only one fails with "attempt to write a
    readonly database", which would tell the mediator the folder is read-only. So any open —
    a reader's too — rolls it back first, under the writer lock, when no writer lives."""
    journal = db_path.with_name(db_path.name + "-journal")
    try:
        if journal.stat().st_size == 0:
            return
    except OSError:
        return
    if writer_active(db_path):
        return  # the living writer's own transaction
    lock = WriterLock(db_path)
    try:
        lock.acquire()
    except (DatabaseLockedError, OSError):
        return  # a read-only place: the opening below says so
    try:
        conn = raw_connect(db_path, mode="rw", key=key)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        logger.info("rolling back the journal of %s: %s", db_path, exc)  # the open tells
    finally:
        lock.release()


def recognise_encrypted(db_path: Path, key: bytes, known_version: int) -> Header:
    """The header fields of an encrypted file, read through a keyed read-only connection,
    with the same refusals as :func:`recognise` (another program's file, a newer release).
    Raises StoreError; a wrong key is refused earlier, by protection.unlock."""
    try:
        conn = raw_connect(db_path, mode="ro", key=key)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise translate(exc, db_path.name) from exc
    if app_id not in (0, APPLICATION_ID):
        raise StoreError(foreign_message(db_path))
    if app_id == APPLICATION_ID and version > known_version:
        raise StoreError(newer_release_message(db_path, version, known_version))
    return Header(
        page_size=4096,
        change_counter=0,
        wal_mode=False,
        user_version=version,
        application_id=app_id,
    )


def _confirm_ours(db: CaseDatabase, db_path: Path, header: Header) -> None:
    """A file with application id 0 is ours only when it holds our migration records (files
    of the first releases); anything newer than this release is refused."""
    applied = upgrade.applied(db)
    if not applied and header.application_id == 0:
        has_tables = bool(db.table_names())
        raise StoreError(foreign_message(db_path) if has_tables else not_ours_message(db_path))
    if upgrade.unknown(db):
        raise StoreError(newer_release_message(db_path, len(applied), upgrade.schema_version()))


def _why_readonly(db_path: Path) -> str | None:
    """None when the file and its folder can be written; else the reason, in Chinese. Tried
    for real (opening, making a scratch file), because permission bits lie on read-only
    mounts and USB sticks with the write-protect switch on."""
    try:
        with open(db_path, "r+b"):
            pass
        fd, scratch = tempfile.mkstemp(prefix=".wusong-", suffix=".probe", dir=db_path.parent)
        os.close(fd)
        os.unlink(scratch)
    except OSError as exc:
        return _readonly_text(db_path, exc)
    return None


def _readonly_text(db_path: Path, exc: OSError) -> str:
    import errno

    if exc.errno == errno.ENOSPC:
        return f"磁盘已满，{db_path.name} 只能查看、不能修改；请腾出磁盘空间后重新打开。"
    return (
        f"{db_path.name} 或它所在的文件夹是只读的（例如光盘、写保护的U盘或没有写权限的文件夹），"
        "只能查看、不能修改；要修改请把案件库复制到可以写入的文件夹再打开。"
    )


def migrate(db: CaseDatabase, db_path: Path | None, now: datetime) -> Path | None:
    """Apply pending migrations; if the file already holds data, copy it aside first, once
    per version of the file (a failed or killed attempt does not add another copy). Returns
    the backup path, if one was taken now."""
    pending = upgrade.pending(db)
    if not pending:
        if db_path is not None and not upgrade.stamped(db):
            ondisk.upgrading(db_path)
            with db.atomic():
                upgrade.stamp(db)  # files of the first releases: recognise them from now on
            ondisk.upgraded(db_path)
        return None
    backup: Path | None = None
    if db_path is not None:
        ondisk.upgrading(db_path)
    if db.table_names() and db_path is not None:
        backup = _backup_before_upgrade(db, db_path, now)
    try:
        upgrade.apply_all(db)
        if db_path is not None:
            ondisk.upgraded(db_path)
    except sqlite3.Error as exc:
        name = db_path.name if db_path is not None else "案件库"
        found = translate(exc, name)
        if isinstance(found, DiskFullError):  # not a fault of the upgrade: say what to do
            raise found from exc
        logger.info("upgrade of %s failed: %s", name, exc)  # SQLite's English: the log
        raise StoreError(
            f"{name} 升级失败，文件保持升级前的样子"
            + (f"（升级前的备份在 {backup}）" if backup else "")
            + "。请把这段话告诉技术人员。"
        ) from exc
    return backup


def _backup_before_upgrade(db: CaseDatabase, db_path: Path, now: datetime) -> Path | None:
    from desktop.core.store.backups import vacuum_copy

    version = len(upgrade.applied(db))
    header = read_header(db_path)
    # Named by schema version and the header's change counter (bumped by every commit): a
    # second attempt on the same, unchanged file finds its copy and takes no other.
    mark = f"v{version}-c{header.change_counter if header else 0}"
    folder = backups_dir(db_path)
    earlier = list(folder.glob(f"{db_path.stem}-升级前-*.sqlite")) if folder.is_dir() else []
    if any(p.name.startswith(f"{db_path.stem}-升级前-{mark}-") for p in earlier):
        return None
    # An upgrade killed half-way has committed some migrations (a new version and counter)
    # but no case changed since its backup: that backup still holds everything.
    newest = newest_change(db)
    if earlier and newest is not None:
        taken = max(datetime.fromtimestamp(p.stat().st_mtime) for p in earlier)
        if taken >= newest:
            return None
    target = folder / f"{db_path.stem}-升级前-{mark}-{now:%Y%m%d-%H%M%S}.sqlite"
    target = vacuum_copy(db, target)
    ondisk.upgrade_backup(db_path, target)
    logger.info("backed up %s to %s before upgrading", db_path, target)
    return target
