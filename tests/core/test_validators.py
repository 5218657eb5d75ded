"""Validators against hand-checked values, and their properties (hypothesis)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.errors import ValidationError
from desktop.core.validation import (
    capital_amount,
    check_credit_code,
    check_date_order,
    check_id_number,
    check_phone,
    credit_code_check_char,
    format_cn_date,
    format_yuan,
    id_check_digit,
    mask_id_number,
    mask_phone,
    parse_date,
    parse_yuan,
)

# ---------------------------------------------------------------- 身份证号 (GB 11643)


def test_id_check_digit_by_hand() -> None:
    # 11010519491231002: 1*7+1*9+0*10+1*5+0*8+5*4+1*2+9*1+4*6+9*3+1*7+2*9+3*10+1*5+0*8+0*4+2*2
    # = 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167; 167 % 11 = 2 -> "X"
    assert id_check_digit("11010519491231002") == "X"
    # 33048219900101123: 3*7+3*9+0+4*5+8*8+2*4+1*2+9+9*6+0+0+1*9+0+1*5+1*8+2*4+3*2
    # = 21+27+0+20+64+8+2+9+54+0+0+9+0+5+8+8+6 = 241; 241 % 11 = 10 -> "2"
    assert id_check_digit("33048219900101123") == "2"


def test_valid_id_number_gives_birth_and_gender() -> None:
    info = check_id_number("11010519491231002x")
    assert info.number == "11010519491231002X" and info.birth_date == date(1949, 12, 31)
    assert info.gender == "女" and info.region_code == "110105"
    assert check_id_number(" 330482 19900101 1232 ").gender == "男"


@pytest.mark.parametrize(("value", "words"), [
    ("33048219900101123", "18 位"),
    ("330482900101123", "15 位的旧身份证号"),
    ("3304821990010112A2", "前 17 位必须是数字"),
    ("000482199001011232", "地区代码"),
    ("330482199002301230", "出生日期“19900230”不存在"),
    ("330482189001011231", "不合理"),
    ("330482199001011233", "按前 17 位应为 2"),
])
def test_bad_id_numbers_say_why(value: str, words: str) -> None:
    with pytest.raises(ValidationError, match=words) as err:
        check_id_number(value)
    assert err.value.field == "id_number"


def test_id_birth_date_must_agree() -> None:
    with pytest.raises(ValidationError, match="1990年1月1日.*1990年1月2日"):
        check_id_number("330482199001011232", date(1990, 1, 2))
    assert check_id_number("330482199001011232", date(1990, 1, 1)).birth_date == date(1990, 1, 1)


def test_id_birth_in_future_refused() -> None:
    with pytest.raises(ValidationError, match="不合理"):
        check_id_number("330482199001011232", today=date(1989, 1, 1))


valid_first17 = st.builds(
    lambda prov, born, serial: f"{prov}0482{born:%Y%m%d}{serial:03d}",
    st.sampled_from([11, 33, 44, 65]),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2020, 12, 31)),
    st.integers(0, 999),
)


@given(valid_first17)
def test_any_valid_number_passes_and_other_check_digits_fail(first17: str) -> None:
    good = first17 + id_check_digit(first17)
    assert check_id_number(good).number == good
    for other in "0123456789X":
        if other != good[-1]:
            with pytest.raises(ValidationError):
                check_id_number(first17 + other)


@given(valid_first17, st.integers(0, 16), st.integers(1, 9))
def test_changing_any_single_digit_is_caught(first17: str, pos: int, delta: int) -> None:
    good = first17 + id_check_digit(first17)
    changed = good[:pos] + str((int(good[pos]) + delta) % 10) + good[pos + 1:]
    with pytest.raises(ValidationError):
        check_id_number(changed)


def test_mask_id() -> None:
    assert mask_id_number("330482199001011234") == "330482********1234"
    assert mask_id_number("12345") == "*****"


# ---------------------------------------------------------------- 统一社会信用代码 (GB 32100)

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def test_credit_codes() -> None:
    assert check_credit_code("91350100M000100Y43") == "91350100M000100Y43"
    assert check_credit_code("91110000 802100433b") == "91110000802100433B"
    with pytest.raises(ValidationError, match="应为 3"):
        check_credit_code("91350100M000100Y44")
    with pytest.raises(ValidationError, match="18 位"):
        check_credit_code("91350100M000100Y4")
    with pytest.raises(ValidationError, match="I、O、Z、S、V") as err:
        check_credit_code("91350100M0001O0Y43")
    assert "O" in err.value.message


@given(st.text(alphabet=ALPHABET, min_size=17, max_size=17), st.integers(0, 16),
       st.sampled_from(ALPHABET))
def test_credit_code_single_change_caught(first17: str, pos: int, new: str) -> None:
    good = first17 + credit_code_check_char(first17)
    assert check_credit_code(good) == good
    if new != good[pos]:
        changed = good[:pos] + new + good[pos + 1:]
        with pytest.raises(ValidationError):
            check_credit_code(changed)


# ---------------------------------------------------------------- phones


@pytest.mark.parametrize(("raw", "norm"), [
    ("13812345678", "13812345678"), ("138 1234 5678", "13812345678"), ("+86 138-1234-5678", "13812345678"),
    ("0573-85123456", "0573-85123456"), ("(0573)85123456", "0573-85123456"),
    ("057385123456", "0573-85123456"), ("0573-85123456转123", "0573-85123456-123"),
    ("010-12345678", "010-12345678"), ("01012345678", "010-12345678"), ("+86-573-85123456", "0573-85123456"),
])
def test_phones_normalised(raw: str, norm: str) -> None:
    assert check_phone(raw) == norm
    assert check_phone(norm) == norm


@pytest.mark.parametrize("raw", ["1381234567", "23812345678", "85123456", "电话", "12345678901"])
def test_bad_phones_refused(raw: str) -> None:
    with pytest.raises(ValidationError, match="手机号应为 1 开头的 11 位数字"):
        check_phone(raw)


@given(st.sampled_from("3456789"), st.integers(0, 10**9 - 1))
def test_mobiles_round_trip(second: str, rest: int) -> None:
    number = f"1{second}{rest:09d}"
    assert check_phone(number) == number
    assert mask_phone(number) == number[:3] + "****" + number[-4:]


# ---------------------------------------------------------------- money

HAND_CHECKED = {
    "12000.5": "人民币壹万贰仟元伍角", "12000": "人民币壹万贰仟元整", "0": "人民币零元整",
    "0.05": "人民币伍分", "0.5": "人民币伍角", "1.05": "人民币壹元零伍分", "10": "人民币壹拾元整",
    "100000": "人民币壹拾万元整", "1001.1": "人民币壹仟零壹元壹角", "100000000": "人民币壹亿元整",
    "105000": "人民币壹拾万伍仟元整", "1004000.08": "人民币壹佰万肆仟元零捌分",
    "30000.3": "人民币叁万元叁角", "6007.14": "人民币陆仟零柒元壹角肆分",
    "1680.32": "人民币壹仟陆佰捌拾元叁角贰分", "107000.53": "人民币壹拾万柒仟元伍角叁分",
    "1409.50": "人民币壹仟肆佰零玖元伍角", "325.04": "人民币叁佰贰拾伍元零肆分",
    "1000000000": "人民币壹拾亿元整", "100000001": "人民币壹亿零壹元整",
    "110000000": "人民币壹亿壹仟万元整", "20010": "人民币贰万零壹拾元整",
}


@pytest.mark.parametrize(("yuan", "words"), sorted(HAND_CHECKED.items()))
def test_capital_amount_hand_checked(yuan: str, words: str) -> None:
    assert capital_amount(parse_yuan(yuan)) == words


@pytest.mark.parametrize(("raw", "fen"), [
    ("12,000.5", 1200050), ("１２０００", 1200000), ("12000元", 1200000), ("¥12000.50", 1200050),
    ("人民币300", 30000), (Decimal("0.01"), 1), (7, 700),
])
def test_parse_yuan(raw: object, fen: int) -> None:
    assert parse_yuan(raw) == fen  # type: ignore[arg-type]


@pytest.mark.parametrize(("raw", "words"), [
    ("-5", "负数"), ("1.005", "两位小数"), ("一万", "不是数字"), ("NaN", "不是数字"), ("1e20", "太大"),
])
def test_parse_yuan_refusals(raw: str, words: str) -> None:
    with pytest.raises(ValidationError, match=words):
        parse_yuan(raw)


@given(st.integers(0, 10**14 - 1))
def test_money_properties(fen: int) -> None:
    assert parse_yuan(format_yuan(fen)) == fen
    words = capital_amount(fen)
    assert words.startswith("人民币") and "零零" not in words and not words.endswith("零")
    assert words.endswith("整") == (fen % 100 == 0)


# ---------------------------------------------------------------- dates


@pytest.mark.parametrize("raw", ["2026-03-05", "2026/3/5", "2026年3月5日", "20260305", "2026.3.5"])
def test_parse_dates(raw: str) -> None:
    assert parse_date(raw) == date(2026, 3, 5)


@pytest.mark.parametrize("raw", ["2026-02-30", "昨天", "3/5/2026", ""])
def test_bad_dates(raw: str) -> None:
    with pytest.raises(ValidationError, match="看不懂或不存在"):
        parse_date(raw)


def test_date_order() -> None:
    check_date_order(date(2026, 3, 5), date(2026, 3, 5), "受理日期", "协议日期")
    check_date_order(None, date(2026, 3, 5), "受理日期", "协议日期")
    with pytest.raises(ValidationError, match=r"协议日期（2026年3月1日）早于受理日期（2026年3月5日）"):
        check_date_order(date(2026, 3, 5), date(2026, 3, 1), "受理日期", "协议日期", field="agreement_on")


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)), st.integers(0, 400))
def test_format_and_parse_round_trip(d: date, k: int) -> None:
    assert parse_date(format_cn_date(d)) == d
    check_date_order(d, d + timedelta(days=k), "甲", "乙")
