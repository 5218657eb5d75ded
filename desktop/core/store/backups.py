"""Backups: consistent copies through ``VACUUM INTO`` (it goes through the open connection, so
it carries an encryption key and never copies a half-written page), written under a unique
temporary name and renamed, never over another backup; automatic ones compressed and rotated
(10 daily + 12 monthly); a copy that would fill the disk is refused before it starts."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlite_utils import Database

from desktop.core import ondisk
from desktop.core.errors import StoreError
from desktop.core.store.fileid import sqlite_uri

KEEP_DAILY = 10
KEEP_MONTHLY = 12
STALE_PART_SECONDS = 600  # a .part older than this belongs to a killed backup
OFFSITE_MARK = ".最近一次备份到其他磁盘.json"


def _free_space_or_refuse(folder: Path, needed: int) -> None:
    free = shutil.disk_usage(folder).free
    if free < needed + needed // 10 + (1 << 20):  # 10 % slack: the copy may come out larger
        raise StoreError(
            f"{folder} 所在的磁盘空间不够：备份约需 {needed // (1 << 20) + 1} MB，"
            f"只剩 {free // (1 << 20)} MB；请腾出空间或换一个U盘后再备份，原来的备份都没有动。"
        )


def _db_size(db: Database) -> int:
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    size = db.execute("PRAGMA page_size").fetchone()[0]
    return int(pages) * int(size)


def clean_stale_parts(folder: Path) -> int:
    """Remove ``.part`` files left by a killed backup; returns how many."""
    if not folder.is_dir():
        return 0
    removed = 0
    cutoff = time.time() - STALE_PART_SECONDS
    for part in folder.glob(".*.part"):
        try:
            if part.stat().st_mtime < cutoff:
                part.unlink()
                removed += 1
        except OSError:
            continue
    return removed


def _publish(part: Path, target: Path) -> Path:
    """Rename ``part`` to ``target`` or, if that name is taken, ``target-2``, ``-3``... never
    replacing an existing backup (two backups in one second both survive)."""
    stem, suffix = target.name.split(".", 1)
    n = 1
    while True:
        name = target if n == 1 else target.with_name(f"{stem}-{n}.{suffix}")
        ondisk.writing(name)  # a Ctrl-C from here on tells the backup made
        try:
            os.link(part, name)  # fails if the name exists: no overwrite, no race
        except FileExistsError:
            n += 1
            continue
        except OSError:  # FAT32/exFAT USB sticks have no hard links
            if name.exists():
                n += 1
                continue
            os.replace(part, name)
            return name
        part.unlink()
        return name


def vacuum_copy(db: Database, target: Path, *, compress: bool = False) -> Path:
    """A consistent, compact copy of the live database at ``target`` (or the first free
    ``target-N``), gzip-compressed when ``compress``. Nothing appears under a backup name
    unless it is complete; a failure leaves no file behind.

    Raises StoreError when the disk has too little room; OSError on other write failures."""
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"不能建立备份文件夹 {folder}（{exc.strerror}），请换一个位置。") from exc
    clean_stale_parts(folder)
    size = _db_size(db)
    _free_space_or_refuse(folder, size * (2 if compress else 1))
    fd, raw_name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=".part", dir=folder)
    os.close(fd)
    raw = Path(raw_name)
    ondisk.temporary(raw)
    parts = [raw]
    try:
        db.execute("VACUUM INTO ?", [sqlite_uri(raw)])
        final = raw
        if compress:
            fd, gz_name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=".part", dir=folder)
            os.close(fd)
            final = Path(gz_name)
            ondisk.temporary(final)
            parts.append(final)
            with open(raw, "rb") as src, gzip.open(final, "wb", compresslevel=1) as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
        with open(final, "rb") as fh:
            os.fsync(fh.fileno())
        published = _publish(final, target)
    except OSError as exc:
        import errno

        if exc.errno == errno.ENOSPC:
            raise StoreError(
                f"{folder} 所在的磁盘已满，备份没有做成（没有留下半截文件）；"
                "请腾出空间或换一个U盘后再备份。"
            ) from exc
        raise
    except Exception as exc:
        from desktop.core.store.database import DiskFullError, translate

        if isinstance(exc, StoreError):
            raise
        import sqlite3

        if isinstance(exc, sqlite3.Error):
            found = translate(exc, target.name)
            if isinstance(found, DiskFullError):
                raise StoreError(
                    f"{folder} 所在的磁盘已满，备份 {target.name} 没有做成（没有留下半截文件）；"
                    "请腾出空间或换一个U盘后再备份。"
                ) from exc
            raise found from exc
        raise
    finally:
        for part in parts:
            part.unlink(missing_ok=True)
    return published


@dataclass(frozen=True)
class AutoBackup:
    path: Path
    day: date


def auto_backups(folder: Path, stem: str) -> list[AutoBackup]:
    """Automatic backups in ``folder``, newest first."""
    found = []
    for p in folder.glob(f"{stem}-自动-*.sqlite.gz"):
        tail = p.name[len(stem) + 4 :]
        try:
            day = datetime.strptime(tail[:8], "%Y%m%d").date()
        except ValueError:
            continue
        found.append(AutoBackup(p, day))
    return sorted(found, key=lambda b: (b.day, b.path.name), reverse=True)


def rotate(folder: Path, stem: str) -> list[Path]:
    """Keep the newest automatic backup of each of the last 10 days that have one and of
    each of the last 12 months; delete the rest. Returns the deleted paths."""
    backups = auto_backups(folder, stem)
    keep: set[Path] = set()
    days: set[date] = set()
    months: set[tuple[int, int]] = set()
    for b in backups:
        if b.day not in days and len(days) < KEEP_DAILY:
            days.add(b.day)
            keep.add(b.path)
        month = (b.day.year, b.day.month)
        if month not in months and len(months) < KEEP_MONTHLY:
            months.add(month)
            keep.add(b.path)
    removed = []
    for b in backups:
        if b.path not in keep:
            b.path.unlink(missing_ok=True)
            removed.append(b.path)
    return removed


def daily_backup_due(folder: Path, stem: str, today: date) -> bool:
    backups = auto_backups(folder, stem)
    return not backups or backups[0].day != today


def mark_offsite(db_path: Path, folder: Path, target: Path, when: datetime) -> bool:
    """Remember a backup that went to another drive (a USB stick); True when it did."""
    try:
        other = folder.resolve().stat().st_dev != db_path.resolve().parent.stat().st_dev
    except OSError:
        return False
    if other:
        from desktop.core.fsutil import atomic_write_bytes
        from desktop.core.store.database import backups_dir

        mark = backups_dir(db_path) / OFFSITE_MARK
        info = {"at": when.isoformat(timespec="seconds"), "to": str(target)}
        try:
            atomic_write_bytes(mark, json.dumps(info, ensure_ascii=False).encode("utf-8"))
        except OSError:
            return False
    return other


def last_offsite(db_path: Path) -> datetime | None:
    from desktop.core.store.database import backups_dir

    try:
        info = json.loads((backups_dir(db_path) / OFFSITE_MARK).read_text(encoding="utf-8"))
        return datetime.fromisoformat(info["at"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
