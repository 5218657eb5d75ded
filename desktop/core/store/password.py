"""Setting, changing and removing the committee password on an open Store (设置 and
``wusong password``). The file-level steps and their safety are in protection.py; what an
interrupted conversion leaves is settled at the next open by interrupted.py.

Setting a password is two steps so that nobody ends up with an encrypted file whose recovery
key they never saw: :func:`begin_set_password` backs up and writes the encrypted copy beside
the file (the file itself untouched); the caller then shows or writes the recovery sheet;
only then :meth:`PendingPassword.finish` swaps the copy in. Killed before the swap, the plain
file stands (the copy is deleted at the next open); after it, the sheet was already shown.
The printed recovery key is also sealed in the key file with the password, so the sheet can
be printed again by whoever knows the password (:func:`recovery_key_for`)."""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.errors import StoreError, ValidationError
from desktop.core.store import audit, interrupted
from desktop.core.store.database import connect
from desktop.core.store.keyfile import (
    check_not_waiting,
    clean_password,
    clear_failures,
    db_key_from_recovery,
    key_id,
    key_path,
    new_recovery_key,
    parse_recovery_key,
    printed_recovery_key,
    read_key_file,
    record_failure,
    seal,
    sync_dir,
    unseal_recovery,
    unseal_typed,
    write_key_file,
)
from desktop.core.store.protection import (
    PART,
    Step,
    _no_step,
    convert_file,
    is_encrypted,
    read_key_file_quietly,
)
from desktop.core.store.sweep import reseal_backup_keys, sweep_attachments, sweep_backups

if TYPE_CHECKING:
    from desktop.core.store.store import Store

logger = logging.getLogger(__name__)

#: Said before a password is set (设置 and the CLI), in these words.
WARNING = (
    "设了密码以后，案件库和备份都会加密：不知道密码、也没有恢复单上的恢复密钥，"
    "任何人（包括技术人员）都无法读出里面的案件。设好后请马上打印恢复单，锁进调委会的保险柜。"
)
#: Shows or writes the recovery sheet for a recovery key; raising abandons the setting.
SheetShower = Callable[[str], None]


@dataclass
class Protected:
    """What setting a password produced: the recovery key to print, and what was noticed."""

    recovery_key: str
    notices: list[str] = field(default_factory=list)


def _path(store: Store) -> Path:
    if store.path is None:
        raise ValidationError("内存中的案件库不能设密码。")
    return store.path


@dataclass
class PendingPassword:
    """A password being set: the encrypted copy is made and verified, the file is still
    plain. ``recovery_key`` must be shown (the sheet) before :meth:`finish`."""

    store: Store
    password: str
    recovery_key: str
    db_key: bytes
    part: Path
    changes: int
    step: Step = _no_step

    def finish(self) -> Protected:
        """Swap the encrypted copy in (made again first if the file changed meanwhile),
        then encrypt the attachments and backups. Raises StoreError (nothing changed when
        raised before the swap)."""
        store, path = self.store, _path(self.store)
        try:
            if store.db.conn.total_changes != self.changes or not self.part.exists():
                # A change was saved while the sheet was shown: the copy is made again.
                convert_file(path, None, self.part, self.db_key)
            write_key_file(path, seal(self.db_key, self.password, self.recovery_key))
            self.step("key_written")
            _swap(store, self.part, self.db_key)
        except BaseException:
            self.abandon()
            raise
        store.unlocked_by = "password"
        store.recovery_key = self.recovery_key
        self.step("swapped")
        _log(store, "password_set")
        notices = sweep_attachments(store, old_key=None) + sweep_backups(store)
        interrupted.marker_path(path).unlink(missing_ok=True)
        sync_dir(path.parent)
        self.step("backups")
        return Protected(self.recovery_key, notices)

    def abandon(self) -> None:
        """Nothing is set: the copy and the marker go, the file was never touched."""
        path = _path(self.store)
        for leftover in (self.part, self.part.with_name(self.part.name + "-journal")):
            leftover.unlink(missing_ok=True)
        kf = read_key_file_quietly(path)
        if kf is not None and kf.key_id == key_id(self.db_key) and not is_encrypted(path):
            key_path(path).unlink(missing_ok=True)  # sealed the key of a copy never used
        interrupted.marker_path(path).unlink(missing_ok=True)


def begin_set_password(store: Store, password: str, *, step: Step = _no_step) -> PendingPassword:
    """Back up, then write the file encrypted with a new key (from a new recovery key) to a
    copy beside it and verify the copy. The file is not changed. Raises ValidationError
    (already set, a password :func:`clean_password` refuses) or StoreError (the copy failed;
    nothing changed)."""
    path = _path(store)
    if store.db_key is not None:
        raise ValidationError("案件库已经设了密码；要换密码，请用“修改密码”。")
    pw = clean_password(password)
    if store.readonly_reason:
        raise StoreError(store.readonly_reason)
    store.backup()
    step("backed_up")
    recovery = new_recovery_key()
    db_key = db_key_from_recovery(recovery)
    part = path.with_name(path.name + PART)
    changes = store.db.conn.total_changes
    interrupted.begin(path, interrupted.SETTING, key_id(db_key))
    try:
        convert_file(path, None, part, db_key)
    except BaseException:
        interrupted.marker_path(path).unlink(missing_ok=True)
        raise
    step("converted")
    return PendingPassword(store, pw, recovery, db_key, part, changes, step)


def set_password(
    store: Store, password: str, *, sheet: SheetShower | None = None, step: Step = _no_step
) -> Protected:
    """Encrypt the open file, sealed by ``password``: :func:`begin_set_password`, then
    ``sheet(recovery_key)`` (the CLI writes the sheet, the window shows it; an exception
    there abandons everything), then the swap. Returns the recovery key and notices."""
    pending = begin_set_password(store, password, step=step)
    try:
        if sheet is not None:
            sheet(pending.recovery_key)
        step("sheet_shown")
    except BaseException:
        pending.abandon()
        raise
    return pending.finish()


def recovery_key_for(store: Store, password: str) -> str:
    """The printed recovery key of the open encrypted file, to print the sheet again; the
    password must be the file's (wrong tries counted with the growing wait). Raises
    WrongPasswordError, ValidationError (no password set; a key file of the first release,
    which holds no recovery key)."""
    path = _path(store)
    if store.db_key is None:
        raise ValidationError("案件库没有设密码，没有恢复单。")
    now = store.now()
    check_not_waiting(path, now)
    kf = read_key_file(path)
    if kf is None:
        raise ValidationError(
            f"案件库旁边的钥匙文件 {key_path(path).name} 不见了，不能重印恢复单；"
            "请用恢复单上的恢复密钥打开，再设一个新密码。"
        )
    if unseal_typed(path, kf, password, now, "密码", "恢复单没有打印") != store.db_key:
        raise record_failure(path, now, "密码", "恢复单没有打印")
    clear_failures(path)
    recovery = unseal_recovery(kf, password) or store.recovery_key
    if not recovery:
        raise ValidationError(
            "这个密码是用旧版本设的，钥匙文件里没有存恢复密钥，不能重印恢复单；原来的恢复单仍然有效。"
            "若恢复单丢了，请取消密码后重新设置，会生成新的恢复单。"
        )
    return recovery


def change_password(store: Store, old: str | None, new: str) -> None:
    """Seal the same database key with ``new``. ``old`` must be the current password,
    unless the file was opened with the recovery key (then ``old`` may be None). Only the
    key file changes (written whole or not at all). Raises ValidationError /
    WrongPasswordError."""
    path = _path(store)
    if store.db_key is None:
        raise ValidationError("案件库还没有设密码，请用“设置密码”。")
    pw = clean_password(new)
    recovery = store.recovery_key
    if store.unlocked_by != "recovery":
        kf = read_key_file(path)
        now = store.now()
        if kf is None or unseal_typed(path, kf, old or "", now, "原密码", "密码没有修改") != (
            store.db_key
        ):
            raise record_failure(path, now, "原密码", "密码没有修改")
        recovery = unseal_recovery(kf, old or "") or recovery
    sealed = seal(store.db_key, pw, recovery)
    write_key_file(path, sealed)
    reseal_backup_keys(path, sealed)
    store.unlocked_by = "password"
    store.recovery_key = recovery
    _log(store, "password_change")


def remove_password(store: Store, password: str, *, step: Step = _no_step) -> list[str]:
    """Decrypt the open file (and the backups in its backups folder) after checking the
    current password. Backs up first. Returns notices. Raises WrongPasswordError or
    StoreError (nothing changed)."""
    path = _path(store)
    if store.db_key is None:
        raise ValidationError("案件库没有设密码，不需要取消。")
    if store.unlocked_by != "recovery":
        kf = read_key_file(path)
        now = store.now()
        if kf is None or unseal_typed(path, kf, password, now, "密码", "密码没有取消") != (
            store.db_key
        ):
            raise record_failure(path, now, "密码", "密码没有取消")
    store.backup()
    step("backed_up")
    part = path.with_name(path.name + PART)
    # The marker first: a kill from here on leaves a PLAIN copy, which the next open deletes.
    interrupted.begin(path, interrupted.REMOVING, key_id(store.db_key))
    try:
        convert_file(path, store.db_key, part, None)
    except BaseException:
        interrupted.marker_path(path).unlink(missing_ok=True)
        raise
    step("converted")
    # The backups first, while the key is still at hand: once the file is plain nothing
    # would be left to decrypt them with but the recovery sheet.
    notices = sweep_attachments(store, old_key=store.db_key, want_key=None)
    notices += sweep_backups(store, want_key=None)
    step("backups")
    _swap(store, part, None)
    step("swapped")
    key_path(path).unlink(missing_ok=True)  # the file is plain: the key it sealed opens nothing
    interrupted.marker_path(path).unlink(missing_ok=True)
    sync_dir(path.parent)
    store.unlocked_by = ""
    store.recovery_key = None
    _log(store, "password_remove")
    return notices


def check_password(store: Store, password: str) -> None:
    """Unlocking the idle-locked window: ``password`` must be the file's. Counts wrong tries
    with the same growing wait as opening. Raises WrongPasswordError."""
    path = _path(store)
    now = store.now()
    check_not_waiting(path, now)
    kf = read_key_file(path)
    if store.db_key is None or kf is None:
        raise record_failure(path, now, "密码", "窗口仍然锁着")
    if unseal_typed(path, kf, password, now, "密码", "窗口仍然锁着") != store.db_key:
        raise record_failure(path, now, "密码", "窗口仍然锁着")
    clear_failures(path)


def recovery_opens(store: Store, recovery_key: str) -> bool:
    """Whether a typed recovery key is this file's (ValidationError for a mistyped group)."""
    if store.db_key is not None and db_key_from_recovery(recovery_key) == store.db_key:
        store.recovery_key = printed_recovery_key(parse_recovery_key(recovery_key))
        return True
    return False


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
                f"另一个程序还开着 {path.name}（例如正在备份或查看），这次没有转换，"
                "原来的文件没有改动。请关掉其他窗口后再试。"
            )
        os.replace(part, path)
        sync_dir(path.parent)
    except BaseException:
        # Reopen the file that IS there, with its own key: stopped after the replace (a
        # Ctrl-C while the folder was synced), the old key read the converted file as not a
        # database, and the command said the file was damaged. Told by the disk, not by a
        # flag (an interruption can fall between the replace and setting one).
        replaced = not part.exists()
        if replaced:
            store.db_key = new_key
        else:
            part.unlink(missing_ok=True)
        with contextlib.suppress(sqlite3.Error, StoreError, OSError):
            store._bind(connect(path, key=store.db_key))
            if replaced and store._lock is not None:
                store._lock.refresh()  # a new file (new inode), as after a whole swap
        raise
    store.db_key = new_key
    store._bind(connect(path, key=new_key))
    if store._lock is not None:
        store._lock.refresh()  # the file is a new one (new inode): lock it, free the old number


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
