"""The Store: one open committee database with its repositories. The UI and the CLI hold a
Store and call its repositories; they never write SQL."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path

from sqlite_utils import Database

from desktop.core.errors import StoreError
from desktop.core.paths import data_dir_for
from desktop.core.store import interrupted
from desktop.core.store.backups import mark_offsite, vacuum_copy
from desktop.core.store.cases import CaseRepository
from desktop.core.store.clock import clock_warnings
from desktop.core.store.database import Clock, backups_dir, open_database
from desktop.core.store.files import FileRepository
from desktop.core.store.flow import CaseFlow
from desktop.core.store.keyfile import copy_key_file, parse_recovery_key, printed_recovery_key
from desktop.core.store.lock import WriterLock
from desktop.core.store.onsite import OnsiteMediation
from desktop.core.store.protection import unlock
from desktop.core.store.records import RecordRepository
from desktop.core.store.search import reindex_case, reindex_cases
from desktop.core.store.settings import SettingsRepository
from desktop.core.store.signin import NOBODY
from desktop.core.workflow.catalog import WorkflowCatalog, load_catalog


class Store:
    def __init__(
        self,
        db: Database,
        *,
        path: Path | None = None,
        lock: WriterLock | None = None,
        catalog: WorkflowCatalog | None = None,
        now: Clock = datetime.now,
        actor: str = NOBODY,
        data_dir: Path | None = None,
        readonly_reason: str | None = None,
        notices: list[str] | None = None,
        db_key: bytes | None = None,
    ) -> None:
        # Why this store cannot be written (a read-only folder, a full disk, a read-only
        # command), or None. The window shows it as a banner; writes are refused with it.
        self.readonly_reason = readonly_reason
        # Sentences the mediator should see once (a stray journal set aside, the clock).
        self.notices: list[str] = list(notices or [])
        self.path = path
        self._lock = lock
        self.catalog = catalog or load_catalog()
        self.now = now
        #: The person working now (see signin.py): every change records this name.
        self.actor = actor
        self.data_dir = data_dir or (data_dir_for(path) if path else Path.cwd() / "wusong-files")
        #: The committee's database key when the file is encrypted (see keyfile.py), else None.
        self.db_key = db_key
        #: How the file was opened: "" (plain), "password" or "recovery" (the recovery key,
        #: which allows setting a new password without the old one).
        self.unlocked_by = ""
        #: The printed recovery key when it is known this session (typed to open the file, or
        #: just made): lets a new password seal it again for printing the sheet later.
        self.recovery_key: str | None = None
        self._deferred: set[int] | None = None
        self._bind(db)

    def _bind(self, db: Database) -> None:
        """Use ``db`` from now on (a password conversion swaps the connection)."""
        self.db = db
        self.settings = SettingsRepository(self)
        self.cases = CaseRepository(self)
        self.records = RecordRepository(self)
        self.flow = CaseFlow(self)
        self.onsite = OnsiteMediation(self)
        self.files = FileRepository(self)

    def timestamp(self) -> str:
        return self.now().isoformat(timespec="seconds")

    def today(self) -> date:
        return self.now().date()

    def reindex(self, case_id: int) -> None:
        """Refresh a case's search text now, or at the end of a :meth:`bulk` block."""
        if self._deferred is not None:
            self._deferred.add(case_id)
        else:
            reindex_case(self.db, case_id)

    @contextmanager
    def bulk(self) -> Iterator[Store]:
        """One transaction for many writes (demo data, imports): each case is indexed once at
        the end instead of after every record, and a failure leaves nothing behind."""
        if self._deferred is not None:
            yield self
            return
        self._deferred = set()
        try:
            with self.db.atomic():
                yield self
                # Batched: a few statements per 500 cases (search.reindex_cases).
                reindex_cases(self.db, sorted(self._deferred))
        finally:
            self._deferred = None

    def backup(self, folder: Path | None = None) -> Path:
        """A consistent copy of the database: ``<stem>-备份-<date-time>.sqlite`` in ``folder``
        (default: the backups folder beside the file), never over another backup and never
        half-written. Raises StoreError when the disk has no room (nothing is left behind)."""
        if self.path is None:
            raise ValueError("in-memory databases cannot be backed up")
        target_dir = Path(folder) if folder else backups_dir(self.path)
        stamp = self.now().strftime("%Y%m%d-%H%M%S")
        # VACUUM INTO of an encrypted file writes a copy encrypted with the same key.
        target = vacuum_copy(self.db, target_dir / f"{self.path.stem}-备份-{stamp}.sqlite")
        if self.db_key is not None:
            # Its key file beside it lets the password open it too (the recovery key opens it
            # on its own).
            copy_key_file(self.path, target)
        if folder:
            mark_offsite(self.path, target_dir, target, self.now())
        return target

    def close(self) -> None:
        try:
            if self._lock is not None:
                # Leave no empty -journal beside the file for the mediator to wonder at.
                with contextlib.suppress(sqlite3.Error):
                    self.db.execute("PRAGMA journal_mode = DELETE")
            self.db.conn.close()
        finally:
            if self._lock:
                self._lock.release()
                self._lock = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_store(
    path: Path | str,
    *,
    readonly: bool = False,
    now: Clock = datetime.now,
    actor: str = NOBODY,
    catalog: WorkflowCatalog | None = None,
    password: str | None = None,
    recovery_key: str | None = None,
) -> Store:
    """Open a committee database (creating and migrating it as needed). An encrypted file
    needs ``password`` or ``recovery_key``; raises PasswordNeededError without either and
    WrongPasswordError (with the wait before the next try) for a wrong one; StoreError for a
    folder given where the file belongs."""
    memory = str(path) == ":memory:"
    key = None
    if not memory:
        if Path(path).is_dir():  # it failed as IsADirectoryError, in English, in the window
            raise StoreError(
                f"“{path}”是一个文件夹，不是案件库文件：请选择文件夹里的案件库文件"
                "（例如 案件库.sqlite）。"
            )
        key = unlock(Path(path), password=password, recovery_key=recovery_key, now=now())
    opened = open_database(path, readonly=readonly, now=now, key=key)
    store = Store(
        opened.db,
        path=None if memory else Path(path),
        lock=opened.lock,
        catalog=catalog,
        now=now,
        actor=actor,
        readonly_reason=opened.db.readonly_reason,
        notices=opened.notices,
        db_key=key,
    )
    if not memory:
        try:
            store.notices += clock_warnings(store.db, now())
        except (OverflowError, ValueError):  # a clock beyond what datetime can hold
            store.notices.append("电脑时钟的日期不对，请先在电脑右下角把日期时间改对。")
    if key is not None:
        # Decrypted views a crashed run left in the temporary folder go before anything else.
        from desktop.core.store.filecrypt import clear_abandoned

        clear_abandoned()
        store.unlocked_by = "recovery" if recovery_key else "password"
        if recovery_key:
            store.recovery_key = printed_recovery_key(parse_recovery_key(recovery_key))
    if not memory:
        # A password conversion cut short is settled now, by readers too (interrupted.py).
        store.notices.extend(interrupted.settle(store, now()))
    if not memory and opened.lock is not None:
        from desktop.core.store.sweep import sweep_after_open

        store.notices.extend(sweep_after_open(store))
    if opened.temp_dir is not None:  # a recovered copy read instead of the file: drop it later
        weakref.finalize(store, shutil.rmtree, opened.temp_dir, True)
    return store
