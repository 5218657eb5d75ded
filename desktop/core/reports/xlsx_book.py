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


class _RegisterSheet(Worksheet):
    """XlsxWriter's worksheet with a leaner row writer for the two cell kinds a register
    holds (inline strings and numbers) in constant-memory mode. XlsxWriter's general
    ``_write_cell`` (attribute lists, per-cell escaping of the reference and format index)
    costs about three times as much per cell, which at 30,000 rows x 45 columns is the whole
    time budget. The XML written is the same as XlsxWriter's; rows with other cell kinds, row
    formats or comments, and everything else in the file, stay XlsxWriter's own. Text reaching
    here went through ``cellsafe.clean_text`` (no control characters XML forbids)."""

    #: XlsxWriter's own attribute (the row waiting to be flushed), typed for mypy.
    previous_row: int

    def _write_single_row(self, current_row_num: int = 0) -> None:
        row = self.previous_row
        cells = self.table.get(row)
        if not self.constant_memory or row in self.row_info or row in self.comments or not cells:
            super()._write_single_row(current_row_num)
            return
        kinds = [type(c).__name__ for c in cells.values()]
        if any(k not in ("String", "Number") for k in kinds):
            super()._write_single_row(current_row_num)
            return
        self.previous_row = current_row_num
        out = [f'<row r="{row + 1}">']
        r = str(row + 1)
        for col in sorted(cells):
            cell = cells[col]
            fmt = cell.format
            ref = _column_letters(col) + r
            style = f' s="{fmt._get_xf_index()}"' if fmt else ""
            if type(cell).__name__ == "Number":
                out.append(f'<c r="{ref}"{style}><v>{cell.number:.16G}</v></c>')
                continue
            text: str = cell.string
            space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
            out.append(
                f'<c r="{ref}"{style} t="inlineStr"><is><t{space}>'
                f"{text.translate(_XML_ESCAPES)}</t></is></c>"
            )
        out.append("</row>")
        self.fh.write("".join(out))
        self.table.clear()

    def append_row(
        self,
        row: int,
        values: Sequence[object],
        text_fmt: Format,
        quoted_fmt: Format,
        date_fmt: Format,
        money_fmt: Format,
    ) -> None:
        """Write one whole data row straight into the sheet's XML (constant-memory mode, rows in
        order, after the header row): per cell only the value's own text is made, which keeps
        a 30,000-row register to a few seconds. Values as in ``write_value``; None or "" leave
        the cell empty. The XML is the same XlsxWriter writes for these cells."""
        self._write_single_row(row)  # flush the row XlsxWriter holds (the header) first
        xf_text, xf_quoted = text_fmt._get_xf_index(), quoted_fmt._get_xf_index()
        xf_date, xf_money = date_fmt._get_xf_index(), money_fmt._get_xf_index()
        r = str(row + 1)
        out = [f'<row r="{r}">']
        last = -1
        for col, v in enumerate(values):
            if v is None or v == "":
                continue
            last = col
            ref = _column_letters(col) + r
            if isinstance(v, bool):
                v = "是" if v else "否"
            if isinstance(v, str) or not isinstance(v, date | Decimal | int | float):
                text = str(v)
                if not text:
                    continue
                if not text.isprintable():  # control characters, line breaks: the slow path
                    text = clean_text(text)
                elif len(text) > MAX_CELL_CHARS:
                    text = text[:MAX_CELL_CHARS]
                xf = xf_quoted if text[0] in _RISKY_FIRST and formula_like(text) else xf_text
                space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
                if "&" in text or "<" in text or ">" in text:
                    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                out.append(f'<c r="{ref}" s="{xf}" t="inlineStr"><is><t{space}>{text}</t></is></c>')
            elif isinstance(v, date):
                out.append(f'<c r="{ref}" s="{xf_date}"><v>{_serial(v)}</v></c>')
            elif isinstance(v, Decimal):
                out.append(f'<c r="{ref}" s="{xf_money}"><v>{float(v):.16G}</v></c>')
            else:
                out.append(f'<c r="{ref}"><v>{v:.16G}</v></c>')
        out.append("</row>")
        if last >= 0:
            self._check_dimensions(row, last)  # the sheet's <dimension> covers this row
            self.fh.write("".join(out))


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
    # The per-kind formats once, and the type test once per cell: this loop is the cost of a
    # 30,000-row register.
    date_fmt = formats.get(num_format=DATE_FORMAT)
    money_fmt = formats.get(num_format=MONEY_FORMAT)
    text_fmt = formats.get()
    quoted_fmt = formats.get(quote_prefix=True)
    count = 0
    register_sheet = cast(_RegisterSheet, ws)  # made by the workbook's worksheet_class
    for count, values in enumerate(rows, start=1):
        register_sheet.append_row(count, values, text_fmt, quoted_fmt, date_fmt, money_fmt)
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
