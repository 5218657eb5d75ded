"""Issue 9, kinds "wrong file accepted", "copy of the file incomplete", "a journal that does not
belong": a case file is recognised by its application id and schema version; anything else is
refused in Chinese and left byte-identical; `check` never writes; the file alone holds every
committed case; a -wal or -journal that does not belong is never applied."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest
from builders import applicant, intake, respondent
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.errors import DamagedError, StoreError
from desktop.core.store import Store, open_store
from desktop.core.store.fileid import APPLICATION_ID
from desktop.core.store.upgrade import schema_version

ROOT = Path(__file__).resolve().parents[2]
M0001 = ROOT / "tests" / "data" / "wusong-schema-m0001.sqlite"


def cli(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop.cli", "--db", str(db), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _foreign(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO photos (name) VALUES ('x')")
    conn.commit()
    conn.close()


def test_a_new_file_carries_our_application_id_and_schema_version(
    store: Store, db_path: Path
) -> None:
    assert store.db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == schema_version()
    store.close()  # nothing but the file, its lock and its folders is left beside it
    assert sorted(p.name for p in db_path.parent.iterdir()) == [
        "committee.sqlite",
        "committee.sqlite.lock",
    ]


def test_a_first_release_file_is_upgraded_and_stamped(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    shutil.copy(M0001, path)
    with open_store(path) as s:
        assert s.cases.count() == 10
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert raw.execute("PRAGMA user_version").fetchone()[0] == schema_version()


NOT_OURS = {
    "foreign": (_foreign, StoreError, "别的软件"),
    "empty": (lambda p: p.write_bytes(b""), DamagedError, "空文件"),
    "text": (lambda p: p.write_bytes("案件清单\n张三\n".encode() * 50), DamagedError, "不是"),
    "no-tables": (
        lambda p: sqlite3.connect(p).execute("PRAGMA user_version=0"),
        StoreError,
        "没有案件库",
    ),
}


@pytest.mark.parametrize("kind", sorted(NOT_OURS))
@pytest.mark.parametrize("readonly", [False, True])
def test_files_not_ours_are_refused_and_left_byte_identical(
    tmp_path: Path, kind: str, readonly: bool
) -> None:
    make, error, words = NOT_OURS[kind]
    path = tmp_path / "x.sqlite"
    make(path)
    if not path.exists():
        path.write_bytes(b"")
    before = path.read_bytes()
    with pytest.raises(error, match=words):
        open_store(path, readonly=readonly)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(".lock")) == [
        "x.sqlite"
    ]


def test_every_cli_command_refuses_a_foreign_file_in_one_sentence(tmp_path: Path) -> None:
    path = tmp_path / "photos.sqlite"
    _foreign(path)
    before = path.read_bytes()
    for args in (["check"], ["case", "list"], ["backup"], ["demo", "--cases", "2"]):
        proc = cli(path, *args)
        assert proc.returncode == 1, (args, proc.stdout)
        assert "Traceback" not in proc.stderr and "别的软件" in proc.stderr, (args, proc.stderr)
        assert len(proc.stderr.strip().splitlines()) == 1
    assert path.read_bytes() == before


def test_a_file_of_a_newer_release_is_refused(tmp_path: Path, store: Store, db_path: Path) -> None:
    store.close()
    raw = sqlite3.connect(db_path)
    raw.execute(f"PRAGMA user_version = {schema_version() + 1}")
    raw.commit()
    raw.close()
    before = db_path.read_bytes()
    with pytest.raises(StoreError, match="更新版本"):
        open_store(db_path)
    proc = cli(db_path, "check")
    assert proc.returncode == 1 and "更新版本" in proc.stderr and "Traceback" not in proc.stderr
    assert db_path.read_bytes() == before


def test_check_never_writes_and_a_copy_taken_with_the_window_open_is_complete(
    store: Store, db_path: Path, tmp_path: Path
) -> None:
    for _ in range(3):
        store.cases.create(intake(), [applicant(), respondent()])
    # The window is still open (store not closed): copy the file alone, as the README says.
    copy = tmp_path / "U盘" / "copy.sqlite"
    copy.parent.mkdir()
    shutil.copyfile(db_path, copy)
    before = copy.read_bytes()
    proc = cli(copy, "check")
    assert proc.returncode == 0, proc.stderr
    assert "案件数：3" in proc.stdout and "完好" in proc.stdout
    assert copy.read_bytes() == before
    assert sorted(p.name for p in copy.parent.iterdir()) == ["copy.sqlite"]


def test_check_on_a_first_release_file_reports_pending_upgrades_without_applying(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.sqlite"
    shutil.copy(M0001, path)
    before = path.read_bytes()
    proc = cli(path, "check")
    assert proc.returncode == 0 and "待应用" in proc.stdout, proc.stderr
    assert path.read_bytes() == before
    assert not (tmp_path / "old-backups").exists()


def _other_committee_wal(tmp_path: Path) -> bytes:
    """The -wal of another committee's file, as the first release left it after a crash."""
    other = tmp_path / "other" / "other.sqlite"
    other.parent.mkdir()
    with open_store(other) as s:
        s.settings.save_committee(name="隔壁村调委会", level=2, region="", abbr="隔调")
    code = textwrap.dedent(f"""
        import os, sqlite3
        c = sqlite3.connect({str(other)!r}, isolation_level=None)
        c.execute("PRAGMA journal_mode=WAL"); c.execute("PRAGMA wal_autocheckpoint=0")
        c.execute("UPDATE settings SET value='\\"另一个\\"' WHERE key='committee_id'")
        c.execute("DELETE FROM settings WHERE key='name'")
        os._exit(9)
    """)
    subprocess.run([sys.executable, "-c", code], check=False, timeout=60)
    return (other.with_name("other.sqlite-wal")).read_bytes()


@pytest.mark.parametrize("readonly", [False, True])
def test_a_foreign_wal_is_set_aside_never_applied(
    tmp_path: Path, store: Store, db_path: Path, readonly: bool
) -> None:
    store.cases.create(intake(), [applicant(), respondent()])
    store.close()
    wal = _other_committee_wal(tmp_path)
    assert wal
    db_path.with_name(db_path.name + "-wal").write_bytes(wal)
    with open_store(db_path, readonly=readonly) as s:
        assert s.settings.committee().name == "星光村人民调解委员会"
        assert s.cases.count() == 1
        assert any("不属于" in n for n in s.notices)
    proc = cli(db_path, "check")
    assert proc.returncode == 0 and "案件数：1" in proc.stdout, proc.stderr
    if not readonly:
        assert not db_path.with_name(db_path.name + "-wal").exists()
        assert list(tmp_path.glob("committee.sqlite-wal.不属于本库-*"))


def test_a_crashed_writers_journal_is_rolled_back_and_a_foreign_one_set_aside(
    tmp_path: Path, store: Store, db_path: Path
) -> None:
    store.cases.create(intake(), [applicant(), respondent()])
    backup = store.backup()
    store.cases.create(intake(), [applicant(), respondent()])
    store.close()
    # Kill a writer half-way through a big transaction: its hot journal stays beside the file.
    code = textwrap.dedent(f"""
        import os, sqlite3
        c = sqlite3.connect({str(db_path)!r}, isolation_level=None)
        c.execute("PRAGMA cache_size=2"); c.execute("BEGIN")
        for i in range(3000):
            c.execute("INSERT INTO audit_log (at, actor, entity, action, detail)"
                      " VALUES ('2026-01-01', 'x', 'e', 'a', hex(randomblob(300)))")
        os._exit(9)
    """)
    subprocess.run([sys.executable, "-c", code], check=False, timeout=60)
    journal = db_path.with_name(db_path.name + "-journal")
    assert journal.exists() and journal.stat().st_size > 0
    saved = journal.read_bytes()
    # Read-only commands read a recovered copy and change nothing.
    before = db_path.read_bytes()
    proc = cli(db_path, "check")
    assert proc.returncode == 0 and "案件数：2" in proc.stdout, proc.stderr
    assert db_path.read_bytes() == before and journal.read_bytes() == saved
    # The writer lets SQLite roll its own journal back.
    with open_store(db_path) as s:
        assert s.cases.count() == 2 and s.notices == []
    assert not journal.exists()
    # The crashed run's journal beside an older backup put back by hand: set aside.
    shutil.copyfile(backup, db_path)
    journal.write_bytes(saved)
    with open_store(db_path) as s:
        assert s.cases.count() == 1
        assert any("不属于" in n for n in s.notices)
    assert list(tmp_path.glob("committee.sqlite-journal.不属于本库-*"))


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(junk=st.binary(min_size=1, max_size=3000))
def test_junk_beside_the_file_is_never_applied(tmp_path: Path, junk: bytes) -> None:
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    path = folder / "c.sqlite"
    with open_store(path) as s:
        s.settings.save_committee(name="星光村人民调解委员会", level=2, region="", abbr="星调")
        s.settings.add_mediator("王调解")
        s.cases.create(intake(), [applicant(), respondent()])
    for suffix in ("-wal", "-journal"):
        side = folder / f"c.sqlite{suffix}"
        side.write_bytes(junk)
        with open_store(path, readonly=True) as s:
            assert s.cases.count() == 1
        with open_store(path) as s:
            assert s.cases.count() == 1
        for stray in folder.glob("c.sqlite*不属于*"):
            stray.unlink()
        side.unlink(missing_ok=True)


def test_a_journal_without_page_one_is_tried_on_a_copy_and_applied(
    store: Store, db_path: Path
) -> None:
    """A big in-place update spills pages to the file before page 1 is journaled: the journal
    is ours although it carries no page 1, and must be rolled back, not set aside."""
    from desktop.core.store.sidefiles import _journal_page1, hot_journal

    with store.bulk():
        for _ in range(120):
            store.cases.create(intake(facts="甲" * 400), [applicant(), respondent()])
    store.close()
    code = textwrap.dedent(f"""
        import os, sqlite3
        c = sqlite3.connect({str(db_path)!r}, isolation_level=None)
        c.execute("PRAGMA cache_size=2"); c.execute("BEGIN")
        c.execute("UPDATE cases SET facts = replace(facts, '甲', '乙')")
        os._exit(9)
    """)
    subprocess.run([sys.executable, "-c", code], check=False, timeout=60)
    journal = hot_journal(db_path)
    assert journal is not None
    assert _journal_page1(journal) is None  # the case this test is about
    with open_store(db_path) as s:
        assert s.cases.count() == 120 and s.notices == []
        assert s.db.execute("SELECT count(*) FROM cases WHERE facts LIKE '乙%'").fetchone() == (0,)
        assert s.db.execute("PRAGMA quick_check").fetchone() == ("ok",)
