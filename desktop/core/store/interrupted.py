"""A password conversion (set or remove) that was cut short — the program killed, the power
gone — is settled at the very next open of the file, by a window or by ANY command, reading
ones included: nothing of it may lie about until someone happens to write.

While a conversion runs, a marker ``<file>.转换未完成`` beside the file says what it is
doing (set or remove, and the fingerprint of the key involved). The file on disk is always
whole — the old one until the swap, the new one after — so the file itself is the truth and
everything else is made to match it:

- the converted copy (``….转换中.part`` and its journal) and half-converted backups
  (``….转换中.part``, ``….解压.part``, ``….打包.part`` in the backups folders) are deleted
  (they are either an unused copy or, when removing the password, a PLAIN copy of an
  encrypted file);
- backups and attachments are converted to match the file (encrypted with its key, or
  plain);
- the key file of a conversion that never swapped (beside a file that is still plain), or
  left by a removal that did swap, is deleted; a key file beside a plain file that no marker
  explains is renamed aside, never deleted;
- the mediator is told in one sentence what state the file is in.

Readers take the writer lock for this short while; when another program holds it (it may be
converting right now) nothing is touched."""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.errors import DatabaseLockedError, StoreError
from desktop.core.ondisk import MARKER_SUFFIX
from desktop.core.store.database import backups_dir
from desktop.core.store.keyfile import key_path, read_key_file, sync_dir
from desktop.core.store.lock import WriterLock
from desktop.core.store.protection import PART, is_encrypted

if TYPE_CHECKING:
    from desktop.core.store.store import Store

logger = logging.getLogger(__name__)

SETTING, REMOVING = "set", "remove"
#: Names of half-made copies a conversion leaves when it is killed.
LEFTOVER_SUFFIXES = (PART, ".解压.part", ".打包.part")


def marker_path(path: Path) -> Path:
    return path.with_name(path.name + MARKER_SUFFIX)


def begin(path: Path, kind: str, key_fingerprint: str) -> Path:
    """Write the marker (whole, then the folder synced) before a conversion makes anything."""
    from desktop.core.fsutil import atomic_write_bytes

    marker = marker_path(path)
    text = {
        "说明": "设置或取消密码时中断；下次打开案件库时会自动收拾好。请勿删除。",
        "kind": kind,
        "key_id": key_fingerprint,
    }
    atomic_write_bytes(marker, json.dumps(text, ensure_ascii=False).encode("utf-8"))
    sync_dir(path.parent)
    return marker


def read_marker(path: Path) -> tuple[str, str] | None:
    """``(kind, key_id)`` of an unfinished conversion, or None. A marker that cannot be read
    (cut short) still means one was under way: ``("", "")``."""
    try:
        raw = json.loads(marker_path(path).read_text("utf-8"))
        return str(raw["kind"]), str(raw["key_id"])
    except FileNotFoundError:
        return None
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        return "", ""


def leftovers(path: Path, *, data_dir: Path | None = None) -> list[Path]:
    """Half-made copies of a conversion beside the file and in its backups folder; with
    ``data_dir`` (only while a marker says a conversion was under way) also the temporary
    files of attachments and documents being sealed or opened (``.<name>.….part``: when
    removing the password, plain copies) and of the key file."""
    found: list[Path] = []
    for suffix in LEFTOVER_SUFFIXES:
        found += path.parent.glob(f"{_glob_safe(path.name)}{suffix}*")
        if backups_dir(path).is_dir():
            found += backups_dir(path).glob(f"*{suffix}*")
    # Temporary files of the marker, key file and wrong-try count (fsutil.atomic_write).
    found += path.parent.glob(f".{_glob_safe(path.name)}.*.part")
    if data_dir is not None:
        if backups_dir(path).is_dir():
            found += backups_dir(path).glob(".*.key.*.part")
        if data_dir.is_dir():
            found += data_dir.rglob(".*.part")
    return sorted({p for p in found if p.is_file()})


def _glob_safe(name: str) -> str:
    """A file name as a glob pattern matching only itself (``[`` ``*`` ``?`` escaped)."""
    return "".join(f"[{ch}]" if ch in "[]*?" else ch for ch in name)


def needs_settling(path: Path) -> bool:
    """Anything for :func:`settle` to do (cheap: a few directory lookups)."""
    if marker_path(path).exists() or leftovers(path):
        return True
    return key_path(path).exists() and not is_encrypted(path)


@contextlib.contextmanager
def _exclusive(store: Store) -> Iterator[bool]:
    """The writer lock for the clean-up: the store's own, or taken for a moment by a reader.
    Yields False when another program holds it (it may be converting right now)."""
    if store._lock is not None:
        yield True
        return
    assert store.path is not None
    lock = WriterLock(store.path)
    try:
        lock.acquire()
    except (DatabaseLockedError, OSError):
        yield False
        return
    try:
        yield True
    finally:
        lock.release()


def settle(store: Store, now: datetime) -> list[str]:
    """Finish or undo what an interrupted conversion left beside ``store``'s file (see the
    module text). Returns sentences for the mediator. Never raises for a clean-up that
    cannot be done (a read-only folder): the next open tries again."""
    path = store.path
    if path is None or not needs_settling(path):
        return []
    with _exclusive(store) as mine:
        if not mine:
            return []
        try:
            return _settle(store, path, now)
        except (OSError, StoreError) as exc:
            logger.warning("could not settle an interrupted conversion of %s: %s", path, exc)
            return []


def _settle(store: Store, path: Path, now: datetime) -> list[str]:
    from desktop.core.store.sweep import sweep_attachments, sweep_backups

    marker = read_marker(path)
    parts = leftovers(path, data_dir=store.data_dir if marker is not None else None)
    chosen = store.settings.committee().backup_dir if marker is not None else ""
    if chosen and Path(chosen).is_dir():  # backups converted in the committee's own folder
        for suffix in LEFTOVER_SUFFIXES:
            parts += Path(chosen).glob(f"{_glob_safe(path.stem)}-*{suffix}*")
    for part in parts:
        part.unlink(missing_ok=True)
    encrypted = is_encrypted(path)
    notices: list[str] = []
    if marker is not None:
        kind, fingerprint = marker
        # The file is the truth: its backups and attachments follow it.
        notices += sweep_attachments(store, old_key=store.db_key)
        notices += sweep_backups(store)
        if not encrypted:
            _drop_key_file(path, fingerprint, now)
        if kind == SETTING and not encrypted:
            notices.append(
                f"上次给 {path.name} 设置密码时中断了，案件库仍然没有加密、一切照旧；"
                "当时的恢复单作废，要设密码请重新设置一次。"
            )
        elif kind == REMOVING and encrypted:
            notices.append(
                f"上次取消 {path.name} 的密码时中断了，案件库和备份仍然加密、仍用原来的密码打开；"
                "要取消密码请重新做一次。"
            )
        marker_path(path).unlink(missing_ok=True)
        sync_dir(path.parent)
    elif not encrypted:
        _drop_key_file(path, None, now)
    return notices


def _drop_key_file(path: Path, fingerprint: str | None, now: datetime) -> None:
    """A key file beside a plain file opens nothing. Ours (the marker names its key): deleted.
    Otherwise renamed aside, never deleted (someone may have put it there on purpose)."""
    kp = key_path(path)
    if not kp.exists():
        return
    try:
        kf = read_key_file(path)
    except StoreError:
        kf = None
    if fingerprint and kf is not None and kf.key_id == fingerprint:
        kp.unlink(missing_ok=True)
        return
    aside = kp.with_name(f"{kp.name}.未使用-{now:%Y%m%d-%H%M%S}")
    kp.replace(aside)
    logger.info("set aside stale key file %s", aside)
