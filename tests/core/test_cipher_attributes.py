"""Whatever is read or called on an encrypted file's connection or cursor beyond the methods
it wraps by name raises sqlite3's error, as those do (kind: sqlcipher3's own exception
escaping every ``except sqlite3.…`` — ``in_transaction`` of
a closed connection, read by sqlite-utils' execute in Store.close after a Ctrl-C while a
password was removed, ended the command as 程序遇到了意外情况)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from desktop.core.store.cipher import cipher_connect


def test_an_attribute_of_a_closed_encrypted_connection_raises_sqlite3s_error(
    tmp_path: Path,
) -> None:
    conn = cipher_connect(str(tmp_path / "e.sqlite"), os.urandom(32))
    conn.execute("CREATE TABLE t (x)")
    assert conn.in_transaction is False
    conn.close()
    with pytest.raises(sqlite3.ProgrammingError):
        _ = conn.in_transaction


def test_every_attribute_and_method_not_wrapped_raises_sqlite3s_error(tmp_path: Path) -> None:
    conn = cipher_connect(str(tmp_path / "e.sqlite"), os.urandom(32))
    cur = conn.execute("CREATE TABLE t (x)")
    conn.close()
    with pytest.raises(sqlite3.ProgrammingError):
        conn.total_changes  # noqa: B018
    with pytest.raises(sqlite3.ProgrammingError):
        conn.create_function("one", 0, lambda: 1)  # not wrapped by name: via __getattr__
    with pytest.raises(sqlite3.ProgrammingError):
        cur.close()
        cur.fetchone()
    # A method that works still works, with its result.
    live = cipher_connect(str(tmp_path / "f.sqlite"), os.urandom(32))
    assert live.total_changes == 0
    live.close()


def test_driver_objects_returned_are_wrapped_too(tmp_path: Path) -> None:
    """``cursor.connection`` is the driver's connection: it came back as a plain function (a
    connection is callable) and, once wrapped, its errors must be sqlite3's as well."""
    conn = cipher_connect(str(tmp_path / "e.sqlite"), os.urandom(32))
    for cur in (conn.execute("SELECT 1"), conn.cursor()):
        assert cur.connection.execute("SELECT 2").fetchone() == (2,)
    made = conn.cursor()
    conn.close()
    with pytest.raises(sqlite3.ProgrammingError):
        made.execute("SELECT 1")
    with pytest.raises(sqlite3.ProgrammingError):
        made.connection.cursor()
    with pytest.raises(sqlite3.ProgrammingError):
        made.connection.execute("SELECT 1")
