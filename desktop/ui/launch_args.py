"""The window's command line (`python -m desktop [--db 文件] [--demo]`) in Chinese.

argparse writes its usage, help and refusals in English ("usage:", "unrecognized arguments");
a mediator who starts the app from a shortcut with a wrong argument must read one Chinese
sentence saying what was wrong and what to write instead.

A shortcut's target is typed by hand, often with a Chinese input method on: the dashes may
come out full-width (－－db, ——db), the path may be wrapped in Chinese quotes
(“D:\\调解\\案件库.sqlite”), and a folder name with a space splits the path in two unless it
is quoted. Those are read as meant; a path that is still no file is refused in one sentence."""

from __future__ import annotations

import argparse
import io
import os
import re
import sys
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from desktop.core.errors import ValidationError
from desktop.core.paths import APP_TITLE, DB_ENV, expanded, path_fault, typed_path

USAGE = "wusong-desktop [--db 案件数据库文件] [--demo]"
HELP = f"""用法：{USAGE}

{APP_TITLE}：打开本调委会的案件数据库（第一次打开时先设置调委会）。

  --db 案件数据库文件   打开指定的案件数据库文件（不写就打开本机默认的那个）
  --demo                打开演示数据库（没有就先生成），与本调委会的正式数据库分开存放
  -h, --help            显示这段说明
"""
_HINT = "可以写的参数只有 --db 案件数据库文件 和 --demo（--help 显示说明）。"
_EXAMPLE = "例如 --db D:\\调解\\案件库.sqlite"
_QUOTE_EXAMPLE = '例如 --db "D:\\调解 资料\\案件库.sqlite"'
#: Dashes a Chinese input method types for "-": full-width hyphen, em/en dashes, minus signs.
_DASHES = "-－—–‐‑−﹣"
_OPTION = re.compile(rf"^[{_DASHES}]+(db|demo|help|h|quit-after)(=.*)?$", re.IGNORECASE | re.DOTALL)
#: Quotes typed around a path with a Chinese input method (the shortcut keeps them).
_QUOTES = "\"'“”‘’「」『』"


@dataclass(frozen=True, slots=True)
class Leave:
    """The command line asked for help or could not be read: exit ``code`` after showing
    ``text`` (help on standard output for 0, a one-sentence refusal on standard error for 2)."""

    code: int
    text: str


def refusal(message: str) -> str:
    """One Chinese sentence for argparse's English ``message`` (what was wrong, what to do)."""
    if m := re.match(r"unrecognized arguments: (.*)", message):
        return f"启动参数“{m.group(1)}”看不懂。{_HINT}"
    if message.startswith("argument --db: expected one argument"):
        return f"启动参数 --db 后面要写案件数据库文件的位置，{_EXAMPLE}。"
    if m := re.match(r"argument (\S+?)(?:/\S+)?: ignored explicit argument '(.*)'", message):
        return f"启动参数 {m.group(1)} 后面不用写“{m.group(2)}”。{_HINT}"
    return f"启动参数看不懂。{_HINT}"


class _Refused(Exception):
    def __init__(self, sentence: str) -> None:
        super().__init__(sentence)
        self.sentence = sentence


class _Parser(argparse.ArgumentParser):
    def format_usage(self) -> str:
        return f"用法：{USAGE}\n"

    def format_help(self) -> str:
        return HELP

    def error(self, message: str) -> NoReturn:
        raise _Refused(refusal(message))


def _option_spelling(arg: str) -> str:
    """``arg`` with an option's dashes as typed by a Chinese input method made plain ASCII and
    its name in small letters (－－DB -> --db); anything else unchanged."""
    m = _OPTION.match(arg)
    if not m or arg.startswith(("--", "-h")) and arg == arg.lower():
        return arg
    name = m.group(1).lower()
    dashes = "-" if name == "h" else "--"
    return f"{dashes}{name}{m.group(2) or ''}"


def _unquoted(text: str) -> str:
    return text.strip().strip(_QUOTES).strip()


def _join_split_path(argv: list[str]) -> tuple[list[str], bool]:
    """The --db value with the words a space split off it put back
    (``--db D:\\调解 资料\\案.sqlite`` from a shortcut without quotes), when the joined path
    names a file or a file in an existing folder; otherwise the words stay apart (and the flag
    says words follow the --db value, to be refused with the advice to quote the path)."""
    out: list[str] = []
    left_over = False
    i = 0
    while i < len(argv):
        arg = argv[i]
        out.append(arg)
        i += 1
        if arg != "--db" or i >= len(argv) or argv[i].startswith("-"):
            continue
        value = argv[i]
        i += 1
        rest: list[str] = []
        while i + len(rest) < len(argv) and not argv[i + len(rest)].startswith("-"):
            rest.append(argv[i + len(rest)])
        for n in range(len(rest), 0, -1):
            joined = expanded(_unquoted(" ".join([value, *rest[:n]])))
            if _usable(joined):
                value = " ".join([value, *rest[:n]])
                i += n
                break
        else:
            left_over = left_over or bool(rest)
        out.append(value)
    return out, left_over


def _usable(path: Path) -> bool:
    """A file there, or a new file in a folder that is there; False for a name the system
    cannot even look at (too long, a folder not to be opened)."""
    try:
        return path.is_file() or (not path.exists() and path.parent.is_dir())
    except (OSError, ValueError):
        return False


def _checked_db(raw: str | None, split: bool) -> Path | None:
    if raw is None:
        return None
    text = _unquoted(raw)
    if not text:
        raise _Refused(f"启动参数 --db 后面要写案件数据库文件的位置，{_EXAMPLE}。")
    if path_fault(text):
        raise _Refused(_fault_sentence(text, "启动参数 --db"))
    path = expanded(text)
    try:
        folder = path.is_dir()
    except (OSError, ValueError):  # a name too long, a folder not to be opened, a NUL
        raise _Refused(
            f"启动参数 --db 写的“{text}”不能用作案件数据库文件的位置（名字太长、含有不能用的"
            f"字符或所在的文件夹打不开），{_EXAMPLE}。"
        ) from None
    if folder:
        raise _Refused(
            f"启动参数 --db 写的“{text}”是一个文件夹，要写的是案件数据库文件的位置，{_EXAMPLE}。"
        )
    if split:
        raise _Refused(
            f"启动参数 --db 写的“{text}”后面还有看不懂的文字：文件位置里有空格时，"
            f"要用英文双引号把整个位置括起来，{_QUOTE_EXAMPLE}。"
        )
    return path


def _fault_sentence(text: str, what: str) -> str:
    """The sentence for a path holding a character no file name may hold (a NUL gave
    Python's English ValueError, a control character an invisible file name)."""
    try:
        typed_path(text, what)
    except ValidationError as exc:
        return exc.message
    return ""


def _env_db() -> None:
    """Refuse a ``WUSONG_DB`` holding a character no file name may hold before the window
    starts (``paths.default_db_path`` would raise it where nothing catches it)."""
    text = os.environ.get(DB_ENV, "")
    if text and path_fault(text):
        raise _Refused(_fault_sentence(text, f"环境变量 {DB_ENV}"))


def read(argv: list[str] | None) -> argparse.Namespace | Leave:
    """``db`` (Path | None), ``demo`` (bool), ``quit_after`` (milliseconds, smoke tests only);
    or what to show and the exit status: 0 with the Chinese help for ``-h``, 2 with one
    Chinese sentence for arguments it cannot read (an empty --db, a folder, words left over)."""
    args = [_option_spelling(a) for a in (sys.argv[1:] if argv is None else argv)]
    args, split = _join_split_path(args)
    parser = _Parser(prog="wusong-desktop", add_help=False, allow_abbrev=False)
    parser.add_argument("-h", "--help", action="help")
    parser.add_argument("--db", default=None)
    parser.add_argument("--demo", action="store_true")
    parser.add_argument("--quit-after", type=int, default=0)
    out = io.StringIO()
    try:
        with redirect_stdout(out), redirect_stderr(io.StringIO()):
            known, extra = parser.parse_known_args(args)
        if extra and not (split and known.db is not None):
            raise _Refused(refusal(f"unrecognized arguments: {' '.join(extra)}"))
        known.db = _checked_db(known.db, split=bool(extra))
        if known.db is None and not known.demo:
            _env_db()
    except SystemExit as stop:  # --help: argparse printed it and exits
        return Leave(int(stop.code or 0), out.getvalue())
    except _Refused as refused:
        return Leave(2, refused.sentence + "\n")
    return known


def parse(argv: list[str] | None) -> argparse.Namespace:
    """:func:`read`, exiting as a command does: the help on standard output with status 0, a
    refusal on standard error with status 2."""
    got = read(argv)
    if isinstance(got, Leave):
        (sys.stdout if got.code == 0 else sys.stderr).write(got.text)
        raise SystemExit(got.code)
    return got
