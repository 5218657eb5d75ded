"""The window's background check, which is also the day's automatic backup.

A full ``PRAGMA quick_check`` of the 100,000-case file takes ~14 s (bench/bench_storage.py),
far too long for the 0.5 s start, and a read that long would hold up the window's saves. So
after start a worker thread copies the file through SQLite's backup API in small steps (its
own read-only connection; each step is a short read, so saves go on), checks the COPY, and,
when the copy is sound and no automatic backup was made today, keeps it compressed as today's
``<stem>-自动-<date-time>.sqlite.gz`` and rotates the old ones (10 daily + 12 monthly).
Qt-free: the window runs :func:`check_and_back_up` on a thread and shows the result."""

from __future__ import annotations

import contextlib
import gzip
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop.core.store.backups import (
    _free_space_or_refuse,
    _publish,
    clean_stale_parts,
    daily_backup_due,
    rotate,
)
from desktop.core.store.connection import raw_connect
from desktop.core.store.database import backups_dir

DAMAGE_MARK = ".检查发现损坏"


def damage_mark(db_path: Path) -> Path:
    """Left by a background check that found damage: the next open checks in full (whatever
    the size) and so offers the restore; removed by a sound check or a restore."""
    return db_path.with_name(f".{db_path.name}{DAMAGE_MARK}")


_NO_ROOM = (
    "磁盘空间不够，今天没有做后台检查和自动备份；请腾出一些磁盘空间（已保存的案件不受影响）。"
)


def _is_space_or_io(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return "full" in text or "i/o" in text or "unable to open" in text


@dataclass(frozen=True)
class Health:
    """``problems``: what quick_check found (empty = sound); ``backup``: today's automatic
    backup if one was made now; ``note``: why no backup was made (no room), or ''."""

    problems: tuple[str, ...]
    backup: Path | None = None
    note: str = ""


def check_and_back_up(
    db_path: Path,
    now: datetime,
    *,
    stop: Callable[[], bool] = lambda: False,
    key: bytes | None = None,
) -> Health:
    """Copy, check and (once a day) keep a compressed backup. Raises nothing the window could
    not show: SQLite and file errors come back as problems or a note. ``key``: the file is
    encrypted; the copy (and so the kept backup) is encrypted with the same key."""
    folder = backups_dir(db_path)
    try:
        temp_dir = Path(tempfile.mkdtemp(prefix="wusong-health-"))
        if shutil.disk_usage(temp_dir).free < db_path.stat().st_size * 11 // 10:
            shutil.rmtree(temp_dir, ignore_errors=True)
            return Health((), note=_NO_ROOM)
    except OSError:
        return Health((), note=_NO_ROOM)
    copy = temp_dir / "copy.sqlite"
    try:
        try:
            source = raw_connect(db_path, mode="ro", key=key)
            dest = raw_connect(copy, key=key)
            try:
                # Both ends come from raw_connect with the same key: the same kind.
                source.backup(dest, pages=2048, sleep=0.005)  # type: ignore[arg-type]
            finally:
                dest.close()
                source.close()
        except sqlite3.DatabaseError as exc:
            if _is_space_or_io(exc):  # the temporary copy could not be written: not damage
                return Health((), note=_NO_ROOM)
            return Health((str(exc),))
        if stop():
            return Health(())
        check = raw_connect(copy, key=key)
        try:
            problems = tuple(
                r[0] for r in check.execute("PRAGMA quick_check").fetchall() if r[0] != "ok"
            )
        except sqlite3.DatabaseError as exc:
            problems = (str(exc),)
        finally:
            check.close()
        if problems:
            with contextlib.suppress(OSError):
                damage_mark(db_path).write_text("\n".join(problems[:20]), encoding="utf-8")
            return Health(problems)
        if stop() or not daily_backup_due(folder, db_path.stem, now.date()):
            return Health(problems)
        return Health((), *_keep_compressed(copy, folder, db_path.stem, now))
    finally:
        shutil.rmtree(temp_dir, ignore_errors=True)


def _keep_compressed(copy: Path, folder: Path, stem: str, now: datetime) -> tuple[Path | None, str]:
    from desktop.core.errors import StoreError

    try:
        folder.mkdir(parents=True, exist_ok=True)
        clean_stale_parts(folder)
        _free_space_or_refuse(folder, copy.stat().st_size // 2)
        fd, part_name = tempfile.mkstemp(prefix=f".{stem}-自动.", suffix=".part", dir=folder)
        os.close(fd)
        part = Path(part_name)
        try:
            with open(copy, "rb") as src, gzip.open(part, "wb", compresslevel=1) as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
            with open(part, "rb") as fh:
                os.fsync(fh.fileno())
            target = _publish(part, folder / f"{stem}-自动-{now:%Y%m%d-%H%M%S}.sqlite.gz")
        finally:
            part.unlink(missing_ok=True)
    except StoreError as exc:
        return None, exc.message
    except OSError as exc:
        return None, f"今天的自动备份没有做成（{exc.strerror or exc}），已有的备份没有动。"
    rotate(folder, stem)
    return target, ""
