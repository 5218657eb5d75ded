"""Dates as the mediator writes them, and their order."""

from __future__ import annotations

import re
from datetime import date

from desktop.core.errors import ValidationError

_PATTERNS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)


def format_cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def parse_date(value: str | date, *, field: str | None = None) -> date:
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for pattern in _PATTERNS:
        m = pattern.match(text)
        if m:
            try:
                return date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                break
    raise ValidationError(
        f"日期“{text}”看不懂或不存在，请写成 2026-03-05 或 2026年3月5日 这样。", field=field
    )


def check_date_order(
    earlier: date | None,
    later: date | None,
    earlier_label: str,
    later_label: str,
    *,
    field: str | None = None,
) -> None:
    if earlier is None or later is None or later >= earlier:
        return
    raise ValidationError(
        f"{later_label}（{format_cn_date(later)}）早于{earlier_label}（{format_cn_date(earlier)}），请核对日期。",
        field=field,
    )
