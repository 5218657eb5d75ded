"""Restoring a damaged database from a backup: the damaged file is kept aside, the backup's
cases come back, and a bad backup is refused before anything is touched."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from builders import applicant, intake, respondent

from desktop.core.errors import StoreError
from desktop.core.restore import find_backups, restore_from
from desktop.core.store import Store, open_store


def test_restore_brings_the_cases_back_and_keeps_the_damaged_file(
    store: Store, db_path: Path
) -> None:
    store.cases.create(intake(), [applicant(), respondent()])
    backup = store.backup()
    store.close()
    damaged = b"SQLite format 3\x00" + b"\xff" * 4000
    db_path.write_bytes(damaged)
    with pytest.raises(StoreError):
        open_store(db_path)
    assert find_backups(db_path) == [backup]
    aside = restore_from(db_path, backup, now=datetime(2026, 3, 3, 8, 0))
    assert aside.read_bytes() == damaged and "损坏" in aside.name
    restored = open_store(db_path)
    try:
        assert restored.cases.count() == 1
    finally:
        restored.close()


def test_a_bad_backup_is_refused_and_nothing_moves(tmp_path: Path) -> None:
    db_path = tmp_path / "committee.sqlite"
    db_path.write_bytes(b"damaged" * 100)
    not_ours = tmp_path / "other.sqlite"
    import sqlite3

    conn = sqlite3.connect(not_ours)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"not a database at all" * 50)
    for bad, words in ((not_ours, "不是本程序"), (garbage, "打不开")):
        with pytest.raises(StoreError, match=words):
            restore_from(db_path, bad)
    assert db_path.read_bytes() == b"damaged" * 100
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "committee.sqlite",
        "garbage.sqlite",
        "other.sqlite",
    ]
    assert find_backups(db_path) == []
