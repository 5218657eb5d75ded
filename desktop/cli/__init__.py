"""``wusong``: the Qt-free command line. Every core capability is reachable from here, which
keeps the core honest. Errors print one Chinese sentence on stderr and exit non-zero."""

# The clock check runs first, before entry's imports (see clockcheck).
from desktop.cli import clockcheck  # noqa: F401
from desktop.cli.entry import main

__all__ = ["main"]
