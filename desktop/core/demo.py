"""Realistic synthetic cases for trying the app and for the benchmarks. Every case goes through
the real repositories and workflow engine, so demo data obeys every rule real data does.
Same ``seed`` and ``until`` give the same data."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from desktop.core.categories import load_categories
from desktop.core.paths import resource
from desktop.core.resources import load_toml, placeholders
from desktop.core.store.store import Store
from desktop.core.validation.idcard import id_check_digit

BATCH = 500
_FIRM_CATEGORIES = frozenset({"04", "10", "13"})


@dataclass(frozen=True, slots=True)
class Story:
    """One category's case stories; texts may use {a}, {b} (the parties) and {amount}."""

    titles: tuple[str, ...]
    facts: tuple[str, ...]
    requests: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DemoMaterial:
    """resources/demo/demo.toml: names, places and stories the demo cases are made of."""

    surnames: str  # one character each, then one two-character surname at the end
    given_male: tuple[str, ...]
    given_female: tuple[str, ...]
    villages: tuple[str, ...]
    places: tuple[str, ...]
    companies: tuple[str, ...]
    company_codes: tuple[str, ...]
    stories: dict[str, Story]  # category code -> stories


_STORY_PLACEHOLDERS = {"a", "b", "amount"}


def load_material(path: Path | None = None) -> DemoMaterial:
    """The demo material of ``path`` (default resources/demo/demo.toml).

    Raises ResourceError naming the file and key for a missing or mistyped entry, a story of
    an unknown category or a story text with another placeholder than {a}, {b}, {amount}."""
    root = load_toml(path or resource("demo", "demo.toml"))
    surnames = root.text("surnames")
    if len(surnames) < 3:
        raise root.fail("surnames", "至少要有三个姓")
    known = {c.code for c in load_categories().items}
    table = root.table("stories")
    stories: dict[str, Story] = {}
    for code in table:
        story = table.table(code)
        if code not in known:
            raise table.fail(code, f"没有编码为“{code}”的纠纷类型")
        parts = [story.texts(k) for k in ("titles", "facts", "requests")]
        for key, texts in zip(("titles", "facts", "requests"), parts, strict=True):
            for t in texts:
                try:
                    unknown = placeholders(t) - _STORY_PLACEHOLDERS
                except ValueError:
                    raise story.fail(key, "花括号没有成对") from None
                if unknown:
                    raise story.fail(key, f"不认识的占位符 {{{min(unknown)}}}")
        stories[code] = Story(*parts)
    if not stories:
        raise root.fail("stories", "一项也没有")
    return DemoMaterial(
        surnames=surnames,
        given_male=root.texts("given_male"),
        given_female=root.texts("given_female"),
        villages=root.texts("villages"),
        places=root.texts("places"),
        companies=root.texts("companies"),
        company_codes=root.texts("company_codes"),
        stories=stories,
    )


@lru_cache(maxsize=1)
def _material() -> DemoMaterial:
    return load_material()


class _Maker:
    def __init__(self, rng: random.Random, until: date, mediators: list[str]) -> None:
        self.rng = rng
        self.until = until
        self.m = _material()
        self.mediators = mediators
        #: The real clock when generation started; no record is stamped later (see _at).
        self.latest = datetime.max

    def person(self, role: str) -> dict[str, Any]:
        r = self.rng
        male = r.random() < 0.55
        surnames = self.m.surnames
        given = self.m.given_male if male else self.m.given_female
        name = r.choice(surnames[:-2]) + r.choice(given)
        birth = date(1940, 1, 1) + timedelta(days=r.randrange(0, 365 * 62))
        # The 17th digit is odd for men and even for women (GB 11643).
        serial = r.randrange(0, 500) * 2 + (1 if male else 0)
        first17 = f"330482{birth:%Y%m%d}{serial:03d}"
        party: dict[str, Any] = {
            "role": role,
            "kind": "自然人",
            "name": name,
            "ethnicity": "汉族",
            "id_number": first17 + id_check_digit(first17),
            "phone": f"1{r.choice('3589')}{r.randrange(0, 10**9):09d}",
            "address": (
                f"平湖市新埭镇{r.choice(self.m.villages)}{r.randrange(1, 12)}组"
                f"{r.randrange(1, 90)}号"
            ),
            "occupation": r.choice(["农民", "个体工商户", "务工", "退休", "教师", "司机"]),
        }
        if r.random() < 0.08:
            party["agent_name"] = r.choice(surnames[:-2]) + r.choice(self.m.given_male)
            party["agent_authority"] = "一般授权"
        return party

    def company(self, role: str) -> dict[str, Any]:
        i = self.rng.randrange(len(self.m.companies))
        return {
            "role": role,
            "kind": "单位",
            "name": self.m.companies[i],
            "credit_code": self.m.company_codes[i % len(self.m.company_codes)],
            "legal_rep": self.rng.choice(self.m.surnames[:-2]) + "总",
            "address": "平湖市新埭镇工业园区",
        }

    def story(self, code: str, a: str, b: str, amount: int) -> dict[str, str]:
        s = self.m.stories[code]
        fill = {"a": a, "b": b, "amount": f"{amount:,}"}
        return {
            "title": self.rng.choice(s.titles).format(**fill),
            "facts": self.rng.choice(s.facts).format(**fill),
            "requests": self.rng.choice(s.requests).format(**fill),
        }


def generate(store: Store, count: int, *, seed: int = 1, until: date | None = None) -> int:
    """Add ``count`` demo cases accepted over the three years before ``until`` (default today;
    never after today: a day after today is refused, for the demo as for the mediator). Runs
    in batches inside :meth:`Store.bulk`, so an interruption leaves whole batches only."""
    rng = random.Random(seed)
    until = min(until or store.today(), store.today())
    if not store.settings.initialised:
        store.settings.save_committee(
            name="星光村人民调解委员会", level=2, region="浙江省平湖市新埭镇", abbr="星调"
        )
    if not store.settings.mediators():
        for name, full in (("王建平", True), ("沈美琴", False), ("陆国良", False)):
            store.settings.add_mediator(name, full_time=full)
    mediators = store.settings.mediators()
    maker = _Maker(rng, until, [m.name for m in mediators])
    maker.latest = store.now()
    days = sorted(until - timedelta(days=rng.randrange(0, 3 * 365)) for _ in range(count))
    saved_now, saved_actor = store.now, store.actor
    try:
        for start in range(0, count, BATCH):
            with store.bulk():
                for accepted in days[start : start + BATCH]:
                    mediator = rng.choice(mediators)
                    # Each case's changes are the work of its own mediator, as if signed in.
                    store.actor = mediator.name
                    _one_case(store, maker, accepted, mediator.id)
    finally:
        store.now = saved_now
        store.actor = saved_actor
    return count


def _at(store: Store, day: date, latest: datetime) -> None:
    """Stamp records with the day they would really have been made, at 10:00 but never after
    ``latest`` (the real clock when the demo was made): a stamp in the future would make every
    later start warn that the computer's clock is behind the newest change."""
    stamp = min(datetime(day.year, day.month, day.day, 10, 0, 0), latest)
    store.now = lambda: stamp


def _later(day: date, days: int, until: date) -> date:
    """``days`` after ``day``, but never after ``until``: the demo records only what has
    happened by then (a day after today is refused, as it is for the mediator)."""
    return min(day + timedelta(days=days), max(day, until))


def _one_case(store: Store, mk: _Maker, accepted: date, mediator_id: int) -> None:
    r = mk.rng
    code = r.choice(sorted(mk.m.stories))
    # Only disputes that really involve firms get an organisation as the other side.
    firm = code in _FIRM_CATEGORIES and r.random() < 0.35
    parties = [mk.person("申请人"), mk.company("被申请人") if firm else mk.person("被申请人")]
    if r.random() < 0.15:
        parties.append(mk.person("第三人"))
    amount = r.choice([0, 0, 500, 1200, 3000, 8000, 15000, 26000, 50000]) + r.randrange(0, 10) * 100
    text = mk.story(code, parties[0]["name"], parties[1]["name"], amount)
    level = 1 if r.random() < 0.2 else 2
    _at(store, accepted, mk.latest)
    case = store.cases.create(
        {
            "accepted_on": accepted,
            "source": r.choice(
                ["当事人申请"] * 5 + ["调委会主动调解", "网格排查", "公安机关移交", "法院委托"]
            ),
            "category": code,
            **text,
            "amount": str(amount) if amount else None,
            "people_count": len(parties) + (r.randrange(0, 5) if code == "10" else 0),
            "mediator": mediator_id,
            "not_reserved": True,
            "not_pending": True,
            "no_refusal": True,
            "rights_notified": True,
        },
        parties,
        level=level,
    )
    age = (mk.until - accepted).days
    fate = r.random()
    day = accepted
    cid = case.id
    if level == 1 and fate < 0.5:
        day = _later(day, 1, mk.until)
        _at(store, day, mk.latest)
        store.flow.escalate(cid, 2, "网格员调解未果，移送村调委会", day)
    if age < 3 and fate < 0.7:
        return
    store.flow.complete_step(cid)
    if fate > 0.97:
        store.flow.terminate(cid, "申请人撤回调解申请", ["向人民法院提起诉讼"], day)
        return
    day = _later(day, r.randrange(1, 5), mk.until)
    _at(store, day, mk.latest)
    who = store.actor
    store.records.add(
        cid,
        "investigation",
        {
            "held_on": day,
            "place": "纠纷现场",
            "investigator": who,
            "subject": parties[1]["name"],
            "content": "走访双方及邻居，查看现场，了解纠纷起因和经过。",
        },
    )
    store.cases.update(
        cid, {"evidence_list": "1. 现场照片\n2. 证人证言", "findings": "纠纷事实基本清楚。"}
    )
    if age < 10 and fate < 0.8:
        return
    store.flow.complete_step(cid)
    if fate > 0.94:
        if store.cases.get(cid).level_now == 1:
            store.flow.escalate(cid, 2, "网格员调解未果，移送村调委会", day)
        store.flow.escalate(cid, 3, "涉及金额较大、双方分歧严重，移交镇无讼工作室", day)
        return
    day = _later(day, r.randrange(1, 7), mk.until)
    _at(store, day, mk.latest)
    store.records.add(
        cid,
        "session",
        {
            "held_on": day,
            "place": r.choice(mk.m.places),
            "participants": "、".join(p["name"] for p in parties) + "、村民组长",
            "statements": f"{parties[0]['name']}陈述了诉求；{parties[1]['name']}陈述了理由。",
            "persuasion": "调解员释法说理，动之以情、晓之以理、喻之以法。",
            "result": "双方互谅互让，同意按调解方案处理。"
            if fate < 0.88
            else "双方分歧较大，未能达成一致。",
        },
    )
    risky = r.random() < 0.05
    store.cases.update(cid, {"risk_flags": ["可能民转刑"] if risky else ["无明显激化风险"]})
    store.flow.complete_step(cid)
    if fate > 0.88:
        store.flow.terminate(cid, "双方分歧较大，调解不成", ["申请仲裁", "向人民法院提起诉讼"], day)
        return
    if age < 20 and fate < 0.75:
        return
    form = "书面协议" if r.random() < 0.7 else "口头协议"
    store.cases.update(
        cid,
        {
            "agreement_form": form,
            "agreement_on": day,
            "disputed_matters": text["title"].split("与", 1)[-1],
            "responsibility": f"{parties[1]['name']}负主要责任，{parties[0]['name']}负次要责任。",
            **({"confirmation_advised": True} if form == "书面协议" else {}),
        },
    )
    for i in range(r.choice([1, 1, 2, 3])):
        pay = amount // (i + 2) if amount else 0
        store.records.add(
            cid,
            "term",
            {
                "content": f"{parties[1]['name']}向{parties[0]['name']}支付补偿款"
                if pay
                else f"{parties[1]['name']}于期限内完成整改",
                "obligor": parties[1]["name"],
                "amount": str(pay) if pay else None,
                "manner": "银行转账" if pay else "自行整改",
                "place": "星光村村委会",
                "deadline": day + timedelta(days=15 * (i + 1)),
            },
        )
    store.flow.complete_step(cid)
    visit_day = day + timedelta(days=r.randrange(20, 60))
    if visit_day > mk.until:
        return
    _at(store, visit_day, mk.latest)
    store.records.add(
        cid,
        "return_visit",
        {
            "visited_on": visit_day,
            "visitor": who,
            "visited_party": parties[0]["name"],
            "performance": (performance := "已履行" if r.random() < 0.93 else "部分履行"),
            "satisfaction": r.choice(["满意", "满意", "基本满意"]),
            "notes": "协议已按约履行，双方关系缓和。",
        },
    )
    store.cases.update(
        cid,
        {
            # an oral agreement has no 司法确认 (人民调解法 第33条); the draw is kept either way
            # so a seed still makes the same cases
            "judicial_confirmation": (
                "已确认" if r.random() < 0.1 and form == "书面协议" else "未申请"
            ),
            "closing_note": "纠纷已化解，协议履行完毕，归档。",
            "closed_on": visit_day,
            # archiving with terms open needs the reason (their reminders stay)
            **(
                {"open_terms_reason": "部分条款尚未履行，已告知当事人可以申请强制执行或起诉。"}
                if performance != "已履行"
                else {}
            ),
        },
    )
    store.flow.complete_step(cid)
