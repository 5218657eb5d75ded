"""`wusong --as NAME` (or WUSONG_USER) records that mediator as the one who did each change;
without it the command line records itself as 命令行; a name off the list is refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.cli.main import cli


def run(db: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(
        cli, ["--db", str(db), *args], catch_exceptions=False, env=env or {"WUSONG_USER": ""}
    )
    return result.exit_code, result.stdout, result.stderr


def _actors(db: Path, action: str) -> list[str]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT actor FROM audit_log WHERE action = ? ORDER BY id", [action]
        ).fetchall()
    return [r[0] for r in rows]


def _count(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM audit_log").fetchone()[0])


def test_as_env_and_default_are_what_the_audit_log_records(tmp_path: Path) -> None:
    db = tmp_path / "c.sqlite"
    code, _, err = run(
        db,
        "--as",
        "王建平",
        "init",
        "--committee",
        "星光村人民调解委员会",
        "--mediator",
        "王建平",
        "--mediator",
        "沈美琴",
    )
    assert code == 0, err
    assert set(_actors(db, "update")) == {"王建平"}  # the committee settings
    run(db, "demo", "--cases", "3")
    case_no = run(db, "case", "list", "--limit", "1")[1].split()[0]
    outputs = tmp_path / "out"
    outputs.mkdir()
    for who, env in (("沈美琴", None), ("王建平", {"WUSONG_USER": "王建平"}), ("命令行", None)):
        args = ("--as", who) if who == "沈美琴" else ()
        code, _, err = run(
            db,
            *args,
            "render",
            case_no,
            "受理登记表",
            "-o",
            str(outputs / f"{who}.pdf"),
            env=env,
        )
        assert code == 0, err
    assert _actors(db, "document") == ["沈美琴", "王建平", "命令行"]
    assert "调解员" not in set(_actors(db, "create"))


def test_a_name_off_the_list_or_a_role_word_is_refused_before_anything_changes(
    tmp_path: Path,
) -> None:
    db = tmp_path / "c.sqlite"
    run(db, "init", "--committee", "星光村人民调解委员会", "--mediator", "王建平")
    before = _count(db)
    for name in ("李四", "调解员", " "):
        code, out, err = run(db, "--as", name, "backup", "--to", str(tmp_path / "b"))
        # A blank name is refused too (not quietly taken for 命令行): see the test below.
        assert code == 1 and out == "" and err.startswith("错误：") and "Traceback" not in err
    assert "不在本调委会的调解员名单里" in run(db, "--as", "李四", "check")[2]
    assert "不是姓名" in run(db, "--as", "调解员", "check")[2]
    assert _count(db) == before  # refused before any change was written


_BLANK = st.lists(
    st.sampled_from([" ", "\t", "\u3000", "\u00a0", "\u2003", "\u202f"]), min_size=0, max_size=4
).map("".join)


@settings(max_examples=12, deadline=None)
@given(blank=_BLANK)
def test_an_empty_or_blank_as_is_refused_before_anything_changes(blank: str) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "c.sqlite"
        assert (
            run(db, "init", "--committee", "星光村人民调解委员会", "--mediator", "王建平")[0] == 0
        )
        before = (_count(db), db.read_bytes())
        for args in (("case", "list"), ("demo", "--cases", "1"), ("backup",)):
            code, out, err = run(db, "--as", blank, *args)
            assert code == 1 and err.startswith("错误：") and "--as" in err, (blank, err)
            assert err.count("\n") == 1 and "Traceback" not in err
        assert (_count(db), db.read_bytes()) == before
