"""``wusong``: the Qt-free command line. Every core capability is reachable from here, which
keeps the core honest. Errors print one Chinese sentence on stderr and exit non-zero."""

# Loaded through loading.py: a Ctrl-C while the modules load is one Chinese sentence there.
from desktop.cli.loading import main

__all__ = ["main"]
