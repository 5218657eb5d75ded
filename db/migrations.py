"""Numbered schema migrations. Rule: a released migration is never edited; change the schema
by adding the next one. The store takes a backup copy of the file before applying any."""

from __future__ import annotations

import json
import sqlite3

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("wusong")

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


def run_script(db: Database, script: str) -> None:
    """Run statements one at a time: ``executescript`` would COMMIT first and so break the
    migration's own transaction."""
    pending = ""
    for line in script.splitlines(keepends=True):
        if not pending and (not line.strip() or line.lstrip().startswith("--")):
            continue
        pending += line
        if sqlite3.complete_statement(pending):
            db.execute(pending)
            pending = ""
    if pending.strip():
        raise ValueError("unterminated SQL statement in migration: " + pending[:80])


@migrations(name="m0001_initial")
def m0001_initial(db: Database) -> None:
    run_script(db, _M0001)


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


# The county's own numbers (issue 14). Cases get the fields township offices collect for the
# 台账 and the statistics (案件难度, 平台案号, 纠纷发生时间/地点, 特殊人群, 风险等级, 备注);
# parties get a 证件类型, filled in from the number for existing parties (9… is the 2023
# 外国人永久居留身份证, 81/82/83 the 港澳台居民居住证). 以案定补 claims are one row per case (a
# case is claimed once only: UNIQUE). Excel 台账 imports are recorded with what they added.
_M0008 = """
ALTER TABLE parties ADD COLUMN id_type TEXT NOT NULL DEFAULT '';
UPDATE parties SET id_type = CASE
    WHEN id_number = '' THEN ''
    WHEN substr(id_number, 1, 1) = '9' THEN '外国人永久居留身份证'
    WHEN substr(id_number, 1, 2) IN ('81', '82', '83') THEN '港澳台居民居住证'
    ELSE '居民身份证' END
WHERE id_number != '';

ALTER TABLE cases ADD COLUMN difficulty TEXT NOT NULL DEFAULT ''
    CHECK (difficulty IN ('', '简单', '一般', '疑难复杂'));
ALTER TABLE cases ADD COLUMN platform_no TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN occurred_on TEXT CHECK (occurred_on = date(occurred_on));
ALTER TABLE cases ADD COLUMN occurred_place TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN special_groups TEXT NOT NULL DEFAULT '[]';
ALTER TABLE cases ADD COLUMN risk_level TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN remarks TEXT NOT NULL DEFAULT '';
-- The monthly report reads the cases through this covering index: it now needs difficulty.
DROP INDEX cases_report;
CREATE INDEX cases_report ON cases (
    category_code, level_resolved, accepted_on, agreement_on, closed_on, status, source,
    agreement_form, judicial_confirmation, amount_fen, people_count, risk_flags, difficulty
);

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
CREATE INDEX subsidy_claims_month ON subsidy_claims (month);

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
"""


@migrations(name="m0008_official_numbers")
def m0008_official_numbers(db: Database) -> None:
    from desktop.core.store.search import case_body, spaced
    from desktop.core.validation.names import DOT_VARIANTS, normalise_name_dots

    run_script(db, _M0008)
    # Names typed with a look-alike of the middle dot (阿不都热合曼・买买提) are stored with the
    # one dot, and their cases re-indexed, so every spelling finds them (search normalises the
    # query the same way).
    likes = " OR ".join(f"{col} LIKE ?" for col in ("name", "legal_rep", "agent_name"))
    params = [f"%{ch}%" for ch in DOT_VARIANTS]
    where = " OR ".join(f"({likes})" for _ in params)
    touched: set[int] = set()
    rows = db.execute(
        f"SELECT id, case_id, name, legal_rep, agent_name FROM parties WHERE {where}",
        [p for p in params for _ in range(3)],
    ).fetchall()
    for party_id, case_id, *names in rows:
        fixed = [normalise_name_dots(n) for n in names]
        if fixed != names:
            db.execute(
                "UPDATE parties SET name = ?, legal_rep = ?, agent_name = ? WHERE id = ?",
                [*fixed, party_id],
            )
        touched.add(case_id)
    # The two text indexes of m0001 only (later migrations add and fill their own).
    for case_id in sorted(touched):
        old = db.execute("SELECT body FROM case_search WHERE case_id = ?", [case_id]).fetchone()
        body = case_body(db, case_id)
        if old is not None:
            db.execute(
                "INSERT INTO case_chars (case_chars, rowid, body) VALUES ('delete', ?, ?)",
                [case_id, spaced(old[0])],
            )
            db.execute("UPDATE case_search SET body = ? WHERE case_id = ?", [body, case_id])
        else:
            db.execute("INSERT INTO case_search (case_id, body) VALUES (?, ?)", [case_id, body])
        db.execute("INSERT INTO case_chars (rowid, body) VALUES (?, ?)", [case_id, spaced(body)])


# Pinyin initials of party names for the search box (zs -> 张三), one row per spelling of a
# name (a polyphonic character gives several; see desktop/core/store/initials.py). Filled here
# for the cases already in the file; the store keeps it current with the other indexes.
_M0010 = """
CREATE TABLE case_initials (
    initials TEXT NOT NULL,
    case_id INTEGER NOT NULL REFERENCES cases(id),
    PRIMARY KEY (initials, case_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX case_initials_case ON case_initials (case_id);
"""


@migrations(name="m0010_name_initials")
def m0010_name_initials(db: Database) -> None:
    from desktop.core.store.initials import name_initials

    run_script(db, _M0010)
    rows: set[tuple[str, int]] = set()
    for case_id, name in db.execute("SELECT case_id, name FROM parties"):
        rows.update((spelling, case_id) for spelling in name_initials(name or ""))
    db.conn.executemany("INSERT INTO case_initials (initials, case_id) VALUES (?, ?)", sorted(rows))
