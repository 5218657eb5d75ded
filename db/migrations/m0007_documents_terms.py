"""Migration m0007_documents_terms (released migrations are never edited: moved here verbatim from
the former db/migrations.py)."""

from __future__ import annotations

from sqlite_utils import Database

from db.migrations.registry import migrations, run_script

# Issue 11: who held and who recorded each session (the 调解记录 is signed by them, not by
# whoever is in charge of the case now); the kind of each agreement term (给付/行为/持续义务: a
# continuing duty has no deadline); which term a receipt or a return visit performed; why a
# case was archived with a term still open (e.g. 申请强制执行).
_M0007 = """
ALTER TABLE sessions ADD COLUMN mediators TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN recorder TEXT NOT NULL DEFAULT '';
ALTER TABLE terms ADD COLUMN kind TEXT NOT NULL DEFAULT '';
ALTER TABLE receipts ADD COLUMN term_seq INTEGER;
ALTER TABLE return_visits ADD COLUMN performed_terms TEXT NOT NULL DEFAULT '';
"""


@migrations(name="m0007_documents_terms")
def m0007_documents_terms(db: Database) -> None:
    run_script(db, _M0007)
