"""Cases for the document tests, built through the real store."""

from __future__ import annotations

from builders import applicant, intake, respondent

from desktop.core.store import Store

LONG_FACTS = ("双方因宅基地边界及排水问题多次发生争执，" * 200)[:4000]
PEOPLE = [
    ("王秀英", "330482198505203428"),
    ("陆建国", "330482199001011232"),
    ("沈<b>&美琴", ""),
    ("钱阿毛", ""),
]


def big_case(store: Store) -> int:
    """Five parties (one an organisation), 20 terms, 4,000 characters of facts, agreed."""
    parties = [
        applicant(name=PEOPLE[0][0], id_number=PEOPLE[0][1]),
        applicant(name=PEOPLE[1][0], id_number=PEOPLE[1][1]),
        respondent(name=PEOPLE[2][0], id_number=""),
        respondent(name=PEOPLE[3][0], id_number=""),
        {
            "role": "第三人",
            "kind": "单位",
            "name": "平湖市新埭建材有限公司",
            "credit_code": "91350100M000100Y43",
            "legal_rep": "赵六",
        },
    ]
    case = store.cases.create(intake(facts=LONG_FACTS), parties)
    cid = case.id
    store.flow.complete_step(cid)
    store.records.add(
        cid,
        "investigation",
        {
            "held_on": "2026-03-03",
            "place": "现场",
            "investigator": "王调解",
            "subject": "王秀英",
            "content": "查看现场，测量界址。",
        },
    )
    store.cases.update(
        cid, {"evidence_list": "1. 土地证复印件\n2. 现场照片", "findings": "界址清楚。"}
    )
    store.flow.complete_step(cid)
    store.records.add(
        cid,
        "session",
        {
            "held_on": "2026-03-04",
            "place": "村调解室",
            "participants": "村民组长",
            "statements": "各方陈述。",
            "persuasion": "释法说理。",
            "result": "达成一致。",
        },
    )
    store.cases.update(cid, {"risk_flags": ["无明显激化风险"]})
    store.flow.complete_step(cid)
    store.cases.update(
        cid,
        {
            "agreement_form": "书面协议",
            "agreement_on": "2026-03-05",
            "disputed_matters": "界址与排水",
            "responsibility": "被申请人负主要责任。",
            "confirmation_advised": True,
        },
    )
    for i in range(1, 21):
        store.records.add(
            cid,
            "term",
            {
                "content": f"第{i}项约定：被申请人修复排水沟第{i}段",
                "obligor": "钱阿毛",
                "amount": str(100 * i + 0.5) if i % 2 else None,
                "manner": "银行转账",
                "place": "村委会",
                "deadline": f"2026-04-{i:02d}",
            },
        )
    store.flow.complete_step(cid)
    return cid
