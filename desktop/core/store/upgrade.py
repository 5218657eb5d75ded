"""Our own migration runner: each migration, its record in ``_sqlite_migrations`` (the same
rows sqlite-utils wrote for the first releases) and the schema version in the file header
are committed in ONE transaction. A kill at any moment leaves the file either before or after
a whole migration, and the next open simply carries on.

Table rebuilds (m0004) need foreign keys off, which SQLite only allows outside a transaction,
so the runner switches them off before ``BEGIN`` and checks every foreign key before
``COMMIT`` (https://www.sqlite.org/lang_altertable.html#otheralter, the 12-step procedure)."""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database

from db.migrations import migrations
from desktop.core.store.fileid import APPLICATION_ID

MIGRATION_SET = migrations.name


def registered() -> list[str]:
    """Names of every migration this release knows, in order."""
    return [m.name for m in migrations._migrations]


def schema_version() -> int:
    """The ``user_version`` a fully upgraded file of this release carries."""
    return len(migrations._migrations)


def applied(db: Database) -> list[str]:
    """Names recorded in the file, in the order they were applied (read-only)."""
    exists = db.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'"
    ).fetchone()
    if not exists:
        return []
    rows = db.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
        [MIGRATION_SET],
    )
    return [r[0] for r in rows]


def pending(db: Database) -> list[str]:
    done = set(applied(db))
    return [name for name in registered() if name not in done]


def unknown(db: Database) -> list[str]:
    """Migrations recorded in the file that this release does not have (a newer release)."""
    known = set(registered())
    return [name for name in applied(db) if name not in known]


def stamp(db: Database) -> None:
    """Write our application id and the schema version into the header (inside the caller's
    transaction, if any)."""
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute(f"PRAGMA user_version = {len(applied(db))}")


def stamped(db: Database) -> bool:
    """True when the header already carries our id and the right schema version."""
    app_id = db.execute("PRAGMA application_id").fetchone()[0]
    version = db.execute("PRAGMA user_version").fetchone()[0]
    return bool(app_id == APPLICATION_ID and version == len(applied(db)))


def apply_all(db: Database, *, stop_before: str | None = None) -> list[str]:
    """Apply every pending migration, each in its own transaction with its record. Returns the
    names applied. Raises sqlite3.Error from a failing migration (that migration is rolled
    back whole; the ones before it stay committed)."""
    done: list[str] = []
    for migration in migrations._migrations:
        if migration.name == stop_before:
            break
        if migration.name in applied(db):
            continue
        db.execute("PRAGMA foreign_keys = OFF")
        try:
            db.execute("BEGIN IMMEDIATE")
            try:
                migrations.ensure_migrations_table(db)
                migration.fn(db)
                migrations._record_applied(db, migration.name)
                broken = db.execute("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise sqlite3.IntegrityError(
                        f"{migration.name} broke foreign keys: {broken[:3]}"
                    )
                stamp(db)
                db.execute("COMMIT")
            except BaseException:
                if db.conn.in_transaction:
                    db.execute("ROLLBACK")
                raise
        finally:
            db.execute("PRAGMA foreign_keys = ON")
        done.append(migration.name)
    return done
