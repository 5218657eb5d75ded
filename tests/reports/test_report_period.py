"""Report months as people type them, and the ranges a figure is counted over."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.core.errors import ValidationError
from desktop.core.reports.period import Month


@pytest.mark.parametrize(
    "text", ["2026-02", "2026-2", "2026/02", "2026.2", "2026年2月", " 2026 年 2 月 "]
)
def test_the_forms_people_type(text: str) -> None:
    m = Month.parse(text)
    assert (m.key, m.label) == ("2026-02", "2026年2月")
    assert (m.first, m.last, m.year_start) == (
        date(2026, 2, 1),
        date(2026, 2, 28),
        date(2026, 1, 1),
    )


@pytest.mark.parametrize(
    "text", ["2026-13", "2026-00", "26-10", "十月", "", "2026-10-01", "1999-12"]
)
def test_refused_with_an_example(text: str) -> None:
    with pytest.raises(ValidationError, match="2026-10"):
        Month.parse(text)


def test_leap_february_and_trailing_year() -> None:
    assert Month(2028, 2).last == date(2028, 2, 29)
    trail = Month(2026, 2).trailing(12)
    assert [m.key for m in (trail[0], trail[1], trail[-1])] == ["2025-03", "2025-04", "2026-02"]
    assert Month(2026, 1).shift(-1) == Month(2025, 12) and Month(2025, 12).shift(1) == Month(
        2026, 1
    )
