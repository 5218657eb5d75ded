"""Migration m0008_official_numbers (released migrations are never edited: moved here verbatim from
the former db/migrations.py)."""

from __future__ import annotations

from sqlite_utils import Database

from db.migrations.registry import migrations, run_script

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
