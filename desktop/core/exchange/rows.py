"""Writing a received case's rows: the case row, its children (gathered per package and
written with ``executemany``), its history entries (those this file lacks), the versions kept
in ``case_versions``, and the bookkeeping that marks the import as one revision. Masked
values (issue 12 point 5) never overwrite full ones."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from itertools import chain
from operator import itemgetter
from typing import TYPE_CHECKING, Any

import orjson

from desktop.core.exchange.fmt import canonical, content_hash
from desktop.core.exchange.verify import Package
from desktop.core.store import audit, sql
from desktop.core.store.search import index_new_cases

if TYPE_CHECKING:
    from desktop.core.store.search import SearchTexts
    from desktop.core.store.store import Store

CHILD_TABLES = (
    "parties",
    "investigations",
    "sessions",
    "terms",
    "return_visits",
    "receipts",
    "escalations",
    "terminations",
    "extensions",
)
RECORD_TABLE = {
    "investigation": "investigations",
    "session": "sessions",
    "term": "terms",
    "return_visit": "return_visits",
    "receipt": "receipts",
}
MASKABLE = ("id_number", "phone", "agent_phone", "address")
#: Columns whose missing value is NULL rather than '' (NOT NULL text columns a sender of
#: another version may lack default to '', the schema's own default).
_NULLABLE = {
    "birth_date",
    "occurred_on",
    "age",
    "held_on",
    "amount_fen",
    "deadline",
    "visited_on",
    "received_on",
    "case_id",
    "entity_id",
}
#: What a column a sender of an earlier version lacks defaults to: NULL, 0 for yes/no items
#: (sessions.onsite, issue 13), otherwise ''.
_DEFAULTS: dict[str, Any] = {c: None for c in _NULLABLE} | {"onsite": 0}


class Writer:
    """Child rows gathered per package and written with ``executemany``."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.columns: dict[str, list[str]] = {}
        self.defaults: dict[str, list[tuple[str, Any]]] = {}
        self.pending: dict[str, list[Sequence[Any]]] = {}
        self.getters: dict[str, itemgetter[Any]] = {}
        #: Ids of cases added whose rows are still pending.
        self.new: list[int] = []
        #: Search texts of some of ``new``, built while reading (exchange/reading.py).
        self.built: dict[int, SearchTexts] = {}
        #: Ids of the queued ``cases`` rows, in order (see add_case).
        self.case_ids: list[int] = []
        self.next_case_id: int | None = None
        #: The columns of cases and their DEFAULT values, in the same order.
        self.case_defaults: tuple[list[str], list[Any]] | None = None
        #: Whether this file held cases of the sending committee (None: not asked yet).
        self.committee_here: bool | None = None

    def cols(self, table: str) -> list[str]:
        if table not in self.columns:
            self.columns[table] = [
                r[1] for r in self.store.db.execute(f"PRAGMA table_info({table})") if r[1] != "id"
            ]
            self.defaults[table] = [(c, _DEFAULTS.get(c, "")) for c in self.columns[table]]
        return self.columns[table]

    def add(self, table: str, row: dict[str, Any]) -> None:
        """Queue a row; a column the row lacks gets its default (NULL or '')."""
        getter = self.getters.get(table)
        if getter is None:
            self.cols(table)
            getter = self.getters[table] = itemgetter(*self.columns[table])
        try:
            values = getter(row)  # a row of this version has every column: one C call
        except KeyError:
            values = [row.get(c, default) for c, default in self.defaults[table]]
        self.pending.setdefault(table, []).append(values)

    def add_rows(self, table: str, rows: list[dict[str, Any]]) -> None:
        """Queue rows as :meth:`add` does, all with one C call when none lacks a column."""
        getter = self.getters.get(table)
        if getter is None:
            self.cols(table)
            getter = self.getters[table] = itemgetter(*self.columns[table])
        try:
            values = list(map(getter, rows))
        except KeyError:
            for row in rows:
                self.add(table, row)
            return
        self.pending.setdefault(table, []).extend(values)

    def insert_one(self, table: str, row: dict[str, Any]) -> int:
        """Insert the row now (its id is needed for the children); unknown keys are dropped."""
        self.next_case_id = None
        return sql.insert(self.store.db, table, {c: row[c] for c in self.cols(table) if c in row})

    def add_case(self, row: dict[str, Any]) -> int:
        """Queue a new ``cases`` row (unknown keys dropped) and return the id SQLite would give
        it: max(id) + 1 then counting up, as rowids of a table without AUTOINCREMENT are
        assigned, so the file is the same as with one insert per case. Nothing else inserts
        into cases while rows are queued (the merge flushes before any other write that
        reads cases)."""
        if self.next_case_id is None:
            top = self.store.db.execute("SELECT max(id) FROM cases").fetchone()[0]
            self.next_case_id = (top or 0) + 1
        case_id = self.next_case_id
        self.next_case_id += 1
        if self.case_defaults is None:
            pairs = _column_defaults(self.store, "cases", self.cols("cases"))
            self.case_defaults = ([c for c, _ in pairs], [d for _, d in pairs])
        # A column the row lacks gets the table's own DEFAULT, as an INSERT naming only the
        # row's columns would give it.
        cols, defaults = self.case_defaults
        self.pending.setdefault("cases", []).append(tuple(map(row.get, cols, defaults)))
        self.case_ids.append(case_id)
        return case_id

    def flush(self) -> None:
        """Write the queued rows, cases first (children refer to them), in order. Several rows
        per INSERT statement: each statement on a table with triggers pays for a statement
        journal and the trigger program's start, which was about half the cost of a row of
        parties or terms."""
        tables = sorted(self.pending, key=lambda t: t != "cases")
        for table in tables:
            rows = self.pending[table]
            if not rows:
                continue
            cols = self.cols(table)
            if table == "cases":
                cols = ["id", *cols]
                rows = [(i, *r) for i, r in zip(self.case_ids, rows, strict=True)]
            _insert_rows(self.store, table, cols, rows)
        self.pending.clear()
        self.case_ids = []
        self.next_case_id = None


def _column_defaults(store: Store, table: str, cols: list[str]) -> list[tuple[str, Any]]:
    """Each column with the value of its DEFAULT clause (NULL when it has none)."""
    texts = {r[1]: r[4] for r in store.db.execute(f"PRAGMA table_info({table})")}
    out = []
    for c in cols:
        text = texts[c]
        # The schema's defaults are constants ('[]', 0, '在办'); SQLite evaluates the text.
        value = None if text is None else store.db.execute(f"SELECT {text}").fetchone()[0]
        out.append((c, value))
    return out


#: Rows per INSERT statement (at most SQLite's 32,766 parameters). 100 rows get nearly all
#: of the gain over one row per statement; a larger statement costs memory in the statement
#: cache (500 rows of cases raised a 10-package import's peak by 40 MB).
_ROWS_PER_STATEMENT = 100


def _insert_rows(store: Store, table: str, cols: list[str], rows: Sequence[Sequence[Any]]) -> None:
    """INSERT ``rows`` in order (rowids assigned as one statement per row would): whole
    groups of _ROWS_PER_STATEMENT with one statement text per table, the rest one by one (a
    statement of each other size would be one more cached program)."""
    per = max(1, min(_ROWS_PER_STATEMENT, 32766 // len(cols)))
    one = f"({', '.join('?' * len(cols))})"
    head = f"INSERT INTO {table} ({', '.join(cols)}) VALUES "
    full = head + ", ".join([one] * per)
    whole = len(rows) - len(rows) % per
    for start in range(0, whole, per):
        store.db.conn.execute(full, list(chain.from_iterable(rows[start : start + per])))
    if whole < len(rows):
        store.db.conn.executemany(head + one, rows[whole:])


def write_children(
    writer: Writer, case_id: int, line: dict[str, Any], *, masked: bool, replace: bool
) -> None:
    """Queue the case's parties and records; ``replace`` deletes this file's rows first."""
    store = writer.store
    keep: dict[tuple[Any, Any], dict[str, Any]] = {}
    if replace:
        if masked:
            for r in store.db.execute(
                "SELECT seq, name, id_number, phone, agent_phone, address FROM parties"
                " WHERE case_id = ?",
                [case_id],
            ):
                keep[(r[0], r[1])] = dict(zip(("seq", "name", *MASKABLE), r, strict=True))
        for table in CHILD_TABLES:
            store.db.execute(f"DELETE FROM {table} WHERE case_id = ?", [case_id])
    groups: dict[str, Iterable[dict[str, Any]]] = {
        "parties": (_unmasked(p, keep) for p in line["parties"]) if keep else line["parties"],
        "escalations": line["escalations"],
        "terminations": line["terminations"],
        "extensions": line["extensions"],
    }
    for kind, rows in line["records"].items():
        if kind in RECORD_TABLE:
            groups[RECORD_TABLE[kind]] = rows
    for table, rows in groups.items():
        rows = list(rows)
        if rows:
            for row in rows:
                row["case_id"] = case_id
            writer.add_rows(table, rows)


def _unmasked(
    party: dict[str, Any], local: dict[tuple[Any, Any], dict[str, Any]]
) -> dict[str, Any]:
    """A masked value never overwrites the full one this file holds for the same party."""
    old = local.get((party.get("seq"), party.get("name")))
    if old is None:
        return party
    out = dict(party)
    for key in MASKABLE:
        new, full = str(out.get(key) or ""), str(old.get(key) or "")
        if "*" in new and full and "*" not in full and masked_form_of(new, full):
            out[key] = full
    return out


def masked_form_of(masked: str, full: str) -> bool:
    """Whether ``masked`` could be ``full`` with some characters hidden."""
    if len(masked) != len(full):
        return False
    return all(m == "*" or m == f for m, f in zip(masked, full, strict=True))


def _vector_text(vector: dict[str, int] | None) -> str:
    # Stored as text and only ever parsed again (never compared as text): orjson, sorted.
    return orjson.dumps(vector or {}, option=orjson.OPT_SORT_KEYS).decode("utf-8")


def case_row(line: dict[str, Any], committee_id: str) -> dict[str, Any]:
    """The ``cases`` row of a received line, owned by ``committee_id``."""
    row = {k: v for k, v in line["case"].items() if k != "mediator_name"}
    row.update(
        committee_id=committee_id,
        # Only format 1 lines need it (conflicts told by content); lineage replaces it.
        source_hash="" if "lineage" in line else content_hash(line),
        mediator_id=None,
        lineage=_vector_text(line.get("lineage")),
        origin_uuid=line.get("origin_uuid", ""),
        # -1 while the import writes the case: the change triggers stay quiet (see m0006).
        synced_revision=-1,
    )
    return row


def finish(store: Store, case_id: int) -> None:
    """The import's writes count as one revision; local edits after it are detectable."""
    store.db.execute(
        "UPDATE cases SET revision = revision + 1, synced_revision = revision + 1,"
        " change_seq = (SELECT max(change_seq) FROM cases) + 1 WHERE id = ?",
        [case_id],
    )


def keep_version(
    store: Store, case_id: int, payload: dict[str, Any], pkg: Package, applied: bool, note: str
) -> None:
    """Keep a version of the case in ``case_versions`` (received, or replaced here)."""
    store.db.execute(
        "INSERT INTO case_versions (case_id, content_hash, updated_at, payload, package_sha256,"
        " applied, note, received_at, lineage) VALUES (?,?,?,?,?,?,?,?,?)",
        [
            case_id,
            content_hash(payload),
            payload["updated_at"],
            canonical(payload).decode("utf-8"),
            pkg.sha256,
            int(applied),
            note,
            store.timestamp(),
            _vector_text(payload.get("lineage")),
        ],
    )


def log_import(store: Store, case_id: int, pkg: Package, **detail: Any) -> None:
    audit.write(
        store.db,
        at=store.timestamp(),
        actor=store.actor,
        case_id=case_id,
        entity="case",
        entity_id=case_id,
        action="import",
        detail={"from": pkg.manifest["committee_name"], "package": pkg.sha256, **detail},
    )


def flush_new(store: Store, writer: Writer, pkg: Package) -> None:
    """Write the gathered rows of newly added cases, then their audit entry, revision and
    search indexes, each in one statement per table."""
    new, writer.new = writer.new, []
    built, writer.built = writer.built, {}
    if not new:
        writer.flush()
        return
    at = store.timestamp()
    detail = json.dumps(
        {"from": pkg.manifest["committee_name"], "package": pkg.sha256}, ensure_ascii=False
    )
    for cid in new:
        writer.add(
            "audit_log",
            {
                "at": at,
                "actor": store.actor,
                "case_id": cid,
                "entity": "case",
                "entity_id": cid,
                "action": "import",
                "detail": detail,
            },
        )
    writer.flush()
    top = store.db.execute("SELECT max(change_seq) FROM cases").fetchone()[0] or 0
    store.db.conn.executemany(
        "UPDATE cases SET revision = 1, synced_revision = 1, change_seq = ? WHERE id = ?",
        [(top + i, cid) for i, cid in enumerate(new, start=1)],
    )
    index_new_cases(store.db, new, built)
