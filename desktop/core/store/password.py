"""Setting, changing and removing the committee password on an open Store (设置 and
``wusong password``). The file-level steps and their safety are in protection.py."""

from __future__ import annotations

import gzip
import logging
import os
import shutil
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.errors import StoreError, ValidationError
from desktop.core.store import audit
from desktop.core.store.database import backups_dir, connect
from desktop.core.store.filecrypt import convert_attachment, convert_loose_file
from desktop.core.store.keyfile import (
    KeyFile,
    check_not_waiting,
    clean_password,
    clear_failures,
    copy_key_file,
    db_key_from_recovery,
    key_path,
    new_recovery_key,
    read_key_file,
    record_failure,
    seal,
    sync_dir,
    unseal,
    write_key_file,
)
from desktop.core.store.protection import (
    PART,
    SQLITE_MAGIC,
    Step,
    _no_step,
    _opens,
    convert_file,
    is_encrypted,
)

if TYPE_CHECKING:
    from desktop.core.store.store import Store

logger = logging.getLogger(__name__)

#: Said before a password is set (设置 and the CLI), in these words.
WARNING = (
    "设了密码以后，案件库和备份都会加密：不知道密码、也没有恢复单上的恢复密钥，"
    "任何人（包括技术人员）都无法读出里面的案件。设好后请马上打印恢复单，锁进调委会的保险柜。"
)


@dataclass
class Protected:
    """What setting a password produced: the recovery key to print, and what was noticed."""

    recovery_key: str
    notices: list[str] = field(default_factory=list)


def _path(store: Store) -> Path:
    if store.path is None:
        raise ValidationError("内存中的案件库不能设密码。")
    return store.path


def set_password(store: Store, password: str, *, step: Step = _no_step) -> Protected:
    """Encrypt the open file with a new key (from a new recovery key), sealed by
    ``password``. Backs up first; the backups are then encrypted too. Returns the recovery
    key to print. Raises ValidationError (already set, weak password) or StoreError (the
    conversion failed; nothing changed)."""
    path = _path(store)
    if store.db_key is not None:
        raise ValidationError("案件库已经设了密码；要换密码，请用“修改密码”。")
    pw = clean_password(password)
    store.backup()
    step("backed_up")
    recovery = new_recovery_key()
    db_key = db_key_from_recovery(recovery)
    part = path.with_name(path.name + PART)
    convert_file(path, None, part, db_key)
    step("converted")
    write_key_file(path, seal(db_key, pw))
    step("key_written")
    marker = _pending(path)
    _swap(store, part, db_key)
    store.unlocked_by = "password"
    step("swapped")
    _log(store, "password_set")
    notices = sweep_attachments(store, old_key=None) + sweep_backups(store)
    marker.unlink(missing_ok=True)
    step("backups")
    return Protected(recovery, notices)


def change_password(store: Store, old: str | None, new: str) -> None:
    """Seal the same database key with ``new``. ``old`` must be the current password,
    unless the file was opened with the recovery key (then ``old`` may be None). Only the
    key file changes (written whole or not at all). Raises ValidationError /
    WrongPasswordError."""
    path = _path(store)
    if store.db_key is None:
        raise ValidationError("案件库还没有设密码，请用“设置密码”。")
    pw = clean_password(new)
    if store.unlocked_by != "recovery":
        kf = read_key_file(path)
        if kf is None or unseal(kf, old or "") != store.db_key:
            raise record_failure(path, store.now(), "原密码", "密码没有修改")
    sealed = seal(store.db_key, pw)
    write_key_file(path, sealed)
    _reseal_backups(path, sealed)
    store.unlocked_by = "password"
    _log(store, "password_change")


def _reseal_backups(path: Path, sealed: KeyFile) -> None:
    """Backups in the backups folder carry a copy of the key file made when they were taken;
    re-seal those of the same database key with the new password, so the committee opens its
    backups with the password it uses now and the old password opens none of them. (Copies
    already carried to a USB stick keep the password of their day; the recovery key opens
    them all.)"""
    folder = backups_dir(path)
    if not folder.is_dir():
        return
    for kp in sorted(folder.glob("*.key")):
        copy = kp.with_name(kp.name[: -len(".key")])
        try:
            kf = read_key_file(copy)
        except StoreError:  # a damaged key file: the recovery key still opens that backup
            continue
        if kf is not None and kf.key_id == sealed.key_id:
            write_key_file(copy, sealed)


def remove_password(store: Store, password: str, *, step: Step = _no_step) -> list[str]:
    """Decrypt the open file (and the backups in its backups folder) after checking the
    current password. Backs up first. Returns notices. Raises WrongPasswordError or
    StoreError (nothing changed)."""
    path = _path(store)
    if store.db_key is None:
        raise ValidationError("案件库没有设密码，不需要取消。")
    kf = read_key_file(path)
    if store.unlocked_by != "recovery" and (kf is None or unseal(kf, password) != store.db_key):
        raise record_failure(path, store.now(), "密码", "密码没有取消")
    store.backup()
    step("backed_up")
    part = path.with_name(path.name + PART)
    convert_file(path, store.db_key, part, None)
    step("converted")
    # The backups first, while the key is still at hand: once the file is plain nothing
    # would be left to decrypt them with but the recovery sheet.
    marker = _pending(path)
    notices = sweep_attachments(store, old_key=store.db_key, want_key=None)
    notices += sweep_backups(store, want_key=None)
    step("backups")
    _swap(store, part, None)
    step("swapped")
    key_path(path).unlink(missing_ok=True)  # the file is plain: the key it sealed opens nothing
    marker.unlink(missing_ok=True)
    store.unlocked_by = ""
    _log(store, "password_remove")
    return notices


def check_password(store: Store, password: str) -> None:
    """Unlocking the idle-locked window: ``password`` must be the file's. Counts wrong tries
    with the same growing wait as opening. Raises WrongPasswordError."""
    path = _path(store)
    now = store.now()
    check_not_waiting(path, now)
    kf = read_key_file(path)
    if store.db_key is None or kf is None or unseal(kf, password) != store.db_key:
        raise record_failure(path, now, "密码", "窗口仍然锁着")
    clear_failures(path)


def recovery_opens(store: Store, recovery_key: str) -> bool:
    """Whether a typed recovery key is this file's (ValidationError for a mistyped group)."""
    return store.db_key is not None and db_key_from_recovery(recovery_key) == store.db_key


def _swap(store: Store, part: Path, new_key: bytes | None) -> None:
    """Close the store's connection, put ``part`` in the file's place, reopen with
    ``new_key``. A ``-wal`` still beside the file (another program reading it) stops the
    swap before anything moves."""
    path = _path(store)
    store.db.conn.close()
    wal = path.with_name(path.name + "-wal")
    try:
        if wal.exists() and wal.stat().st_size > 0:
            raise StoreError(
                "另一个程序还开着案件库（例如正在备份或查看），这次没有转换，原来的案件库没有改动。"
                "请关掉其他窗口后再试。"
            )
        os.replace(part, path)
        sync_dir(path.parent)
    except BaseException:
        part.unlink(missing_ok=True)
        store._bind(connect(path, key=store.db_key))
        raise
    store.db_key = new_key
    store._bind(connect(path, key=new_key))


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
                notice = f"备份 {backup.name} 没能转换（{exc}），仍保持原样。"
            if notice:
                notices.append(notice)
    return notices


def _pending(path: Path) -> Path:
    """A marker beside the file while attachments and backups are being converted; a writer
    that finds it finishes the job (sweep_after_open)."""
    marker = path.with_name(path.name + ".转换未完成")
    marker.write_text("设置或取消密码时中断；下次打开时会把附件和备份转换完。\n", "utf-8")
    return marker


def sweep_after_open(store: Store) -> list[str]:
    """At a writer's open: a conversion cut short (the marker is there) is finished, so the
    attachments and backups match the file; a plain backup beside an encrypted file (from
    an older release's backup copy) is encrypted. Reads only each backup's first 16 bytes
    when all is well."""
    if store.path is None:
        return []
    marker = store.path.with_name(store.path.name + ".转换未完成")
    if marker.exists():
        notices = sweep_attachments(store, old_key=store.db_key) + sweep_backups(store)
        marker.unlink(missing_ok=True)
        return notices
    if store.db_key is None:
        return []
    folder = backups_dir(store.path)
    if not folder.is_dir() or all(is_encrypted(b) for b in folder.glob("*.sqlite")):
        return []
    return sweep_backups(store)


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
                notices.append(f"文书 {path.name} 没能转换（{exc}），仍保持原样。")
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
            notices.append(f"附件 {path.name} 没能转换（{exc}），仍保持原样。")
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


def _log(store: Store, action: str) -> None:
    with store.db.atomic():
        audit.write(
            store.db,
            at=store.timestamp(),
            actor=store.actor,
            case_id=None,
            entity="settings",
            entity_id=None,
            action=action,
            detail={},
        )
