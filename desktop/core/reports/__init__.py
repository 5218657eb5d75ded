"""Reports: the monthly report (月报) as PDF, Word or Excel, and the case register (台账) as Excel
or CSV. Pure functions over a Store; every file is written atomically.

This face only re-exports: the writers (reportlab, python-docx, openpyxl) load on first use."""

from desktop.core.reports.entries import MonthlyEntry, get_entry, save_entry
from desktop.core.reports.model import MonthlyReport, build_report
from desktop.core.reports.output import (
    FORMATS,
    REGISTER_FORMATS,
    RENDERERS,
    monthly_form,
    render_monthly,
    renderer,
    write_monthly,
    write_register_csv,
    write_register_xlsx,
)
from desktop.core.reports.period import Month

__all__ = [
    "FORMATS",
    "REGISTER_FORMATS",
    "RENDERERS",
    "Month",
    "MonthlyEntry",
    "MonthlyReport",
    "build_report",
    "get_entry",
    "monthly_form",
    "render_monthly",
    "renderer",
    "save_entry",
    "write_monthly",
    "write_register_csv",
    "write_register_xlsx",
]
