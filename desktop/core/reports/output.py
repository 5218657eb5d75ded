"""The monthly report (月报) and the case register (台账) written to files: the report's
renderers keyed by format (one contract, see ``desktop.core.renderers``), each file written
atomically and, for the report, recorded in the documents table."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.errors import ValidationError
from desktop.core.fsutil import atomic_write_bytes
from desktop.core.renderers import Renderer, Writer, registry
from desktop.core.reports.model import MonthlyReport, build_report
from desktop.core.reports.period import Month

if TYPE_CHECKING:
    from desktop.core.store.store import Store


def _pdf() -> Writer[MonthlyReport]:
    from desktop.core.reports.pdf import write_pdf

    return write_pdf


def _docx() -> Writer[MonthlyReport]:
    from desktop.core.reports.docx import write_docx

    return write_docx


def _xlsx() -> Writer[MonthlyReport]:
    from desktop.core.reports.xlsx import write_xlsx

    return write_xlsx


RENDERERS: dict[str, Renderer[MonthlyReport]] = registry(
    Renderer("pdf", "PDF", _pdf),
    Renderer("docx", "Word", _docx),
    Renderer("xlsx", "Excel", _xlsx),
)
#: Format -> the name the mediator sees, in menu order.
FORMATS = {fmt: r.label for fmt, r in RENDERERS.items()}
REGISTER_FORMATS = {"xlsx": "Excel", "csv": "CSV"}
#: Said whenever a CSV 台账 is written. The CSV is UTF-8 with a BOM: Excel and WPS read the BOM
#: and open it right; LibreOffice's import ignores the BOM and takes the system's character set
#: (checked: ``soffice --headless --convert-to xlsx`` shows mojibake), so there the character
#: set has to be chosen by hand — or the .xlsx 台账, which every program opens right, is used.
CSV_NOTE = (
    "CSV 文件用 Excel 或 WPS 直接打开即可；用 LibreOffice 打开时请在导入窗口的“字符集”中选"
    "“Unicode (UTF-8)”，否则汉字会是乱码（导出 .xlsx 则哪种软件都能直接打开）。"
)


def monthly_form(month: Month | str) -> str:
    """The form name a written report is recorded under (the home page's deadline reads it)."""
    return f"monthly_report:{Month.parse(month).key}"


def renderer(fmt: str) -> Renderer[MonthlyReport]:
    """The report's renderer for ``fmt`` ("pdf", "docx", "xlsx"; case and a leading dot
    ignored). Raises ValidationError (field ``format``) for any other."""
    try:
        return RENDERERS[fmt.lower().lstrip(".")]
    except KeyError:
        raise ValidationError(
            f"月报只能保存为 PDF、Word（docx）或 Excel（xlsx），不支持“{fmt}”。", field="format"
        ) from None


def render_monthly(report: MonthlyReport, fmt: str) -> bytes:
    """The report as the bytes of a ``fmt`` file (see ``renderer``)."""
    return renderer(fmt).to_bytes(report)


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
    note it in the documents table as ``monthly_report:YYYY-MM``. Raises ValidationError for
    an unknown format; OSError when the file cannot be written."""
    fmt = fmt.lower().lstrip(".")
    chosen = renderer(fmt)
    report = build_report(
        store,
        month,
        committee_id=committee_id,
        narrative=narrative,
        filler=filler,
        reviewer=reviewer,
        filled_on=filled_on,
    )
    path = chosen.save(report, Path(path))
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
