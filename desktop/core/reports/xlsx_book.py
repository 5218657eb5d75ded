"""Excel workbooks through XlsxWriter: safe text cells (``cellsafe``), real dates and amounts,
and print setup on every sheet (A4, fit to the paper's width, header rows repeated on each
page, page numbers), so what the mediator prints is readable without fiddling in Excel.

The 台账 uses ``write_table``: XlsxWriter makes the workbook around the header row and the data
rows are written as sheet XML by ``xlsx_cells``, compressed while they are made
(``xlsx_stream``), so a year of 30,000 cases needs a few MB, not one Python object per cell."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import IO

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from desktop.core.reports.cellsafe import clean_text, formula_like
from desktop.core.reports.xlsx_cells import CellStyles, SheetRows, serial_day
from desktop.core.reports.xlsx_stream import write_workbook

FONT = "宋体"
DATE_FORMAT = "yyyy-mm-dd"
MONEY_FORMAT = "#,##0.00"
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
    """A text cell that never becomes a formula, link or number; text of several lines wraps at
    its line breaks (``xlsx_cells.CellStyles.wrapped``)."""
    clean = clean_text(text)
    if "\n" in clean:
        props = {**props, "text_wrap": True}
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
        ws.write_number(row, col, serial_day(value), formats.get(num_format=DATE_FORMAT, **props))
    elif isinstance(value, Decimal):
        ws.write_number(row, col, float(value), formats.get(num_format=MONEY_FORMAT, **props))
    elif isinstance(value, int | float):
        ws.write_number(row, col, value, formats.get(**props))
    else:
        write_text(ws, row, col, str(value), formats, **props)


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


def write_table(
    out: IO[bytes],
    sheet: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    widths: Sequence[float],
    *,
    count: int | None = None,
    freeze: tuple[int, int] = (1, 0),
    title: str = "",
) -> int:
    """A one-sheet workbook with a bold header row and one row per item (at most as many
    values as headers), written as they come; returns the number of data rows. ``count``
    (needed when ``rows`` is not a sequence) is how many rows will come: the sheet's size and
    its filter are written before the rows. Values as in ``write_value``. The sheet prints
    landscape, fitted to the page width, with the header row on every page. Raises ValueError
    when the rows are not ``count`` or are wider than the headers (nothing usable written)."""
    if count is None:
        rows = rows if isinstance(rows, Sequence) else list(rows)
        count = len(rows)
    shell = io.BytesIO()
    wb = new_workbook(shell)
    formats = Formats(wb)
    ws = wb.add_worksheet(_sheet_name(sheet))
    head = formats.get(bold=True, text_wrap=True, valign="vcenter", align="center", border=1)
    head._get_xf_index()  # the header's format first, data cells' next: as numbered before
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
    ws.autofilter(0, 0, max(count, 1), len(headers) - 1)
    if count:
        # The sheet's <dimension> covers the data rows written below (XlsxWriter's own check).
        ws._check_dimensions(count, max(len(headers) - 1, 0))
    styles = _cell_styles(formats)
    wb.close()
    data = SheetRows(rows, styles, first=2, widths=widths)
    write_workbook(out, shell.getvalue(), f"xl/worksheets/sheet{ws.index + 1}.xml", data)
    if data.count != count or data.width > len(headers):
        raise ValueError(
            f"{data.count} rows of up to {data.width} values; {count} of {len(headers)} expected"
        )
    return count


def _cell_styles(formats: Formats) -> CellStyles:
    """The style attributes of data cells; the formats are made (given their indexes) before
    the workbook is written, so its styles hold them."""
    text = formats.get()
    return CellStyles(
        # The plain text format equals the workbook's default one (宋体 11): no index.
        text="" if formats.is_default(text) else f' s="{text._get_xf_index()}"',
        quoted=f' s="{formats.get(quote_prefix=True)._get_xf_index()}"',
        date=f' s="{formats.get(num_format=DATE_FORMAT)._get_xf_index()}"',
        money=f' s="{formats.get(num_format=MONEY_FORMAT)._get_xf_index()}"',
        wrapped=f' s="{formats.get(text_wrap=True)._get_xf_index()}"',
        wrapped_quoted=f' s="{formats.get(text_wrap=True, quote_prefix=True)._get_xf_index()}"',
    )


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
