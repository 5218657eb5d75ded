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
inode lock when it swaps its own file (:meth:`WriterLock.refresh`).

The temp folder's lock files do not pile up (tens of thousands were left after test runs): a
lock file there is removed when its lock is let go. filelock itself never removes a lock file
on Linux — an opener may already hold the path open, then lock a file no longer there while a
third one makes a new file under the name, and both think they hold the lock — but it does
remove it on Windows (a file open elsewhere cannot be deleted there, so nobody can hold it).
On Linux it is safe when the file is removed while the lock is still held, and every opener
checks after locking that what it locked is still in the folder: filelock (4.x) does, and
tries again (a short wait, ``_INODE_WAIT``, lets it). Lock files left by an older release or
a crash are pruned at open, a few at a time, once free. The folder is per user on Linux and
private to them (a folder in /tmp made by one user kept every other user of the machine
from opening any case file); Windows' temp folder is per user already."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from filelock import FileLock, Timeout

from desktop.core.errors import DatabaseLockedError

#: Seconds an opener waits for an inode lock that is being let go (and its file removed).
_INODE_WAIT = 0.1
#: How many stale lock files one open removes at most (a folder of tens of thousands is
#: cleared over many opens without making one slow), and how old they must be.
_PRUNE_AT_ONCE = 200
_PRUNE_AFTER_SECONDS = 600

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
    paths.append(lock_folder() / f"{st.st_dev}-{st.st_ino}.lock")
    return paths


def lock_folder() -> Path:
    """The temp folder of the inode locks: ``wusong-locks`` in Windows' per-user temp folder,
    ``wusong-locks-<uid>`` (private to the user) in the shared one of Linux."""
    name = "wusong-locks" if os.name == "nt" else f"wusong-locks-{os.getuid()}"
    return Path(tempfile.gettempdir()) / name


def _is_inode_lock(path: Path) -> bool:
    return path.parent == lock_folder()


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
                self._locks.remove(lock)
                _let_go(lock)
        held = {Path(lock.lock_file) for lock in self._locks}
        for path in wanted:
            if path not in held:
                self._take(path)

    def _take(self, path: Path) -> None:
        inode = _is_inode_lock(path)
        if inode:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            _prune(path.parent)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(path, timeout=_INODE_WAIT if inode else 0)
        try:
            lock.acquire()
        except Timeout:
            if inode and not _holder_is(path, self.db_path):
                return  # a stale inode lock of a file that is gone: the path lock decides
            raise DatabaseLockedError(LOCKED_MESSAGE) from None
        self._locks.append(lock)
        if inode:
            _write_holder(path, self.db_path)

    def release(self) -> None:
        while self._locks:
            _let_go(self._locks.pop())


def _let_go(lock: FileLock, *, always: bool = False) -> None:
    """Release ``lock``; an inode lock's file and note (or, ``always``, any pruned one's) are
    removed, while it is still held on Linux (Windows: filelock removes the lock file itself
    once it is let go)."""
    path = Path(lock.lock_file)
    if not (always or _is_inode_lock(path)):
        lock.release()
        return
    with contextlib.suppress(OSError):
        _holder_file(path).unlink(missing_ok=True)
    if os.name != "nt":
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)
    lock.release()


def _prune(folder: Path) -> None:
    """Remove up to ``_PRUNE_AT_ONCE`` lock files of ``folder`` older than
    ``_PRUNE_AFTER_SECONDS`` that nobody holds (left by an older release or a crash), with
    their notes, and notes whose lock file is gone; the same in the shared folder an older
    release used on Linux, when it is this user's. Best effort: the folder is read lazily,
    never listed whole (it may hold tens of thousands)."""
    import time

    cutoff = time.time() - _PRUNE_AFTER_SECONDS
    left = _PRUNE_AT_ONCE
    older = folder.with_name("wusong-locks")
    for place in (folder, older) if older != folder else (folder,):
        if place == older and (not older.is_dir() or older.stat().st_uid != os.getuid()):
            continue
        try:
            entries = os.scandir(place)
        except OSError:
            continue
        with entries:
            for entry in entries:
                if left <= 0:
                    return
                left -= _prune_one(entry, cutoff)


def _prune_one(entry: os.DirEntry[str], cutoff: float) -> int:
    """Remove ``entry`` when it is a free lock file (with its note), or a note or half-written
    note of a lock file that is gone, older than ``cutoff``; how many were removed."""
    try:
        if entry.stat().st_mtime > cutoff:
            return 0
    except OSError:
        return 0
    path = Path(entry.path)
    if entry.name.endswith(".lock"):
        probe = FileLock(path, timeout=0)
        try:
            probe.acquire()
        except (Timeout, OSError):
            return 0  # held: a living program's lock
        _let_go(probe, always=True)
        return 1
    stem = entry.name.split(".path", 1)[0]
    if entry.name.endswith(".part") or (
        entry.name.endswith(".path") and not path.with_name(stem + ".lock").exists()
    ):
        with contextlib.suppress(OSError):
            path.unlink()
        return 1
    return 0


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
            if _is_inode_lock(path) and not _holder_is(path, db_path):
                continue  # a stale inode lock of a file that is gone
            return True
        except OSError:
            continue  # a read-only folder: nobody can be writing there
        else:
            probe.release()
    return False
