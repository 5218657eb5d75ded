"""Upgrades keep data: a database made by the first release (schema m0001) opens in this
version, is backed up before migrating, and every case reads, searches and edits as before."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from desktop.core.store import open_store
from desktop.core.store.database import applied_migrations, integrity_problems

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "wusong-schema-m0001.sqlite"


def test_first_release_database_upgrades_with_backup(tmp_path: Path) -> None:
    path = tmp_path / "wusong.sqlite"
    shutil.copy(FIXTURE, path)
    old = sqlite3.connect(path)
    before = old.execute("SELECT count(*) FROM cases").fetchone()[0]
    old.close()
    with open_store(path) as store:
        backups = list((tmp_path / "wusong-backups").glob("*.sqlite"))
        assert len(backups) == 1, "a copy must be taken before migrating"
        copy = sqlite3.connect(backups[0])
        assert copy.execute("SELECT name FROM _sqlite_migrations").fetchall() == [
            ("m0001_initial",)
        ]
        assert store.cases.count() == before == 10
        assert applied_migrations(store.db)[-1] != "m0001_initial"
        assert integrity_problems(store.db) == []
        first = store.cases.find_by_no("（2026）星调调字第3号")
        assert [p.name for p in store.cases.detail(first.id).parties] == ["张3", "李3"]
        assert {r.id for r in store.cases.search("李3")} == {first.id}
        store.cases.update(first.id, {"facts": "升级后补充的情况。"})
        assert {r.id for r in store.cases.search("升级后")} == {first.id}
        assert store.settings.committee().name == "星光村人民调解委员会"
    with open_store(path) as again:  # the second open needs no migration and no new backup
        assert len(list((tmp_path / "wusong-backups").glob("*.sqlite"))) == 1
        assert again.cases.count() == 10
