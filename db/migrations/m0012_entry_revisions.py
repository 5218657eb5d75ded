"""Migration m0012_entry_revisions (issue 10, unreleased this session)."""

from __future__ import annotations

from sqlite_utils import Database

from db.migrations.registry import migrations, run_script

# Issue 10: the monthly 排查/预防 figures merge by a revision every save advances, not by the
# time of the save (a laptop clock a year ahead made its entry win forever). Rows of this
# committee (its own id from settings, or '') count their saves; rows received from others
# keep the sender's revision. Existing rows start at 1: anything saved later is newer.
_M0012 = """
ALTER TABLE monthly_entries ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
UPDATE monthly_entries SET revision = 1;
CREATE TRIGGER monthly_entries_revision_ai AFTER INSERT ON monthly_entries
WHEN NEW.committee_id IN ('', coalesce(
    (SELECT json_extract(value, '$') FROM settings WHERE key = 'committee_id'), ''))
BEGIN
    UPDATE monthly_entries SET revision = revision + 1
    WHERE committee_id = NEW.committee_id AND month = NEW.month;
END;
CREATE TRIGGER monthly_entries_revision_au AFTER UPDATE ON monthly_entries
WHEN NEW.revision = OLD.revision AND NEW.committee_id IN ('', coalesce(
    (SELECT json_extract(value, '$') FROM settings WHERE key = 'committee_id'), ''))
BEGIN
    UPDATE monthly_entries SET revision = revision + 1
    WHERE committee_id = NEW.committee_id AND month = NEW.month;
END;
"""


@migrations(name="m0012_entry_revisions")
def m0012_entry_revisions(db: Database) -> None:
    run_script(db, _M0012)
