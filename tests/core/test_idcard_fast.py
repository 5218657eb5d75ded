"""The ASCII fast path of the ID-number check of received packages gives exactly the answers of
the full check (issue 10: 2 checks per imported case): generated numbers, valid and broken in
every way the full check refuses (length, shape, province, foreign/HMT prefixes, dates, 1900
and 2200 edges, check digit, lower-case x, spaces, hyphens, full-width digits)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.errors import ValidationError
from desktop.core.exchange import schema
from desktop.core.validation.idcard import (
    PROVINCES,
    check_id_number,
    id_check_digit,
    is_plain_valid_resident,
)

LATEST = date(2200, 12, 31)


def full_check(text: str) -> bool:
    try:
        check_id_number(text, today=LATEST)
    except ValidationError:
        return False
    return True


def valid_numbers() -> st.SearchStrategy[str]:
    prefixes = st.sampled_from(sorted(f"{p:02d}" for p in PROVINCES) + ["81", "82", "83", "91"])
    born = st.dates(date(1890, 1, 1), date(2210, 12, 31))
    # The 8 date digits also as impossible dates (month 13, day 31 of a short month).
    raw_date = st.builds(
        lambda y, m, d: f"{y:04d}{m:02d}{d:02d}",
        st.integers(1899, 2201),
        st.integers(0, 13),
        st.integers(0, 32),
    )
    date_text = st.one_of(born.map(lambda d: d.strftime("%Y%m%d")), raw_date)
    return st.builds(
        lambda p, area, d, seq: p + area + d + seq,
        prefixes,
        st.from_regex(r"[0-9]{4}", fullmatch=True),
        date_text,
        st.from_regex(r"[0-9]{3}", fullmatch=True),
    ).map(lambda first17: first17 + id_check_digit(first17))


def variants(number: str, how: int, pos: int, ch: str) -> str:
    pos %= len(number)
    if how == 0:
        return number
    if how == 1:  # one character replaced
        return number[:pos] + ch + number[pos + 1 :]
    if how == 2:  # one character inserted
        return number[:pos] + ch + number[pos:]
    if how == 3:  # one character dropped
        return number[:pos] + number[pos + 1 :]
    return number.lower()


@settings(max_examples=300, deadline=None)
@given(
    number=valid_numbers(),
    how=st.integers(0, 4),
    pos=st.integers(0, 40),
    ch=st.sampled_from(list("0123456789Xx -\u00a0\u200b０Ｘ*a")),
)
def test_the_fast_path_answers_as_the_full_check(number: str, how: int, pos: int, ch: str) -> None:
    text = variants(number, how, pos, ch)
    full = full_check(text)
    if is_plain_valid_resident(text, LATEST):
        assert full, text
    if "*" not in text:
        assert schema._id_number(text) == full, text


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet="0123456789Xx -１Ｘ\u200b", max_size=22))
def test_any_text_gets_the_full_checks_answer(text: str) -> None:
    if "*" not in text:
        assert schema._id_number(text) == (text == "" or full_check(text))


def test_the_edges_of_the_birth_dates() -> None:
    for born in (date(1900, 1, 1), date(1899, 12, 31), LATEST, LATEST + timedelta(days=1)):
        first17 = "330482" + born.strftime("%Y%m%d") + "123"
        number = first17 + id_check_digit(first17)
        assert (
            schema._id_number(number)
            == full_check(number)
            == (born <= LATEST and born.year >= 1900)
        )
