"""The real ``wusong`` command tree walked for the CLI tests (every command, every leaf and
group) and the check that an answer is one Chinese sentence: shared by the usage-error tests
and the tests of options written twice."""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from types import FrameType
from typing import Any

import click

from desktop.cli.main import cli


def _commands(
    cmd: click.Command, path: tuple[str, ...] = ()
) -> list[tuple[tuple[str, ...], click.Command]]:
    out = [(path, cmd)]
    if isinstance(cmd, click.Group):
        for name, sub in sorted(cmd.commands.items()):
            out += _commands(sub, (*path, name))
    return out


COMMANDS = _commands(cli)
LEAVES = [(p, c) for p, c in COMMANDS if not isinstance(c, click.Group) and p]
GROUPS = [(p, c) for p, c in COMMANDS if isinstance(c, click.Group)]
NAMES = {name for path, _ in COMMANDS for name in path} | {"wusong"}
# Two English words in a row (option names like --committee-id and values are not words).
ENGLISH = re.compile(r"(?<![-\w./])[A-Za-z]{2,}[ ,.:;']+[A-Za-z]{2,}")
CHINESE_SPACE = re.compile(r"[\u4e00-\u9fff，。：；、“”（）]\s+[\u4e00-\u9fff，。：；、“”（）]")
CLICK_WORDS = re.compile(r"\b(Error|Usage|Options|Commands|Invalid|Missing|Try|Got|No such)\b")


def options_of(cmd: click.Command) -> list[click.Option]:
    return [p for p in cmd.params if isinstance(p, click.Option)]


def required_fill(cmd: click.Command, tmp: Path) -> list[str]:
    """Plausible values for the required options (so another fault is the one found)."""
    out: list[str] = []
    for p in options_of(cmd):
        if p.required:
            out += [
                p.opts[0],
                str(tmp / "out.pdf") if isinstance(p.type, click.Path) else "2026-10",
            ]
    return out


def without_names(text: str) -> str:
    """``text`` without the command's own names (wusong report monthly), which are no English."""
    for name in sorted(NAMES, key=len, reverse=True):
        text = re.sub(rf"(?<![\w-]){re.escape(name)}(?![\w-])", "", text)
    return text


def assert_one_chinese_sentence(err: str, argv: list[str] = []) -> None:  # noqa: B006
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    line = lines[0]
    for typed in sorted(argv, key=len, reverse=True):  # what the user typed is quoted back
        line = line.replace(typed, "")
    assert line.startswith("错误：") and re.search(r"[\u4e00-\u9fff]{4}", line[3:]), err
    assert not CLICK_WORDS.search(line), err
    assert not ENGLISH.search(without_names(line)), err
    # A space belongs between Chinese and an option (--year 应当是), never between two Chinese
    # words (“台账文件 要的是一个文件” when the name was a Chinese one).
    assert not CHINESE_SPACE.search(re.sub(r"“[^”]*”", "“”", lines[0])), err


Tracer = Callable[[FrameType, str, Any], Any]


def run_traced(args: list[str], tracer: Tracer) -> tuple[int, str]:
    """``wusong args`` in this process with ``tracer`` set (a test's way of raising Ctrl-C at a
    chosen line): the exit code and the last line written on stderr."""
    from desktop.cli import main

    err = io.StringIO()
    sys.settrace(tracer)
    try:
        with redirect_stderr(err), redirect_stdout(io.StringIO()):
            code = main(args)
    finally:
        sys.settrace(None)
    said = err.getvalue().strip().splitlines()
    return code, said[-1] if said else ""


def run_interrupted(
    args: list[str],
    stop_at: int | None,
    counted: Callable[[FrameType], bool],
    noted: Callable[[FrameType, int], None] | None = None,
) -> tuple[int, int, str]:
    """``wusong args`` in this process, a KeyboardInterrupt raised (as Ctrl-C raises it) at the
    ``stop_at``-th line run in a frame ``counted`` accepts (None: never). ``noted`` sees each
    such line with its number in that count. Returns the exit code, the count of such lines
    run and the last line written on stderr."""
    seen = [0]

    def tracer(frame: FrameType, event: str, arg: Any) -> Callable[..., Any] | None:
        if event == "line" and counted(frame):
            seen[0] += 1
            if noted is not None:
                noted(frame, seen[0])
            if seen[0] == stop_at:
                raise KeyboardInterrupt
        return tracer

    code, said = run_traced(args, tracer)
    return code, seen[0], said
