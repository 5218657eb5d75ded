"""The values of the 台账's rows: what each column (``FIELDS``) shows for a case, computed only
for the columns a register has, with parties, terms, sessions and visits fetched by set-based
queries per batch of cases (a year is 30,000 cases: one query per kind and batch, never one per
case).

Several parties on one side and several terms share one cell each (``register_cells``)."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from desktop.core.categories import load_categories
from desktop.core.models import DONE
from desktop.core.reports.register_cells import (
    NO_PARTIES,
    NO_TERMS,
    ROLES,
    party_cells,
    term_cells,
)

if TYPE_CHECKING:
    from desktop.core.store.store import Store
    from desktop.core.workflow.spec import WorkflowSpec

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
    "level_start": "受理层级（网格、村（社区）、镇（街道）、县（市）及法院）",
    "level_now": "当前层级（同上）",
    "level_resolved": "化解层级（同上；没有化解的空着）",
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

_RESULTS = {
    "调解成功": "调解成功",
    "调解不成": "调解不成",
    "已终止": "终止调解",
    "已移交": "上报移交",
    "在办": "调解中",
}
_BATCH = 2000
# The case columns a row is made from, in this order (index names below).
# Columns shown as they are hold "" where nothing was recorded (coalesce), so a row's cells are
# picked from the record without a function per cell; the three levels come out of SQLite as
# their names ({levels}: ``_level_names``).
_CASE_COLUMNS = (
    "c.id, coalesce(c.case_no, ''), c.accepted_on, coalesce(c.source, ''), c.category_code,"
    " coalesce(c.title, ''), coalesce(c.difficulty, ''), c.occurred_on,"
    " coalesce(c.occurred_place, ''), coalesce(c.facts, ''), c.amount_fen, c.people_count,"
    " c.special_groups, coalesce(m.name, ''), {level_start}, {level_now}, {level_resolved},"
    " c.step_now, c.status,"
    " coalesce(c.agreement_form, ''), c.agreement_on, coalesce(c.judicial_confirmation, ''),"
    " c.closed_on, c.risk_flags, coalesce(c.risk_level, ''), coalesce(c.platform_no, ''),"
    " coalesce(c.remarks, '')"
)


def _level_names(column: str, spec: WorkflowSpec) -> str:
    """SQL giving the level number in ``column`` as the level's name (网格, 村（社区）…, from
    resources/workflows: ``LevelSpec.label``), “第N级” for a number the workflow has no rung
    for, "" for none: the 台账 is read by people, who do not know the levels by number."""
    whens = " ".join(
        f"WHEN {lv.number} THEN '{lv.label.replace(chr(39), chr(39) * 2)}'" for lv in spec.levels
    )
    return f"CASE {column} {whens} ELSE coalesce('第' || {column} || '级', '') END"


def _case_columns(spec: WorkflowSpec) -> str:
    return _CASE_COLUMNS.format(
        level_start=_level_names("c.level_start", spec),
        level_now=_level_names("c.level_now", spec),
        level_resolved=_level_names("c.level_resolved", spec),
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


# After the case's columns, each record holds (in this order) what is worked out per case:
(
    _SERIAL,
    _COMMITTEE_NAME,
    _CATEGORY_NAME,
    _STEP_NAME,
    _RESULT,
    _GROUPS_TEXT,
    _RISKS_TEXT,
    _AMOUNT_YUAN,
    _ACCEPTED_DAY,
    _OCCURRED_DAY,
    _AGREED_DAY,
    _CLOSED_DAY,
) = range(28, 40)
# then the parties (names, numbers, phones of 申请人, 被申请人, 第三人), the terms (协议内容,
# 履行方式/期限, 协议金额), the last session (date, place) and the last visit (date, 履行, 满意度).
_PARTIES_AT, _TERMS_AT, _SESSION_AT, _VISIT_AT = 40, 49, 52, 54
_NO_SESSION: tuple[date | None, str] = (None, "")
_NO_VISIT: tuple[date | None, str, str] = (None, "", "")

#: Where in a case's record each field's value is.
_AT: dict[str, int] = {
    "serial": _SERIAL,
    "case_no": _CASE_NO,
    "committee": _COMMITTEE_NAME,
    "accepted_on": _ACCEPTED_DAY,
    "source": _SOURCE,
    "category": _CATEGORY_NAME,
    "title": _TITLE,
    "difficulty": _DIFFICULTY,
    "occurred_on": _OCCURRED_DAY,
    "occurred_place": _OCCURRED_PLACE,
    "facts": _FACTS,
    "amount": _AMOUNT_YUAN,
    "people": _PEOPLE,
    "special_groups": _GROUPS_TEXT,
    "mediator": _MEDIATOR,
    "level_start": _LEVEL_START,
    "level_now": _LEVEL_NOW,
    "level_resolved": _LEVEL_RESOLVED,
    "step": _STEP_NAME,
    "status": _STATUS,
    "session_on": _SESSION_AT,
    "session_place": _SESSION_AT + 1,
    "result": _RESULT,
    "agreement_form": _FORM,
    "agreement_on": _AGREED_DAY,
    "terms": _TERMS_AT,
    "performance_manner": _TERMS_AT + 1,
    "agreement_amount": _TERMS_AT + 2,
    "judicial_confirmation": _JUDICIAL,
    "closed_on": _CLOSED_DAY,
    "risk_flags": _RISKS_TEXT,
    "risk_level": _RISK_LEVEL,
    "visited_on": _VISIT_AT,
    "performance": _VISIT_AT + 1,
    "satisfaction": _VISIT_AT + 2,
    "platform_no": _PLATFORM,
    "remarks": _REMARKS,
} | {key: _PARTIES_AT + ROLES.index(role) * 3 + i for key, (role, i) in _PARTY_FIELDS.items()}


class _Days(dict[str | None, date | None]):
    """ISO date text -> date, each text parsed once (a year has a few hundred days)."""

    def __missing__(self, text: str | None) -> date | None:
        day = self[text] = date.fromisoformat(text) if text else None
        return day


def register_values(
    store: Store, case_ids: Iterable[int], fields: Sequence[str], *, mask: bool = False
) -> Iterator[list[Any]]:
    """One list per case (in the order of ``case_ids``; unknown ids skipped) holding the
    ``fields`` (keys of FIELDS) in order, typed: dates as ``date``, money as Decimal yuan,
    counts as int, the rest text ("" when nothing was recorded); ``mask`` hides the middle of
    ID numbers and phones (the county's copy). Only what the fields need is read. Raises
    KeyError for a field not in FIELDS (register.toml is checked when loaded).

    Each case becomes one record — its columns, then what is worked out for it — and a row is
    picked from the record in one step (``operator.itemgetter``), not by a function per cell."""
    ids = list(case_ids)
    pick = itemgetter(*[_AT[f] for f in fields])
    one = len(fields) == 1
    wanted = set(fields)
    names = {c.code: c.name for c in load_categories().items}
    spec = store.catalog.latest()
    steps = {s.id: s.name for s in spec.steps} | {DONE: "已归档"}
    case_columns = _case_columns(spec)
    committees = _committee_names(store)
    groups_text, risks_text = _Joined("否"), _Joined("", drop="无明显激化风险")
    has_committee = any(c.name == "committee_id" for c in store.db["cases"].columns)
    committee_col = "c.committee_id" if has_committee else "''"
    days = _Days({None: None, "": None})
    serial = 0
    done: set[int] = set()  # a case given twice is one row (in whichever batch it comes)
    with mapped_reads(store):
        for start in range(0, len(ids), _BATCH):
            chunk = ids[start : start + _BATCH]
            marks = ",".join("?" * len(chunk))
            found: dict[int, tuple[Any, ...]] = {
                r[0]: r
                for r in store.db.execute(
                    f"SELECT {case_columns}, {committee_col} FROM cases c"
                    f" LEFT JOIN mediators m ON m.id = c.mediator_id WHERE c.id IN ({marks})",
                    chunk,
                )
            }
            parties = (
                party_cells(store, marks, chunk, mask=mask) if wanted & _PARTY_FIELDS.keys() else {}
            )
            terms = term_cells(store, marks, chunk) if wanted & _TERM_FIELDS else {}
            sessions: dict[int, tuple[date | None, str]] = {}
            if wanted & _SESSION_FIELDS:
                for case_id, held_on, place in store.db.execute(
                    "SELECT case_id, held_on, place FROM sessions"
                    f" WHERE case_id IN ({marks}) ORDER BY case_id, held_on, seq",
                    chunk,
                ):
                    sessions[case_id] = (days[held_on], place)  # the last one wins
            visits: dict[int, tuple[date | None, str, str]] = {}
            if wanted & _VISIT_FIELDS:
                for case_id, on, perf, sat in store.db.execute(
                    "SELECT case_id, visited_on, performance, satisfaction FROM return_visits"
                    f" WHERE case_id IN ({marks}) ORDER BY case_id, visited_on, seq",
                    chunk,
                ):
                    visits[case_id] = (days[on], perf, sat)
            for case_id in chunk:
                row = found.get(case_id)
                if row is None or case_id in done:
                    continue
                done.add(case_id)
                serial += 1
                committee, category, step, status = (
                    row[_COMMITTEE],
                    row[_CATEGORY],
                    row[_STEP],
                    row[_STATUS],
                )
                amount = row[_AMOUNT]
                record = (
                    *row,
                    serial,
                    committees.get(committee, committee),
                    names.get(category, category),
                    steps.get(step, step),
                    _RESULTS.get(status, status),
                    groups_text[row[_GROUPS]],
                    risks_text[row[_RISK_FLAGS]],
                    None if amount is None else Decimal(amount) / 100,
                    days[row[_ACCEPTED]],
                    days[row[_OCCURRED_ON]],
                    days[row[_AGREED_ON]],
                    days[row[_CLOSED_ON]],
                    *parties.get(case_id, NO_PARTIES),
                    *terms.get(case_id, NO_TERMS),
                    *sessions.get(case_id, _NO_SESSION),
                    *visits.get(case_id, _NO_VISIT),
                )
                yield [pick(record)] if one else list(pick(record))


def register_count(store: Store, case_ids: Iterable[int]) -> int:
    """How many rows ``register_values`` gives for ``case_ids``: the different ids of cases
    in the file (a sheet's size is written before its rows)."""
    ids = sorted(set(case_ids))
    count = 0
    with mapped_reads(store):
        for start in range(0, len(ids), _BATCH):
            chunk = ids[start : start + _BATCH]
            count += store.db.execute(
                f"SELECT count(*) FROM cases WHERE id IN ({','.join('?' * len(chunk))})", chunk
            ).fetchone()[0]
    return count


#: Bytes of the file SQLite may read through a memory map while a register is made (SQLite's
#: own limit unless built otherwise).
_MAPPED_BYTES = 0x7FFF0000


@contextmanager
def mapped_reads(store: Store) -> Iterator[None]:
    """Read the file through a memory map while a register is made, then as before. A year's
    rows are ~70 MB spread over five tables; read 4 KB at a time from a cold OS cache (the
    first export after the computer starts) that took longer than making the rows, while a
    mapped file is read ahead by the OS (bench/bench_official.py, “cold”). SQLite maps the
    file read-only and still writes through the usual calls (sqlite.org/mmap.html); an
    encrypted file (SQLCipher) is read as before."""
    before = store.db.execute("PRAGMA mmap_size").fetchone()
    store.db.execute(f"PRAGMA mmap_size = {_MAPPED_BYTES}")
    try:
        yield
    finally:
        # A register abandoned half-way is closed when it is collected, perhaps after its
        # store was closed (Ctrl-C during an export): a closed file has nothing to set back.
        with contextlib.suppress(sqlite3.ProgrammingError):
            store.db.execute(f"PRAGMA mmap_size = {before[0] if before else 0}")


class _Joined(dict[str | None, str]):
    """A JSON list's text (special groups, risk flags) as shown: items (but ``drop``) joined
    by 、, or ``empty``; each text worked out once (a register has few different ones)."""

    def __init__(self, empty: str, drop: str = "") -> None:
        super().__init__()
        self.empty, self.drop = empty, drop

    def __missing__(self, text: str | None) -> str:
        items = [x for x in json.loads(text or "[]") if x != self.drop]
        shown = self[text] = "、".join(items) if items else self.empty
        return shown


def _committee_names(store: Store) -> dict[str, str]:
    """committee_id -> name: this file's own cases ('' and its own id) and each imported
    committee as its latest package named it, a namesake told apart by the case file it came
    from (“名称（第 2 个案件库）”, ``CaseStore.committee_names``): two committees printing the
    same name in the 调解组织 column could not be told apart on paper."""
    names = store.cases.committee_names()
    own = store.settings.committee()
    names[""] = own.name
    if own.committee_id:
        names[own.committee_id] = own.name
    return names
