"""Two villages' period packages and an empty county file, for the tests of a large import's
reading process (tests/exchange/test_exchange_reading*.py)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from builders import FixedClock

from desktop.core.demo import generate
from desktop.core.exchange import export_period
from desktop.core.store import open_store


def two_villages(folder: Path, cases: int) -> dict[str, Path]:
    """``a``, ``b``: the packages of 星光村 and 月亮村 (``cases`` made-up cases each, their
    files ``a.sqlite``/``b.sqlite`` in ``dir``); ``county``: an empty county file."""
    clock = FixedClock(datetime(2026, 10, 20, 9, 0))
    out = {"dir": folder}
    for name, title, abbr, seed in (("a", "星光村", "星调", 3), ("b", "月亮村", "月调", 4)):
        with open_store(folder / f"{name}.sqlite", now=clock) as village:
            village.settings.save_committee(name=f"{title}人民调解委员会", level=2, abbr=abbr)
            generate(village, cases, seed=seed, until=date(2026, 10, 19))
            out[name] = export_period(village, folder / f"{name}.zip", include_reports=False).path
    with open_store(folder / "county.sqlite", now=clock) as county:
        county.settings.save_committee(name="平湖市矛调中心", level=4, abbr="平")
    out["county"] = folder / "county.sqlite"
    return out


def one_village(folder: Path) -> dict[str, Path]:
    """``package``: a period package of 星光村 with two made-up cases (its file ``v.sqlite``
    in ``dir``); ``county``: an empty county file ``c.sqlite`` — for tests that spoil one
    line of a real package and import it."""
    clock = FixedClock(datetime(2026, 11, 3, 9, 0))
    with open_store(folder / "v.sqlite", now=clock) as v:
        v.settings.save_committee(name="星光村人民调解委员会", level=2, abbr="星调")
        generate(v, 2, seed=3, until=date(2026, 10, 31))
        package = export_period(v, folder / "v.zip", include_reports=False).path
    with open_store(folder / "c.sqlite", now=clock) as c:
        c.settings.save_committee(name="平湖市矛调中心", level=4, abbr="平")
    return {"dir": folder, "package": package, "county": folder / "c.sqlite"}
