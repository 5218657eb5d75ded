"""Every sentence about a file names that file (never just "案件库") and carries none of
SQLite's or the system's English. Kind: an SQLite error reaching the mediator — from a write
(full disk, read-only place, busy, I/O, damage) or from a read after the open — through the
one translation seam, the CLI's ``friendly`` and the window's store."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.cli.context import CliState, friendly
from desktop.core.store.database import translate

ERRORS = [
    ("database or disk is full", "SQLITE_FULL"),
    ("attempt to write a readonly database", "SQLITE_READONLY"),
    ("database is locked", "SQLITE_BUSY"),
    ("disk I/O error", "SQLITE_IOERR"),
    ("unable to open database file", "SQLITE_CANTOPEN"),
    ("database disk image is malformed", "SQLITE_CORRUPT"),
    ("file is not a database", "SQLITE_NOTADB"),
]
_NAMES = st.text(
    alphabet=st.sampled_from("星光村调委会案件库ab12 -_#（）"), min_size=1, max_size=12
).map(lambda s: s.strip() + ".sqlite")


def _no_english(text: str, name: str) -> bool:
    return not re.search("[A-Za-z]", text.replace(name, "").replace("U盘", ""))


@settings(max_examples=40, deadline=None)
@given(error=st.sampled_from(ERRORS), name=_NAMES)
def test_every_sqlite_error_is_one_chinese_sentence_naming_the_file(
    error: tuple[str, str], name: str
) -> None:
    exc = sqlite3.OperationalError(error[0])
    exc.sqlite_errorname = error[1]
    message = translate(exc, name).message
    assert name in message and _no_english(message, name), message
    assert message.endswith("。")


@pytest.mark.parametrize("error", ERRORS, ids=[e[1] for e in ERRORS])
def test_the_cli_sentence_names_the_file(
    error: tuple[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A read that fails after the open (outside any transaction) reaches ``friendly``."""
    state = CliState(tmp_path / "东村调委会.sqlite")

    @friendly
    def command(_state: CliState) -> None:
        raise sqlite3.OperationalError(error[0])

    with pytest.raises(SystemExit):
        command(state)
    err = capsys.readouterr().err
    assert err.startswith("错误：") and err.count("\n") == 1
    assert "东村调委会.sqlite" in err and _no_english(err, "东村调委会.sqlite"), err
