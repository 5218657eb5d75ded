"""A real small file system for the full-disk tests: a tmpfs of a few megabytes mounted inside
the test's folder (needs root, as in CI; elsewhere the test is skipped and says why)."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


@contextlib.contextmanager
def small_disk(folder: Path, megabytes: int) -> Iterator[Path]:
    """Mount a ``megabytes`` MB tmpfs at ``folder/mnt`` and yield it; unmounted afterwards."""
    point = folder / "mnt"
    point.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("needs root to mount a small file system")
    size = f"size={megabytes}m"
    if subprocess.run(["mount", "-t", "tmpfs", "-o", size, "tmpfs", str(point)]).returncode:
        pytest.skip("mount not permitted here")
    try:
        yield point
    finally:
        subprocess.run(["umount", "-l", str(point)], check=False)


@pytest.fixture
def mount(tmp_path: Path) -> Iterator[Path]:
    """A 6 MB small file system of the test's own, for the full-disk tests of the core; a test
    module takes it by name (``mount = small_disk.mount``); skipped where mounting is not
    allowed."""
    with small_disk(tmp_path, 6) as point:
        yield point
