"""Plain parameterised INSERT/UPDATE. sqlite-utils' table helpers re-read the table's columns
on every call, which dominated bulk writes; column names here come only from our own code."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlite_utils import Database


def insert(db: Database, table: str, row: Mapping[str, Any]) -> int:
    cols = list(row)
    sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
    cursor = db.execute(sql, [row[c] for c in cols])
    return int(cursor.lastrowid or 0)


def update(db: Database, table: str, row_id: int, row: Mapping[str, Any]) -> None:
    if not row:
        return
    cols = list(row)
    sql = f"UPDATE {table} SET {', '.join(f'{c} = ?' for c in cols)} WHERE id = ?"
    db.execute(sql, [*(row[c] for c in cols), row_id])
