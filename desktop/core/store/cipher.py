"""An SQLCipher connection that behaves like the standard library's.

``sqlcipher3`` raises its own exception classes (``sqlcipher3.dbapi2.IntegrityError`` is not a
``sqlite3.IntegrityError``), so every ``except sqlite3.…`` in the project and in sqlite-utils
(its ``query()`` and ``atomic()`` rely on ``sqlite3.OperationalError``) would miss them on an
encrypted file. This wrapper translates each error into the ``sqlite3`` class of the same name
at the one place connections are made; the project's code stays written against ``sqlite3``.
"""

from __future__ import annotations

import inspect
import sqlite3
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from sqlcipher3 import dbapi2 as sc

from desktop.core.store.keyfile import sqlcipher_key

T = TypeVar("T")

# Most specific first: IntegrityError is also a DatabaseError.
_ERRORS: tuple[tuple[type[BaseException], type[sqlite3.Error]], ...] = (
    (sc.IntegrityError, sqlite3.IntegrityError),
    (sc.OperationalError, sqlite3.OperationalError),
    (sc.ProgrammingError, sqlite3.ProgrammingError),
    (sc.NotSupportedError, sqlite3.NotSupportedError),
    (sc.DataError, sqlite3.DataError),
    (sc.InternalError, sqlite3.InternalError),
    (sc.DatabaseError, sqlite3.DatabaseError),
    (sc.InterfaceError, sqlite3.InterfaceError),
    (sc.Error, sqlite3.Error),
)


def translate(exc: BaseException) -> BaseException:
    for theirs, ours in _ERRORS:
        if isinstance(exc, theirs):
            new = ours(*exc.args)
            for attr in ("sqlite_errorcode", "sqlite_errorname"):
                if hasattr(exc, attr):
                    setattr(new, attr, getattr(exc, attr))
            return new
    return exc


def _call(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    try:
        return fn(*args, **kwargs)
    except sc.Error as exc:
        raise translate(exc) from exc


def _attribute(obj: Any, name: str) -> Any:
    """An attribute of a driver object, whatever is not wrapped by name: read, and (a method)
    called, with sqlcipher3's errors raised as sqlite3's — ``in_transaction`` of a closed
    connection (read by sqlite-utils' execute in Store.close after a Ctrl-C while a password
    was removed, after the swap closed the connection) ended the command as an unexpected error
    because it escaped ``except sqlite3.Error``."""
    value = _call(getattr, obj, name)
    # The driver's connection and cursor objects are wrapped too (``cursor.connection``); a
    # connection object is itself callable, so only routines are called through _call.
    if isinstance(value, sc.Connection):
        return CipherConnection(value)
    if isinstance(value, sc.Cursor):
        return CipherCursor(value)
    if not inspect.isroutine(value):
        return value

    def translated(*args: Any, **kwargs: Any) -> Any:
        return _call(value, *args, **kwargs)

    return translated


class CipherCursor:
    """A cursor whose execute, fetch and iteration raise ``sqlite3`` errors."""

    def __init__(self, cursor: Any) -> None:
        object.__setattr__(self, "_cur", cursor)

    def execute(self, sql: str, parameters: Any = ()) -> CipherCursor:
        _call(self._cur.execute, sql, parameters)
        return self

    def executemany(self, sql: str, seq: Any) -> CipherCursor:
        _call(self._cur.executemany, sql, seq)
        return self

    def executescript(self, script: str) -> CipherCursor:
        _call(self._cur.executescript, script)
        return self

    def fetchone(self) -> Any:
        return _call(self._cur.fetchone)

    def fetchmany(self, size: int | None = None) -> list[Any]:
        return _call(self._cur.fetchmany, size) if size is not None else _call(self._cur.fetchmany)

    def fetchall(self) -> list[Any]:
        return _call(self._cur.fetchall)

    def __iter__(self) -> Iterator[Any]:
        return self

    def __next__(self) -> Any:
        return _call(next, self._cur)

    def __getattr__(self, name: str) -> Any:
        return _attribute(self._cur, name)

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self._cur, name, value)


class CipherConnection:
    """Wraps ``sqlcipher3.dbapi2.Connection`` (``raw``) for sqlite-utils and the project."""

    def __init__(self, raw: Any) -> None:
        object.__setattr__(self, "raw", raw)

    def execute(self, sql: str, parameters: Any = ()) -> CipherCursor:
        return CipherCursor(_call(self.raw.execute, sql, parameters))

    def executemany(self, sql: str, seq: Any) -> CipherCursor:
        return CipherCursor(_call(self.raw.executemany, sql, seq))

    def executescript(self, script: str) -> CipherCursor:
        return CipherCursor(_call(self.raw.executescript, script))

    def cursor(self, *args: Any) -> CipherCursor:
        return CipherCursor(_call(self.raw.cursor, *args))

    def commit(self) -> None:
        _call(self.raw.commit)

    def rollback(self) -> None:
        _call(self.raw.rollback)

    def close(self) -> None:
        _call(self.raw.close)

    def backup(self, target: Any, **kwargs: Any) -> None:
        """Only into another encrypted connection with the same key (SQLCipher's rule)."""
        dest = target.raw if isinstance(target, CipherConnection) else target
        _call(self.raw.backup, dest, **kwargs)

    def __enter__(self) -> CipherConnection:
        _call(self.raw.__enter__)
        return self

    def __exit__(self, *exc: object) -> Any:
        return _call(self.raw.__exit__, *exc)

    def __getattr__(self, name: str) -> Any:
        return _attribute(self.raw, name)

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self.raw, name, value)


def cipher_connect(target: str, db_key: bytes | None, *, uri: bool = False) -> CipherConnection:
    """An autocommit SQLCipher connection. With ``db_key`` the file is read and written
    encrypted (raw 256-bit key, SQLCipher 4 settings pinned so a later SQLCipher opens it);
    without it, a plain SQLite file is opened by the same driver (used by the conversions).
    The key is checked by reading the schema: a wrong key raises ``sqlite3.DatabaseError``
    (“file is not a database”)."""
    raw = _call(sc.connect, target, uri=uri, isolation_level=None, check_same_thread=False)
    conn = CipherConnection(raw)
    try:
        # A wrong key is our refusal to word, not SQLCipher's log lines on stderr.
        conn.execute("PRAGMA cipher_log_level = NONE")
        if db_key is not None:
            conn.execute(f"PRAGMA key = {sqlcipher_key(db_key)}")
            conn.execute("PRAGMA cipher_compatibility = 4")
        # Sorting spills and temp tables stay in memory, never in a plaintext temp file.
        conn.execute("PRAGMA temp_store = MEMORY")
        # Every page read from the OS cache is decrypted again; a 64 MB page cache keeps the
        # pages of searches and open cases decrypted (bench/bench_password.py: medians).
        conn.execute("PRAGMA cache_size = -65536")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except BaseException:
        raw.close()
        raise
    return conn
