"""Migration m0002_monthly_entries (released migrations are never edited: moved here verbatim from
the former db/migrations.py)."""

from __future__ import annotations

from sqlite_utils import Database

from db.migrations.registry import migrations, run_script

# Figures a monthly report needs that do not come from cases (排查 and 预防), plus what the
# mediator typed into the report (narrative, 填报人, 审核人) so it is never lost. One row per
# committee and month: an aggregate (county) database holds rows of many committees.
_M0002 = """
CREATE TABLE monthly_entries (
    committee_id TEXT NOT NULL,
    month TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'
                               AND substr(month, 6, 2) BETWEEN '01' AND '12'),
    screenings INTEGER NOT NULL DEFAULT 0 CHECK (screenings >= 0),
    disputes_found INTEGER NOT NULL DEFAULT 0 CHECK (disputes_found >= 0),
    prevented INTEGER NOT NULL DEFAULT 0 CHECK (prevented >= 0),
    narrative TEXT NOT NULL DEFAULT '',
    filler TEXT NOT NULL DEFAULT '',
    reviewer TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    PRIMARY KEY (committee_id, month)
) STRICT;
"""


@migrations(name="m0002_monthly_entries")
def m0002_monthly_entries(db: Database) -> None:
    run_script(db, _M0002)
