"""The optional committee password: opening an encrypted file, and converting a file either
way without ever putting its data at risk.

Every conversion (set or remove the password) backs the file up first, writes the converted
database to a new file beside it (SQLCipher's ``sqlcipher_export`` into an ``ATTACH … KEY``
database), verifies the new file (``PRAGMA integrity_check``, the full-text index's own check
and every table's row count equal to the original's), and only then swaps it in with
``os.replace``. The key file is written before the swap and removed after it, so whenever the
process dies the file on disk is whole: the old plain one (a stale key file beside it is set
aside at the next open) or the new encrypted one with its key file. Backups in the backups
folder are then converted the same way, so none stays more readable than the file.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlite_utils import Database

from desktop.core.errors import StoreError
from desktop.core.store.cipher import cipher_connect
from desktop.core.store.database import integrity_problems
from desktop.core.store.keyfile import (
    KeyFile,
    PasswordNeededError,
    check_not_waiting,
    clear_failures,
    db_key_from_recovery,
    key_id,
    key_path,
    read_key_file,
    record_failure,
    sqlcipher_key,
    unseal_typed,
)

if TYPE_CHECKING:
    pass

logger = logging.getLogger(__name__)

SQLITE_MAGIC = b"SQLite format 3\x00"
PART = ".转换中.part"
#: Called between the steps of a conversion (tests kill the process there).
Step = Callable[[str], None]


def _no_step(_name: str) -> None:
    pass


def is_encrypted(path: Path) -> bool:
    """True when the file exists, is not empty and does not begin with SQLite's plain header
    (an SQLCipher file begins with its random salt)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
    except FileNotFoundError:
        return False
    return bool(head) and head != SQLITE_MAGIC


def unlock(
    path: Path,
    *,
    password: str | None = None,
    recovery_key: str | None = None,
    now: datetime,
) -> bytes | None:
    """The database key of an encrypted file (None for a plain or not yet existing file).

    Raises PasswordNeededError when the file is encrypted and neither secret was given;
    WrongPasswordError (with the growing wait) when the secret does not open it, or while
    the wait after the last wrong try runs; ValidationError for a recovery key typed with a
    wrong digit (not counted as a wrong try); StoreError when the key file is missing or
    damaged and only the password was given."""
    path = Path(path)
    if str(path) == ":memory:" or not is_encrypted(path):
        return None
    if not password and not recovery_key:
        if not key_path(path).exists():
            # Not a SQLite header and no key file: most likely a damaged file, which the
            # opener refuses with the way to a backup (the recovery key still opens an
            # encrypted file whose key file was lost: ``wusong password reset``).
            return None
        raise PasswordNeededError(
            f"案件库 {path.name} 设了密码，请输入密码（忘了密码可以用恢复单上的恢复密钥）。"
        )
    check_not_waiting(path, now)
    if recovery_key:
        db_key = db_key_from_recovery(recovery_key)
        kf = read_key_file_quietly(path)
        # The key file's fingerprint says whether the key is the file's; only without a key
        # file is the file itself asked (a damaged first page would then look like a wrong
        # key). With the fingerprint matching, damage is found and told by the opening.
        known = kf is not None and kf.key_id == key_id(db_key)
        if not known and (kf is not None or not _opens(path, db_key)):
            raise record_failure(path, now, "恢复密钥")
    else:
        kf = read_key_file(path)
        if kf is None:
            raise StoreError(
                f"案件库旁边的钥匙文件 {key_path(path).name} 不见了，只凭密码打不开。"
                "请用恢复单上的恢复密钥打开，再设一个新密码；或把备份的钥匙文件放回原处。"
            )
        db_key = unseal_typed(path, kf, password or "", now)
    clear_failures(path)
    return db_key


def read_key_file_quietly(path: Path) -> KeyFile | None:
    try:
        return read_key_file(path)
    except StoreError:
        return None  # a damaged key file: the recovery key does not need it


def _opens(path: Path, db_key: bytes) -> bool:
    try:
        conn = cipher_connect(f"file:{path.as_posix()}?mode=ro", db_key, uri=True)
    except sqlite3.DatabaseError:
        return False
    conn.close()
    return True


# ---------------------------------------------------------------------------- conversion
def _counts(conn: object, schema: str = "main") -> dict[str, int]:
    execute = conn.execute  # type: ignore[attr-defined]
    names = [
        r[0]
        for r in execute(
            f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table'"
            " AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name"
        )
    ]
    return {n: execute(f'SELECT count(*) FROM {schema}."{n}"').fetchone()[0] for n in names}


def convert_file(source: Path, src_key: bytes | None, target: Path, dst_key: bytes | None) -> None:
    """Write ``source`` (opened with ``src_key``) to the new file ``target`` encrypted with
    ``dst_key`` (None: plain), then verify ``target`` against the source. ``target`` is
    removed again when anything fails. Raises StoreError (the source is never changed)."""
    target.unlink(missing_ok=True)
    try:
        conn = cipher_connect(str(source), src_key)
        try:
            counts = _counts(conn)
            versions = [conn.execute(f"PRAGMA {p}").fetchone()[0] for p in _HEADER_PRAGMAS]
            dst = sqlcipher_key(dst_key) if dst_key is not None else "''"
            conn.execute(f"ATTACH DATABASE ? AS converted KEY {dst}", [str(target)])
            if dst_key is not None:
                conn.execute("PRAGMA converted.cipher_compatibility = 4")
            conn.execute("SELECT sqlcipher_export('converted')")
            for pragma, value in zip(_HEADER_PRAGMAS, versions, strict=True):
                conn.execute(f"PRAGMA converted.{pragma} = {int(value)}")
            conn.execute("DETACH DATABASE converted")
        finally:
            conn.close()
        with open(target, "rb+") as fh:
            os.fsync(fh.fileno())
        _verify(target, dst_key, counts)
    except BaseException as exc:
        target.unlink(missing_ok=True)
        if isinstance(exc, sqlite3.Error):
            from desktop.core.store.database import DiskFullError, translate

            logger.info("converting %s failed: %s", source, exc)  # English: for the log only
            if isinstance(translate(exc, source.name), DiskFullError):
                raise StoreError(
                    f"磁盘已满，{source.name} 没有转换（原来的文件没有改动）；"
                    "请腾出磁盘空间后再试。"
                ) from exc
            raise StoreError(
                f"转换 {source.name} 时出错，原来的文件没有改动。请把这段话告诉技术人员。"
            ) from exc
        raise


_HEADER_PRAGMAS = ("user_version", "application_id")


def _verify(target: Path, key: bytes | None, counts: dict[str, int]) -> None:
    conn = cipher_connect(str(target), key)
    try:
        db = Database(conn, execute_plugins=False)  # type: ignore[arg-type]
        problems = integrity_problems(db) if "case_fts_data" in counts else []
        got = _counts(conn)
    finally:
        conn.close()
    if problems or got != counts:
        differ = sorted(n for n in set(got) | set(counts) if got.get(n) != counts.get(n))
        logger.info("converted copy %s differs: %s %s", target, problems, differ)
        name = target.name.removesuffix(PART)
        raise StoreError(
            f"{name} 转换后核对不上，已放弃这次转换，原来的文件没有改动。请把这段话告诉技术人员。"
        )
