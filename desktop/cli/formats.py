"""Which format an output file is written in: the ``--format`` asked for, else the file name's
suffix. A file whose suffix names another format is refused before anything is made: PDF bytes
in a ``协议书.docx`` (or an Excel book in ``台账.pdf``) are a file Word or Excel then refuses to
open, and the mediator does not know why."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import click

# A suffix that names a kind of file (.pdf, .txt, .DOCX), not a name's own dot (台账.2026.10).
_FORMAT_LIKE = re.compile(r"[a-z]{1,5}")


def format_for(
    output: Path, fmt: str | None, known: Iterable[str], default: str, example: str
) -> str:
    """The format to write ``output`` in: ``fmt`` when given, else the suffix of ``output``
    when it is one of ``known``, else ``default`` for a name without such a suffix.

    Raises click.UsageError (one Chinese sentence naming both and what to write, e.g.
    ``-o 月报.pdf`` for ``example`` 月报) when the suffix names a format other than the one
    written, or one this command cannot write."""
    formats = sorted(known)
    suffix = output.suffix.lower().lstrip(".")
    if not _FORMAT_LIKE.fullmatch(suffix):
        return fmt or default
    if fmt is None:
        if suffix in formats:
            return suffix
        choices = "、".join(f".{f}" for f in formats)
        raise click.UsageError(
            f"文件名后缀 .{suffix} 不是这里能生成的格式（只能是 {choices} 中的一个）："
            f"请改一下文件名，例如 -o {example}.{default}。"
        )
    if suffix != fmt:
        raise click.UsageError(
            f"文件名后缀是 .{suffix}，格式却是 {fmt}：请让两者一致，例如 -o {example}.{fmt}。"
        )
    return fmt
