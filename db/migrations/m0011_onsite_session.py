"""Migration m0011_onsite_session (issue 13): 当场调解."""

from __future__ import annotations

from sqlite_utils import Database

from db.migrations.registry import migrations, run_script

# A 调解记录 may be marked as held where the dispute arose and settled there (wubu.toml
# [onsite]); it then holds the facts found and stands as the investigation record too.
_M0011 = """
ALTER TABLE sessions ADD COLUMN onsite INTEGER NOT NULL DEFAULT 0 CHECK (onsite IN (0, 1));
ALTER TABLE sessions ADD COLUMN findings TEXT NOT NULL DEFAULT '';
"""


@migrations(name="m0011_onsite_session")
def m0011_onsite_session(db: Database) -> None:
    run_script(db, _M0011)
