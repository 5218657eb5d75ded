"""The case register (台账): one row per case with Chinese headers, category names (not codes),
real dates and amounts in yuan, as Excel or as CSV (UTF-8 with BOM, so Excel on Chinese Windows
opens it without garbled text). ID and phone numbers can be masked for the county. Which
columns appear, in what order and under what headings, is data (resources/reports/register.toml),
so a county's own template is matched without code."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from operator import getitem
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.core.paths import resource
from desktop.core.reports.cellsafe import csv_field
from desktop.core.reports.period import Month
from desktop.core.reports.register_values import (
    FIELDS,
    register_count,
    register_values,
)
from desktop.core.reports.scope import scope_for
from desktop.core.resources import load_toml

if TYPE_CHECKING:
    from desktop.core.store.store import Store


@dataclass(frozen=True, slots=True)
class RegisterColumn:
    field: str  # stable key of the value (FIELDS)
    header: str
    width: float


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


def register_rows(
    store: Store,
    case_ids: Iterable[int] | None = None,
    *,
    mask: bool = False,
    columns: tuple[RegisterColumn, ...] | None = None,
) -> Iterator[list[Any]]:
    """Rows in ``columns`` order (register.toml when None) of the cases in the order of
    ``case_ids`` (all cases when None), typed: dates as date, money as Decimal yuan, counts as
    int, the rest text (``register_values``)."""
    ids = list(case_ids) if case_ids is not None else case_ids_for(store)
    fields = [c.field for c in (columns or register_columns())]
    return register_values(store, ids, fields, mask=mask)


def register_xlsx_bytes(
    store: Store,
    case_ids: Iterable[int] | None = None,
    *,
    mask: bool = False,
    columns: tuple[RegisterColumn, ...] | None = None,
) -> bytes:
    """The 台账 workbook (``xlsx_book.write_table``: a few MB of memory whatever its size): one
    sheet, header row repeated on every printed page, landscape A4 fitted to the page width."""
    from desktop.core.reports.xlsx_book import table_bytes

    columns = columns or register_columns()
    ids = list(case_ids) if case_ids is not None else case_ids_for(store)
    return table_bytes(
        "台账",
        [c.header for c in columns],
        register_rows(store, ids, mask=mask, columns=columns),
        [c.width for c in columns],
        count=register_count(store, ids),
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
    fields = [_CsvFields() for _ in columns]
    write, field_of = writer.writerow, getitem
    for row in register_rows(store, case_ids, mask=mask, columns=columns):
        write(list(map(field_of, fields, row)))
    return text.getvalue().encode("utf-8-sig")


class _CsvFields(dict[object, str]):
    """One column's CSV fields by value (``csv_field``): a category, status, mediator or date
    repeated thousands of times is worked out once. Only short texts and dates are remembered
    (1, True and Decimal("1") are equal keys but different fields), at most 2,000 a column."""

    def __missing__(self, value: object) -> str:
        field = csv_field(value)
        kept = (type(value) is str and len(value) <= 64) or type(value) is date
        if kept and len(self) < 2_000:
            self[value] = field
        return field
