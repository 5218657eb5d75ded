"""Putting off the merging of the two full-text indexes while an import writes many cases.

FTS5 keeps each index as segments; after every statement that adds text it merges some of
them (``automerge``, 4 by default), so a bulk write rewrites what it just wrote several times.
While an import writes thousands of cases that merging is left to FTS5's own bound
(``crisismerge``: 16 segments of one size are merged at once), and the usual setting is put
back before the import's transaction commits. Measured on 50 packages x 1,000 cases
(bench/bench_exchange.py): the parent's time about 10 % less; searches afterwards as fast
(median 1.1 against 1.2 ms over a dozen kinds of term).

The setting is part of the file (a row of ``<index>_config``): written inside the import's
transaction, a refused import rolls it back with everything else, and FTS5 reads the setting
again when the transaction it saw is gone.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlite_utils import Database

#: The full-text indexes a case's text goes into (store/search.py).
TEXT_INDEXES = ("case_fts", "case_chars")
#: FTS5's ``automerge`` when the file does not set it (sqlite.org/fts5.html, section 6.7).
FTS5_AUTOMERGE = 4


def automerge(db: Database, index: str) -> int:
    """The ``automerge`` setting ``index`` has in this file (FTS5's default when unset)."""
    row = db.execute(f"SELECT v FROM {index}_config WHERE k = 'automerge'").fetchone()
    return FTS5_AUTOMERGE if row is None else int(row[0])


def _set(db: Database, index: str, value: int) -> None:
    db.execute(f"INSERT INTO {index} ({index}, rank) VALUES ('automerge', ?)", [value])


@contextmanager
def merging_put_off(db: Database) -> Iterator[None]:
    """Within an open transaction: no incremental merging of the text indexes inside the
    block; each index's own setting is written back when the block ends normally. When the
    block raises nothing is written back: the transaction is about to roll back, and with it
    the setting (writing after a rollback would change a file the import promised to leave
    as it was)."""
    before = {index: automerge(db, index) for index in TEXT_INDEXES}
    for index in TEXT_INDEXES:
        _set(db, index, 0)
    yield
    for index, value in before.items():
        _set(db, index, value)
