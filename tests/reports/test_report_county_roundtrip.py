"""The county view on real packages: three village committees export, the county imports them,
and the county's report of each committee equals that committee's own report, while the
all-committees report is their sum (the exchange carries cases, not 排查 figures)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from builders import FixedClock

from desktop.core.demo import generate
from desktop.core.exchange import export_period, import_packages
from desktop.core.reports import build_report
from desktop.core.reports.model import ALL_COMMITTEES, RATE, MonthlyReport
from desktop.core.store import Store, open_store

MONTH = "2026-10"


def _figures(report: MonthlyReport) -> dict[str, tuple[int, int | None]]:
    return {
        r.key: (int(r.month or 0), None if r.year is None else int(r.year))
        for r in report.indicators
        if r.kind != RATE and r.group != "排查预防"
    }


def test_county_reports_match_the_villages(tmp_path: Path, clock: FixedClock) -> None:
    clock.set(date(2026, 11, 1))
    villages: list[Store] = []
    for i, (name, abbr) in enumerate(
        (("星光", "星调"), ("泖口", "泖调"), ("友联", "友调")), start=1
    ):
        v = open_store(tmp_path / f"{abbr}.sqlite", now=clock)
        v.settings.save_committee(name=f"{name}村人民调解委员会", level=2, abbr=abbr)
        generate(v, 60, seed=20 + i, until=date(2026, 10, 31))
        villages.append(v)
    county = open_store(tmp_path / "county.sqlite", now=clock)
    county.settings.save_committee(name="平湖市矛调中心", level=4, abbr="平")
    try:
        import_packages(
            county, [export_period(v, tmp_path / f"p{i}.zip").path for i, v in enumerate(villages)]
        )
        own = [build_report(v, MONTH) for v in villages]
        seen = [
            build_report(county, MONTH, committee_id=v.settings.committee().committee_id)
            for v in villages
        ]
        for village, there in zip(own, seen, strict=True):
            assert there.committee_name == village.committee_name
            assert _figures(there) == _figures(village)
        total = build_report(county, MONTH)
        assert total.committee_name == ALL_COMMITTEES
        accepted = [r.value("accepted", "year") or 0 for r in own]
        assert total.value("accepted", "year") == sum(accepted) > 0
        for key, (month, year) in _figures(total).items():
            parts = [_figures(r).get(key, (0, 0)) for r in own]
            assert month == sum(p[0] for p in parts), key
            if year is not None:
                assert year == sum(p[1] or 0 for p in parts), key
    finally:
        for s in (*villages, county):
            s.close()
