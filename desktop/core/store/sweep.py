"""Making the backups and attachments as protected as the case file after its password was
set or removed (or after such a conversion was interrupted): each backup is converted to a new
file, verified and swapped like the file itself; each attachment is checked against its
recorded SHA-256 before it replaces the old one."""

from __future__ import annotations

import contextlib
import gzip
import logging
import os
import shutil
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.errors import StoreError
from desktop.core.store.database import backups_dir
from desktop.core.store.filecrypt import convert_attachment, convert_loose_file
from desktop.core.store.keyfile import (
    KeyFile,
    copy_key_file,
    key_path,
    read_key_file,
    sync_dir,
    write_key_file,
)
from desktop.core.store.protection import PART, SQLITE_MAGIC, _opens, convert_file, is_encrypted

if TYPE_CHECKING:
    from desktop.core.store.store import Store

logger = logging.getLogger(__name__)


def _path(store: Store) -> Path:
    assert store.path is not None, "an in-memory database has no backups"
    return store.path


def _why(exc: BaseException, path: Path) -> str:
    """Why a file was not converted, in Chinese (never the system's English), without the
    final full stop (it goes inside brackets)."""
    from desktop.core.errors import MediationError, os_error_message
    from desktop.core.store.database import translate

    if isinstance(exc, MediationError):
        text = exc.message
    elif isinstance(exc, sqlite3.Error):
        text = translate(exc, path.name).message
    elif isinstance(exc, OSError):
        text = os_error_message(exc)
    else:
        text = "出了意外的问题"
    return text.rstrip("。")


def sweep_backups(store: Store, *, want_key: bytes | None | str = "file") -> list[str]:
    """Make every backup in the backups folder (and the committee's chosen backup folder)
    as protected as the file (``want_key``: the file's key by default; None = plain):
    encrypted with its key when it has a password, plain when it has none. Each is
    converted to a new file, verified and swapped like the file itself. A backup encrypted
    under an earlier key is left as it is with its own key file. Returns a sentence for
    each backup not converted."""
    path = _path(store)
    want = store.db_key if want_key == "file" else want_key
    assert not isinstance(want, str)
    folders = {backups_dir(path)}
    chosen = store.settings.committee().backup_dir
    if chosen:
        folders.add(Path(chosen))
    notices = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for backup in sorted([*folder.glob("*.sqlite"), *folder.glob("*.sqlite.gz")]):
            try:
                notice = _match_protection(store, path, backup, want)
            except (StoreError, OSError, sqlite3.Error) as exc:
                logger.warning("backup %s not converted: %s", backup, exc)
                notice = f"备份 {backup.name} 没能转换（{_why(exc, backup)}），仍保持原样。"
            if notice:
                notices.append(notice)
    return notices


def sweep_after_open(store: Store) -> list[str]:
    """At a writer's open: a plain backup beside an encrypted file (from an older release's
    backup copy, or one put back by hand) is encrypted. Reads only each backup's first 16
    bytes when all is well. (A conversion cut short is finished by interrupted.py.)"""
    if store.path is None or store.db_key is None:
        return []
    folder = backups_dir(store.path)
    if not folder.is_dir():
        return []
    # A password change cut short may have re-sealed only some backups' key files: finish it.
    with contextlib.suppress(StoreError, OSError):
        current = read_key_file(store.path)
        if current is not None:
            reseal_backup_keys(store.path, current)
    if all(is_encrypted(b) for b in folder.glob("*.sqlite")):
        return []
    return sweep_backups(store)


def reseal_backup_keys(path: Path, sealed: KeyFile) -> None:
    """Backups in the backups folder carry a copy of the key file made when they were taken;
    those of the same database key get ``sealed`` (the current password's), so the committee
    opens its backups with the password it uses now and an old password opens none of them.
    A key file already equal is not written again. (Copies already carried to a USB stick keep
    the password of their day; the recovery key opens them all.)"""
    folder = backups_dir(path)
    if not folder.is_dir():
        return
    want = sealed.to_bytes()
    for kp in sorted(folder.glob("*.key")):
        copy = kp.with_name(kp.name[: -len(".key")])
        try:
            kf = read_key_file(copy)
        except StoreError:  # a damaged key file: the recovery key still opens that backup
            continue
        if kf is not None and kf.key_id == sealed.key_id and kp.read_bytes() != want:
            write_key_file(copy, sealed)


def sweep_attachments(
    store: Store, *, old_key: bytes | None, want_key: bytes | None | str = "file"
) -> list[str]:
    """Seal (or open) every stored attachment to match ``want_key`` (the file's key by
    default). Each is checked against its recorded SHA-256 before it replaces the old one."""
    want = store.db_key if want_key == "file" else want_key
    assert not isinstance(want, str)
    notices = []
    documents = store.data_dir / "documents"
    # Documents generated before the password was set: sealed too (made again when needed).
    for path in sorted(documents.rglob("*")) if documents.is_dir() else ():
        if path.is_file() and not path.name.endswith(".part"):
            try:
                convert_loose_file(path, old_key or store.db_key, want)
            except (StoreError, OSError) as exc:
                notices.append(f"文书 {path.name} 没能转换（{_why(exc, path)}），仍保持原样。")
    for att_id, stored, sha in store.db.execute(
        "SELECT id, stored_path, sha256 FROM attachments ORDER BY id"
    ).fetchall():
        path = store.data_dir / stored
        if not path.exists():
            continue
        try:
            convert_attachment(path, sha, old_key or store.db_key, want)
        except (StoreError, OSError) as exc:
            logger.warning("attachment %s not converted: %s", att_id, exc)
            notices.append(f"附件 {path.name} 没能转换（{_why(exc, path)}），仍保持原样。")
    return notices


def _match_protection(store: Store, path: Path, backup: Path, want: bytes | None) -> str:
    if backup.name.endswith(".gz"):
        return _match_compressed(store, path, backup, want)
    encrypted = is_encrypted(backup)
    if encrypted and not _opens(backup, store.db_key or want or b""):
        return (
            f"备份 {backup.name} 是用以前的密码加密的，没有改动；"
            "要打开它，需要当时的密码或当时的恢复单。"
        )
    if (want is not None) == encrypted:
        if want is not None:
            copy_key_file(path, backup)
        else:
            key_path(backup).unlink(missing_ok=True)  # left by a removal cut short
        return ""
    part = backup.with_name(backup.name + PART)
    convert_file(backup, None if want is not None else store.db_key, part, want)
    if want is not None:
        copy_key_file(path, backup)  # before the swap: an encrypted copy never lacks its key
    os.replace(part, backup)
    sync_dir(backup.parent)
    if want is None:
        key_path(backup).unlink(missing_ok=True)
    return ""


def _match_compressed(store: Store, path: Path, backup: Path, want: bytes | None) -> str:
    """An automatic backup (gzip of a copy): unpacked beside it, converted and verified like
    any backup, packed again and renamed over the old one."""
    with gzip.open(backup, "rb") as fh:
        encrypted = fh.read(16) not in (b"", SQLITE_MAGIC)
    if encrypted == (want is not None):
        return ""
    unpacked = backup.with_name(backup.name + ".解压.part")
    packed = backup.with_name(backup.name + ".打包.part")
    try:
        with gzip.open(backup, "rb") as src, open(unpacked, "wb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
        notice = _match_protection(store, path, unpacked, want)
        if notice:
            return notice.replace(unpacked.name, backup.name)
        with open(unpacked, "rb") as src, gzip.open(packed, "wb", compresslevel=1) as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
        with open(packed, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(packed, backup)
        sync_dir(backup.parent)
    finally:
        for part in (unpacked, packed, key_path(unpacked)):
            part.unlink(missing_ok=True)
    if want is not None:
        copy_key_file(path, backup)
    else:
        key_path(backup).unlink(missing_ok=True)
    return ""
