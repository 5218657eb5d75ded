"""`wusong password set|change|remove|reset` and every command on an encrypted file: the
password comes from WUSONG_PASSWORD or a prompt (never an option), a wrong one is one Chinese
sentence and exit 1, and the recovery key sets a new one."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from desktop.cli.main import cli
from desktop.core.store.protection import is_encrypted

PASSWORD = "星光村调委会2026"


def run(
    db: Path, *args: str, env: dict[str, str] | None = None, input: str | None = None
) -> tuple[int, str, str]:
    base = {"WUSONG_USER": "", "WUSONG_PASSWORD": "", "WUSONG_NEW_PASSWORD": ""}
    result = CliRunner().invoke(
        cli, ["--db", str(db), *args], env={**base, **(env or {})}, input=input
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def locked(tmp_path: Path) -> tuple[Path, str]:
    db = tmp_path / "c.sqlite"
    run(db, "init", "--committee", "星光村人民调解委员会", "--mediator", "王建平")
    run(db, "demo", "--cases", "12", "--seed", "3")
    sheet = tmp_path / "恢复单.pdf"
    code, out, err = run(
        db,
        "--as",
        "王建平",
        "password",
        "set",
        "--sheet",
        str(sheet),
        env={"WUSONG_PASSWORD": PASSWORD},
    )
    assert code == 0, err
    assert "无法读出" in err and "恢复单" in out and sheet.read_bytes().startswith(b"%PDF")
    import subprocess

    text = subprocess.run(
        ["pdftotext", "-layout", str(sheet), "-"], capture_output=True, text=True, check=True
    ).stdout
    groups = re.findall(r"\b\d{5}\b", text)
    assert len(groups) == 8 and "王建平" in text and "星光村人民调解委员会" in text
    return db, "-".join(groups)


def test_every_command_works_with_the_password(locked: tuple[Path, str], tmp_path: Path) -> None:
    db, _recovery = locked
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(db).execute("SELECT count(*) FROM cases").fetchone()
    env = {"WUSONG_PASSWORD": PASSWORD}
    code, out, _ = run(db, "case", "list", "--limit", "1", env=env)
    assert code == 0 and "共 12 件" in out
    case_no = out.split()[0]
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    commands = [
        ("case", "show", case_no),
        ("search", case_no),
        ("due", "--date", "2026-10-31"),
        ("check",),
        ("backup", "--to", str(out_dir / "备份")),
        ("render", case_no, "受理登记表", "-o", str(out_dir / "登记表.pdf")),
        ("report", "monthly", "--month", "2026-10", "-o", str(out_dir / "月报.pdf")),
        ("register", "-o", str(out_dir / "台账.xlsx")),
        ("export", "--month", "2026-10", "-o", str(out_dir / "报送包.zip")),
        ("verify", str(out_dir / "报送包.zip")),
    ]
    for args in commands:
        code, out, err = run(db, *args, env=env)
        assert code == 0, (args, err)
        # The same through the hidden prompt (a line on stdin), no environment variable.
        code, out, err = run(db, *args, input=PASSWORD + "\n")
        assert code == 0, (args, err)
        if args[0] == "verify":
            continue  # looks at the package only, never at the database
        code, out, err = run(db, *args, env={"WUSONG_PASSWORD": "错的密码123"})
        assert code == 1 and err.startswith("错误：") and "密码不对" in err, args
        assert "Traceback" not in err
        run(db, "check", env=env)  # a success clears the wrong tries
    backups = list((out_dir / "备份").glob("*.sqlite"))
    assert backups and all(b.with_name(b.name + ".key").exists() for b in backups)
    for b in backups:
        assert "王建平".encode() not in b.read_bytes()


def test_change_remove_and_reset_with_the_recovery_key(locked: tuple[Path, str]) -> None:
    db, recovery = locked
    code, out, err = run(
        db,
        "password",
        "change",
        env={"WUSONG_PASSWORD": PASSWORD, "WUSONG_NEW_PASSWORD": "第二个密码abc"},
    )
    assert code == 0, err
    code, _, err = run(db, "check", env={"WUSONG_PASSWORD": "第二个密码abc"})
    assert code == 0, err
    # Forgotten: the recovery key (typed at the prompt) and a new password twice.
    code, out, err = run(
        db, "password", "reset", input=f"{recovery}\n第三个密码xyz\n第三个密码xyz\n"
    )
    assert code == 0, err
    code, _, err = run(db, "check", env={"WUSONG_PASSWORD": "第三个密码xyz"})
    assert code == 0, err
    # Two different new passwords change nothing.
    code, _, err = run(db, "password", "reset", input=f"{recovery}\n甲甲甲甲甲甲\n乙乙乙乙乙乙\n")
    assert code == 1 and "不一样" in err
    code, out, err = run(db, "password", "remove", env={"WUSONG_PASSWORD": "第三个密码xyz"})
    assert code == 0, err
    assert sqlite3.connect(db).execute("SELECT count(*) FROM cases").fetchone() == (12,)
    code, out, _ = run(db, "case", "list", "--limit", "1")
    assert code == 0 and "共 12 件" in out


def test_no_way_to_ask_is_one_sentence(locked: tuple[Path, str]) -> None:
    db, _ = locked
    code, out, err = run(db, "check", input="")
    assert code == 1 and "WUSONG_PASSWORD" in err and "Traceback" not in err


def _groups(sheet: Path) -> str:
    import subprocess

    text = subprocess.run(
        ["pdftotext", "-layout", str(sheet), "-"], capture_output=True, text=True, check=True
    ).stdout
    return "-".join(re.findall(r"\b\d{5}\b", text))


def test_the_sheet_prints_again_with_the_password(locked: tuple[Path, str], tmp_path: Path) -> None:
    db, recovery = locked
    again = tmp_path / "再印.pdf"
    code, out, err = run(
        db, "password", "sheet", "--sheet", str(again), env={"WUSONG_PASSWORD": PASSWORD}
    )
    assert code == 0, err
    assert _groups(again) == recovery and "已重新生成恢复单" in out
    # A wrong password prints nothing; the right one with stray spaces is told so.
    other = tmp_path / "不该有.pdf"
    code, _, err = run(db, "password", "sheet", "--sheet", str(other), input="错的密码abc\n")
    assert code == 1 and "密码不对" in err and not other.exists()
    code, _, err = run(db, "password", "sheet", "--sheet", str(other), input=f" {PASSWORD} \n")
    assert code == 1 and "多打了空格" in err and not other.exists()
    # After the password changed, the new one prints the same key.
    run(
        db,
        "password",
        "change",
        env={"WUSONG_PASSWORD": PASSWORD, "WUSONG_NEW_PASSWORD": "第二个密码abc"},
    )
    code, _, err = run(
        db, "password", "sheet", "--sheet", str(again), env={"WUSONG_PASSWORD": "第二个密码abc"}
    )
    assert code == 0, err
    assert _groups(again) == recovery


def test_a_password_with_spaces_at_its_ends_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "c.sqlite"
    run(db, "init", "--committee", "星光村人民调解委员会")
    for typed in (f" {PASSWORD}", f"{PASSWORD} ", f"\u3000{PASSWORD}"):
        sheet = tmp_path / "s.pdf"
        code, _, err = run(
            db, "password", "set", "--sheet", str(sheet), env={"WUSONG_PASSWORD": typed}
        )
        assert code == 1 and "开头或结尾有空格" in err and not sheet.exists()
        assert not is_encrypted(db) and list(tmp_path.glob("*.part")) == []


def test_a_sheet_written_before_the_swap_names_the_key_that_opens_the_file(
    locked: tuple[Path, str],
) -> None:
    """The groups printed on the sheet (read back with pdftotext) are the recovery key of the
    file as encrypted: `password reset` with them sets a new password."""
    db, recovery = locked
    code, _, err = run(db, "password", "reset", input=f"{recovery}\n新的密码abc\n新的密码abc\n")
    assert code == 0, err
    code, _, err = run(db, "check", env={"WUSONG_PASSWORD": "新的密码abc"})
    assert code == 0, err


def test_a_sheet_that_cannot_be_written_encrypts_nothing(tmp_path: Path) -> None:
    db = tmp_path / "c.sqlite"
    run(db, "init", "--committee", "星光村人民调解委员会")
    blocked = tmp_path / "不是文件夹"
    blocked.write_text("一个普通文件")
    code, _, err = run(
        db,
        "password",
        "set",
        "--sheet",
        str(blocked / "恢复单.pdf"),
        env={"WUSONG_PASSWORD": PASSWORD},
    )
    assert code == 1 and "\n错误：“不是文件夹”读写失败" in err and "Traceback" not in err
    assert not is_encrypted(db)
    left = [p.name for p in tmp_path.iterdir() if ".part" in p.name or "转换" in p.name]
    assert left == [] and not (tmp_path / "c.sqlite.key").exists()
