"""Case builders shared by the tests: an injectable clock, valid parties and an intake, and a
whole case run to a written agreement, all through the real store. Found by import (pytest's
``pythonpath = ["tests"]``); benches do not use them (bench/cases.py has their own)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from desktop.core.store import Store


class FixedClock:
    """An injectable clock: tests move time on purpose, never by sleeping."""

    def __init__(self, start: datetime) -> None:
        self.current = start

    def __call__(self) -> datetime:
        return self.current

    def set(self, day: date) -> None:
        self.current = datetime(day.year, day.month, day.day, 9, 0, 0)


def on_day(store: Store, day: date | str) -> None:
    """Move a test store's clock on to ``day`` (never back), as the days of a case pass: what
    has happened is recorded on or after its day (a 调解日期 after today is refused)."""
    clock = store.now
    when = date.fromisoformat(day) if isinstance(day, str) else day
    if isinstance(clock, FixedClock) and clock().date() < when:
        clock.set(when)


# Valid identity numbers: 17 digits plus their GB 11643 check digit.
ID_ZHANG = "330482199001011232"
ID_LI = "330482198505203428"


def applicant(**extra: Any) -> dict[str, Any]:
    return {
        "role": "申请人",
        "kind": "自然人",
        "name": "张建国",
        "id_number": ID_ZHANG,
        "phone": "13900001111",
        "address": "星光村三组12号",
        **extra,
    }


def respondent(**extra: Any) -> dict[str, Any]:
    return {
        "role": "被申请人",
        "kind": "自然人",
        "name": "李秀英",
        "id_number": ID_LI,
        "phone": "13900002222",
        "address": "星光村三组14号",
        **extra,
    }


def intake(**extra: Any) -> dict[str, Any]:
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


def run_to_agreement(store: Store, terms: list[dict[str, Any]] | None = None) -> int:
    """A case through 调查 and 调解 to a written agreement, its step completed; ``terms``: the
    agreement's terms (field values of ``[records.term]``), by default three of 李秀英's."""
    case = store.cases.create(intake(), [applicant(), respondent()])
    store.flow.complete_step(case.id)
    on_day(store, "2026-03-03")
    store.records.add(
        case.id,
        "investigation",
        {
            "held_on": "2026-03-03",
            "place": "张家门前",
            "investigator": "王调解",
            "subject": "张建国",
            "content": "现场查看，排水沟被围墙截断约两米。",
        },
    )
    store.cases.update(
        case.id, {"evidence_list": "1. 现场照片两张", "findings": "围墙确实截断排水沟。"}
    )
    store.flow.complete_step(case.id)
    on_day(store, "2026-03-05")
    store.records.add(
        case.id,
        "session",
        {
            "held_on": "2026-03-05",
            "place": "村调解室",
            "participants": "张建国、李秀英、村民组长",
            "statements": "张：要求拆墙。李：墙在自家地上。",
            "persuasion": "讲明相邻关系法律规定。",
            "result": "双方同意改砌排水口。",
        },
    )
    store.cases.update(case.id, {"risk_flags": ["无明显激化风险"]})
    store.flow.complete_step(case.id)
    on_day(store, "2026-03-06")
    store.cases.update(
        case.id,
        {
            "agreement_form": "书面协议",
            "agreement_on": "2026-03-06",
            "disputed_matters": "围墙挡水",
            "responsibility": "李秀英负主要责任。",
            "confirmation_advised": True,
        },
    )
    default = [
        {
            "content": f"第{i}项：李秀英在围墙底部开排水口",
            "obligor": "李秀英",
            "amount": amount,
            "manner": "现金",
            "place": "村调解室",
            "deadline": f"2026-03-{10 + i}",
        }
        for i, amount in enumerate(["1200", "800.5", None], start=1)
    ]
    for term in default if terms is None else terms:
        store.records.add(case.id, "term", term)
    store.flow.complete_step(case.id)
    return case.id


def spellings_of(d: date) -> list[str]:
    """Every common way of writing ``d``: the kinds the date field must read."""
    cn = "〇一二三四五六七八九"

    def cn_small(n: int) -> str:
        return (("" if n < 20 else cn[n // 10]) + "十" if n >= 10 else "") + (
            cn[n % 10] if n % 10 or n < 10 else ""
        )

    return [
        d.strftime("%Y%m%d"),
        d.isoformat(),
        f"{d.year}-{d.month}-{d.day}",
        f"{d.year}.{d.month}.{d.day}",
        f"{d.year}/{d.month:02d}/{d.day:02d}",
        f"{d.year}、{d.month}、{d.day}",
        f"{d.year}年{d.month}月{d.day}日",
        f"{d.year}年{d.month:02d}月{d.day:02d}号",
        f"{d.year} 年 {d.month} 月 {d.day} 日",
        "".join(cn[int(c)] for c in str(d.year)) + f"年{cn_small(d.month)}月{cn_small(d.day)}日",
        d.isoformat().translate(str.maketrans("0123456789-", "０１２３４５６７８９－")),
        f"{d.year}年{d.month}月{d.day}日".translate(
            str.maketrans("0123456789", "０１２３４５６７８９")
        ),
    ]
