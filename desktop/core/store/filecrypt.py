"""Attachments (ID photos, scans) kept beside an encrypted database are encrypted too:
AES-256-GCM with a key derived from the database key (HKDF-SHA256), one file per attachment,
``WUSONG-ENC1`` + nonce + ciphertext, the stored name unchanged. The program reads them through
:func:`readable_copy`, which decrypts into a private temporary folder removed at exit (or,
after a crash, by the next run).
Converting a file either way writes a new copy, checks its SHA-256 against the one recorded
when the attachment was added, and renames it over the old one."""

from __future__ import annotations

import atexit
import hashlib
import secrets
import shutil
import tempfile
import time
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from filelock import FileLock, Timeout

from desktop.core.errors import StoreError
from desktop.core.fsutil import atomic_write_bytes

MAGIC = b"WUSONG-ENC1\n"
_INFO = b"wusong attachments v1"
_temp: Path | None = None


def file_key(db_key: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(db_key)


def is_sealed(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(len(MAGIC)) == MAGIC
    except FileNotFoundError:
        return False


def seal_bytes(db_key: bytes, data: bytes) -> bytes:
    nonce = secrets.token_bytes(12)
    return MAGIC + nonce + AESGCM(file_key(db_key)).encrypt(nonce, data, MAGIC)


def open_bytes(db_key: bytes, blob: bytes, name: str = "") -> bytes:
    """Raises StoreError when the file is not ours or was changed (the GCM tag fails)."""
    if not blob.startswith(MAGIC):
        raise StoreError(f"附件 {name} 不是加密附件。")
    body = blob[len(MAGIC) :]
    try:
        return AESGCM(file_key(db_key)).decrypt(body[:12], body[12:], MAGIC)
    except InvalidTag as exc:
        raise StoreError(f"附件 {name} 已经损坏或被改动过，打不开。") from exc


def private_folder() -> Path:
    """This program's private temporary folder (mode 0700) for decrypted views and the
    recovery sheet, removed when it exits. A lock file inside says the program is alive, so
    the folder a crashed or killed run left (plain copies!) is removed by the next run
    (:func:`clear_abandoned`)."""
    global _temp, _alive
    if _temp is None:
        clear_abandoned()
        folder = Path(tempfile.mkdtemp(prefix=_PREFIX))
        alive = FileLock(folder / _ALIVE, timeout=0)
        alive.acquire()
        _temp, _alive = folder, alive
        atexit.register(_remove_own)
    return _temp


_PREFIX = "wusong-view-"
_ALIVE = ".在用.lock"
_alive: FileLock | None = None
_LOCKLESS_AFTER = 12 * 3600  # seconds


def _remove_own() -> None:
    if _alive is not None:
        _alive.release()
    if _temp is not None:
        shutil.rmtree(_temp, ignore_errors=True)


def clear_abandoned() -> list[Path]:
    """Remove the private folders of runs that are no longer alive (their lock is free: the
    OS drops it when a process dies, even killed). Returns what was removed. A folder of a
    running program is never touched."""
    removed = []
    for folder in Path(tempfile.gettempdir()).glob(f"{_PREFIX}*"):
        if not folder.is_dir() or folder == _temp:
            continue
        if not (folder / _ALIVE).exists():
            # Made by an earlier release (no lock inside), which may still be running: only
            # once it has been left alone for half a day.
            try:
                idle = time.time() - folder.stat().st_mtime
            except OSError:
                continue
            if idle > _LOCKLESS_AFTER:
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder)
            continue
        probe = FileLock(folder / _ALIVE, timeout=0)
        try:
            probe.acquire()
        except (Timeout, OSError):
            continue  # alive (or not ours to judge)
        probe.release()
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


def readable_copy(path: Path, db_key: bytes | None) -> Path:
    """A path the system viewer can open: the file itself when plain, else a decrypted copy
    in this program's private temporary folder (deleted when the program exits)."""
    if db_key is None or not is_sealed(path):
        return path
    target = private_folder() / hashlib.sha256(str(path).encode()).hexdigest()[:16] / path.name
    if not target.exists():
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(open_bytes(db_key, path.read_bytes(), path.name))
    return target


def convert_attachment(
    path: Path, sha256: str, old_key: bytes | None, new_key: bytes | None
) -> bool:
    """Make one stored attachment sealed with ``new_key`` (None: plain). The plaintext must
    match ``sha256`` before the new file replaces the old. Returns whether it changed."""
    blob = path.read_bytes()
    sealed = blob.startswith(MAGIC)
    if sealed == (new_key is not None):
        return False
    if sealed:
        if old_key is None:
            raise StoreError(f"附件 {path.name} 是加密的，但没有钥匙。")
        data = open_bytes(old_key, blob, path.name)
    else:
        data = blob
    if hashlib.sha256(data).hexdigest() != sha256:
        raise StoreError(f"附件 {path.name} 的内容和登记时不一样，没有转换它。")
    out = seal_bytes(new_key, data) if new_key is not None else data
    atomic_write_bytes(path, out)
    return True


def convert_loose_file(path: Path, old_key: bytes | None, new_key: bytes | None) -> bool:
    """Seal or open a file with no recorded hash (a generated document): the new content is
    checked by reading it back before it replaces the old. Returns whether it changed."""
    blob = path.read_bytes()
    sealed = blob.startswith(MAGIC)
    if sealed == (new_key is not None):
        return False
    if sealed:
        if old_key is None:
            raise StoreError(f"文件 {path.name} 是加密的，但没有钥匙。")
        out = open_bytes(old_key, blob, path.name)
    else:
        assert new_key is not None
        out = seal_bytes(new_key, blob)
        if open_bytes(new_key, out, path.name) != blob:
            raise StoreError(f"文件 {path.name} 加密后核对不上，没有改动它。")
    atomic_write_bytes(path, out)
    return True
