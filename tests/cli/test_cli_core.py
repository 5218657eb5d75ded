"""The `wusong` command line: every core command, Chinese output, non-zero exits with the
message on stderr."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from desktop.cli.main import cli

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "cli.sqlite"


def run(db: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--db", str(db), *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_init_demo_list_show_search(db: Path) -> None:
    code, out, _ = run(
        db, "init", "--committee", "星光村人民调解委员会", "--abbr", "星调", "--mediator", "王建平"
    )
    assert code == 0 and "已建立案件数据库" in out
    code, _, err = run(db, "init", "--committee", "again")
    assert code != 0 and "已经建立过" in err
    code, out, _ = run(db, "demo", "--cases", "60", "--seed", "5")
    assert code == 0 and "60 件" in out
    code, out, _ = run(db, "case", "list", "--limit", "3")
    assert code == 0 and "共 60 件，显示前 3 件。" in out
    first_no = out.splitlines()[0].split()[0]
    code, out, _ = run(db, "case", "show", first_no)
    assert code == 0 and f"案号：{first_no}" in out and "当事人：" in out
    name = out.split("当事人：\n")[1].split()[1]
    surname = name[0]
    code, out, _ = run(db, "search", surname)
    assert code == 0 and "共" in out and any(surname in line for line in out.splitlines()[:-1])


def test_demo_is_reproducible_by_seed(tmp_path: Path) -> None:
    outs = []
    for i in range(2):
        path = tmp_path / f"d{i}.sqlite"
        run(path, "demo", "--cases", "25", "--seed", "11")
        outs.append(run(path, "case", "list", "--limit", "25")[1])
    assert outs[0] == outs[1]


def test_search_finds_a_two_character_name_in_1000_cases(tmp_path: Path) -> None:
    from desktop.core.store import open_store

    path = tmp_path / "k.sqlite"
    run(path, "demo", "--cases", "1000", "--seed", "2")
    with open_store(path, readonly=True) as store:
        expected = {
            r[0]
            for r in store.db.execute(
                "SELECT DISTINCT c.case_no FROM parties p JOIN cases c ON c.id = p.case_id"
                " WHERE p.name LIKE '王%' AND length(p.name) = 2"
            )
        }
        two_char = store.db.execute(
            "SELECT name FROM parties WHERE name LIKE '王%' AND length(name) = 2"
            " ORDER BY id LIMIT 1"
        ).fetchone()[0]
        mentioned = {
            r[0]
            for r in store.db.execute(
                "SELECT c.case_no FROM case_search s JOIN cases c ON c.id = s.case_id"
                " WHERE instr(s.body, ?) > 0",
                [two_char],
            )
        }
    code, out, _ = run(path, "search", two_char, "--limit", "10000")
    listed = {line.split()[0] for line in out.splitlines()[:-1]}
    assert code == 0 and listed == mentioned and len(listed) >= 1
    assert expected  # the demo does produce 王 names


def test_errors_exit_non_zero_with_chinese_on_stderr(db: Path) -> None:
    code, _, err = run(db, "case", "list")
    assert code == 1 and "还没有案件数据库" in err
    run(db, "init", "--committee", "测试调委会")
    code, _, err = run(db, "case", "show", "（2026）不存在第1号")
    assert code == 1 and "找不到案号" in err
    code, _, err = run(db, "case", "list", "--month", "2026-13")
    assert code == 1 and "月份" in err
    code, _, err = run(db, "due", "--date", "昨天")
    assert code == 1 and "日期" in err


def test_due_check_backup(db: Path, tmp_path: Path) -> None:
    run(db, "demo", "--cases", "40", "--seed", "3")
    code, out, _ = run(db, "due", "--date", "2026-10-28")
    assert code == 0 and out.strip()
    code, out, _ = run(db, "check")
    from db import migrations

    latest = migrations._migrations[-1].name
    assert code == 0 and "检查结果：完好。" in out and f"结构版本：{latest}" in out
    code, out, _ = run(db, "backup", "--to", str(tmp_path / "u盘"))
    assert code == 0 and (tmp_path / "u盘").is_dir()
    copy = next((tmp_path / "u盘").glob("*.sqlite"))
    import sqlite3

    assert sqlite3.connect(copy).execute("SELECT count(*) FROM cases").fetchone()[0] == 40


def test_schema_command_matches_snapshot() -> None:
    code = CliRunner().invoke(cli, ["schema"])
    assert code.exit_code == 0
    assert code.stdout == (ROOT / "db" / "schema.sql").read_text(encoding="utf-8")


def test_every_command_has_chinese_help() -> None:
    import click

    def walk(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
        out = []
        for name, cmd in group.commands.items():
            out.append((prefix + name, cmd))
            if isinstance(cmd, click.Group):
                out.extend(walk(cmd, prefix + name + " "))
        return out

    for name, cmd in walk(cli):
        assert cmd.help and any("\u4e00" <= ch <= "\u9fff" for ch in cmd.help), name


def test_console_script_runs_as_a_process(db: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "desktop.cli", "--db", str(db), "case", "list"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert proc.returncode == 1 and "还没有案件数据库" in proc.stderr and proc.stdout == ""
