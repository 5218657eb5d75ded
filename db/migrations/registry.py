"""The one list of migrations (sqlite-utils' ``Migrations``) each migration module adds itself
to with ``@migrations(name=...)``, and the helper that runs a migration's SQL statements."""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("wusong")


def run_script(db: Database, script: str) -> None:
    """Run statements one at a time: ``executescript`` would COMMIT first and so break the
    migration's own transaction."""
    pending = ""
    for line in script.splitlines(keepends=True):
        if not pending and (not line.strip() or line.lstrip().startswith("--")):
            continue
        pending += line
        if sqlite3.complete_statement(pending):
            db.execute(pending)
            pending = ""
    if pending.strip():
        raise ValueError("unterminated SQL statement in migration: " + pending[:80])
