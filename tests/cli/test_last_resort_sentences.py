"""Every catch-all handler says, in one Chinese sentence, what did not get done, naming the right
file or thing, and what to do — the exception's class and English text go to the log only
(issue 10: the import said “…（TypeError）”; the CLI's last resort blamed “案件库” for an SQLite
error of any file). Different exception types injected at the seams of the real components:
import, export, a report command, the CLI's own last line, the window's jobs and last resort."""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.cli.main import cli

QUICK = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

#: What a bug or a library's surprise raises; each carries English words that must not show.
UNFORESEEN: list[Callable[[], BaseException]] = [
    lambda: TypeError("unsupported operand type(s) for +: 'int' and 'str'"),
    lambda: KeyError("committee_name"),
    lambda: ValueError("invalid literal for int() with base 10: 'x'"),
    lambda: AttributeError("'NoneType' object has no attribute 'get'"),
    lambda: IndexError("list index out of range"),
    lambda: RuntimeError("dictionary changed size during iteration"),
    lambda: ZeroDivisionError("division by zero"),
    lambda: RecursionError("maximum recursion depth exceeded"),
    lambda: UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte"),
    lambda: AssertionError("unreachable"),
    lambda: sqlite3.IntegrityError("UNIQUE constraint failed: cases.uuid"),
]
SQLITE: list[Callable[[], BaseException]] = [
    lambda: sqlite3.OperationalError("database or disk is full"),
    lambda: sqlite3.OperationalError("attempt to write a readonly database"),
    lambda: sqlite3.OperationalError("database is locked"),
    lambda: sqlite3.DatabaseError("database disk image is malformed"),
    lambda: sqlite3.OperationalError("disk I/O error"),
]
DISK = [lambda: OSError(errno.ENOSPC, "No space left on device", "报送包.zip")]


def one_chinese_sentence(text: str, exc: BaseException) -> None:
    """No class name, no English message, no traceback; one line."""
    assert text.strip(), "nothing was said"
    assert "\n" not in text.strip(), text
    assert "Traceback" not in text and type(exc).__name__ not in text, text
    english = str(exc).strip("'\"")
    if len(english) > 3:
        assert english not in text, text
    assert "Error" not in text and "error" not in text, text


def run(*args: str) -> tuple[int, str]:
    r = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return r.exit_code, r.stderr


@pytest.fixture(scope="module")
def committees(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("lr")
    village, county = folder / "村.sqlite", folder / "县.sqlite"
    run("--db", str(village), "init", "--committee", "星光村人民调解委员会", "--abbr", "星调")
    run("--db", str(village), "demo", "--cases", "4", "--seed", "2")
    run("--db", str(county), "init", "--committee", "平湖市人民调解委员会", "--level", "4")
    pkg = folder / "星光村.zip"
    assert run("--db", str(village), "export", "-o", str(pkg))[0] == 0
    return {"village": village, "county": county, "package": pkg, "folder": folder}


def _raiser(make: Callable[[], BaseException]) -> Callable[..., Any]:
    def raise_it(*_a: Any, **_k: Any) -> Any:
        raise make()

    return raise_it


@QUICK
@given(make=st.sampled_from(UNFORESEEN + SQLITE + DISK))
def test_import_says_which_package_and_that_nothing_changed(
    committees: dict[str, Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, make: Any
) -> None:
    import desktop.core.exchange.merge as merge

    log = tmp_path / "log.txt"
    monkeypatch.setenv("WUSONG_LOG", str(log))
    before = committees["county"].read_bytes()
    with monkeypatch.context() as m:
        m.setattr(merge, "flush_new", _raiser(make))
        code, err = run("--db", str(committees["county"]), "import", str(committees["package"]))
    exc = make()
    assert code == 1
    one_chinese_sentence(err, exc)
    if isinstance(exc, OSError):
        assert "报送包.zip" in err
    elif isinstance(exc, sqlite3.Error) and not isinstance(exc, sqlite3.IntegrityError):
        assert "县.sqlite" in err  # the file it was writing, by its name
    else:
        assert "星光村.zip" in err and "县.sqlite" in err and "没有任何改动" in err
        assert type(exc).__name__ in log.read_text(encoding="utf-8")  # the detail: the log
    assert committees["county"].read_bytes() == before


@QUICK
@given(make=st.sampled_from(UNFORESEEN + SQLITE))
def test_export_says_the_package_was_not_made(
    committees: dict[str, Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, make: Any
) -> None:
    import desktop.core.exchange.export as export

    monkeypatch.setenv("WUSONG_LOG", str(tmp_path / "log.txt"))
    target = tmp_path / "新包.zip"
    with monkeypatch.context() as m:
        m.setattr(export, "case_lines", _raiser(make))
        code, err = run("--db", str(committees["village"]), "export", "--all", "-o", str(target))
    exc = make()
    assert code == 1
    one_chinese_sentence(err, exc)
    assert "新包.zip" in err and "没有" in err, err
    if isinstance(exc, sqlite3.Error) and not isinstance(exc, sqlite3.IntegrityError):
        assert "村.sqlite" in err
    assert not target.exists()


@QUICK
@given(make=st.sampled_from(UNFORESEEN + SQLITE))
def test_any_command_names_itself_and_the_file_it_opened(
    committees: dict[str, Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, make: Any
) -> None:
    import desktop.cli.report as reports

    monkeypatch.setenv("WUSONG_LOG", str(tmp_path / "log.txt"))
    with monkeypatch.context() as m:
        m.setattr(reports, "write_monthly", _raiser(make))
        code, err = run(
            "--db",
            str(committees["village"]),
            "report",
            "monthly",
            "--month",
            "2026-10",
            "-o",
            str(tmp_path / "月报.pdf"),
        )
    exc = make()
    assert code == 1
    one_chinese_sentence(err, exc)
    if isinstance(exc, sqlite3.Error) and not isinstance(exc, sqlite3.IntegrityError):
        assert "村.sqlite" in err and "案件库 " not in err
    else:
        assert "wusong report monthly" in err and "没有完成" in err


@QUICK
@given(make=st.sampled_from(UNFORESEEN + SQLITE))
def test_the_cli_last_line_never_blames_a_file_it_did_not_open(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, make: Any
) -> None:
    import desktop.cli.context as context
    import desktop.cli.entry as entry

    monkeypatch.setenv("WUSONG_LOG", str(tmp_path / "log.txt"))
    monkeypatch.setattr(context, "OPENED", [])
    monkeypatch.setattr(entry, "run", _raiser(make))
    import io
    import sys

    err = io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    assert entry.main(["verify", "x.zip"]) == 1
    exc = make()
    one_chinese_sentence(err.getvalue(), exc)
    assert "案件库" not in err.getvalue() and "没有完成" in err.getvalue()
