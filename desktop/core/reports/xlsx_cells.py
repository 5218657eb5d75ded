"""The 台账's data rows as sheet XML, written by us rather than cell by cell through XlsxWriter:
its per-cell path (``write`` -> type dispatch -> a cell object -> ``_write_cell`` with
attribute lists and escaping of the reference and format index) costs several times as much
per cell, which at 30,000 rows x 44 columns is the whole time budget. The cells are what
XlsxWriter writes for the same values (``xlsx_book.write_value``: strings inline, numbers and
dates with the same styles); the workbook, styles, print setup and the rest of the sheet stay
XlsxWriter's own (``xlsx_stream``).

Each cell's XML is looked up per column by its value (``_ColumnCells``), a row being one
``join`` over the row's values; cells carry no reference (``r`` is optional, ECMA-376
§18.3.1.4: a cell without it is the next column) and an empty value is an empty cell ``<c/>``,
so every cell stays in its column — Excel, LibreOffice and openpyxl read it so (LibreOffice
checked in tests/reports/test_report_libreoffice.py). A plain text cell carries no style index
(its format is the workbook's default one, 宋体 11). The XML is a fifth smaller than
XlsxWriter's: less to write and compress."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from decimal import Decimal
from operator import getitem
from typing import NamedTuple

from desktop.core.reports.cellsafe import MAX_CELL_CHARS, clean_text, formula_like

_XML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
# Text Excel would read as an escaped character (ECMA-376 ST_Xstring): written as XlsxWriter
# writes it, its underscore escaped (_x005F_x0041_ reads back as _x0041_).
_EXCEL_ESCAPE = re.compile("(_x[0-9a-fA-F]{4}_)")
_EPOCH = date(1899, 12, 30)  # spreadsheet day 0 (the 1900 leap-year quirk accounted for)

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
# Rows handed on at a time (~1 MB of XML): few enough hand-overs, little memory.
_ROWS_A_PIECE = 500
# A line of 宋体 11 in points (XlsxWriter's default row height) and the tallest row Excel keeps.
LINE_POINTS = 15
_MAX_ROW_POINTS = 409


def serial_day(d: date) -> int:
    """A date as the spreadsheet's day number (1900 date system)."""
    if isinstance(d, datetime):
        d = d.date()
    return (d - _EPOCH).days


class CellStyles(NamedTuple):
    """The style attribute (`` s="N"``, the cell format's index; "" for the workbook's default
    format) of each kind of data cell."""

    text: str
    quoted: str
    date: str
    money: str
    #: Text of several lines (协议内容, 履行方式/期限: one line a term) wraps at its line breaks:
    #: unwrapped, Excel shows it on one line and LibreOffice draws its lines over the rows
    #: below. The spreadsheet then makes the row as tall as its lines (no row height is set).
    wrapped: str = ""
    wrapped_quoted: str = ""


class SheetRows:
    """The data rows' XML (``<row r="N">…</row>``, from row ``first`` on, 1-based), handed on
    in pieces of a few hundred rows when iterated. Each value is written as
    ``xlsx_book.write_value`` writes it: None or "" leave the cell empty; dates as dates,
    Decimal yuan as money, numbers as numbers; text goes through the same safety as
    ``write_text`` (control characters dropped, at most 32,767 characters, formula-like text
    quote-prefixed). A row whose every cell is empty is not written (its number is skipped).
    After iterating, ``count`` is the number of rows taken and ``width`` the widest row.
    A row holding text of several lines is as tall as its tallest such cell (``row_points``,
    columns ``widths`` wide in characters): LibreOffice does not fit a row's height to its
    wrapped text when it opens the file, and drew the lines over the rows below."""

    def __init__(
        self,
        rows: Iterable[Sequence[object]],
        styles: CellStyles,
        first: int,
        widths: Sequence[float] = (),
    ) -> None:
        self.rows, self.styles, self.first = rows, styles, first
        self.widths = tuple(widths)
        self.count = self.width = 0

    def __iter__(self) -> Iterator[str]:
        columns: list[_ColumnCells] = []
        blank: dict[int, str] = {}  # a row of n empty cells: not written
        cells_of = getitem
        piece: list[str] = []
        add = piece.append
        number = self.first - 1
        # Only a cell of several lines puts a line break into a row's XML.
        markers = [f"<c{style} " for style in (self.styles.wrapped, self.styles.wrapped_quoted)]
        wrapping = bool(self.styles.wrapped)
        for number, values in enumerate(self.rows, start=self.first):
            n = len(values)
            while len(columns) < n:
                columns.append(_ColumnCells(self.styles))
            cells = "".join(map(cells_of, columns, values))
            empty = blank.get(n)
            if empty is None:
                empty = blank[n] = EMPTY_CELL * n
                self.width = max(self.width, n)
            if cells != empty:
                if wrapping and "\n" in cells:
                    ht = row_points(cells, markers, self.widths)
                    add(f'<row r="{number}" ht="{ht}">{cells}</row>')
                else:
                    add(f'<row r="{number}">{cells}</row>')
                if len(piece) >= _ROWS_A_PIECE:
                    yield "".join(piece)
                    piece.clear()
        self.count = number - self.first + 1
        if piece:
            yield "".join(piece)


def row_points(cells: str, markers: Sequence[str], widths: Sequence[float]) -> int:
    """The height in points a row (its cells' XML) needs for its cells of several lines (those
    starting with one of ``markers``, their wrapped styles): each line of such a cell takes
    as many lines as its column's width (in characters; a Chinese character is two) holds it
    in, the tallest cell counts; at most Excel's 409 points. Read from the XML rather than
    the values: only the few wrapped cells are looked at (a row has 44 columns)."""
    lines = 1
    for marker in markers:
        at = cells.find(marker)
        while at >= 0:
            col = cells.count("<c", 0, at)  # every cell starts so (text has its < escaped)
            start = cells.index(">", cells.index("<t", at)) + 1
            end = cells.index("</t>", start)
            width = max(1.0, widths[col] if col < len(widths) else 8.43)
            shown = 0
            for line in cells[start:end].split("\n"):
                # Characters plus the Chinese ones (three bytes in UTF-8, one column more each).
                units = len(line) + (len(line.encode()) - len(line)) // 2
                shown += max(1, math.ceil(units / width))
            lines = max(lines, shown)
            at = cells.find(marker, end)
    return min(lines * LINE_POINTS, _MAX_ROW_POINTS)


class _ColumnCells(dict[object, str]):
    """One column's cells by value: a value seen before is one look-up; a new one is made by
    ``_cell`` and remembered when it is a short text or a date (only those: 1, True and
    Decimal("1") are equal keys but different cells, so numbers are always made afresh)."""

    __slots__ = ("styles",)

    def __init__(self, styles: CellStyles) -> None:
        super().__init__({None: EMPTY_CELL, "": EMPTY_CELL})
        self.styles = styles

    def __missing__(self, value: object) -> str:
        if type(value) is str:  # most cells: no dispatch on the type
            cell = _text_cell(value, self.styles)
            if len(value) <= _REMEMBERED_CHARS and len(self) < _REMEMBERED_VALUES:
                self[value] = cell
            return cell
        if type(value) is int and -_PLAIN_INT < value < _PLAIN_INT:
            return f"<c><v>{value}</v></c>"  # a count or a level: the quickest
        cell = _cell(value, self.styles)
        if type(value) is date and len(self) < _REMEMBERED_VALUES:
            self[value] = cell
        return cell


def _cell(v: object, styles: CellStyles) -> str:
    """A cell's XML (no reference), as ``write_value`` writes ``v``; ``<c/>`` for nothing."""
    if isinstance(v, str):
        return _text_cell(v, styles)
    if v is None:
        return EMPTY_CELL
    if isinstance(v, bool):
        return _text_cell("是" if v else "否", styles)
    if isinstance(v, date):
        return f"<c{styles.date}><v>{serial_day(v)}</v></c>"
    if isinstance(v, Decimal):
        return f"<c{styles.money}><v>{float(v):.16G}</v></c>"
    if isinstance(v, int) and -_PLAIN_INT < v < _PLAIN_INT:
        return f"<c><v>{v}</v></c>"
    if isinstance(v, int | float):
        return f"<c><v>{v:.16G}</v></c>"
    return _text_cell(str(v), styles)


def _text_cell(text: str, styles: CellStyles) -> str:
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
        return f'<c{styles.text} t="inlineStr"><is><t>{text}</t></is></c>'
    clean = clean_text(text)
    if not clean:
        return EMPTY_CELL
    if "\n" in clean:
        style = styles.wrapped_quoted if formula_like(clean) else styles.wrapped
    else:
        style = styles.quoted if formula_like(clean) else styles.text
    space = ' xml:space="preserve"' if clean[0].isspace() or clean[-1].isspace() else ""
    if "&" in clean or "<" in clean or ">" in clean:
        clean = clean.translate(_XML_ESCAPES)
    if "_x" in clean:  # Excel reads _x0041_ in a cell's text as "A": XlsxWriter's escape
        clean = _EXCEL_ESCAPE.sub(r"_x005F\1", clean)
    return f'<c{style} t="inlineStr"><is><t{space}>{clean}</t></is></c>'
