"""Dates as the mediator writes them (2026-03-05, 2026/3/5, 2026年3月5日, 20260305), shown
as 2026年3月5日, and the check that one date does not come before another."""

from __future__ import annotations

import re
from datetime import date, datetime

from desktop.core.errors import ValidationError

_PATTERNS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)
# Chinese input methods often leave full-width digits and separators in the text.
_FULL_WIDTH = str.maketrans("０１２３４５６７８９－／．", "0123456789-/.")


def format_cn_date(d: date) -> str:
    """2026-03-05 -> "2026年3月5日", as documents print it (no leading zeros)."""
    return f"{d.year}年{d.month}月{d.day}日"


def parse_date(value: str | date, *, field: str | None = None) -> date:
    """A date as typed -> date; refuse text that is not one of the known spellings."""
    if isinstance(value, datetime):
        # A datetime is a date subclass; comparing one with a plain date raises TypeError.
        return value.date()
    if isinstance(value, date):
        return value
    shown = str(value).strip()
    text = re.sub(r"\s+", "", shown.translate(_FULL_WIDTH))
    for pattern in _PATTERNS:
        m = pattern.match(text)
        if m:
            try:
                return date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                break
    raise ValidationError(
        f"日期“{shown}”看不懂或不存在，请写成 2026-03-05 或 2026年3月5日 这样。", field=field
    )


def check_date_order(
    earlier: date | None,
    later: date | None,
    earlier_label: str,
    later_label: str,
    *,
    field: str | None = None,
) -> None:
    """Refuse when ``later`` comes before ``earlier``; a missing date is not checked yet."""
    if earlier is None or later is None or later >= earlier:
        return
    shown_later, shown_earlier = format_cn_date(later), format_cn_date(earlier)
    raise ValidationError(
        f"{later_label}（{shown_later}）早于{earlier_label}（{shown_earlier}），请核对日期。",
        field=field,
    )
