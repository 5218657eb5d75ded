"""The one function that makes an SQLite connection to a case file (or a copy of one), so the
pragmas, URI escaping and (with issue 12) the committee key are applied in one place."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop.core.store.cipher import CipherConnection, cipher_connect
from desktop.core.store.fileid import sqlite_uri


def raw_connect(
    path: Path | str, *, mode: str = "rwc", immutable: bool = False, key: bytes | None = None
) -> sqlite3.Connection | CipherConnection:
    """An autocommit connection (``isolation_level=None``: the driver opens no hidden
    transactions). ``mode`` is SQLite's URI mode: ``ro``, ``rw`` or ``rwc`` (create);
    ``immutable`` reads the file alone, ignoring any ``-wal``/``-journal`` beside it.
    ``key`` (the committee's database key) opens the file through SQLCipher, encrypted at rest,
    its errors raised as the standard ``sqlite3`` classes (cipher.py).
    ``":memory:"`` gives an in-memory database (tests, ``wusong schema``)."""
    if key is not None:
        params = {"mode": mode, **({"immutable": "1"} if immutable else {})}
        return cipher_connect(sqlite_uri(Path(path), **params), key, uri=True)
    if str(path) == ":memory:":
        return sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    params = {"mode": mode}
    if immutable:
        params["immutable"] = "1"
    return sqlite3.connect(
        sqlite_uri(Path(path), **params), uri=True, isolation_level=None, check_same_thread=False
    )
