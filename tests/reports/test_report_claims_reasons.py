"""A case left off the 以案定补 list is told in one sentence what is wrong with IT, not only
which rule it fails (reports/claims_reasons.py): for any mix of terms and return visits, the
sentence names exactly the terms still open (by number and text) and the last visit's date and
record; a file failing its self-check names the self-check's first error; a case claimed
before names the month. Through the real ``claim_list`` over a real file."""

from __future__ import annotations

from datetime import date

from builders import FixedClock
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from report_builders import accept, to_agreement_step, visit

from desktop.core.reports.claims import claim_list
from desktop.core.store import Store

SUPPRESS = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]


def _settled(store: Store, terms: int) -> int:
    cid = accept(store, "2026-10-08", source="当事人申请", category="15", people_count=2)
    to_agreement_step(store, cid, "2026-10-09")
    store.cases.update(
        cid,
        {
            "agreement_form": "书面协议",
            "agreement_on": "2026-10-12",
            "disputed_matters": "借款",
            "responsibility": "李方",
            "confirmation_advised": True,
        },
    )
    for n in range(1, terms + 1):
        store.records.add(
            cid,
            "term",
            {
                "content": f"第{n}笔借款归还{n}00元",
                "obligor": "李秀英",
                "amount": f"{n}00",
                "manner": "转账",
                "deadline": "2026-10-20",
            },
        )
    store.flow.complete_step(cid)
    return cid


@given(terms=st.integers(1, 4), data=st.data())
@settings(max_examples=12, deadline=None, suppress_health_check=SUPPRESS)
def test_the_sentence_names_the_terms_left_open(
    store: Store, clock: FixedClock, terms: int, data: st.DataObject
) -> None:
    clock.set(date(2026, 11, 5))
    cid = _settled(store, terms)
    done = data.draw(st.sets(st.integers(1, terms), max_size=terms - 1))
    store.records.add(
        cid,
        "return_visit",
        {
            "visited_on": "2026-10-25",
            "visitor": "王调解",
            "visited_party": "张建国",
            "performance": "部分履行",
            "performed_terms": "、".join(str(n) for n in sorted(done)),
            "satisfaction": "满意",
            "notes": "回访",
        },
    )
    line = {c.case_id: c for c in claim_list(store, "2026-10").refused}[cid]
    assert line.why.count("。") == 1 and line.why.endswith("。")
    assert "最近一次回访（2026-10-25）记的是“部分履行”" in line.why
    for n in range(1, terms + 1):
        named = f"第{n}项（第{n}笔借款归还{n}00元）"
        assert (named in line.why) == (n not in done), (n, done, line.why)


def test_no_visit_a_file_error_and_an_earlier_claim_are_said(
    store: Store, clock: FixedClock
) -> None:
    from desktop.core.reports.claims import mark_claimed

    clock.set(date(2026, 11, 5))
    unvisited = _settled(store, 1)
    listing = claim_list(store, "2026-10")
    why = {c.case_id: c.why for c in listing.refused}
    assert "还没有回访记录协议是否履行" in why[unvisited]
    visit(store, unvisited, "2026-10-25", "已履行")
    store.db.execute("UPDATE terms SET deadline = NULL WHERE case_id = ?", [unvisited])
    why = {c.case_id: c.why for c in claim_list(store, "2026-10").refused}
    assert why[unvisited].startswith("卷宗自查：") and "期限" in why[unvisited], why[unvisited]
    ok = _settled(store, 1)
    visit(store, ok, "2026-10-26", "已履行")
    assert ok in mark_claimed(store, "2026-10")
    visit(store, ok, "2026-11-02", "已履行")
    why = {c.case_id: c.why for c in claim_list(store, "2026-11").refused}
    assert why[ok] == "已在 2026-10 申报过，一案只补一次。"
