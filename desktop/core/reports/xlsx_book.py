"""Excel workbooks through XlsxWriter: safe text cells (``cellsafe``), real dates and amounts,
and print setup on every sheet (A4, fit to the paper's width, header rows repeated on each
page, page numbers), so what the mediator prints is readable without fiddling in Excel.

The 台账 uses ``write_table`` in XlsxWriter's constant-memory mode: each row goes to disk as it
is written, so a year of 30,000 cases needs a few MB, not one Python object per cell."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from typing import IO, cast

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from desktop.core.reports.cellsafe import MAX_CELL_CHARS, clean_text, formula_like

_XML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
# First characters after which a text may be formula-like (the formula signs and whitespace).
_RISKY_FIRST = frozenset("=+-@ \t\r\n")

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


#: Cell kinds of ``write_table``'s ``kinds`` (one per column).
TEXT, DATE, MONEY, COUNT = "text", "date", "money", "count"


class _RegisterSheet(Worksheet):
    """XlsxWriter's worksheet with a lean writer of whole data rows in constant-memory mode.
    XlsxWriter's per-cell path (``write`` -> type dispatch -> a cell object -> ``_write_cell``
    with attribute lists and escaping of the reference and format index) costs several times
    as much per cell, which at 30,000 rows x 44 columns is the whole time budget. The XML is
    what XlsxWriter writes for the same cells (strings inline, numbers with the same styles);
    the workbook, styles, print setup and packaging stay XlsxWriter's own."""

    def append_rows(
        self, rows: Iterable[Sequence[object]], kinds: Sequence[str], formats: Formats
    ) -> int:
        """Write the data rows from the second row on, straight into the sheet's XML; returns
        their number. ``kinds`` says what each column holds (TEXT, DATE, MONEY, COUNT) so the
        type of a value is not worked out per cell; a value of another type in a column is
        still written right (``_any_cell``). None or "" leave the cell empty; text goes through
        the same safety as ``write_text`` (control characters dropped, at most 32,767
        characters, formula-like text quote-prefixed)."""
        self._write_single_row(1)  # flush the row XlsxWriter holds (the header) first
        xf_text = formats.get()._get_xf_index()
        xf_quoted = formats.get(quote_prefix=True)._get_xf_index()
        xf_date = formats.get(num_format=DATE_FORMAT)._get_xf_index()
        xf_money = formats.get(num_format=MONEY_FORMAT)._get_xf_index()
        xfs = (xf_text, xf_quoted, xf_date, xf_money)
        letters = [_column_letters(col) for col in range(len(kinds))]
        text_cols = [k == TEXT for k in kinds]
        date_cols = [k == DATE for k in kinds]
        money_cols = [k == MONEY for k in kinds]
        count_cols = [k == COUNT for k in kinds]
        text_tail = f'" s="{xf_text}" t="inlineStr"><is><t>'
        date_tail = f'" s="{xf_date}"><v>'
        money_tail = f'" s="{xf_money}"><v>'
        risky, epoch, write = _RISKY_FIRST, _EPOCH, self.fh.write
        row = count = widest = lowest = 0
        for count, values in enumerate(rows, start=1):
            row = count + 1
            r = str(row)
            out = [f'<row r="{r}">']
            last = -1
            for col, v in enumerate(values):
                if v is None or v == "":
                    continue
                last = col
                tv = type(v)
                if tv is str and text_cols[col]:
                    text: str = v  # type: ignore[assignment]
                    if (
                        text[0] in risky
                        or text[-1] == " "
                        or not text.isprintable()
                        or len(text) > MAX_CELL_CHARS
                    ):
                        out.append(_text_cell(letters[col] + r, text, xf_text, xf_quoted))
                    elif "&" in text or "<" in text or ">" in text:
                        out.append(
                            f'<c r="{letters[col]}{r}{text_tail}'
                            f"{text.translate(_XML_ESCAPES)}</t></is></c>"
                        )
                    else:
                        out.append(f'<c r="{letters[col]}{r}{text_tail}{text}</t></is></c>')
                elif tv is date and date_cols[col]:
                    out.append(
                        f'<c r="{letters[col]}{r}{date_tail}{(v - epoch).days}</v></c>'  # type: ignore[operator]
                    )
                elif tv is int and count_cols[col]:
                    out.append(f'<c r="{letters[col]}{r}"><v>{v}</v></c>')
                elif tv is Decimal and money_cols[col]:
                    out.append(f'<c r="{letters[col]}{r}{money_tail}{float(v):.16G}</v></c>')  # type: ignore[arg-type]
                else:
                    cell = _any_cell(letters[col] + r, v, xfs)
                    if not cell:
                        continue
                    out.append(cell)
            if last >= 0:
                out.append("</row>")
                write("".join(out))
                widest, lowest = max(widest, last), row - 1
        if lowest:
            self._check_dimensions(lowest, widest)  # the sheet's <dimension> covers the rows
        self.previous_row = max(row, 1)  # XlsxWriter's own rule: no writing above this
        return count


def _text_cell(ref: str, text: str, xf_text: int, xf_quoted: int) -> str:
    """An inline string cell of any text (the careful path): cleaned, cut to Excel's limit,
    quote-prefixed when a spreadsheet would read it as a formula, edge spaces preserved."""
    text = clean_text(text)
    if not text:
        return ""
    xf = xf_quoted if formula_like(text) else xf_text
    space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
    return (
        f'<c r="{ref}" s="{xf}" t="inlineStr"><is><t{space}>'
        f"{text.translate(_XML_ESCAPES)}</t></is></c>"
    )


def _any_cell(ref: str, v: object, xfs: tuple[int, int, int, int]) -> str:
    """A cell of any value, as ``write_value`` writes it ("" for an empty text)."""
    xf_text, xf_quoted, xf_date, xf_money = xfs
    if isinstance(v, bool):
        return _text_cell(ref, "是" if v else "否", xf_text, xf_quoted)
    if isinstance(v, date):
        return f'<c r="{ref}" s="{xf_date}"><v>{_serial(v)}</v></c>'
    if isinstance(v, Decimal):
        return f'<c r="{ref}" s="{xf_money}"><v>{float(v):.16G}</v></c>'
    if isinstance(v, int | float):
        return f'<c r="{ref}"><v>{v:.16G}</v></c>'
    return _text_cell(ref, str(v), xf_text, xf_quoted)


@lru_cache(maxsize=512)
def _column_letters(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        name = chr(65 + rem) + name
    return name


def write_table(
    out: IO[bytes],
    sheet: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    widths: Sequence[float],
    *,
    freeze: tuple[int, int] = (1, 0),
    title: str = "",
    kinds: Sequence[str] | None = None,
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
    count = register_sheet.append_rows(rows, kinds or [TEXT] * len(headers), formats)
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
