"""The window's command line (`python -m desktop [--db 文件] [--demo]`) in Chinese.

argparse writes its usage, help and refusals in English ("usage:", "unrecognized arguments");
a mediator who starts the app from a shortcut with a wrong argument must read one Chinese
sentence saying what was wrong and what to write instead."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import NoReturn

from desktop.core.paths import APP_TITLE

USAGE = "wusong-desktop [--db 案件数据库文件] [--demo]"
HELP = f"""用法：{USAGE}

{APP_TITLE}：打开本调委会的案件数据库（第一次打开时先设置调委会）。

  --db 案件数据库文件   打开指定的案件数据库文件（不写就打开本机默认的那个）
  --demo                打开演示数据库（没有就先生成），与本调委会的正式数据库分开存放
  -h, --help            显示这段说明
"""
_HINT = "可以写的参数只有 --db 案件数据库文件 和 --demo（--help 显示说明）。"


def refusal(message: str) -> str:
    """One Chinese sentence for argparse's English ``message`` (what was wrong, what to do)."""
    if m := re.match(r"unrecognized arguments: (.*)", message):
        return f"启动参数“{m.group(1)}”看不懂。{_HINT}"
    if message.startswith("argument --db: expected one argument"):
        return "启动参数 --db 后面要写案件数据库文件的位置，例如 --db D:\\调解\\案件库.sqlite。"
    if m := re.match(r"argument (\S+?)(?:/\S+)?: ignored explicit argument '(.*)'", message):
        return f"启动参数 {m.group(1)} 后面不用写“{m.group(2)}”。{_HINT}"
    return f"启动参数看不懂。{_HINT}"


class _Parser(argparse.ArgumentParser):
    def format_usage(self) -> str:
        return f"用法：{USAGE}\n"

    def format_help(self) -> str:
        return HELP

    def error(self, message: str) -> NoReturn:
        self.exit(2, refusal(message) + "\n")


def parse(argv: list[str] | None) -> argparse.Namespace:
    """``db`` (Path | None), ``demo`` (bool), ``quit_after`` (milliseconds, smoke tests only).

    Exits with status 2 and one Chinese sentence on stderr for arguments it cannot read; ``-h``
    prints the Chinese help and exits 0 (argparse's own exits)."""
    parser = _Parser(prog="wusong-desktop", add_help=False, allow_abbrev=False)
    parser.add_argument("-h", "--help", action="help")
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--demo", action="store_true")
    parser.add_argument("--quit-after", type=int, default=0)
    return parser.parse_args(sys.argv[1:] if argv is None else argv)
