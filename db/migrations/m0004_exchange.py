"""Migration m0004_exchange (released migrations are never edited: moved here verbatim from
the former db/migrations.py)."""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database

from db.migrations.registry import migrations, run_script

# The county exchange. An aggregate (township/county) database holds the cases of many
# committees, so cases gain the committee they belong to ('' = this file's own committee)
# and case numbers are unique per committee, not per file. SQLite cannot change a UNIQUE
# constraint in place: the table is rebuilt by the documented 12-step procedure, with foreign
# keys off (they cannot be switched inside a transaction), so this migration runs outside one
# and opens its own.
_CASES_V2 = """
CREATE TABLE cases_v2 (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    committee_id TEXT NOT NULL DEFAULT '',
    case_no TEXT NOT NULL,
    year INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    workflow_id TEXT NOT NULL,
    workflow_version INTEGER NOT NULL,
    category_code TEXT NOT NULL,
    source TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT '在办'
        CHECK (status IN ('在办', '调解成功', '调解不成', '已终止', '已移交')),
    step_now TEXT NOT NULL,
    completed_steps TEXT NOT NULL DEFAULT '[]',
    level_now INTEGER NOT NULL CHECK (level_now BETWEEN 1 AND 4),
    level_start INTEGER NOT NULL CHECK (level_start BETWEEN 1 AND 4),
    level_resolved INTEGER CHECK (level_resolved BETWEEN 1 AND 4),
    accepted_on TEXT NOT NULL CHECK (accepted_on = date(accepted_on)),
    agreement_on TEXT CHECK (agreement_on = date(agreement_on)),
    closed_on TEXT CHECK (closed_on = date(closed_on)),
    agreement_form TEXT NOT NULL DEFAULT '',
    judicial_confirmation TEXT NOT NULL DEFAULT '',
    amount_fen INTEGER CHECK (amount_fen >= 0),
    people_count INTEGER CHECK (people_count >= 0),
    risk_flags TEXT NOT NULL DEFAULT '[]',
    facts TEXT NOT NULL DEFAULT '',
    requests TEXT NOT NULL DEFAULT '',
    mediator_id INTEGER REFERENCES mediators(id),
    step_values TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    source_hash TEXT NOT NULL DEFAULT '',
    UNIQUE (committee_id, case_no),
    UNIQUE (committee_id, year, seq)
) STRICT;
"""
_M0004_AFTER = """
CREATE INDEX cases_accepted ON cases (accepted_on, id);
CREATE INDEX cases_status ON cases (status, accepted_on);
CREATE INDEX cases_category ON cases (category_code, accepted_on);
CREATE INDEX cases_level ON cases (level_now, accepted_on);
CREATE INDEX cases_step ON cases (step_now, accepted_on);
CREATE INDEX cases_mediator ON cases (mediator_id, accepted_on);
CREATE INDEX cases_committee ON cases (committee_id, accepted_on);
CREATE INDEX cases_updated ON cases (updated_at);
CREATE INDEX cases_report ON cases (
    category_code, level_resolved, accepted_on, agreement_on, closed_on, status, source,
    agreement_form, judicial_confirmation, amount_fen, people_count, risk_flags
);
CREATE INDEX cases_agreement ON cases (agreement_on) WHERE agreement_on IS NOT NULL;
CREATE INDEX cases_closed ON cases (closed_on) WHERE closed_on IS NOT NULL;

-- Every version of an imported case that is not the current one: older versions replaced by
-- a newer package, and conflicting versions that were not applied. Nothing is ever lost.
CREATE TABLE case_versions (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id),
    content_hash TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    payload TEXT NOT NULL,
    package_sha256 TEXT NOT NULL,
    applied INTEGER NOT NULL CHECK (applied IN (0, 1)),
    note TEXT NOT NULL DEFAULT '',
    received_at TEXT NOT NULL
) STRICT;
CREATE INDEX case_versions_case ON case_versions (case_id, id);

-- Packages imported into this file: the same package twice changes nothing.
CREATE TABLE imports (
    id INTEGER PRIMARY KEY,
    package_sha256 TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    committee_id TEXT NOT NULL,
    committee_name TEXT NOT NULL,
    period TEXT NOT NULL,
    cases INTEGER NOT NULL,
    report TEXT NOT NULL,
    imported_at TEXT NOT NULL
) STRICT;
"""


@migrations(name="m0004_exchange", transactional=False)
def m0004_exchange(db: Database) -> None:
    db.execute("PRAGMA foreign_keys = OFF")
    try:
        with db.atomic():
            run_script(db, _CASES_V2)
            columns = [r[1] for r in db.execute("PRAGMA table_info(cases)")]
            names = ", ".join(columns)
            db.execute(f"INSERT INTO cases_v2 ({names}) SELECT {names} FROM cases")
            db.execute("DROP TABLE cases")
            db.execute("ALTER TABLE cases_v2 RENAME TO cases")
            run_script(db, _M0004_AFTER)
            problems = db.execute("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise sqlite3.IntegrityError(
                    f"foreign keys broken by the cases rebuild: {problems[:3]}"
                )
    finally:
        db.execute("PRAGMA foreign_keys = ON")
