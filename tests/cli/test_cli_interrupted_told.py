"""A Ctrl-C is told as what is really on disk (kind: 「已取消，什么也没有改动」 said although the
command had changed something — it counted only the commits of ``atomic()``):
- an old file upgraded by the command (the migrations commit on their own) and a backup made
  before it, then Ctrl-C: the file WAS changed;
- Ctrl-C between a COMMIT and its count;
- ``init`` interrupted part-way left the new file without its committee, or its ``.new``
  temporary file and journal, while saying nothing changed.

The interruption is raised at a line of the program's own code, chosen by hypothesis among
every line the command runs (the way a Ctrl-C arrives between two lines), through the real
command line — from its second line: the first is ``main``'s ``try:``, before which nothing
of ours can catch anything (a few bytecodes of the console script's call). The sentence is
then checked against the folder as it is: every file made or changed is told, and
「什么也没有改动」 means the folder is byte for byte as before."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from cli_commands import run_traced
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from desktop.core.store import open_store
from desktop.core.store.upgrade import registered

ROOT = Path(__file__).resolve().parents[2]
OLD = ROOT / "tests" / "data" / "wusong-schema-m0001.sqlite"  # a file of the first release
NOTHING = "已取消，什么也没有改动。"
SAVED = "中断之前已经完成的改动已经保存在案件库里"
OURS = (str(ROOT / "desktop"), str(ROOT / "db"))

#: Where a run is interrupted: at one of the lines worth stopping at (run()), each as likely
#: as another (hypothesis' integers alone favour the first ones).
SPREAD = 1_000_000
LINE = st.randoms(use_true_random=True).map(lambda r: r.randint(0, SPREAD))


def stop_line(data: st.DataObject, lines: list[int]) -> int:
    """A line to stop at: any of ``lines`` or, as often, one of the last 300 — a command's
    own commits come after the many lines of opening and upgrading its file."""
    pick = data.draw(LINE, label="line")
    tail = data.draw(st.booleans(), label="near the end")
    if tail:
        return lines[len(lines) - 1 - pick * min(299, len(lines) - 1) // SPREAD]
    return lines[pick * (len(lines) - 1) // SPREAD]


#: The code that commits, upgrades, makes files and tells the interruption: each of its lines
#: is a place to stop every time it runs (a migration's commit, each of ``init``'s commits).
STORAGE = tuple(
    f"/desktop/{name}.py"
    for name in (
        "core/ondisk",
        "core/fsutil",
        "core/store/casedb",
        "core/store/upgrade",
        "core/store/newfile",
        "core/store/database",
        "core/store/backups",
        "cli/main",
        "cli/entry",
        "cli/chinese",
        "cli/interrupted",
    )
)

Tracer = Callable[[FrameType, str, Any], Any]


def files(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (relative name -> sha256). Left out: an empty journal
    (SQLite's TRUNCATE mode keeps one while the file is open) and the empty writer lock beside
    a case file's name (lock.py: kept on Linux for ever, as after every open)."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
        and not (p.name.endswith(("-journal", ".sqlite.lock")) and p.stat().st_size == 0)
    }


def run(args: list[str], stop_at: int | None) -> tuple[int, list[int], str]:
    """Run ``wusong args`` in this process; at the ``stop_at``-th line of our own code run
    (the program's and its migrations') a KeyboardInterrupt is raised there, as Ctrl-C raises
    it. Returns the exit code, the lines worth stopping at (as indexes of that count: where
    each line of our code first ran, and every line run of the code that commits, upgrades,
    makes files and tells the interruption), and stderr's last line."""
    ours = [0]
    fired = [False]
    sites: dict[tuple[str, int], int] = {}
    storage: list[int] = []

    def tracer(frame: FrameType, event: str, arg: Any) -> Tracer | None:
        if fired[0]:
            return None
        if event == "line" and frame.f_code.co_filename.startswith(OURS):
            ours[0] += 1
            where = frame.f_code.co_filename
            sites.setdefault((where, frame.f_lineno), ours[0])
            if where.endswith(STORAGE):
                storage.append(ours[0])
            if ours[0] == stop_at:
                fired[0] = True
                raise KeyboardInterrupt
        return tracer

    code, said = run_traced(args, tracer)
    return code, sorted({*sites.values(), *storage}), said


def lines_run(folder: Path, args: Callable[[Path], list[str]], start: Path | None) -> list[int]:
    """Where each line of our code first runs in a whole run (the second of two runs: the
    first fills caches and imports what is imported late), from the second line on."""
    first: list[int] = []
    for n in range(2):
        db = folder / f"dry{n}.sqlite"
        if start is not None:
            shutil.copy(start, db)
        code, first, said = run(args(db), None)
        assert code == 0, said
    return [i for i in first if i > 1]


def applied(path: Path) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return int(conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0])
    finally:
        conn.close()


def count(path: Path, sql: str) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return int(conn.execute(sql).fetchone()[0])
    finally:
        conn.close()


def initialised(path: Path) -> bool:
    """The file has its committee (what ``init`` is for)."""
    with open_store(path, readonly=True) as store:
        return bool(store.settings.initialised)


def told_files(said: str) -> list[Path]:
    """The files a sentence says were written (after 「留在原处：」) or backed up to."""
    named: list[Path] = []
    if "已经写好的文件留在原处：" in said:
        tail = said.split("已经写好的文件留在原处：", 1)[1].split("；")[0].rstrip("。")
        named += [Path(p) for p in tail.split("、")]
    if "升级前的备份在 " in said:
        named.append(Path(said.split("升级前的备份在 ", 1)[1].split("）", 1)[0]))
    return named


@pytest.fixture(scope="module")
def lines_of_init(tmp_path_factory: pytest.TempPathFactory) -> list[int]:
    return lines_run(tmp_path_factory.mktemp("init-dry"), init_args, None)


def init_args(db: Path) -> list[str]:
    return ["--db", str(db), "init", "--committee", "星光村人民调解委员会", "--mediator", "王芳"]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_init_interrupted_anywhere_leaves_nothing_half_made(
    lines_of_init: list[int], tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    folder = tmp_path_factory.mktemp("init")
    db = folder / "新.sqlite"
    stop = stop_line(data, lines_of_init)
    code, _, said = run(init_args(db), stop)
    event(said[:12] or "done")
    left = files(folder)
    if code == 0:
        assert initialised(db)
    elif said == NOTHING:
        assert left == {}, said  # nothing half-made: no file, no .new, no journal
    else:
        # Never half-made: a file kept has its committee; no temporary file beside it.
        assert said == f"已中断；{SAVED}。", said
        assert initialised(db), said
        assert set(left) == {db.name}, (said, left)


@pytest.fixture(scope="module")
def lines_of_upgrade(tmp_path_factory: pytest.TempPathFactory) -> list[int]:
    return lines_run(tmp_path_factory.mktemp("upgrade-dry"), demo_args, OLD)


def demo_args(db: Path) -> list[str]:
    return ["--db", str(db), "demo", "--cases", "1", "--seed", "3"]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_an_old_file_upgraded_then_interrupted_is_told_upgraded(
    lines_of_upgrade: list[int], tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    folder = tmp_path_factory.mktemp("upgrade")
    db = folder / "old.sqlite"
    shutil.copy(OLD, db)
    before = files(folder)
    cases = count(db, "SELECT count(*) FROM cases")
    stop = stop_line(data, lines_of_upgrade)
    code, _, said = run(demo_args(db), stop)
    event(said[:14] or "done")
    after = files(folder)
    if code == 0:
        return
    if said == NOTHING:
        assert after == before
        return
    assert said.startswith("已中断；") and said.endswith("。"), said
    done = applied(db)
    whole, part = "已经升级到本程序的版本", "已经升级了一部分"
    # What changed is told: the upgrade (whole or in part), the cases added, files made.
    if done == len(registered()):
        assert whole in said, said
    elif done > 1:
        assert part in said and "下次打开时会自动升级完" in said, said
    else:
        assert whole not in said and part not in said, said
    added = count(db, "SELECT count(*) FROM cases") > cases
    assert (SAVED in said) == added, said
    if done > 1:
        assert ("案件没有改动" in said) == (not added), said
    else:
        assert said.startswith("已中断；案件库没有改动；已经写好的文件留在原处："), said
    made = {folder / name for name in set(after) - set(before)}
    told = told_files(said)
    assert made <= set(told), (said, made)  # every file made is named
    assert all(p.exists() for p in told), said  # and every file named is there
