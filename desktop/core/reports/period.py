"""Report months: parse "2026-10" (and the Chinese forms people type), and the date ranges a
figure is counted over (the month, and 1 January to the month's end)."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from desktop.core.errors import ValidationError

_MONTH = re.compile(r"^\s*(\d{4})\s*(?:-|/|\.|年)\s*(\d{1,2})\s*月?\s*$")


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
        m = _MONTH.match(str(text))
        if not m or not 1 <= int(m.group(2)) <= 12 or not 2000 <= int(m.group(1)) <= 2100:
            raise ValidationError(
                f"月份“{text}”看不懂，请写成 2026-10 这样的年-月。", field="month"
            )
        return cls(int(m.group(1)), int(m.group(2)))

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
