"""A package written to the USB stick and the record of it in the case file are one unit; any
failure of an export is one Chinese sentence."""

from __future__ import annotations

import contextlib
import functools
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Concatenate, ParamSpec, TypeVar

from desktop.core.errors import MediationError, StoreError
from desktop.core.store.casedb import translate
from desktop.core.store.database import DiskFullError
from desktop.core.unexpected import is_file_fault, unexpected

if TYPE_CHECKING:
    from desktop.core.store.store import Store


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_ino, st.st_size, st.st_mtime_ns


@contextlib.contextmanager
def package_undone_unless_recorded(store: Store, package: Path) -> Iterator[None]:
    """A package and the record of it (how far this export reached; a hand-off's escalation)
    stand or fall together: when recording fails (a full disk), the package just written is
    deleted, and the sentence says the package was NOT made — never "the change was not
    saved" beside a package that looks finished. A file that was there before and was not
    written in the block is left alone. Raises StoreError."""
    before = _stamp(package)
    try:
        yield
    except BaseException as exc:
        if _stamp(package) != before or before is None:
            package.unlink(missing_ok=True)
        if isinstance(exc, DiskFullError):
            name = store.path.name if store.path else "案件库"
            raise StoreError(
                f"磁盘已满，{name} 记不下这次导出，报送包“{package.name}”没有导出（已删除，"
                "没有留下半个文件）；请删除一些不要的文件或换一个有空间的磁盘后再导出。"
            ) from exc
        raise


@contextlib.contextmanager
def export_last_resort(store: Store, path: Path) -> Iterator[None]:
    """Any failure of an export is one Chinese sentence naming the package and the case
    file: the core's and the disk's own sentences pass; SQLite's are named by the case file;
    anything unforeseen says the export was not made (the file is deleted by
    package_undone_unless_recorded) with the detail in the log only."""
    try:
        yield
    except (MediationError, OSError):
        raise
    except sqlite3.Error as exc:
        if not is_file_fault(exc):
            raise unexpected(
                f"导出报送包“{Path(path).name}”", exc, unchanged="没有写出报送包"
            ) from exc
        told = translate(exc, store.path.name if store.path else "案件库")
        raise type(told)(f"报送包“{Path(path).name}”没有导出。{told.message}") from exc
    except Exception as exc:
        raise unexpected(f"导出报送包“{Path(path).name}”", exc, unchanged="没有写出报送包") from exc


_P = ParamSpec("_P")
_R = TypeVar("_R")


def last_resort(
    export: Callable[Concatenate[Store, Path, _P], _R],
) -> Callable[Concatenate[Store, Path, _P], _R]:
    """``export`` (store, package path, …) run inside :func:`export_last_resort`: one
    decorator for every exporter instead of a wrapper repeating each one's arguments."""

    @functools.wraps(export)
    def run(store: Store, path: Path, /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        with export_last_resort(store, path):
            return export(store, path, *args, **kwargs)

    return run
