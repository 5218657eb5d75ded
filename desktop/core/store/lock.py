"""One writer per case file, through ``filelock`` (maintained and tested on Windows, macOS and
Linux; the OS drops its lock when the holder exits or crashes, so a stale lock never keeps the
mediator out).

Two locks are held: one beside the file's real path (symlinks resolved, so a link or a
different spelling of the folder meets the same lock, also from another computer on a shared
folder) and one keyed by the file's device and inode in this computer's temp folder (so a hard
link or a second mount of the same file meets it too)."""

from __future__ import annotations

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
                path.parent.mkdir(parents=True, exist_ok=True)
                lock = FileLock(path, timeout=0)
                lock.acquire()
                self._locks.append(lock)
        except Timeout:
            self.release()
            raise DatabaseLockedError(LOCKED_MESSAGE) from None
        except BaseException:
            self.release()
            raise

    def refresh(self) -> None:
        """Also take the inode lock of a file created after :meth:`acquire`."""
        held = {Path(lock.lock_file) for lock in self._locks}
        for path in lock_paths(self.db_path):
            if path not in held:
                path.parent.mkdir(parents=True, exist_ok=True)
                lock = FileLock(path, timeout=0)
                try:
                    lock.acquire()
                except Timeout:
                    raise DatabaseLockedError(LOCKED_MESSAGE) from None
                self._locks.append(lock)

    def release(self) -> None:
        while self._locks:
            self._locks.pop().release()


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
            return True
        except OSError:
            continue  # a read-only folder: nobody can be writing there
        else:
            probe.release()
    return False
