"""A stable, readable dump of the schema (``db/schema.sql``), for review and for the test
that keeps the snapshot honest."""

from __future__ import annotations

from sqlite_utils import Database


def dump_schema(db: Database) -> str:
    rows = db.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL"
        " AND name NOT LIKE 'sqlite_%' AND name != '_sqlite_migrations'"
        " ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 ELSE 2 END, name"
    ).fetchall()
    return "".join(f"{sql.strip()};\n\n" for _, _, sql in rows)
