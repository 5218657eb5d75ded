"""The monthly report as an Excel workbook: the same tables as the PDF, as real numbers (money in
yuan with two decimals, rates in percent), no formulas, so any county sheet can take them."""

from __future__ import annotations

from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from desktop.core.reports.definitions import load_layout
from desktop.core.reports.model import MONEY, RATE, MonthlyReport
from desktop.core.reports.tables import (
    CATEGORY_HEAD,
    INDICATOR_HEAD,
    LEVEL_HEAD,
    TREND_HEAD,
    header_pairs,
)

FONT = "宋体"
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="E8EEF6")
MONEY_FORMAT = "#,##0.00"
RATE_FORMAT = "0.0"


def _number(value: int | float | None, kind: str) -> int | float | None:
    if value is None:
        return None
    return round(value / 100, 2) if kind == MONEY else value


def _table(
    ws: Worksheet,
    top: int,
    head: list[str],
    rows: list[list[object]],
    formats: dict[int, str] | None = None,
) -> int:
    """Write a bordered table at row ``top``; returns the next free row."""
    for col, text in enumerate(head, start=1):
        cell = ws.cell(top, col, text)
        cell.font = Font(name=FONT, bold=True)
        cell.fill = _HEAD_FILL
        cell.border = _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for r, row in enumerate(rows, start=top + 1):
        for col, value in enumerate(row, start=1):
            cell = ws.cell(r, col, value)
            cell.font = Font(name=FONT)
            cell.border = _BORDER
            fmt = (formats or {}).get(col)
            if fmt and isinstance(value, int | float):
                cell.number_format = fmt
    return top + len(rows) + 2


def _widths(ws: Worksheet, widths: list[int]) -> None:
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w


def write_xlsx(report: MonthlyReport, out: BinaryIO) -> None:
    """The month's report as an Excel workbook on ``out`` (the renderer contract, see
    desktop.core.renderers)."""
    wb = Workbook()
    ws = wb.active
    words = load_layout()
    sheets = words["sheets"]
    ws.title = sheets["indicators"]
    ws.cell(1, 1, report.title).font = Font(name=FONT, bold=True, size=14)
    row = 2
    for label, value in header_pairs(report):
        ws.cell(row, 1, label).font = Font(name=FONT, bold=True)
        ws.cell(row, 2, value).font = Font(name=FONT)
        row += 1
    if report.is_zero:
        ws.cell(row, 1, words["zero_mark"]).font = Font(name=FONT, bold=True)
        row += 1
    rows: list[list[object]] = []
    for r in report.indicators:
        rows.append([r.group, r.label, r.unit, _number(r.month, r.kind), _number(r.year, r.kind)])
    _table(ws, row + 1, INDICATOR_HEAD, rows)
    for offset, r in enumerate(report.indicators, start=row + 2):
        fmt = MONEY_FORMAT if r.kind == MONEY else (RATE_FORMAT if r.kind == RATE else "0")
        for col in (4, 5):
            ws.cell(offset, col).number_format = fmt
    _widths(ws, [12, 30, 6, 16, 16])

    cats = wb.create_sheet(sheets["categories"])
    cat_rows: list[list[object]] = [
        [
            c.name,
            c.accepted_m,
            c.succeeded_m,
            c.people_m,
            round(c.amount_m / 100, 2),
            c.accepted_y,
            c.succeeded_y,
        ]
        for c in (*report.categories, report.category_total)
    ]
    _table(cats, 1, CATEGORY_HEAD, cat_rows, {5: MONEY_FORMAT})
    _widths(cats, [20, 10, 10, 12, 18, 10, 10])

    levels = wb.create_sheet(sheets["levels"])
    _table(
        levels,
        1,
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

    trend = wb.create_sheet(sheets["trend"])
    _table(trend, 1, TREND_HEAD, [[m.label, a, s] for m, a, s in report.trend])
    _widths(trend, [14, 10, 10])

    notes = wb.create_sheet(sheets["notes"])
    notes.cell(1, 1, sheets["narrative"]).font = Font(name=FONT, bold=True)
    notes.cell(2, 1, report.narrative.strip() or words["no_narrative"]).alignment = Alignment(
        wrap_text=True
    )
    notes.cell(4, 1, sheets["definitions"]).font = Font(name=FONT, bold=True)
    for i, note in enumerate(report.notes, start=1):
        notes.cell(4 + i, 1, f"{i}. {note}").font = Font(name=FONT)
    _widths(notes, [120])
    for sheet in wb.worksheets:
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    wb.save(out)
