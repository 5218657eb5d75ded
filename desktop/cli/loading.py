"""Loading the command line, the first thing ``wusong`` does (the package's face imports
``main`` from here): a Ctrl-C while the program's modules load — the first second of every
command — is the one Chinese sentence instead of Python's English traceback. Nothing was
done yet then. The console script, ``python -m desktop.cli`` and the frozen launcher all pass
here first."""

try:
    # The clock check runs first, before entry's imports (see clockcheck).
    from desktop.cli import clockcheck  # noqa: F401
    from desktop.cli.entry import main
except KeyboardInterrupt:
    import sys

    sys.stderr.write("已取消，什么也没有改动。\n")
    raise SystemExit(1) from None

__all__ = ["main"]
