"""Money: exact parsing to fen, display with two decimals, and Chinese financial capitals
checked by hand against the 支付结算办法 conventions and by their 零/整 properties."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.errors import ValidationError
from desktop.core.validation import capital_amount, format_yuan, parse_yuan

# Each read aloud digit by digit: a 零 stands for a run of zeros inside an amount (壹仟零壹),
# a whole zero 万 section between spoken ones (壹亿零壹), or a zero 角 before 分 (壹元零伍分);
# zeros ending a section before a non-zero 千 need none (壹拾万柒仟).
HAND_CHECKED = {
    "12000.5": "人民币壹万贰仟元伍角",
    "12000": "人民币壹万贰仟元整",
    "0": "人民币零元整",
    "0.05": "人民币伍分",
    "0.5": "人民币伍角",
    "0.10": "人民币壹角",
    "0.15": "人民币壹角伍分",
    "1.05": "人民币壹元零伍分",
    "1.5": "人民币壹元伍角",
    "10": "人民币壹拾元整",
    "10.01": "人民币壹拾元零壹分",
    "100000": "人民币壹拾万元整",
    "1001.1": "人民币壹仟零壹元壹角",
    "1010": "人民币壹仟零壹拾元整",
    "10100": "人民币壹万零壹佰元整",
    "20010": "人民币贰万零壹拾元整",
    "100010": "人民币壹拾万零壹拾元整",
    "100000000": "人民币壹亿元整",
    "105000": "人民币壹拾万伍仟元整",
    "1004000.08": "人民币壹佰万肆仟元零捌分",
    "30000.3": "人民币叁万元叁角",
    "6007.14": "人民币陆仟零柒元壹角肆分",
    "1680.32": "人民币壹仟陆佰捌拾元叁角贰分",
    "107000.53": "人民币壹拾万柒仟元伍角叁分",
    "1409.50": "人民币壹仟肆佰零玖元伍角",
    "325.04": "人民币叁佰贰拾伍元零肆分",
    "1000000000": "人民币壹拾亿元整",
    "100000001": "人民币壹亿零壹元整",
    "110000000": "人民币壹亿壹仟万元整",
    "100105000": "人民币壹亿零壹拾万伍仟元整",
    "999999999999.99": "人民币玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分",
    "1000000000000": "人民币壹万亿元整",
}


@pytest.mark.parametrize(("yuan", "words"), sorted(HAND_CHECKED.items()))
def test_capital_amount_hand_checked(yuan: str, words: str) -> None:
    assert capital_amount(parse_yuan(yuan)) == words


def test_capital_amount_beyond_the_input_limit_still_reads_right() -> None:
    # 12345 亿 is read as one 亿 section, not as 壹万亿贰仟叁佰肆拾伍亿.
    assert capital_amount(1_2345_0000_0000 * 100) == "人民币壹万贰仟叁佰肆拾伍亿元整"
    assert capital_amount(1_0001_0000_0000 * 100) == "人民币壹万零壹亿元整"
    assert capital_amount(1_0000_0000_0001 * 100) == "人民币壹万亿零壹元整"


def test_capital_amount_refuses_negative() -> None:
    with pytest.raises(ValueError):
        capital_amount(-1)


@pytest.mark.parametrize(
    ("raw", "fen"),
    [
        ("12000", 1200000),
        ("12,000.5", 1200050),
        ("１２０００", 1200000),
        ("１２，０００．５０", 1200050),
        ("12000元", 1200000),
        ("¥12000.50", 1200050),
        ("￥ 12,000.50 元", 1200050),
        ("人民币300", 30000),
        ("RMB300", 30000),
        (" 0.01 ", 1),
        ("0", 0),
        (".5", 50),
        ("1000000000000", 10**14),
        (Decimal("0.01"), 1),
        (Decimal("12000.50"), 1200050),
        (7, 700),
        (0, 0),
    ],
)
def test_parse_yuan_accepts(raw: str | int | Decimal, fen: int) -> None:
    assert parse_yuan(raw) == fen


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        ("-5", ["负数"]),
        ("－5", ["负数"]),
        (Decimal("-0.01"), ["负数"]),
        (-3, ["负数"]),
        ("1.005", ["两位小数", "到分"]),
        (Decimal("0.001"), ["两位小数"]),
        ("一万", ["不是数字", "例如 12000"]),
        ("12元5角", ["不是数字"]),
        ("", ["没有填写金额", "例如 12000"]),
        ("¥ 元", ["没有填写金额"]),
        ("abc", ["不是数字"]),
        ("NaN", ["不是数字"]),
        ("Infinity", ["不是数字"]),
        ("1e20", ["太大"]),
        ("1e30", ["太大"]),
        ("9" * 40, ["太大"]),
        ("1000000000000.01", ["太大", "一万亿"]),
        (10**12 + 1, ["太大"]),
    ],
)
def test_parse_yuan_refusals(raw: str | int | Decimal, words: list[str]) -> None:
    with pytest.raises(ValidationError) as err:
        parse_yuan(raw)
    for word in words:
        assert word in err.value.message


def test_parse_yuan_field_is_passed_on() -> None:
    with pytest.raises(ValidationError) as err:
        parse_yuan("一万", field="amount")
    assert err.value.field == "amount"
    with pytest.raises(ValidationError) as err:
        parse_yuan("一万")
    assert err.value.field is None


@pytest.mark.parametrize(
    ("fen", "shown"),
    [
        (0, "0.00"),
        (5, "0.05"),
        (50, "0.50"),
        (100, "1.00"),
        (1200050, "12,000.50"),
        (123456789, "1,234,567.89"),
        (10**14, "1,000,000,000,000.00"),
        (-5, "-0.05"),
        (-1200050, "-12,000.50"),
    ],
)
def test_format_yuan(fen: int, shown: str) -> None:
    assert format_yuan(fen) == shown


fens = st.integers(0, 10**14)


@given(fens)
def test_format_and_parse_round_trip(fen: int) -> None:
    assert parse_yuan(format_yuan(fen)) == fen
    assert parse_yuan(format_yuan(fen).replace(",", "") + "元") == fen
    assert parse_yuan(Decimal(fen) / 100) == fen


@given(st.integers(0, 10**12))
def test_whole_yuan_ints_are_exact(yuan: int) -> None:
    assert parse_yuan(yuan) == yuan * 100 == parse_yuan(str(yuan))


@given(fens)
def test_capital_amount_properties(fen: int) -> None:
    words = capital_amount(fen)
    assert words.startswith("人民币")
    assert "零零" not in words and not words.endswith("零")
    assert words.endswith("整") == (fen % 100 == 0)
    assert ("角" in words) == (fen // 10 % 10 != 0) and ("分" in words) == (fen % 10 != 0)
    if 0 < fen < 100:
        # Under one yuan: straight to 角/分, no 元 and no leading 零.
        assert "元" not in words and not words.startswith("人民币零")
    if fen >= 100:
        assert "元" in words and not words.startswith("人民币零")


@given(st.integers(1, 9999), st.integers(1, 9999))
def test_zero_section_between_spoken_ones_reads_one_zero(high: int, low: int) -> None:
    # high 亿, nothing in the 万 section, then low: always exactly one 零 right after 亿.
    words = capital_amount((high * 10**8 + low) * 100)
    assert words.split("亿")[1].startswith("零")
