"""The county exchange end to end: three committees export, the county imports all (twice:
nothing changes), one committee edits and exports again (update, old version kept), local
edits at the county meet a newer package (conflict reported, nothing lost), and a hand-off
continues a case one level up."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from pathlib import Path

import pytest
from builders import FixedClock, applicant, intake, on_day, respondent

from desktop.core.demo import generate
from desktop.core.exchange import (
    PackageError,
    export_handoff,
    export_period,
    import_packages,
    verify_package,
)
from desktop.core.models import CaseStatus
from desktop.core.store import Store, open_store


def committee(tmp: Path, name: str, abbr: str, seed: int, clock: FixedClock) -> Store:
    s = open_store(tmp / f"{abbr}.sqlite", now=clock)
    s.settings.save_committee(name=name, level=2, abbr=abbr)
    generate(s, 25, seed=seed, until=datetime(2026, 10, 31).date())
    return s


def table_dump(store: Store) -> str:
    rows = {}
    for t in ("cases", "parties", "terms", "case_versions", "imports"):
        rows[t] = [tuple(r) for r in store.db.execute(f"SELECT * FROM {t} ORDER BY id")]
    return json.dumps(rows, ensure_ascii=False, default=str)


@pytest.fixture
def world(tmp_path: Path, clock: FixedClock):  # noqa: ANN201
    clock.set(datetime(2026, 11, 1).date())
    villages = [
        committee(tmp_path, f"{n}村人民调解委员会", a, i, clock)
        for i, (n, a) in enumerate((("星光", "星调"), ("泖口", "泖调"), ("友联", "友调")), start=1)
    ]
    county = open_store(tmp_path / "county.sqlite", now=clock)
    county.settings.save_committee(name="平湖市矛调中心", level=4, abbr="平")
    yield villages, county
    for s in (*villages, county):
        s.close()


def test_round_trip_idempotent_update_and_history(world, tmp_path: Path, clock: FixedClock) -> None:  # noqa: ANN001
    villages, county = world
    packages = [export_period(v, tmp_path / f"p{i}.zip").path for i, v in enumerate(villages)]
    reports = import_packages(county, packages)
    assert [len(r.added) for r in reports] == [25, 25, 25]
    assert county.cases.count() == 75
    # Same case numbers may exist in two committees; each keeps its own.
    per = dict(
        county.db.execute(
            "SELECT committee_id, count(*) FROM cases GROUP BY committee_id"
        ).fetchall()
    )
    assert sorted(per.values()) == [25, 25, 25]
    before = table_dump(county)
    again = import_packages(county, packages)
    assert all(r.already_imported for r in again) and table_dump(county) == before

    # A village edits one case and exports what changed since its last export.
    clock.set(datetime(2026, 11, 5).date())
    v = villages[0]
    case = v.cases.list(limit=1)[0]
    if v.cases.get(case.id).is_closed:
        v.records.add(
            case.id,
            "return_visit",
            {
                "visited_on": "2026-11-05",
                "visitor": "王",
                "visited_party": "甲",
                "performance": "已履行",
                "satisfaction": "满意",
                "notes": "再次回访，情况良好。",
            },
        )
    else:
        v.cases.update(case.id, {"facts": v.cases.get(case.id).facts + "（补充：双方已和好。）"})
    newer = export_period(v, tmp_path / "p0-newer.zip")
    assert newer.cases == 1
    report = import_packages(county, [newer.path])[0]
    assert report.updated == [case.case_no] and not report.conflicts
    cid = county.db.execute(
        "SELECT id FROM cases WHERE uuid = ?", [v.cases.get(case.id).uuid]
    ).fetchone()[0]
    versions = county.db.execute(
        "SELECT note FROM case_versions WHERE case_id = ?", [cid]
    ).fetchall()
    assert versions == [("被新版本替换",)]
    assert any(
        e.action == "import"
        for e in __import__("desktop.core.store.audit", fromlist=["history"]).history(
            county.db, cid
        )
    )


def test_conflicting_local_edit_is_reported_not_overwritten(
    world, tmp_path: Path, clock: FixedClock
) -> None:  # noqa: ANN001
    villages, county = world
    v = villages[1]
    open_case = v.cases.create(intake(accepted_on="2026-10-30"), [applicant(), respondent()])
    import_packages(county, [export_period(v, tmp_path / "a.zip").path])
    uuid = v.cases.get(open_case.id).uuid
    county_id = county.db.execute("SELECT id FROM cases WHERE uuid = ?", [uuid]).fetchone()[0]
    county.cases.update(county_id, {"facts": "县里补充的情况。"})
    clock.set(datetime(2026, 11, 6).date())
    v.cases.update(open_case.id, {"facts": "村里补充的情况。"})
    report = import_packages(county, [export_period(v, tmp_path / "b.zip").path])[0]
    assert report.conflicts and open_case.case_no in report.conflicts[0]
    assert county.cases.get(county_id).facts == "县里补充的情况。"
    kept = county.db.execute(
        "SELECT payload FROM case_versions WHERE case_id = ? AND applied = 0", [county_id]
    ).fetchone()
    assert "村里补充的情况。" in kept[0]


def test_county_report_sums_the_committees(world, tmp_path: Path) -> None:  # noqa: ANN001
    from desktop.core.reports import build_report, save_entry
    from desktop.core.reports.model import RATE

    villages, county = world
    for n, v in enumerate(villages, start=1):
        save_entry(v, "2026-10", screenings=3 * n, prevented=n)
    import_packages(
        county, [export_period(v, tmp_path / f"r{i}.zip").path for i, v in enumerate(villages)]
    )
    ids = [v.settings.committee().committee_id for v in villages]
    for month in ("2026-10", "2026-06"):
        total = {r.key: r.month for r in build_report(county, month).indicators if r.kind != RATE}
        parts = [
            {
                r.key: r.month
                for r in build_report(county, month, committee_id=i).indicators
                if r.kind != RATE
            }
            for i in ids
        ]
        own = [
            {r.key: r.month for r in build_report(v, month).indicators if r.kind != RATE}
            for v in villages
        ]
        assert parts == own  # the county sees each committee exactly as the committee does
        for key, value in total.items():
            if isinstance(value, int):
                assert value == sum(p[key] or 0 for p in parts), key


def test_handoff_continues_one_level_up(tmp_path: Path, clock: FixedClock) -> None:
    village = open_store(tmp_path / "v.sqlite", now=clock)
    village.settings.save_committee(name="星光村人民调解委员会", level=2, abbr="星调")
    village.settings.add_mediator("王建平")
    case = village.cases.create(intake(mediator=1), [applicant(), respondent()])
    village.flow.complete_step(case.id)
    pkg = export_handoff(village, tmp_path / "handoff.zip", case.case_no, "涉及多户，需镇里协调")
    sent = village.cases.get(case.id)
    assert sent.status is CaseStatus.TRANSFERRED and sent.level_now == 3
    town = open_store(tmp_path / "town.sqlite", now=clock)
    town.settings.save_committee(name="新埭镇人民调解委员会", level=3, abbr="新调")
    report = import_packages(town, [pkg.path])[0]
    assert report.added and "（2026）新调调字第1号" in report.added[0]
    here = town.cases.list()[0]
    got = town.cases.detail(here.id)
    assert got.case.status is CaseStatus.OPEN and got.case.level_now == 3
    assert got.case.step_now == "investigate" and got.case.completed_steps == ("accept",)
    assert [p.name for p in got.parties] == ["张建国", "李秀英"]
    assert [(e.from_level, e.to_level) for e in got.escalations] == [(2, 3)]
    # The town continues the case with the same engine.
    on_day(town, "2026-03-05")
    town.records.add(
        here.id,
        "investigation",
        {
            "held_on": "2026-03-05",
            "place": "镇",
            "investigator": "赵",
            "subject": "张建国",
            "content": "镇里复查。",
        },
    )
    assert town.cases.search("张建国")[0].id == here.id
    for s in (village, town):
        s.close()


def test_own_package_cannot_be_imported_back(world, tmp_path: Path) -> None:  # noqa: ANN001
    villages, _county = world
    pkg = export_period(villages[0], tmp_path / "own.zip")
    with pytest.raises(PackageError, match="本调委会自己导出的"):
        import_packages(villages[0], [pkg.path])


def test_verify_describes_a_good_package(world, tmp_path: Path) -> None:  # noqa: ANN001
    villages, _ = world
    pkg = verify_package(export_period(villages[2], tmp_path / "ok.zip", month="2026-10").path)
    assert pkg.manifest["committee_name"] == "友联村人民调解委员会"
    assert {"cases.jsonl", "台账.xlsx", "月报-2026-10.xlsx", "monthly_entries.json"} <= set(
        pkg.manifest["members"]
    )
    from desktop.core.deadlines import MONTHLY_REPORT, due_on

    # The package's copy of the 月报 is not "the month's report made" at the village.
    assert any(d.kind == MONTHLY_REPORT for d in due_on(villages[2], datetime(2026, 10, 30).date()))
    assert pkg.sha256 == hashlib.sha256((tmp_path / "ok.zip").read_bytes()).hexdigest()
