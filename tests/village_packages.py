"""A village that exports a run of numbered 报送包 (one 收条 added before each after the first)
and an empty county file to import them into: the story the missing-package tests tell."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from builders import FixedClock, on_day

from desktop.core.demo import generate
from desktop.core.exchange import export_period
from desktop.core.store import open_store


def numbered_packages(
    folder: Path, clock: FixedClock, k: int, *, cases: int, seed: int, amount: str
) -> dict[str, Path]:
    """Packages "1" … "k" of 星光村 (``folder``/v.sqlite; ``cases`` demo cases made with ``seed``,
    a 收条 of ``amount`` yuan before each package after the first) and "county", an empty county
    file (``folder``/c.sqlite) of level 4."""
    found: dict[str, Path] = {}
    with open_store(folder / "v.sqlite", now=clock) as v:
        v.settings.save_committee(name="星光村人民调解委员会", level=2, abbr="星调")
        generate(v, cases, seed=seed, until=date(2026, 10, 31))
        ids = [c.id for c in v.cases.list(limit=10)]
        for n in range(1, k + 1):
            if n > 1:
                on_day(v, date(2026, 11, 2))  # the receipt is entered on its day
                v.records.add(
                    ids[n % len(ids)],
                    "receipt",
                    {"received_on": "2026-11-02", "description": f"收条 {n}", "amount": amount},
                )
            found[str(n)] = export_period(v, folder / f"a{n}.zip", include_reports=False).path
    with open_store(folder / "c.sqlite", now=clock) as c:
        c.settings.save_committee(name="平湖市人民调解委员会", level=4, abbr="平调")
    found["county"] = folder / "c.sqlite"
    return found
