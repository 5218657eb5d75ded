"""Migration m0015_exchange_sequences (issue 10, unreleased this session)."""

from __future__ import annotations

from sqlite_utils import Database

from db.migrations.registry import migrations, run_script

# Issue 10: a missed incremental package must not go unnoticed. Each imported package records
# which of its sender's changes it carries (format 3: every change after ``since_seq`` up to
# ``change_seq``, the sender's ``package_no``), so the receiver can tell a gap between two
# packages of one committee; and the sender's region (所属地区), printed in that committee's
# 月报 here. Packages imported before keep NULL / 0: they carried no range (no check).
_M0015 = """
ALTER TABLE imports ADD COLUMN format_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE imports ADD COLUMN committee_region TEXT NOT NULL DEFAULT '';
ALTER TABLE imports ADD COLUMN created_at TEXT NOT NULL DEFAULT '';
ALTER TABLE imports ADD COLUMN package_no INTEGER;
ALTER TABLE imports ADD COLUMN since_seq INTEGER;
ALTER TABLE imports ADD COLUMN change_seq INTEGER;
CREATE INDEX imports_committee ON imports (committee_id, id);
"""


@migrations(name="m0015_exchange_sequences")
def m0015_exchange_sequences(db: Database) -> None:
    run_script(db, _M0015)
