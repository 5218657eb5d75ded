"""The last resort of every seam (CLI, window, import, export, reports): an exception nobody
expected (a bug, a library's surprise) becomes ONE Chinese sentence saying what did not get
done and what to do; the technical detail (class, message, traceback) goes to the log file
only, never into the sentence (an older mediator cannot use ``TypeError``)."""

from __future__ import annotations

import os
import sqlite3
import traceback
from datetime import datetime
from pathlib import Path

from desktop.core.errors import MediationError
from desktop.core.paths import expanded, path_fault, user_data_dir

#: Where the log file is (tests and technicians may point it elsewhere).
LOG_ENV = "WUSONG_LOG"
#: The log is cut back to its newer half past this size, so it never fills a disk.
_MAX_LOG_BYTES = 2 * 1024 * 1024


#: SQLite errors that are the program's fault (a constraint, a misuse), not the disk's or the
#: file's: told as unforeseen, never as "the file is damaged, restore a backup".
PROGRAM_FAULTS = (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError)


def is_file_fault(exc: BaseException) -> bool:
    """An SQLite error about the file or the disk (full, read-only, locked, damaged, I/O)."""
    return isinstance(exc, sqlite3.Error) and not isinstance(exc, PROGRAM_FAULTS)


class UnexpectedError(MediationError):
    """A failure nobody foresaw, told as one sentence (see :func:`unexpected`)."""


def log_path() -> Path:
    """``WUSONG_LOG`` if set, else ``<user data>/wusong-log.txt`` — also when ``WUSONG_LOG``
    holds a character no file name may hold (a NUL made Python's ValueError inside the last
    resort itself): the log is for the technician, and it is better kept in its usual place
    than lost."""
    override = os.environ.get(LOG_ENV)
    if override and not path_fault(override):
        return expanded(override)
    return user_data_dir() / "wusong-log.txt"


def record(exc: BaseException, action: str) -> Path | None:
    """Append the time, ``action`` and the whole traceback of ``exc`` to the log; the log's
    path, or None when even the log cannot be written (the sentence is told all the same)."""
    path = log_path()
    text = f"=== {datetime.now().isoformat(timespec='seconds')} {action}\n" + "".join(
        traceback.format_exception(type(exc), exc, exc.__traceback__)
    )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.stat().st_size > _MAX_LOG_BYTES:
            kept = path.read_bytes()[-_MAX_LOG_BYTES // 2 :]
            path.write_bytes(kept)
        with path.open("a", encoding="utf-8") as fh:
            fh.write(text)
    except (OSError, ValueError):  # ValueError: a name the system cannot take
        return None
    return path


def unexpected(action: str, exc: BaseException, *, unchanged: str = "") -> UnexpectedError:
    """The one sentence for ``exc`` while doing ``action`` (e.g. “导入报送包 a.zip”), with the
    detail recorded in the log (:func:`log_path`): what did not get done, ``unchanged`` (what
    is safe, e.g. “案件库没有任何改动”), what to do. Never the exception's class, its English
    text or the log's path."""
    # The log's place is for the technician (docs, ``WUSONG_LOG``): the sentence stays in
    # Chinese words only, without a path of Latin letters.
    where = "，详细情况已记入程序的日志" if record(exc, action) else ""
    safe = f"{unchanged}；" if unchanged else ""
    return UnexpectedError(
        f"{action}没有完成：程序遇到了意外情况{where}；{safe}"
        "请关闭程序重新打开后再试一次，仍不行请把这句话告诉技术人员。"
    )
