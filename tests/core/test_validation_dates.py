"""Dates: the spellings mediators type, the Chinese display, and the order check whose
message names both dates."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from builders import spellings_of
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.errors import ValidationError
from desktop.core.validation import check_date_order, format_cn_date, parse_date

MARCH_5 = date(2026, 3, 5)


@pytest.mark.parametrize(
    "raw",
    [
        "2026-03-05",
        "2026-3-5",
        "2026/3/5",
        "2026/03/05",
        "2026.3.5",
        "20260305",
        " 2026-03-05 ",
        "2026年3月5日",
        "2026年03月05日",
        "2026年3月5",
        "2026 年 3 月 5 日",
        "２０２６年３月５日",
        "２０２６－０３－０５",
    ],
)
def test_parse_accepted_spellings(raw: str) -> None:
    assert parse_date(raw) == MARCH_5


def test_parse_passes_dates_through_and_drops_the_time() -> None:
    assert parse_date(MARCH_5) is MARCH_5
    parsed = parse_date(datetime(2026, 3, 5, 14, 30))
    assert parsed == MARCH_5 and type(parsed) is date


@pytest.mark.parametrize(
    "raw",
    [
        "2026-02-30",  # no such day
        "2026-13-01",  # no such month
        "20260230",
        "2026年2月29日",  # 2026 is not a leap year
        "昨天",
        "3/5/2026",
        "26-3-5",
        "2026-03",
        "2026-03-05 10:00",
        "",
    ],
)
def test_bad_dates_refused_with_an_example(raw: str) -> None:
    with pytest.raises(ValidationError) as err:
        parse_date(raw, field="accepted_on")
    message = err.value.message
    assert (
        ("看不懂" in message or "这一天" in message)
        and "2026-03-05" in message
        and "2026年3月5日" in message
    )
    assert f"“{raw.strip()}”" in message
    assert err.value.field == "accepted_on"


def test_leap_day_accepted() -> None:
    assert parse_date("2028年2月29日") == date(2028, 2, 29)


@pytest.mark.parametrize(
    ("d", "shown"),
    [
        (MARCH_5, "2026年3月5日"),
        (date(2026, 12, 31), "2026年12月31日"),
        (date(1900, 1, 1), "1900年1月1日"),
    ],
)
def test_format_cn_date(d: date, shown: str) -> None:
    assert format_cn_date(d) == shown


def test_date_order_message_names_both_dates() -> None:
    with pytest.raises(ValidationError) as err:
        check_date_order(
            date(2026, 3, 5), date(2026, 3, 1), "受理日期", "协议日期", field="agreement_on"
        )
    assert err.value.message == "协议日期（2026年3月1日）早于受理日期（2026年3月5日），请核对日期。"
    assert err.value.field == "agreement_on"


def test_date_order_allows_same_day_later_and_missing() -> None:
    check_date_order(MARCH_5, MARCH_5, "受理日期", "协议日期")
    check_date_order(MARCH_5, date(2026, 3, 6), "受理日期", "协议日期")
    check_date_order(None, MARCH_5, "受理日期", "协议日期")
    check_date_order(MARCH_5, None, "受理日期", "协议日期")
    check_date_order(None, None, "受理日期", "协议日期")


def test_date_order_field_defaults_to_none() -> None:
    with pytest.raises(ValidationError) as err:
        check_date_order(date(2026, 3, 5), date(2026, 3, 4), "申请日期", "回访日期")
    assert err.value.field is None and "回访日期（2026年3月4日）早于申请日期" in err.value.message


dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


@given(dates)
def test_every_spelling_round_trips(d: date) -> None:
    spellings = (
        format_cn_date(d),
        d.isoformat(),
        d.strftime("%Y%m%d"),
        f"{d.year}/{d.month}/{d.day}",
        f"{d.year}.{d.month:02d}.{d.day:02d}",
    )
    for text in spellings:
        assert parse_date(text) == d


@given(dates, st.integers(0, 4000))
def test_order_holds_exactly_when_later_is_not_before(d: date, k: int) -> None:
    check_date_order(d, d + timedelta(days=k), "甲", "乙")
    if k:
        with pytest.raises(ValidationError, match=f"乙（{format_cn_date(d)}）早于甲"):
            check_date_order(d + timedelta(days=k), d, "甲", "乙")


@given(st.text(max_size=15))
def test_anything_is_a_date_or_a_chinese_refusal(text: str) -> None:
    try:
        parsed = parse_date(text)
    except ValidationError as err:
        assert "看不懂" in err.message or "这一天" in err.message
    else:
        assert parse_date(format_cn_date(parsed)) == parsed


@given(dates)
def test_every_common_spelling_reads(d: date) -> None:
    for text in spellings_of(d):
        assert parse_date(text) == d, text


@given(dates, st.integers(1900, 2100))
def test_month_and_day_alone_mean_this_year(d: date, year: int) -> None:
    try:
        expected = d.replace(year=year)
    except ValueError:  # 2月29日 in a common year
        with pytest.raises(ValidationError, match="这一天"):
            parse_date(f"{d.month}月{d.day}日", today=date(year, 6, 1))
        return
    for text in (f"{d.month}月{d.day}日", f"{d.month}-{d.day}", f"{d.month:02d}/{d.day:02d}"):
        assert parse_date(text, today=date(year, 6, 1)) == expected, text


def test_chinese_numeral_dates() -> None:
    assert parse_date("二〇二六年十月十二日") == date(2026, 10, 12)
    assert parse_date("二〇二六年三月二十五日") == date(2026, 3, 25)
    assert parse_date("十月十二日", today=date(2026, 1, 1)) == date(2026, 10, 12)
