"""Report months: parse "2026-10" (and the Chinese forms people type), and the date ranges a
figure is counted over (the month, and 1 January to the month's end)."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from desktop.core.errors import ValidationError

_MONTH = re.compile(r"^\s*(\d{4})\s*(?:-|/|\.|年)\s*(\d{1,2})\s*月?\s*$")
# A whole date where a month was asked for (2026-10-01, 2026年10月1日, 2026/10/1, 20261001).
_DAY = re.compile(
    r"^\s*\d{4}\s*(?:-|/|\.|年)\s*\d{1,2}\s*(?:-|/|\.|月)\s*\d{1,2}\s*[日号]?\s*$"
    r"|^\s*\d{8}\s*$"
)
# Chinese input methods often leave full-width digits and separators in the text.
_FULL_WIDTH = str.maketrans("０１２３４５６７８９－／．　", "0123456789-/. ")
#: Years a report can be made for: the product counts cases from 2000 on.
FIRST_YEAR, LAST_YEAR = 2000, 2100


@dataclass(frozen=True, slots=True, order=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str | Month | date) -> Month:
        if isinstance(text, Month):
            return text
        if isinstance(text, date):
            return cls(text.year, text.month)
        m = _MONTH.match(str(text).translate(_FULL_WIDTH))
        if not m:
            if _DAY.match(str(text).translate(_FULL_WIDTH)):
                raise ValidationError(
                    f"“{text}”是一个日期，这里要的是月份：只写年和月，例如 2026-10。",
                    field="month",
                )
            raise ValidationError(
                f"月份“{text}”看不懂，请写成 2026-10 这样的年-月。", field="month"
            )
        year, month = int(m.group(1)), int(m.group(2))
        # Read, but not a month that can be reported: say which part is wrong.
        if not 1 <= month <= 12:
            raise ValidationError(
                f"月份“{text}”不存在：月份只能是 1 到 12，请核对。", field="month"
            )
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise ValidationError(
                f"月份“{text}”超出了可以统计的范围"
                f"（{FIRST_YEAR} 年到 {LAST_YEAR} 年），请核对年份。",
                field="month",
            )
        return cls(year, month)

    def begun_by(self, today: date) -> Month:
        """This month when it has begun by ``today``; a later month has no cases to count yet
        (a mistyped year, 2100-12 for 2010-12), so it is refused (ValidationError) rather
        than printed as an empty report."""
        if self > Month.parse(today):
            raise ValidationError(
                f"{self.label}还没有到（今天是 {today.year}年{today.month}月{today.day}日），"
                "还没有可以统计的案件：请核对年份和月份。",
                field="month",
            )
        return self

    @property
    def key(self) -> str:
        return f"{self.year}-{self.month:02d}"

    @property
    def label(self) -> str:
        return f"{self.year}年{self.month}月"

    @property
    def first(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last(self) -> date:
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def year_start(self) -> date:
        return date(self.year, 1, 1)

    def shift(self, months: int) -> Month:
        index = self.year * 12 + (self.month - 1) + months
        return Month(index // 12, index % 12 + 1)

    def trailing(self, count: int = 12) -> tuple[Month, ...]:
        """The ``count`` months ending with this one, oldest first."""
        return tuple(self.shift(i) for i in range(-(count - 1), 1))

    def __str__(self) -> str:
        return self.key
