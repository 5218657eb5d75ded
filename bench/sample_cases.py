"""Sample cases the benchmarks and screenshot scripts measure, built through the real store
(repositories and workflow engine). The benches own their inputs: they import nothing from
tests/, so a change to a test fixture cannot silently change what a benchmark measures."""

from __future__ import annotations

from typing import Any

from desktop.core.store import Store

LONG_FACTS = ("双方因宅基地边界及排水问题多次发生争执，" * 200)[:4000]


def person(role: str, name: str, id_number: str = "", **extra: Any) -> dict[str, Any]:
    """A natural-person party; ``id_number`` must carry a valid GB 11643 check digit."""
    return {
        "role": role,
        "kind": "自然人",
        "name": name,
        "id_number": id_number,
        "phone": "13900001111",
        "address": "星光村三组12号",
        **extra,
    }


def intake(**extra: Any) -> dict[str, Any]:
    """A complete 受理 form for a neighbour dispute accepted on 2026-03-02 (mediator id 1)."""
    return {
        "accepted_on": "2026-03-02",
        "source": "当事人申请",
        "category": "02",
        "title": "张建国与李秀英相邻排水纠纷",
        "facts": "李家新砌围墙挡住张家排水沟，雨天积水。",
        "requests": "请求拆除挡水部分围墙，恢复排水。",
        "people_count": 2,
        "mediator": 1,
        "not_reserved": True,
        "not_pending": True,
        "no_refusal": True,
        "rights_notified": True,
        **extra,
    }


def _to_agreement(store: Store, case_id: int, terms: list[dict[str, Any]]) -> int:
    """Steps 受理 -> 协议 done: one investigation, one session, a written agreement."""
    store.flow.complete_step(case_id)
    store.records.add(
        case_id,
        "investigation",
        {
            "held_on": "2026-03-03",
            "place": "现场",
            "investigator": "王调解",
            "subject": "张建国",
            "content": "现场查看，排水沟被围墙截断约两米。",
        },
    )
    store.cases.update(case_id, {"evidence_list": "1. 现场照片两张", "findings": "情况属实。"})
    store.flow.complete_step(case_id)
    store.records.add(
        case_id,
        "session",
        {
            "held_on": "2026-03-05",
            "place": "村调解室",
            "participants": "双方当事人、村民组长",
            "statements": "各方陈述。",
            "persuasion": "讲明相邻关系法律规定。",
            "result": "达成一致。",
        },
    )
    store.cases.update(case_id, {"risk_flags": ["无明显激化风险"]})
    store.flow.complete_step(case_id)
    store.cases.update(
        case_id,
        {
            "agreement_form": "书面协议",
            "agreement_on": "2026-03-06",
            "disputed_matters": "围墙挡水",
            "responsibility": "被申请人负主要责任。",
            "confirmation_advised": True,
        },
    )
    for term in terms:
        store.records.add(case_id, "term", term)
    store.flow.complete_step(case_id)
    return case_id


def _term(i: int, amount: str | None, obligor: str = "李秀英") -> dict[str, Any]:
    return {
        "content": f"第{i}项：{obligor}在围墙底部开排水口第{i}段",
        "obligor": obligor,
        "amount": amount,
        "manner": "现金",
        "place": "村调解室",
        "deadline": f"2026-04-{i:02d}",
    }


def agreed_case(store: Store) -> int:
    """An ordinary case: two parties, three terms, agreed in writing. Returns its id."""
    case = store.cases.create(
        intake(),
        [
            person("申请人", "张建国", "330482199001011232"),
            person("被申请人", "李秀英", "330482198505203428"),
        ],
    )
    terms = [_term(1, "1200"), _term(2, "800.5"), _term(3, None)]
    return _to_agreement(store, case.id, terms)


def big_case(store: Store) -> int:
    """A demanding case: five parties (one an organisation), 20 terms, 4,000 characters of
    facts, agreed in writing. Returns its id."""
    parties = [
        person("申请人", "王秀英", "330482198505203428"),
        person("申请人", "陆建国", "330482199001011232"),
        person("被申请人", "沈<b>&美琴"),
        person("被申请人", "钱阿毛"),
        {
            "role": "第三人",
            "kind": "单位",
            "name": "平湖市新埭建材有限公司",
            "credit_code": "91350100M000100Y43",
            "legal_rep": "赵六",
        },
    ]
    case = store.cases.create(intake(facts=LONG_FACTS, people_count=5), parties)
    terms = [_term(i, str(100 * i + 0.5) if i % 2 else None, "钱阿毛") for i in range(1, 21)]
    return _to_agreement(store, case.id, terms)
