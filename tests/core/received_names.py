"""A village whose program kept party names as given (spaces, characters nobody sees) sends
them to the county: the tests of name tidying check the county keeps each as sent and finds
its case by the name as it reads."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from builders import FixedClock, on_day

from desktop.core.demo import generate
from desktop.core.exchange import export_period, import_packages
from desktop.core.store import open_store


def assert_received_and_found(folder: Path, sent: dict[str, str]) -> None:
    """Each name of ``sent`` (as the village stored it -> as a clerk types it) is the first
    party of one case of a package imported at a county: stored as sent there, and its case
    is the one search finds by the typed name."""
    clock = FixedClock(datetime(2026, 11, 1, 9))
    with open_store(folder / "v.sqlite", now=clock) as v:
        v.settings.save_committee(name="星光村人民调解委员会", level=2, abbr="星调")
        generate(v, len(sent), seed=2, until=date(2026, 10, 31))
        ids = [r[0] for r in v.db.execute("SELECT id FROM cases ORDER BY id")]
        for case_id, name in zip(ids, sent, strict=True):
            v.db.execute(
                "UPDATE parties SET name = ? WHERE id = (SELECT min(id) FROM parties"
                " WHERE case_id = ?)",
                [name, case_id],
            )
        on_day(v, date(2026, 11, 1))
        package = export_period(v, folder / "a.zip", include_reports=False).path
    with open_store(folder / "c.sqlite", now=clock) as c:
        c.settings.save_committee(name="平湖市人民调解委员会", level=4, abbr="平调")
        import_packages(c, [package])
        assert set(sent) <= {r[0] for r in c.db.execute("SELECT name FROM parties")}
        for name, typed in sent.items():
            assert len(c.cases.search(typed)) == 1, name
