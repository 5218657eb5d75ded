"""Migration m0010_name_initials (released migrations are never edited: moved here verbatim from
the former db/migrations.py)."""

from __future__ import annotations

from sqlite_utils import Database

from db.migrations.registry import migrations, run_script

# Pinyin initials of party names for the search box (zs -> 张三), one row per spelling of a
# name (a polyphonic character gives several; see desktop/core/store/initials.py). Filled here
# for the cases already in the file; the store keeps it current with the other indexes.
_M0010 = """
CREATE TABLE case_initials (
    initials TEXT NOT NULL,
    case_id INTEGER NOT NULL REFERENCES cases(id),
    PRIMARY KEY (initials, case_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX case_initials_case ON case_initials (case_id);
"""


@migrations(name="m0010_name_initials")
def m0010_name_initials(db: Database) -> None:
    from desktop.core.store.initials import name_initials

    run_script(db, _M0010)
    rows: set[tuple[str, int]] = set()
    for case_id, name in db.execute("SELECT case_id, name FROM parties"):
        rows.update((spelling, case_id) for spelling in name_initials(name or ""))
    db.conn.executemany("INSERT INTO case_initials (initials, case_id) VALUES (?, ?)", sorted(rows))
