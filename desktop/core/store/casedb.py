"""The connection to an open case file: ``connect`` (every case-file connection the store
uses), ``CaseDatabase`` (whose writes refuse in read-only mode and whose SQLite errors become
one Chinese sentence naming the file, ``translate``) and the integrity checks."""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from sqlite_utils import Database

from desktop.core.errors import DamagedError, StoreError
from desktop.core.store.connection import raw_connect

logger = logging.getLogger("desktop.core.store.database")  # the name the log has always had


DAMAGED = (
    "{name} 已经损坏，里面的案件不能可靠读取。"
    "请从备份恢复（打开窗口时会提供恢复按钮），或把文件交给技术人员检查。"
)
DISK_FULL = (
    "磁盘已满，{name} 里刚才的修改没有保存（之前保存的内容都还在）。"
    "请删除一些不要的文件或换一个有空间的磁盘后再试。"
)


class DiskFullError(StoreError):
    """SQLite could not write for want of disk space (the sentence names the file)."""


class CaseDatabase(Database):
    """sqlite-utils' Database whose ``atomic()`` refuses writes in read-only mode with the
    reason, and turns SQLite's disk-full, read-only, busy and damage errors into one Chinese
    sentence (StoreError), after rolling the transaction back."""

    readonly_reason: str | None = None
    name: str = "案件库"

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Database]:
        outermost = not self.conn.in_transaction
        if self.readonly_reason and outermost:
            raise StoreError(self.readonly_reason)
        try:
            with super().atomic():
                yield self
        except sqlite3.IntegrityError:
            raise
        except sqlite3.DatabaseError as exc:
            raise translate(exc, self.name) from exc


def translate(exc: sqlite3.Error, name: str = "案件库") -> StoreError:
    """One Chinese sentence for an SQLite error the mediator can meet."""
    text = str(exc).lower()
    code = getattr(exc, "sqlite_errorname", "") or ""
    if "full" in text or code.startswith("SQLITE_FULL"):
        return DiskFullError(DISK_FULL.format(name=name))
    if "readonly" in text or "read-only" in text or code.startswith("SQLITE_READONLY"):
        return StoreError(
            f"{name} 所在的位置是只读的，不能保存修改；请把案件库复制到可以写入的文件夹再打开。"
        )
    if "locked" in text or "busy" in text:
        return StoreError(f"另一个程序正在读取 {name}（例如正在备份），请等几秒钟再保存一次。")
    if "i/o" in text or "unable to open" in text:
        logger.info("i/o error on %s: %s", name, exc)  # SQLite's words are English: the log
        return StoreError(
            f"读写 {name} 时出错，可能是U盘被拔出或磁盘故障；"
            "请检查磁盘后再试，已保存的内容不受影响。"
        )
    # SQLite's own words are English: they go to the log, the mediator gets one Chinese sentence.
    logger.info("damaged %s: %s", name, exc)
    return DamagedError(DAMAGED.format(name=name))


def as_store_error(exc: BaseException, name: str) -> StoreError | None:
    """The StoreError (one sentence naming the file ``name``) an SQLite error stands for, or
    None when ``exc`` is not SQLite's — for seams outside the core that must not import
    sqlite3 (the window's last-resort hook)."""
    return translate(exc, name) if isinstance(exc, sqlite3.Error) else None


def connect(
    path: Path | str,
    *,
    readonly: bool = False,
    immutable: bool = False,
    key: bytes | None = None,
) -> CaseDatabase:
    """A Database in autocommit mode: every write goes through an explicit ``db.atomic()``
    block, so the driver never opens hidden transactions. ``key`` opens an encrypted file
    (issue 12: see keyfile.py and cipher.py)."""
    memory = str(path) == ":memory:"
    conn = raw_connect(path, mode="ro" if readonly else "rwc", immutable=immutable, key=key)
    db = CaseDatabase(conn, execute_plugins=False)  # type: ignore[arg-type]
    if not memory:
        db.name = Path(path).name
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA busy_timeout = 10000")
    if not readonly and not memory:
        db.execute("PRAGMA journal_mode = TRUNCATE")
    db.execute("PRAGMA synchronous = FULL")
    return db


def quick_problems(db: Database) -> list[str]:
    """``PRAGMA quick_check`` (structure of every page, without index contents)."""
    return [r[0] for r in db.execute("PRAGMA quick_check").fetchall() if r[0] != "ok"]


def integrity_problems(db: Database) -> list[str]:
    """``PRAGMA integrity_check`` and foreign keys, plus the search indexes' own checks."""
    problems = [r[0] for r in db.execute("PRAGMA integrity_check").fetchall() if r[0] != "ok"]
    for row in db.execute("PRAGMA foreign_key_check").fetchall():
        problems.append(f"表 {row[0]} 第 {row[1]} 行引用了不存在的 {row[2]}")
    try:
        db.execute("INSERT INTO case_fts(case_fts) VALUES('integrity-check')")
    except sqlite3.DatabaseError as exc:
        if "readonly" not in str(exc):
            logger.info("fts integrity-check: %s", exc)
            problems.append("全文索引损坏（检索可能找不全），请从备份恢复或请技术人员重建索引")
    return problems
