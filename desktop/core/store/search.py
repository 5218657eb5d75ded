"""One search box over cases: case number, party names, ID and phone numbers, and any words
of the facts, requests and agreement.

Why two indexes: FTS5's ``trigram`` tokenizer finds any substring of 3+ characters, but
silently finds nothing for 1-2 (and ``LIKE`` on an FTS table returns nothing for short CJK
terms on SQLite 3.40, see tech-notes section 6). Most Chinese names are 1-2 characters, so a
second FTS5 index holds every character as its own token and a short term becomes a phrase
query. Both are index lookups, so every query stays fast at 100,000 cases. Whatever the user
types is searched as text: quotes, brackets and FTS operators never reach MATCH unquoted.

A term of 2-8 Latin letters may also be the pinyin initials of a party's name (zs -> 张三): the
table ``case_initials`` holds every initials spelling of every party name (initials.py), and
such a term finds a case whose name spelling starts with it OR whose text contains it.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass

from sqlite_utils import Database

from desktop.core.store.initials import initials_term, join_spaced_initials, name_initials
from desktop.core.validation.names import (
    MIDDLE_DOT,
    drop_invisible,
    join_han,
    normalise_name_dots,
    without_dots,
)

MAX_TERMS = 8
MAX_TERM_LENGTH = 64


def _is_token_char(ch: str) -> bool:
    """Mirrors FTS5 unicode61: letters, numbers and private-use characters are token
    characters; everything else separates tokens."""
    cat = unicodedata.category(ch)
    return cat[0] in "LN" or cat == "Co"


class _SpacedTable(dict[int, str | None]):
    """``str.translate`` table filled on first sight of each character: a token character
    becomes itself and a space, anything else is dropped (one C-level pass over the text;
    indexing imported cases spent most of its Python time in a per-character generator)."""

    def __missing__(self, code: int) -> str | None:
        ch = chr(code)
        value = ch + " " if _is_token_char(ch) else None
        self[code] = value
        return value


_SPACED = _SpacedTable()


def spaced(text: str) -> str:
    """Every letter, digit and CJK character as its own token for the ``case_chars`` index."""
    return text.lower().translate(_SPACED).rstrip(" ")


_PARTY_TEXT = "name, id_number, phone, address, credit_code, legal_rep, agent_name"


#: A case's search text, the same with every character spaced (``case_chars``), and its
#: parties' pinyin-initials spellings (``case_initials``).
SearchTexts = tuple[str, str, frozenset[str]]


def body_of(
    case: tuple[str, ...],
    parties: list[tuple[str, ...]],
    terms: list[str],
) -> str:
    """The search text of a case from its (case_no, title, facts, requests, step_values as
    JSON text), its parties' (name, id_number, phone, address, credit_code, legal_rep,
    agent_name) and its terms' contents, parties and terms in (seq, id) order."""
    parts = [case[0], case[1], case[2], case[3]]
    values = json.loads(case[4])
    for key in ("disputed_matters", "responsibility", "findings"):
        if values.get(key):
            parts.append(str(values[key]))
    for p in parties:
        parts.extend(x for x in p if x)
        if MIDDLE_DOT in p[0]:
            parts.append(without_dots(p[0]))  # 阿不都热合曼买买提 finds 阿不都热合曼·买买提
    parts.extend(terms)
    # Same normalisation as queries, so full-width brackets and digits match half-width input,
    # and every look-alike of a name's middle dot is the one dot.
    text = drop_invisible(unicodedata.normalize("NFKC", "\n".join(p for p in parts if p)))
    return join_han(normalise_name_dots(text))


def case_body(db: Database, case_id: int) -> str:
    """The searchable text of one case: number, title, facts, requests, the findings of its
    steps, its parties' names and numbers, its agreement terms."""
    row = db.execute(
        "SELECT case_no, title, facts, requests, step_values FROM cases WHERE id = ?", [case_id]
    ).fetchone()
    if row is None:
        return ""
    parties = db.execute(
        f"SELECT {_PARTY_TEXT} FROM parties WHERE case_id = ? ORDER BY seq, id", [case_id]
    ).fetchall()
    terms = db.execute(
        "SELECT content FROM terms WHERE case_id = ? ORDER BY seq, id", [case_id]
    ).fetchall()
    return body_of(row, parties, [t[0] for t in terms])


def case_bodies(db: Database, case_ids: list[int]) -> list[tuple[int, str]]:
    """(id, :func:`case_body`) of many cases, read in three queries per 500 cases."""
    out: list[tuple[int, str]] = []
    for start in range(0, len(case_ids), 500):
        chunk = case_ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        cases = {
            r[0]: r[1:]
            for r in db.execute(
                "SELECT id, case_no, title, facts, requests, step_values FROM cases"
                f" WHERE id IN ({marks})",
                chunk,
            )
        }
        parties: dict[int, list[tuple[str, ...]]] = {}
        for r in db.execute(
            f"SELECT case_id, {_PARTY_TEXT} FROM parties WHERE case_id IN ({marks})"
            " ORDER BY case_id, seq, id",
            chunk,
        ):
            parties.setdefault(r[0], []).append(r[1:])
        terms: dict[int, list[str]] = {}
        for r in db.execute(
            f"SELECT case_id, content FROM terms WHERE case_id IN ({marks})"
            " ORDER BY case_id, seq, id",
            chunk,
        ):
            terms.setdefault(r[0], []).append(r[1])
        out.extend(
            (cid, body_of(cases[cid], parties.get(cid, []), terms.get(cid, [])))
            for cid in chunk
            if cid in cases
        )
    return out


def case_initials(db: Database, case_id: int) -> set[str]:
    """Every pinyin-initials spelling of the case's party names (see initials.py)."""
    out: set[str] = set()
    for (name,) in db.execute("SELECT name FROM parties WHERE case_id = ?", [case_id]):
        out.update(name_initials(name or ""))
    return out


def _index_initials(db: Database, case_id: int) -> None:
    db.execute("DELETE FROM case_initials WHERE case_id = ?", [case_id])
    for spelling in sorted(case_initials(db, case_id)):
        db.execute(
            "INSERT INTO case_initials (initials, case_id) VALUES (?, ?)", [spelling, case_id]
        )


def reindex_case(db: Database, case_id: int) -> None:
    """Refresh every index of one case; call inside the transaction that changed it."""
    _index_initials(db, case_id)
    old = db.execute("SELECT body FROM case_search WHERE case_id = ?", [case_id]).fetchone()
    body = case_body(db, case_id)
    if old is not None:
        # Contentless FTS5 needs the exact old tokens to delete them.
        db.execute(
            "INSERT INTO case_chars (case_chars, rowid, body) VALUES ('delete', ?, ?)",
            [case_id, spaced(old[0])],
        )
        db.execute("UPDATE case_search SET body = ? WHERE case_id = ?", [body, case_id])
    else:
        db.execute("INSERT INTO case_search (case_id, body) VALUES (?, ?)", [case_id, body])
    db.execute("INSERT INTO case_chars (rowid, body) VALUES (?, ?)", [case_id, spaced(body)])


def reindex_cases(db: Database, case_ids: list[int]) -> None:
    """:func:`reindex_case` for many cases (the end of a bulk write: an import of updated
    cases), in a few statements per 500 cases instead of five per case; the same indexes
    result. Statements, not rows, matter: the trigram index's triggers run inside each
    statement's savepoint, where FTS5 writes out its pending index."""
    for start in range(0, len(case_ids), 500):
        some = case_ids[start : start + 500]
        marks = ",".join("?" * len(some))
        db.execute(f"DELETE FROM case_initials WHERE case_id IN ({marks})", some)
        spellings: set[tuple[str, int]] = set()
        for case_id, name in db.execute(
            f"SELECT case_id, name FROM parties WHERE case_id IN ({marks})", some
        ):
            spellings.update((s, case_id) for s in name_initials(name or ""))
        db.conn.executemany(
            "INSERT INTO case_initials (initials, case_id) VALUES (?, ?)", sorted(spellings)
        )
        old = dict(
            db.execute(f"SELECT case_id, body FROM case_search WHERE case_id IN ({marks})", some)
        )
        found = dict(case_bodies(db, some))
        bodies = [(case_id, found.get(case_id, "")) for case_id in some]
        # Contentless FTS5 needs the exact old tokens to delete them.
        db.conn.executemany(
            "INSERT INTO case_chars (case_chars, rowid, body) VALUES ('delete', ?, ?)",
            [(case_id, spaced(body)) for case_id, body in old.items()],
        )
        db.execute(f"DELETE FROM case_search WHERE case_id IN ({marks})", some)
        db.conn.execute(
            "INSERT INTO case_search (case_id, body) VALUES " + ",".join(["(?, ?)"] * len(bodies)),
            [value for row in bodies for value in row],
        )
        db.conn.executemany(
            "INSERT INTO case_chars (rowid, body) VALUES (?, ?)",
            [(case_id, spaced(body)) for case_id, body in bodies],
        )


def index_new_cases(
    db: Database, case_ids: list[int], built: dict[int, SearchTexts] | None = None
) -> None:
    """Index cases that have no search text yet (just imported): their text, characters and
    pinyin initials, in batched statements; call inside the transaction that wrote them.
    Same text as :func:`reindex_case`. ``built``: by case id, the texts already built from
    the received line (exchange/reading.py); the others are read back from the rows."""
    built = built or {}
    read = dict(case_bodies(db, [c for c in case_ids if c not in built]))
    bodies = [
        (c, built[c][0] if c in built else read[c]) for c in case_ids if c in built or c in read
    ]
    # One INSERT per 1,000 cases, not one per case: the trigger feeding the trigram index runs
    # inside each statement's savepoint, and FTS5 writes out its pending index at every
    # savepoint — per case that was most of the import's indexing time (4-5x slower). 1,000 rows
    # are 2,000 parameters, well below SQLite's limit of 32,766.
    for start in range(0, len(bodies), 1000):
        some = bodies[start : start + 1000]
        db.conn.execute(
            "INSERT INTO case_search (case_id, body) VALUES " + ",".join(["(?, ?)"] * len(some)),
            [value for row in some for value in row],
        )
    db.conn.executemany(
        "INSERT INTO case_chars (rowid, body) VALUES (?, ?)",
        [(c, built[c][1] if c in built else spaced(body)) for c, body in bodies],
    )
    spellings = {(s, c) for c, (_, _, names) in built.items() for s in names}
    unbuilt = [c for c in case_ids if c not in built]
    for start in range(0, len(unbuilt), 500):
        chunk = unbuilt[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for case_id, name in db.execute(
            f"SELECT case_id, name FROM parties WHERE case_id IN ({marks})", chunk
        ):
            spellings.update((s, case_id) for s in name_initials(name or ""))
    db.conn.executemany(
        "INSERT OR IGNORE INTO case_initials (initials, case_id) VALUES (?, ?)", sorted(spellings)
    )


def rebuild_indexes(db: Database) -> None:
    """Rebuild both indexes from the base tables (after a bulk load, or to repair)."""
    with db.atomic():
        db.execute("DELETE FROM case_search")
        db.execute("INSERT INTO case_chars (case_chars) VALUES ('delete-all')")
        db.execute("DELETE FROM case_initials")
        ids = [r[0] for r in db.execute("SELECT id FROM cases")]
        for case_id in ids:
            body = case_body(db, case_id)
            db.execute("INSERT INTO case_search (case_id, body) VALUES (?, ?)", [case_id, body])
            db.execute(
                "INSERT INTO case_chars (rowid, body) VALUES (?, ?)", [case_id, spaced(body)]
            )
            _index_initials(db, case_id)


def split_terms(text: str) -> list[str]:
    """Whitespace-separated terms, normalised (full-width to half-width), capped in number and
    length so a pasted page of text cannot make a pathological query."""
    # Control characters (a pasted NUL ends an FTS5 string early) are never meant as text.
    norm = "".join(
        ch
        for ch in unicodedata.normalize("NFKC", text)
        if unicodedata.category(ch) != "Cc" or ch.isspace()
    )
    # 阿不都热合曼 • 买买提 is one name: its dot variants (and spaces around them) become "·".
    # Invisible zero-width characters (a name pasted from elsewhere) are dropped, as in the
    # indexed text.
    norm = normalise_name_dots(drop_invisible(norm))
    terms = join_spaced_initials([t[:MAX_TERM_LENGTH] for t in norm.split() if t])
    return list(dict.fromkeys(terms))[:MAX_TERMS]


def _phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


@dataclass(frozen=True, slots=True)
class _Cond:
    table: str  # "case_fts", "case_chars", "like", "id_number" or "initials"
    arg: str

    def params(self) -> list[object]:
        if self.table == "initials":
            # Name spellings starting with the term ('{' sorts right after 'z'), or the
            # letters themselves anywhere in the case's text.
            return [self.arg, self.arg + "{", _letters_query(self.arg)]
        return [self.arg]

    def in_clause(self) -> str:
        if self.table == "id_number":
            # The extra != '' lets SQLite use the partial index parties_id_number.
            return "c.id IN (SELECT case_id FROM parties WHERE id_number = ? AND id_number != '')"
        if self.table == "like":
            return "c.id IN (SELECT case_id FROM case_search WHERE body LIKE ? ESCAPE '\\')"
        if self.table == "initials":
            # One UNION list rather than two INs joined by OR: SQLite then builds a single
            # set and sorts its page (8 ms against 24 ms at 100,000 cases).
            t = _letters_table(self.arg)
            return (
                "c.id IN (SELECT case_id FROM case_initials WHERE initials >= ? AND initials < ?"
                f" UNION SELECT rowid FROM {t} WHERE {t} MATCH ?)"
            )
        return f"c.id IN (SELECT rowid FROM {self.table} WHERE {self.table} MATCH ?)"

    def exists_clause(self) -> str:
        if self.table == "id_number":
            return (
                "EXISTS (SELECT 1 FROM parties p WHERE p.case_id = c.id"
                " AND p.id_number = ? AND p.id_number != '')"
            )
        if self.table == "like":
            return (
                "EXISTS (SELECT 1 FROM case_search s WHERE s.case_id = c.id"
                " AND s.body LIKE ? ESCAPE '\\')"
            )
        if self.table == "initials":
            t = _letters_table(self.arg)
            return (
                "(EXISTS (SELECT 1 FROM case_initials i WHERE i.initials >= ? AND i.initials < ?"
                f" AND i.case_id = c.id) OR EXISTS (SELECT 1 FROM {t} WHERE {t} MATCH ?"
                " AND rowid = c.id))"
            )
        return f"EXISTS (SELECT 1 FROM {self.table} WHERE {self.table} MATCH ? AND rowid = c.id)"


def _letters_table(term: str) -> str:
    return "case_fts" if len(term) >= 3 else "case_chars"


def _letters_query(term: str) -> str:
    """The MATCH text finding ``term`` itself in the case text (as any other term would)."""
    return _phrase(term) if len(term) >= 3 else '"' + " ".join(term) + '"'


@dataclass(frozen=True, slots=True)
class TextQuery:
    """How to find the cases matching the search text.

    Normally every condition becomes ``c.id IN (index lookup)``: cheap while a term matches a
    few thousand cases, and any sort order works. When even the rarest term matches most cases
    (a common surname, or 纠纷), building and sorting that set costs 20-500 ms at 100,000 cases,
    so the rarest term's index drives the query newest-first (``driver``) and stops after one page.
    """

    conds: tuple[_Cond, ...]
    driver: _Cond | None

    def in_clauses(self) -> tuple[list[str], list[object]]:
        return [c.in_clause() for c in self.conds], [p for c in self.conds for p in c.params()]

    def streaming(self) -> tuple[str, list[str], list[object], str]:
        """FROM clause, conditions, parameters and ORDER BY for the newest-first driven plan.
        Ordering by the index's own rowid lets FTS5 hand rows over already sorted and stop
        after one page; ``c.id`` would mean sorting every match first."""
        assert self.driver is not None
        t = self.driver.table
        others = [c for c in self.conds if c is not self.driver]
        clauses = [f"{t} MATCH ?", *(c.exists_clause() for c in others)]
        params = [self.driver.arg, *(p for c in others for p in c.params())]
        return f"{t} JOIN cases c ON c.id = {t}.rowid", clauses, params, f"{t}.rowid DESC"


_WHOLE_ID = re.compile(r"^\d{17}[\dXx]$")

#: Above this many matches for its rarest term, a search is driven newest-first by the index.
DENSE = 1000


def plan_text(db: Database, text: str) -> TextQuery:
    long_terms: list[str] = []
    short_phrases: list[str] = []
    conds: list[_Cond] = []
    for term in split_terms(text):
        if _WHOLE_ID.match(term):
            # A whole 身份证号 is looked up in the parties' own index: exact and instant, where
            # 16 overlapping digit trigrams cost tens of milliseconds at 100,000 cases.
            conds.append(_Cond("id_number", term.upper()))
            continue
        letters = initials_term(term)
        if letters is not None:
            conds.append(_Cond("initials", letters))
            continue
        if len(term) >= 3:
            long_terms.append(_phrase(term))
            continue
        tokens = [ch for ch in term.lower() if _is_token_char(ch)]
        if len(tokens) == len(term):
            short_phrases.append('"' + " ".join(tokens) + '"')
        else:
            # Punctuation or emoji in a 1-2 character term: no token to look up, so scan.
            escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            conds.append(_Cond("like", f"%{escaped}%"))
    if long_terms:
        conds.insert(0, _Cond("case_fts", " AND ".join(long_terms)))
    if short_phrases:
        conds.insert(0, _Cond("case_chars", " AND ".join(short_phrases)))
    indexed = [c for c in conds if c.table in ("case_fts", "case_chars")]
    driver = None
    # An exact ID number already narrows to a case or two: nothing to stream for.
    if indexed and not any(c.table == "id_number" for c in conds):
        sizes = {c: _matches_up_to(db, c, DENSE + 1) for c in indexed}
        rarest = min(indexed, key=lambda c: sizes[c])
        if sizes[rarest] > DENSE:
            driver = rarest
    return TextQuery(tuple(conds), driver)


def _matches_up_to(db: Database, cond: _Cond, cap: int) -> int:
    t = cond.table
    return db.execute(
        f"SELECT count(*) FROM (SELECT rowid FROM {t} WHERE {t} MATCH ? LIMIT ?)", [cond.arg, cap]
    ).fetchone()[0]
