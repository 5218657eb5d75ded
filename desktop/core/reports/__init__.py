"""Reports: the monthly report (月报) as PDF, Word or Excel, and the case register (台账) as Excel
or CSV. Pure functions over a Store; every file is written atomically."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.errors import ValidationError
from desktop.core.fsutil import atomic_write_bytes
from desktop.core.reports.entries import MonthlyEntry, get_entry, save_entry
from desktop.core.reports.model import MonthlyReport, build_report
from desktop.core.reports.period import Month

if TYPE_CHECKING:
    from desktop.core.store.store import Store

FORMATS = {"pdf": "PDF", "docx": "Word", "xlsx": "Excel"}
REGISTER_FORMATS = {"xlsx": "Excel", "csv": "CSV"}


def monthly_form(month: Month | str) -> str:
    """The form name a written report is recorded under (the home page's deadline reads it)."""
    return f"monthly_report:{Month.parse(month).key}"


def render_monthly(report: MonthlyReport, fmt: str) -> bytes:
    if fmt == "pdf":
        from desktop.core.reports.pdf import render_pdf

        return render_pdf(report)
    if fmt == "docx":
        from desktop.core.reports.docx_writer import render_docx

        return render_docx(report)
    if fmt == "xlsx":
        from desktop.core.reports.xlsx import render_xlsx

        return render_xlsx(report)
    raise ValidationError(
        f"月报只能保存为 PDF、Word（docx）或 Excel（xlsx），不支持“{fmt}”。", field="format"
    )


def write_monthly(
    store: Store,
    month: Month | str,
    fmt: str,
    path: Path,
    *,
    committee_id: str | None = None,
    narrative: str | None = None,
    filler: str | None = None,
    reviewer: str | None = None,
    filled_on: date | None = None,
    record: bool = True,
) -> Path:
    """Write the month's report to ``path`` (atomically) and, unless ``record`` is False,
    note it in the documents table as ``monthly_report:YYYY-MM``."""
    fmt = fmt.lower().lstrip(".")
    report = build_report(
        store,
        month,
        committee_id=committee_id,
        narrative=narrative,
        filler=filler,
        reviewer=reviewer,
        filled_on=filled_on,
    )
    data = render_monthly(report, fmt)
    path = atomic_write_bytes(Path(path), data)
    if record:
        store.files.record_document(None, monthly_form(report.month), fmt, path)
    return path


def write_register_xlsx(
    store: Store, path: Path, *, cases: Iterable[int] | None = None, mask: bool = False
) -> Path:
    """The 台账 as Excel: ``cases`` are case ids (all cases, oldest first, when None)."""
    from desktop.core.reports.register import register_xlsx_bytes

    return atomic_write_bytes(Path(path), register_xlsx_bytes(store, cases, mask=mask))


def write_register_csv(
    store: Store, path: Path, *, cases: Iterable[int] | None = None, mask: bool = False
) -> Path:
    """The 台账 as CSV in UTF-8 with BOM."""
    from desktop.core.reports.register import register_csv_bytes

    return atomic_write_bytes(Path(path), register_csv_bytes(store, cases, mask=mask))


__all__ = [
    "FORMATS",
    "REGISTER_FORMATS",
    "Month",
    "MonthlyEntry",
    "MonthlyReport",
    "build_report",
    "get_entry",
    "monthly_form",
    "render_monthly",
    "save_entry",
    "write_monthly",
    "write_register_csv",
    "write_register_xlsx",
]
