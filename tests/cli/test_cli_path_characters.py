"""A typed path holding a character no file name may hold is refused in ONE Chinese sentence
wherever a path is typed (kind: Python's English ValueError "embedded null byte" for a NUL in
--db, and an invisible file name made from a control character pasted with a path — a tab,
a line break — on Linux, where Windows refuses them): every path argument and option of every
``wusong`` command, ``--db`` and ``WUSONG_DB`` of the command line and of the window's
launcher, and ``WUSONG_LOG`` (the log goes to its usual place instead). Nothing is created."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from cli_commands import LEAVES, assert_one_chinese_sentence, required_fill
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.cli import main
from desktop.core import unexpected
from desktop.core.paths import path_fault, shown_path
from desktop.ui.launch_args import Leave, read

_OK = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
CONTROL = st.characters(min_codepoint=0, max_codepoint=0x9F).filter(
    lambda c: ord(c) < 0x20 or ord(c) >= 0x7F
)
#: Path arguments and options of every command: (command path, parameter).
PATH_PARAMS = [
    (path, p)
    for path, cmd in LEAVES
    for p in cmd.params
    if isinstance(p.type, click.Path) and p.name != "db"
]


@st.composite
def spoiled_names(draw: st.DrawFn, env: bool = False) -> str:
    """A file name with one or more control characters somewhere in it (no NUL in an
    environment variable: the system cannot even hold one there)."""
    base = draw(st.sampled_from(["案件库.sqlite", "台账.xlsx", "月报.pdf", "x.zip", "备份"]))
    chars = draw(st.lists(CONTROL.filter(lambda c: not env or c != "\x00"), min_size=1, max_size=3))
    for ch in chars:
        at = draw(st.integers(0, len(base)))
        base = base[:at] + ch + base[at:]
    return base


def _nothing_made(tmp: Path) -> None:
    made = [p.name for p in tmp.rglob("*")]
    assert not any(path_fault(name) for name in made), made


@given(data=st.data())
@_OK
def test_every_path_typed_on_the_command_line(
    data: st.DataObject, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, param = data.draw(st.sampled_from(PATH_PARAMS))
    cmd = dict(LEAVES)[path]
    name = str(tmp_path / data.draw(spoiled_names()))
    fill = required_fill(cmd, tmp_path)
    if isinstance(param, click.Argument):
        argv = [*path, *[name] * max(1, param.nargs), *fill]
    elif param.opts[0] in fill:  # a required option: its plausible value spoiled
        at = fill.index(param.opts[0]) + 1
        argv = [*path, *fill[:at], name, *fill[at + 1 :]]
    else:
        argv = [*path, *fill, param.opts[0], name]
    code = main(["--db", str(tmp_path / "x.sqlite"), *argv])
    err = capsys.readouterr().err
    assert code == 2, (argv, err)
    assert_one_chinese_sentence(err, argv)
    assert f"“{shown_path(name)}”里有看不见的控制字符" in err
    _nothing_made(tmp_path)


@given(
    name=spoiled_names(),
    command=st.sampled_from([["init", "--committee", "某村调委会"], ["check"], ["today"]]),
)
@_OK
def test_the_db_option_and_its_environment_variable(
    name: str,
    command: list[str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db = str(tmp_path / name)
    assert main(["--db", db, *command]) == 2
    err = capsys.readouterr().err
    assert_one_chinese_sentence(err, [db])
    assert err.startswith("错误：--db 写的“") and "控制字符" in err
    if "\x00" not in name:
        monkeypatch.setenv("WUSONG_DB", db)
        assert main(command) == 2
        err = capsys.readouterr().err
        assert err.startswith("错误：环境变量 WUSONG_DB 写的“") and "控制字符" in err
        assert_one_chinese_sentence(err, [db])
    _nothing_made(tmp_path)


@given(name=spoiled_names())
@_OK
def test_the_window_launcher(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = str(tmp_path / name)
    got = read(["--db", db])
    if path_fault(db.strip()) is None:
        # Spaces around a shortcut's path are taken off, and the ends' control characters
        # that count as spaces (\x1c-\x1f, a tab) with them: the file's name holds none.
        assert not isinstance(got, Leave) and path_fault(str(got.db)) is None
        return
    assert isinstance(got, Leave) and got.code == 2
    assert got.text.startswith("启动参数 --db 写的“") and "控制字符" in got.text
    assert got.text.count("\n") == 1 and got.text.strip().endswith("。")
    if "\x00" not in name:
        monkeypatch.setenv("WUSONG_DB", db)
        got = read([])
        assert isinstance(got, Leave) and got.code == 2
        assert got.text.startswith("环境变量 WUSONG_DB 写的“") and "控制字符" in got.text
        assert not isinstance(read(["--demo"]), Leave)  # the demo has its own file
    _nothing_made(tmp_path)


@given(name=spoiled_names(env=True))
@_OK
def test_a_log_place_that_cannot_be_a_file_keeps_the_log_in_its_usual_place(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WUSONG_LOG", str(tmp_path / name))
    monkeypatch.setattr(unexpected, "user_data_dir", lambda: tmp_path / "usual")
    said = unexpected.unexpected("导出报送包", RuntimeError("boom")).message
    assert "详细情况已记入程序的日志" in said
    assert "boom" in (tmp_path / "usual" / "wusong-log.txt").read_text(encoding="utf-8")
    _nothing_made(tmp_path)


@given(
    name=st.text(alphabet=st.sampled_from('ab案件<>:"|?*.'), min_size=1, max_size=8),
    drive=st.sampled_from(["C:\\", "D:/", "\\\\?\\C:\\", "", "调解\\"]),
)
@settings(max_examples=60, deadline=None)
def test_windows_names_refuse_its_forbidden_characters_after_the_drive(
    name: str, drive: str
) -> None:
    fault = path_fault(drive + name, windows=True)
    if not drive and name[1:2] == ":" and name[:1].isascii() and name[:1].isalpha():
        name = name[2:]  # “a:” typed alone is the drive A:, its colon allowed
    bad = sorted(set(name) & set('<>:"|?*'))
    if bad:
        assert fault is not None and all(f"“{c}”" in fault for c in bad)
    elif name.endswith(".") and name not in (".", "..") and not drive.startswith("\\\\?\\"):
        # Windows drops a name's last dots (tests/cli/test_cli_windows_names.py); a path
        # written \\?\ is taken as typed, its dots kept
        assert fault is not None and "末尾带句点" in fault
    else:
        assert fault is None
    assert path_fault(drive + name, windows=False) is None  # Linux takes those characters
