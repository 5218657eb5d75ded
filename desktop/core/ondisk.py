"""What a command has changed on disk, read from the disk itself: the command line's Ctrl-C
sentence says 「什么也没有改动」 only when this says nothing changed.

A count of commits kept beside SQLite missed what committed outside the count (the upgrade's
own transactions, a statement run outside ``atomic()``) and the moment between a COMMIT and
the count. So the case files are compared instead: SQLite rewrites a file's first page at
every commit (the header's change counter; an encrypted file's page is encrypted anew), and a
rolled-back transaction leaves it as it was, so a first page that differs from the one read
when the command opened the file is a committed change, whichever path committed it.

Nothing is recorded between :func:`begin` and :func:`end` (the command line calls them as a
command starts and ends): the window never calls them, so a long-running window keeps nothing
here. Qt-free; stdlib only (the
command line imports this while a Ctrl-C may still arrive)."""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from pathlib import Path

#: Bytes compared: SQLite's first page at its smallest size used here (4 KB pages).
_FIRST = 4096


@dataclass
class _Record:
    on: bool = False
    #: Case file -> its first page when the command first opened it (None: no file then).
    case_files: dict[Path, bytes | None] = field(default_factory=dict)
    #: Case file -> its key file's bytes then (None: no key file): a new password is only there.
    key_files: dict[Path, bytes | None] = field(default_factory=dict)
    #: Encrypted case file -> the key the command opened it with (to read its version).
    keys: dict[Path, bytes] = field(default_factory=dict)
    #: Case file -> [first page before its upgrade, first page after it (None: unfinished)].
    upgrades: dict[Path, list[bytes | None]] = field(default_factory=dict)
    #: The backup taken before each upgrade.
    upgrade_backups: dict[Path, Path] = field(default_factory=dict)
    #: Case files this command made: their first page as made (nothing in them yet).
    created: dict[Path, bytes | None] = field(default_factory=dict)
    #: Files written (documents, packages, backups) -> (size, mtime_ns, inode) before; None: absent.
    written: dict[Path, tuple[int, int, int] | None] = field(default_factory=dict)
    #: Temporary files that must not outlive the command (a new case file's ``.new``).
    temporary: list[Path] = field(default_factory=list)


_NOW = _Record()


def begin() -> None:
    """Start recording (a command starts): whatever was recorded before is forgotten."""
    global _NOW
    _NOW = _Record(on=True)


def end() -> None:
    """Stop recording and forget (the command ended)."""
    global _NOW
    _NOW = _Record()


def first_page(path: Path) -> bytes | None:
    """The file's first 4 KB, or None when there is no file (an unreadable one reads as b"")."""
    try:
        with open(path, "rb") as fh:
            return fh.read(_FIRST)
    except FileNotFoundError:
        return None
    except OSError:
        return b""


def _signature(path: Path) -> tuple[int, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns, st.st_ino


def watch(path: Path, key: bytes | None = None) -> None:
    """A case file about to be opened for writing: its first page as it is now (kept from the
    first time the command opens it); ``key``: the file is encrypted with it."""
    if _NOW.on and key is not None:
        _NOW.keys[path] = key
    if _NOW.on and path not in _NOW.case_files:
        _NOW.case_files[path] = first_page(path)
        _NOW.key_files[path] = _bytes(path.with_name(path.name + KEY_SUFFIX))


def _bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def upgrading(path: Path) -> None:
    """The case file's migrations (or header stamp) are about to run."""
    if _NOW.on:
        _NOW.upgrades[path] = [first_page(path), None]


def upgrade_backup(path: Path, backup: Path) -> None:
    """The copy taken before ``path``'s upgrade (also a file written)."""
    if _NOW.on:
        _NOW.upgrade_backups[path] = backup
        writing(backup)


def upgraded(path: Path) -> None:
    """The case file's upgrade finished: later changes of its first page are the command's."""
    if _NOW.on and path in _NOW.upgrades:
        _NOW.upgrades[path][1] = first_page(path)


def creating(path: Path, made: Path) -> None:
    """A new case file is about to be put at ``path`` from the complete file ``made``."""
    if _NOW.on:
        _NOW.created[path] = first_page(made)
        _NOW.case_files.setdefault(path, None)


def writing(path: Path) -> None:
    """A file is about to be made or replaced at ``path`` (before its rename into place)."""
    if _NOW.on and path not in _NOW.written:
        _NOW.written[path] = _signature(path)


def temporary(path: Path) -> None:
    """``path`` is a temporary file of the command's: :func:`tidy` removes it if left."""
    if _NOW.on:
        _NOW.temporary.append(path)


@dataclass(frozen=True)
class Upgrade:
    """A case file upgraded by the command: ``whole`` when every migration ran."""

    name: str
    backup: Path | None
    whole: bool


#: Beside a case file while its password is being set or removed (store/interrupted.py).
MARKER_SUFFIX = ".转换未完成"
#: Beside an encrypted case file: its key, sealed by the password (store/keyfile.py).
KEY_SUFFIX = ".key"
_PLAIN_HEADER = b"SQLite format 3\x00"


@dataclass(frozen=True)
class Conversion:
    """A case file whose password was being set (``setting``) or removed when the command was
    interrupted, and whether the file is now ``encrypted`` (the file on disk is always whole:
    the old one until the swap, the converted one after)."""

    name: str
    setting: bool
    encrypted: bool


@dataclass(frozen=True)
class Changes:
    """What the command changed: case files with committed work (names), case files upgraded,
    other files made or replaced, new empty case files that could not be removed."""

    saved: tuple[str, ...] = ()
    upgraded: tuple[Upgrade, ...] = ()
    written: tuple[Path, ...] = ()
    left_empty: tuple[Path, ...] = ()
    converted: tuple[Conversion, ...] = ()
    #: Encrypted case files whose password was changed (their key file sealed anew).
    repassworded: tuple[str, ...] = ()

    @property
    def nothing(self) -> bool:
        return not (
            self.saved
            or self.upgraded
            or self.written
            or self.left_empty
            or self.converted
            or self.repassworded
        )


def tidy() -> None:
    """After an interruption: remove the command's temporary files and each case file it made
    that holds nothing yet (its first page as made: no transaction committed to it), so an
    interrupted ``init`` leaves nothing half-made. Errors are left for :func:`since` to tell."""
    for part in _NOW.temporary:
        for leftover in (part, part.with_name(part.name + "-journal")):
            with contextlib.suppress(OSError):
                leftover.unlink(missing_ok=True)
    for path, made in _NOW.created.items():
        if made is None or first_page(path) != made:
            continue  # not there, or written to since it was made: the command's work
        with contextlib.suppress(OSError):
            for side in ("-journal", "-wal"):
                side_file = path.with_name(path.name + side)
                if side_file.exists() and side_file.stat().st_size == 0:
                    side_file.unlink()
            path.unlink()


def since() -> Changes:
    """What is on disk now against what was there when the command started (see the module's
    docstring); read from the files, so a change is seen whatever committed or wrote it."""
    saved: list[str] = []
    upgraded: list[Upgrade] = []
    left_empty: list[Path] = []
    for path, before in _NOW.case_files.items():
        now = first_page(path)
        made = _NOW.created.get(path)
        if path in _NOW.created and made is not None and now == made:
            left_empty.append(path)  # made and not written to; tidy could not remove it
            continue
        upgrade = _NOW.upgrades.get(path)
        if upgrade is not None and now != upgrade[0]:
            after = upgrade[1]
            backup = _NOW.upgrade_backups.get(path)
            whole = after is not None or _fully_upgraded(path, now)
            upgraded.append(Upgrade(path.name, backup, whole))
            if after is not None and now != after:
                saved.append(path.name)
        elif now != before:
            saved.append(path.name)
    backups = set(_NOW.upgrade_backups.values())
    converted = [c for p, b in _NOW.case_files.items() if (c := _conversion(p, b)) is not None]
    # The key file and the marker are the program's own, settled at the next open: listed as
    # "files written" they invited deleting the key of an encrypted file.
    own = {p.with_name(p.name + s) for p in _NOW.case_files for s in (MARKER_SUFFIX, KEY_SUFFIX)}
    written = [
        path
        for path, before in _NOW.written.items()
        if (path not in backups or not upgraded) and path not in own
        if (now_sig := _signature(path)) is not None and now_sig != before
    ]
    written += [p for p in _NOW.temporary if p.exists()]
    # A backup's key is part of the backup (told with it, never as a file apart to delete).
    written = [p for p in written if not _key_of_a_file(p)]
    saved = [n for n in saved if n not in {c.name for c in converted}]
    return Changes(
        tuple(saved),
        tuple(upgraded),
        tuple(written),
        tuple(left_empty),
        tuple(converted),
        tuple(_repassworded({c.name for c in converted})),
    )


def _repassworded(converted: set[str]) -> list[str]:
    """Encrypted case files whose key file was sealed anew by the command (``password change``
    or ``reset``: only the key file changes, so the file's first page cannot tell it — a Ctrl-C
    just after was told 「什么也没有改动」 and the old password no longer opened the file)."""
    out = []
    for path, before in _NOW.key_files.items():
        if before is None or path.name in converted or _encrypted(first_page(path)) is not True:
            continue
        now = _bytes(path.with_name(path.name + KEY_SUFFIX))
        if now is not None and now != before:
            out.append(path.name)
    return out


def _fully_upgraded(path: Path, page: bytes | None) -> bool:
    """Whether a case file whose upgrade was not seen to finish has every migration of this
    release: a Ctrl-C between the last migration's COMMIT and :func:`upgraded` left the file
    whole but told 「升级了一部分」. Each migration stamps ``user_version`` = migrations applied,
    in its own transaction (store/upgrade.py): read from a plain file's header; an encrypted
    file's header is encrypted, so it is read through SQLCipher with the key the command
    opened it with (unreadable: told as recorded)."""
    # Imported here, not at the top: this module is imported while the command line starts.
    from desktop.core.store.upgrade import schema_version

    if page is None or len(page) < 64:
        return False
    if page.startswith(_PLAIN_HEADER):
        return int.from_bytes(page[60:64], "big") == schema_version()
    key = _NOW.keys.get(path)
    if key is None:
        return False
    import sqlite3

    from desktop.core.store.connection import raw_connect

    try:
        conn = raw_connect(path, mode="ro", key=key)
        try:
            return bool(conn.execute("PRAGMA user_version").fetchone()[0] == schema_version())
        finally:
            conn.close()
    except sqlite3.Error:
        return False


def _key_of_a_file(path: Path) -> bool:
    """``path`` is the key file of a file beside it (``x.sqlite.key`` of ``x.sqlite``)."""
    return path.name.endswith(KEY_SUFFIX) and path.with_name(path.name[: -len(KEY_SUFFIX)]).exists()


def _encrypted(page: bytes | None) -> bool | None:
    """Whether a first page is an encrypted file's (None: no file, or unreadable)."""
    if not page:
        return None
    return not page.startswith(_PLAIN_HEADER)


def _conversion(path: Path, before: bytes | None) -> Conversion | None:
    """The password set or removed on ``path`` by the command (plain before and encrypted now,
    or the other way), or one left unfinished (its marker is there), or None."""
    import json

    was, now = _encrypted(before), _encrypted(first_page(path))
    if was is None or now is None:
        return None
    if was != now:
        return Conversion(path.name, now, now)
    try:
        raw = json.loads(path.with_name(path.name + MARKER_SUFFIX).read_text("utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        raw = {}
    kind = raw.get("kind") if isinstance(raw, dict) else None
    # A marker cut short says nothing of its kind: the file, unchanged, was being converted
    # the other way.
    return Conversion(path.name, kind == "set" if kind in ("set", "remove") else not now, now)
