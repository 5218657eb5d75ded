"""Plain copies left by a crash. Kind: decrypted attachment views and the recovery sheet live
in a private temporary folder removed at exit — a killed run left them (plain ID photos, the
recovery key) in the system temp folder for good. The next run removes the folder of any run
that is no longer alive, and never the folder of one that is."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from desktop.core.store.filecrypt import clear_abandoned

ROOT = Path(__file__).resolve().parents[2]
CHILD = textwrap.dedent(
    """
    import sys, time
    from desktop.core.store.filecrypt import private_folder
    folder = private_folder()
    (folder / "身份证.jpg").write_bytes(b"plain photo")
    print(folder, flush=True)
    time.sleep(120)
    """
)


def _child() -> tuple[subprocess.Popen[str], Path]:
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    return proc, Path(proc.stdout.readline().strip())


def test_a_killed_runs_plain_views_are_removed_and_a_living_runs_kept() -> None:
    alive, alive_folder = _child()
    dead, dead_folder = _child()
    try:
        dead.send_signal(signal.SIGKILL)
        dead.wait(timeout=30)
        assert (dead_folder / "身份证.jpg").exists()  # what a crash leaves
        removed = clear_abandoned()
        assert dead_folder in removed and not dead_folder.exists()
        assert (alive_folder / "身份证.jpg").exists() and alive_folder not in removed
    finally:
        alive.kill()
        alive.wait(timeout=30)
    clear_abandoned()
    assert not alive_folder.exists()


def test_opening_an_encrypted_file_removes_what_a_killed_run_left(tmp_path: Path) -> None:
    from desktop.core.store import open_store
    from desktop.core.store.password import set_password

    path = tmp_path / "c.sqlite"
    s = open_store(path)
    set_password(s, "星光村调委会2026")
    s.close()
    dead, folder = _child()
    dead.send_signal(signal.SIGKILL)
    dead.wait(timeout=30)
    open_store(path, password="星光村调委会2026", readonly=True).close()  # e.g. `case list`
    assert not folder.exists()


def test_an_earlier_releases_folder_is_removed_only_when_long_left_alone() -> None:
    """Folders of an earlier release carry no lock: one that may belong to a running program
    (touched recently) is kept; one left for more than half a day is removed."""
    import tempfile
    import time

    base = Path(tempfile.gettempdir())
    fresh = Path(tempfile.mkdtemp(prefix="wusong-view-", dir=base))
    stale = Path(tempfile.mkdtemp(prefix="wusong-view-", dir=base))
    (stale / "身份证.jpg").write_bytes(b"plain photo")
    old = time.time() - 13 * 3600
    os.utime(stale, (old, old))
    try:
        removed = clear_abandoned()
        assert stale in removed and not stale.exists()
        assert fresh.exists() and fresh not in removed
    finally:
        import shutil

        shutil.rmtree(fresh, ignore_errors=True)
        shutil.rmtree(stale, ignore_errors=True)
