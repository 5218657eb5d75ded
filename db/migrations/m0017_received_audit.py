"""Migration m0017_received_audit (issue 10: the import of 50 packages × 1,000 cases)."""

from __future__ import annotations

from sqlite_utils import Database

from db.migrations.registry import migrations, run_script

# A case received as new brings its 操作记录 (about 16 entries a case from a village): written
# one audit_log row each, they were a quarter of a county's import (800,000 rows for 50
# packages: the rows, their index and the Python that built them; measured 18.3 s against
# 14.0 s for the same packages without history). They are kept here instead, as received: one
# row per case, the package's "audit" list as its JSON text. audit.history and the export read
# both tables (these entries first: they are older than anything this file wrote of the case).
# Append-only, as audit_log is. Entries received before this migration stay in audit_log.
_M0017 = """
CREATE TABLE received_audit (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL,
    entries BLOB NOT NULL
) STRICT;
CREATE INDEX received_audit_case ON received_audit (case_id, id);
CREATE TRIGGER received_audit_no_update BEFORE UPDATE ON received_audit
BEGIN SELECT RAISE(ABORT, '审计日志只能追加，不能修改'); END;
CREATE TRIGGER received_audit_no_delete BEFORE DELETE ON received_audit
BEGIN SELECT RAISE(ABORT, '审计日志只能追加，不能删除'); END;
"""


@migrations(name="m0017_received_audit")
def m0017_received_audit(db: Database) -> None:
    run_script(db, _M0017)
