"""Dates as the mediator writes them, shown as 2026年3月5日, and the check that one date does
not come before another.

Accepted spellings (after full-width characters are made half-width and spaces dropped):
2026-03-05, 2026/3/5, 2026.3.5, 2026、3、5, 20260305, 2026年3月5日 (日 or 号 or nothing at the
end), the same with Chinese numerals (二〇二六年三月五日), and a month and day alone (3月5日,
3-5, 3/5, 3.5), which mean that day of the current year."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

from desktop.core.errors import ValidationError

_SEP = r"[-/.、]"
_FULL = (
    re.compile(rf"^(\d{{4}}){_SEP}(\d{{1,2}}){_SEP}(\d{{1,2}})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)
_MONTH_DAY = (
    re.compile(rf"^(\d{{1,2}}){_SEP}(\d{{1,2}})$"),
    re.compile(r"^(\d{1,2})月(\d{1,2})[日号]?$"),
)
_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4}
_CN_DIGITS |= {"五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_NUMBER = re.compile(r"[〇○零一二三四五六七八九十]+")
WEEKDAYS = "一二三四五六日"


def format_cn_date(d: date) -> str:
    """2026-03-05 -> "2026年3月5日", as documents print it (no leading zeros)."""
    return f"{d.year}年{d.month}月{d.day}日"


def format_cn_weekday(d: date) -> str:
    """2026-03-05 -> "2026年3月5日（星期四）", the confirmation shown beside a date field."""
    return f"{format_cn_date(d)}（星期{WEEKDAYS[d.weekday()]}）"


def _cn_number(m: re.Match[str]) -> str:
    """二〇二六 -> 2026 (digit by digit, as years are written); 十二 -> 12, 二十五 -> 25."""
    text = m[0]
    if "十" not in text:
        return "".join(str(_CN_DIGITS[ch]) for ch in text)
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1 or "十" in ones:
        return text  # not a month or day number: left for the refusal
    return str((_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0))


def normalise_date_text(text: str) -> str:
    """Full-width digits and separators made half-width, spaces dropped, Chinese numerals in
    a 年月日 date turned into digits: the text the patterns are matched against."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    text = text.replace("．", ".").replace("。", ".")
    if any(ch in text for ch in "年月"):
        text = _CN_NUMBER.sub(_cn_number, text)
    return text


def parse_date(value: str | date, *, field: str | None = None, today: date | None = None) -> date:
    """A date as typed -> date. A month and day alone (3月5日) is that day of ``today``'s year
    (``date.today()`` when not given). Raises ValidationError (naming ``field``) for text that
    is not one of the spellings in the module docstring, or a day that does not exist."""
    if isinstance(value, datetime):
        # A datetime is a date subclass; comparing one with a plain date raises TypeError.
        return value.date()
    if isinstance(value, date):
        return value
    shown = str(value).strip()
    text = normalise_date_text(shown)
    parts: tuple[int, int, int] | None = None
    for pattern in _FULL:
        m = pattern.match(text)
        if m:
            parts = (int(m[1]), int(m[2]), int(m[3]))
            break
    else:
        for pattern in _MONTH_DAY:
            m = pattern.match(text)
            if m:
                year = (today or date.today()).year
                parts = (year, int(m[1]), int(m[2]))
                break
    if parts is not None:
        try:
            return date(*parts)
        except ValueError:
            raise ValidationError(
                f"没有“{shown}”这一天，请核对（写法如 2026-03-05 或 2026年3月5日）。",
                field=field,
            ) from None
    raise ValidationError(
        f"看不懂日期“{shown}”，请写成 2026-03-05 或 2026年3月5日 这样。", field=field
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


def check_not_after_today(day: date, label: str, today: date, *, field: str | None = None) -> None:
    """Refuse ``day`` after ``today`` for a date of something that has happened (受理, 调解,
    协议, 回访, 归档, 上报…): a mistyped year (2099) or month would otherwise count days from
    a future that never comes."""
    if day > today:
        raise ValidationError(
            f"{label}（{format_cn_date(day)}）晚于今天（{format_cn_date(today)}），"
            "记的是已经发生的事，请核对日期。",
            field=field,
        )


def check_not_before(day: date, label: str, earliest: date, *, field: str | None = None) -> None:
    """Refuse a day of the case's handling before ``earliest`` (a year like 1900 or 0226 is a
    slip of the keyboard)."""
    if day < earliest:
        raise ValidationError(
            f"{label}（{format_cn_date(day)}）早于{format_cn_date(earliest)}，"
            "不像本案办理的日期，请核对年份。",
            field=field,
        )
