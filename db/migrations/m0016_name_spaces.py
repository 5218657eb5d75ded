"""Migration m0016_name_spaces (unreleased this session)."""

from __future__ import annotations

from sqlite_utils import Database

from db.migrations.registry import migrations

# The search text of a case no longer keeps spaces between two Chinese characters nor invisible
# zero-width characters (validation/names.join_han): a name stored 张　三 (lined up with a
# full-width space) or 欧阳 修文, received so or typed before names were tidied, is found by
# 欧阳修文. Cases indexed before are indexed again here — only those whose text join_han
# changes (a space between two Chinese characters, a character nobody sees: names.INVISIBLE),
# and of them only those whose whole text changes. Names themselves are left as stored (a
# received case is kept as sent).


@migrations(name="m0016_name_spaces")
def m0016_name_spaces(db: Database) -> None:
    from desktop.core.store.search import case_bodies, spaced
    from desktop.core.validation.names import join_han

    old = {
        case_id: body
        for case_id, body in db.execute("SELECT case_id, body FROM case_search")
        if join_han(body) != body
    }
    changed = [(c, b) for c, b in case_bodies(db, sorted(old)) if b != old[c]]
    # Contentless FTS5 needs the exact old tokens to delete them.
    db.conn.executemany(
        "INSERT INTO case_chars (case_chars, rowid, body) VALUES ('delete', ?, ?)",
        [(c, spaced(old[c])) for c, _ in changed],
    )
    db.conn.executemany(
        "UPDATE case_search SET body = ? WHERE case_id = ?", [(b, c) for c, b in changed]
    )
    db.conn.executemany(
        "INSERT INTO case_chars (rowid, body) VALUES (?, ?)", [(c, spaced(b)) for c, b in changed]
    )
