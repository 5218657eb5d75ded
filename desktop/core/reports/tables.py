"""The report's tables as rows of printed text, shared by the PDF, Word and the window's
preview (Excel writes the same rows as numbers)."""

from __future__ import annotations

from desktop.core.reports.definitions import load_layout
from desktop.core.reports.model import MonthlyReport, display
from desktop.core.validation.dates import format_cn_date
from desktop.core.validation.money import format_yuan

_HEADERS = load_layout().headers
INDICATOR_HEAD: list[str] = list(_HEADERS.indicators)
CATEGORY_HEAD: list[str] = list(_HEADERS.categories)
LEVEL_HEAD: list[str] = list(_HEADERS.levels)
TREND_HEAD: list[str] = list(_HEADERS.trend)


def header_pairs(report: MonthlyReport) -> list[tuple[str, str]]:
    values = (
        report.committee_name,
        report.region or "—",
        report.month.label,
        format_cn_date(report.filled_on),
        report.filler or "—",
        report.reviewer or "—",
    )
    return list(zip(_HEADERS.header_labels, values, strict=True))


def indicator_table(report: MonthlyReport) -> tuple[list[list[str]], list[tuple[int, int]]]:
    """Rows (with the heading) and the row spans of each group's first column."""
    rows = [INDICATOR_HEAD]
    spans: list[tuple[int, int]] = []
    previous = ""
    for r in report.indicators:
        group = r.group if r.group != previous else ""
        if r.group != previous:
            spans.append((len(rows), len(rows)))
            previous = r.group
        else:
            spans[-1] = (spans[-1][0], len(rows))
        rows.append([group, r.label, r.unit, display(r.month, r.kind), display(r.year, r.kind)])
    return rows, [s for s in spans if s[1] > s[0]]


def category_table(report: MonthlyReport) -> list[list[str]]:
    rows = [CATEGORY_HEAD]
    for c in (*report.categories, report.category_total):
        rows.append(
            [
                c.name,
                str(c.accepted_m),
                str(c.succeeded_m),
                str(c.unresolved_m),
                str(c.difficult_m),
                str(c.people_m),
                format_yuan(c.amount_m),
                str(c.accepted_y),
                str(c.succeeded_y),
                str(c.unresolved_y),
            ]
        )
    return rows


def level_table(report: MonthlyReport) -> list[list[str]]:
    rows = [LEVEL_HEAD]
    for lv in report.levels:
        rows.append(
            [
                f"第{lv.number}级 {lv.name}",
                str(lv.resolved_m),
                str(lv.resolved_y),
                str(lv.escalated_in_m),
                str(lv.escalated_in_y),
            ]
        )
    return rows
