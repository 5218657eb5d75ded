"""Cases of any number of parties (1..13) built through the real store, taken through every
step and outcome, for the rendered-output tests of issue 11."""

from __future__ import annotations

from typing import Any

from desktop.core.store import Store

SURNAMES = "王陆沈钱张李赵孙周吴郑冯陈"
GIVEN = [
    "秀英",
    "建国",
    "美琴",
    "阿毛",
    "国强",
    "桂芳",
    "小龙",
    "德明",
    "红梅",
    "志刚",
    "丽华",
    "永福",
    "金娣",
]
# Valid GB 11643 numbers (check digit computed) for the first parties; the rest have none.
IDS = ["330482198505203428", "330482199001011232"]


def _id(i: int) -> str:
    return IDS[i] if i < len(IDS) else ""


def parties(n: int) -> list[dict[str, Any]]:
    """``n`` parties: the first half applicants, the rest respondents; a long address so
    party lines wrap; the last of 5+ an organisation."""
    out: list[dict[str, Any]] = []
    for i in range(n):
        role = "申请人" if i < max(1, n // 2) else "被申请人"
        if n >= 5 and i == n - 1:
            out.append(
                {
                    "role": "第三人",
                    "kind": "单位",
                    "name": "平湖市新埭建材有限公司",
                    "credit_code": "91350100M000100Y43",
                    "legal_rep": "赵六",
                }
            )
            continue
        out.append(
            {
                "role": role,
                "kind": "自然人",
                "name": SURNAMES[i] + GIVEN[i],
                "id_number": _id(i),
                "phone": f"139000011{i:02d}",
                "address": f"浙江省平湖市新埭镇星光村三组{10 + i}号（老供销社东侧第二间）",
            }
        )
    return out


def intake(n: int, **extra: Any) -> dict[str, Any]:
    return {
        "accepted_on": "2026-03-02",
        "source": "当事人申请",
        "category": "02",
        "title": "星光村三组相邻排水纠纷",
        "facts": "李家新砌围墙挡住张家排水沟，雨天积水，双方多次争吵。" * 3,
        "requests": "请求拆除挡水部分围墙，恢复排水。",
        "people_count": n,
        "mediator": 1,
        "not_reserved": True,
        "not_pending": True,
        "no_refusal": True,
        "rights_notified": True,
        **extra,
    }


def run_case(
    store: Store,
    n: int,
    *,
    outcome: str = "visited",
    terms: int = 3,
    first_name: str = "",
    **extra: Any,
) -> int:
    """A case of ``n`` parties taken to ``outcome``: "accepted", "terminated_early" (ended
    before any session), "terminated", "agreed", "oral", "visited" (agreement, receipt, return
    visit, archived) or "escalated"."""
    people = parties(n)
    if first_name:
        people[0]["name"] = first_name
    case = store.cases.create(intake(n, **extra), people)
    cid = case.id
    if outcome == "accepted":
        return cid
    if outcome == "terminated_early":
        store.flow.terminate(
            cid, "被申请人明确表示不再接受调解。", ["向人民法院提起诉讼"], "2026-03-04"
        )
        return cid
    store.flow.complete_step(cid)
    store.records.add(
        cid,
        "investigation",
        {
            "held_on": "2026-03-03",
            "place": "现场",
            "investigator": "王调解",
            "subject": SURNAMES[0] + GIVEN[0],
            "content": "查看现场，排水沟被围墙截断约两米。",
        },
    )
    store.cases.update(
        cid, {"evidence_list": "1. 现场照片两张", "findings": "围墙截断排水沟，李家负主要责任。"}
    )
    store.flow.complete_step(cid)
    store.records.add(
        cid,
        "session",
        {
            "held_on": "2026-03-04",
            "place": "村调解室",
            "participants": "村民组长",
            "statements": "各方陈述了意见。",
            "persuasion": "讲明相邻关系的法律规定。",
            "result": "各方同意改砌排水口。",
        },
    )
    store.cases.update(cid, {"risk_flags": ["无明显激化风险"]})
    if outcome == "terminated":
        store.flow.terminate(cid, "双方分歧较大。", ["向人民法院提起诉讼"], "2026-03-05")
        return cid
    if outcome == "escalated":
        store.flow.escalate(cid, 3, "涉及宅基地权属，需镇无讼工作室协调。", "2026-03-05")
        return cid
    store.flow.complete_step(cid)
    oral = outcome == "oral"
    store.cases.update(
        cid,
        {
            "agreement_form": "口头协议" if oral else "书面协议",
            "agreement_on": "2026-03-06",
            "disputed_matters": "围墙挡水",
            "responsibility": "李家负主要责任。",
            **({} if oral else {"confirmation_advised": True}),
        },
    )
    for i in range(1, terms + 1):
        store.records.add(
            cid,
            "term",
            {
                "content": f"被申请人于三月底前改砌第{i}段排水口，恢复排水",
                "obligor": people[-1]["name"],  # 履行人 is a party of the case
                "amount": "500" if i == 1 else None,
                "manner": "现金支付" if i == 1 else "自行施工",
                "place": "村委会",
                "deadline": f"2026-03-{20 + i % 9:02d}",
            },
        )
    store.flow.complete_step(cid)
    if outcome in ("agreed", "oral"):
        return cid
    store.records.add(
        cid, "receipt", {"received_on": "2026-03-20", "description": "收条", "amount": "500"}
    )
    store.records.add(
        cid,
        "return_visit",
        {
            "visited_on": "2026-04-10",
            "visitor": "王调解",
            "visited_party": SURNAMES[0] + GIVEN[0],
            "performance": "已履行",
            "satisfaction": "满意",
            "notes": "排水已恢复。",
        },
    )
    store.cases.update(
        cid,
        {
            "judicial_confirmation": "未申请",
            "closing_note": "履行完毕。",
            "closed_on": "2026-04-12",
        },
    )
    store.flow.complete_step(cid)
    return cid
