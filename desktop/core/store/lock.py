"""One writer per case file, through ``filelock`` (maintained and tested on Windows, macOS and
Linux; the OS drops its lock when the holder exits or crashes, so a stale lock never keeps the
mediator out).

Two locks are held: one beside the file's real path (symlinks resolved, so a link or a
different spelling of the folder meets the same lock, also from another computer on a shared
folder) and one keyed by the file's device and inode in this computer's temp folder (so a hard
link or a second mount of the same file meets it too).

An inode number is reused once its file is gone. A holder whose file was swapped for a new one
(a password set, a file deleted or replaced by another program) would still hold the old
number's lock and keep out an unrelated file that later gets that number. So the holder writes
its real path beside the inode lock, and a later opener that finds the inode lock held checks
that path: only when it still names this very file (a hard link, a second mount) is the file
in use; otherwise the lock is stale and the path lock alone decides. The store also moves its
inode lock when it swaps its own file (:meth:`WriterLock.refresh`)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from filelock import FileLock, Timeout

from desktop.core.errors import DatabaseLockedError

LOCKED_MESSAGE = (
    "案件数据库正被另一个程序使用（另一个“无讼调解助手”窗口或命令），为防止数据损坏，不能同时修改。"
    "请先关闭另一个“无讼调解助手”窗口或命令，再重试。"
)


def lock_paths(db_path: Path) -> list[Path]:
    """Where the locks of ``db_path`` live (the inode lock only once the file exists)."""
    real = db_path.resolve()
    paths = [real.with_name(real.name + ".lock")]
    try:
        st = real.stat()
    except FileNotFoundError:
        return paths
    folder = Path(tempfile.gettempdir()) / "wusong-locks"
    paths.append(folder / f"{st.st_dev}-{st.st_ino}.lock")
    return paths


class WriterLock:
    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self._locks: list[FileLock] = []

    @property
    def path(self) -> Path:
        return lock_paths(self.db_path)[0]

    def acquire(self) -> None:
        """Take both locks or neither. Raises DatabaseLockedError when another program holds
        one; OSError when the lock file cannot be made (a read-only folder)."""
        try:
            for path in lock_paths(self.db_path):
                self._take(path)
        except BaseException:
            self.release()
            raise

    def refresh(self) -> None:
        """Follow the file after it was created or swapped for a new one (new inode): let go of
        the inode lock of the file that is gone, take the new file's. Raises
        DatabaseLockedError when another program holds the new one."""
        wanted = lock_paths(self.db_path)
        for lock in list(self._locks):
            if Path(lock.lock_file) not in wanted:
                lock.release()
                self._locks.remove(lock)
        held = {Path(lock.lock_file) for lock in self._locks}
        for path in wanted:
            if path not in held:
                self._take(path)

    def _take(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(path, timeout=0)
        try:
            lock.acquire()
        except Timeout:
            if path.parent.name == "wusong-locks" and not _holder_is(path, self.db_path):
                return  # a stale inode lock of a file that is gone: the path lock decides
            raise DatabaseLockedError(LOCKED_MESSAGE) from None
        self._locks.append(lock)
        if path.parent.name == "wusong-locks":
            _write_holder(path, self.db_path)

    def release(self) -> None:
        while self._locks:
            self._locks.pop().release()


def _holder_file(lock: Path) -> Path:
    return lock.with_suffix(".path")


def _write_holder(lock: Path, db_path: Path) -> None:
    """Note which file the inode lock ``lock`` is held for (best effort: a folder that cannot
    take the note leaves the lock strict)."""
    note = _holder_file(lock)
    part = note.with_name(f"{note.name}.{os.getpid()}.part")
    with contextlib.suppress(OSError):
        part.write_text(str(db_path.resolve()), encoding="utf-8")
        os.replace(part, note)


def _holder_is(lock: Path, db_path: Path) -> bool:
    """Whether the held inode ``lock`` is held for ``db_path``'s very file: the path its holder
    noted still has this file's device and inode. No note (an older release) counts as yes."""
    try:
        noted = Path(_holder_file(lock).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return True
    try:
        theirs, ours = noted.stat(), db_path.resolve().stat()
    except OSError:
        return False  # the holder's file is gone: its lock names a reused number
    return (theirs.st_dev, theirs.st_ino) == (ours.st_dev, ours.st_ino)


def writer_active(db_path: Path) -> bool:
    """True when another program holds the writer lock (readers then leave any journal to the
    living writer). Never creates a lock file that is not already there."""
    for path in lock_paths(db_path):
        if not path.exists():
            continue
        probe = FileLock(path, timeout=0)
        try:
            probe.acquire()
        except Timeout:
            if path.parent.name == "wusong-locks" and not _holder_is(path, db_path):
                continue  # a stale inode lock of a file that is gone
            return True
        except OSError:
            continue  # a read-only folder: nobody can be writing there
        else:
            probe.release()
    return False
