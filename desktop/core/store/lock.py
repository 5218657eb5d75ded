"""One writer per database file. An OS lock on ``<db>.lock`` is held while a program has the
file open for writing; the OS drops it when that program exits or crashes, so a stale lock
can never keep the mediator out."""

from __future__ import annotations

import json
import os
import socket
import sys
from datetime import datetime
from pathlib import Path
from typing import IO

from desktop.core.errors import DatabaseLockedError


class WriterLock:
    def __init__(self, db_path: Path) -> None:
        self.path = db_path.with_name(db_path.name + ".lock")
        self._handle: IO[str] | None = None

    def acquire(self) -> None:
        handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held until release()
        try:
            _lock(handle)
        except OSError:
            try:
                handle.seek(0)
                holder = _describe(handle.read())
            except OSError:  # Windows refuses reads of the locked byte
                holder = "另一个进程"
            handle.close()
            raise DatabaseLockedError(
                f"案件数据库正被另一个程序使用（{holder}），为防止数据损坏，不能同时修改。"
                "请先关闭另一个“无讼调解助手”窗口或命令，再重试。"
            ) from None
        handle.seek(0)
        handle.truncate()
        info = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "since": datetime.now().isoformat(timespec="seconds"),
        }
        handle.write(json.dumps(info))
        handle.flush()
        self._handle = handle

    def release(self) -> None:
        if self._handle is not None:
            try:
                _unlock(self._handle)
            finally:
                self._handle.close()
                self._handle = None


def _describe(raw: str) -> str:
    try:
        info = json.loads(raw)
        return f"进程 {info['pid']}，{info['since'].replace('T', ' ')} 起"
    except (ValueError, KeyError, TypeError):
        return "另一个进程"


if sys.platform == "win32":  # pragma: no cover - exercised on Windows builds only
    import msvcrt

    def _lock(handle: IO[str]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(handle: IO[str]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
