"""The one insert helper returns the id of the row it wrote, or refuses: an insert that writes
nothing (here a trigger's RAISE(IGNORE)) must not hand back the previous row's id."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from desktop.core.errors import StoreError
from desktop.core.store import sql


def _db() -> Database:
    db = Database(memory=True)
    db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER NOT NULL)")
    db.execute(
        "CREATE TRIGGER skip_negative BEFORE INSERT ON t WHEN NEW.a < 0"
        " BEGIN SELECT RAISE(IGNORE); END"
    )
    return db


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=-5, max_value=5), min_size=1, max_size=12))
def test_insert_returns_the_written_rows_id_or_refuses(values: list[int]) -> None:
    db = _db()
    for value in values:
        if value < 0:
            with pytest.raises(StoreError, match="没有写进 t 表"):
                sql.insert(db, "t", {"a": value})
        else:
            row_id = sql.insert(db, "t", {"a": value})
            assert db.execute("SELECT a FROM t WHERE id = ?", [row_id]).fetchone() == (value,)
    assert db.execute("SELECT count(*) FROM t").fetchone() == (sum(v >= 0 for v in values),)
