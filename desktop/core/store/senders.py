"""Committees this file knows only from the packages they sent (a township's villages, a
county's townships): their name and 所属地区 as their latest package said (table ``imports``,
manifest format 3 carries the region), printed wherever a case or a report of theirs is."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.core.models import CommitteeSettings

if TYPE_CHECKING:
    from desktop.core.store.store import Store


def sender(store: Store, committee_id: str) -> CommitteeSettings | None:
    """The committee ``committee_id`` as its latest package described it (name, region; a
    region only from packages of format 3, else the latest one that said it), or None when
    no package of it was imported here."""
    if not store.db["imports"].exists():
        return None
    row = store.db.execute(
        "SELECT committee_name FROM imports WHERE committee_id = ? ORDER BY id DESC LIMIT 1",
        [committee_id],
    ).fetchone()
    if row is None:
        return None
    region = ""
    if any(c.name == "committee_region" for c in store.db["imports"].columns):
        found = store.db.execute(
            "SELECT committee_region FROM imports WHERE committee_id = ? AND committee_region != ''"
            " ORDER BY id DESC LIMIT 1",
            [committee_id],
        ).fetchone()
        region = str(found[0]) if found else ""
    return CommitteeSettings(name=str(row[0]), region=region, committee_id=committee_id)


def case_committee(store: Store, case_id: int) -> CommitteeSettings:
    """The committee a case belongs to: this file's own (settings) or, for a case imported
    from another committee's package, that committee (so its papers carry its name, not the
    township's or county's that printed them)."""
    own = store.settings.committee()
    row = store.db.execute("SELECT committee_id FROM cases WHERE id = ?", [case_id]).fetchone()
    if not row or not row[0] or row[0] == own.committee_id:
        return own
    return sender(store, str(row[0])) or own
