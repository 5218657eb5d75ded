"""The ``wusong`` console script's entry point: runs the click group and turns its exit into a
return code, so tests and the packaged launcher can call it like a function."""

from __future__ import annotations

import signal
import sys

from desktop.cli.chinese import run
from desktop.cli.interrupted import interrupted_sentence
from desktop.cli.main import cli
from desktop.core import ondisk


def main(argv: list[str] | None = None) -> int:
    """Run ``wusong`` with ``argv`` (sys.argv when None: the program itself); returns the exit
    code (0 = done, 1 refused or cancelled, 2 the command line was wrong)."""
    try:
        ondisk.begin()  # what is on disk now: a Ctrl-C is told against it
        code = _run(argv)
        if argv is None:
            # The program ends now: a Ctrl-C while Python shuts down has nothing left to stop
            # (it printed Python's traceback after the command's own last line).
            signal.signal(signal.SIGINT, signal.SIG_IGN)
        return code
    except KeyboardInterrupt:  # outside click's own catching: before or after the command
        sys.stderr.write(interrupted_sentence() + "\n")
        return 1
    finally:
        ondisk.end()  # a next command run in this process (tests) starts from nothing


def _run(argv: list[str] | None) -> int:
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
