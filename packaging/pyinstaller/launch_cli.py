"""Frozen entry point of the ``wusong`` command line."""

from __future__ import annotations

import multiprocessing
import sys

from desktop.cli import main

if __name__ == "__main__":
    # A large import reads its packages in a child process (exchange/reading.py): in the
    # frozen program that child is this executable again, which must not start the program.
    multiprocessing.freeze_support()
    sys.exit(main())
