"""A ``-journal`` or ``-wal`` beside the case file is applied only when it belongs to it.

SQLite replays whatever ``<name>-wal`` or hot ``<name>-journal`` lies beside a file, even one
copied there from another committee's folder or left by a crashed run before a backup was put
back by hand: cases vanish or a mix appears. So before any connection is made, a side file is
checked on a throw-away copy (file + side file in a temporary folder, opened there so SQLite
applies it): the result must pass ``PRAGMA quick_check``, be a case file, belong to the same
committee, and (for a WAL) still hold every case the file alone holds. A rollback journal must
also carry page 1 with the file's own change counter (it is journaled by every transaction;
https://www.sqlite.org/fileformat2.html#the_rollback_journal). Anything else is renamed aside
with a notice, never applied and never deleted."""

from __future__ import annotations

import shutil
import sqlite3
import struct
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from desktop.core.errors import DamagedError
from desktop.core.store.cipher import CipherConnection
from desktop.core.store.connection import raw_connect
from desktop.core.store.fileid import APPLICATION_ID, SQLITE_MAGIC, read_header

JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")


@dataclass
class Settled:
    """What the opener should do after looking at the side files.

    ``read_from`` is a recovered temporary copy a read-only opener reads instead of the file
    (the file and its side file are left untouched); ``ignore_side`` asks a read-only opener to
    read the file alone (``immutable=1``); ``notices`` are sentences to show the mediator."""

    read_from: Path | None = None
    ignore_side: bool = False
    notices: list[str] = field(default_factory=list)
    temp_dir: Path | None = None


def side_paths(db_path: Path) -> dict[str, Path]:
    return {s: db_path.with_name(db_path.name + s) for s in ("-journal", "-wal", "-shm")}


def hot_journal(db_path: Path) -> Path | None:
    """The rollback journal if it would be replayed (non-empty, valid header)."""
    journal = side_paths(db_path)["-journal"]
    try:
        with open(journal, "rb") as fh:
            head = fh.read(8)
    except FileNotFoundError:
        return None
    return journal if head == JOURNAL_MAGIC else None


def live_wal(db_path: Path) -> Path | None:
    wal = side_paths(db_path)["-wal"]
    try:
        return wal if wal.stat().st_size > 0 else None
    except FileNotFoundError:
        return None


def _journal_page1(journal: Path) -> bytes | None:
    """Page 1 as it was before the interrupted transaction, from the journal's records."""
    data = journal.read_bytes()
    if len(data) < 28:
        return None
    sector, page_size = struct.unpack(">II", data[20:28])
    if not (512 <= sector <= 65536) or not (512 <= page_size <= 65536):
        return None
    offset = sector
    while offset + 4 + page_size + 4 <= len(data):
        pgno = struct.unpack(">I", data[offset : offset + 4])[0]
        if pgno == 1:
            return data[offset + 4 : offset + 4 + page_size]
        if pgno == 0:
            return None
        offset += 4 + page_size + 4
    return None


def _journal_matches_header(db_path: Path, journal: Path) -> bool | None:
    """False when the journal's page 1 shows it belongs to another file or moment; None when
    the journal carries no page 1 (a cache spill before the commit), so only the trial on a
    copy can tell; True when page 1 matches."""
    page1 = _journal_page1(journal)
    header = read_header(db_path)
    if header is None:
        return None
    if page1 is None or not page1.startswith(SQLITE_MAGIC):
        return None
    before = struct.unpack(">I", page1[24:28])[0]
    app_id = struct.unpack(">i", page1[68:72])[0]
    # Page 1 of the file is either not yet rewritten (same counter) or already committed-to
    # (counter + 1); the journal of another file or another moment carries something else.
    return app_id == header.application_id and header.change_counter in (before, before + 1)


def _alone_is_sound(db_path: Path) -> bool:
    try:
        conn = raw_connect(db_path, mode="ro", immutable=True)
        try:
            return bool(conn.execute("PRAGMA quick_check").fetchone()[0] == "ok")
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return False


def _facts(conn: sqlite3.Connection | CipherConnection) -> tuple[str | None, set[str]]:
    """The committee id and the case uuids a connection sees (None/empty when absent)."""
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    committee = None
    if "settings" in names:
        row = conn.execute("SELECT value FROM settings WHERE key = 'committee_id'").fetchone()
        committee = row[0] if row else None
    uuids = {r[0] for r in conn.execute("SELECT uuid FROM cases")} if "cases" in names else set()
    return committee, uuids


def _alone_facts(db_path: Path) -> tuple[str | None, set[str]] | None:
    """What the file alone holds, without its side files; None when it cannot be read alone
    (a file caught half-way through a commit)."""
    try:
        conn = raw_connect(db_path, mode="ro", immutable=True)
        try:
            return _facts(conn)
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return None


def _recover_copy(db_path: Path, side: Path, suffix: str) -> tuple[Path, Path]:
    temp_dir = Path(tempfile.mkdtemp(prefix="wusong-check-"))
    copy = temp_dir / "case.sqlite"
    shutil.copyfile(db_path, copy)
    shutil.copyfile(side, temp_dir / ("case.sqlite" + suffix))
    return temp_dir, copy


def _recovered_is_sound(db_path: Path, copy: Path, *, wal: bool) -> bool:
    alone = _alone_facts(db_path)
    try:
        conn = raw_connect(copy, mode="rw")
        try:
            if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                return False
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            if app_id != APPLICATION_ID and "_sqlite_migrations" not in tables:
                return False
            committee, uuids = _facts(conn)
            conn.execute("PRAGMA journal_mode = DELETE")  # leave a standalone file behind
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return False
    if alone is not None:
        alone_committee, alone_uuids = alone
        if alone_committee is not None and committee != alone_committee:
            return False
        if wal and not alone_uuids <= uuids:
            return False
    return True


def _set_aside(db_path: Path, side: Path, now: datetime) -> Path:
    aside = side.with_name(f"{side.name}.不属于本库-{now:%Y%m%d-%H%M%S}")
    side.replace(aside)
    shm = side_paths(db_path)["-shm"]
    if side.name.endswith("-wal") and shm.exists():
        shm.replace(shm.with_name(f"{shm.name}.不属于本库-{now:%Y%m%d-%H%M%S}"))
    return aside


def settle(db_path: Path, *, writer: bool, now: datetime) -> Settled:
    """Check the side files of a file no other program is writing (the caller holds the
    writer lock, or saw it free). A writer lets SQLite apply a side file that belongs and
    renames aside one that does not; a reader changes nothing on disk.

    Raises OSError when the throw-away copy cannot be made (a full disk)."""
    settled = Settled()
    journal = side_paths(db_path)["-journal"]
    if not writer and hot_journal(db_path) is None and journal.exists() and journal.stat().st_size:
        # Not a journal SQLite would replay, but a read-only connection would still trip on it
        # (it wants to delete it): read the file alone, which is what a writer would see.
        settled.ignore_side = True
    for side, suffix in ((hot_journal(db_path), "-journal"), (live_wal(db_path), "-wal")):
        if side is None:
            continue
        match = True if suffix == "-wal" else _journal_matches_header(db_path, side)
        good = match is not False
        temp_dir: Path | None = None
        if good:
            temp_dir, copy = _recover_copy(db_path, side, suffix)
            good = _recovered_is_sound(db_path, copy, wal=suffix == "-wal")
            if good and not writer:
                settled.read_from, settled.temp_dir = copy, temp_dir
                continue
            shutil.rmtree(temp_dir, ignore_errors=True)
        if good:
            continue  # the writer's own connection applies it
        if suffix == "-journal" and match is None and not _alone_is_sound(db_path):
            # Neither the file alone nor the file with the journal is sound: setting a journal
            # that may be its own aside would make that final. Touch nothing; restore offered.
            raise DamagedError(
                f"{db_path.name} 上次保存到一半时中断，"
                f"旁边的临时文件 {side.name} 也无法把它恢复完整；"
                "请从备份恢复（打开窗口时会提供恢复按钮），两个文件都没有改动。"
            )
        if writer:
            aside = _set_aside(db_path, side, now)
            settled.notices.append(
                f"案件库旁边有一个不属于它的临时文件（{side.name}），已改名为 {aside.name} 保留，"
                "没有用它改动案件库；如果刚从别处复制过案件库，请确认复制的是同一个调委会的文件。"
            )
        else:
            settled.ignore_side = True
            settled.notices.append(
                f"案件库旁边有一个不属于它的临时文件（{side.name}），这次查看没有用它；"
                "下次用窗口打开时会把它改名移开。"
            )
    return settled
