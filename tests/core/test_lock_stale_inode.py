"""The writer lock keyed by device and inode (kind: a lock left on an inode number whose file is
gone keeps an unrelated file out once the number is reused — seen as a spurious "正被另一个程序
使用" in full test runs). A hard link of the open file must still be kept out."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from filelock import FileLock
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.errors import DatabaseLockedError
from desktop.core.store import open_store
from desktop.core.store.lock import WriterLock, lock_paths, writer_active
from desktop.core.store.password import remove_password, set_password

NAMES = st.text(
    st.characters(codec="utf-8", exclude_characters="/\\\x00", exclude_categories=("Cs", "Cc")),
    min_size=1,
    max_size=12,
).filter(lambda n: n.strip(". ") == n and n not in {".", ".."})


def _inode_lock(path: Path) -> Path:
    return lock_paths(path)[1]


def _held_by_other(lock: Path, noted: Path | None) -> FileLock:
    """Hold ``lock`` as another program would (a second descriptor: flock keeps it out), with
    ``noted`` as the file its holder wrote down."""
    other = FileLock(lock, timeout=0)
    lock.parent.mkdir(parents=True, exist_ok=True)
    other.acquire()
    if noted is not None:
        lock.with_suffix(".path").write_text(str(noted), encoding="utf-8")
    return other


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=NAMES, holder=st.sampled_from(["gone", "other file", "hard link", "same path"]))
def test_a_held_inode_lock_keeps_out_only_the_very_same_file(
    tmp_path_factory: pytest.TempPathFactory, name: str, holder: str
) -> None:
    folder = tmp_path_factory.mktemp("lk")
    path = folder / f"{name}.sqlite"
    path.write_bytes(b"")
    noted = {
        "gone": folder / "已删除的旧文件.sqlite",
        "other file": folder / "另一个库.sqlite",
        "hard link": folder / "硬链接.sqlite",
        "same path": path,
    }[holder]
    if holder == "other file":
        noted.write_bytes(b"x")
    if holder == "hard link":
        os.link(path, noted)
    other = _held_by_other(_inode_lock(path), noted)
    try:
        in_use = holder in {"hard link", "same path"}
        assert writer_active(path) is in_use
        lock = WriterLock(path)
        if in_use:
            with pytest.raises(DatabaseLockedError):
                lock.acquire()
            assert not lock._locks  # both or neither
        else:
            lock.acquire()  # the stale number's lock does not keep this file out
            lock.release()
    finally:
        other.release()


def test_a_password_set_and_removed_moves_the_inode_lock_to_the_new_file(tmp_path: Path) -> None:
    path = tmp_path / "案件库.sqlite"
    store = open_store(path)
    try:
        for change in ("set", "remove"):
            old_lock = _inode_lock(path)
            if change == "set":
                set_password(store, "星光村调委会2026")
            else:
                remove_password(store, "星光村调委会2026")
            new_lock = _inode_lock(path)
            assert new_lock != old_lock  # the swap made a new file (a new inode)
            assert store._lock is not None
            assert {Path(lk.lock_file) for lk in store._lock._locks} == set(lock_paths(path))
            freed = FileLock(old_lock, timeout=0)
            freed.acquire()  # the gone file's number is free for whoever gets it next
            freed.release()
            with pytest.raises(DatabaseLockedError):
                WriterLock(path).acquire()  # and the new file is still ours alone
    finally:
        store.close()
