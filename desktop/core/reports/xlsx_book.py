"""Excel workbooks through XlsxWriter: safe text cells (``cellsafe``), real dates and amounts,
and print setup on every sheet (A4, fit to the paper's width, header rows repeated on each
page, page numbers), so what the mediator prints is readable without fiddling in Excel.

The 台账 uses ``write_table`` in XlsxWriter's constant-memory mode: each row goes to disk as it
is written, so a year of 30,000 cases needs a few MB, not one Python object per cell."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from operator import getitem
from typing import IO, NamedTuple, cast

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from desktop.core.reports.cellsafe import MAX_CELL_CHARS, clean_text, formula_like

_XML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
# Text Excel would read as an escaped character (ECMA-376 ST_Xstring): written as XlsxWriter
# writes it, its underscore escaped (_x005F_x0041_ reads back as _x0041_).
_EXCEL_ESCAPE = re.compile("(_x[0-9a-fA-F]{4}_)")

FONT = "宋体"
DATE_FORMAT = "yyyy-mm-dd"
MONEY_FORMAT = "#,##0.00"
_EPOCH = date(1899, 12, 30)  # spreadsheet day 0 (the 1900 leap-year quirk accounted for)
PAGE_FOOTER = "&C第 &P 页，共 &N 页"


def new_workbook(out: IO[bytes], *, constant_memory: bool = False) -> Workbook:
    """A workbook writing to ``out`` (kept in memory unless ``constant_memory``), 宋体 11."""
    options: dict[str, object] = {
        "default_format_properties": {"font_name": FONT, "font_size": 11},
        "strings_to_formulas": False,  # belt and braces: text is written with write_string
        "strings_to_urls": False,
        "strings_to_numbers": False,
    }
    if constant_memory:
        options["constant_memory"] = True
    else:
        options["in_memory"] = True
    return xlsxwriter.Workbook(out, options)


class Formats:
    """Formats made once per workbook; each text format has a quote-prefixed twin used for
    formula-like text (Excel then keeps the cell text even when it is edited)."""

    def __init__(self, wb: Workbook) -> None:
        self.wb = wb
        self._made: dict[tuple[tuple[str, object], ...], Format] = {}

    def is_default(self, fmt: Format) -> bool:
        """True when ``fmt`` looks exactly like the workbook's default cell format."""
        return fmt._get_format_key() == self.wb.formats[0]._get_format_key()

    def get(self, **props: object) -> Format:
        key = tuple(sorted(props.items()))
        fmt = self._made.get(key)
        if fmt is None:
            fmt = self._made[key] = self.wb.add_format({"font_name": FONT, **props})
        return fmt


def write_text(
    ws: Worksheet, row: int, col: int, text: str, formats: Formats, **props: object
) -> None:
    """A text cell that never becomes a formula, link or number."""
    clean = clean_text(text)
    quoted = formula_like(clean)
    fmt = formats.get(**props, quote_prefix=True) if quoted else formats.get(**props)
    ws.write_string(row, col, clean, fmt)


def write_value(
    ws: Worksheet, row: int, col: int, value: object, formats: Formats, **props: object
) -> None:
    """Any value: None or "" leaves the cell blank (bordered if asked), numbers as numbers,
    dates as real dates, Decimal yuan with two decimals, text through ``write_text``."""
    if value is None or value == "":
        if props:
            ws.write_blank(row, col, None, formats.get(**props))
        return
    if isinstance(value, bool):
        write_text(ws, row, col, "是" if value else "否", formats, **props)
    elif isinstance(value, date):
        ws.write_number(row, col, _serial(value), formats.get(num_format=DATE_FORMAT, **props))
    elif isinstance(value, Decimal):
        ws.write_number(row, col, float(value), formats.get(num_format=MONEY_FORMAT, **props))
    elif isinstance(value, int | float):
        ws.write_number(row, col, value, formats.get(**props))
    else:
        write_text(ws, row, col, str(value), formats, **props)


def _serial(d: date) -> int:
    if isinstance(d, datetime):
        d = d.date()
    return (d - _EPOCH).days


def print_setup(
    ws: Worksheet,
    *,
    landscape: bool = False,
    header_rows: tuple[int, int] | None = None,
    title: str = "",
) -> None:
    """A4, fit to one page wide (as many pages tall as needed), the header rows (first, last;
    0-based) printed on every page, page numbers in the footer."""
    ws.set_paper(9)
    if landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    ws.center_horizontally()
    if header_rows is not None:
        ws.repeat_rows(*header_rows)
    if title:
        ws.set_header(f"&C{title.replace('&', '&&')}")
    ws.set_footer(PAGE_FOOTER)


# A column's cells are remembered by value (up to this many different short texts and dates):
# a 台账 repeats its categories, statuses, mediators, places and dates thousands of times, and a
# remembered cell costs one dictionary look-up. Memory stays bounded (well under 1 MB a column).
_REMEMBERED_VALUES = 2_000
_REMEMBERED_CHARS = 64
_FORMULA_OR_SPACE = frozenset("=+-@ ")
# Whole numbers written as digits; larger ones as XlsxWriter writes any number (%.16G).
_PLAIN_INT = 10**15
#: An empty cell: it only keeps the next cells in their columns (no reference needed on any).
EMPTY_CELL = "<c/>"


class _RegisterSheet(Worksheet):
    """XlsxWriter's worksheet with a lean writer of whole data rows in constant-memory mode.
    XlsxWriter's per-cell path (``write`` -> type dispatch -> a cell object -> ``_write_cell``
    with attribute lists and escaping of the reference and format index) costs several times
    as much per cell, which at 30,000 rows x 44 columns is the whole time budget. The cells
    are what XlsxWriter writes for the same values (strings inline, numbers and dates with
    the same styles); the workbook, styles, print setup and packaging stay XlsxWriter's own.

    Each cell's XML is looked up per column by its value (``_ColumnCells``), a row being one
    ``join`` over the row's values; cells carry no reference (``r`` is optional, ECMA-376
    §18.3.1.4: a cell without it is the next column) and an empty value is an empty cell
    ``<c/>``, so every cell stays in its column — Excel, LibreOffice and openpyxl read it so
    (LibreOffice checked in tests/reports/test_report_libreoffice.py). A plain text cell
    carries no style index (its format is the workbook's default one, 宋体 11). The XML is a
    fifth smaller than XlsxWriter's: less to write, copy and compress."""

    def append_rows(self, rows: Iterable[Sequence[object]], formats: Formats) -> int:
        """Write the data rows from the second row on, straight into the sheet's XML; returns
        their number. Each value is written as ``write_value`` writes it: None or "" leave
        the cell empty; dates as dates, Decimal yuan as money, numbers as numbers; text goes
        through the same safety as ``write_text`` (control characters dropped, at most 32,767
        characters, formula-like text quote-prefixed)."""
        self._write_single_row(1)  # flush the row XlsxWriter holds (the header) first
        text = formats.get()
        xfs = _Styles(
            # The plain text format equals the workbook's default one (宋体 11): no index.
            text="" if formats.is_default(text) else f' s="{text._get_xf_index()}"',
            quoted=f' s="{formats.get(quote_prefix=True)._get_xf_index()}"',
            date=f' s="{formats.get(num_format=DATE_FORMAT)._get_xf_index()}"',
            money=f' s="{formats.get(num_format=MONEY_FORMAT)._get_xf_index()}"',
        )
        columns: list[_ColumnCells] = []
        blank: dict[int, str] = {}  # a row of n empty cells: not written
        write, cells_of = self.fh.write, getitem
        row = count = widest = lowest = 0
        for count, values in enumerate(rows, start=1):
            row = count + 1
            n = len(values)
            while len(columns) < n:
                columns.append(_ColumnCells(xfs))
            cells = "".join(map(cells_of, columns, values))
            empty = blank.get(n)
            if empty is None:
                empty = blank[n] = EMPTY_CELL * n
            if cells != empty:
                write(f'<row r="{row}">{cells}</row>')
                widest, lowest = max(widest, n - 1), row - 1
        if lowest:
            self._check_dimensions(lowest, widest)  # the sheet's <dimension> covers the rows
        self.previous_row = max(row, 1)  # XlsxWriter's own rule: no writing above this
        return count


class _Styles(NamedTuple):
    """The style attribute (`` s="N"``, the cell format's index) of each kind of data cell."""

    text: str
    quoted: str
    date: str
    money: str


class _ColumnCells(dict[object, str]):
    """One column's cells by value: a value seen before is one look-up; a new one is made by
    ``_cell`` and remembered when it is a short text or a date (only those: 1, True and
    Decimal("1") are equal keys but different cells, so numbers are always made afresh)."""

    __slots__ = ("xfs",)

    def __init__(self, xfs: _Styles) -> None:
        super().__init__({None: EMPTY_CELL, "": EMPTY_CELL})
        self.xfs = xfs

    def __missing__(self, value: object) -> str:
        if type(value) is int and -_PLAIN_INT < value < _PLAIN_INT:
            return f"<c><v>{value}</v></c>"  # a count or a level: the quickest
        cell = _cell(value, self.xfs)
        if len(self) < _REMEMBERED_VALUES:
            kind = type(value)
            if kind is date or (isinstance(value, str) and len(value) <= _REMEMBERED_CHARS):
                self[value] = cell
        return cell


def _cell(v: object, xfs: _Styles) -> str:
    """A cell's XML (no reference), as ``write_value`` writes ``v``; ``<c/>`` for nothing."""
    if isinstance(v, str):
        return _text_cell(v, xfs)
    if v is None:
        return EMPTY_CELL
    if isinstance(v, bool):
        return _text_cell("是" if v else "否", xfs)
    if isinstance(v, date):
        return f"<c{xfs.date}><v>{_serial(v)}</v></c>"
    if isinstance(v, Decimal):
        return f"<c{xfs.money}><v>{float(v):.16G}</v></c>"
    if isinstance(v, int) and -_PLAIN_INT < v < _PLAIN_INT:
        return f"<c><v>{v}</v></c>"
    if isinstance(v, int | float):
        return f"<c><v>{v:.16G}</v></c>"
    return _text_cell(str(v), xfs)


def _text_cell(text: str, xfs: _Styles) -> str:
    """An inline string cell: cleaned, cut to Excel's limit, quote-prefixed when a spreadsheet
    would read it as a formula, edge spaces preserved; a plain one without a style index."""
    if (
        text
        and text.isprintable()
        and text[0] not in _FORMULA_OR_SPACE
        and text[-1] != " "
        and len(text) <= MAX_CELL_CHARS
        and "_x" not in text
    ):  # plain text, the common case
        if "&" in text or "<" in text or ">" in text:
            text = text.translate(_XML_ESCAPES)
        return f'<c{xfs.text} t="inlineStr"><is><t>{text}</t></is></c>'
    clean = clean_text(text)
    if not clean:
        return EMPTY_CELL
    style = xfs.quoted if formula_like(clean) else xfs.text
    space = ' xml:space="preserve"' if clean[0].isspace() or clean[-1].isspace() else ""
    if "&" in clean or "<" in clean or ">" in clean:
        clean = clean.translate(_XML_ESCAPES)
    if "_x" in clean:  # Excel reads _x0041_ in a cell's text as "A": XlsxWriter's escape
        clean = _EXCEL_ESCAPE.sub(r"_x005F\1", clean)
    return f'<c{style} t="inlineStr"><is><t{space}>{clean}</t></is></c>'


def write_table(
    out: IO[bytes],
    sheet: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    widths: Sequence[float],
    *,
    freeze: tuple[int, int] = (1, 0),
    title: str = "",
) -> int:
    """A one-sheet workbook with a bold header row and one row per item, written in constant
    memory; returns the number of data rows. Values as in ``write_value``. The sheet prints
    landscape, fitted to the page width, with the header row on every page."""
    wb = new_workbook(out, constant_memory=True)
    formats = Formats(wb)
    ws = wb.add_worksheet(_sheet_name(sheet), worksheet_class=_RegisterSheet)
    head = formats.get(bold=True, text_wrap=True, valign="vcenter", align="center", border=1)
    for col, width in enumerate(widths):
        ws.set_column(col, col, width)
    for col, text in enumerate(headers):
        write_text(
            ws,
            0,
            col,
            text,
            formats,
            bold=True,
            text_wrap=True,
            valign="vcenter",
            align="center",
            border=1,
        )
    ws.set_row(0, 30, head)
    ws.freeze_panes(*freeze)
    print_setup(ws, landscape=True, header_rows=(0, 0), title=title)
    register_sheet = cast(_RegisterSheet, ws)  # made by the workbook's worksheet_class
    count = register_sheet.append_rows(rows, formats)
    ws.autofilter(0, 0, max(count, 1), len(headers) - 1)
    wb.close()
    return count


def _sheet_name(name: str) -> str:
    """Excel refuses sheet names over 31 characters or with []:*?/\\ in them."""
    for bad in "[]:*?/\\":
        name = name.replace(bad, "_")
    return name[:31] or "Sheet1"


def table_bytes(
    sheet: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    widths: Sequence[float],
    **kwargs: object,
) -> bytes:
    buf = io.BytesIO()
    write_table(buf, sheet, headers, rows, widths, **kwargs)  # type: ignore[arg-type]
    return buf.getvalue()
