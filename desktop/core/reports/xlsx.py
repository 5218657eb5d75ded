"""The monthly report as an Excel workbook (XlsxWriter): the same tables as the PDF, as real
numbers (money in yuan with two decimals, rates in percent), no formulas, so any county sheet
can take them. Every sheet prints on A4 fitted to the page width with its table heading
repeated on each page; typed text (情况说明) is written so that it can never run as a formula."""

from __future__ import annotations

from typing import BinaryIO

from xlsxwriter.worksheet import Worksheet

from desktop.core.reports.definitions import load_layout
from desktop.core.reports.model import MONEY, MONEY_WAN, RATE, MonthlyReport, wan_yuan
from desktop.core.reports.tables import (
    CATEGORY_HEAD,
    INDICATOR_HEAD,
    LEVEL_HEAD,
    TREND_HEAD,
    header_pairs,
)
from desktop.core.reports.xlsx_book import (
    MONEY_FORMAT,
    Formats,
    new_workbook,
    print_setup,
    write_text,
    write_value,
)

RATE_FORMAT = "0.0"
_HEAD = {"bold": True, "bg_color": "#E8EEF6", "border": 1, "align": "center"}
_HEAD |= {"valign": "vcenter", "text_wrap": True}


def _number(value: int | float | None, kind: str) -> int | float | None:
    if value is None:
        return None
    if kind == MONEY_WAN:
        return float(wan_yuan(int(value)))
    return round(value / 100, 2) if kind == MONEY else value


def _table(
    ws: Worksheet,
    formats: Formats,
    top: int,
    head: list[str],
    rows: list[list[object]],
    number_formats: list[dict[int, str]] | None = None,
) -> int:
    """A bordered table at 0-based row ``top``; ``number_formats[i]`` gives column -> number
    format for data row i. Returns the next free row."""
    for col, text in enumerate(head):
        write_text(ws, top, col, text, formats, **_HEAD)
    for i, row in enumerate(rows):
        fmts = number_formats[i] if number_formats else {}
        for col, value in enumerate(row):
            props: dict[str, object] = {"border": 1}
            if col in fmts and isinstance(value, int | float):
                props["num_format"] = fmts[col]
            write_value(ws, top + 1 + i, col, value, formats, **props)
    return top + len(rows) + 2


def _widths(ws: Worksheet, widths: list[int]) -> None:
    for i, w in enumerate(widths):
        ws.set_column(i, i, w)


def write_xlsx(report: MonthlyReport, out: BinaryIO) -> None:
    """The month's report as an Excel workbook on ``out`` (the renderer contract, see
    desktop.core.renderers)."""
    wb = new_workbook(out)
    formats = Formats(wb)
    words = load_layout()
    sheets = words.sheets

    ws = wb.add_worksheet(sheets.indicators)
    write_text(ws, 0, 0, report.title, formats, bold=True, font_size=14)
    row = 1
    for label, value in header_pairs(report):
        write_text(ws, row, 0, label, formats, bold=True)
        write_text(ws, row, 1, value, formats)
        row += 1
    if report.is_zero:
        write_text(ws, row, 0, words.zero_mark, formats, bold=True)
        row += 1
    head_row = row + 1
    rows: list[list[object]] = []
    fmts: list[dict[int, str]] = []
    for r in report.indicators:
        rows.append([r.group, r.label, r.unit, _number(r.month, r.kind), _number(r.year, r.kind)])
        fmt = {MONEY: MONEY_FORMAT, MONEY_WAN: "#,##0.00", RATE: RATE_FORMAT}.get(r.kind, "0")
        fmts.append({3: fmt, 4: fmt})
    _table(ws, formats, head_row, INDICATOR_HEAD, rows, fmts)
    _widths(ws, [12, 34, 6, 16, 16])
    print_setup(ws, header_rows=(head_row, head_row), title=report.title)

    cats = wb.add_worksheet(sheets.categories)
    cat_rows: list[list[object]] = [
        [
            c.name,
            c.accepted_m,
            c.succeeded_m,
            c.unresolved_m,
            c.difficult_m,
            c.people_m,
            round(c.amount_m / 100, 2),
            c.accepted_y,
            c.succeeded_y,
            c.unresolved_y,
        ]
        for c in (*report.categories, report.category_total)
    ]
    _table(cats, formats, 0, CATEGORY_HEAD, cat_rows, [{6: MONEY_FORMAT}] * len(cat_rows))
    _widths(cats, [20, 9, 9, 9, 9, 10, 16, 9, 9, 9])
    print_setup(cats, header_rows=(0, 0), title=report.title)

    levels = wb.add_worksheet(sheets.levels)
    _table(
        levels,
        formats,
        0,
        LEVEL_HEAD,
        [
            [
                f"第{lv.number}级 {lv.name}",
                lv.resolved_m,
                lv.resolved_y,
                lv.escalated_in_m,
                lv.escalated_in_y,
            ]
            for lv in report.levels
        ],
    )
    _widths(levels, [34, 10, 10, 16, 16])
    print_setup(levels, header_rows=(0, 0), title=report.title)

    trend = wb.add_worksheet(sheets.trend)
    _table(trend, formats, 0, TREND_HEAD, [[m.label, a, s] for m, a, s in report.trend])
    _widths(trend, [14, 10, 10])
    print_setup(trend, header_rows=(0, 0), title=report.title)

    notes = wb.add_worksheet(sheets.notes)
    write_text(notes, 0, 0, sheets.narrative, formats, bold=True)
    narrative = report.narrative.strip() or words.no_narrative
    write_text(notes, 1, 0, narrative, formats, text_wrap=True, valign="top")
    write_text(notes, 3, 0, sheets.definitions, formats, bold=True)
    for i, note in enumerate(report.notes, start=1):
        write_text(notes, 3 + i, 0, f"{i}. {note}", formats, text_wrap=True)
    _widths(notes, [110])
    print_setup(notes, title=report.title)
    wb.close()
