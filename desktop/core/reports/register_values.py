"""The values of the 台账's rows: what each column (``FIELDS``) shows for a case, computed only
for the columns a register has, with parties, terms, sessions and visits fetched by set-based
queries per batch of cases (a year is 30,000 cases: one query per kind and batch, never one per
case).

Several parties on one side (two 申请人) are written in one cell each, in the parties' order,
joined by "、" — the names, the ID numbers and the phones alike, so the n-th number belongs to
the n-th name; a party without a number shows “无” in that cell when the side has several
parties (so the positions still match). ``register_import`` reads such cells back the same way."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from desktop.core.categories import load_categories
from desktop.core.models import DONE
from desktop.core.reports.register_documents import document_cell
from desktop.core.validation.idcard import mask_id_number
from desktop.core.validation.phone import mask_phone

if TYPE_CHECKING:
    from desktop.core.store.store import Store

#: Every value a 台账 column can show, with what it is (docs/reports.md “台账的列”).
FIELDS: dict[str, str] = {
    "serial": "序号",
    "case_no": "案号",
    "committee": "调解组织（本调委会，或导入案件的来源调委会）",
    "accepted_on": "受理日期",
    "source": "案件来源",
    "category": "纠纷类型名称",
    "title": "纠纷名称",
    "difficulty": "案件难度",
    "occurred_on": "纠纷发生时间",
    "occurred_place": "纠纷发生地点",
    "applicants": "申请人姓名（多人用、隔开）",
    "applicant_ids": "申请人证件号码（多人时按姓名的顺序用、隔开，没有的写“无”）",
    "applicant_phones": "申请人电话（同上）",
    "respondents": "被申请人姓名（多人用、隔开）",
    "respondent_ids": "被申请人证件号码（同申请人）",
    "respondent_phones": "被申请人电话（同申请人）",
    "third_parties": "第三人",
    "facts": "纠纷简要情况",
    "amount": "涉及金额（元）",
    "people": "涉及人数",
    "special_groups": "涉及的特殊人群（没有则写“否”）",
    "mediator": "承办调解员",
    "level_start": "受理层级",
    "level_now": "当前层级",
    "level_resolved": "化解层级",
    "step": "当前步骤",
    "status": "案件状态",
    "session_on": "调解日期（最近一次调解记录）",
    "session_place": "调解地点（最近一次调解记录）",
    "result": "调解结果（调解成功/调解不成/终止调解/上报移交/调解中）",
    "agreement_form": "协议形式",
    "agreement_on": "协议日期",
    "terms": "协议内容（各条款写在一格里）",
    "performance_manner": "各条款的履行方式和期限",
    "agreement_amount": "协议金额（元）",
    "judicial_confirmation": "司法确认",
    "closed_on": "办结日期",
    "risk_flags": "激化风险",
    "risk_level": "风险等级",
    "visited_on": "最近回访日期",
    "performance": "履行情况（最近一次回访）",
    "satisfaction": "满意度（最近一次回访）",
    "platform_no": "平台案号",
    "remarks": "备注",
}
#: Separator of several parties' names / numbers in one cell, and the mark of a missing number.
PARTY_SEPARATOR = "、"
NO_NUMBER = "无"

_RESULTS = {
    "调解成功": "调解成功",
    "调解不成": "调解不成",
    "已终止": "终止调解",
    "已移交": "上报移交",
    "在办": "调解中",
}
_BATCH = 2000
# The case columns a row is made from, in this order (index names below).
_CASE_COLUMNS = (
    "c.id, c.case_no, c.accepted_on, c.source, c.category_code, c.title, c.difficulty,"
    " c.occurred_on, c.occurred_place, c.facts, c.amount_fen, c.people_count, c.special_groups,"
    " coalesce(m.name, ''), c.level_start, c.level_now, c.level_resolved, c.step_now, c.status,"
    " c.agreement_form, c.agreement_on, c.judicial_confirmation, c.closed_on, c.risk_flags,"
    " c.risk_level, c.platform_no, c.remarks"
)
(
    _ID,
    _CASE_NO,
    _ACCEPTED,
    _SOURCE,
    _CATEGORY,
    _TITLE,
    _DIFFICULTY,
    _OCCURRED_ON,
    _OCCURRED_PLACE,
    _FACTS,
    _AMOUNT,
    _PEOPLE,
    _GROUPS,
    _MEDIATOR,
    _LEVEL_START,
    _LEVEL_NOW,
    _LEVEL_RESOLVED,
    _STEP,
    _STATUS,
    _FORM,
    _AGREED_ON,
    _JUDICIAL,
    _CLOSED_ON,
    _RISK_FLAGS,
    _RISK_LEVEL,
    _PLATFORM,
    _REMARKS,
    _COMMITTEE,
) = range(28)

_PARTY_FIELDS = {
    "applicants": ("申请人", 0),
    "applicant_ids": ("申请人", 1),
    "applicant_phones": ("申请人", 2),
    "respondents": ("被申请人", 0),
    "respondent_ids": ("被申请人", 1),
    "respondent_phones": ("被申请人", 2),
    "third_parties": ("第三人", 0),
}
_TERM_FIELDS = frozenset(("terms", "performance_manner", "agreement_amount"))
_SESSION_FIELDS = frozenset(("session_on", "session_place"))
_VISIT_FIELDS = frozenset(("visited_on", "performance", "satisfaction"))


class _Case:
    """One case's row and what the batch queries found for it."""

    __slots__ = ("row", "parties", "terms", "session", "visit", "serial")

    def __init__(self, row: tuple[Any, ...], serial: int) -> None:
        self.row = row
        self.serial = serial
        self.parties: dict[str, tuple[str, str, str]] = {}
        self.terms: tuple[str, str, Decimal | None] = ("", "", None)
        self.session: tuple[date | None, str] = (None, "")
        self.visit: tuple[date | None, str, str] = (None, "", "")


Getter = Callable[[_Case], Any]


def register_values(
    store: Store, case_ids: Iterable[int], fields: Sequence[str], *, mask: bool = False
) -> Iterator[list[Any]]:
    """One list per case (in the order of ``case_ids``; unknown ids skipped) holding the
    ``fields`` (keys of FIELDS) in order, typed: dates as ``date``, money as Decimal yuan,
    counts as int, the rest text ("" when nothing was recorded); ``mask`` hides the middle of
    ID numbers and phones (the county's copy). Only what the fields need is read. Raises
    KeyError for a field not in FIELDS (register.toml is checked when loaded)."""
    ids = list(case_ids)
    getters = _getters(store, fields)
    wanted = set(fields)
    need_parties = bool(wanted & _PARTY_FIELDS.keys())
    has_committee = any(c.name == "committee_id" for c in store.db["cases"].columns)
    committee_col = "c.committee_id" if has_committee else "''"
    days: dict[str | None, date | None] = {None: None, "": None}
    serial = 0
    for start in range(0, len(ids), _BATCH):
        chunk = ids[start : start + _BATCH]
        marks = ",".join("?" * len(chunk))
        found: dict[int, tuple[Any, ...]] = {
            r[0]: r
            for r in store.db.execute(
                f"SELECT {_CASE_COLUMNS}, {committee_col} FROM cases c"
                f" LEFT JOIN mediators m ON m.id = c.mediator_id WHERE c.id IN ({marks})",
                chunk,
            )
        }
        cases: dict[int, _Case] = {}
        for case_id in chunk:
            if case_id in found and case_id not in cases:
                serial += 1
                cases[case_id] = _Case(found[case_id], serial)
        if need_parties:
            _fill_parties(store, cases, marks, chunk, mask=mask)
        if wanted & _TERM_FIELDS:
            _fill_terms(store, cases, marks, chunk)
        if wanted & _SESSION_FIELDS:
            for case_id, held_on, place in store.db.execute(
                "SELECT case_id, held_on, place FROM sessions"
                f" WHERE case_id IN ({marks}) ORDER BY case_id, held_on, seq",
                chunk,
            ):
                cases[case_id].session = (_day(days, held_on), place)  # the last one wins
        if wanted & _VISIT_FIELDS:
            for case_id, on, perf, sat in store.db.execute(
                "SELECT case_id, visited_on, performance, satisfaction FROM return_visits"
                f" WHERE case_id IN ({marks}) ORDER BY case_id, visited_on, seq",
                chunk,
            ):
                cases[case_id].visit = (_day(days, on), perf, sat)
        for case in cases.values():
            yield [get(case) for get in getters]


def _day(cache: dict[str | None, date | None], text: str | None) -> date | None:
    day = cache.get(text, cache)
    if day is cache:
        day = cache[text] = date.fromisoformat(text) if text else None
    return day  # type: ignore[return-value]


def _fill_parties(
    store: Store, cases: dict[int, _Case], marks: str, chunk: list[int], *, mask: bool
) -> None:
    sides: dict[tuple[int, str], list[tuple[str, str, str]]] = {}
    for case_id, role, name, id_number, id_type, credit, phone in store.db.execute(
        "SELECT case_id, role, name, id_number, id_type, credit_code, phone FROM parties"
        f" WHERE case_id IN ({marks}) ORDER BY case_id, seq",
        chunk,
    ):
        number = id_number or credit  # organisations carry a credit code, not an ID number
        if mask and id_number:
            number = mask_id_number(id_number)
        if id_number:
            number = document_cell(number, id_type)  # a passport's type is not in its number
        if mask and phone:
            phone = mask_phone(phone)
        sides.setdefault((case_id, role), []).append((name, number or "", phone or ""))
    for (case_id, role), people in sides.items():
        case = cases.get(case_id)
        if case is not None:
            case.parties[role] = _side_cells(people)


def _side_cells(people: list[tuple[str, str, str]]) -> tuple[str, str, str]:
    """(names, numbers, phones) of one side, each joined by 、 in the parties' order; with
    several parties a missing number is “无” so the n-th number stays the n-th person's."""
    if len(people) == 1:
        return people[0]
    names = PARTY_SEPARATOR.join(p[0] for p in people)
    numbers = [p[1] for p in people]
    phones = [p[2] for p in people]
    return (
        names,
        PARTY_SEPARATOR.join(n or NO_NUMBER for n in numbers) if any(numbers) else "",
        PARTY_SEPARATOR.join(n or NO_NUMBER for n in phones) if any(phones) else "",
    )


def _fill_terms(store: Store, cases: dict[int, _Case], marks: str, chunk: list[int]) -> None:
    terms: dict[int, list[tuple[str, str, int | None, str, str | None]]] = {}
    for case_id, *term in store.db.execute(
        "SELECT case_id, content, obligor, amount_fen, manner, deadline FROM terms"
        f" WHERE case_id IN ({marks}) ORDER BY case_id, seq",
        chunk,
    ):
        terms.setdefault(case_id, []).append(tuple(term))
    for case_id, items in terms.items():
        case = cases.get(case_id)
        if case is not None:
            content, manner = terms_text(items)
            case.terms = (content, manner, _yuan(sum(t[2] or 0 for t in items)))


def terms_text(terms: list[tuple[str, str, int | None, str, str | None]]) -> tuple[str, str]:
    """(协议内容, 履行方式/期限) of a case's terms (content, obligor, amount in fen, manner,
    deadline), each numbered in one cell."""
    content, manner = [], []
    for i, (text, obligor, amount, how, deadline) in enumerate(terms, start=1):
        extra = "，".join(
            x
            for x in (obligor and f"履行人{obligor}", amount and f"{Decimal(amount) / 100:.2f}元")
            if x
        )
        content.append(f"{i}. {text}" + (f"（{extra}）" if extra else ""))
        manner.append(f"{i}. " + "，".join(x for x in (how, deadline and f"{deadline}前") if x))
    return "\n".join(content), "\n".join(manner)


def _yuan(fen: int | None) -> Decimal | None:
    return None if fen is None else Decimal(fen) / 100


def _getters(store: Store, fields: Sequence[str]) -> list[Getter]:
    """One small function per column, made once per register."""
    names = {c.code: c.name for c in load_categories().items}
    steps = {s.id: s.name for s in store.catalog.latest().steps} | {DONE: "已归档"}
    committees = _committee_names(store)
    days: dict[str | None, date | None] = {None: None, "": None}
    lists: dict[str, str] = {}  # JSON list text -> shown text (few distinct values)

    def joined(text: str | None, empty: str, drop: str = "") -> str:
        shown = lists.get(f"{text}|{empty}")
        if shown is None:
            items = [x for x in json.loads(text or "[]") if x != drop]
            shown = lists[f"{text}|{empty}"] = "、".join(items) if items else empty
        return shown

    def text(i: int) -> Getter:
        return lambda c: c.row[i] or ""

    def day(i: int) -> Getter:
        return lambda c: _day(days, c.row[i])

    def party(role: str, i: int) -> Getter:
        return lambda c: c.parties[role][i] if role in c.parties else ""

    made: dict[str, Getter] = {
        "serial": lambda c: c.serial,
        "case_no": text(_CASE_NO),
        "committee": lambda c: committees.get(c.row[_COMMITTEE], c.row[_COMMITTEE]),
        "accepted_on": day(_ACCEPTED),
        "source": text(_SOURCE),
        "category": lambda c: names.get(c.row[_CATEGORY], c.row[_CATEGORY]),
        "title": text(_TITLE),
        "difficulty": text(_DIFFICULTY),
        "occurred_on": day(_OCCURRED_ON),
        "occurred_place": text(_OCCURRED_PLACE),
        "facts": text(_FACTS),
        "amount": lambda c: _yuan(c.row[_AMOUNT]),
        "people": lambda c: c.row[_PEOPLE],
        "special_groups": lambda c: joined(c.row[_GROUPS], "否"),
        "mediator": text(_MEDIATOR),
        "level_start": text(_LEVEL_START),
        "level_now": text(_LEVEL_NOW),
        "level_resolved": text(_LEVEL_RESOLVED),
        "step": lambda c: steps.get(c.row[_STEP], c.row[_STEP]),
        "status": text(_STATUS),
        "session_on": lambda c: c.session[0],
        "session_place": lambda c: c.session[1],
        "result": lambda c: _RESULTS.get(c.row[_STATUS], c.row[_STATUS]),
        "agreement_form": text(_FORM),
        "agreement_on": day(_AGREED_ON),
        "terms": lambda c: c.terms[0],
        "performance_manner": lambda c: c.terms[1],
        "agreement_amount": lambda c: c.terms[2],
        "judicial_confirmation": text(_JUDICIAL),
        "closed_on": day(_CLOSED_ON),
        "risk_flags": lambda c: joined(c.row[_RISK_FLAGS], "", drop="无明显激化风险"),
        "risk_level": text(_RISK_LEVEL),
        "visited_on": lambda c: c.visit[0],
        "performance": lambda c: c.visit[1],
        "satisfaction": lambda c: c.visit[2],
        "platform_no": text(_PLATFORM),
        "remarks": text(_REMARKS),
    }
    for key, (role, i) in _PARTY_FIELDS.items():
        made[key] = party(role, i)
    return [made[f] for f in fields]


def _committee_names(store: Store) -> dict[str, str]:
    """committee_id -> name: this file's own cases ('') and each imported committee."""
    names = {"": store.settings.committee().name}
    if store.db["imports"].exists():
        for cid, name in store.db.execute(
            "SELECT committee_id, committee_name FROM imports ORDER BY id"
        ):
            names[cid] = name  # the latest package's name wins
    return names
