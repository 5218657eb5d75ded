"""Frozen entry point of the ``wusong`` command line."""

from __future__ import annotations

import sys

if __name__ == "__main__":
    try:
        import multiprocessing

        # A large import reads its packages in a child process (exchange/reading.py): in the
        # frozen program that child is this executable again, which must not start the
        # program — nor load it: it is told it is a reading process before the program's
        # modules (the window's Qt: 35 MB more and a second longer to start) are imported.
        multiprocessing.freeze_support()
        from desktop.cli import main
    except KeyboardInterrupt:  # Ctrl-C while the program loads: nothing was done yet
        sys.stderr.write("已取消，什么也没有改动。\n")
        sys.exit(1)

    sys.exit(main())
