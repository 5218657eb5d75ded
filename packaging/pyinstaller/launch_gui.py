"""Frozen entry point of the window (无讼调解助手)."""

from __future__ import annotations

import multiprocessing
import sys

if __name__ == "__main__":
    # A large import reads its packages in a child process (exchange/reading.py): in the
    # frozen program that child is this executable again, which must not start the program —
    # nor load it: it is told it is a reading process before the program's modules (the
    # window's Qt: 35 MB more and a second longer to start) are imported.
    multiprocessing.freeze_support()
    from desktop.ui.app import main

    sys.exit(main())
