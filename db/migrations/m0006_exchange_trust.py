"""Migration m0006_exchange_trust (released migrations are never edited: moved here verbatim from
the former db/migrations.py)."""

from __future__ import annotations

import json

from sqlite_utils import Database

from db.migrations.registry import migrations, run_script

# The trustworthy exchange (issue 10). Changes are tracked by a per-case revision that every
# write to the case or anything of it advances (triggers, so no write path can forget), and by
# a file-wide change sequence that incremental export selects on: the laptop's clock plays no
# part. ``synced_revision`` is the revision an import last wrote (-1 while an import is writing
# the case, which keeps the triggers quiet during bulk imports); ``lineage`` is the version
# vector {committee_id: revision} received with the case; ``origin_uuid`` links a case continued
# after a hand-off to the case it came from. Packages are signed: committee_keys pins each
# sending committee's public key at its first import; this file's own key pair is made below.
_TRACKED = (
    "parties",
    "investigations",
    "sessions",
    "terms",
    "return_visits",
    "receipts",
    "escalations",
    "terminations",
    "extensions",
    "attachments",
    "documents",
)
_BUMP = (
    "UPDATE cases SET revision = revision + 1,"
    " change_seq = (SELECT max(change_seq) FROM cases) + 1 WHERE id = {row}.case_id;"
)
_M0006 = """
ALTER TABLE cases ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN change_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN synced_revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN lineage TEXT NOT NULL DEFAULT '{}';
ALTER TABLE cases ADD COLUMN origin_uuid TEXT NOT NULL DEFAULT '';
-- Cases imported before m0006 count as synced, so a newer package updates them (not a conflict).
UPDATE cases SET revision = 1, change_seq = id, synced_revision = (committee_id != '');
CREATE INDEX cases_change_seq ON cases (change_seq);
CREATE INDEX cases_origin ON cases (origin_uuid) WHERE origin_uuid != '';
ALTER TABLE case_versions ADD COLUMN lineage TEXT NOT NULL DEFAULT '{}';

CREATE TRIGGER cases_revision_ai AFTER INSERT ON cases WHEN NEW.synced_revision >= 0
BEGIN
    UPDATE cases SET revision = revision + 1,
        change_seq = (SELECT max(change_seq) FROM cases) + 1 WHERE id = NEW.id;
END;
CREATE TRIGGER cases_revision_au AFTER UPDATE ON cases
WHEN NEW.revision = OLD.revision AND NEW.synced_revision = OLD.synced_revision
     AND NEW.synced_revision >= 0
BEGIN
    UPDATE cases SET revision = revision + 1,
        change_seq = (SELECT max(change_seq) FROM cases) + 1 WHERE id = NEW.id;
END;

CREATE TABLE committee_keys (
    committee_id TEXT PRIMARY KEY,
    committee_name TEXT NOT NULL,
    public_key TEXT NOT NULL,
    pinned_at TEXT NOT NULL,
    previous_keys TEXT NOT NULL DEFAULT '[]'
) STRICT;
"""


def _tracking_triggers() -> str:
    out = []
    for table in _TRACKED:
        for event, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
            out.append(
                f"CREATE TRIGGER {table}_revision_{event[0].lower()} AFTER {event} ON {table}\n"
                f"WHEN (SELECT synced_revision FROM cases WHERE id = {row}.case_id) >= 0\n"
                f"BEGIN\n    {_BUMP.format(row=row)}\nEND;\n"
            )
    return "\n".join(out)


@migrations(name="m0006_exchange_trust")
def m0006_exchange_trust(db: Database) -> None:
    from desktop.core.exchange.keys import new_private_key_text

    run_script(db, _M0006)
    run_script(db, _tracking_triggers())
    # The committee's signing key lives inside the database, so encrypting the file (SQLCipher)
    # protects it too.
    db.execute(
        "INSERT OR IGNORE INTO settings (key, value) VALUES ('exchange.signing_key', ?)",
        [json.dumps(new_private_key_text())],
    )
