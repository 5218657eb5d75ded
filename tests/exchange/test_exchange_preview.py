"""The import dialog's preview rehearses the import and rolls it back: its counts are what
导入 will do, and the database file is not changed by looking."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

from builders import FixedClock

from desktop.core.demo import generate
from desktop.core.exchange import export_period, import_packages, preview
from desktop.core.store import open_store


def test_preview_counts_match_import_and_write_nothing(tmp_path: Path, clock: FixedClock) -> None:
    clock.set(date(2026, 11, 1))
    with open_store(tmp_path / "v.sqlite", now=clock) as v:
        v.settings.save_committee(name="星光村人民调解委员会", abbr="星调")
        generate(v, 6, seed=9, until=date(2026, 10, 31))
        first = export_period(v, tmp_path / "first.zip").path
        # Same cases, another package (a chosen period): nothing new for a county that has them.
        second = export_period(v, tmp_path / "second.zip", since="2000-01-01").path
    county_path = tmp_path / "county.sqlite"
    with open_store(county_path, now=clock) as county:
        county.settings.save_committee(name="县矛调中心", level=4, abbr="县")
    before = hashlib.sha256(county_path.read_bytes()).hexdigest()
    with open_store(county_path, now=clock) as county:
        lines = preview(county, [first])
        assert len(lines) == 1 and "将新增 6 件，更新 0 件，未变 0 件" in lines[0]
        assert county.cases.count() == 0
        assert county.db.execute("SELECT count(*) FROM imports").fetchone()[0] == 0
    assert hashlib.sha256(county_path.read_bytes()).hexdigest() == before
    with open_store(county_path, now=clock) as county:
        assert len(import_packages(county, [first])[0].added) == 6
        again, other = preview(county, [first, second])
        assert "以前已经导入过" in again
        assert "将新增 0 件，更新 0 件，未变 6 件" in other
        assert county.cases.count() == 6
