"""Making a new, empty case file: built under a temporary name and renamed into place, so a
file at the case file's name is always complete (a 0-byte file is never one of ours), and an
interruption part-way leaves neither the temporary file nor its journal behind."""

from __future__ import annotations

import os
from pathlib import Path

from desktop.core import ondisk
from desktop.core.store import upgrade
from desktop.core.store.casedb import connect


def create_case_file(db_path: Path) -> None:
    """A new case file at ``db_path`` holding every table of this release and nothing else.
    The caller holds the writer lock and has checked that no file is there. Raises
    sqlite3.Error or OSError (nothing is left under either name)."""
    part = db_path.with_name(f".{db_path.name}.new")
    journal = part.with_name(part.name + "-journal")
    for stale in (part, journal):
        stale.unlink(missing_ok=True)  # left by a computer that stopped while making one
    ondisk.temporary(part)  # a Ctrl-C anywhere below: the command line removes what is left
    try:
        db = connect(part)
        try:
            upgrade.apply_all(db)
            db.execute("PRAGMA journal_mode = DELETE")  # no empty journal left under the temp name
        finally:
            db.conn.close()
        journal.unlink(missing_ok=True)
        with open(part, "rb") as fh:
            os.fsync(fh.fileno())
        ondisk.creating(db_path, part)
        os.replace(part, db_path)
    except BaseException:
        for left in (part, journal):
            left.unlink(missing_ok=True)
        raise


def discard_new_case_file(db_path: Path) -> None:
    """Remove the case file a command made and could not finish setting up (``wusong init``
    refused a name part-way: the committee was saved but a mediator was not, say), with its
    rollback journal, so the clerk runs the command again rather than meeting 已经建立过 on a
    file half set up. Only for a file the calling command made itself, after its store is
    closed. The lock file stays (another process may hold it). Raises OSError."""
    for path in (db_path, *(db_path.with_name(db_path.name + s) for s in ("-journal", "-wal"))):
        path.unlink(missing_ok=True)
