"""Report months as people type them, and the ranges a figure is counted over."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


@pytest.mark.parametrize("text", ["26-10", "十月", ""])
def test_unreadable_refused_with_an_example(text: str) -> None:
    with pytest.raises(ValidationError, match="看不懂.*2026-10"):
        Month.parse(text)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2026-13", "不存在：月份只能是 1 到 12"),
        ("2026-00", "不存在：月份只能是 1 到 12"),
        ("1999-01", "超出了可以统计的范围（2000 年到 2100 年）"),
        ("2101年1月", "超出了可以统计的范围"),
    ],
)
def test_read_but_out_of_range_names_the_real_reason(text: str, reason: str) -> None:
    with pytest.raises(ValidationError) as err:
        Month.parse(text)
    assert reason in err.value.message and "看不懂" not in err.value.message


@given(st.integers(0, 9999), st.integers(0, 99))
@settings(max_examples=80, deadline=None)
def test_every_read_month_is_valid_or_refused_for_its_real_reason(year: int, month: int) -> None:
    text = f"{year:04d}-{month:02d}"
    full = text.translate(str.maketrans("0123456789-", "０１２３４５６７８９－"))
    for typed in (text, full):
        try:
            m = Month.parse(typed)
        except ValidationError as err:
            assert "看不懂" not in err.message
            assert ("不存在" in err.message) == (not 1 <= month <= 12)
        else:
            assert (m.year, m.month) == (year, month)


def test_leap_february_and_trailing_year() -> None:
    assert Month(2028, 2).last == date(2028, 2, 29)
    trail = Month(2026, 2).trailing(12)
    assert [m.key for m in (trail[0], trail[1], trail[-1])] == ["2025-03", "2025-04", "2026-02"]
    assert Month(2026, 1).shift(-1) == Month(2025, 12) and Month(2025, 12).shift(1) == Month(
        2026, 1
    )


DAY_FORMS = (
    "{y}-{m:02d}-{d:02d}",
    "{y}-{m}-{d}",
    "{y}/{m}/{d}",
    "{y}.{m:02d}.{d:02d}",
    "{y}年{m}月{d}日",
    "{y}年{m}月{d}号",
    " {y} 年 {m} 月 {d} 日 ",
    "{y}{m:02d}{d:02d}",
)


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)),
    st.sampled_from(DAY_FORMS),
    st.booleans(),
)
@settings(max_examples=80, deadline=None)
def test_a_date_typed_for_a_month_is_told_to_write_only_year_and_month(
    day: date, form: str, full_width: bool
) -> None:
    text = form.format(y=day.year, m=day.month, d=day.day)
    if full_width:
        text = text.translate(str.maketrans("0123456789-/.", "０１２３４５６７８９－／．"))
    with pytest.raises(ValidationError) as err:
        Month.parse(text)
    assert "只写年和月" in err.value.message and "看不懂" not in err.value.message


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)),
    st.integers(2000, 2100),
    st.integers(1, 12),
)
@settings(max_examples=80, deadline=None)
def test_a_month_not_yet_begun_is_refused_and_a_begun_one_kept(
    today: date, year: int, month: int
) -> None:
    m = Month(year, month)
    if (year, month) <= (today.year, today.month):
        assert m.begun_by(today) == m
    else:
        with pytest.raises(ValidationError) as err:
            m.begun_by(today)
        assert "还没有到" in err.value.message and m.label in err.value.message
