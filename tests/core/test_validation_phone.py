"""Phones: every accepted spelling normalises to one stored form, which is itself accepted
unchanged; refusals explain both forms; masks hide the middle."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.errors import ValidationError
from desktop.core.validation import check_phone, mask_phone


@pytest.mark.parametrize(
    ("raw", "norm"),
    [
        ("13812345678", "13812345678"),
        ("138 1234 5678", "13812345678"),
        ("138-1234-5678", "13812345678"),
        ("+86 138-1234-5678", "13812345678"),
        ("+8613812345678", "13812345678"),
        ("0086 13812345678", "13812345678"),
        ("8613812345678", "13812345678"),
        ("１３８１２３４５６７８", "13812345678"),
        ("19912345678", "19912345678"),
        ("0573-85123456", "0573-85123456"),
        ("(0573)85123456", "0573-85123456"),
        ("（0573）85123456", "0573-85123456"),
        ("0573 8512 3456", "0573-85123456"),
        ("057385123456", "0573-85123456"),
        ("0573-85123456转123", "0573-85123456-123"),
        ("0573-85123456-123", "0573-85123456-123"),
        ("(0573)85123456-123", "0573-85123456-123"),
        ("057385123456转8", "0573-85123456-8"),
        ("0573-85123456分机12", "0573-85123456-12"),
        ("010-12345678", "010-12345678"),
        ("01012345678", "010-12345678"),
        ("(010)1234567", "010-1234567"),
        ("02112345678", "021-12345678"),
        ("0931-1234567", "0931-1234567"),
        ("+86-573-85123456", "0573-85123456"),
        ("+86 10 12345678", "010-12345678"),
    ],
)
def test_accepted_spellings_normalised(raw: str, norm: str) -> None:
    assert check_phone(raw) == norm
    assert check_phone(norm) == norm


@pytest.mark.parametrize(
    "raw",
    [
        "1381234567",  # 10 digits
        "138123456789",  # 12 digits
        "12812345678",  # second digit 2
        "23812345678",  # not 1 at the start, not a landline
        "85123456",  # no area code
        "0573-851234",  # local part 6 digits
        "0573-851234567",  # local part 9 digits
        "05738-5123456",  # area code 5 digits
        "0573-85123456转12a",  # extension not digits
        "0573-85123456-1234567",  # extension too long
        "电话",
        "138abcd5678",
    ],
)
def test_bad_phones_refused_with_both_forms_explained(raw: str) -> None:
    with pytest.raises(ValidationError) as err:
        check_phone(raw)
    message = err.value.message
    assert raw in message
    assert "手机号应为 1 开头的 11 位数字" in message and "座机请带区号" in message
    assert err.value.field == "phone"


def test_empty_phone_refused() -> None:
    with pytest.raises(ValidationError, match="没有填写电话号码") as err:
        check_phone("   ", field="contact_phone")
    assert err.value.field == "contact_phone"


def test_mask_examples() -> None:
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("0573-85123456") == "*********3456"
    assert mask_phone("123") == "***"
    assert mask_phone("") == ""


mobiles = st.builds(
    lambda second, rest: f"1{second}{rest:09d}",
    st.sampled_from("3456789"),
    st.integers(0, 10**9 - 1),
)


@st.composite
def mobile_spellings(draw: st.DrawFn) -> tuple[str, str]:
    number = draw(mobiles)
    prefix = draw(st.sampled_from(["", "+86", "+86 ", "0086", "0086-", "86"]))
    sep = draw(st.sampled_from(["", " ", "-"]))
    return prefix + sep.join([number[:3], number[3:7], number[7:]]), number


@given(mobile_spellings())
def test_mobiles_round_trip(case: tuple[str, str]) -> None:
    spelled, number = case
    assert check_phone(spelled) == number
    assert check_phone(number) == number
    assert mask_phone(number) == number[:3] + "****" + number[-4:]


area_codes = st.one_of(
    st.just("010"),
    st.integers(0, 9).map(lambda d: f"02{d}"),
    st.builds(lambda a, b: f"0{a}{b:02d}", st.integers(3, 9), st.integers(0, 99)),
)


@st.composite
def landline_spellings(draw: st.DrawFn) -> tuple[str, str]:
    area = draw(area_codes)
    local = draw(st.from_regex(r"\A[2-8][0-9]{6,7}\Z"))
    ext = draw(st.one_of(st.just(""), st.from_regex(r"\A[0-9]{1,4}\Z")))
    body = draw(
        st.sampled_from(
            [
                f"{area}-{local}",
                f"({area}){local}",
                f"{area}{local}",
                f"{area} {local}",
                f"（{area}）{local}",
            ]
        )
    )
    if ext:
        body += draw(st.sampled_from(["转", "-", "分机"])) + ext
    return body, f"{area}-{local}" + (f"-{ext}" if ext else "")


@given(landline_spellings())
def test_landlines_round_trip(case: tuple[str, str]) -> None:
    spelled, norm = case
    assert check_phone(spelled) == norm
    assert check_phone(norm) == norm
    assert mask_phone(norm).endswith(norm[-4:]) and len(mask_phone(norm)) == len(norm)


@given(st.text(max_size=20))
def test_anything_is_either_normalised_or_refused_in_chinese(text: str) -> None:
    try:
        norm = check_phone(text)
    except ValidationError as err:
        assert "电话号码" in err.message
    else:
        assert check_phone(norm) == norm
