"""The frozen launchers let a reading process (a large import's child, exchange/reading.py)
be told what it is before anything of the program is loaded: in the frozen program that
child is the same executable started again, and every module the launcher imports before
``multiprocessing.freeze_support()`` is imported in every reading process too — the window's
Qt made each one 35 MB larger and a second slower to start (kind: a program module imported
before freeze_support)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

#: Run a launcher as the frozen reading process would: freeze_support is where it reads and
#: exits; what was imported by then is printed.
PROBE = """
import multiprocessing, runpy, sys

def freeze_support():
    ours = ("desktop", "desktop.", "PySide6")
    print("LOADED", sorted(m for m in sys.modules if m.startswith(ours)))
    raise SystemExit(0)

multiprocessing.freeze_support = freeze_support
runpy.run_path(sys.argv[1], run_name="__main__")
"""


@pytest.mark.parametrize("launcher", ["launch_gui.py", "launch_cli.py"])
def test_a_frozen_reading_process_loads_nothing_of_the_program_first(launcher: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(ROOT / "packaging" / "pyinstaller" / launcher)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "LOADED []", done.stdout[-2000:]
