"""Issue 9, kind "a healthy file called damaged": a file of an earlier release, opened by a
read-only command before anything upgraded it, is told to be upgraded, not called damaged,
and is left byte-identical."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIRST_RELEASE = ROOT / "tests" / "data" / "wusong-schema-m0001.sqlite"


@pytest.mark.parametrize("command", [["case", "list"], ["search", "张"], ["due"]])
def test_read_only_commands_on_an_older_file_ask_for_the_upgrade(
    tmp_path: Path, command: list[str]
) -> None:
    db = tmp_path / "旧 版#1" / "案件库.sqlite"
    db.parent.mkdir()
    shutil.copy(FIRST_RELEASE, db)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    proc = subprocess.run(
        [sys.executable, "-m", "desktop.cli", "--db", str(db), *command],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Traceback" not in proc.stderr
    assert "损坏" not in proc.stderr, proc.stderr
    if proc.returncode != 0:
        assert "旧版本" in proc.stderr and "升级" in proc.stderr, proc.stderr
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
