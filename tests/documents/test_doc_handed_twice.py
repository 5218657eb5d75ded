"""A case handed over twice (村 → 镇 → 县) prints as the committee that holds it received it.
Kind: the documents took the FIRST hand-off in the case's history for this committee's, but a
case handed over again brings the lower level's receipt in its history (received first): the
county's 受理登记表 gave the township's receipt date, 移交来源 the village and its number, and a
township person as 登记人; a record the township made was headed 星光村…制作 as the village's;
and at the township itself, once it had handed the case on, its own records made after it
received the case counted as made before (its own later hand-over was taken for the one that
brought the case), headed as the village's and unsigned. Real stores, packages and PDFs."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from builders import FixedClock, applicant, intake, respondent
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from paper_read import pdf_pages, squash

from desktop.core import documents as docs
from desktop.core.exchange import export_handoff, import_packages
from desktop.core.store import Store, open_store


def _text(store: Store, cid: int, form: str, folder: Path) -> str:
    path = folder / f"{cid}-{form}.pdf"
    docs.generate(store, cid, form, "pdf", path)
    return squash("".join(pdf_pages(path, layout=False)))


def _session(store: Store, cid: int, day: date, where: str) -> None:
    store.records.add(
        cid,
        "session",
        {
            "held_on": day.isoformat(),
            "place": where,
            "participants": "组长",
            "statements": "陈述。",
            "persuasion": "疏导。",
            "result": "未达成。",
        },
    )


def _cn(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


@settings(
    max_examples=3,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@example(gaps=[1, 1, 1, 1], behind=3)  # received "before" it was sent, by the two clocks
@given(gaps=st.lists(st.integers(1, 9), min_size=4, max_size=4), behind=st.integers(0, 3))
def test_a_case_handed_over_twice_prints_as_each_committee_received_it(
    tmp_path_factory: pytest.TempPathFactory, gaps: list[int], behind: int
) -> None:
    """``behind``: the township's laptop clock is that many days behind the village's (it
    receives the case "before" the village handed it over)."""
    folder = tmp_path_factory.mktemp("twice")
    village_day = date(2026, 3, 2) + timedelta(days=gaps[0])
    handed = village_day + timedelta(days=gaps[1])
    town_day = handed - timedelta(days=behind)
    town_session = handed + timedelta(days=gaps[2])
    county_day = town_session + timedelta(days=gaps[3])
    clock = FixedClock(datetime(2026, 3, 2, 9))
    with open_store(folder / "v.sqlite", now=clock, actor="王建平") as village:
        village.settings.save_committee(name="星光村人民调解委员会", level=2, abbr="星调")
        village.settings.add_mediator("王建平")
        case = village.cases.create(intake(mediator=1), [applicant(), respondent()])
        village.flow.complete_step(case.id)
        village.records.add(
            case.id,
            "investigation",
            {
                "held_on": "2026-03-02",
                "place": "现场",
                "investigator": "王建平",
                "subject": "张建国",
                "content": "查看。",
            },
        )
        village.cases.update(case.id, {"evidence_list": "无", "findings": "属实。"})
        village.flow.complete_step(case.id)
        clock.set(village_day)
        _session(village, case.id, village_day, "村")
        clock.set(handed)
        first = export_handoff(village, folder / "h1.zip", case.case_no, "需镇里协调。").path
    clock.set(town_day)
    with open_store(folder / "t.sqlite", now=clock, actor="赵镇调") as town:
        town.settings.save_committee(name="新埭镇人民调解委员会", level=3, abbr="新调")
        town.settings.add_mediator("赵镇调")
        import_packages(town, [first])
        here = town.cases.list()[0]
        town.cases.update(here.id, {"mediator": 1})
        clock.set(town_session)
        _session(town, here.id, town_session, "镇")
        second = export_handoff(town, folder / "h2.zip", here.case_no, "需县里协调。").path
        # At the township, after it handed the case on: its own session is its own.
        record = _text(town, here.id, "mediation_record", folder)
        assert record.count("制作原案号") == 1, record
        assert f"星光村人民调解委员会制作原案号：{squash(case.case_no)}" in record
        assert "人民调解员：赵镇调" in record
        registration = _text(town, here.id, "registration", folder)
        assert f"受理日期{_cn(town_day)}" in registration and "登记人：赵镇调" in registration
    clock.set(county_day)
    with open_store(folder / "c.sqlite", now=clock, actor="钱县调") as county:
        county.settings.save_committee(name="平湖市人民调解委员会", level=4, abbr="平调")
        county.settings.add_mediator("钱县调")
        import_packages(county, [second])
        cid = county.cases.list()[0].id
        county.cases.update(cid, {"mediator": 1})
        registration = _text(county, cid, "registration", folder)
        assert f"受理日期{_cn(county_day)}" in registration, registration
        assert f"新埭镇人民调解委员会，原案号{squash(here.case_no)}" in registration
        assert "登记人：钱县调" in registration and "赵镇调" not in registration
        record = _text(county, cid, "mediation_record", folder)
        # Each session headed by the committee that held it, each signed by its own mediator.
        assert f"星光村人民调解委员会制作原案号：{squash(case.case_no)}" in record
        assert f"新埭镇人民调解委员会制作原案号：{squash(here.case_no)}" in record
        assert "人民调解员：王建平" in record and "人民调解员：赵镇调" in record
