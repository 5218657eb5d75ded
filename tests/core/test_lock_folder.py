"""The temp folder of the inode locks (desktop/core/store/lock.py) neither piles up nor keeps
other users out (kinds: lock files never removed — tens of thousands left after test runs;
a lock folder in the shared /tmp made by one OS user, where no other user may write, so a
second user of the machine could open no case file at all). A lock file is removed when its
lock is let go, stale ones left by a crash or an older release are pruned at open (a held
one never), and each user has a private folder of his own."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import tempfile
import time
from pathlib import Path

import pytest
from filelock import FileLock
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.errors import DatabaseLockedError
from desktop.core.store import open_store
from desktop.core.store.lock import WriterLock, lock_folder, lock_paths
from desktop.core.store.password import remove_password, set_password


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    files=st.integers(1, 3),
    opens=st.lists(st.sampled_from(["open", "password", "second"]), min_size=1, max_size=4),
)
def test_a_lock_file_is_gone_once_its_lock_is_let_go(
    tmp_path_factory: pytest.TempPathFactory, files: int, opens: list[str]
) -> None:
    folder = tmp_path_factory.mktemp("locks")
    seen: set[Path] = set()
    for n, how in enumerate(opens):
        path = folder / f"案件库{n % files}.sqlite"
        store = open_store(path)
        try:
            seen |= set(lock_paths(path)[1:])
            assert lock_paths(path)[1].exists()  # held while open
            if how == "password":
                set_password(store, "星光村调委会2026")
                seen |= set(lock_paths(path)[1:])
                remove_password(store, "星光村调委会2026")
                seen |= set(lock_paths(path)[1:])
            if how == "second":
                with pytest.raises(DatabaseLockedError):
                    WriterLock(path).acquire()  # removing files never lets a second writer in
        finally:
            store.close()
    left = [p for p in seen if p.exists() or p.with_suffix(".path").exists()]
    assert left == []


def test_stale_lock_files_are_pruned_at_open_and_a_held_one_is_kept(tmp_path: Path) -> None:
    folder = lock_folder()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    old = time.time() - 3600
    stale = [folder / f"999999-{n}.lock" for n in range(5)]
    notes = [p.with_suffix(".path") for p in stale]
    orphan = folder / "999998-1.path"
    for p in [*stale, *notes, orphan]:
        p.write_text("x", encoding="utf-8")
        os.utime(p, (old, old))
    held = FileLock(folder / "999997-1.lock", timeout=0)
    held.acquire()  # a living program's lock (another descriptor: flock keeps it out)
    os.utime(folder / "999997-1.lock", (old, old))
    try:
        open_store(tmp_path / "案件库.sqlite").close()
        assert not [p for p in [*stale, *notes, orphan] if p.exists()]
        assert (folder / "999997-1.lock").exists()
    finally:
        held.release()
        (folder / "999997-1.lock").unlink(missing_ok=True)


def test_each_user_has_a_private_lock_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    mine = lock_folder()
    assert mine.name == f"wusong-locks-{os.getuid()}"
    assert mine.stat().st_mode & 0o777 == 0o700
    monkeypatch.setattr(os, "getuid", lambda: 4242)
    assert lock_folder() != mine


def _open_as(uid: int, db: str, done: multiprocessing.Queue) -> None:
    """In a child process: become ``uid`` (everything is imported first: the interpreter's
    own folder may be closed to that user), open ``db`` and say how it went."""
    warm = Path(tempfile.mkdtemp()) / "warm.sqlite"
    open_store(warm).close()
    shutil.rmtree(warm.parent, ignore_errors=True)
    os.setgid(uid)
    os.setuid(uid)
    try:
        open_store(Path(db)).close()
    except Exception as exc:  # noqa: BLE001 - reported to the parent
        done.put(f"{type(exc).__name__}: {exc}")
    else:
        done.put("ok")


@pytest.mark.skipif(
    not hasattr(os, "getuid") or os.getuid() != 0, reason="needs root to be two users"
)
def test_a_second_os_user_is_not_locked_out(tmp_path: Path) -> None:
    # The first user opens a case file: the old shared folder would now be his alone.
    open_store(tmp_path / "root.sqlite").close()
    shared = lock_folder().with_name("wusong-locks")
    shared.mkdir(mode=0o755, exist_ok=True)
    # The second user's own folder (pytest's is closed to other users).
    theirs = Path(tempfile.mkdtemp(prefix="wusong-other-user-"))
    try:
        os.chmod(theirs, 0o755)
        os.chown(theirs, 65534, 65534)
        fork = multiprocessing.get_context("fork")
        done: multiprocessing.Queue = fork.Queue()
        child = fork.Process(target=_open_as, args=(65534, str(theirs / "案件库.sqlite"), done))
        child.start()
        child.join(60)
        assert done.get(timeout=5) == "ok"
    finally:
        shutil.rmtree(theirs, ignore_errors=True)
