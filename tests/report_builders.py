"""Hand-built cases with explicit dates for the report tests: every figure of the October 2026
report is worked out by hand from this list (see ``EXPECTED`` in test_report_statistics)."""

from __future__ import annotations

from typing import Any

from builders import applicant, intake, respondent

from desktop.core.store import Store


def accept(store: Store, on: str, *, level: int | None = None, **extra: Any) -> int:
    return store.cases.create(
        intake(accepted_on=on, **extra), [applicant(), respondent()], level=level
    ).id


def to_agreement_step(store: Store, cid: int, day: str, risk: str = "无明显激化风险") -> None:
    """Steps 1-3 done on ``day`` (one investigation, one session)."""
    store.flow.complete_step(cid)
    store.records.add(
        cid,
        "investigation",
        {
            "held_on": day,
            "place": "村",
            "investigator": "王调解",
            "subject": "张建国",
            "content": "查看现场",
        },
    )
    store.cases.update(cid, {"evidence_list": "无", "findings": "属实"})
    store.flow.complete_step(cid)
    store.records.add(
        cid,
        "session",
        {
            "held_on": day,
            "place": "村调解室",
            "participants": "双方",
            "statements": "各自陈述",
            "persuasion": "释法说理",
            "result": "同意调解",
        },
    )
    store.cases.update(cid, {"risk_flags": [risk]})
    store.flow.complete_step(cid)


def agree(
    store: Store,
    cid: int,
    day: str,
    form: str,
    amounts: list[str | None],
    confirmation: str | None = None,
) -> None:
    values: dict[str, Any] = {
        "agreement_form": form,
        "agreement_on": day,
        "disputed_matters": "争议",
        "responsibility": "各半",
    }
    if form == "书面协议":
        values["confirmation_advised"] = True
    store.cases.update(cid, values)
    for i, amount in enumerate(amounts, start=1):
        store.records.add(
            cid,
            "term",
            {
                "content": f"第{i}项",
                "obligor": "李秀英",
                "amount": amount,
                "manner": "现金",
                "deadline": day,
            },
        )
    store.flow.complete_step(cid)
    if confirmation:
        store.cases.update(cid, {"judicial_confirmation": confirmation})


def visit(store: Store, cid: int, day: str, performance: str) -> None:
    store.records.add(
        cid,
        "return_visit",
        {
            "visited_on": day,
            "visitor": "王调解",
            "visited_party": "张建国",
            "performance": performance,
            "satisfaction": "满意",
            "notes": "回访",
        },
    )


def build_october(store: Store) -> dict[str, int]:
    """The cases A-I of the hand-computed October 2026 month (committee level 2)."""
    ids: dict[str, int] = {}
    # A: accepted on the month's first day; written agreement, risk of 民转刑, confirmed.
    ids["A"] = a = accept(
        store,
        "2026-10-01",
        source="当事人申请",
        category="02",
        amount="1000",
        people_count=3,
        difficulty="疑难复杂",
    )
    to_agreement_step(store, a, "2026-10-03", risk="可能民转刑")
    agree(store, a, "2026-10-10", "书面协议", ["500", "300"], confirmation="已确认")
    visit(store, a, "2026-10-12", "未履行")
    visit(store, a, "2026-10-20", "已履行")  # the later visit decides
    # B: accepted in September, oral agreement on the month's last day (an oral agreement has
    # no 司法确认, 人民调解法 第33条: the store refuses 已申请 for it since issue 11).
    ids["B"] = b = accept(
        store, "2026-09-30", source="法院委托", category="01", people_count=2, difficulty="疑难复杂"
    )
    to_agreement_step(store, b, "2026-10-02", risk="可能群体性上访")
    agree(store, b, "2026-10-31", "口头协议", ["200"])
    visit(store, b, "2026-10-31", "部分履行")
    # C: mediated, then failed (调解不成) in October; a 不适用 visit afterwards.
    ids["C"] = c = accept(
        store,
        "2026-10-15",
        source="网格排查",
        category="02",
        amount="2000",
        people_count=4,
        difficulty="疑难复杂",
    )
    store.flow.complete_step(c)
    store.records.add(
        c,
        "session",
        {
            "held_on": "2026-10-18",
            "place": "村",
            "participants": "双方",
            "statements": "各执一词",
            "persuasion": "疏导",
            "result": "未达成",
        },
    )
    store.cases.update(c, {"risk_flags": ["可能引发自杀"]})
    store.flow.terminate(c, "双方分歧太大", ["向人民法院提起诉讼"], "2026-10-20")
    visit(store, c, "2026-10-25", "不适用")
    # D: accepted on the last day, withdrawn in November (已终止 then, open at October's end).
    ids["D"] = d = accept(
        store, "2026-10-31", source="当事人申请", category="04", people_count=2, difficulty="一般"
    )
    store.flow.terminate(d, "申请人撤回申请", ["向人民法院提起诉讼"], "2026-11-01")
    # E: accepted in August and still open: over 30 days at October's end.
    ids["E"] = accept(store, "2026-08-15", source="当事人申请", category="01", people_count=2)
    # F: accepted 25 September, extended by 15 days: 36 days open but within its limit.
    ids["F"] = f = accept(
        store, "2026-09-25", source="当事人申请", category="03", amount="500", people_count=2
    )
    store.flow.extend(f, 15, "等待鉴定结果", consent=True, on="2026-10-20")
    # G: starts at the grid (level 1), escalated twice in October: handed over (已移交).
    ids["G"] = g = accept(
        store, "2026-10-05", level=1, source="调委会主动调解", category="06", people_count=2
    )
    store.flow.escalate(g, 2, "网格员调解未果", "2026-10-06")
    store.flow.escalate(g, 3, "涉及多户，需镇里处理", "2026-10-07")
    # H: accepted last year, settled in January; visited in February and in October.
    ids["H"] = h = accept(store, "2025-12-20", source="当事人申请", category="01", people_count=2)
    to_agreement_step(store, h, "2025-12-28")
    agree(store, h, "2026-01-05", "书面协议", ["100"], confirmation="未申请")
    visit(store, h, "2026-02-10", "未履行")
    visit(store, h, "2026-10-02", "已履行")
    # I: accepted the day after the month: in no October figure.
    ids["I"] = accept(
        store, "2026-11-01", source="当事人申请", category="02", people_count=5, amount="9999"
    )
    return ids
