"""File names on the command line (desktop/cli/chinese.py FilledPath and _quoted_in,
desktop/cli/formats.py): an empty name for any file or folder is refused in one Chinese
sentence (click took "" for the folder the command was started in: ``backup --to ""`` wrote
there, ``-o ""`` was told as a file in use); a name click quotes with repr() (one holding ',
a Windows path's backslashes) is named as typed; and an output file's suffix decides its format
or must agree with --format (``render … -o 协议书.docx`` wrote PDF bytes Word cannot open)."""

from __future__ import annotations

import os
import re
import uuid
from pathlib import Path

import click
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.cli import main
from desktop.cli.main import cli


def _leaves(
    cmd: click.Command, path: tuple[str, ...] = ()
) -> list[tuple[tuple[str, ...], click.Command]]:
    if not isinstance(cmd, click.Group):
        return [(path, cmd)]
    return [
        leaf for name, sub in sorted(cmd.commands.items()) for leaf in _leaves(sub, (*path, name))
    ]


LEAVES = _leaves(cli)
ENGLISH = re.compile(r"(?<![-\w./])[A-Za-z]{2,}[ ,.:;']+[A-Za-z]{2,}")


def _assert_one_chinese_sentence(err: str, argv: list[str]) -> None:
    """One line, Chinese, no English words once what the user typed is left out."""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    line = lines[0]
    for typed in sorted(argv, key=len, reverse=True):
        line = line.replace(typed, "")
    assert line.startswith("错误：") and re.search(r"[\u4e00-\u9fff]{4}", line), err
    assert not ENGLISH.search(line), err


def _required_fill(cmd: click.Command, tmp: Path) -> list[str]:
    """Plausible values for the required options (so the fault under test is the one found)."""
    out: list[str] = []
    for p in cmd.params:
        if isinstance(p, click.Option) and p.required:
            out += [
                p.opts[0],
                str(tmp / "out.pdf") if isinstance(p.type, click.Path) else "2026-10",
            ]
    return out


PATH_PARAMS = [
    (path, cmd, p)
    for path, cmd in [((), cli), *LEAVES]
    for p in cmd.params
    if isinstance(p.type, click.Path)
]
# (command, the formats it writes, what goes before the -o) for every command with --format.
FORMAT_COMMANDS = [
    (["report", "monthly", "--month", "2026-10"], ("docx", "pdf", "xlsx")),
    (["report", "claims", "--month", "2026-10"], ("pdf", "xlsx")),
    (["register"], ("csv", "xlsx")),
    (["render", "（2026）星调调字第1号", "调解记录"], ("docx", "pdf")),
    (["blank", "调解记录"], ("docx", "pdf")),
]
SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _line_with(
    path: tuple[str, ...], cmd: click.Command, p: click.Parameter, value: str, tmp: Path
) -> list[str]:
    fill = [v for v in _required_fill(cmd, tmp) if p.opts[0] != v]
    if p.opts[0] in fill:  # the required option under test gets the value instead
        i = fill.index(p.opts[0])
        del fill[i : i + 2]
    if isinstance(p, click.Argument):
        others = [a for a in cmd.params if isinstance(a, click.Argument) and a is not p]
        before = ["调解记录" for a in others if cmd.params.index(a) < cmd.params.index(p)]
        after = [
            "（2026）星调调字第1号" for a in others if cmd.params.index(a) > cmd.params.index(p)
        ]
        return [*path, *before, value, *after, *fill]
    if not path:
        return [p.opts[0], value, "case", "list"]
    return [*path, *fill, p.opts[0], value]


@given(data=st.data())
@SETTINGS
def test_an_empty_file_or_folder_name_is_refused_everywhere(
    data: st.DataObject, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, cmd, p = data.draw(st.sampled_from(PATH_PARAMS))
    value = data.draw(st.sampled_from(["", " ", "\u3000", "  \t"]))
    argv = _line_with(path, cmd, p, value, tmp_path)
    db = tmp_path / f"never-{data.draw(st.uuids())}.sqlite"
    here = sorted(os.listdir("."))
    code = main(argv if not path else ["--db", str(db), *argv])
    out, err = capsys.readouterr()
    assert code == 2, (argv, out, err)
    _assert_one_chinese_sentence(err, argv)
    assert "是空的" in err and "名" in err, err
    assert not db.exists() and sorted(os.listdir(".")) == here  # nothing run, nothing written


def _takes_folder(p: click.Parameter) -> bool:
    return isinstance(p.type, click.Path) and p.type.dir_okay


NAMES = st.text(alphabet=st.sampled_from("ab中文 #%?&'\"[]\\$"), min_size=1, max_size=8).filter(
    lambda s: s.strip() not in ("", ".", "..") and s == s.strip()
)


@given(data=st.data(), name=NAMES)
@SETTINGS
def test_a_folder_given_for_a_file_is_named_as_typed_whatever_its_characters(
    data: st.DataObject, name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, cmd, p = data.draw(
        st.sampled_from([x for x in PATH_PARAMS if x[0] and not _takes_folder(x[2])])
    )
    folder = tmp_path / name
    folder.mkdir(exist_ok=True)
    argv = _line_with(path, cmd, p, str(folder), tmp_path)
    db = tmp_path / "never.sqlite"
    assert main(["--db", str(db), *argv]) == 2
    err = capsys.readouterr().err
    _assert_one_chinese_sentence(err, argv)
    assert f"“{folder}”是一个文件夹" in err, err
    assert not db.exists()


SUFFIXES = ["pdf", "docx", "xlsx", "csv", "txt", "doc", "xls", "PDF", "Docx", "jpg"]


@given(data=st.data())
@SETTINGS
def test_an_output_suffix_that_names_another_format_is_refused_before_anything_runs(
    data: st.DataObject, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before, formats = data.draw(st.sampled_from(FORMAT_COMMANDS))
    suffix = data.draw(st.sampled_from(SUFFIXES))
    fmt = data.draw(st.sampled_from([None, *formats]))
    if suffix.lower() in formats and fmt in (None, suffix.lower()):
        return  # agrees: written (the next test)
    argv = [*before, "-o", str(tmp_path / f"输出 文件.{suffix}")]
    argv += ["--format", fmt] if fmt else []
    db = tmp_path / "never.sqlite"
    assert main(["--db", str(db), *argv]) == 2
    err = capsys.readouterr().err
    _assert_one_chinese_sentence(err, argv)
    assert f"后缀是 .{suffix.lower()}" in err or f"后缀 .{suffix.lower()} 不是" in err, err
    assert not db.exists() and not list(tmp_path.glob("输出*"))


MAGIC = {"pdf": b"%PDF", "docx": b"PK", "xlsx": b"PK", "csv": "\ufeff".encode()}


@pytest.mark.parametrize(
    ("argv", "name", "fmt"),
    [
        (["blank", "调解记录"], "空白.docx", "docx"),
        (["blank", "调解记录"], "空白.PDF", "pdf"),
        (["blank", "调解记录"], "空白", "pdf"),
        (["register"], "台账.CSV", "csv"),
        (["register"], "台账.2026.10", "xlsx"),
        (["register", "--format", "csv"], "台账", "csv"),
    ],
)
def test_the_suffix_decides_the_format_when_none_is_written(
    argv: list[str], name: str, fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "d.sqlite")
    assert main(["--db", db, "init", "--committee", "星光村人民调解委员会"]) == 0
    out = tmp_path / name
    assert main(["--db", db, *argv, "-o", str(out)]) == 0, capsys.readouterr()
    assert out.read_bytes().startswith(MAGIC[fmt])


def test_a_group_lists_each_command_with_its_whole_first_sentence(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for path in ([], ["report"], ["case"], ["password"]):
        assert main([*path, "--help"]) == 0
        out = capsys.readouterr().out
        listing = out.split("命令：", 1)[1]
        assert "..." not in listing, out  # click cut long ones off by characters
        group = cli if not path else cli.commands[path[0]]
        assert isinstance(group, click.Group)
        for sub in group.commands.values():
            first = "".join((sub.help or "").split("。")[0].split())
            assert first in "".join(listing.split()), (first, listing)


@given(
    noise=st.lists(st.sampled_from(["ok", "Y1", "嗯", "1", "确认吗"]), max_size=2),
    answer=st.sampled_from(["是", " 是 ", "好", "确认", "y", "YES", "", "否", "不", "n", "取消"]),
)
@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_the_import_asks_in_chinese_and_writes_only_on_yes(
    noise: list[str],
    answer: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import hashlib
    import io
    import uuid

    from openpyxl import Workbook

    db = tmp_path / f"{uuid.uuid4()}.sqlite"
    assert main(["--db", str(db), "init", "--committee", "星光村人民调解委员会"]) == 0
    book = tmp_path / "台账.xlsx"
    wb = Workbook()
    wb.active.append(["受理日期", "申请人", "被申请人", "调解结果"])
    wb.active.append(["2026-03-01", "张建国", "李秀英", "调解成功"])
    wb.save(book)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    capsys.readouterr()
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(f"{w}\n" for w in [*noise, answer])))
    assert main(["--db", str(db), "import-register", str(book)]) == 0
    out, err = capsys.readouterr()
    assert "[y/N]" not in out and "Error" not in out + err and "invalid" not in out + err
    assert err.count("不是“是”或“否”") == len(noise)
    written = hashlib.sha256(db.read_bytes()).hexdigest() != before
    assert written == (answer.strip().lower() in {"是", "好", "确认", "y", "yes"}), out
    assert ("已导入 1 件" in out) == written


def _all_commands(cmd: click.Command, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out = [path]
    if isinstance(cmd, click.Group):
        for name, sub in sorted(cmd.commands.items()):
            out += _all_commands(sub, (*path, name))
    return out


@pytest.mark.parametrize("path", _all_commands(cli), ids=lambda p: " ".join(p) or "wusong")
def test_dash_h_shows_the_same_help_as_dash_dash_help(
    path: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*path, "--help"]) == 0
    long = capsys.readouterr()
    assert main([*path, "-h"]) == 0  # it was refused as an unknown option
    short = capsys.readouterr()
    assert short.out == long.out and short.err == "" and "用法：" in short.out


@pytest.mark.parametrize("path", _all_commands(cli), ids=lambda p: " ".join(p) or "wusong")
def test_dash_h_works_after_the_tree_was_called_some_other_way(
    path: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    """click caches each command's help option when first asked: a call through click's own
    runner (as other tests and tools make) before ours made -h unknown for the rest of the
    process (the test above then failed depending on test order)."""
    from click.testing import CliRunner

    assert CliRunner().invoke(cli, [*path, "--help"]).exit_code == 0
    capsys.readouterr()
    assert main([*path, "-h"]) == 0
    assert "用法：" in capsys.readouterr().out


@given(
    blank=st.sampled_from(["", " ", "\u3000", "\t", "  \u3000 "]),
    which=st.sampled_from(["search", "due"]),
)
@SETTINGS
def test_an_empty_search_text_or_date_is_refused_not_answered(
    blank: str, which: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / f"never-{uuid.uuid4()}.sqlite"
    argv = ["search", blank] if which == "search" else ["due", "--date", blank]
    assert main(["--db", str(db), *argv]) == 2
    err = capsys.readouterr().err
    _assert_one_chinese_sentence(err, argv)
    assert "是空的" in err and not db.exists()
