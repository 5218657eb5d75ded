"""PySide6 6.12 on Python 3.11 drops a reference to None on every void Qt call; without the
guard in desktop.ui a long session aborts the interpreter. A fresh process proves the guard."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = pytest.mark.ui
ROOT = Path(__file__).resolve().parents[2]
CALLS = 30_000  # None starts near 5,500 references on 3.11: far past the crash without the guard


def run(guard: bool) -> subprocess.CompletedProcess[str]:
    code = textwrap.dedent(f"""
        import sys
        if {guard}:
            import desktop.ui  # applies the guard
        from PySide6.QtWidgets import QApplication, QLabel
        app = QApplication([])
        label = QLabel()
        for _ in range({CALLS}):
            label.setText("调解")
            label.setEnabled(True)
        print("完成")
    """)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_long_qt_session_survives_with_the_guard() -> None:
    done = run(guard=True)
    assert done.returncode == 0, done.stderr[-500:]
    assert "完成" in done.stdout


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_the_bug_is_real_without_the_guard() -> None:
    """When this fails, PySide6 has fixed the bug and the guard can go."""
    crashed = run(guard=False)
    assert crashed.returncode != 0 and "none_dealloc" in crashed.stderr
