"""Issue 9, kinds "damage not noticed", "healthy file called damaged" and "an upgrade that
strands the file": flipped bytes are found at open and by the background check, every CLI
command answers one Chinese sentence (never a traceback); a read-only folder opens read-only
with the reason and a full disk says so, keeping what was committed; an upgrade killed at any
point finishes at the next open and never adds another backup."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from datetime import datetime
from pathlib import Path

import pytest
import small_disk
from builders import applicant, intake, respondent
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.errors import DamagedError, StoreError
from desktop.core.store import Store, open_store
from desktop.core.store.health import check_and_back_up
from desktop.core.store.upgrade import registered

ROOT = Path(__file__).resolve().parents[2]
M0001 = ROOT / "tests" / "data" / "wusong-schema-m0001.sqlite"
COMMANDS = (
    ["check"],
    ["case", "list"],
    ["search", "张建国"],
    ["due"],
    ["backup"],
    ["register", "-o", "{dir}/台账.xlsx"],
    ["export", "-o", "{dir}/包.zip"],
    ["report", "monthly", "--month", "2026-03", "-o", "{dir}/月报.pdf"],
    ["demo", "--cases", "2"],
)


def cli(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop.cli", "--db", str(db), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def healthy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("healthy") / "committee.sqlite"
    with open_store(path, now=lambda: datetime(2026, 3, 2, 9)) as s:
        s.settings.save_committee(name="星光村人民调解委员会", level=2, region="", abbr="星调")
        s.settings.add_mediator("王调解")
        with s.bulk():
            for i in range(300):
                s.cases.create(
                    intake(facts=f"第{i}件：" + "围墙挡水。" * 30), [applicant(), respondent()]
                )
    return path


def _table_pages(path: Path) -> list[int]:
    """Page numbers holding the cases table's b-tree (dbstat is not always compiled in, so
    walk from the root page through interior pages)."""
    conn = sqlite3.connect(path)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'cases'").fetchone()[0]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = path.read_bytes()
    pages, todo = [], [root]
    while todo:
        n = todo.pop()
        pages.append(n)
        page = data[(n - 1) * page_size : n * page_size]
        if page[0] == 0x05:  # interior table page: children pointers
            count = int.from_bytes(page[3:5], "big")
            for i in range(count):
                off = int.from_bytes(page[12 + 2 * i : 14 + 2 * i], "big")
                todo.append(int.from_bytes(page[off : off + 4], "big"))
            todo.append(int.from_bytes(page[8:12], "big"))
    return pages


def _damage(src: Path, dest: Path, page: int, offset: int, junk: bytes) -> None:
    shutil.copyfile(src, dest)
    conn = sqlite3.connect(src)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with open(dest, "r+b") as fh:
        fh.seek((page - 1) * page_size + 8 + offset % (page_size - 16))
        fh.write(junk)


@settings(
    max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    which=st.integers(min_value=0, max_value=10_000),
    offset=st.integers(min_value=0, max_value=4000),
    junk=st.binary(min_size=4, max_size=24).filter(lambda b: len(set(b)) > 1),
)
def test_flipped_bytes_in_a_table_page_are_found_at_open_and_never_crash_a_command(
    healthy: Path, tmp_path_factory: pytest.TempPathFactory, which: int, offset: int, junk: bytes
) -> None:
    folder = tmp_path_factory.mktemp("flip")
    pages = _table_pages(healthy)
    bad = folder / "committee.sqlite"
    _damage(healthy, bad, pages[which % len(pages)], offset, junk)
    conn = sqlite3.connect(bad)
    try:
        sound = conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    except sqlite3.DatabaseError:
        sound = False
    conn.close()
    if sound:  # the bytes landed in unused space: nothing to find
        return
    for readonly in (False, True):
        with pytest.raises(DamagedError, match="损坏") as refused:
            open_store(bad, readonly=readonly)
        # SQLite's English ("database disk image is malformed") never reaches the mediator.
        assert not re.search("[A-Za-z]", str(refused.value).replace(bad.name, ""))
        assert bad.name in str(refused.value)  # the sentence names the file, not "案件库"
    assert check_and_back_up(bad, datetime(2026, 3, 2, 9)).problems
    for args in COMMANDS[:4]:
        proc = cli(bad, *[a.format(dir=folder) for a in args])
        assert proc.returncode == 1, (args, proc.stdout)
        assert "Traceback" not in proc.stderr and "损坏" in proc.stderr, (args, proc.stderr)
        assert bad.name in proc.stderr, (args, proc.stderr)
        # Nothing of SQLite's English (a log line) reaches the terminal either.
        assert not re.search("[A-Za-z]", proc.stderr.replace(str(bad), "").replace(bad.name, "")), (
            proc.stderr
        )


@settings(
    max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(cut=st.integers(min_value=1, max_value=3 * 4096 + 100))
def test_a_file_cut_short_is_called_damaged_and_left_alone(
    healthy: Path, tmp_path_factory: pytest.TempPathFactory, cut: int
) -> None:
    """A copy that lost its tail (a stick pulled out, a full disk) is damage, even when the
    missing part is only the end of the last page, which SQLite would silently read as zeros."""
    bad = tmp_path_factory.mktemp("cut") / "committee.sqlite"
    shutil.copyfile(healthy, bad)
    os.truncate(bad, bad.stat().st_size - cut)
    before = bad.read_bytes()
    for readonly in (False, True):
        with pytest.raises(DamagedError) as refused:
            open_store(bad, readonly=readonly)
        assert not re.search("[A-Za-z]", str(refused.value).replace(bad.name, ""))
    assert bad.read_bytes() == before


def test_every_command_on_damaged_foreign_and_empty_files_answers_in_one_sentence(
    healthy: Path, tmp_path: Path
) -> None:
    files = {
        "damaged": b"SQLite format 3\x00" + b"\x10\x00\x01\x01\x00\x40\x20\x20" + b"\xee" * 9000,
        "empty": b"",
        "text": "不是数据库".encode() * 300,
    }
    for name, content in files.items():
        path = tmp_path / f"{name}.sqlite"
        path.write_bytes(content)
        for args in COMMANDS:
            proc = cli(path, *[a.format(dir=tmp_path) for a in args])
            assert proc.returncode != 0, (name, args, proc.stdout)
            assert "Traceback" not in proc.stderr, (name, args, proc.stderr)
            assert proc.stderr.startswith("错误："), (name, args, proc.stderr)
        assert path.read_bytes() == content


#: A 6 MB file system of the test's own (tests/small_disk.py).
mount = small_disk.mount


def _fill(store: Store, n: int) -> None:
    with store.bulk():
        for _ in range(n):
            store.cases.create(intake(), [applicant(), respondent()])


def test_a_read_only_folder_opens_read_only_with_the_reason(mount: Path) -> None:
    path = mount / "调委会 #1" / "committee.sqlite"
    with open_store(path) as s:
        s.settings.save_committee(name="星光村人民调解委员会", level=2, region="", abbr="星调")
        s.settings.add_mediator("王调解")
        _fill(s, 5)
    subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
    before = path.read_bytes()
    with open_store(path) as s:  # the window's open
        assert s.readonly_reason and "只读" in s.readonly_reason
        assert s.cases.count() == 5
        with pytest.raises(StoreError, match="只读"):
            s.cases.create(intake(), [applicant(), respondent()])
    for args in (["case", "list"], ["check"], ["search", "张建国"]):
        proc = cli(path, *args)
        assert proc.returncode == 0 and "损坏" not in proc.stdout + proc.stderr, proc.stderr
    proc = cli(path, "demo", "--cases", "1")
    assert proc.returncode == 1 and "只读" in proc.stderr and "Traceback" not in proc.stderr
    assert path.read_bytes() == before


def test_a_full_disk_says_so_and_keeps_what_was_committed(mount: Path) -> None:
    path = mount / "committee.sqlite"
    with open_store(path) as s:
        s.settings.save_committee(name="星光村人民调解委员会", level=2, region="", abbr="星调")
        s.settings.add_mediator("王调解")
        _fill(s, 3)
        ballast = mount / "ballast"
        with open(ballast, "wb") as fh:  # fill the disk, leaving a few pages
            try:
                while True:
                    fh.write(b"\0" * 65536)
            except OSError:
                pass
        with pytest.raises(StoreError, match="磁盘已满"):
            _fill(s, 200)
        with pytest.raises(StoreError, match="磁盘"):
            s.backup()
        assert s.cases.count() == 3
    assert not list(mount.glob("**/*.part"))
    proc = cli(path, "check")
    assert proc.returncode == 0 and "案件数：3" in proc.stdout, proc.stderr
    ballast.unlink()
    with open_store(path) as s:
        assert s.cases.count() == 3


KILL_AT = [5, 40, 200, 600, 1500, 4000, 9000, 20000]


@pytest.mark.parametrize("steps", KILL_AT)
def test_an_upgrade_killed_at_any_point_finishes_at_the_next_open(
    tmp_path: Path, steps: int
) -> None:
    path = tmp_path / "old.sqlite"
    shutil.copy(M0001, path)
    # Kill the upgrading process after `steps` x 100 SQLite VM instructions.
    code = textwrap.dedent(f"""
        import os, sqlite3
        import desktop.core.store.connection as c
        real = c.raw_connect
        def killing(*a, **k):
            conn = real(*a, **k)
            n = [0]
            def tick():
                n[0] += 1
                if n[0] >= {steps}:
                    os._exit(9)
                return 0
            conn.set_progress_handler(tick, 100)
            return conn
        c.raw_connect = killing
        import desktop.core.store.database as d
        d.raw_connect = killing
        from desktop.core.store import open_store
        open_store({str(path)!r}).close()
    """)
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, timeout=120, check=False)
    backups_after_kill = (
        sorted((tmp_path / "old-backups").glob("*")) if (tmp_path / "old-backups").exists() else []
    )
    for _ in range(2):  # the next open finishes; a further open changes nothing
        with open_store(path) as s:
            assert s.cases.count() == 10
            assert [r[0] for r in s.db.execute("SELECT name FROM _sqlite_migrations")] == (
                registered()
            )
    backups = sorted(p.name for p in (tmp_path / "old-backups").glob("*.sqlite"))
    assert len(backups) <= 1 + len(backups_after_kill)
    assert len(backups) == 1, backups
