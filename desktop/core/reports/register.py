"""The case register (台账): one row per case with Chinese headers, category names (not codes),
real dates and amounts in yuan, as Excel or as CSV (UTF-8 with BOM, so Excel on Chinese Windows
opens it without garbled text). ID and phone numbers can be masked for the county."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from desktop.core.categories import load_categories
from desktop.core.models import DONE
from desktop.core.reports.cellsafe import csv_field
from desktop.core.reports.period import Month
from desktop.core.reports.scope import scope_for
from desktop.core.validation.idcard import mask_id_number
from desktop.core.validation.phone import mask_phone

if TYPE_CHECKING:
    from desktop.core.store.store import Store

#: (header, kind): kind "date", "money" (yuan) or "int" are written as numbers/dates.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("序号", "int"),
    ("案号", "text"),
    ("受理日期", "date"),
    ("案件来源", "text"),
    ("纠纷类型", "text"),
    ("纠纷名称", "text"),
    ("申请人", "text"),
    ("申请人证件号码", "text"),
    ("申请人电话", "text"),
    ("被申请人", "text"),
    ("被申请人证件号码", "text"),
    ("被申请人电话", "text"),
    ("第三人", "text"),
    ("纠纷简要情况", "text"),
    ("涉及金额（元）", "money"),
    ("涉及人数", "int"),
    ("承办调解员", "text"),
    ("受理层级", "int"),
    ("当前层级", "int"),
    ("化解层级", "int"),
    ("当前步骤", "text"),
    ("案件状态", "text"),
    ("协议形式", "text"),
    ("协议日期", "date"),
    ("协议金额（元）", "money"),
    ("司法确认", "text"),
    ("办结日期", "date"),
    ("激化风险", "text"),
    ("最近回访日期", "date"),
    ("履行情况", "text"),
    ("满意度", "text"),
)
HEADERS = tuple(h for h, _ in COLUMNS)
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


def register_rows(
    store: Store, case_ids: Iterable[int] | None = None, *, mask: bool = False
) -> Iterator[list[Any]]:
    """Rows in COLUMNS order, typed (dates as date, money as Decimal yuan)."""
    ids = list(case_ids) if case_ids is not None else case_ids_for(store)
    names = {c.code: c.name for c in load_categories().items}
    steps = {s.id: s.name for s in store.catalog.latest().steps} | {DONE: "已归档"}
    serial = 0
    for start in range(0, len(ids), _BATCH):
        chunk = ids[start : start + _BATCH]
        marks = ",".join("?" * len(chunk))
        parties = _parties(store, chunk, mask)
        agreed = dict(
            store.db.execute(
                f"SELECT case_id, sum(amount_fen) FROM terms WHERE case_id IN ({marks}) GROUP BY case_id",
                chunk,
            ).fetchall()
        )
        visits: dict[int, tuple[str, str, str]] = {}
        for case_id, on, perf, sat in store.db.execute(
            "SELECT case_id, visited_on, performance, satisfaction FROM return_visits"
            f" WHERE case_id IN ({marks}) ORDER BY case_id, visited_on, seq",
            chunk,
        ):
            visits[case_id] = (on, perf, sat)  # ordered: the last one wins
        rows = {
            r[0]: r
            for r in store.db.execute(
                "SELECT c.id, c.case_no, c.accepted_on, c.source, c.category_code, c.title, c.facts,"
                " c.amount_fen, c.people_count, coalesce(m.name, ''), c.level_start, c.level_now,"
                " c.level_resolved, c.step_now, c.status, c.agreement_form, c.agreement_on,"
                " c.judicial_confirmation, c.closed_on, c.risk_flags"
                f" FROM cases c LEFT JOIN mediators m ON m.id = c.mediator_id WHERE c.id IN ({marks})",
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
            flags = [f for f in json.loads(r[19] or "[]") if f != "无明显激化风险"]
            yield [
                serial,
                r[1],
                _day(r[2]),
                r[3],
                names.get(r[4], r[4]),
                r[5],
                who("申请人", 0),
                who("申请人", 1),
                who("申请人", 2),
                who("被申请人", 0),
                who("被申请人", 1),
                who("被申请人", 2),
                who("第三人", 0),
                r[6],
                _yuan(r[7]),
                r[8],
                r[9],
                r[10],
                r[11],
                r[12],
                steps.get(r[13], r[13]),
                r[14],
                r[15],
                _day(r[16]),
                _yuan(agreed.get(case_id)),
                r[17],
                _day(r[18]),
                "、".join(flags),
                _day(on),
                perf,
                sat,
            ]


def register_xlsx_bytes(
    store: Store, case_ids: Iterable[int] | None = None, *, mask: bool = False
) -> bytes:
    """The 台账 workbook (XlsxWriter, constant memory): one sheet, header row repeated on every
    printed page, landscape A4 fitted to the page width."""
    from desktop.core.reports.xlsx_book import table_bytes

    widths = {
        "案号": 24,
        "纠纷名称": 30,
        "纠纷简要情况": 40,
        "申请人证件号码": 22,
        "被申请人证件号码": 22,
    }
    return table_bytes(
        "台账",
        HEADERS,
        register_rows(store, case_ids, mask=mask),
        [widths.get(h, 12) for h in HEADERS],
        freeze=(1, 2),
        title="人民调解案件台账",
    )


def register_csv_bytes(
    store: Store, case_ids: Iterable[int] | None = None, *, mask: bool = False
) -> bytes:
    """The 台账 as CSV (UTF-8 with BOM): formula-like text neutralised and ID, phone and other
    digit texts kept as text when a spreadsheet opens the file (``cellsafe.csv_field``)."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(HEADERS)
    for row in register_rows(store, case_ids, mask=mask):
        writer.writerow([csv_field(v) for v in row])
    return text.getvalue().encode("utf-8-sig")
