"""The report's tables as rows of printed text, shared by the PDF, Word and the window's
preview (Excel writes the same rows as numbers)."""

from __future__ import annotations

from desktop.core.reports.model import MonthlyReport, display
from desktop.core.validation.dates import format_cn_date
from desktop.core.validation.money import format_yuan

INDICATOR_HEAD = ["类别", "指标", "单位", "本月", "本年累计"]
CATEGORY_HEAD = ["纠纷类型", "本月受理", "本月成功", "本月涉及人数", "本月涉及金额（元）", "本年受理",
                 "本年成功"]
LEVEL_HEAD = ["层级", "本月化解", "本年化解", "本月上报至此级", "本年上报至此级"]


def header_pairs(report: MonthlyReport) -> list[tuple[str, str]]:
    return [("填报单位", report.committee_name), ("所属地区", report.region or "—"),
            ("报告月份", report.month.label), ("填报日期", format_cn_date(report.filled_on)),
            ("填报人", report.filler or "—"), ("审核人", report.reviewer or "—")]


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
        rows.append([c.name, str(c.accepted_m), str(c.succeeded_m), str(c.people_m),
                     format_yuan(c.amount_m), str(c.accepted_y), str(c.succeeded_y)])
    return rows


def level_table(report: MonthlyReport) -> list[list[str]]:
    rows = [LEVEL_HEAD]
    for lv in report.levels:
        rows.append([f"第{lv.number}级 {lv.name}", str(lv.resolved_m), str(lv.resolved_y),
                     str(lv.escalated_in_m), str(lv.escalated_in_y)])
    return rows
