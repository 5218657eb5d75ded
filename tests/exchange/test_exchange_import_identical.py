"""Issue 10 (import speed): the faster import leaves the receiving database exactly as the
plain way of writing did. The same packages (new cases, updated cases, a masked package,
two committees, a county that already holds cases) are imported into two copies of one county
file: once with this code, once with the reference writing of the previous code (one query per
line to find its case, one INSERT per new case, executemany per table, the plain audit rows,
the full ID-number check only). Every table's rows (rowids included), sqlite_sequence, the
search indexes' answers, revisions and change sequences must be equal."""

from __future__ import annotations

import shutil
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from builders import FixedClock

from desktop.core.demo import generate
from desktop.core.exchange import export_period, import_packages, merge, reading, rows
from desktop.core.exchange.verify import PackageError
from desktop.core.store import Store, open_store
from desktop.core.validation import idcard


def reference_add_case(self: rows.Writer, row: dict[str, Any]) -> int:
    return self.insert_one("cases", row)


def reference_flush(self: rows.Writer) -> None:
    for table, queued in self.pending.items():
        if not queued:
            continue
        cols = self.cols(table)
        self.store.db.conn.executemany(
            f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
            queued,
        )
    self.pending.clear()


def use_reference(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "GROUP", 1)
    monkeypatch.setattr(reading, "INLINE_BELOW", 1 << 60)
    monkeypatch.setattr(rows.Writer, "add_case", reference_add_case)
    monkeypatch.setattr(rows.Writer, "flush", reference_flush)
    monkeypatch.setattr(idcard, "is_plain_valid_resident", lambda text, latest: False)


def dump(store: Store) -> dict[str, Any]:
    db = store.db
    out: dict[str, Any] = {}
    names = [
        r[0]
        for r in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'case_fts%'"
            " AND name NOT LIKE 'case_chars%' ORDER BY name"
        )
    ]
    for name in names:
        without_rowid = (
            "WITHOUT ROWID"
            in db.execute("SELECT sql FROM sqlite_master WHERE name = ?", [name])
            .fetchone()[0]
            .upper()
        )
        # A WITHOUT ROWID table is read in its primary key's order.
        order = "*" if without_rowid else "rowid, *"
        out[name] = db.execute(f"SELECT {order} FROM {name}").fetchall()
    # The full-text indexes: their integrity, and answers to terms taken from the texts.
    db.execute("INSERT INTO case_fts (case_fts) VALUES ('integrity-check')")
    bodies = [r[0] for r in db.execute("SELECT body FROM case_search ORDER BY case_id")]
    terms = sorted({b[i : i + 3] for b in bodies[::7] for i in range(0, len(b) - 3, 11)})
    out["fts"] = {
        t: [
            r[0]
            for r in db.execute(
                "SELECT rowid FROM case_fts WHERE case_fts MATCH ? ORDER BY rowid",
                ['"' + t.replace('"', '""') + '"'],
            )
        ]
        for t in terms
        if t.strip()
    }
    out["chars"] = {
        t: [
            r[0]
            for r in db.execute(
                "SELECT rowid FROM case_chars WHERE case_chars MATCH ? ORDER BY rowid",
                ['"' + " ".join(t[:2]).replace('"', '""') + '"'],
            )
        ]
        for t in terms[::5]
        if len(t[:2].strip()) == 2 and t[:2].isalnum()
    }
    return out


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Sequence[Path]]]:
    folder = tmp_path_factory.mktemp("identical")
    clock = FixedClock(datetime(2026, 10, 20, 9, 0))
    village = open_store(folder / "v.sqlite", now=clock)
    village.settings.save_committee(name="星光村人民调解委员会", level=2, abbr="星调")
    other = open_store(folder / "o.sqlite", now=clock)
    other.settings.save_committee(name="月亮村人民调解委员会", level=2, abbr="月调")
    county = open_store(folder / "county.sqlite", now=clock)
    county.settings.save_committee(name="平湖市矛调中心", level=4, abbr="平")
    generate(village, 60, seed=3, until=date(2026, 10, 19))
    generate(other, 25, seed=4, until=date(2026, 10, 19))
    generate(county, 10, seed=5, until=date(2026, 10, 19))
    first = export_period(village, folder / "v1.zip", include_reports=False).path
    clock.current = datetime(2026, 10, 22, 9, 0)
    with village.db.atomic():
        village.db.execute("UPDATE cases SET facts = facts || '（补充）' WHERE id % 4 = 0")
        village.db.execute("UPDATE parties SET phone = '13900000000' WHERE case_id % 5 = 0")
    generate(village, 15, seed=6, until=date(2026, 10, 21))
    second = export_period(village, folder / "v2.zip", include_reports=False).path
    masked = export_period(other, folder / "o1.zip", include_reports=False, masked=True).path
    for s in (village, other):
        s.close()
    county.close()
    return folder, [[first], [second, masked]]


def run(folder: Path, name: str, batches: list[Sequence[Path]]) -> dict[str, Any]:
    path = folder / name
    shutil.copy(folder / "county.sqlite", path)
    store = open_store(path, now=FixedClock(datetime(2026, 10, 25, 9, 0)))
    try:
        for batch in batches:
            import_packages(store, list(batch))
        return dump(store)
    finally:
        store.close()


class SeenReader(reading.Reader):
    """The real Reader, remembering whether it read in a child process."""

    in_children: list[bool] = []

    def groups(self, index: int) -> Iterator[list[reading.Received]]:
        yield from super().groups(index)
        SeenReader.in_children.append(bool(self._processes) and self._ready)


@pytest.mark.parametrize("where", ["inline", "child"])
def test_the_import_writes_exactly_what_the_reference_writing_did(
    packages: tuple[Path, list[Sequence[Path]]], monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    """Read inline (a small import) and read in a child process (a large one: the search
    texts then come from the child) — both write what the line-by-line writing did."""
    folder, batches = packages
    SeenReader.in_children = []
    monkeypatch.setattr(merge, "Reader", SeenReader)
    monkeypatch.setattr(reading, "INLINE_BELOW", 0 if where == "child" else 1 << 60)
    fast = run(folder, "fast.sqlite", batches)
    assert SeenReader.in_children == [where == "child"] * 3
    use_reference(monkeypatch)
    plain = run(folder, "plain.sqlite", batches)
    assert len(fast["cases"]) == 10 + 75 + 25
    assert any(r for r in fast["case_versions"])  # the second package updated cases
    assert fast["fts"] and any(fast["fts"].values())
    for key in plain:
        assert fast[key] == plain[key], key
    assert fast.keys() == plain.keys()


@pytest.mark.parametrize("where", ["inline", "child"])
def test_a_refusal_leaves_the_file_as_it_was(
    packages: tuple[Path, list[Sequence[Path]]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    where: str,
) -> None:
    folder, batches = packages
    monkeypatch.setattr(reading, "INLINE_BELOW", 0 if where == "child" else 1 << 60)
    path = tmp_path / "county.sqlite"
    shutil.copy(folder / "county.sqlite", path)
    # The same village's packages twice in one import: the committee's own first package
    # then a package that claims to be this county's own (refused) — nothing stays.
    store = open_store(path, now=FixedClock(datetime(2026, 10, 25, 9, 0)))
    before = dump(store)
    store.close()
    own = tmp_path / "own.zip"
    store = open_store(path, now=FixedClock(datetime(2026, 10, 25, 9, 0)))
    export_period(store, own, include_reports=False)
    after_export = dump(store)
    with pytest.raises(PackageError):
        import_packages(store, [*batches[0], *batches[1], own])
    assert dump(store) == after_export
    store.close()
    assert before["cases"] == after_export["cases"]
