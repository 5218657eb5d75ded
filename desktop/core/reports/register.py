"""The case register (台账): one row per case with Chinese headers, category names (not codes),
real dates and amounts in yuan, as Excel or as CSV (UTF-8 with BOM, so Excel on Chinese Windows
opens it without garbled text). ID and phone numbers can be masked for the county. Which
columns appear, in what order and under what headings, is data (resources/reports/register.toml),
so a county's own template is matched without code."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.core.categories import load_categories
from desktop.core.models import DONE
from desktop.core.paths import resource
from desktop.core.reports.cellsafe import csv_field
from desktop.core.reports.period import Month
from desktop.core.reports.scope import scope_for
from desktop.core.resources import load_toml
from desktop.core.validation.idcard import mask_id_number
from desktop.core.validation.phone import mask_phone

if TYPE_CHECKING:
    from desktop.core.store.store import Store


@dataclass(frozen=True, slots=True)
class RegisterColumn:
    field: str  # stable key of the value (FIELDS)
    header: str
    width: float


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
    "applicant_ids": "申请人证件号码",
    "applicant_phones": "申请人电话",
    "respondents": "被申请人姓名",
    "respondent_ids": "被申请人证件号码",
    "respondent_phones": "被申请人电话",
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
_RESULTS = {
    "调解成功": "调解成功",
    "调解不成": "调解不成",
    "已终止": "终止调解",
    "已移交": "上报移交",
    "在办": "调解中",
}


@lru_cache(maxsize=4)
def register_columns(path: Path | None = None) -> tuple[RegisterColumn, ...]:
    """The 台账's columns in order, from ``resources/reports/register.toml`` (a county's own
    template is matched by editing that file). Raises ResourceError naming the file and key."""
    entries = load_toml(path or resource("reports", "register.toml")).tables("columns")
    columns = []
    for raw in entries:
        field = raw.text("field")
        if field not in FIELDS:
            raise raw.fail(
                "field", f"台账列“{field}”不认识，请对照 docs/reports.md 中“台账的列”修改"
            )
        width = raw.data.get("width", 12)
        if isinstance(width, bool) or not isinstance(width, int | float) or width <= 0:
            raise raw.fail("width", "应当是一个正数（列宽）")
        columns.append(RegisterColumn(field, raw.text("header", field), float(width)))
    return tuple(columns)


HEADERS = tuple(c.header for c in register_columns())
_BATCH = 2000


def case_ids_for(
    store: Store,
    *,
    month: str | None = None,
    year: int | None = None,
    committee_id: str | None = None,
) -> list[int]:
    """Cases accepted in a month or a year (all cases when neither is given), oldest first;
    in an aggregate database, only one committee's when ``committee_id`` is given."""
    if month:
        m = Month.parse(month)
        start, end = m.first.isoformat(), m.last.isoformat()
    elif year:
        start, end = f"{year}-01-01", f"{year}-12-31"
    else:
        start, end = "0000-01-01", "9999-12-31"
    scope = scope_for(store.db, committee_id)
    return [
        r[0]
        for r in store.db.execute(
            "SELECT c.id FROM cases c WHERE c.accepted_on BETWEEN :start AND :end"
            f" AND {scope.condition} ORDER BY c.accepted_on, c.id",
            {"start": start, "end": end, **scope.params()},
        )
    ]


def _yuan(fen: int | None) -> Decimal | None:
    return None if fen is None else Decimal(fen) / 100


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _parties(
    store: Store, ids: list[int], mask: bool
) -> dict[int, dict[str, list[tuple[str, str, str]]]]:
    marks = ",".join("?" * len(ids))
    out: dict[int, dict[str, list[tuple[str, str, str]]]] = {}
    for case_id, role, name, id_number, credit, phone in store.db.execute(
        "SELECT case_id, role, name, id_number, credit_code, phone FROM parties"
        f" WHERE case_id IN ({marks}) ORDER BY case_id, seq",
        ids,
    ):
        number = id_number or credit  # organisations carry a credit code, not an ID number
        if mask and id_number:
            number = mask_id_number(id_number)
        shown_phone = mask_phone(phone) if mask and phone else phone
        out.setdefault(case_id, {}).setdefault(role, []).append((name, number, shown_phone))
    return out


def _committee_names(store: Store) -> dict[str, str]:
    """committee_id -> name: this file's own cases ('') and each imported committee."""
    names = {"": store.settings.committee().name}
    if store.db["imports"].exists():
        for cid, name in store.db.execute(
            "SELECT committee_id, committee_name FROM imports ORDER BY id"
        ):
            names[cid] = name  # the latest package's name wins
    return names


def _terms_text(terms: list[tuple[str, str, int | None, str, str | None]]) -> tuple[str, str]:
    """(协议内容, 履行方式/期限) of a case's terms, each numbered in one cell."""
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


def register_rows(
    store: Store,
    case_ids: Iterable[int] | None = None,
    *,
    mask: bool = False,
    columns: tuple[RegisterColumn, ...] | None = None,
) -> Iterator[list[Any]]:
    """Rows in ``columns`` order (register.toml when None), typed: dates as date, money as
    Decimal yuan, counts as int, the rest text."""
    fields = [c.field for c in (columns or register_columns())]
    for values in register_values(store, case_ids, mask=mask):
        yield [values[f] for f in fields]


def register_values(
    store: Store, case_ids: Iterable[int] | None = None, *, mask: bool = False
) -> Iterator[dict[str, Any]]:
    """Every FIELDS value of each case, in the order of ``case_ids`` (all cases when None)."""
    ids = list(case_ids) if case_ids is not None else case_ids_for(store)
    names = {c.code: c.name for c in load_categories().items}
    steps = {s.id: s.name for s in store.catalog.latest().steps} | {DONE: "已归档"}
    committees = _committee_names(store)
    has_committee = any(c.name == "committee_id" for c in store.db["cases"].columns)
    committee_col = "c.committee_id" if has_committee else "''"
    serial = 0
    for start in range(0, len(ids), _BATCH):
        chunk = ids[start : start + _BATCH]
        marks = ",".join("?" * len(chunk))
        parties = _parties(store, chunk, mask)
        terms: dict[int, list[tuple[str, str, int | None, str, str | None]]] = {}
        for case_id, *term in store.db.execute(
            "SELECT case_id, content, obligor, amount_fen, manner, deadline FROM terms"
            f" WHERE case_id IN ({marks}) ORDER BY case_id, seq",
            chunk,
        ):
            terms.setdefault(case_id, []).append(tuple(term))
        sessions: dict[int, tuple[str | None, str]] = {}
        for case_id, held_on, place in store.db.execute(
            "SELECT case_id, held_on, place FROM sessions"
            f" WHERE case_id IN ({marks}) ORDER BY case_id, held_on, seq",
            chunk,
        ):
            sessions[case_id] = (held_on, place)  # ordered: the last one wins
        visits: dict[int, tuple[str, str, str]] = {}
        for case_id, on, perf, sat in store.db.execute(
            "SELECT case_id, visited_on, performance, satisfaction FROM return_visits"
            f" WHERE case_id IN ({marks}) ORDER BY case_id, visited_on, seq",
            chunk,
        ):
            visits[case_id] = (on, perf, sat)
        rows = {
            r["id"]: r
            for r in store.db.query(
                f"SELECT c.*, {committee_col} AS committee_key, coalesce(m.name, '') AS mediator"
                " FROM cases c LEFT JOIN mediators m ON m.id = c.mediator_id"
                f" WHERE c.id IN ({marks})",
                chunk,
            )
        }
        for case_id in chunk:
            r = rows.get(case_id)
            if r is None:
                continue
            serial += 1
            p = parties.get(case_id, {})

            def who(role: str, i: int, p: dict[str, list[tuple[str, str, str]]] = p) -> str:
                return "、".join(x[i] for x in p.get(role, []) if x[i])

            on, perf, sat = visits.get(case_id, (None, "", ""))
            held_on, place = sessions.get(case_id, (None, ""))
            case_terms = terms.get(case_id, [])
            content, manner = _terms_text(case_terms)
            agreed = sum(t[2] or 0 for t in case_terms) if case_terms else None
            flags = [f for f in json.loads(r["risk_flags"] or "[]") if f != "无明显激化风险"]
            groups = json.loads(r.get("special_groups") or "[]")
            yield {
                "serial": serial,
                "case_no": r["case_no"],
                "committee": committees.get(r["committee_key"], r["committee_key"]),
                "accepted_on": _day(r["accepted_on"]),
                "source": r["source"],
                "category": names.get(r["category_code"], r["category_code"]),
                "title": r["title"],
                "difficulty": r.get("difficulty") or "",
                "occurred_on": _day(r.get("occurred_on")),
                "occurred_place": r.get("occurred_place") or "",
                "applicants": who("申请人", 0),
                "applicant_ids": who("申请人", 1),
                "applicant_phones": who("申请人", 2),
                "respondents": who("被申请人", 0),
                "respondent_ids": who("被申请人", 1),
                "respondent_phones": who("被申请人", 2),
                "third_parties": who("第三人", 0),
                "facts": r["facts"],
                "amount": _yuan(r["amount_fen"]),
                "people": r["people_count"],
                "special_groups": "、".join(groups) if groups else "否",
                "mediator": r["mediator"],
                "level_start": r["level_start"],
                "level_now": r["level_now"],
                "level_resolved": r["level_resolved"],
                "step": steps.get(r["step_now"], r["step_now"]),
                "status": r["status"],
                "session_on": _day(held_on),
                "session_place": place,
                "result": _RESULTS.get(r["status"], r["status"]),
                "agreement_form": r["agreement_form"],
                "agreement_on": _day(r["agreement_on"]),
                "terms": content,
                "performance_manner": manner,
                "agreement_amount": _yuan(agreed),
                "judicial_confirmation": r["judicial_confirmation"],
                "closed_on": _day(r["closed_on"]),
                "risk_flags": "、".join(flags),
                "risk_level": r.get("risk_level") or "",
                "visited_on": _day(on),
                "performance": perf,
                "satisfaction": sat,
                "platform_no": r.get("platform_no") or "",
                "remarks": r.get("remarks") or "",
            }


def register_xlsx_bytes(
    store: Store,
    case_ids: Iterable[int] | None = None,
    *,
    mask: bool = False,
    columns: tuple[RegisterColumn, ...] | None = None,
) -> bytes:
    """The 台账 workbook (XlsxWriter, constant memory): one sheet, header row repeated on every
    printed page, landscape A4 fitted to the page width."""
    from desktop.core.reports.xlsx_book import table_bytes

    columns = columns or register_columns()
    return table_bytes(
        "台账",
        [c.header for c in columns],
        register_rows(store, case_ids, mask=mask, columns=columns),
        [c.width for c in columns],
        freeze=(1, 2),
        title="人民调解案件台账",
    )


def register_csv_bytes(
    store: Store,
    case_ids: Iterable[int] | None = None,
    *,
    mask: bool = False,
    columns: tuple[RegisterColumn, ...] | None = None,
) -> bytes:
    """The 台账 as CSV (UTF-8 with BOM): formula-like text neutralised and ID, phone and other
    digit texts kept as text when a spreadsheet opens the file (``cellsafe.csv_field``)."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    columns = columns or register_columns()
    writer.writerow([csv_field(c.header) for c in columns])
    for row in register_rows(store, case_ids, mask=mask, columns=columns):
        writer.writerow([csv_field(v) for v in row])
    return text.getvalue().encode("utf-8-sig")
