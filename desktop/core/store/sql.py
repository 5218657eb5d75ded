"""Plain parameterised INSERT/UPDATE. sqlite-utils' table helpers re-read the table's columns
on every call, which dominated bulk writes; column names here come only from our own code."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlite_utils import Database

from desktop.core.errors import StoreError


def insert(db: Database, table: str, row: Mapping[str, Any]) -> int:
    """INSERT ``row`` (column -> value) into ``table``; returns the new row's id. The one
    insert helper of the project (the store's repositories and the exchange merge use it).

    Raises StoreError when no row was written (a trigger's RAISE(IGNORE), say): SQLite then
    still reports the id of the connection's previous insert, which would silently attach
    children to another row."""
    cols = list(row)
    sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
    cursor = db.execute(sql, [row[c] for c in cols])
    row_id = cursor.lastrowid
    if cursor.rowcount != 1 or not row_id:
        raise StoreError(f"数据没有写进 {table} 表，请关闭程序后重新打开再试。")
    return row_id


def update(db: Database, table: str, row_id: int, row: Mapping[str, Any]) -> None:
    if not row:
        return
    cols = list(row)
    sql = f"UPDATE {table} SET {', '.join(f'{c} = ?' for c in cols)} WHERE id = ?"
    db.execute(sql, [*(row[c] for c in cols), row_id])
