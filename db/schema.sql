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

CREATE VIRTUAL TABLE case_chars USING fts5(body, content='', tokenize='unicode61');

CREATE TABLE 'case_chars_config'(k PRIMARY KEY, v) WITHOUT ROWID;

CREATE TABLE 'case_chars_data'(id INTEGER PRIMARY KEY, block BLOB);

CREATE TABLE 'case_chars_docsize'(id INTEGER PRIMARY KEY, sz BLOB);

CREATE TABLE 'case_chars_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;

CREATE VIRTUAL TABLE case_fts USING fts5(
    body, content='case_search', content_rowid='case_id', tokenize='trigram'
);

CREATE TABLE 'case_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;

CREATE TABLE 'case_fts_data'(id INTEGER PRIMARY KEY, block BLOB);

CREATE TABLE 'case_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);

CREATE TABLE 'case_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;

CREATE TABLE case_initials (
    initials TEXT NOT NULL,
    case_id INTEGER NOT NULL REFERENCES cases(id),
    PRIMARY KEY (initials, case_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE case_search (
    case_id INTEGER PRIMARY KEY REFERENCES cases(id),
    body TEXT NOT NULL
) STRICT;

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
, lineage TEXT NOT NULL DEFAULT '{}') STRICT;

CREATE TABLE "cases" (
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
    source_hash TEXT NOT NULL DEFAULT '', revision INTEGER NOT NULL DEFAULT 0, change_seq INTEGER NOT NULL DEFAULT 0, synced_revision INTEGER NOT NULL DEFAULT 0, lineage TEXT NOT NULL DEFAULT '{}', origin_uuid TEXT NOT NULL DEFAULT '', difficulty TEXT NOT NULL DEFAULT ''
    CHECK (difficulty IN ('', '简单', '一般', '疑难复杂')), platform_no TEXT NOT NULL DEFAULT '', occurred_on TEXT CHECK (occurred_on = date(occurred_on)), occurred_place TEXT NOT NULL DEFAULT '', special_groups TEXT NOT NULL DEFAULT '[]', risk_level TEXT NOT NULL DEFAULT '', remarks TEXT NOT NULL DEFAULT '',
    UNIQUE (committee_id, case_no),
    UNIQUE (committee_id, year, seq)
) STRICT;

CREATE TABLE committee_keys (
    committee_id TEXT PRIMARY KEY,
    committee_name TEXT NOT NULL,
    public_key TEXT NOT NULL,
    pinned_at TEXT NOT NULL,
    previous_keys TEXT NOT NULL DEFAULT '[]'
) STRICT;

CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    case_id INTEGER REFERENCES cases(id),
    form TEXT NOT NULL,
    format TEXT NOT NULL,
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
    created_at TEXT NOT NULL
) STRICT;

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

CREATE TABLE extensions (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id),
    days INTEGER NOT NULL CHECK (days > 0),
    reason TEXT NOT NULL,
    granted_on TEXT NOT NULL CHECK (granted_on = date(granted_on)),
    actor TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

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
, format_version INTEGER NOT NULL DEFAULT 0, committee_region TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL DEFAULT '', package_no INTEGER, since_seq INTEGER, change_seq INTEGER) STRICT;

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

CREATE TABLE mediators (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    phone TEXT NOT NULL DEFAULT '',
    full_time INTEGER NOT NULL DEFAULT 0 CHECK (full_time IN (0, 1)),
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL
) STRICT;

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
    updated_at TEXT NOT NULL, revision INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (committee_id, month)
) STRICT;

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
, id_type TEXT NOT NULL DEFAULT '') STRICT;

CREATE TABLE receipts (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id),
    seq INTEGER NOT NULL,
    received_on TEXT CHECK (received_on = date(received_on)),
    description TEXT NOT NULL DEFAULT '',
    amount_fen INTEGER CHECK (amount_fen >= 0),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
, term_seq INTEGER) STRICT;

CREATE TABLE received_audit (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL,
    entries BLOB NOT NULL
) STRICT;

CREATE TABLE register_imports (
    id INTEGER PRIMARY KEY,
    filename TEXT NOT NULL,
    sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
    rows INTEGER NOT NULL,
    added INTEGER NOT NULL,
    skipped INTEGER NOT NULL,
    refused INTEGER NOT NULL,
    mapping TEXT NOT NULL,
    actor TEXT NOT NULL,
    imported_at TEXT NOT NULL
) STRICT;

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
, performed_terms TEXT NOT NULL DEFAULT '') STRICT;

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
, mediators TEXT NOT NULL DEFAULT '', recorder TEXT NOT NULL DEFAULT '', onsite INTEGER NOT NULL DEFAULT 0 CHECK (onsite IN (0, 1)), findings TEXT NOT NULL DEFAULT '') STRICT;

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE subsidy_claims (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL UNIQUE REFERENCES cases(id),
    month TEXT NOT NULL,
    rules TEXT NOT NULL,
    difficulty TEXT NOT NULL,
    band TEXT NOT NULL,
    amount_fen INTEGER NOT NULL CHECK (amount_fen >= 0),
    claimed_on TEXT NOT NULL CHECK (claimed_on = date(claimed_on)),
    actor TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

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
, kind TEXT NOT NULL DEFAULT '') STRICT;

CREATE INDEX attachments_case ON attachments (case_id);

CREATE INDEX audit_case ON audit_log (case_id, id);

CREATE INDEX case_initials_case ON case_initials (case_id);

CREATE INDEX case_versions_case ON case_versions (case_id, id);

CREATE INDEX cases_accepted ON cases (accepted_on, id);

CREATE INDEX cases_agreement ON cases (agreement_on) WHERE agreement_on IS NOT NULL;

CREATE INDEX cases_category ON cases (category_code, accepted_on);

CREATE INDEX cases_change_seq ON cases (change_seq);

CREATE INDEX cases_closed ON cases (closed_on) WHERE closed_on IS NOT NULL;

CREATE INDEX cases_committee ON cases (committee_id, accepted_on);

CREATE INDEX cases_level ON cases (level_now, accepted_on);

CREATE INDEX cases_mediator ON cases (mediator_id, accepted_on);

CREATE INDEX cases_origin ON cases (origin_uuid) WHERE origin_uuid != '';

CREATE INDEX cases_report ON cases (
    category_code, level_resolved, accepted_on, agreement_on, closed_on, status, source,
    agreement_form, judicial_confirmation, amount_fen, people_count, risk_flags, difficulty
);

CREATE INDEX cases_status ON cases (status, accepted_on);

CREATE INDEX cases_step ON cases (step_now, accepted_on);

CREATE INDEX cases_updated ON cases (updated_at);

CREATE INDEX documents_case ON documents (case_id);

CREATE INDEX escalations_case ON escalations (case_id);

CREATE INDEX escalations_on ON escalations (escalated_on);

CREATE INDEX extensions_case ON extensions (case_id);

CREATE UNIQUE INDEX "idx__sqlite_migrations_migration_set_name"
    ON "_sqlite_migrations" ("migration_set", "name");

CREATE INDEX imports_committee ON imports (committee_id, id);

CREATE INDEX investigations_case ON investigations (case_id, seq);

CREATE INDEX parties_case ON parties (case_id, seq);

CREATE INDEX parties_id_number ON parties (id_number) WHERE id_number != '';

CREATE INDEX parties_name ON parties (name);

CREATE INDEX parties_phone ON parties (phone) WHERE phone != '';

CREATE INDEX receipts_case ON receipts (case_id, seq);

CREATE INDEX received_audit_case ON received_audit (case_id, id);

CREATE INDEX return_visits_case ON return_visits (case_id, seq);

CREATE INDEX return_visits_on ON return_visits (visited_on);

CREATE INDEX sessions_case ON sessions (case_id, seq);

CREATE INDEX subsidy_claims_month ON subsidy_claims (month);

CREATE INDEX terms_case ON terms (case_id, seq);

CREATE INDEX terms_deadline ON terms (deadline);

CREATE TRIGGER attachments_revision_d AFTER DELETE ON attachments
WHEN (SELECT synced_revision FROM cases WHERE id = OLD.case_id) >= 0
BEGIN
    UPDATE cases SET revision = revision + 1, change_seq = (SELECT max(change_seq) FROM cases) + 1 WHERE id = OLD.case_id;
END;

CREATE TRIGGER attachments_revision_i AFTER INSERT ON attachments
WHEN (SELECT synced_revision FROM cases WHERE id = NEW.case_id) >= 0
BEGIN
    UPDATE cases SET revision = revision + 1, change_seq = (SELECT max(change_seq) FROM cases) + 1 WHERE id = NEW.case_id;
END;

CREATE TRIGGER attachments_revision_u AFTER UPDATE ON attachments
WHEN (SELECT synced_revision FROM cases WHERE id = NEW.case_id) >= 0
BEGIN
    UPDATE cases SET revision = revision + 1, change_seq = (SELECT max(change_seq) FROM cases) + 1 WHERE id = NEW.case_id;
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, '审计日志只能追加，不能删除'); END;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, '审计日志只能追加，不能修改'); END;

CREATE TRIGGER case_search_ad AFTER DELETE ON case_search BEGIN
    INSERT INTO case_fts (case_fts, rowid, body) VALUES ('delete', old.case_id, old.body);
END;

CREATE TRIGGER case_search_ai AFTER INSERT ON case_search BEGIN
    INSERT INTO case_fts (rowid, body) VALUES (new.case_id, new.body);
END;

CREATE TRIGGER case_search_au AFTER UPDATE ON case_search BEGIN
    INSERT INTO case_fts (case_fts, rowid, body) VALUES ('delete', old.case_id, old.body);
    INSERT INTO case_fts (rowid, body) VALUES (new.case_id, new.body);
END;

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

CREATE TRIGGER documents_revision_d AFTER DELETE ON documents
WHEN (SELECT synced_revision FROM cases WHERE id = OLD.case_id) >= 0
BEGIN
    UPDATE cases SET revision = revision + 1, change_seq = (SELECT max(change_seq) FROM cases) + 1 WHERE id = OLD.case_id;
END;

CREATE TRIGGER documents_revision_i AFTER INSERT ON documents
WHEN (SELECT synced_revision FROM cases WHERE id = NEW.case_id) >= 0
BEGIN
    UPDATE cases SET revision = revision + 1, change_seq = (SELECT max(change_seq) FROM cases) + 1 WHERE id = NEW.case_id;
END;

CREATE TRIGGER documents_revision_u AFTER UPDATE ON documents
WHEN (SELECT synced_revision FROM cases WHERE id = NEW.case_id) >= 0
BEGIN
    UPDATE cases SET revision = revision + 1, change_seq = (SELECT max(change_seq) FROM cases) + 1 WHERE id = NEW.case_id;
END;

CREATE TRIGGER escalations_revision_d AFTER DELETE ON escalations
WHEN (SELECT synced_revision FROM cases WHERE id = OLD.case_id) >= 0
BEGIN
    UPDATE cases SET revision = revision + 1, change_seq = (SELECT max(change_seq) FROM cases) + 1 WHERE id = OLD.case_id;
END;

CREATE TRIGGER escalations_revision_i AFTER INSERT ON escalations
WHEN (SELECT synced_revision FROM cases WHERE id = NEW.case_id) >= 0
BEGIN
    UPDATE cases SET revision = revision + 1, change_seq = (SELECT max(change_seq) FROM cases) + 1 WHERE id = NEW.case_id;
END;

CREATE TRIGGER escalations_revision_u AFTER UPDATE ON escalations
WHEN (SELECT synced_revision FROM cases WHERE id = NEW.case_id) >= 0
BEGIN
    UPDATE cases SET revision = revision + 1, change_seq = (SELECT max(change_seq) FROM cases) + 1 WHERE id = NEW.case_id;
END;

CREATE TRIGGER extensions_revision_d AFTER DELETE ON extensions
WHEN (SELECT synced_revision FROM cases WHERE id = OLD.case_id) >= 0
BEGIN
    UPDATE cases SET revision = revision + 1, change_seq = (SELECT max(change_seq) FROM cases) + 1 WHERE id = OLD.case_id;
END;

CREATE TRIGGER extensions_revision_i AFTER INSERT ON extensions
WHEN (SELECT synced_revision FROM cases WHERE id = NEW.case_id) >= 0
BEGIN
    UPDATE cases SET revision = revision + 1, change_seq = (SELECT max(change_seq) FROM cases) + 1 WHERE id = NEW.case_id;
END;

CREATE TRIGGER extensions_revision_u AFTER UPDATE ON extensions
WHEN (SELECT synced_revision FROM cases WHERE id = NEW.case_id) >= 0
BEGIN
    UPDATE cases SET revision = revision + 1, change_seq = (SELECT max(change_seq) FROM cases) + 1 WHERE id = NEW.case_id;
END;

CREATE TRIGGER investigations_revision_d AFTER DELETE ON investigations
WHEN (SELECT synced_revision FROM cases WHERE id = OLD.case_id) >= 0
BEGIN
    UPDATE cases SET revision = revision + 1, change_seq = (SELECT max(change_seq) FROM cases) + 1 WHERE id = OLD.case_id;
END;

CREATE TRIGGER investigations_revision_i AFTER INSERT ON investigations
WHEN (SELECT synced_revision FROM cases WHERE id = NEW.case_id) >= 0
BEGIN
    UPDATE cases SET revision = revision + 1, change_seq = (SELECT max(change_seq) FROM cases) + 1 WHERE id = NEW.case_id;
END;

CREATE TRIGGER investigations_revision_u AFTER UPDATE ON investigations
WHEN (SELECT synced_revision FROM cases WHERE id = NEW.case_id) >= 0
BEGIN
    UPDATE cases SET revision = revision + 1, change_seq = (SELECT max(change_seq) FROM cases) + 1 WHERE id = NEW.case_id;
END;

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

CREATE TRIGGER parties_revision_d AFTER DELETE ON parties
WHEN (SELECT synced_revision FROM cases WHERE id = OLD.case_id) >= 0
BEGIN
    UPDATE cases SET revision = revision + 1, change_seq = (SELECT max(change_seq) FROM cases) + 1 WHERE id = OLD.case_id;
END;

CREATE TRIGGER parties_revision_i AFTER INSERT ON parties
WHEN (SELECT synced_revision FROM cases WHERE id = NEW.case_id) >= 0
BEGIN
    UPDATE cases SET revision = revision + 1, change_seq = (SELECT max(change_seq) FROM cases) + 1 WHERE id = NEW.case_id;
END;

CREATE TRIGGER parties_revision_u AFTER UPDATE ON parties
WHEN (SELECT synced_revision FROM cases WHERE id = NEW.case_id) >= 0
BEGIN
    UPDATE cases SET revision = revision + 1, change_seq = (SELECT max(change_seq) FROM cases) + 1 WHERE id = NEW.case_id;
END;

CREATE TRIGGER receipts_revision_d AFTER DELETE ON receipts
WHEN (SELECT synced_revision FROM cases WHERE id = OLD.case_id) >= 0
BEGIN
    UPDATE cases SET revision = revision + 1, change_seq = (SELECT max(change_seq) FROM cases) + 1 WHERE id = OLD.case_id;
END;

CREATE TRIGGER receipts_revision_i AFTER INSERT ON receipts
WHEN (SELECT synced_revision FROM cases WHERE id = NEW.case_id) >= 0
BEGIN
    UPDATE cases SET revision = revision + 1, change_seq = (SELECT max(change_seq) FROM cases) + 1 WHERE id = NEW.case_id;
END;

CREATE TRIGGER receipts_revision_u AFTER UPDATE ON receipts
WHEN (SELECT synced_revision FROM cases WHERE id = NEW.case_id) >= 0
BEGIN
    UPDATE cases SET revision = revision + 1, change_seq = (SELECT max(change_seq) FROM cases) + 1 WHERE id = NEW.case_id;
END;

CREATE TRIGGER received_audit_no_delete BEFORE DELETE ON received_audit
BEGIN SELECT RAISE(ABORT, '审计日志只能追加，不能删除'); END;

CREATE TRIGGER received_audit_no_update BEFORE UPDATE ON received_audit
BEGIN SELECT RAISE(ABORT, '审计日志只能追加，不能修改'); END;

CREATE TRIGGER return_visits_revision_d AFTER DELETE ON return_visits
WHEN (SELECT synced_revision FROM cases WHERE id = OLD.case_id) >= 0
BEGIN
    UPDATE cases SET revision = revision + 1, change_seq = (SELECT max(change_seq) FROM cases) + 1 WHERE id = OLD.case_id;
END;

CREATE TRIGGER return_visits_revision_i AFTER INSERT ON return_visits
WHEN (SELECT synced_revision FROM cases WHERE id = NEW.case_id) >= 0
BEGIN
    UPDATE cases SET revision = revision + 1, change_seq = (SELECT max(change_seq) FROM cases) + 1 WHERE id = NEW.case_id;
END;

CREATE TRIGGER return_visits_revision_u AFTER UPDATE ON return_visits
WHEN (SELECT synced_revision FROM cases WHERE id = NEW.case_id) >= 0
BEGIN
    UPDATE cases SET revision = revision + 1, change_seq = (SELECT max(change_seq) FROM cases) + 1 WHERE id = NEW.case_id;
END;

CREATE TRIGGER sessions_revision_d AFTER DELETE ON sessions
WHEN (SELECT synced_revision FROM cases WHERE id = OLD.case_id) >= 0
BEGIN
    UPDATE cases SET revision = revision + 1, change_seq = (SELECT max(change_seq) FROM cases) + 1 WHERE id = OLD.case_id;
END;

CREATE TRIGGER sessions_revision_i AFTER INSERT ON sessions
WHEN (SELECT synced_revision FROM cases WHERE id = NEW.case_id) >= 0
BEGIN
    UPDATE cases SET revision = revision + 1, change_seq = (SELECT max(change_seq) FROM cases) + 1 WHERE id = NEW.case_id;
END;

CREATE TRIGGER sessions_revision_u AFTER UPDATE ON sessions
WHEN (SELECT synced_revision FROM cases WHERE id = NEW.case_id) >= 0
BEGIN
    UPDATE cases SET revision = revision + 1, change_seq = (SELECT max(change_seq) FROM cases) + 1 WHERE id = NEW.case_id;
END;

CREATE TRIGGER terminations_revision_d AFTER DELETE ON terminations
WHEN (SELECT synced_revision FROM cases WHERE id = OLD.case_id) >= 0
BEGIN
    UPDATE cases SET revision = revision + 1, change_seq = (SELECT max(change_seq) FROM cases) + 1 WHERE id = OLD.case_id;
END;

CREATE TRIGGER terminations_revision_i AFTER INSERT ON terminations
WHEN (SELECT synced_revision FROM cases WHERE id = NEW.case_id) >= 0
BEGIN
    UPDATE cases SET revision = revision + 1, change_seq = (SELECT max(change_seq) FROM cases) + 1 WHERE id = NEW.case_id;
END;

CREATE TRIGGER terminations_revision_u AFTER UPDATE ON terminations
WHEN (SELECT synced_revision FROM cases WHERE id = NEW.case_id) >= 0
BEGIN
    UPDATE cases SET revision = revision + 1, change_seq = (SELECT max(change_seq) FROM cases) + 1 WHERE id = NEW.case_id;
END;

CREATE TRIGGER terms_revision_d AFTER DELETE ON terms
WHEN (SELECT synced_revision FROM cases WHERE id = OLD.case_id) >= 0
BEGIN
    UPDATE cases SET revision = revision + 1, change_seq = (SELECT max(change_seq) FROM cases) + 1 WHERE id = OLD.case_id;
END;

CREATE TRIGGER terms_revision_i AFTER INSERT ON terms
WHEN (SELECT synced_revision FROM cases WHERE id = NEW.case_id) >= 0
BEGIN
    UPDATE cases SET revision = revision + 1, change_seq = (SELECT max(change_seq) FROM cases) + 1 WHERE id = NEW.case_id;
END;

CREATE TRIGGER terms_revision_u AFTER UPDATE ON terms
WHEN (SELECT synced_revision FROM cases WHERE id = NEW.case_id) >= 0
BEGIN
    UPDATE cases SET revision = revision + 1, change_seq = (SELECT max(change_seq) FROM cases) + 1 WHERE id = NEW.case_id;
END;

