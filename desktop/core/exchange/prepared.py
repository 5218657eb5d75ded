"""What the reader (reading.py) builds of a received case line besides checking it: the search
texts its case gets were it new here, whether its history has repeats to leave out, and the
history's JSON text (kept as it is in received_audit when the case is new: the writer then
never parses the history, a third of a line's bytes).
Whether the case is new is known only to the writer (a lookup in the database); a new case
takes these as they are, any other case is indexed from its rows as before.

The text is exactly what search.case_body reads back from the rows written:
tests/exchange/test_exchange_import_identical.py compares every table and the search answers
with the line-by-line writing. Only these are built ahead (a third of the writer's Python):
the case's own rows and history rows cost the writer less to build from the line than to
receive through the pipe (measured with both: the reader became the slower half and the
import of 50 packages took 21.6 s against 18.4 s)."""

from __future__ import annotations

from typing import Any

import orjson

from desktop.core.exchange.rows import RECORD_TABLE
from desktop.core.store.initials import name_initials
from desktop.core.store.search import SearchTexts, body_of, spaced

_CASE_TEXT = ("case_no", "title", "facts", "requests", "step_values")
#: The parties' columns that go into the search text, in search._PARTY_TEXT's order.
_PARTY_TEXT = ("name", "id_number", "phone", "address", "credit_code", "legal_rep", "agent_name")
_TERMS = next(kind for kind, table in RECORD_TABLE.items() if table == "terms")

#: A case line's search texts as a new case (None: read back from the rows written), whether
#: its history entries are all distinct (history.append_audit then leaves none out), and its
#: history ("audit") as JSON text: the line crosses to the writer without it (reading.py).
Prepared = tuple[SearchTexts | None, bool, bytes]


def prepare(line: dict[str, Any]) -> Prepared | None:
    """What the writer takes from the reader for ``line``'s case when it is new here; None
    when a value does not fit (the writer then applies the line itself, which refuses it with
    the sentence reading inline would give)."""
    try:
        entries = line["audit"]
        keys = {
            (e.get("at"), e.get("entity"), e.get("action"), e.get("detail") or "{}")
            for e in entries
        }
        return search_texts(line), len(keys) == len(entries), orjson.dumps(entries)
    except Exception:  # any surprise is the writer's to word, exactly as inline
        return None


def search_texts(line: dict[str, Any]) -> SearchTexts | None:
    """The search text of ``line``'s case were it written as a new case (search.case_body of
    its rows: parties and terms in (seq, id) order), its characters spaced, and its names'
    pinyin-initials spellings. None when a value is not what the database would hand back (a
    field missing or not text, a ``seq`` not a whole number): the writer then reads the text
    back from the rows."""
    case, parties = line["case"], line["parties"]
    terms = line["records"].get(_TERMS, [])
    if not all(isinstance(case.get(k), str) for k in _CASE_TEXT):
        return None
    if not all(type(p.get("seq")) is int and all(k in p for k in _PARTY_TEXT) for p in parties):
        return None
    if not all(type(t.get("seq")) is int and "content" in t for t in terms):
        return None
    party_rows = [tuple(p[k] for k in _PARTY_TEXT) for p in sorted(parties, key=_seq)]
    contents = [t["content"] for t in sorted(terms, key=_seq)]
    values = [*(v for row in party_rows for v in row), *contents]
    if not all(v is None or isinstance(v, str) for v in values):
        return None
    body = body_of(tuple(case[k] for k in _CASE_TEXT), party_rows, contents)
    spellings = frozenset(s for row in party_rows for s in name_initials(row[0] or ""))
    return body, spaced(body), spellings


def _seq(row: dict[str, Any]) -> int:
    return int(row["seq"])
