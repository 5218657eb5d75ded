"""居民身份证号: hand-checked check digits, every refusal with its reason, and properties
(any valid number passes, any other last character or any single changed digit fails)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.errors import ValidationError
from desktop.core.validation import IdNumberInfo, check_id_number, id_check_digit, mask_id_number
from desktop.core.validation.idcard import PROVINCES

TODAY = date(2026, 3, 5)
LISTED = [
    11,
    12,
    13,
    14,
    15,
    21,
    22,
    23,
    31,
    32,
    33,
    34,
    35,
    36,
    37,
    41,
    42,
    43,
    44,
    45,
    46,
    50,
    51,
    52,
    53,
    54,
    61,
    62,
    63,
    64,
    65,
    71,
    81,
    82,
    83,
]


def test_check_digits_by_hand() -> None:
    # Weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, then "10X98765432"[sum % 11].
    # 44052418800101001 (the example in GB 11643): 28+36+0+25+16+16+2+8+48+0+0+9+0+5+0+0+2
    # = 195; 195 % 11 = 8 -> "4".
    assert id_check_digit("44052418800101001") == "4"
    # 11010519491231002: 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167; 167 % 11 = 2 -> "X".
    assert id_check_digit("11010519491231002") == "X"
    # 33010219800101002: 21+27+0+5+0+8+2+9+48+0+0+9+0+5+0+0+4 = 138; 138 % 11 = 6 -> "6".
    assert id_check_digit("33010219800101002") == "6"
    # 33048219900101123: 21+27+0+20+64+8+2+9+54+0+0+9+0+5+8+8+6 = 241; 241 % 11 = 10 -> "2".
    assert id_check_digit("33048219900101123") == "2"


def test_valid_number_gives_region_birth_and_gender() -> None:
    info = check_id_number("330482199001011232", today=TODAY)
    assert info == IdNumberInfo("330482199001011232", "330482", date(1990, 1, 1), "男")
    # The standard's own example is right by its check digit, but born before 1900.
    with pytest.raises(ValidationError, match="1880年1月1日 早于 1900 年"):
        check_id_number("440524188001010014", today=TODAY)
    woman = check_id_number("330102198001010026")
    assert (woman.gender, woman.birth_date, woman.region_code) == ("女", date(1980, 1, 1), "330102")


def test_lowercase_x_and_spaces_are_normalised() -> None:
    info = check_id_number(" 110105 19491231 002x ")
    assert info.number == "11010519491231002X"
    assert info.gender == "女"  # 17th digit 2 is even
    assert check_id_number("33048219900101123 2").gender == "男"  # 17th digit 3 is odd


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("", ["没有填写身份证号"]),
        ("330482900101123", ["15 位的旧身份证号", "18 位"]),
        ("33048219900101123", ["18 位", "17 位"]),
        ("3304821990010112322", ["18 位", "19 位"]),
        ("3304821990010112A2", ["前 17 位必须是数字", "X"]),
        ("33048219900101123Y", ["最后一位是数字或 X"]),
        ("000482199001011232", ["地区代码", "00"]),
        # First digit 9: a 外国人永久居留身份证, whose digits 2-3 are a province code.
        ("990482199001011232", ["外国人永久居留身份证", "省级代码", "90"]),
        ("330482199002301230", ["出生日期", "19900230", "不存在"]),
        ("330482199013011230", ["19901301", "不存在"]),
        ("330482189912311230", ["1899年12月31日", "早于 1900 年"]),
        ("330482199001011233", ["校验码", "应为 2"]),
        ("11010519491231002 0", ["校验码", "应为 X"]),
    ],
)
def test_refusals_say_why(value: str, words: list[str]) -> None:
    with pytest.raises(ValidationError) as err:
        check_id_number(value, today=TODAY)
    assert err.value.field == "id_number"
    for word in words:
        assert word in err.value.message


def test_birth_after_today_refused() -> None:
    number = "330482202603061234"
    number = number[:17] + id_check_digit(number[:17])
    with pytest.raises(ValidationError, match="2026年3月6日 晚于今天"):
        check_id_number(number, today=TODAY)
    assert check_id_number(number, today=date(2026, 3, 6)).birth_date == date(2026, 3, 6)


def test_born_on_1900_01_01_accepted() -> None:
    first17 = "33048219000101123"
    assert check_id_number(first17 + id_check_digit(first17)).birth_date == date(1900, 1, 1)


def test_birth_date_given_must_agree() -> None:
    with pytest.raises(ValidationError) as err:
        check_id_number("330482199001011232", date(1990, 1, 2), field="party_id")
    assert "1990年1月1日" in err.value.message and "1990年1月2日" in err.value.message
    assert "不一致" in err.value.message and err.value.field == "party_id"
    assert check_id_number("330482199001011232", date(1990, 1, 1)).birth_date == date(1990, 1, 1)


def test_every_listed_province_accepted_and_others_refused() -> None:
    assert set(LISTED) == PROVINCES
    for prefix in range(100):
        first17 = f"{prefix:02d}0101199001011{prefix % 10}3"[:17]
        number = first17 + id_check_digit(first17)
        foreign = prefix >= 90  # 外国人永久居留身份证: digits 2-3 are the province
        if foreign and int(number[1:3]) in PROVINCES and number[1] not in "78":
            assert check_id_number(number).id_type == "外国人永久居留身份证"
        elif not foreign and prefix in PROVINCES:
            assert check_id_number(number).region_code == f"{prefix:02d}0101"
        else:
            with pytest.raises(ValidationError, match="地区代码|省级代码"):
                check_id_number(number)


valid_first17 = st.builds(
    lambda prov, county, born, serial: f"{prov}{county:04d}{born:%Y%m%d}{serial:03d}",
    st.sampled_from(LISTED),
    st.integers(0, 9999),
    st.dates(min_value=date(1900, 1, 1), max_value=TODAY),
    st.integers(0, 999),
)


@given(valid_first17)
def test_valid_number_passes_and_every_other_last_char_fails(first17: str) -> None:
    good = first17 + id_check_digit(first17)
    info = check_id_number(good, today=TODAY)
    assert info.number == good and info.birth_date.strftime("%Y%m%d") == first17[6:14]
    assert info.gender == ("男" if int(first17[16]) % 2 else "女")
    for other in "0123456789X":
        if other != good[-1]:
            with pytest.raises(ValidationError, match=f"应为 {good[-1]}"):
                check_id_number(first17 + other, today=TODAY)
    # The lower-case x is the same number.
    assert check_id_number(good.lower(), today=TODAY).number == good


@given(valid_first17, st.integers(0, 17), st.integers(1, 9))
def test_changing_any_single_digit_is_caught(first17: str, pos: int, delta: int) -> None:
    good = first17 + id_check_digit(first17)
    if good[pos] == "X":
        changed = good[:pos] + str(delta)
    else:
        changed = good[:pos] + str((int(good[pos]) + delta) % 10) + good[pos + 1 :]
    with pytest.raises(ValidationError):
        check_id_number(changed, today=TODAY)


@given(valid_first17, st.integers(0, 15))
def test_swapping_two_neighbouring_digits_is_caught(first17: str, pos: int) -> None:
    good = first17 + id_check_digit(first17)
    if good[pos] != good[pos + 1]:
        swapped = good[:pos] + good[pos + 1] + good[pos] + good[pos + 2 :]
        with pytest.raises(ValidationError):
            check_id_number(swapped, today=TODAY)


def test_mask_examples() -> None:
    assert mask_id_number("330482199001011234") == "330482********1234"
    assert mask_id_number("11010519491231002X") == "110105********002X"
    assert mask_id_number("") == ""
    assert mask_id_number("12345") == "*****"
    assert mask_id_number("1234567890") == "**********"
    assert mask_id_number("12345678901") == "123456*8901"


@given(st.text(alphabet="0123456789X", max_size=25))
def test_mask_keeps_length_and_hides_the_middle(value: str) -> None:
    masked = mask_id_number(value)
    assert len(masked) == len(value)
    if len(value) > 10:
        assert masked[:6] == value[:6] and masked[-4:] == value[-4:]
        assert set(masked[6:-4]) == {"*"}
    else:
        assert set(masked) <= {"*"}


@given(st.text(max_size=20) | st.text(alphabet="0123456789xX² ١", min_size=15, max_size=19))
def test_anything_is_accepted_or_refused_in_chinese(text: str) -> None:
    try:
        info = check_id_number(text, today=TODAY)
    except ValidationError as err:
        assert "身份证号" in err.message
    else:
        assert info.number.isascii() and check_id_number(info.number, today=TODAY) == info
