"""Recognising a committee's case file before SQLite touches it, and naming it for SQLite.

A case file carries our ``PRAGMA application_id`` and its schema version in
``PRAGMA user_version`` (both written when the file is made and on every upgrade). Both live
in the 100-byte SQLite header, so a file is recognised by reading bytes, never by opening it
for writing: a foreign SQLite file, a 0-byte file, a file that is not SQLite at all or a file
written by a newer release is refused and left byte-identical (SQLite file format,
https://www.sqlite.org/fileformat2.html#database_header)."""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path, PurePath, PureWindowsPath
from urllib.parse import quote

from desktop.core.errors import DamagedError, StoreError

# "WSON": any other program's SQLite file carries 0 or its own id here.
APPLICATION_ID = 0x57534F4E
SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100


@dataclass(frozen=True)
class Header:
    """The fields of the SQLite header we rely on (offsets from the file-format page)."""

    page_size: int
    change_counter: int  # offset 24: bumped by every committed transaction in rollback mode
    wal_mode: bool  # offsets 18/19 == 2: the file was last written in WAL mode
    user_version: int  # offset 60: our schema version
    application_id: int  # offset 68

    @classmethod
    def parse(cls, raw: bytes) -> Header:
        page_size = struct.unpack(">H", raw[16:18])[0]
        return cls(
            page_size=65536 if page_size == 1 else page_size,
            change_counter=struct.unpack(">I", raw[24:28])[0],
            wal_mode=raw[18] == 2 or raw[19] == 2,
            user_version=struct.unpack(">i", raw[60:64])[0],
            application_id=struct.unpack(">i", raw[68:72])[0],
        )


def read_header(path: Path) -> Header | None:
    """The header of an SQLite file, or None when the file is not SQLite (or is empty)."""
    with open(path, "rb") as fh:
        raw = fh.read(HEADER_SIZE)
    if len(raw) < HEADER_SIZE or not raw.startswith(SQLITE_MAGIC):
        return None
    header = Header.parse(raw)
    page_ok = header.page_size >= 512 and header.page_size & (header.page_size - 1) == 0
    # Offsets 21-23 are fixed at 64, 32, 32 by the format: anything else is a damaged header.
    if not page_ok or raw[21:24] != b"\x40\x20\x20":
        return None
    return header


def recognise(path: Path, known_version: int) -> Header:
    """Refuse, in one Chinese sentence, a file that is not a case file this release can open.

    Returns the header of an acceptable file: ours (our application id, a schema version up
    to ``known_version``), or one made by the first releases (application id 0), which the
    caller still has to confirm by its migration records.

    Raises StoreError: empty file, not SQLite, another program's SQLite file, newer release.
    """
    size = path.stat().st_size
    if size == 0:
        raise DamagedError(
            f"{path.name} 是一个空文件（0 字节），不是案件库。"
            "如果这是从别处复制来的，请重新复制一次；本程序没有改动它。"
        )
    header = read_header(path)
    if header is None:
        raise DamagedError(
            f"{path.name} 不是本程序的案件库（也不是数据库文件），可能已经损坏或选错了文件；"
            "请从备份恢复或换一个文件，本程序没有改动它。"
        )
    if header.application_id not in (0, APPLICATION_ID):
        raise StoreError(foreign_message(path))
    if not _side_files(path) and (
        size % header.page_size or size < header.page_size * _pages_in_header(path, header)
    ):
        # SQLite always writes whole pages and the header says how many there are: a shorter
        # file lost its tail (a copy cut off, a full stick), which SQLite would read as zeros.
        # A -wal or hot -journal beside it may legitimately hold the rest (a crash mid-write):
        # those are judged by sidefiles and quick_check instead.
        raise DamagedError(
            f"{path.name} 不完整（文件末尾缺了一段，可能没有复制完），里面的案件不能可靠读取；"
            "请从备份恢复或重新复制一次，本程序没有改动它。"
        )
    if header.application_id == APPLICATION_ID and header.user_version > known_version:
        raise StoreError(newer_release_message(path, header.user_version, known_version))
    return header


def _side_files(path: Path) -> bool:
    for suffix in ("-wal", "-journal"):
        side = path.with_name(path.name + suffix)
        if side.exists() and side.stat().st_size > 0:
            return True
    return False


def _pages_in_header(path: Path, header: Header) -> int:
    """The page count at offset 28, or 0 when SQLite's own rule says it is not to be trusted
    (offset 92 must equal the change counter; files written by very old versions)."""
    with open(path, "rb") as fh:
        raw = fh.read(HEADER_SIZE)
    pages, valid_for = struct.unpack(">I", raw[28:32])[0], struct.unpack(">I", raw[92:96])[0]
    return pages if valid_for == header.change_counter else 0


def foreign_message(path: Path) -> str:
    return (
        f"{path.name} 是别的软件的数据库文件，不是本程序的案件库，请换一个文件；本程序没有改动它。"
    )


def newer_release_message(path: Path, version: int, known: int) -> str:
    return (
        f"{path.name} 是用更新版本的无讼调解助手保存的（结构版本 {version}，"
        f"本程序只认识到 {known}），请安装新版本后再打开；文件没有改动。"
    )


def not_ours_message(path: Path) -> str:
    return (
        f"{path.name} 里没有案件库的内容，不是本程序的案件库（如果是在程序打开时复制的，"
        "可能只复制了主文件而漏了旁边的 -wal 文件）；请换一个文件或从备份恢复，本程序没有改动它。"
    )


def sqlite_uri(path: PurePath, **params: str) -> str:
    """A ``file:`` URI for SQLite that survives any folder name: ``# ? % & ' [ ]``, spaces
    and Chinese are percent-escaped, a Windows drive letter becomes ``file:///C:/...`` and a
    UNC share ``file:////server/share/...`` (https://www.sqlite.org/uri.html)."""
    if isinstance(path, Path):
        path = path.absolute()
    if isinstance(path, PureWindowsPath):
        text = path.as_posix()
        # C:/x -> /C:/x (authority empty); //server/share/x stays, giving file:////server/...
        body = text if text.startswith("//") else "/" + text
    else:
        body = str(path)
    uri = "file://" + quote(body, safe="/:")
    if params:
        uri += "?" + "&".join(f"{k}={quote(v, safe='')}" for k, v in params.items())
    return uri
