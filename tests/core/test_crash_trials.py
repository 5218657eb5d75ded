"""A small run of the crash-trial harness (bench/crash_trials.py): writers and an upgrade are
killed with SIGKILL at random moments; every file must open, nothing committed may be lost.
The full run (1,000+ trials) is in the closing note of issue 9."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_a_small_crash_run_loses_nothing() -> None:
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "crash_trials.py"),
            "--trials",
            "4",
            "--seed",
            "3",
            "--kinds",
            "write,upgrade",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    total = [line for line in proc.stdout.splitlines() if line.startswith("合计")]
    assert total and total[0].split()[1:6] == ["4", "0", "0", "0", "0"], proc.stdout
