"""The database file: pragmas, migrations with backup, the writer lock, the audit log,
attachments and atomic writes."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from builders import FixedClock, applicant, intake, respondent

from db import migrations
from desktop.core.errors import DatabaseLockedError, StoreError
from desktop.core.fsutil import atomic_write
from desktop.core.store import Store, open_store
from desktop.core.store.audit import history
from desktop.core.store.database import applied_migrations, connect, integrity_problems
from desktop.core.store.upgrade import apply_all

ROOT = Path(__file__).resolve().parents[2]


def test_pragmas_are_safe(store: Store) -> None:
    # Rollback journal, not WAL: the file alone holds every committed case (issue 9).
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "truncate"
    assert store.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_schema_snapshot_matches_migrations(tmp_path: Path) -> None:
    """db/schema.sql is what the migrations build; regenerate it with `wusong schema`."""
    from desktop.core.store.schema import dump_schema

    db = connect(tmp_path / "fresh.sqlite")
    apply_all(db)
    assert dump_schema(db) == (ROOT / "db" / "schema.sql").read_text(encoding="utf-8")


def test_every_migration_upgrades_from_each_earlier_version(tmp_path: Path) -> None:
    names = [m.name for m in migrations._migrations]
    for i, name in enumerate(names[1:], start=1):  # every file ever released holds m0001
        path = tmp_path / f"v{i}.sqlite"
        db = connect(path)
        apply_all(db, stop_before=name)
        db.conn.close()
        with open_store(path) as s:
            assert applied_migrations(s.db) == names
            assert integrity_problems(s.db) == []


def test_backup_is_taken_before_migrating_existing_data(tmp_path: Path, clock: FixedClock) -> None:
    import shutil

    path = tmp_path / "old.sqlite"
    shutil.copy(ROOT / "tests" / "data" / "wusong-schema-m0001.sqlite", path)
    with open_store(path, now=clock):
        pass
    backups = list((tmp_path / "old-backups").glob("*.sqlite"))
    assert len(backups) == 1 and "升级前" in backups[0].name
    copy = sqlite3.connect(backups[0])
    assert copy.execute("SELECT count(*) FROM cases").fetchone() == (10,)
    assert copy.execute("SELECT name FROM _sqlite_migrations").fetchall() == [("m0001_initial",)]


def test_damaged_file_is_refused_with_advice(tmp_path: Path) -> None:
    path = tmp_path / "broken.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="从备份恢复"):
        open_store(path)


def test_second_writer_in_another_process_is_refused(db_path: Path, store: Store) -> None:
    code = textwrap.dedent(f"""
        import sys
        from desktop.core.store import open_store
        from desktop.core.errors import DatabaseLockedError
        try:
            open_store({str(db_path)!r})
        except DatabaseLockedError as exc:
            print(exc.message)
            sys.exit(3)
    """)
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 3, proc.stderr
    assert "正被另一个程序使用" in proc.stdout and "请先关闭" in proc.stdout
    # Reading stays possible while the window has the file open.
    with open_store(db_path, readonly=True) as reader:
        assert reader.settings.committee().name == "星光村人民调解委员会"


def test_lock_is_released_on_close(db_path: Path, store: Store) -> None:
    with pytest.raises(DatabaseLockedError):
        open_store(db_path)
    store.close()
    with open_store(db_path) as again:
        assert again.settings.initialised


def test_audit_log_written_with_each_change_and_append_only(store: Store) -> None:
    case = store.cases.create(intake(), [applicant(), respondent()])
    store.cases.update(case.id, {"facts": "补充：围墙高两米。"})
    entries = history(store.db, case.id)
    assert [e.action for e in entries] == ["create", "create", "create", "update"]
    assert entries[-1].detail["facts"][1] == "补充：围墙高两米。"
    assert entries[-1].actor == "王调解"
    with pytest.raises(sqlite3.IntegrityError, match="只能追加"):
        store.db.execute("UPDATE audit_log SET actor = 'x'")
    with pytest.raises(sqlite3.IntegrityError, match="只能追加"):
        store.db.execute("DELETE FROM audit_log")


def test_failed_write_leaves_no_trace(store: Store) -> None:
    case = store.cases.create(intake())
    before = store.db.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    # Any failure must roll everything back.
    with pytest.raises(Exception), store.db.atomic():  # noqa: B017
        store.db.execute("UPDATE cases SET facts = 'x' WHERE id = ?", [case.id])
        store.db.execute("INSERT INTO parties (case_id) VALUES (?)", [case.id])
    assert store.cases.get(case.id).facts == intake()["facts"]
    assert store.db.execute("SELECT count(*) FROM audit_log").fetchone()[0] == before


def test_attachment_copied_with_hash(store: Store, tmp_path: Path) -> None:
    case = store.cases.create(intake())
    photo = tmp_path / "现场 照片.jpg"
    photo.write_bytes(b"\xff\xd8fake-jpeg-bytes")
    att = store.files.add_attachment(case.id, photo, "围墙现场")
    stored = store.files.attachment_path(att)
    assert stored.read_bytes() == photo.read_bytes() and stored != photo
    import hashlib

    assert att.sha256 == hashlib.sha256(photo.read_bytes()).hexdigest()
    assert history(store.db, case.id)[-1].action == "attach"


def test_atomic_write_leaves_nothing_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "协议书.pdf"

    def explode(fh: object) -> None:
        fh.write(b"%PDF-half")  # type: ignore[attr-defined]
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        atomic_write(target, explode)
    assert list(tmp_path.iterdir()) == []


def test_settings_round_trip_and_refusals(store: Store) -> None:
    s = store.settings.committee()
    assert s.level == 2 and s.committee_id
    with pytest.raises(Exception, match="占位符"):
        store.settings.save_committee(case_no_format="（{year}）{name}号")
    store.settings.save_committee(extra_categories=("21", "23"))
    assert store.settings.committee().extra_categories == ("21", "23")
    stored = dict(store.db.execute("SELECT key, value FROM settings").fetchall())
    assert json.loads(stored["name"]) == "星光村人民调解委员会"
