"""The README's first command: `python3 -m desktop --demo` opens a demo database (made on
first start, apart from the committee's real one) and closes cleanly."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.ui


def test_demo_start_makes_a_separate_demo_database(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "HOME": str(tmp_path),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    env.pop("WUSONG_DB", None)
    for _ in range(2):  # the second start reuses the demo instead of making another
        proc = subprocess.run(
            [sys.executable, "-m", "desktop", "--demo", "--quit-after", "1500"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert proc.returncode == 0, proc.stderr[-2000:]
    folder = tmp_path / "data" / "wusong"
    demo = folder / "wusong-demo.sqlite"
    assert sqlite3.connect(demo).execute("SELECT count(*) FROM cases").fetchone() == (300,)
    assert not (folder / "wusong.sqlite").exists()  # the real database is untouched
