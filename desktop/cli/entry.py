"""The ``wusong`` console script's entry point: runs the click group and turns its exit into a
return code, so tests and the packaged launcher can call it like a function."""

from __future__ import annotations

import sys

from desktop.cli.chinese import run
from desktop.cli.main import cli


def main(argv: list[str] | None = None) -> int:
    """Run ``wusong`` with ``argv`` (sys.argv when None); returns the exit code (0 = done)."""
    try:
        return run(cli, argv)  # click's usage errors and help pages in Chinese (chinese.py)
    except SystemExit as exc:
        return int(exc.code or 0) if not isinstance(exc.code, str) else 1
    except Exception as exc:  # last line of defence: one sentence, never a traceback
        sys.stderr.write(f"错误：{_sentence(exc)}\n")
        return 1


def _sentence(exc: Exception) -> str:
    from desktop.cli.context import last_resort

    return last_resort(exc)
