"""`wusong export | verify | import` as a mediator and a county clerk use them."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from desktop.cli.main import cli


def run(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return r.exit_code, r.stdout, r.stderr


def test_export_verify_import_cycle(tmp_path: Path) -> None:
    village, county, pkg = tmp_path / "v.sqlite", tmp_path / "c.sqlite", tmp_path / "星光村.zip"
    assert (
        run("--db", str(village), "init", "--committee", "星光村人民调解委员会", "--abbr", "星调")[
            0
        ]
        == 0
    )
    run("--db", str(village), "demo", "--cases", "12", "--seed", "4")
    code, out, _ = run("--db", str(village), "export", "-o", str(pkg))
    assert code == 0 and "已导出 12 件案件" in out
    code, out, _ = run("verify", str(pkg))
    assert code == 0 and "完好：星光村人民调解委员会" in out and "12 件案件" in out
    run("--db", str(county), "init", "--committee", "平湖市矛调中心", "--level", "4")
    code, out, _ = run("--db", str(county), "import", str(pkg))
    assert code == 0 and "新增 12 件" in out
    code, out, _ = run("--db", str(county), "import", str(pkg))
    assert code == 0 and "以前已经导入过" in out
    code, out, _ = run("--db", str(village), "export", "-o", str(tmp_path / "again.zip"))
    assert code == 0 and "已导出 0 件案件" in out  # incremental: nothing changed since
    (tmp_path / "broken.zip").write_bytes(pkg.read_bytes()[:-200])
    code, _, err = run("verify", str(tmp_path / "broken.zip"))
    assert code == 1 and "不能使用" in err


def test_a_changed_key_refusal_names_the_command_line_option(tmp_path: Path) -> None:
    """A reinstalled village laptop (same committee, new key): the command line's refusal
    says how to accept it there (``--accept-new-key``), not the window's tick-box; the file is
    unchanged; with the option the package imports."""
    import sqlite3

    village, town = tmp_path / "v.sqlite", tmp_path / "t.sqlite"
    run("--db", str(village), "init", "--committee", "星光村人民调解委员会", "--abbr", "星调")
    run("--db", str(village), "demo", "--cases", "3", "--seed", "4")
    run("--db", str(village), "export", "-o", str(tmp_path / "1.zip"))
    run("--db", str(town), "init", "--committee", "新埭镇人民调解委员会", "--level", "3")
    assert run("--db", str(town), "import", str(tmp_path / "1.zip"))[0] == 0
    with sqlite3.connect(village) as conn:  # the reinstall: the key is made again
        conn.execute("DELETE FROM settings WHERE key LIKE 'exchange.%key%'")
    run("--db", str(village), "demo", "--cases", "1", "--seed", "5")
    run("--db", str(village), "export", "-o", str(tmp_path / "2.zip"))
    before = town.read_bytes()
    code, _, err = run("--db", str(town), "import", str(tmp_path / "2.zip"))
    assert code == 1 and "--accept-new-key" in err and "接受新密钥" not in err, err
    assert town.read_bytes() == before
    code, out, _ = run("--db", str(town), "import", "--accept-new-key", str(tmp_path / "2.zip"))
    assert code == 0 and "新密钥" in out, out
