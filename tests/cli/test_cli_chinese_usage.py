"""click's own refusals and help pages are Chinese (desktop/cli/chinese.py, the one seam):
over every real command of ``wusong`` and every kind of badly written command line — an
unknown option or command, a required option or argument left out, a number out of its range
or not a number, a value not among the choices, a folder where a file is wanted, a file that is
not there, an option without its value, a flag given a value, words too many — the answer is
ONE Chinese sentence on stderr saying what was wrong and what to do, with no English in it, and
nothing is run; ``--help`` of every command is Chinese."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from cli_commands import (
    CLICK_WORDS,
    COMMANDS,
    ENGLISH,
    LEAVES,
    assert_one_chinese_sentence,
    options_of,
    required_fill,
    without_names,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.cli import main


@st.composite
def bad_command_lines(draw: st.DrawFn, tmp: Path) -> list[str]:
    path, cmd = draw(st.sampled_from(LEAVES))
    base = [*path]
    kinds = ["unknown_option"]
    if all(p.nargs != -1 for p in cmd.params if isinstance(p, click.Argument)):
        kinds.append("extra_words")  # a list argument (import 包1 包2 …) takes any number
    options = options_of(cmd)
    if any(isinstance(p.type, click.IntRange) for p in options):
        kinds.append("out_of_range")
    if any(isinstance(p.type, click.Choice) for p in options):
        kinds.append("bad_choice")
    if any(p.required for p in cmd.params):
        kinds.append("missing")
    if any(not p.is_flag for p in options):
        kinds.append("no_value")
    if any(p.is_flag for p in options):
        kinds.append("flag_value")
    if any(isinstance(p.type, click.Path) and not p.type.dir_okay for p in cmd.params):
        kinds.append("folder_for_file")
    kind = draw(st.sampled_from(kinds))
    fill = required_fill(cmd, tmp)
    if kind == "unknown_option":
        name = draw(st.text("abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=10))
        known = {o for p in options for o in p.opts + p.secondary_opts}
        if f"--zz{name}" in known:
            name += "q"
        return [*base, f"--zz{name}", *fill]
    if kind == "extra_words":
        words = draw(
            st.lists(st.sampled_from(["多余", "abc", "2026-10", "x.pdf"]), min_size=4, max_size=6)
        )
        return [*base, *fill, *words]
    if kind == "out_of_range":
        p = draw(st.sampled_from([p for p in options if isinstance(p.type, click.IntRange)]))
        assert isinstance(p.type, click.IntRange)
        low, high = p.type.min, p.type.max
        value = draw(
            st.one_of(
                st.integers(max_value=int(low) - 1) if low is not None else st.nothing(),
                st.integers(min_value=int(high) + 1) if high is not None else st.nothing(),
                st.sampled_from(["abc", "一百", "3.5", ""]),
            )
        )
        return [*base, *fill, p.opts[0], str(value)]
    if kind == "bad_choice":
        p = draw(st.sampled_from([p for p in options if isinstance(p.type, click.Choice)]))
        value = draw(st.sampled_from(["doc", "PDF1", "表格", "zzz"]))
        return [*base, *fill, p.opts[0], value]
    if kind == "missing":
        return base
    if kind == "no_value":
        p = draw(st.sampled_from([p for p in options if not p.is_flag]))
        return [*base, *fill, p.opts[0]]
    if kind == "flag_value":
        p = draw(st.sampled_from([p for p in options if p.is_flag]))
        return [*base, *fill, f"{p.opts[-1]}=1"]
    target = draw(
        st.sampled_from(
            [p for p in cmd.params if isinstance(p.type, click.Path) and not p.type.dir_okay]
        )
    )
    if isinstance(target, click.Argument):
        return [*base, *[str(tmp)] * max(1, target.nargs), *fill]
    return [*base, *fill, target.opts[0], str(tmp)]


@given(data=st.data())
@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_every_usage_error_is_one_chinese_sentence(
    data: st.DataObject, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = data.draw(bad_command_lines(tmp_path))
    db = tmp_path / f"never-{data.draw(st.uuids())}.sqlite"
    code = main(["--db", str(db), *argv])
    out, err = capsys.readouterr()
    assert code == 2, (argv, out, err)
    assert out == ""
    assert_one_chinese_sentence(err, argv)
    assert not db.exists()  # nothing was run


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["register", "--year", "1999", "-o", "x.xlsx"], "--year 应当是 2000 到 2100 之间的整数"),
        (["report", "entry", "--month", "2026-10", "--screenings", "-1"], "不小于 0"),
        (["demo", "--cases", "0"], "--cases 应当是 1 到"),
        (["report", "monthly", "-o", "x.pdf"], "没有写 --month：月份"),
        (["report", "monthyl"], "是不是“monthly”"),
        (["case", "show"], "少写了案号"),
    ],
)
def test_the_reported_refusals_say_what_was_wrong(
    argv: list[str], said: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(tmp_path / "x.sqlite"), *argv]) == 2
    err = capsys.readouterr().err
    assert_one_chinese_sentence(err)
    assert said in err


def test_a_folder_given_for_the_register_file_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(tmp_path / "x.sqlite"), "import-register", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert_one_chinese_sentence(err)
    assert f"“{tmp_path}”是一个文件夹，台账文件要的是一个文件" in err


@pytest.mark.parametrize(
    ("path", "cmd"), COMMANDS, ids=lambda x: " ".join(x) if isinstance(x, tuple) else ""
)
def test_every_help_page_is_chinese(
    path: tuple[str, ...], cmd: click.Command, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*path, "--help"]) == 0
    out, err = capsys.readouterr()
    assert err == "" and out.startswith("用法：wusong")
    assert "选项：" in out and "显示这段说明。" in out
    text = without_names(out)
    assert not CLICK_WORDS.search(text), out
    assert not ENGLISH.search(text), out
    assert not re.search(r"\b(TEXT|INTEGER|RANGE|PATH|FILE|DIRECTORY|OPTIONS|COMMAND|ARGS)\b", out)


@pytest.mark.parametrize(
    ("path", "cmd"), COMMANDS[:8], ids=lambda x: " ".join(x) if isinstance(x, tuple) else ""
)
def test_help_columns_line_up_on_screen(
    path: tuple[str, ...], cmd: click.Command, capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop.cli.chinese import _columns

    assert main([*path, "--help"]) == 0
    out = capsys.readouterr().out
    for section in re.split(r"\n(?=\S)", out):
        starts = {
            _columns(m.group(1))
            for m in re.finditer(r"^(  \S(?:.*?\S)? {2,})\S", section, re.M)
            if not m.group(1).startswith("   ")
        }
        assert len(starts) <= 1, section  # every help text starts in the same screen column
