"""The 台账 writer's quicker path (``xlsx_book.write_table``: cells written straight into the
sheet, repeated values' cells remembered, no reference on a cell that follows the previous one,
no style on plain text): whatever value arrives in any column (a date beside a text, text
where numbers stand, awkward text anywhere, gaps between cells) reads back exactly as the
generic writer (``write_value``) would have written it, in the right column."""

from __future__ import annotations

import io
import re
from datetime import date, datetime
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from desktop.core.reports.cellsafe import MAX_CELL_CHARS, clean_text, formula_like
from desktop.core.reports.xlsx_book import Formats, new_workbook, table_bytes, write_value

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
    # openpyxl does not undo the escape of text Excel would read as _xHHHH_ (see below).
    shown = re.sub("(_x[0-9a-fA-F]{4}_)", r"_x005F\1", text)
    return (shown or None), bool(text) and formula_like(text)


# Tables up to 30 columns wide (past Z, so references such as AB7 after a gap are met).
TABLES = st.integers(min_value=1, max_value=30).flatmap(
    lambda width: st.lists(st.lists(VALUES, min_size=width, max_size=width), min_size=1, max_size=6)
)


@given(rows=TABLES)
@settings(max_examples=60, deadline=None)
def test_any_value_in_any_column_reads_back_as_the_generic_writer_writes_it(
    rows: list[list[object]],
) -> None:
    width = len(rows[0])
    data = table_bytes("台账", [f"列{i}" for i in range(width)], rows, [10] * width)
    ws = load_workbook(io.BytesIO(data)).active
    assert ws.max_column <= width
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            cell = ws.cell(r, c)
            want, quoted = _expected(value)
            got = cell.value
            if isinstance(want, float):
                assert isinstance(got, int | float) and abs(got - want) < 1e-6 * max(1, abs(want))
                assert cell.number_format == "#,##0.00"
            else:
                assert got == want, (value, r, c)
            if isinstance(want, str):
                assert cell.data_type == "s" and bool(cell.quotePrefix) == quoted
                assert (cell.font.name, cell.font.sz) == ("宋体", 11)
            if isinstance(want, datetime):
                assert cell.number_format == "yyyy-mm-dd"


@given(text=st.text(min_size=1, max_size=8).map(lambda t: t * 5000))
@settings(max_examples=5, deadline=None)
def test_a_long_text_in_a_text_column_is_cut_to_what_a_cell_holds(text: str) -> None:
    ws = load_workbook(io.BytesIO(table_bytes("台账", ["A"], [[text]], [10]))).active
    want = clean_text(text)
    assert ws["A2"].value == (want[:MAX_CELL_CHARS] or None)


# Text Excel reads as an escaped character: "_x0041_" is shown as "A" unless its underscore is
# escaped (_x005F_), which XlsxWriter does and the quicker path did not.
ESCAPE_LIKE = st.lists(
    st.sampled_from(
        ["_x0041_", "_x005F_", "_xD83D_", "_X0041_", "_x41_", "_x", "_", "甲", "=", " "]
    ),
    min_size=1,
    max_size=6,
).map("".join)


@given(
    rows=st.lists(
        st.lists(st.one_of(ESCAPE_LIKE, VALUES), min_size=3, max_size=3), min_size=1, max_size=5
    )
)
@settings(max_examples=60, deadline=None)
def test_any_text_is_written_as_xlsxwriters_own_cells_write_it(rows: list[list[object]]) -> None:
    """Read back by openpyxl, the quicker path's cells equal those ``write_value`` makes
    through XlsxWriter's own per-cell writer in the same (constant-memory, inline string)
    mode, value for value."""
    quick = load_workbook(
        io.BytesIO(table_bytes("台账", ["甲", "乙", "丙"], rows, [10] * 3))
    ).active
    out = io.BytesIO()
    wb = new_workbook(out, constant_memory=True)
    formats = Formats(wb)
    ws = wb.add_worksheet("台账")
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            write_value(ws, r, c, value, formats)
    wb.close()
    generic = load_workbook(io.BytesIO(out.getvalue())).active
    for r in range(2, len(rows) + 2):
        for c in range(1, 4):
            # a text of control characters only: an empty cell there, an empty string here
            want = generic.cell(r, c).value
            assert quick.cell(r, c).value == (want if want != "" else None), (rows, r, c)
