"""Windows makes no file or folder of some names it is given (found by tester t14): a device
name — NUL, CON, PRN, AUX, COM1…, LPT1…, in any case and with any extension (“NUL.xlsx”) —
is the device itself (a 台账 written to NUL.xlsx is gone, and the command said it was saved),
and a name ending in a space or a dot (“备份 ”, “案件库.”) is made without them (the file made
is not the one named, the folder cannot be opened by its name in Explorer). Kind: a typed path
Windows' naming rules refuse, beyond its forbidden characters. Now refused in one Chinese
sentence wherever a path is typed (``paths.path_fault``, under Windows' rules when
``paths.WINDOWS``); Linux takes these names as they are."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from cli_commands import LEAVES, assert_one_chinese_sentence, required_fill
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from desktop.cli import main
from desktop.core import paths
from desktop.core.paths import path_fault
from desktop.ui.launch_args import Leave, read

_OK = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
DEVICES = ["CON", "PRN", "AUX", "NUL", "COM1", "COM9", "LPT1", "LPT3", "COM²", "CONIN$"]
#: Names close to a device's that Windows takes as files.
NEAR = ["CONSOLE", "COM10", "NULL", "LPT", "AUXX", "NUL台账", "台账NUL"]
PATH_PARAMS = [
    (path, p)
    for path, cmd in LEAVES
    for p in cmd.params
    if isinstance(p.type, click.Path) and p.name != "db"
]


def _cased(draw: st.DrawFn, word: str) -> str:
    flips = draw(st.lists(st.booleans(), min_size=len(word), max_size=len(word)))
    return "".join(c.lower() if f else c for c, f in zip(word, flips, strict=True))


@st.composite
def device_names(draw: st.DrawFn) -> str:
    """NUL, nul.xlsx, Com1 .pdf, aux.tar.gz …"""
    name = _cased(draw, draw(st.sampled_from(DEVICES)))
    name += draw(st.sampled_from(["", "", " "]))
    return name + draw(st.sampled_from(["", ".xlsx", ".sqlite", ".tar.gz", ".pdf"]))


@st.composite
def dropped_ends(draw: st.DrawFn) -> str:
    """台账.xlsx. , 备份 , 案件库.. …"""
    base = draw(st.sampled_from(["台账.xlsx", "备份", "案件库", "月报 2026"]))
    return base + draw(st.text(alphabet=". ", min_size=1, max_size=3))


@st.composite
def windows_paths(draw: st.DrawFn, name: st.SearchStrategy[str]) -> tuple[str, str]:
    """(a path whose one folder or file name is ``name``, that name)."""
    bad = draw(name)
    folders = draw(st.lists(st.sampled_from(["调解", "台账", "2026年", ".", ".."]), max_size=3))
    at = draw(st.integers(0, len(folders)))
    parts = [*folders[:at], bad, *folders[at:]] if at < len(folders) else [*folders, bad]
    drive = draw(st.sampled_from(["C:\\", "D:/", "\\\\服务器\\共享\\", "", "E:"]))
    sep = draw(st.sampled_from(["\\", "/"]))
    return drive + sep.join(parts), bad


@given(case=windows_paths(device_names()))
@_OK
def test_a_device_name_is_refused_under_windows_rules(case: tuple[str, str]) -> None:
    text, name = case
    fault = path_fault(text, windows=True)
    assert fault is not None and f"设备名“{name}”" in fault, (text, fault)
    assert path_fault(text, windows=False) is None  # Linux makes such a file


@given(case=windows_paths(dropped_ends()))
@_OK
def test_a_name_ending_in_a_space_or_dot_is_refused_under_windows_rules(
    case: tuple[str, str],
) -> None:
    text, name = case
    fault = path_fault(text, windows=True)
    end = "空格" if name.endswith(" ") else "句点"
    assert fault == f"末尾带{end}的名字“{name}”（Windows 会把末尾的{end}去掉）", (text, fault)
    assert path_fault(text, windows=False) is None


@given(
    folders=st.lists(st.sampled_from([*NEAR, "调解", ".", "..", "a.b", ".git"]), max_size=4),
    name=st.sampled_from([*NEAR, "台账.xlsx", "NUL台账.xlsx", "com10.pdf", "x"]),
    drive=st.sampled_from(["C:\\", "", "\\\\?\\C:\\", "\\\\.\\"]),
)
@_OK
def test_names_windows_takes_are_not_refused(folders: list[str], name: str, drive: str) -> None:
    assert path_fault(drive + "\\".join([*folders, name]), windows=True) is None


@given(data=st.data(), bad=st.one_of(device_names(), dropped_ends()))
@_OK
def test_every_path_typed_on_the_command_line_follows_windows_rules(
    data: st.DataObject,
    bad: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(paths, "WINDOWS", True)
    path, param = data.draw(st.sampled_from(PATH_PARAMS))
    cmd = dict(LEAVES)[path]
    name = str(tmp_path / bad)
    fill = required_fill(cmd, tmp_path)
    if isinstance(param, click.Argument):
        argv = [*path, *[name] * max(1, param.nargs), *fill]
    elif param.opts[0] in fill:
        at = fill.index(param.opts[0]) + 1
        argv = [*path, *fill[:at], name, *fill[at + 1 :]]
    else:
        argv = [*path, *fill, param.opts[0], name]
    code = main(["--db", str(tmp_path / "x.sqlite"), *argv])
    err = capsys.readouterr().err
    assert code == 2, (argv, err)
    assert_one_chinese_sentence(err, [*argv, bad])
    assert f"“{name}”里有" in err and f"“{bad}”（Windows" in err
    assert not (tmp_path / bad).exists()


@given(bad=st.one_of(device_names(), dropped_ends()))
@_OK
def test_the_db_option_and_its_environment_variable_follow_windows_rules(
    bad: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(paths, "WINDOWS", True)
    db = str(tmp_path / bad)
    assert main(["--db", db, "init", "--committee", "某村调委会"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：--db 写的“") and f"“{bad}”（Windows" in err
    assert_one_chinese_sentence(err, [db, bad])
    monkeypatch.setenv("WUSONG_DB", db)
    assert main(["check"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：环境变量 WUSONG_DB 写的“") and f"“{bad}”（Windows" in err
    assert_one_chinese_sentence(err, [db, bad])
    assert not (tmp_path / bad).exists()


@given(bad=st.one_of(device_names(), dropped_ends()))
@_OK
def test_the_window_launcher_follows_windows_rules(
    bad: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(paths, "WINDOWS", True)
    # The launcher takes off spaces around what was typed (a path pasted with a space after
    # it): “备份 ” is the folder 备份 there, Windows-safe.
    bad = bad.rstrip(" ")
    assume(bad[-1] == "." or bad.split(".")[0].rstrip(" ").upper() in DEVICES)
    db = str(tmp_path / bad)
    got = read(["--db", db])
    assert isinstance(got, Leave) and got.code == 2
    assert got.text.startswith("启动参数 --db 写的“") and f"“{bad}”（Windows" in got.text
    assert got.text.count("\n") == 1 and got.text.strip().endswith("。")
    monkeypatch.setenv("WUSONG_DB", db)
    got = read([])
    assert isinstance(got, Leave) and got.code == 2
    assert got.text.startswith("环境变量 WUSONG_DB 写的“") and f"“{bad}”（Windows" in got.text
