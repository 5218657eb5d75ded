"""Migration m0003_report_indexes (released migrations are never edited: moved here verbatim from
the former db/migrations.py)."""

from __future__ import annotations

from sqlite_utils import Database

from db.migrations.registry import migrations, run_script

# Indexes for the monthly report at 100,000 cases: one covering index the report's single pass
# over the cases reads instead of the wide case rows (grouped by category and resolution
# level, so no sorting), and date indexes for the figures counted by agreement, closing,
# return-visit and escalation dates.
_M0003 = """
CREATE INDEX cases_report ON cases (
    category_code, level_resolved, accepted_on, agreement_on, closed_on, status, source,
    agreement_form, judicial_confirmation, amount_fen, people_count, risk_flags
);
CREATE INDEX cases_agreement ON cases (agreement_on) WHERE agreement_on IS NOT NULL;
CREATE INDEX cases_closed ON cases (closed_on) WHERE closed_on IS NOT NULL;
CREATE INDEX return_visits_on ON return_visits (visited_on);
CREATE INDEX escalations_on ON escalations (escalated_on);
"""


@migrations(name="m0003_report_indexes")
def m0003_report_indexes(db: Database) -> None:
    run_script(db, _M0003)
