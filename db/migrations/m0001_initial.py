"""Migration m0001_initial (released migrations are never edited: moved here verbatim from
the former db/migrations.py)."""

from __future__ import annotations

from sqlite_utils import Database

from db.migrations.registry import migrations, run_script

# Dates are ISO text; the CHECKs keep anything else out, so reports can compare them as text.
_M0001 = """
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE mediators (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    phone TEXT NOT NULL DEFAULT '',
    full_time INTEGER NOT NULL DEFAULT 0 CHECK (full_time IN (0, 1)),
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE cases (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    case_no TEXT NOT NULL UNIQUE,
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
    UNIQUE (year, seq)
) STRICT;
CREATE INDEX cases_accepted ON cases (accepted_on, id);
CREATE INDEX cases_status ON cases (status, accepted_on);
CREATE INDEX cases_category ON cases (category_code, accepted_on);
CREATE INDEX cases_level ON cases (level_now, accepted_on);
CREATE INDEX cases_step ON cases (step_now, accepted_on);
CREATE INDEX cases_mediator ON cases (mediator_id, accepted_on);

CREATE TABLE parties (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id),
    seq INTEGER NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('申请人', '被申请人', '第三人')),
    kind TEXT NOT NULL CHECK (kind IN ('自然人', '单位')),
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    gender TEXT NOT NULL DEFAULT '',
    ethnicity TEXT NOT NULL DEFAULT '',
    birth_date TEXT CHECK (birth_date = date(birth_date)),
    age INTEGER CHECK (age BETWEEN 0 AND 150),
    id_number TEXT NOT NULL DEFAULT '',
    occupation TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    credit_code TEXT NOT NULL DEFAULT '',
    legal_rep TEXT NOT NULL DEFAULT '',
    agent_name TEXT NOT NULL DEFAULT '',
    agent_phone TEXT NOT NULL DEFAULT '',
    agent_authority TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX parties_case ON parties (case_id, seq);
CREATE INDEX parties_name ON parties (name);
CREATE INDEX parties_id_number ON parties (id_number) WHERE id_number != '';
CREATE INDEX parties_phone ON parties (phone) WHERE phone != '';

CREATE TABLE investigations (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id),
    seq INTEGER NOT NULL,
    held_on TEXT CHECK (held_on = date(held_on)),
    place TEXT NOT NULL DEFAULT '',
    investigator TEXT NOT NULL DEFAULT '',
    subject TEXT NOT NULL DEFAULT '',
    content TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX investigations_case ON investigations (case_id, seq);

CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id),
    seq INTEGER NOT NULL,
    held_on TEXT CHECK (held_on = date(held_on)),
    place TEXT NOT NULL DEFAULT '',
    participants TEXT NOT NULL DEFAULT '',
    statements TEXT NOT NULL DEFAULT '',
    persuasion TEXT NOT NULL DEFAULT '',
    result TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX sessions_case ON sessions (case_id, seq);

CREATE TABLE terms (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id),
    seq INTEGER NOT NULL,
    content TEXT NOT NULL DEFAULT '',
    obligor TEXT NOT NULL DEFAULT '',
    amount_fen INTEGER CHECK (amount_fen >= 0),
    manner TEXT NOT NULL DEFAULT '',
    place TEXT NOT NULL DEFAULT '',
    deadline TEXT CHECK (deadline = date(deadline)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX terms_case ON terms (case_id, seq);
CREATE INDEX terms_deadline ON terms (deadline);

CREATE TABLE return_visits (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id),
    seq INTEGER NOT NULL,
    visited_on TEXT CHECK (visited_on = date(visited_on)),
    visitor TEXT NOT NULL DEFAULT '',
    visited_party TEXT NOT NULL DEFAULT '',
    performance TEXT NOT NULL DEFAULT '',
    satisfaction TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX return_visits_case ON return_visits (case_id, seq);

CREATE TABLE receipts (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id),
    seq INTEGER NOT NULL,
    received_on TEXT CHECK (received_on = date(received_on)),
    description TEXT NOT NULL DEFAULT '',
    amount_fen INTEGER CHECK (amount_fen >= 0),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX receipts_case ON receipts (case_id, seq);

CREATE TABLE escalations (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id),
    from_level INTEGER NOT NULL,
    to_level INTEGER NOT NULL CHECK (to_level = from_level + 1),
    reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    escalated_on TEXT NOT NULL CHECK (escalated_on = date(escalated_on)),
    actor TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX escalations_case ON escalations (case_id);

CREATE TABLE terminations (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL UNIQUE REFERENCES cases(id),
    outcome TEXT NOT NULL CHECK (outcome IN ('调解不成', '已终止')),
    reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    routes TEXT NOT NULL,
    terminated_on TEXT NOT NULL CHECK (terminated_on = date(terminated_on)),
    actor TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE extensions (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id),
    days INTEGER NOT NULL CHECK (days > 0),
    reason TEXT NOT NULL,
    granted_on TEXT NOT NULL CHECK (granted_on = date(granted_on)),
    actor TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX extensions_case ON extensions (case_id);

CREATE TABLE attachments (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id),
    filename TEXT NOT NULL,
    stored_path TEXT NOT NULL,
    sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
    size INTEGER NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    added_at TEXT NOT NULL
) STRICT;
CREATE INDEX attachments_case ON attachments (case_id);

CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    case_id INTEGER REFERENCES cases(id),
    form TEXT NOT NULL,
    format TEXT NOT NULL,
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX documents_case ON documents (case_id);

-- Append-only: every change is written here in the same transaction as the change itself.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    case_id INTEGER,
    entity TEXT NOT NULL,
    entity_id INTEGER,
    action TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX audit_case ON audit_log (case_id, id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, '审计日志只能追加，不能修改'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, '审计日志只能追加，不能删除'); END;

-- One row of searchable text per case, kept by the store in the same transaction as the case.
CREATE TABLE case_search (
    case_id INTEGER PRIMARY KEY REFERENCES cases(id),
    body TEXT NOT NULL
) STRICT;

-- Terms of 3+ characters: trigram index over case_search (external content, kept by triggers).
CREATE VIRTUAL TABLE case_fts USING fts5(
    body, content='case_search', content_rowid='case_id', tokenize='trigram'
);
CREATE TRIGGER case_search_ai AFTER INSERT ON case_search BEGIN
    INSERT INTO case_fts (rowid, body) VALUES (new.case_id, new.body);
END;
CREATE TRIGGER case_search_ad AFTER DELETE ON case_search BEGIN
    INSERT INTO case_fts (case_fts, rowid, body) VALUES ('delete', old.case_id, old.body);
END;
CREATE TRIGGER case_search_au AFTER UPDATE ON case_search BEGIN
    INSERT INTO case_fts (case_fts, rowid, body) VALUES ('delete', old.case_id, old.body);
    INSERT INTO case_fts (rowid, body) VALUES (new.case_id, new.body);
END;

-- Terms of 1-2 characters (most Chinese names): every letter, digit and Chinese character is
-- indexed as its own token, so a 1-2 character term is a phrase query. Contentless; the store
-- feeds it the spaced-out body of case_search.
CREATE VIRTUAL TABLE case_chars USING fts5(body, content='', tokenize='unicode61');
"""


@migrations(name="m0001_initial")
def m0001_initial(db: Database) -> None:
    run_script(db, _M0001)
