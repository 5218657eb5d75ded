"""Issue 10 (import speed): an import writes its cases' text with the full-text indexes'
incremental merging put off (desktop/core/store/index_merging.py), and puts each index's own
setting back before it commits — whatever the file had, read inline or in a reading process.
A refused import leaves the setting (and the whole file) as it was."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from typing import Any

import pytest
from forge import committee_key, members, reseal, write
from two_villages import two_villages

from desktop.core.exchange import import_packages, merge, reading
from desktop.core.exchange.report import ImportReport
from desktop.core.exchange.verify import PackageError
from desktop.core.store import Store, open_store
from desktop.core.store.index_merging import FTS5_AUTOMERGE, TEXT_INDEXES, automerge


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return two_villages(tmp_path_factory.mktemp("merging"), 12)


def county_copy(made: dict[str, Path], folder: Path, settings: dict[str, int]) -> Path:
    path = folder / "county.sqlite"
    shutil.copy(made["county"], path)
    with open_store(path) as county, county.db.atomic():
        for index, value in settings.items():
            county.db.execute(
                f"INSERT INTO {index} ({index}, rank) VALUES ('automerge', ?)", [value]
            )
    return path


@pytest.mark.parametrize("in_child", [False, True], ids=["inline", "reading process"])
@pytest.mark.parametrize(
    "settings", [{}, {"case_fts": 8}, {"case_fts": 2, "case_chars": 16}], ids=["unset", "8", "2/16"]
)
def test_setting_put_off_while_writing_and_back_after(
    made: dict[str, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    in_child: bool,
    settings: dict[str, int],
) -> None:
    monkeypatch.setattr(reading, "INLINE_BELOW", 0 if in_child else 1 << 60)
    seen: list[dict[str, int]] = []
    real_apply = merge._apply

    def watched(store: Store, *rest: Any) -> ImportReport:
        seen.append({index: automerge(store.db, index) for index in TEXT_INDEXES})
        return real_apply(store, *rest)

    monkeypatch.setattr(merge, "_apply", watched)
    path = county_copy(made, tmp_path, settings)
    with open_store(path) as county:
        reports = import_packages(county, [made["a"], made["b"]])
        assert sum(len(r.added) for r in reports) == 24
        # While the packages were written: no incremental merging in either index.
        assert seen == [{"case_fts": 0, "case_chars": 0}] * 2
        # After: each index has the setting it had before (FTS5's default when unset).
        assert {index: automerge(county.db, index) for index in TEXT_INDEXES} == {
            index: settings.get(index, FTS5_AUTOMERGE) for index in TEXT_INDEXES
        }
        county.db.execute("INSERT INTO case_fts (case_fts) VALUES ('integrity-check')")
        county.db.execute("INSERT INTO case_chars (case_chars) VALUES ('integrity-check')")
        name = county.db.execute("SELECT name FROM parties ORDER BY id DESC LIMIT 1").fetchone()[0]
        assert county.cases.search(name), f"{name} imported but not found"


def test_refused_import_leaves_the_setting_and_the_file(
    made: dict[str, Path], tmp_path: Path
) -> None:
    path = county_copy(made, tmp_path, {"case_fts": 8})
    files = members(made["b"])
    lines = files["cases.jsonl"].split(b"\n")
    lines[-2] = lines[-2][:-9]  # the last case line is no longer JSON
    bad = write(
        tmp_path / "bad.zip",
        reseal(
            {**files, "cases.jsonl": b"\n".join(lines)}, committee_key(made["dir"] / "b.sqlite")
        ),
    )
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with open_store(path) as county:
        with pytest.raises(PackageError):
            import_packages(county, [made["a"], bad])
        assert automerge(county.db, "case_fts") == 8
        assert automerge(county.db, "case_chars") == FTS5_AUTOMERGE
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
