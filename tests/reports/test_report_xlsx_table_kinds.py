"""The 台账 writer's per-column kinds (``xlsx_book.write_table(kinds=…)``): a column declared as
text, date, money or count is written by a quicker path, and whatever value actually arrives
in any column (a date in a text column, text in a count column, awkward text anywhere) reads
back exactly as the generic writer (``write_value``) would have written it."""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from desktop.core.reports.cellsafe import MAX_CELL_CHARS, clean_text, formula_like
from desktop.core.reports.xlsx_book import COUNT, DATE, MONEY, TEXT, table_bytes

VALUES = st.one_of(
    st.none(),
    st.just(""),
    st.text(max_size=30),
    st.text(alphabet=st.sampled_from("=+-@ \t\r\n&<>甲乙 ·\u3000\x07\x1fa1"), max_size=12),
    st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)),
    st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False),
    st.integers(min_value=-(10**9), max_value=10**9),
    st.booleans(),
)
KINDS = st.sampled_from([TEXT, DATE, MONEY, COUNT])


def _expected(value: object) -> tuple[object, bool]:
    """(value openpyxl reads back, quote prefix) as ``write_value`` writes ``value``."""
    if value is None or value == "":
        return None, False
    if isinstance(value, bool):
        value = "是" if value else "否"
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day), False
    if isinstance(value, Decimal):
        return float(value), False
    if isinstance(value, int):
        return value, False
    text = clean_text(str(value))
    return (text or None), bool(text) and formula_like(text)


@given(
    rows=st.lists(st.lists(VALUES, min_size=5, max_size=5), min_size=1, max_size=6),
    kinds=st.lists(KINDS, min_size=5, max_size=5),
)
@settings(max_examples=60, deadline=None)
def test_any_value_in_any_declared_column_reads_back_as_the_generic_writer_writes_it(
    rows: list[list[object]], kinds: list[str]
) -> None:
    data = table_bytes("台账", list("ABCDE"), rows, [10] * 5, kinds=kinds)
    ws = load_workbook(io.BytesIO(data)).active
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            cell = ws.cell(r, c)
            want, quoted = _expected(value)
            got = cell.value
            if isinstance(want, float):
                assert isinstance(got, int | float) and abs(got - want) < 1e-6 * max(1, abs(want))
                assert cell.number_format == "#,##0.00"
            else:
                assert got == want, (value, kinds[c - 1])
            if isinstance(want, str):
                assert cell.data_type == "s" and bool(cell.quotePrefix) == quoted
            if isinstance(want, datetime):
                assert cell.number_format == "yyyy-mm-dd"


@given(text=st.text(min_size=1, max_size=8).map(lambda t: t * 5000))
@settings(max_examples=5, deadline=None)
def test_a_long_text_in_a_text_column_is_cut_to_what_a_cell_holds(text: str) -> None:
    ws = load_workbook(io.BytesIO(table_bytes("台账", ["A"], [[text]], [10], kinds=[TEXT]))).active
    want = clean_text(text)
    assert ws["A2"].value == (want[:MAX_CELL_CHARS] or None)
